// The refinement condition of a function pair as one SMT query whose models are
// counterexamples: inputs (arguments, initial memory, what external calls return and write)
// under which the source has no undefined behaviour and stays within the unrolling bound,
// while the target has undefined behaviour, or makes a different sequence of calls
// (callee, arguments, observable memory at the call), or returns differently (whether it
// returns, the values where the source's are not poison, the observable memory after).
import type { TermFactory } from '../smt/factory.ts';
import { bvSort, type Term } from '../smt/term.ts';
import type { Dom } from '../semantics/mlir/domain.ts';
import { ADDR_SORT, type SymBlock } from '../semantics/mlir/symbolic-memory.ts';
import { initialLive, initialWord, initialWordPoison, type SideResult, type SScalar } from '../semantics/mlir/symexec.ts';
import { BID_BITS, OFF_BITS } from '../semantics/mlir/values.ts';
import { markedAtCall, pastRecorded, uncoveredSnapshots } from '../semantics/mlir/undef-snapshots.ts';
import { CANONICAL_NAN } from '../semantics/mlir/float.ts';
import { freeVars as allFreeVars, walk } from '../smt/smtlib.ts';
import { EvalError, evaluate, type Model } from '../smt/model.ts';
import { rewriteTerms } from '../smt/rewrite.ts';

export type Query = {
  /** The assertion whose models are counterexamples (literally false: refinement holds). */
  mismatch: Term;
  /** Every assertion of the query. */
  assertions: Term[];
  /** Reaching an unrolling cut: satisfiable means the verdict can only be bounded. */
  cutReachable: Term;
  // ---- undef (begin): undef engineer
  /** The source computing with a read of memory nobody wrote (SideResult.undefList), with
   *  the inputs' assumptions only: satisfiable means no proof (its poison may excuse what
   *  LLVM's undef would not); literally false when there is no such computation. */
  undef: SourceUndef;
  /** `mismatch` as `rest or part`, where `part` is the snapUndef comparison (an unwritten
   *  source byte a call sees, poison in the target): present only when that comparison is.
   *  Solving `rest` first keeps its cost off the queries whose difference lies elsewhere. */
  snapUndefSplit?: { rest: Term; part: Term };
  // ---- undef (end)
};

/** Unequal, respecting poison: src's value is not poison and tgt's is poison or differs. */
function scalarMismatch(f: TermFactory, D: Dom<Term, Term>, s: SScalar, t: SScalar): Term {
  let differ: Term;
  if (s.kind === 'ptr' && t.kind === 'ptr') differ = f.or(f.not(D.eq(s.bid, t.bid, BID_BITS)), f.not(D.eq(s.off, t.off, OFF_BITS)));
  else if (s.kind !== 'ptr' && t.kind !== 'ptr' && s.w === t.w) differ = f.or(f.not(D.eq(s.v, t.v, s.w)), extraNaN(f, s.v, t.v));
  else differ = f.true;
  return f.or(poisonAware(f, s.poison, t.poison, differ), undefResult(f, s, t)); // undefResult: undef engineer
}

/** A NaN the target computes from NaN operands the source's value does not compute with:
 *  LangRef "Behavior of Floating-Point NaN values" lets a NaN result be the preferred NaN or
 *  a quieted NaN operand *of that op*, so such a target may pass on a payload the source's
 *  cannot (`select(uno x, y + x, x + x)` for `x + x`: natively y's payload, never the
 *  source's). The model writes one canonical NaN for every computed NaN, so that was proved,
 *  through a float result, an integer read of the stored bits, or observable memory.
 *  The condition (where one of those target ops gives a NaN) counts as a difference; the
 *  replay, with canonical NaNs, cannot show it: `unknown: NaN payload` (validate.ts).
 *  Approximate: an op counts when its operands read a NaN the source's value positions do
 *  not (the same operands, min/max selects and commuted operands are let through). */
