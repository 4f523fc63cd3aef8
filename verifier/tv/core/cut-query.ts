// The simulation relation of core-to-mlir's loops and its inductive checks (README.md
// "Unbounded proofs of loops"). Core (cut-loop.ts) and the MLIR (symexec.ts cut mode) each
// run every loop once from a havoc state at its head; the witness of core-to-mlir says which
// Core variable part became which `scf.while` iteration value. The relation R_j at loop j's
// head, between a Core state and an MLIR state:
//   - every carried part: Core's scalar (slots.ts) = the MLIR iteration value, not poison
//     (where the part means something: inactive union fields are free);
//   - the related blocks: Core's element i = the MLIR bytes of element i (memory.ts);
//   - the stack arrays handed to calls that Core has allocated on arriving at the head
//     (stacks.ts): Core's element i = the alloca's bytes of element i, the alloca alive;
//   - no observable MLIR byte is poison but in the function's own blocks: there with an
//     allocation summary any but the carried strings' bytes, without one a subset of the
//     arrival's; every other observable byte (outside the related blocks and the stack
//     blocks) is as at entry;
//   - the number of calls made so far is the same (no calls here yet: 0 on both sides);
//   - every MLIR block alive as on arrival at the loop (the loop frees nothing).
// Each R_j is assumed of the havoc states (instances at the indices and addresses the query
// reads: fewer instances only add models) and checked, as a mismatch, at every arrival and
// back edge: the two sides get there under the same condition and in related states.
// Every part of R_j fixes an MLIR unknown of the havoc state as a function of Core's havoc
// state and the arrival's terms, so for any real pair of runs the havoc unknowns can be
// given the real states of the last head visit (cutpoint.ts's argument, README.md).
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { Span } from '../../../compiler/syntax/ast.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import { walk as walkOps, type Operation } from '../../../compiler/mlir/ir.ts';
import { coreToMlirWithWitness } from '../../../compiler/codegen/core-to-mlir.ts';
import type { LoopWitness } from '../../../compiler/codegen/witness.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Sort, Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';
import { BID_BITS, OFF_BITS } from '../../semantics/mlir/values.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import type { FuncInfo, ModuleInfo } from '../../semantics/mlir/module-info.ts';
import type { CutRecord, SideResult, SScalar } from '../../semantics/mlir/symexec.ts';
import { ADDR_SORT } from '../../semantics/mlir/symbolic-memory.ts';
import { cellsOf, sel } from '../../semantics/symbolic/memory.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';
import type { CoreCuts, CoreHead } from './cut-loop.ts';
import { expectedMemory, type CallCut, type MemPoint } from './calls.ts';
import { initialWord, initialWordPoison, textOrderLoops, type PathState } from '../../semantics/mlir/symexec.ts';
import { differ, differAll, type BlockPair } from './memory.ts';
import { coreSlots } from './slots.ts';
import { NotMapped } from './unmapped.ts';
import { copyShape, linkCopies, type CopyRel } from './cut-copy.ts';
import { carriedLayout, havocString, ownBlock, strDesc, stringBytes, stringDiffersAt } from './cut-strings.ts';
import type { StrV } from '../../semantics/symbolic/strings.ts';
import type { StackPair } from './stacks.ts';

const witnesses = new WeakMap<CoreProgram, LoopWitness[]>();

/** core-to-mlir's loop witness of `fn` (the compiler is deterministic: the witness of the
 *  program's own MLIR; for other MLIR it is only a guess, which an inductive check rejects). */
export function loopWitness(prog: CoreProgram, fn: CoreFn): LoopWitness[] {
  let all = witnesses.get(prog);
  if (!all) witnesses.set(prog, (all = coreToMlirWithWitness(prog).witness.loops));
  return all.filter((l) => l.fn === fn.name);
}

/** The loop witness with each loop's number as the MLIR side numbers loops (symexec.ts
 *  textOrderLoops: scf.while and scf.for ops in text order, so the target's copy loops shift
 *  the witness's count of scf.whiles; core-loops, round 8). Throws NotMapped when the MLIR
 *  function has loops that are neither a witnessed scf.while nor a copy loop (cut-copy.ts). */