export function extraNaN(f: TermFactory, s: Term, t: Term): Term {
  if (s.id === t.id) return f.false;
  const tOps = nanOps(t);
  if (!tOps.length) return f.false;
  const src = srcNanInputs(s);
  const extra = tOps.filter((r) => [...nanInputs(r)].some((id) => !src.has(id)));
  if (!extra.length) return f.false;
  const c = f.or(...extra.map((r) => f.app('fp.isNaN', [r])));
  NAN_SET.add(c);
  return c;
}

const NAN_SET = new WeakSet<Term>();

/** The operand bits whose NaN the source's value carries on every path: nanOps' inputs, but an
 *  ite that is not a NaN canonicalisation keeps only what both arms carry. The union let a
 *  target NaN through when the source's op with those operands sat in the arm not taken:
 *  `select(uno x, 0x7fc00000, fptrunc x)` for `fptrunc x` was proved (natively 0x7fc00000 vs
 *  0xffc00000 for x = -NaN; scratch/review20 Q2). Iterative: memory store chains are deep. */
const SRC_INPUTS = new WeakMap<Term, Set<number>>();
const NONE_IN = new Set<number>();
function srcNanInputs(t: Term): Set<number> {
  const stack: [Term, boolean][] = [[t, false]];
  while (stack.length) {
    const [x, done] = stack.pop()!;
    if (SRC_INPUTS.has(x)) continue;
    if (x.kind !== 'app') {
      SRC_INPUTS.set(x, NONE_IN);
      continue;
    }
    const canon = canonicalised(x);
    if (canon) {
      SRC_INPUTS.set(x, nanInputs(canon));
      continue;
    }
    const kids = x.op === 'ite' ? x.args.slice(1) : x.args;
    if (!done) {
      stack.push([x, true]);
      for (const k of kids) if (!SRC_INPUTS.has(k)) stack.push([k, false]);
      continue;
    }
    const sets = kids.map((k) => SRC_INPUTS.get(k)!);
    let out: Set<number>;
    if (x.op === 'ite') out = new Set([...sets[0]!].filter((id) => sets[1]!.has(id)));
    else out = sets.length === 1 ? sets[0]! : new Set(sets.flatMap((z) => [...z]));
    SRC_INPUTS.set(x, out.size ? out : NONE_IN);
  }
  return SRC_INPUTS.get(t)!;
}

/** r of `ite(fp.isNaN(r), canonical NaN, bits of r)` (symbolic-float.ts), r an fp op (not a
 *  bare operand), as nanOps reads it; else null. */
function canonicalised(x: Term): Term | null {
  if (x.kind !== 'app' || x.op !== 'ite') return null;
  const c = x.args[0]!;
  const t1 = x.args[1]!;
  const r = c.kind === 'app' && c.op === 'fp.isNaN' && t1.kind === 'bv' && Object.values(CANONICAL_NAN).includes(t1.value) ? c.args[0]! : null;
  return r && r.kind === 'app' && !(r.op === 'to_fp' && r.args.length === 1) ? r : null;
}

/** Does one of extraNaN's conditions in the query hold under the model (a model of it may
 *  replay as "both sides behave the same": the replay writes canonical NaNs), or may it (one the
 *  evaluator cannot decide: model-fp.ts has no exact fma, rem, binary16 arithmetic)? Only
 *  then is a model that does not replay the NaN-payload unknown; otherwise the replay's
 *  failure is the engine's (scratch/review13 K6). */
export function nanSetHolds(t: Term, model: Model): boolean {
  const conds: Term[] = [];
  walk([t], (x) => {
    if (NAN_SET.has(x)) conds.push(x);
  });
  return conds.some((c) => {
    try {
      return evaluate(c, model, { complete: true }) === true;
    } catch (e) {
      if (e instanceof EvalError) return true;
      throw e;
    }
  });
}

/** `ts` with every extraNaN condition false: the mismatch without the NaN-payload
 *  differences. A condition is not guarded by the path that selects its op (an unselected
 *  `z - z` counts wherever z is infinite), so a model of it may show nothing at all while a
 *  real difference exists on other inputs: validate.ts asks this too before it settles for
 *  `unknown: NaN payload` (review 16, probe-nan-set-hides). */
export function withoutNanSet(f: TermFactory, ts: Term[]): Term[] {
  return rewriteTerms(f, ts, { onApp: (x) => (NAN_SET.has(x) ? f.false : undefined) });
}

/** nanOps per term (terms are immutable): the cut-point query asks extraNaN of the same
 *  memory and trace arrays once per block and per call word. */
const NAN_OPS = new WeakMap<Term, Term[]>();

const FP_ARITH = new Set(['fp.add', 'fp.sub', 'fp.mul', 'fp.div', 'fp.rem', 'fp.sqrt', 'fp.fma', 'fp.roundToIntegral']);

/** The fp results whose bits a value (an integer, a float's bits, a byte array) may hold:
 *  symbolic-float.ts writes a result as `ite(fp.isNaN(r), canonical NaN, bits of r)`; a
 *  condition (a compare of floats) holds no bits and is not entered. */
function nanOps(t: Term): Term[] {
  const known = NAN_OPS.get(t);
  if (known) return known;
  const out: Term[] = [];
  NAN_OPS.set(t, out);
  const seen = new Set<number>();
  const stack = [t]; // (iterative: a memory's store chain may be thousands deep)
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x.id) || x.kind !== 'app') continue;
    seen.add(x.id);
    if (x.op !== 'ite') {
      stack.push(...x.args);
      continue;
    }
    const c = x.args[0]!;
    // (a NaN test of a bare operand, `to_fp(bits)`, selects the preferred NaN: min/max)
    const t1 = x.args[1]!;
    const r = c.kind === 'app' && c.op === 'fp.isNaN' && t1.kind === 'bv' && Object.values(CANONICAL_NAN).includes(t1.value) ? c.args[0]! : null;
    if (r && r.kind === 'app' && !(r.op === 'to_fp' && r.args.length === 1)) out.push(r);
    else stack.push(x.args[1]!, x.args[2]!);
  }
  return out;
}

/** The operand bits (the terms under `to_fp`) whose NaN the arithmetic of the fp term r may
 *  quiet and pass on. */
function nanInputs(r: Term): Set<number> {
  const out = new Set<number>();
  const operand = (x: Term) => x.kind === 'app' && x.op === 'to_fp' && x.args.length === 1;
  const carries = (x: Term) => x.kind === 'app' && !operand(x) && (FP_ARITH.has(x.op) || x.op === 'to_fp' || x.op === 'ite' || x.sort.kind === 'fp');
  walk([r], (x) => {
    if (x.kind === 'app' && operand(x)) out.add(x.args[0]!.id);
  }, carries);
  return out;
}

// ---- undef (begin): undef engineer
/** The source's value is undef (a read of memory nobody wrote, moved unchanged: its `fresh`
 *  mark, which excludes poison, values.ts) and the target's is poison: LLVM 19 LangRef,
 *  "Undefined Values": undef may be refined to any defined value, but poison refines
 *  nothing but poison. The target's own mark says its poison is such an undef read too (a
 *  target moving the same read is fine). The bits the source did write are not compared (a
 *  partly written value is undef as a whole here): a documented gap. */
function undefResult(f: TermFactory, s: SScalar, t: SScalar): Term {
  if (s.fresh === undefined || (s.fresh.kind === 'bool' && !s.fresh.value)) return f.false;
  if (t.fresh !== undefined && t.fresh.id === s.fresh.id) return f.false;
  if (t.poison.kind === 'bool' && !t.poison.value) return f.false;
  return f.and(s.fresh, t.poison, ...(t.fresh === undefined ? [] : [f.not(t.fresh)]));
}