export function witnessLoops(prog: CoreProgram, fn: CoreFn, fi: FuncInfo): LoopWitness[] {
  const ws = loopWitness(prog, fn);
  const whiles: Operation[] = [];
  for (const b of fi.body!.blocks)
    for (const op of walkOps(b.ops)) {
      if (op.name === 'scf.while') whiles.push(op);
      // the target's own copy loops (cut-copy.ts), with or without Core loops around them
      else if (op.name === 'scf.for' && typeof copyShape(op) !== 'string') continue;
      else if (op.name === 'scf.for' || op.name.startsWith('cf.')) throw new NotMapped(`cut points: ${op.name} in @${fi.name}`);
    }
  if (whiles.length !== ws.length) throw new NotMapped(`cut points: ${whiles.length} scf.while ops and ${ws.length} Core loops`);
  const ids = textOrderLoops(fi.body!).ids;
  return ws.map((w) => {
    const id = ids.get(whiles[w.index]!);
    if (id === undefined) throw new NotMapped(`cut points: loop ${w.index} outside the text order`);
    return { ...w, index: id };
  });
}

/** The loop number (as the MLIR side numbers loops) of a Core loop, by its source span.
 *  Throws NotMapped when the MLIR function has loops the witness does not describe. */
export function loopIndex(prog: CoreProgram, fn: CoreFn, fi: FuncInfo): (span: Span) => number | undefined {
  const ws = witnessLoops(prog, fn, fi);
  return (span) => ws.find((w) => w.span.line === span.line && w.span.col === span.col)?.index;
}

/** Types of a Core function's parameters and locals (names are unique per function). */
function varTypes(fn: CoreFn): Map<string, Type> {
  const out = new Map<string, Type>(fn.params.map((p) => [p.name, p.ty]));
  forEachNode(fn.body, (e) => {
    if (e.kind === 'Let') out.set(e.name, e.init.ty);
  });
  return out;
}

/** The address witness of query.ts's final comparison of other bytes (memory.ts). */
export const finalAddr = (F: TermFactory): Term => F.var('w.core.addr', ADDR_SORT);

/** The call positions and target states of cut-point mode (calls.ts CallCut); `nAt` gets
 *  Core's call count at every loop head as linkCalls goes (a havoc state's is its unknown,
 *  the target's havoc count: the relation's "same number of calls"). */
export function callCut(F: TermFactory, heads: CoreCuts, tgt: SideResult): CallCut & { nAt: Map<CoreHead, Term> } {
  const nAt = new Map<CoreHead, Term>();
  const hs = heads.heads;
  let next = 0;
  const reset = (ci: number, n: Term): Term => {
    while (next < hs.length && hs[next]!.calls <= ci) {
      const h = hs[next++]!;
      if (h.kind === 'havoc') {
        const m = tgt.havocs.find((x) => x.loop === h.loop);
        if (!m) throw new NotMapped(`cut points: loop ${h.loop} has no MLIR havoc state`);
        n = F.ite(h.st.pc, m.st.calls, n);
      }
      nAt.set(h, n);
    }
    return n;
  };
  // the first loop head after call ci on its path (Core's path conditions pick it), else the end
  const view = (ci: number): PathState => {
    let st = tgt.final;
    const after = hs.filter((h) => h.calls > ci && h.kind !== 'havoc');
    for (let k = after.length - 1; k >= 0; k--) {
      const h = after[k]!;
      const r = tgt.cutRecords.find((x) => x.loop === h.loop && x.kind === h.kind);
      if (r) st = mergeTrace(F, h.st.pc, r.st, st);
    }
    return st;
  };
  return { reset, view, nAt };
}

function mergeTrace(F: TermFactory, c: Term, a: PathState, b: PathState): PathState {
  const nw = Math.max(a.tr.words.length, b.tr.words.length);
  return {
    ...b,
    calls: F.ite(c, a.calls, b.calls),
    tr: {
      callee: F.ite(c, a.tr.callee, b.tr.callee),
      words: Array.from({ length: nw }, (_, j) => F.ite(c, a.tr.words[j] ?? initialWord(F), b.tr.words[j] ?? initialWord(F))),
      wpoison: Array.from({ length: nw }, (_, j) => F.ite(c, a.tr.wpoison[j] ?? initialWordPoison(F), b.tr.wpoison[j] ?? initialWordPoison(F))),
      snapU: F.ite(c, a.tr.snapU, b.tr.snapU),
      snapUP: F.ite(c, a.tr.snapUP, b.tr.snapUP),
    },
  };
}