/** A byte of an argument block or a mutable global where the source stored an undef (a read
 *  of memory nobody wrote, moved unchanged: its `fresh` array, pair.ts) and the target left
 *  poison that is no such undef of its own — the memory counterpart of undefResult. Blocks
 *  the source allocates are not covered (their unwritten bytes would need the cut-point
 *  relation to keep marks: a documented gap), nor memory a call sees. Literally false when
 *  the source stored no such value there (the corpus: no solver cost). */
function undefMemory(f: TermFactory, S: SideResult['final'], T: SideResult['final'], a: Term): Term {
  const aBid = f.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a);
  const aOff = f.extract(OFF_BITS - 1, 0, a);
  const marked = (b: SymBlock) => !(b.fresh!.kind === 'constArray' && b.fresh!.value.kind === 'bool' && !b.fresh!.value.value);
  const src = S.mem.blocks.filter((b): b is SymBlock => b !== undefined && b.inU && b.allocated === undefined && b.fresh !== undefined && (b.freshIsPoison === true || marked(b)));
  if (!src.length) return f.false;
  const undef = f.or(...src.map((b) => f.and(f.eq(aBid, b.bid), b.freshIsPoison ? f.select(S.mem.UP, a) : f.select(b.fresh!, aOff))));
  const tgt = T.mem.blocks.filter((b): b is SymBlock => b !== undefined && b.inU && b.fresh !== undefined && !b.freshIsPoison && marked(b));
  const own = f.or(...tgt.map((b) => f.and(f.eq(aBid, b.bid), ...(b.allocated ? [b.allocated] : []), f.select(b.fresh!, aOff))));
  return f.and(undef, f.select(T.mem.UP, a), f.not(own));
}
// ---- undef (end)

/** not ps and (pt or differ), folding the cases where both sides are the same terms. */
function poisonAware(f: TermFactory, ps: Term, pt: Term, differ: Term): Term {
  if (differ.kind === 'bool' && !differ.value && ps.id === pt.id) return f.false;
  if (ps.id === pt.id) return f.and(f.not(ps), differ);
  return f.and(f.not(ps), f.or(pt, differ));
}

// ---- zero-init (begin)
/** An address past the end of an observable block the source allocated: no byte of the
 *  source (reading it is UB there), so the target's byte is not compared — as if poison. A target
 *  block larger than the source's (runtime_buffer_larger) has fresh, poison bytes there,
 *  where the source's U holds whatever it held. `allocated` guards a block of a merged path
 *  that this path never allocated (its id may name another block); unlike liveness, a free
 *  (say by a callee) does not clear it. */
function beyondSource(f: TermFactory, S: SideResult['final'], a: Term): Term {
  const aBid = f.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a);
  const aOff = f.extract(OFF_BITS - 1, 0, a);
  const own = S.mem.blocks.filter((b): b is SymBlock => b !== undefined && b.inU && b.allocated !== undefined);
  return f.or(...own.map((b) => f.and(b.allocated!, f.eq(aBid, b.bid), f.app('bvuge', [aOff, b.size]))));
}
// ---- zero-init (end)

// ---- liveness (begin)
/** After the return, at the block of the witness address: `freedInTarget`, a block the caller
 *  can still reach (observable, not a stack block) that the source leaves alive and the target
 *  does not (freed, or never made): the caller's next access is UB in the target only; and
 *  `deadInSource`, a block the source made or was given and has freed: the caller cannot read
 *  it, so its bytes are not compared. Before, only bytes were compared: a target that frees the
 *  memref it returns was proved, and one that writes other bytes into a block both sides free
 *  was refuted (tests/verifier/tv/probe-freed-blocks.test.ts; replay.ts freedDiff alike). */
function liveness(f: TermFactory, S: SideResult['final'], T: SideResult['final'], aBid: Term): { freedInTarget: Term; deadInSource: Term } {
  const reach = S.mem.blocks.filter((b): b is SymBlock => b !== undefined && b.inU && b.kind !== 'stack');
  if (!reach.length) return { freedInTarget: f.false, deadInSource: f.false };
  const made = (b: SymBlock) => (b.allocated ? [b.allocated] : []);
  const deadS = f.or(...reach.map((b) => f.and(f.eq(aBid, b.bid), ...made(b), f.not(b.alive))));
  const tAlive = T.mem.blocks.filter((b): b is SymBlock => b !== undefined && b.kind !== 'stack').map((b) => f.and(f.eq(aBid, b.bid), ...made(b), b.alive));
  // A source disjunct that is also one of the target's (the same hash-consed term: the same
  // id, made and liveness terms) implies aliveT, so `d and not aliveT` is false: dropped, an
  // exact rewrite. Where neither side frees, the sides' liveness terms are as a rule the same
  // (the shared initial ones, the same havoc unknowns in cut-point mode, the same call's
  // frees), every disjunct goes and the comparison folds to false as it did before it existed:
  // it had kept such pairs' queries from folding away (checksums @adler32, convert-scf-to-cf:
  // a solver call where none was needed — the upstream passes' median check time doubled;
  // tests/verifier/tv/liveness-folds.test.ts).
  const inT = new Set(tAlive.map((d) => d.id));
  const aliveS = f.or(...reach.map((b) => f.and(f.eq(aBid, b.bid), ...made(b), b.alive)).filter((d) => !inT.has(d.id)));
  if (aliveS.kind === 'bool' && !aliveS.value) return { freedInTarget: f.false, deadInSource: deadS };
  return { freedInTarget: f.and(aliveS, f.not(f.or(...tAlive))), deadInSource: deadS };
}
// ---- liveness (end)