export type CutLink = {
  /** R_j of every havoc state (instances at the addresses of `addrs`; the related blocks'
   *  agreement is in `points`, instantiated by query.ts at the indices read). */
  assume: Term[];
  /** Target havoc unknowns R_j defines by an equation (a scalar equal to Core's, the memory
   *  of a frozen loop): eliminated by substitution rather than asserted (cut-reads.ts). */
  subst: Map<number, Term>;
  points: MemPoint[];
  /** One mismatch per arrival and back edge (alone: checked without the other assertions). */
  parts: { what: string; t: Term; alone?: boolean; loop?: number }[];
  /** The target's copy loops (cut-copy.ts): their relations, instantiated by query.ts. */
  copies: CopyRel[];
  /** ... and the path conditions of their back edges (CopyLink.backs). */
  copyBacks: Term[];
  /** Some Core loop carries a string (cut-strings.ts), or some copy's source may be
   *  observable or one of several globals (cut-copy.ts): the copies' own checks then also
   *  assume what the calls assume (a callee's result string is placed; core-loops, round 8). */
  carriesString: boolean;
  /** The havoc states where stack arrays are related (R_j's stack part): query.ts asserts
   *  their agreement at the indices read, as for `points` and the argument blocks. */
  stackPoints?: { point: MemPoint; pairs: StackPair[] }[];
};

export type CutInputs = {
  F: TermFactory;
  D: Dom<Term, Term>;
  prog: CoreProgram;
  fn: CoreFn;
  core: SymResult;
  heads: CoreCuts;
  tgt: SideResult;
  pairs: BlockPair[];
  U0: Term;
  stack: Term[];
  /** The address witness of the final memory comparison (query.ts). */
  finalAddr: Term;
  /** Terms whose address witnesses (vars `w.*` of the address sort: the comparisons of
   *  other bytes at calls and at the return) get instances of each R_j. */
  witnessRoots: Term[];
  /** Core's call count at each loop head (callCut). */
  nAt: Map<CoreHead, Term>;
  fi: FuncInfo; // copy loops (cut-copy.ts)
  /** The module (cut-copy.ts: the literals a callee whose result a copy reads may return). */
  info?: ModuleInfo;
  /** Stack arrays handed to calls (stacks.ts): related at the heads of the loops Core
   *  reaches with them allocated, like argument blocks (README "Unbounded proofs of loops": stack arrays). */
  stacks?: StackPair[];
};

export function linkCuts(x: CutInputs): CutLink {
  const { F, D, prog, fn, core, heads, tgt, pairs, U0, stack } = x;
  const ws = witnessLoops(prog, fn, x.fi);
  // R_j of Core loops leaves stack and heap blocks out of "every other byte" (no Core loop: no R_j)
  // heap blocks (string buffers) are fine, stack blocks are not
  const heapIds = new Set(tgt.final.mem.blocks.filter((b) => b && b.inU && b.kind === 'heap').map((b) => b!.bid.id));
  // ... and the allocas of stack arrays handed to calls, which R_j relates to Core's blocks
  // where Core has allocated them (R_j's stack part); any other observable stack block is refused
  const stacks = x.stacks ?? [];
  const stackIds = new Set(stacks.map((s) => s.pair.bid.id));
  if (ws.length && stack.some((b) => !heapIds.has(b.id) && !stackIds.has(b.id))) throw new NotMapped('cut points: observable stack blocks');
  // allocation summaries only for Core loops that allocate string buffers (cut-strings.ts stringLoops)
  for (const j of tgt.summaryLo.keys()) if (!ws.some((w) => w.index === j)) throw new NotMapped('cut points: a loop that allocates');
  const own = tgt.summaryLo.size > 0;
  const types = varTypes(fn);
  const countAt = (h: CoreHead): Term => {
    const n = x.nAt.get(h);
    if (!n) throw new NotMapped(`cut points: no call count at loop ${h.loop}`);
    return n;
  };
  const noPoison = F.constArray(ADDR_SORT, F.false);
  // address witnesses of every comparison of "other bytes": each havoc state's instance of
  // R_j is asserted at each of them
  const addrs: Term[] = [x.finalAddr];
  walk(x.witnessRoots, (t) => {
    if (t.kind === 'var' && t.name.startsWith('w.') && sameSort(t.sort, ADDR_SORT) && !addrs.includes(t)) addrs.push(t);
  });
  const addr = (name: string) => {
    const a = F.var(name, ADDR_SORT);
    addrs.push(a);
    return a;
  };
  const related = [...pairs.map((p) => p.bid), ...stack];
  const ownAssume: Term[] = [];
  /** The carried strings' placement at the havoc states (cut-strings.ts): also assumed by the
   *  copy loops' own checks, which read those strings (an assumption of the whole query). */
  const strPlaced: Term[] = [];
  const ownPoison: CopyRel[] = [];
  const outside = (a: Term) => {
    const bid = F.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a);
    // with a loop's allocation summary, every block this function
    // allocated (its earlier iterations' buffers are not in the block list)
    return F.and(...related.map((b) => F.not(F.eq(bid, b))), ...(own ? [F.not(ownBlock(F, D, a))] : []));
  };
  // ... and so is the final comparison of other bytes and the one at each call: their address
  // witnesses range over the rest (the function's own blocks are never compared: query.ts
  // `stack`; an earlier iteration's buffer is one of them, but in no block list)
  if (own) walk(x.witnessRoots, (t) => {
    if (t.kind === 'var' && sameSort(t.sort, ADDR_SORT) && (t.name === 'w.core.addr' || /^w\.core\.call\d+\.addr$/.test(t.name))) ownAssume.push(F.not(ownBlock(F, D, t)));
  });
  /** The carried parts of loop j: Core's scalar and the MLIR value, each meaningful where guard. */
  const carried = (w: LoopWitness, c: CoreHead, vals: SScalar[]): { core: Term; tgt: SScalar; guard: Term; float: boolean; w: number }[] => {
    const out: { core: Term; tgt: SScalar; guard: Term; float: boolean; w: number }[] = [];
    const slotsOf = new Map<string, ReturnType<typeof coreSlots>>();
    const lay = carriedLayout(w); // strings are five slots (cut-strings.ts)
    for (const [k, p] of w.carried.entries()) {
      if (lay[k]!.str) continue;
      const v = c.st.env.get(p.var);
      const ty = types.get(p.var);
      if (!v || !ty) throw new NotMapped(`cut points: carried variable ${p.var} unknown to Core`);
      let slots = slotsOf.get(p.var);
      if (!slots) slotsOf.set(p.var, (slots = coreSlots(F, prog.types, ty, v)));
      const s = slots[p.part];
      const t = vals[lay[k]!.at];
      if (!s || !t) throw new NotMapped(`cut points: carried part ${p.var}.${p.part} has no MLIR value`);
      if (t.kind === 'ptr' || t.w !== s.w) throw new NotMapped(`cut points: carried part ${p.var}.${p.part} of ${s.w} bits vs MLIR ${t.kind}`);
      out.push({ core: s.t, tgt: t, guard: s.guard, float: s.float, w: s.w });
    }
    return out;
  };
  /** The carried strings of loop j: Core's value and where its memref starts among the slots. */
  const strings = (w: LoopWitness, c: CoreHead): { v: StrV; at: number; k: number }[] => {
    const lay = carriedLayout(w);
    return w.carried.flatMap((p, k) => {
      if (!lay[k]!.str) return [];
      const v = c.st.env.get(p.var);
      if (!v || v.k !== 'str') throw new NotMapped(`cut points: carried string ${p.var} is no Core string`);
      return [{ v, at: lay[k]!.at, k }];
    });
  };
  const same = (p: { core: Term; tgt: SScalar; float: boolean; w: number }) => {
    const v = (p.tgt as Extract<SScalar, { kind: 'int' | 'float' }>).v;
    // floats too by their bits (both sides encode float operations alike, one canonical
    // NaN): stronger than "same up to NaN", so the target's unknown can be substituted
    return F.and(F.not(p.tgt.poison), F.eq(p.core, v));
  };
  /** R_j does not hold between a Core head state and an MLIR one (a mismatch; witnesses named by `tag`). */
  const differs = (w: LoopWitness, c: CoreHead, t: CutRecord, arrival: CutRecord | undefined, tag: string, frozen: CutRecord | null, sp: StackPair[]): Term => {
    const out: Term[] = carried(w, c, t.vals).map((p) => F.and(p.guard, F.not(same(p))));
    strings(w, c).forEach((s) => out.push(stringDiffersAt(F, D, s.v, t.vals, s.at, t.st.mem, `w.cut.${tag}.s${s.k}`)));
    const n = countAt(c);
    if (frozen) {
      // a loop that writes no related block and calls nothing: memory as on arrival
      out.push(F.not(F.eq(t.st.mem.U, frozen.st.mem.U)), F.not(F.eq(t.st.mem.UP, frozen.st.mem.UP)), F.not(F.eq(t.st.calls, frozen.st.calls)));
    } else {
      pairs.forEach((p, k) => out.push(differ(F, D, cellsOf(c.st.mem, p.key), t.st.mem.U, p, `w.cut.${tag}.elem.${k}`)));
      // the stack arrays Core has allocated here: Core's elements in the alloca's bytes
      sp.forEach((s, k) => out.push(differAll(F, D, cellsOf(c.st.mem, s.pair.key), t.st.mem.U, s.pair, `w.cut.${tag}.stack.${k}`)));
      const a = addr(`w.cut.${tag}.addr`);
      // (core-loops, round 8: with an allocation summary, outside the function's own blocks:
      // a Format buffer's bytes past its text are never written, and the relation leaves
      // the own blocks' poison free — ownPoison below)
      // Without a summary, the own blocks' poison at the head is a subset of the arrival's
      // (review 38 F1: a Format buffer's bytes past its text are never written, so they stay
      // poison across the calls in the loop): at the arrival itself nothing to check there
      const ownGrew = arrival ? F.and(F.select(t.st.mem.UP, a), F.not(F.select(arrival.st.mem.UP, a))) : F.false;
      out.push(F.ite(ownBlock(F, D, a), own ? F.false : ownGrew, F.select(t.st.mem.UP, a)));
      out.push(F.and(outside(a), F.not(F.eq(F.select(t.st.mem.U, a), F.select(expectedMemory(F, U0, n), a)))));
    }
    out.push(F.not(F.eq(t.st.calls, n)));
    if (arrival) out.push(...aliveDiffer(F, t, arrival, [...pairs, ...sp.map((s) => s.pair)]));
    return F.or(...out);
  };
  const parts: { what: string; t: Term }[] = [];
  const assume: Term[] = [];
  const points: MemPoint[] = [];
  const havocR: { j: number; c: CoreHead; m: SideResult['havocs'][number]; frozen: CutRecord | null; sp: StackPair[] }[] = [];
  const stackPoints: { point: MemPoint; pairs: StackPair[] }[] = [];
  for (const w of ws) {
    const j = w.index;
    const line = `loop ${j} (line ${w.span.line})`;
    const cArr = heads.heads.find((h) => h.loop === j && h.kind === 'arrive');
    const cHav = heads.heads.find((h) => h.loop === j && h.kind === 'havoc');
    const cBack = heads.heads.find((h) => h.loop === j && h.kind === 'back');
    const tArr = tgt.cutRecords.find((r) => r.loop === j && r.kind === 'arrive');
    const tBack = tgt.cutRecords.find((r) => r.loop === j && r.kind === 'back');
    const tHav = tgt.havocs.find((h) => h.loop === j);
    if (heads.heads.filter((h) => h.loop === j).length > 3 || tgt.cutRecords.filter((r) => r.loop === j).length > 2) throw new NotMapped(`cut points: ${line} met twice`);
    // the stack arrays Core has allocated on arriving here (on every path: no stackalloc under
    // a branch or in a loop, stacks.ts) are part of R_j; the others do not exist yet
    const sp = cArr ? stacks.filter((s) => s.allocated(cArr.st.mem)) : [];
    // Core's iteration writes no related block and makes no call: the relation says the
    // target's memory is the arrival's (one array equality, which the solver substitutes,
    // instead of element instances); otherwise element by element (R_j above)
    const frozen =
      cArr && cHav && tArr && (!cBack || cBack.calls === cHav.calls) && !tgt.summaryLo.has(j) && // summaryLo: the target writes its buffers
      [...pairs, ...sp.map((s) => s.pair)].every((p) => sel(F, cellsOf(cHav.st.mem, p.key), p.core).id === sel(F, cellsOf(cArr.st.mem, p.key), p.core).id)
        ? tArr
        : null;
    for (const [kind, c, t] of [['entering', cArr, tArr], ['the back edge of', cBack, tBack]] as const) {
      const what = `${kind} ${line}`;
      if (!c && !t) continue;
      if (!c || !t) {
        parts.push({ what, t: (c ? c.st.pc : t!.st.pc) });
        continue;
      }
      const tag = `${j}.${kind === 'entering' ? 'arrive' : 'back'}`;
      parts.push({ what, t: F.or(F.not(F.eq(c.st.pc, t.st.pc)), F.and(c.st.pc, F.or(F.not(t.inv), differs(w, c, t, kind === 'entering' ? undefined : tArr, tag, frozen, sp)))) });
    }
    if (cHav && tHav) havocR.push({ j, c: cHav, m: tHav, frozen, sp });
    else if (cHav || tHav) throw new NotMapped(`cut points: ${line} is entered on one side only`);
  }
  // R_j of the havoc states, now that every address witness is known
  const subst = new Map<number, Term>();
  const define = (v: Term, t: Term) => {
    if (v.kind === 'var' && !subst.has(v.id) && v.id !== t.id) subst.set(v.id, t);
    else assume.push(F.eq(v, t));
  };
  for (const { j, c, m, frozen, sp } of havocR) {
    const pj = [...pairs, ...sp.map((s) => s.pair)];
    const w = ws.find((x) => x.index === j)!;
    for (const p of carried(w, c, m.vals)) {
      const v = p.tgt.kind === 'ptr' ? null : p.tgt.v;
      if (v && v.kind === 'var' && p.tgt.poison.kind === 'var' && p.guard.kind === 'bool' && p.guard.value) {
        define(p.tgt.poison, F.false);
        define(v, p.core);
      } else assume.push(F.implies(p.guard, same(p)));
    }
    // (the carried strings' bytes: not poison, R_j's string part — kept out of the own
    // blocks' free poison below)
    const strBytes: ((a: Term) => Term)[] = [];
    for (const s of strings(w, c)) {
      const placed = havocString(F, D, s.v, m.vals, s.at, m.st.mem, define, `loop ${j}'s ${w.carried[s.k]!.var}`);
      assume.push(...placed);
      strPlaced.push(...placed);
      strBytes.push(stringBytes(F, strDesc(F, m.vals, s.at, `loop ${j}'s ${w.carried[s.k]!.var}`).d));
    }
    if (frozen) {
      define(m.st.mem.U, frozen.st.mem.U);
      define(m.st.mem.UP, frozen.st.mem.UP);
      define(m.st.calls, frozen.st.calls);
      assume.push(F.not(F.or(...aliveDiffer(F, { ...frozen, st: m.st }, frozen, pj))));
      continue;
    }
    // no observable byte poison; core-loops, round 8: but in the blocks this function
    // allocated when the target keeps a summary of them (their poison free: any byte of an
    // earlier iteration's buffer may be one nobody wrote, which the target reads as poison),
    // as a relation instantiated at the reads of the havoc's poison (cut-copy.ts
    // instantiateCopies: fewer instances only add models)
    if (own) {
      const free = F.var(`cp.${j}.ownUP`, m.st.mem.UP.sort);
      if (m.st.mem.UP.kind !== 'var') throw new NotMapped(`cut points: loop ${j}: no havoc poison`);
      ownPoison.push({ j, iv: F.bv(0, 64), eqs: [{ arr: m.st.mem.UP, rhs: (x) => F.and(ownBlock(F, D, x), F.select(free, x), ...strBytes.map((b) => F.not(b(x)))) }] });
    } else {
      // no summary: poison only in the own blocks, and there only where the arrival had it
      // (the relation `differs` checks); the arrival's poison is a term of the path to it
      const arrP = tgt.cutRecords.find((r) => r.loop === j && r.kind === 'arrive')?.st.mem.UP;
      // (none on arriving — the arrival's poison the constant false, as in a function that
      // allocates nothing before the loop — is the same relation, assumed as no poison:
      // as a relation instantiated at the havoc's reads it cost crc16_frame's seal its proof)
      if (!arrP || arrP === noPoison) assume.push(F.eq(m.st.mem.UP, noPoison));
      else {
        const free = F.var(`cp.${j}.ownUP`, m.st.mem.UP.sort);
        if (m.st.mem.UP.kind !== 'var') throw new NotMapped(`cut points: loop ${j}: no havoc poison`);
        ownPoison.push({ j, iv: F.bv(0, 64), eqs: [{ arr: m.st.mem.UP, rhs: (x) => F.and(ownBlock(F, D, x), F.select(free, x), F.select(arrP, x), ...strBytes.map((b) => F.not(b(x)))) }] });
      }
    }
    // an execution makes fewer than 2^62 calls (README.md, assumptions): the count at a
    // head does not wrap within the iterations the query follows
    assume.push(F.app('bvult', [m.st.calls, F.bv(1n << 62n, 64)]));
    const before = expectedMemory(F, U0, m.st.calls);
    for (const a of addrs) assume.push(F.implies(outside(a), F.eq(F.select(m.st.mem.U, a), F.select(before, a))));
    const arr = tgt.cutRecords.find((r) => r.loop === j && r.kind === 'arrive');
    if (arr) assume.push(F.not(F.or(...aliveDiffer(F, { ...arr, st: m.st }, arr, pj))));
    points.push({ pc: c.st.pc, cells: (key) => cellsOf(c.st.mem, key), U: m.st.mem.U });
    // R_j's stack part at the havoc state: agreement at the indices read (query.ts)
    if (sp.length) stackPoints.push({ point: { pc: c.st.pc, cells: (key) => cellsOf(c.st.mem, key), U: m.st.mem.U, mem: c.st.mem }, pairs: sp });
  }
  // the target's copy loops (cut-copy.ts)
  const copies = linkCopies(F, D, x.fi, tgt, new Set(ws.map((w) => w.index)), x.info);
  for (const [k, v] of copies.subst) if (!subst.has(k)) subst.set(k, v);
  // a target path that took a copy loop's back edge ends there (its segment is that loop's
  // back-edge part; a real run's last visit of the copy's head exits): the Core loops'
  // arrivals and back edges are checked on the paths that took none
  const noBack = copies.backs.length ? F.not(F.or(...copies.backs)) : null;
  const coreParts = noBack ? parts.map((p) => ({ ...p, t: F.and(noBack, p.t) })) : parts;
  const copyParts = strPlaced.length ? copies.parts.map((p) => (p.alone ? { ...p, t: F.and(p.t, ...strPlaced) } : p)) : copies.parts;
  return { assume: [...assume, ...ownAssume, ...copies.assume], subst, points, parts: [...coreParts, ...copyParts], copies: [...ownPoison, ...copies.rels], copyBacks: copies.backs, carriesString: strPlaced.length > 0 || copies.mixed, stackPoints };
}

/** Some block of the arrival state is alive differently in `t` (blocks by position: the
 *  havoc state keeps the arrival's block list, allocations come after). */
function aliveDiffer(F: TermFactory, t: CutRecord, arrival: CutRecord, pairs: BlockPair[]): Term[] {
  const out: Term[] = [];
  arrival.st.mem.blocks.forEach((b, i) => {
    const x = t.st.mem.blocks[i];
    // the blocks the function uses: private ones, statics, its own heap blocks (a string made
    // before the loop and printed in or after it: its buffer was free at the head, "target
    // UB"), the related argument blocks; an argument block no descriptor points into (a
    // memref's allocated-pointer slot) is left free (a callee may free it, nothing reads
    // it) — relating less is sound
    const used = !b?.inU || b.kind === 'static' || b.kind === 'heap' || pairs.some((p) => p.bid.id === b.bid.id);
    if (b && x && used) out.push(F.not(F.eq(x.alive, b.alive)));
  });
  return out;
}

function sameSort(a: Sort, b: Sort): boolean {
  return a.kind === 'bv' && b.kind === 'bv' && a.width === b.width;
}