export function refinementQuery(f: TermFactory, D: Dom<Term, Term>, pre: Term[], src: SideResult, tgt: SideResult): Query {
  const n = f.var('w.call', bvSort(64));
  const a = f.var('w.addr', ADDR_SORT);
  const a2 = f.var('w.snap', ADDR_SORT);
  const S = src.final;
  const T = tgt.final;
  // the sequence of calls
  const nw = Math.max(S.tr.words.length, T.tr.words.length);
  const wordDiff: Term[] = [];
  for (let j = 0; j < nw; j++) {
    const ws = f.select(S.tr.words[j] ?? initialWord(f), n);
    const wt = f.select(T.tr.words[j] ?? initialWord(f), n);
    const ps = f.select(S.tr.wpoison[j] ?? initialWordPoison(f), n);
    const pt = f.select(T.tr.wpoison[j] ?? initialWordPoison(f), n);
    wordDiff.push(poisonAware(f, ps, pt, f.or(f.not(f.eq(ws, wt)), extraNaN(f, ws, wt))));
    // undef engineer: an undef argument word of the source, poison (no undef of its own) in
    // the target's — undefResult's rule at a call
    if (S.tr.wfresh?.[j]) {
      const ft = T.tr.wfresh?.[j];
      wordDiff.push(f.and(f.select(S.tr.wfresh[j]!, n), pt, ...(ft ? [f.not(f.select(ft, n))] : [])));
    }
  }
  const snapS = f.select(S.tr.snapU, n);
  const snapT = f.select(T.tr.snapU, n);
  const snapPS = f.select(S.tr.snapUP, n);
  const snapPT = f.select(T.tr.snapUP, n);
  const snapDiff = poisonAware(f, f.or(f.select(snapPS, a2), beyondSource(f, S, a2)), f.select(snapPT, a2), f.not(f.eq(f.select(snapS, a2), f.select(snapT, a2))));
  // undef engineer: a byte the source left unwritten (undef) in memory the callee sees, poison
  // in the target's (not its own unwritten byte) — the memory counterpart of the words above
  const srcMarks = uncoveredSnapshots(S.tr.sfresh, T.tr.sfresh);
  const snapUndef = srcMarks ? [f.and(markedAtCall(f, srcMarks, n, a2), f.select(snapPT, a2), f.not(markedAtCall(f, T.tr.sfresh, n, a2)), f.not(pastRecorded(f, T.tr.sfresh, n, a2)))] : [];
  // call liveness: a block the callee may use in the source
  // (observable, alive) that is dead in the target at the call — symexec.ts Trace.live
  const liveDiff = S.tr.live ? [f.and(f.select(S.tr.live, n), f.not(f.select(T.tr.live ?? initialLive(f), n)))] : [];
  const traceDiffOf = (extra: Term[]) => f.and(
    f.app('bvult', [n, S.calls]),
    f.or(f.not(f.eq(f.select(S.tr.callee, n), f.select(T.tr.callee, n))), ...wordDiff, snapDiff, ...liveDiff, ...extra),
  );
  const traceDiff = traceDiffOf(snapUndef);
  // results and final observable memory (stack blocks are gone after the return)
  const rets = src.rets.length === tgt.rets.length ? f.or(...src.rets.map((s, i) => scalarMismatch(f, D, s, tgt.rets[i]!))) : f.true;
  const aBid = f.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a);
  const stack = [...S.mem.blocks, ...T.mem.blocks].filter((b) => b && b.inU && b.kind === 'stack').map((b) => f.eq(aBid, b!.bid));
  const live = liveness(f, S, T, aBid);
  const memDiff = f.and(
    f.not(f.or(...stack)),
    f.not(live.deadInSource),
    f.or(
      poisonAware(f, f.or(f.select(S.mem.UP, a), beyondSource(f, S, a)), f.select(T.mem.UP, a), f.or(f.not(f.eq(f.select(S.mem.U, a), f.select(T.mem.U, a))), extraNaN(f, S.mem.U, T.mem.U))),
      undefMemory(f, S, T, a),
    ),
  );
  // a target UB condition that is also the source's is false under the assumption below
  const srcUb = new Set(src.ubList.map((u) => u.cond.id));
  const tgtUb = f.or(...tgt.ubList.filter((u) => !srcUb.has(u.cond.id)).map((u) => u.cond));
  // The target may be cut where the source is not (a target loop that runs longer, or
  // forever): its UB before the cut still counts, and nothing else can be said of it. Assuming
  // the target stays within the bound instead would hide exactly that UB.
  const mismatchOf = (td: Term) => f.or(
    tgtUb,
    f.and(
      f.not(tgt.cut),
      f.or(f.not(f.eq(src.returned, tgt.returned)), f.not(f.eq(S.calls, T.calls)), td, f.and(src.returned, f.or(rets, memDiff, live.freedInTarget))),
    ),
  );
  const mismatch = mismatchOf(traceDiff);
  const assumptions = [...pre, f.not(src.ub), f.not(src.cut)];
  // undef engineer: mismatch = rest or (not tgt.cut and n < calls and snapUndef)
  const snapUndefSplit = snapUndef.length
    ? { rest: mismatchOf(traceDiffOf([])), part: f.and(f.not(tgt.cut), f.app('bvult', [n, S.calls]), snapUndef[0]!) }
    : undefined;
  return {
    mismatch,
    assertions: [...assumptions, mismatch],
    cutReachable: f.and(...pre, f.or(src.cut, tgt.cut)),
    undef: sourceUndef(f, pre, src),
    ...(snapUndefSplit ? { snapUndefSplit } : {}),
  };
}

// ---- undef (begin): undef engineer
export type SourceUndef = { reach: Term; what: string[] };

function sourceUndef(f: TermFactory, pre: Term[], src: SideResult): SourceUndef {
  if (src.undefList.length === 0) return { reach: f.false, what: [] };
  return { reach: f.and(...pre, f.or(...src.undefList.map((u) => u.cond))), what: [...new Set(src.undefList.map((u) => u.what))] };
}
// ---- undef (end)

/** The free variables of some terms (what a model must give values to), by name. */
export function freeVars(ts: Term[]): Term[] {
  return allFreeVars(ts).sort((x, y) => (x.kind === 'var' && y.kind === 'var' ? (x.name < y.name ? -1 : 1) : 0));
}
