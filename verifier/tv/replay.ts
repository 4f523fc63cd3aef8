// Counterexample replay: the solver's model gives the arguments, the initial memory and what
// every external call returns and writes; both functions run on it concretely (interp.ts,
// the same op semantics). Only an observable difference found this way is reported as
// `refuted`; a model that does not reproduce one is an engine bug (verdict unknown).
import type { Operation, Type } from '../../compiler/mlir/ir.ts';
import { arraySelect, EvalError, evaluate, type ArrayModel, type Model, type ModelValue } from '../smt/model.ts';
import type { Term } from '../smt/term.ts';
import { ConcreteMemory, UBError, UNINIT_SOURCE, type ByteSource, type CBlock } from '../semantics/mlir/concrete-memory.ts';
import { escapingSites } from '../semantics/mlir/escape.ts';
import { BLOCK_START, FRESH_POISON_MAX } from '../semantics/mlir/symbolic-memory.ts';
import { choiceConfirmed, UNSPECIFIED } from './unspecified-choice.ts';
import { FREEZE_FORALL } from './source-choices.ts';
import { TARGET_FREEZE } from '../semantics/mlir/symexec.ts';
import { Interpreter, runtimeCall, StepLimit, type CVal, type InterpOptions } from '../semantics/mlir/interp.ts';
import { isRuntimeFn, newIO, runtimeResultsDefined, ProgramExit, runtimeCopyLength, type ProgramIO } from '../semantics/mlir/runtime.ts';
import { RT_ENV, RtEnvRun } from '../semantics/mlir/runtime-env.ts';
import { ARG_BASE, EXT_BASE, LOCAL_BASE } from '../semantics/mlir/memory.ts';
import type { FuncInfo, ModuleInfo } from '../semantics/mlir/module-info.ts';
import { flatten, slotsOf, Unsupported, unflatten, type Scalar } from '../semantics/mlir/values.ts';
import type { ArgLayout, PairEnv } from './pair.ts';
import type { Counterexample, ValidateOptions } from './verdict.ts';
import { Diverges } from './lasso-replay.ts';
import { divergenceWatch } from './core/diverges-watch.ts';
import { bodiesWatch, runProgress } from './lasso-bodies.ts';
import { replaySealed, replaySealedOf, SEALED } from './sealed-globals.ts';
import { runtimeSeesPoison } from './runtime-poison.ts';

type CScalar = Scalar<bigint, boolean>;

class CallExit extends Error {
  constructor(readonly n: number) {
    super(`call ${n} did not return`);
  }
}

type Event = { name: string; words: { v: bigint; p: boolean; f?: boolean }[]; /* f: undef (a moved read of memory nobody wrote): undef engineer */ snap: Map<string, { byte: number; poison: boolean }>; epoch: number; /** call liveness (soundness fixer, session 9; symexec.ts Trace.live): the live heap, argument and external blocks at the call */ live: Map<number, { observable: boolean }>; /** sealed-globals.ts: block ids of the globals the callee cannot reach */ sealed?: Set<number>; /** a run with the bodies: by the word index of a pointer's block id, the block the run allocated that it points into, as the call sees it (compared by content: MadeBlock) */ made?: Map<number, MadeBlock> };

/** A block the run allocated (heap or stack), as a call or the caller sees it: in a run with
 *  the bodies its id follows each side's allocation order and escape analysis (inlining,
 *  reordered allocations), so such blocks are compared by content — liveness, size and bytes
 *  (at most the first 4096) — not by number (review 29 for returned pointers). */
type MadeBlock = { alive: boolean; size: bigint; bytes: { byte: number; poison: boolean }[] };

const MADE_BYTES = 4096n;

function madeBlock(mem: ConcreteMemory, b: CBlock): MadeBlock {
  const bytes: MadeBlock['bytes'] = [];
  for (let off = 0n; b.alive && off < b.size && off < MADE_BYTES; off++) bytes.push(mem.readByte(b, off));
  return { alive: b.alive, size: b.size, bytes };
}

/** How the target's block differs from the source's where a caller or callee can tell: alive
 *  in the source only, smaller, or another byte where the source's is not poison. */
function madeBlockDiff(a: MadeBlock, b: MadeBlock): string | null {
  if (!a.alive) return null;
  if (!b.alive) return 'it is alive in the source, freed in the target';
  if (b.size < a.size) return `its block has ${a.size} bytes in the source, ${b.size} in the target`;
  for (let i = 0; i < a.bytes.length; i++) {
    const u = a.bytes[i]!;
    if (u.poison) continue;
    const v = b.bytes[i] ?? { byte: 0, poison: true };
    if (v.poison || v.byte !== u.byte) return `byte ${i} of its block is ${u.byte} in the source, ${v.poison ? 'poison' : v.byte} in the target`;
  }
  return null;
}

/** The unknown reason's prefix of a model that needed the source's unwritten bytes of a large
 *  escaping block to be the model's defined values (SideRun.bigFresh; validate.ts shows it as
 *  `unknown`, not as an engine bug: a known approximation of the check). */
export const BIG_FRESH = `the check takes the unwritten bytes of an escaping block of the source's over ${FRESH_POISON_MAX} bytes as defined values (one each), the replay as undef `;

type SideRun = {
  outcome:
    | { kind: 'return'; values: CScalar[] }
    | { kind: 'exit'; call: number }
    | { kind: 'ub'; what: string }
    | { kind: 'error'; what: string }
    /** Lasso replay: back at a loop header in the state of an earlier visit (lasso-replay.ts). */
    | { kind: 'diverges'; header: string; first: number; again: number };
  events: Event[];
  memory: ConcreteMemory;
  epoch: number;
  /** undef engineer: the first op that computed with a read of memory nobody wrote. */
  freshUse?: string;
  /** undef engineer: the first external call that could reach bytes nobody wrote of a block
   *  the function allocated (the symbolic target reads them as poison after it, the call
   *  need not write them; the replay's call writes them unless `callLeaves`). */
  callOverUnwritten?: string;
  /** soundness reviewer: the first unspecified choice the run made and how many it made
   *  (unspecified-choice.ts). */
  choice?: string;
  choices?: number;
  /** The run with bodies (`whole`): what the runtime library wrote to stdout and stderr. */
  out?: string;
  /** The size of the first escaping block over FRESH_POISON_MAX bytes the source allocated:
   *  the check takes its unwritten bytes as defined values (one unknown of U), the replay as
   *  undef (review 36 X1). */
  bigFresh?: bigint;
  /** The run with bodies: the first runtime call that got poison (runtime-poison.ts). */
  runtimePoison?: string;
  /** The first llvm.freeze of poison the run made (its number): one arbitrary value of many
   *  (semantics/mlir/ops-freeze.ts); on the source a difference then needs FREEZE_FORALL. */
  froze?: number;
};

const addrKey = (bid: number, off: bigint) => `${bid}:${off}`;

class ModelView {
  constructor(private readonly model: Model) {}
  get(name: string): ModelValue | undefined {
    return this.model.get(name);
  }
  arr(name: string): ArrayModel | null {
    const v = this.model.get(name);
    return v && typeof v === 'object' ? v : null;
  }
  sel(a: ModelValue | null | undefined, i: bigint): ModelValue | null {
    if (!a || typeof a !== 'object') return null;
    return arraySelect(a, i);
  }
  bool(v: ModelValue | null | undefined, dflt = false): boolean {
    return typeof v === 'boolean' ? v : dflt;
  }
  int(v: ModelValue | null | undefined): bigint {
    return typeof v === 'bigint' ? v : 0n;
  }
}

const addr96 = (bid: number, off: bigint) => (BigInt(bid) << 64n) | BigInt.asUintN(64, off);

export function replayCounterexample(
  si: ModuleInfo,
  ti: ModuleInfo,
  s: FuncInfo,
  t: FuncInfo,
  pair: PairEnv,
  layout: ArgLayout,
  model: Model,
  opts: ValidateOptions,
  /** Watch the target for a repeated state at its loop headers (a lasso model, lasso.ts). */
  lasso = false,
  /** Interpreter steps per side, and a wall-clock deadline (performance.now()) for both
   *  runs: concrete tests run many inputs under a tighter cap. */
  limits: { steps?: number; deadline?: number } = {},
): { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string } {
  const steps = limits.steps ?? 2_000_000;
  const M = new ModelView(model);
  replaySealed.set(M, replaySealedOf(pair.sealedAt, pair.ids));
  const slots = modelSlots(layout, model);
  // `tInfo`: the module the target runs in (differsWithBodies: its callees the source's).
  // A run with the bodies watches the target for a repeated state whatever `lasso` says: it
  // is deterministic (callees are code, the runtime its models), so a repeat is a real one —
  // it had run out of steps, and a refutation that needed it stayed `interprocedural`
  // `order`: the block ids of the target's observable allocations in turn (correspondences)
  let allocs = 0;
  let lastRuns: { src: SideRun; tgt: SideRun } | null = null;
  const compareRuns = (whole: boolean, tInfo: ModuleInfo = ti, order?: readonly number[]): { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string } => {
    let src: SideRun;
    let tgt: SideRun;
    const watch = lasso || whole;
    try {
      // (the source's run does not depend on the target's block ids: the first one serves)
      src = order && lastRuns ? lastRuns.src : runSide(si, s, slots, pair, layout, M, steps, whole, false, limits.deadline);
      tgt = runSide(tInfo, t, slots, pair, layout, M, steps, whole, watch, limits.deadline, false, true, true, false, order);
      allocs = Math.max(src.memory.allocCount, tgt.memory.allocCount);
      lastRuns ??= { src, tgt };
    } catch (e) {
      if (e instanceof Unsupported) return { kind: 'no', why: `replay: ${e.message}` };
      throw e;
    }
    // the replay reads unwritten memory as poison, LLVM as undef; where
    // the target computed with such a read (`and x, 0` is 0 with undef), its difference may
    // be the poison reading's own doing: the target runs again with those reads as defined
    // values (one of LLVM's choices for undef); only a difference that run shows too is real
    // unspecified choices (maxnum of +0.0 and -0.0): a source that
    // made one proves nothing by a difference; a target's other choice is run too
    const other = (srcOther: boolean, tgtOther: boolean): Replayed => {
      try {
        const S = srcOther ? runSide(si, s, slots, pair, layout, M, steps, whole, false, limits.deadline, false, false, false) : src;
        const T = tgtOther ? runSide(tInfo, t, slots, pair, layout, M, steps, whole, watch, limits.deadline, false, true, false, false, order) : tgt;
        return compare(S, T, s, slots, layout, M, whole);
      } catch (e) {
        if (e instanceof Unsupported) return { kind: 'no', why: `replay: ${e.message}` };
        throw e;
      }
    };
    return callLeftUnwritten(choiceConfirmed(src, tgt, (srcOther, tgtOther) => (srcOther || tgtOther ? other(srcOther, tgtOther) :
    undefConfirmed(compare(src, tgt, s, slots, layout, M, whole), tgt.freshUse, () => {
      let again: SideRun;
      try {
        again = runSide(tInfo, t, slots, pair, layout, M, steps, whole, watch, limits.deadline, true, true, true, false, order);
      } catch (e) {
        if (e instanceof Unsupported) return { kind: 'no', why: `replay: ${e.message}` };
        throw e;
      }
      return compare(src, again, s, slots, layout, M, whole);
    }))), tgt.callOverUnwritten, () => compare(src, runSide(tInfo, t, slots, pair, layout, M, steps, whole, watch, limits.deadline, false, true, true, true, order), s, slots, layout, M, whole));
  };
  // gaps engineer: the model's global bytes shown
  const modular = compareRuns(false);
  const first = withGlobals(correspondences(modular, allocs, lastRuns, (order) => compareRuns(false, ti, order)), pair, M);
  // a lasso model or a concrete test the modular runs did not decide: with the bodies run,
  // the target may come back to a loop head in an earlier state, or differ (differsWithBodies)
  if (first.kind !== 'refuted' && lasso) {
    const d = differsWithBodies(si, ti, s, t, first, (tInfo) => compareRuns(true, tInfo));
    if (d) return withGlobals(d, pair, M);
  }
  // a model that needed a callee to reach a sealed global, and shows no difference without
  const sealedNote = replaySealed.get(M)?.note;
  if (first.kind !== 'refuted' && sealedNote && /^(both sides behave the same|the source does not|the target does not)/.test(first.why)) return { kind: 'no', why: `${SEALED}${sealedNote}; ${first.why}` };
  const big = (lastRuns as { src: SideRun } | null)?.src.bigFresh;
  if (first.kind !== 'refuted' && big !== undefined && /^(both sides behave the same|the source does not)/.test(first.why)) return { kind: 'no', why: `${BIG_FRESH}(${big} bytes); ${first.why}` };
  if (first.kind !== 'refuted') return first;
  // Calls of functions with a body were taken as unknown functions (modular refinement). An
  // interprocedural pass (sccp...) may rely on what such a callee really does: replay again
  // with the bodies run (and the runtime library's models); if the difference is gone, the
  // counterexample needs a callee behaviour its body does not have.
  const calledBodies = [...si.funcs.values(), ...ti.funcs.values()].some((f) => f.body && f !== s && f !== t && mentionsCall(s, f.name, t));
  if (!calledBodies) return first;
  let whole = compareRuns(true);
  // the target did not run to an end with its own callees (out of steps: a loop of a callee
  // the pass changed, or of its own at a deeper call): once more with the source's callees for
  // both sides (differsWithBodies, withSourceCallees), where a difference is no less real
  let shared = false;
  if (whole.kind === 'no' && whole.why.startsWith('the target does not run on the model')) {
    const hybrid = withSourceCallees(si, ti, t);
    const again = hybrid ? compareRuns(true, hybrid) : whole;
    if (again.kind === 'refuted') [whole, shared] = [again, true];
  }
  if (whole.kind === 'no' && whole.why.startsWith('both sides behave the same')) {
    return { kind: 'no', why: `interprocedural: ${first.cex.difference} — only if a called function behaved otherwise than its body; run with the bodies, both sides agree` };
  }
  if (whole.kind === 'no' && whole.why.includes('undefined behaviour')) {
    return { kind: 'no', why: `interprocedural: ${first.cex.difference} — only if a called function behaved otherwise than its body; run with the bodies, the source has ${whole.why.replace(/^.*undefined behaviour: /, 'undefined behaviour: ')}` };
  }
  // the run with the bodies did not decide (the source ran out of steps or time, an op of a
  // callee is unsupported, ...): the modular difference may need a callee to behave otherwise
  // than its body, so it is not shown as refuted — `audit --pass inline` refuted clef_entry of
  // histogram, insertion_sort and crc16_frame (the target's inlined main read past a block the
  // model's runtime results sized; the source's main, run, ran out of its 5000 concrete-test
  // steps; tests/verifier/tv/probe-inline-unconfirmed.test.ts)
  if (whole.kind === 'no') return { kind: 'no', why: `interprocedural: ${first.cex.difference} — only if a called function behaved otherwise than its body; the run with the bodies did not decide (${whole.why})` };
  // the run with the bodies shows the target never returning: said, as that is what it runs
  const bodies = shared ? "the bodies of the source's called functions on both sides" : 'the bodies of the called functions';
  if (whole.cex.tgt.startsWith('does not terminate')) return { kind: 'refuted', cex: { ...first.cex, tgt: `${first.cex.tgt}; run with the bodies, it ${whole.cex.tgt}`, difference: `${first.cex.difference}; run with ${bodies}, the target does not terminate (${whole.cex.difference.replace(/^target does not terminate: /, '')})` } };
  if (shared) return { kind: 'refuted', cex: { ...first.cex, difference: `${first.cex.difference}; run with ${bodies}: ${whole.cex.difference}` } };
  return first;
}

/**
 * A lasso model or a concrete test that the modular replay could not decide (a target out of
 * steps — calls are uninterpreted there: each call's answer is the model's by its number, so
 * no state repeats across a call, and the lasso query of lasso.ts asks for none — or a run
 * stopped by a call answer the callee's body would not give): run both with the bodies of
 * the called functions and the runtime library's models (issue 4 U4: int-range-optimizations
 * turned a loop that calls module functions into one that never advances; every model ran
 * out of steps or was UB at a call's memref result, `unknown: timeout` or `interprocedural`).
 * That run is deterministic, so a repeated state at a loop head of the target (CFG headers
 * and scf.while heads, core/diverges-watch.ts; runtime calls counted by the runtime's input
 * state, not by their number: output does not steer a run) while the source returns or
 * stops in a call means it never returns. The target runs with the
 * source module's functions for its callees where their signatures agree: one behaviour of
 * each callee for both sides, as modular refinement has it (with each side's own bodies a
 * callee the pass broke would be blamed on the caller; lasso-bodies.test.ts). Besides a
 * target that never returns, only differences no numbering of blocks can make refute here:
 * the program's output, and integer results (issue 4 U4: tlv_parser's main, its code after
 * the call of decode folded away, returns 0 where the source's returns 3) — a pointer result
 * or a call's argument word holds block ids, which each side's escape analysis numbers.
 */
function differsWithBodies(si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo, first: Replayed, whole: (tInfo: ModuleInfo) => Replayed): Replayed | null {
  // (a model on which both sides behave the same is no candidate; nor a pair without calls,
  // whose run with the bodies is its modular run)
  if (first.kind !== 'no' || first.why.startsWith('both sides behave the same')) return null;
  if (calleesOf(s).length === 0 && calleesOf(t).length === 0) return null;
  const hybrid = withSourceCallees(si, ti, t);
  if (!hybrid) return null;
  const r = whole(hybrid);
  if (r.kind !== 'refuted' || !DIFFERS_WITH_BODIES.some((re) => re.test(r.cex.difference))) return null;
  return { kind: 'refuted', cex: { ...r.cex, difference: `${r.cex.difference} (run with the bodies of the called functions and the runtime library's models; the modular replay: ${first.why})` } };
}

/** The differences differsWithBodies shows (compare's words). */
const DIFFERS_WITH_BODIES = [/^target does not terminate: /, /^the output differs: /, /^result slot \d+: the source returns -?\d+(?: \(unsigned \d+\))? : i\d+, the target -?\d+(?: \(unsigned \d+\))? : i\d+$/];

/** The target's module with every other function the source defines with a body of the same
 *  signature taken from the source (differsWithBodies), and those the target no longer has
 *  (a source body calls them: inlined and erased in the target, they were calls the model
 *  answered, and a loop over such an answer was refuted as never returning; review 29);
 *  null where a source body taken calls a function (not `t`) the target defines otherwise. */
function withSourceCallees(si: ModuleInfo, ti: ModuleInfo, t: FuncInfo): ModuleInfo | null {
  const memo = hybrids.get(ti)?.get(si)?.get(t.name);
  if (memo !== undefined) return memo;
  const same = (a: Type[], b: Type[]) => JSON.stringify(a) === JSON.stringify(b);
  const funcs = new Map(ti.funcs);
  const taken: FuncInfo[] = [];
  for (const [name, f] of si.funcs) {
    const g = ti.funcs.get(name);
    if (name !== t.name && f.body && (!g || (f.dialect === g.dialect && same(f.params, g.params) && same(f.results, g.results)))) {
      funcs.set(name, f);
      taken.push(f);
    }
  }
  const closed = taken.every((f) => calleesOf(f).every((c) => c === t.name || funcs.get(c) === si.funcs.get(c) || !si.funcs.get(c)?.body));
  const h = closed ? { ...ti, funcs } : null;
  if (!hybrids.has(ti)) hybrids.set(ti, new WeakMap());
  if (!hybrids.get(ti)!.has(si)) hybrids.get(ti)!.set(si, new Map());
  hybrids.get(ti)!.get(si)!.set(t.name, h);
  return h;
}
/** withSourceCallees' modules, one per pair and function (lasso-bodies.ts caches by module). */
const hybrids = new WeakMap<ModuleInfo, WeakMap<ModuleInfo, Map<string, ModuleInfo | null>>>();

/** The argument slots' values in a model (the inputs both runs start from). */
function modelSlots(layout: ArgLayout, model: Model): CScalar[] {
  const ev = (x: Term) => evaluate(x, model, { complete: true });
  return layout.values.map((x) => {
    if (x.kind === 'ptr') return { kind: 'ptr', bid: ev(x.bid) as bigint, off: ev(x.off) as bigint, poison: ev(x.poison) as boolean };
    return { kind: x.kind, w: x.w, v: ev(x.v) as bigint, poison: ev(x.poison) as boolean } as CScalar;
  });
}

/** The source alone on a model (vacuity.ts): does its concrete run return, or stop in a call
 *  that does not return, without UB within `steps` interpreter steps? */
export function sourceEndsCleanly(si: ModuleInfo, s: FuncInfo, pair: PairEnv, layout: ArgLayout, model: Model, steps: number): boolean {
  const M = new ModelView(model);
  replaySealed.set(M, replaySealedOf(pair.sealedAt, pair.ids));
  try {
    const k = runSide(si, s, modelSlots(layout, model), pair, layout, M, steps).outcome.kind;
    return k === 'return' || k === 'exit';
  } catch (e) {
    if (e instanceof Unsupported || e instanceof EvalError) return false;
    throw e;
  }
}

// a counterexample names the memory it starts from — argument blocks
// (describeMemory) and, here, the model's bytes of every writable global: a target wrong only
// for some contents of a global (written elsewhere, so any contents equal on both sides) was
// shown with "inputs: (none)" and no memory at all.
function withGlobals(r: Replayed, pair: PairEnv, M: ModelView): Replayed {
  if (r.kind !== 'refuted') return r;
  const U0 = M.arr('mem.U0');
  const lines: string[] = [];
  if (!U0) lines.push(...initialPoison(M));
  if (!U0) return lines.length ? { kind: 'refuted', cex: { ...r.cex, memory: [...r.cex.memory, ...lines] } } : r;
  for (const [name, bid] of pair.ids) {
    const g = pair.globals.get(name);
    if (!g || g.readonly) continue;
    if (g.init && pair.sealed.has(name)) continue; // the replay ran it from its initializer (sealedStart)
    // small globals byte by byte; larger ones by the model's explicit bytes
    if (g.size <= 64) {
      const bytes = Array.from({ length: g.size }, (_, o) => Number(M.int(M.sel(U0, addr96(bid, BigInt(o))))));
      if (g.init && bytes.every((x, o) => x === g.init![o])) continue; // as the program starts
      lines.push(`@${name} initially: bytes [${bytes.join(' ')}]`);
      continue;
    }
    const bytes = U0.entries
      .filter(([k]) => typeof k === 'bigint' && k >> 64n === BigInt(bid) && (k & ((1n << 64n) - 1n)) < BigInt(g.size))
      .map(([k, v]) => [(k as bigint) & ((1n << 64n) - 1n), M.int(v)] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : 1));
    if (!bytes.length) continue;
    const shown = bytes.slice(0, 16).map(([o, v]) => `[${o}] = ${v}`).join(', ');
    lines.push(`@${name} initially: ${shown}${bytes.length > 16 ? ', ...' : ''} (each other byte ${M.int(U0.default)})`);
  }
  lines.push(...initialPoison(M));
  return lines.length ? { kind: 'refuted', cex: { ...r.cex, memory: [...r.cex.memory, ...lines] } } : r;
}

/** The model's poison bytes in the memory at entry (validate.ts runSides: `mem.UP0`), as
 *  a counterexample names them. */
function initialPoison(M: ModelView): string[] {
  const UP0 = M.arr('mem.UP0');
  if (!UP0) return [];
  const at = (k: ModelValue) => (typeof k === 'bigint' ? `byte ${k & ((1n << 64n) - 1n)} of block ${k >> 64n}` : String(k));
  const flagged = UP0.entries.filter(([, v]) => M.bool(v) !== M.bool(UP0.default)).map(([k]) => at(k));
  if (M.bool(UP0.default)) return [`memory at entry: every byte poison${flagged.length ? ` but ${flagged.slice(0, 8).join(', ')}${flagged.length > 8 ? ', ...' : ''}` : ''}`];
  return flagged.length ? [`memory at entry: poison at ${flagged.slice(0, 8).join(', ')}${flagged.length > 8 ? ', ...' : ''}`] : [];
}

/** A sealed global (sealed-globals.ts) starts from its initializer: contents the model chose
 *  may be ones no function of the module ever stores (a private i32 only ever set to 1, read
 *  as 254 — the source of `opt -O2`'s own folding was refuted). The program's start state is
 *  a real one whatever the other inputs; where the model's contents differ, that is noted (a
 *  run that then shows no difference did not replay because of it). */
function sealedStart(pair: PairEnv, name: string, g: { init: Uint8Array | null; size: number }, bid: number, cur: ByteSource, M: ModelView): ByteSource | undefined {
  const init = g.init;
  const rs = replaySealed.get(M);
  if (!init || !rs || !pair.sealed.has(name)) return undefined;
  if (rs.note === undefined) {
    for (let o = 0; o < Math.min(g.size, 4096); o++) {
      const c = cur(bid, BigInt(o));
      // (a byte the model starts poison too: the memory at entry may hold poison, mem.UP0)
      if (c.poison || c.byte !== (init[o] ?? 0)) {
        rs.note = `the model starts @${name} at other contents than its initializer (byte ${o}: ${c.poison ? 'poison' : c.byte}), which only the module's own functions could have stored`;
        break;
      }
    }
  }
  return (_bid, off) => ({ byte: init[Number(off)] ?? 0, poison: false });
}

// ---- undef engineer (begin)
export const CALL_UNWRITTEN = 'the difference needs an external call to leave bytes unwritten that the function allocated (the target reads them as poison, the source as what the call wrote); the replay cannot make one call leave bytes unwritten for one side only: ';

/** A model on which both sides behave the same, where the target's run passed bytes nobody
 *  wrote to an external call (`callee`): the symbolic target reads them as poison after the
 *  call, the source as the model's values. If the target, run with those bytes left
 *  unwritten by the call, differs from the source, the model needed exactly that: no
 *  counterexample (the same call cannot write them for the source and not for the target),
 *  and no engine bug either — CALL_UNWRITTEN, an `unknown` reason (verifier/tv/validate.ts). */
function callLeftUnwritten(r: Replayed, callee: string | undefined, again: () => Replayed): Replayed {
  if (r.kind !== 'no' || !callee || !r.why.startsWith('both sides behave the same')) return r;
  let d: Replayed;
  try {
    d = again();
  } catch (e) {
    if (e instanceof Unsupported) return r;
    throw e;
  }
  return d.kind === 'refuted' ? { kind: 'no', why: `${CALL_UNWRITTEN}@${callee}; ${d.cex.difference}` } : r;
}
// ---- undef engineer (end)

/** Does either function call `name`? */
function mentionsCall(s: FuncInfo, name: string, t: FuncInfo): boolean {
  return calleesOf(s).includes(name) || calleesOf(t).includes(name);
}

/** The functions a function's body calls by name. */
function calleesOf(f: FuncInfo): string[] {
  const out: string[] = [];
  const visit = (ops: Operation[]) => {
    for (const op of ops) {
      const c = op.properties.find((p) => p.name === 'callee')?.value;
      if (c && c.kind === 'symbolRef') out.push(c.root);
      for (const r of op.regions) for (const b of r.blocks) visit(b.ops);
    }
  };
  for (const b of f.body?.blocks ?? []) visit(b.ops);
  return out;
}

/** `whole`: the run with the bodies of called functions (and the runtime library's models):
 *  there a runtime call is no unknown function but code whose effects show in the output and
 *  in memory, so its arguments are not compared — a buffer the source allocates privately
 *  and the target, after inlining, as an escaping block has another block id (gcd_lcm's
 *  clef_fmt_i64 buffer under `audit --pass inline`: the difference kept a false refutation);
 *  the program's output is compared instead. */
function compare(src: SideRun, tgt: SideRun, s: FuncInfo, slots: CScalar[], layout: ArgLayout, M: ModelView, whole = false): { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string } {
  const r = compareOnce(src, tgt, s, slots, layout, M, whole);
  // a source that handed the runtime poison printed one text of many (runtime-poison.ts)
  if (r.kind === 'refuted' && whole && src.runtimePoison !== undefined) return { kind: 'no', why: `the source hands poison to @${src.runtimePoison} (its output, and what follows from the runtime's answers, is one of many): ${r.cex.difference}` };
  // a source that froze poison took one value of many (ops-freeze.ts): its difference is one
  // only where the query had every source freeze under a "for all" (source-choices.ts) — the
  // source's own body, not a callee's run with the bodies
  if (r.kind === 'refuted' && src.froze !== undefined && (whole || !M.bool(M.get(FREEZE_FORALL)))) {
    return { kind: 'no', why: `${UNSPECIFIED}the source's llvm.freeze of poison (its freeze #${src.froze}) may give any value, and this model ${whole ? 'runs it in a called function' : 'did not have every such value under a "for all"'}; ${r.cex.difference}` };
  }
  return r;
}

function compareOnce(src0: SideRun, tgt0: SideRun, s: FuncInfo, slots: CScalar[], layout: ArgLayout, M: ModelView, whole = false): { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string } {
  const external = (r: SideRun): SideRun => (whole ? { ...r, events: r.events.filter((e) => !isRuntimeFn(e.name)) } : r);
  const src = external(src0);
  const tgt = external(tgt0);
  const show = (r: SideRun) =>
    r.outcome.kind === 'return' ? `returns (${r.outcome.values.map(showScalar).join(', ')}) after ${r.events.length} call(s)`
    : r.outcome.kind === 'exit' ? `stops in call #${r.outcome.call} (@${r.events[r.outcome.call]?.name}), which does not return`
    : r.outcome.kind === 'ub' ? `undefined behaviour: ${r.outcome.what}`
    : r.outcome.kind === 'diverges' ? `does not terminate: ${divergence(r.outcome)}`
    : `error: ${r.outcome.what}`;
  if (src.outcome.kind === 'ub' || src.outcome.kind === 'error') return { kind: 'no', why: `the source does not run cleanly on the model: ${show(src)}` };
  const cex = (difference: string): { kind: 'refuted'; cex: Counterexample } => ({
    kind: 'refuted',
    cex: { inputs: describeInputs(s, slots), memory: describeMemory(layout, M), src: show(src), tgt: show(tgt), difference },
  });
  if (tgt.outcome.kind === 'error') return { kind: 'no', why: `the target does not run on the model: ${show(tgt)}` };
  if (src.outcome.kind === 'diverges') return { kind: 'no', why: `the source does not terminate on the model: ${show(src)}` };
  if (tgt.outcome.kind === 'ub') return cex(`the target has undefined behaviour where the source has none: ${tgt.outcome.what}`);
  // whole: blocks the run allocated are numbered by each side's allocation order and escape
  // analysis (a pass that reorders allocations, inlining), so their ids do not correspond
  const made = (r: SideRun, bid: number) => { const k = r.memory.blocks.get(bid)?.kind; return k === 'heap' || k === 'stack'; };
  const notMade = (m: Event['snap']) => (whole ? new Map([...m].filter(([k]) => { const bid = Number(k.split(':')[0]); return !made(src, bid) && !made(tgt, bid); })) : m);
  const n = Math.min(src.events.length, tgt.events.length);
  for (let i = 0; i < n; i++) {
    const a = src.events[i]!;
    const b = tgt.events[i]!;
    if (a.name !== b.name) return cex(`call #${i}: the source calls @${a.name}, the target @${b.name}`);
    for (let j = 0; j < Math.max(a.words.length, b.words.length); j++) {
      // a pointer into a block each side allocated: by content, its offset (word j + 1) as any
      const ma = a.made?.get(j);
      const mb = b.made?.get(j);
      if (ma && mb) {
        const d = madeBlockDiff(ma, mb);
        if (d) return cex(`call #${i} (@${a.name}): argument word ${j} points into a block each side allocated: ${d}`);
        continue;
      }
      const x = a.words[j] ?? { v: 0n, p: false };
      const y = b.words[j] ?? { v: 0n, p: false };
      if (!x.p && (y.p || x.v !== y.v)) return cex(`call #${i} (@${a.name}): argument word ${j} is ${x.v} in the source, ${y.p ? 'poison' : y.v} in the target`);
      // undef engineer: undef (a read of memory nobody wrote) is refined by no poison but the target's own undef
      if (x.p && x.f === true && y.p && y.f !== true) return cex(`call #${i} (@${a.name}): argument word ${j} is undef (a read of memory nobody wrote) in the source, poison in the target`);
    }
    // bytes of globals the callee cannot reach are not memory it sees (sealed-globals.ts)
    // (with the bodies, blocks the run allocated: through the arguments, by content, above)
    const hide = (m: Event['snap']) => notMade(a.sealed?.size ? new Map([...m].filter(([k]) => !a.sealed!.has(Number(k.split(':')[0])))) : m);
    const d = memDiff(hide(a.snap), hide(b.snap), src, tgt, a.epoch, M, false);
    if (d) return cex(`call #${i} (@${a.name}): the callee sees different memory: ${d}`);
    const rs = a.sealed?.size ? replaySealed.get(M) : undefined;
    if (rs && rs.note === undefined) {
      const hidden = memDiff(notMade(a.snap), notMade(b.snap), src, tgt, a.epoch, M, false);
      if (hidden) rs.note = `call #${i} (@${a.name}) would see different bytes of a global it cannot reach: ${hidden}`;
    }
    // call liveness: a block the callee may use in the source
    for (const [bid, x] of a.live) {
      if (whole && made(src, bid)) continue; // by content where an argument points into it
      if (x.observable && !b.live.has(bid)) return cex(`call #${i} (@${a.name}): block ${bid} is alive when the source calls, not in the target (${tgt.memory.blocks.has(bid) ? 'freed' : 'not allocated'})`);
    }
  }
  // the target never returns (whatever calls it made or would have made): src returns or stops
  if (tgt.outcome.kind === 'diverges') return cex(`target does not terminate: ${divergence(tgt.outcome)}`);
  if (src.events.length !== tgt.events.length) return cex(`the source makes ${src.events.length} call(s), the target ${tgt.events.length}`);
  if (whole && (src.out ?? '') !== (tgt.out ?? '')) return cex(`the output differs: the source writes ${JSON.stringify(src.out)}, the target ${JSON.stringify(tgt.out)}`);
  if (src.outcome.kind !== tgt.outcome.kind) return cex(`the source ${show(src)}, the target ${show(tgt)}`);
  if (src.outcome.kind === 'return' && tgt.outcome.kind === 'return') {
    const sv = src.outcome.values;
    const tv = tgt.outcome.values;
    // whole: blocks the run allocated are numbered by the escape analysis of each side's
    // functions, which inlining changes (a private 0x2... block of the source is an escaping
    // 0x1... one in the target), so their ids do not correspond: only the memory that existed
    // before the call (arguments, globals, blocks calls returned) is compared, and a pointer
    // result into a block each side allocated is compared by its offset and the bytes it
    // points to, not by the ids (a callee's fresh buffer returned, inlined: it was `refuted`
    // on the block ids alone; review 29)
    const bothMade = (x: CScalar, y: CScalar): x is CScalar & { kind: 'ptr' } => whole && x.kind === 'ptr' && y.kind === 'ptr' && made(src, Number(x.bid)) && made(tgt, Number(y.bid));
    const sameResult = (x: CScalar, y: CScalar) => (bothMade(x, y) ? x.off === (y as typeof x).off : sameScalar(x, y));
    const madeDiff = (x: CScalar, y: CScalar): string | null => {
      if (!bothMade(x, y) || y.kind !== 'ptr') return null;
      return madeBlockDiff(madeBlock(src.memory, src.memory.blocks.get(Number(x.bid))!), madeBlock(tgt.memory, tgt.memory.blocks.get(Number(y.bid))!));
    };
    let nanOnly: string | null = null;
    for (let k = 0; k < sv.length; k++) {
      const x = sv[k]!;
      const y = tv[k];
      if (!y) return cex(`result slot ${k} is missing in the target`);
      // undef engineer: the source's undef (a read of memory nobody wrote) is refined by any
      // defined value or another such read, not by poison (LangRef "Undefined Values")
      if (x.poison && x.fresh === true && y.poison && y.fresh !== true) return cex(`result slot ${k}: the source returns undef (a read of memory nobody wrote), the target poison`);
      if (x.poison || (!y.poison && sameResult(x, y))) continue;
      // Two NaNs that differ in sign or payload: the concrete semantics writes one canonical
      // NaN for every arithmetic result, but LangRef lets the source's NaN have any sign and
      // a payload among the preferred NaN and the quieted inputs — the target's NaN (fneg's
      // sign flip of a quiet NaN where the source computed -0.0 - x) may be one of them. Not
      // shown as refuted; a real difference elsewhere still is.
      if (!y.poison && bothNaN(x, y)) {
        nanOnly ??= `result slot ${k}: the source returns ${showScalar(x)}, the target ${showScalar(y)}`;
        continue;
      }
      return cex(`result slot ${k}: the source returns ${showScalar(x)}, the target ${showScalar(y)}`);
    }
    for (let k = 0; k < sv.length; k++) {
      const d = sv[k]!.poison || tv[k]!.poison ? null : madeDiff(sv[k]!, tv[k]!);
      if (d) return cex(`result slot ${k} points into a block the run allocated: ${d}`);
    }
    const before = (m: Map<string, { byte: number; poison: boolean; fresh?: boolean }>) =>
      whole ? new Map([...m].filter(([k]) => { const bid = Number(k.split(':')[0]); return !made(src, bid) && !made(tgt, bid); })) : m;
    const d = memDiff(before(snapshot(src.memory, true)), before(snapshot(tgt.memory, true)), src, tgt, src.epoch, M, true);
    if (d) return cex(`memory after the return differs: ${d}`);
    const fd = whole ? null : freedDiff(src, tgt); // query.ts liveness
    if (fd) return cex(`memory after the return differs: ${fd}`);
    if (nanOnly) return { kind: 'no', why: `${NAN_ONLY}${nanOnly}: both are NaNs, which differ only in sign or payload (the source's NaN is not determined by LangRef; this model cannot tell whether the target's is allowed)` };
  }
  return { kind: 'no', why: `both sides behave the same on the model (${show(src)})` };
}

function divergence(o: { header: string; first: number; again: number }): string {
  const m = o.again - o.first;
  const at = o.header.startsWith('the scf.while') || o.header.startsWith('an scf.while') ? o.header : `^${o.header}`;
  return `state at ${at} repeats after ${m} iteration${m === 1 ? '' : 's'} (its visits ${o.first} and ${o.again} of the header, no call the model answers in between)`;
}

/** The prefix of a replay that found only NaN sign/payload differences (validate.ts reports
 *  it as unknown, not as an engine bug). */
export const NAN_ONLY = 'NaN payload: ';
/** undef engineer: the prefix of a model not shown as refuted (replayCounterexample). */
export const UNDEF_USE = 'the target computes with memory nobody wrote (undef), which the replay reads as poison: ';

type Replayed = { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string };

export const ALLOC_ORDER = 'allocations correspond differently: ';

/** Correspondences of fresh blocks tried before a difference is confirmed (4! = 24). */
const MAX_CORRESPONDENCES = 24;

/**
 * The addresses malloc (or an escaping alloca) returns are unspecified, so no program can
 * rely on which fresh block comes first: the target refines the source on a model when its
 * observable fresh blocks correspond to the source's in SOME way (a bijection) under which
 * the two behave the same. The symbolic query and the runs above relate them by allocation
 * order (block id LOCAL_BASE + k on both sides), so a pass that swaps two escaping
 * allocations was `refuted` on the block ids alone (a call's argument word, the bytes a
 * callee sees by address). A modular difference is confirmed only when the target, run
 * again on the same model with its k-th observable allocation given another id, differs
 * in every correspondence of the ids LOCAL_BASE .. LOCAL_BASE + n - 1 (the model's calls
 * answer and write by block id, so each run is one consistent environment); the first
 * tried after allocation order is the order in which the blocks first escape (passed to a
 * call, returned). A correspondence with no difference (or one the replay does not
 * confirm) makes the verdict `unknown` with ALLOC_ORDER. With more than 4 blocks only
 * MAX_CORRESPONDENCES are tried and the difference is kept (README "Known gaps").
 */
function correspondences(first: Replayed, n: number, runs: { src: SideRun; tgt: SideRun } | null, rerun: (order: readonly number[]) => Replayed): Replayed {
  if (first.kind !== 'refuted' || n < 2) return first;
  const ids = (order: readonly number[]) => order.map((id, k) => `#${k} as #${id - LOCAL_BASE}`).join(', ');
  const seen = new Set<string>([Array.from({ length: n }, (_, k) => k).join()]);
  const tries: number[][] = [];
  const byEscape = runs ? escapeCorrespondence(runs.src, runs.tgt, n) : null;
  if (byEscape && !seen.has(byEscape.join())) (seen.add(byEscape.join()), tries.push(byEscape));
  for (const p of permutations(n)) {
    if (seen.size >= MAX_CORRESPONDENCES) break;
    if (!seen.has(p.join())) (seen.add(p.join()), tries.push(p));
  }
  let shown: Replayed = first;
  for (const p of tries) {
    const order = p.map((i) => LOCAL_BASE + i);
    const r = rerun(order);
    if (r.kind === 'no') {
      return { kind: 'no', why: `${ALLOC_ORDER}${first.cex.difference} — the addresses of fresh blocks are unspecified, and with the target's ${n} observable fresh blocks corresponding otherwise to the source's (the target's allocation ${ids(order)}): ${r.why}` };
    }
    // the difference shown is the one where the blocks correspond by first escape (not the
    // block ids of allocation order, which say nothing of what is wrong)
    if (p === byEscape) shown = { kind: 'refuted', cex: { ...r.cex, difference: `${r.cex.difference} (and in every other correspondence of the ${n} fresh blocks${tries.length + 1 < factorial(n) ? ` tried, ${tries.length + 1} of ${factorial(n)}` : ''}; shown with the target's allocation ${ids(order)} of the source's, by first escape)` } };
  }
  return shown;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** The permutations of 0..n-1 in lexicographic order (lazily). */
function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, k) => k);
  for (;;) {
    yield [...a];
    let i = n - 2;
    while (i >= 0 && a[i]! >= a[i + 1]!) i--;
    if (i < 0) return;
    let j = n - 1;
    while (a[j]! <= a[i]!) j--;
    [a[i], a[j]] = [a[j]!, a[i]!];
    a.splice(i + 1, n - i - 1, ...a.slice(i + 1).reverse());
  }
}

/** The target's k-th observable allocation as the source's block of the same rank in the
 *  order of first escape (a call's argument word, then a result; the rest by allocation). */
function escapeCorrespondence(src: SideRun, tgt: SideRun, n: number): number[] {
  const rank = (r: SideRun): number[] => {
    const out: number[] = [];
    const note = (v: bigint) => {
      const k = Number(v) - LOCAL_BASE;
      if (k >= 0 && k < n && r.memory.blocks.has(Number(v)) && !out.includes(k)) out.push(k);
    };
    for (const e of r.events) for (const w of e.words) if (!w.p) note(w.v);
    if (r.outcome.kind === 'return') for (const x of r.outcome.values) if (x.kind === 'ptr' && !x.poison) note(x.bid);
    for (let k = 0; k < n; k++) if (!out.includes(k)) out.push(k);
    return out;
  };
  const rs = rank(src);
  const rt = rank(tgt);
  const order: number[] = Array.from({ length: n }, () => 0);
  rt.forEach((k, i) => (order[k] = rs[i]!));
  return order;
}

/**
 * undef engineer — one rule for every replay (this file's and the Core -> MLIR one,
 * verifier/tv/core/replay.ts): the replay reads memory nobody wrote as poison, LLVM as undef.
 * When the target computed with such a read (`freshUse`: the first op that did, the
 * interpreter's onFreshUse) its difference `first` may be the poison reading's own doing
 * (`and x, 0` is 0 with undef), so the target runs again with those reads as defined values,
 * a different one at each read (`again`: ConcreteMemoryOptions.undefValues, one of LLVM's
 * choices for undef); only a difference that run shows too is refuted, otherwise the model
 * is no counterexample (UNDEF_USE: unknown, never refuted).
 */
export function undefConfirmed(first: Replayed, freshUse: string | undefined, again: () => Replayed): Replayed {
  if (first.kind !== 'refuted' || !freshUse) return first;
  const r2 = again();
  if (r2.kind === 'refuted') return { kind: 'refuted', cex: { ...r2.cex, difference: `${r2.cex.difference} (the target's reads of memory nobody wrote taken as defined values, one of LLVM's choices for undef)` } };
  return { kind: 'no', why: `${UNDEF_USE}${freshUse}; ${first.cex.difference}` };
}

/** Both are floats of one width and both are NaNs (exponent all ones, mantissa not zero). */
function bothNaN(a: CScalar, b: CScalar): boolean {
  if (a.kind !== 'float' || b.kind !== 'float' || a.w !== b.w) return false;
  const mant = a.w === 64 ? 52n : a.w === 32 ? 23n : a.w === 16 ? 10n : null;
  if (mant === null) return false;
  const isNaN = (v: bigint) => ((v >> mant) & ((1n << BigInt(a.w - 1 - Number(mant))) - 1n)) === (1n << BigInt(a.w - 1 - Number(mant))) - 1n && (v & ((1n << mant) - 1n)) !== 0n;
  return isNaN(a.v) && isNaN(b.v);
}

function sameScalar(a: CScalar, b: CScalar): boolean {
  if (a.kind === 'ptr' && b.kind === 'ptr') return a.bid === b.bid && a.off === b.off;
  if (a.kind !== 'ptr' && b.kind !== 'ptr') return a.v === b.v;
  return false;
}

function showScalar(x: CScalar): string {
  if (x.poison && x.fresh === true) return 'undef'; // undef engineer: a read of memory nobody wrote
  if (x.poison) return 'poison';
  if (x.kind === 'ptr') return `ptr(block ${x.bid}, offset ${x.off})`;
  if (x.kind === 'int') return x.w === 1 ? String(x.v === 1n) : `${BigInt.asIntN(x.w, x.v)}${x.v >= 1n << BigInt(x.w - 1) ? ` (unsigned ${x.v})` : ''} : i${x.w}`;
  return `0x${x.v.toString(16)} : f${x.w}`;
}

function describeInputs(fn: FuncInfo, slots: CScalar[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  let k = 0;
  fn.params.forEach((t, i) => {
    const n = slotsOf(t).length;
    const names = t.kind === 'memref' ? ['allocated', 'aligned', 'offset', ...t.shape.map((_, d) => `size${d}`), ...t.shape.map((_, d) => `stride${d}`)] : [];
    for (let j = 0; j < n; j++) out.push({ name: n === 1 ? `arg${i}` : `arg${i}.${names[j] ?? j}`, value: showScalar(slots[k++]!) });
  });
  return out;
}

/** The model's start address of block `bid` (symbolic-memory.ts BLOCK_START; 0 where the
 *  query had no starts). */
function modelStart(M: ModelView, bid: number): bigint {
  return M.int(M.sel(M.arr(BLOCK_START), BigInt(bid)));
}

/** A block start address the model makes misaligned for some access (the low 12 bits). */
function startNote(M: ModelView, bid: number): string {
  const low = modelStart(M, bid) % 4096n;
  return low === 0n ? '' : `, starting at an address of ${low} mod 4096`;
}

function describeMemory(layout: ArgLayout, M: ModelView): string[] {
  return layout.argBlocks.map((_, j) => `argument block ${ARG_BASE + j}: ${M.bool(M.get(`argblk.${j}.alive`)) ? 'alive' : 'dead'}, ${M.int(M.get(`argblk.${j}.size`))} bytes${M.bool(M.get(`argblk.${j}.writable`), true) ? '' : ', read-only (a constant the caller passes)'}${startNote(M, ARG_BASE + j)}`);
}

/** Observable bytes written since the last external call (the rest equals the shared source). */
function snapshot(mem: ConcreteMemory, final: boolean): Map<string, { byte: number; poison: boolean; fresh?: boolean }> {
  const out = new Map<string, { byte: number; poison: boolean; fresh?: boolean }>();
  for (const b of mem.blocks.values()) {
    if (!b.observable || b.readonly) continue;
    if (final && b.kind === 'stack') continue;
    const offs: bigint[] = b.sparse ? [...b.sparse.keys()] : b.dense ? Array.from({ length: b.dense.length }, (_, i) => BigInt(i)) : [];
    for (const off of offs) out.set(addrKey(b.bid, off), mem.readByte(b, off));
  }
  return out;
}

// ---- liveness (begin)
/** A block the caller can still reach after the return (observable, not a stack block) that
 *  is alive in the source's run and not in the target's (query.ts liveness). */
function freedDiff(src: SideRun, tgt: SideRun): string | null {
  for (const b of src.memory.blocks.values()) {
    if (b.kind === 'stack' || !b.observable || !b.alive) continue;
    const t = tgt.memory.blocks.get(b.bid);
    if (!t || t.kind === 'stack' || !t.alive) return `block ${b.bid} is alive after the source returns, not in the target (${t ? 'freed' : 'never allocated'})`;
  }
  return null;
}

/** The live heap, argument and external blocks at a call (symexec.ts liveAt). */
function liveBlocks(mem: ConcreteMemory): Map<number, { observable: boolean }> {
  const out = new Map<number, { observable: boolean }>();
  for (const b of mem.blocks.values()) if (b.alive && (b.kind === 'heap' || b.kind === 'arg' || b.kind === 'ext')) out.set(b.bid, { observable: b.observable });
  return out;
}
// ---- liveness (end)

function memDiff(
  a: Map<string, { byte: number; poison: boolean; fresh?: boolean }>,
  b: Map<string, { byte: number; poison: boolean; fresh?: boolean }>,
  src: SideRun,
  tgt: SideRun,
  epoch: number,
  M: ModelView,
  final: boolean,
): string | null {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const source = (k: string) => {
    const [bid, off] = k.split(':');
    return uSource(M, epoch)(Number(bid), BigInt(off!));
  };
  const stackIn = (r: SideRun, bid: number) => r.memory.blocks.get(bid)?.kind === 'stack';
  for (const k of [...keys].sort()) {
    const bid = Number(k.split(':')[0]);
    if (final && (stackIn(src, bid) || stackIn(tgt, bid))) continue;
    // past the end of a block the source allocated (freed since or not): no byte of the
    // source (query.ts beyondSource)
    const sb = src.memory.blocks.get(bid);
    if (sb && (sb.kind === 'heap' || sb.kind === 'stack') && BigInt(k.split(':')[1]!) >= sb.size) continue;
    // a block the source freed is no memory of the caller's (query.ts liveness)
    if (final && sb && !sb.alive) continue;
    const x: { byte: number; poison: boolean; fresh?: boolean } = a.get(k) ?? source(k);
    const y: { byte: number; poison: boolean; fresh?: boolean } = b.get(k) ?? source(k);
    // undef engineer: an undef the source left in an argument block or a global (query.ts
    // undefMemory) is refined by a defined byte or the target's own undef, not by poison
    if (final && x.poison && x.fresh === true && y.poison && y.fresh !== true && (sb?.kind === 'arg' || sb?.kind === 'static')) {
      const [blk, off] = k.split(':');
      return `byte ${off} of block ${blk} is undef (a read of memory nobody wrote) in the source, poison in the target`;
    }
    // undef engineer: at a call, any observable byte (query.ts snapUndef)
    if (!final && x.poison && x.fresh === true && y.poison && y.fresh !== true) {
      const [blk, off] = k.split(':');
      return `byte ${off} of block ${blk} is undef (a read of memory nobody wrote) in the source, poison in the target`;
    }
    if (!x.poison && (y.poison || x.byte !== y.byte)) {
      const [blk, off] = k.split(':');
      return `byte ${off} of block ${blk} is ${x.byte} in the source, ${y.poison ? 'poison' : y.byte} in the target`;
    }
  }
  return null;
}

/** The observable memory before any call (epoch -1: the initial memory) or after call n. */
function uSource(M: ModelView, epoch: number): ByteSource {
  const arr = epoch < 0 ? M.arr('mem.U0') : (M.sel(M.arr('call.havoc'), BigInt(epoch)) as ArrayModel | null);
  // the poison at entry (validate.ts runSides) or a call leaves (symexec.ts callArrays
  // havocP); absent from a Core -> MLIR model
  const poison = epoch < 0 ? M.arr('mem.UP0') : (M.sel(M.arr('call.havocP'), BigInt(epoch)) as ArrayModel | null);
  return (bid, off) => ({ byte: Number(M.int(M.sel(arr, addr96(bid, off)))), poison: M.bool(M.sel(poison, addr96(bid, off))) });
}

/** The command line of a run with the bodies: the modular run took `clef_argc`'s result
 *  (call `n`) and the arguments' lengths from the model, so the run with the runtime's own
 *  models gets that many arguments of those lengths (a few, short: any command line is a
 *  real execution of both sides, so this only picks one more likely to show the modular
 *  difference; an empty one hid a wrapper passing main a wrong window of it). */
function modelArgv(M: ModelView, n: number, rt: RtEnvRun): string[] {
  const argc = M.int(M.sel(M.arr('call.res.0'), BigInt(n)));
  if (argc <= 0n || argc > 16n) return [];
  return Array.from({ length: Number(argc) }, (_, i) => {
    const len = rt.copyLength('clef_arg_copy', n, { v: BigInt(i), p: false });
    return 'a'.repeat(len !== undefined && len >= 0n && len <= 64n ? Number(len) : 1);
  });
}

/** The command line of a model's runs with the bodies, once picked (modelArgv). */
const wholeArgv = new WeakMap<ModelView, string[]>();
/** The runtime calls that read the command line. */
const ARGV_CALLS = new Set(['clef_argc', 'clef_arg_len', 'clef_arg_copy']);

/** Bytes and blocks a run's calls may record in all (each call keeps the memory it sees
 *  and which blocks are alive). */
const MAX_RECORDED = 1_000_000;
/** Calls a run may make (each records the live blocks too). */
const MAX_CALLS = 10_000;

function runSide(info: ModuleInfo, fn: FuncInfo, slots: CScalar[], pair: PairEnv, layout: ArgLayout, M: ModelView, maxSteps: number, whole = false, lasso = false, deadline?: number, undefValues = false, target = false, pick = true, callLeaves = false, localIds?: readonly number[]): SideRun {
  const escaping = escapingSites(fn.body!);
  const run: SideRun = { outcome: { kind: 'error', what: 'not run' }, events: [], memory: null as unknown as ConcreteMemory, epoch: -1 };
  let cur = uSource(M, -1);
  const memory = new ConcreteMemory({
    globalIds: pair.ids,
    escapes: (site) => escaping.has(site),
    // fresh bytes are poison until written, as in the symbolic memory (not the model's
    // mem.fresh bytes, which the query leaves unconstrained under the poison). The check
    // takes the source's unwritten bytes of an escaping block larger than FRESH_POISON_MAX as
    // U's (one defined value each); the replay reads them as undef all the same: a difference
    // that needs the source to have picked the model's value is none (review 36 X1: the
    // callee saw 0 in the source, 117 in the target — both unwritten), so such a model is
    // no counterexample (`bigFresh` names why). The target's are poison whatever the size
    // (undef engineer, symbolic-memory.ts tgtUnwritten).
    freshSource: (_bid, observable, size) => {
      if (observable && size > FRESH_POISON_MAX && !target) run.bigFresh ??= size;
      return UNINIT_SOURCE;
    },
    undefValues,
    // the target's fresh observable blocks in another correspondence with the source's
    ...(localIds ? { localId: (k: number) => localIds[k] ?? LOCAL_BASE + k } : {}),
  });
  run.memory = memory;
  for (const [name, bid] of pair.ids) {
    const g = pair.globals.get(name)!;
    // the model's start, its alignment's low bits clear (symbolic-memory.ts checkAccess)
    const start = BigInt.asUintN(64, modelStart(M, bid) & -BigInt(Math.max(1, g.align)));
    if (g.readonly) memory.addBlock({ bid, kind: 'static', size: BigInt(g.size), alive: true, readonly: true, freeable: false, observable: false, source: () => ({ byte: 0, poison: false }), align: g.align, start, ...(g.init ? { init: g.init } : {}) });
    else memory.addBlock({ bid, kind: 'static', size: BigInt(g.size), alive: true, readonly: false, freeable: false, observable: true, source: sealedStart(pair, name, g, bid, cur, M) ?? cur, align: g.align, start });
  }
  layout.argBlocks.forEach((_, j) => {
    memory.addBlock({
      bid: ARG_BASE + j,
      kind: 'arg',
      size: M.int(M.get(`argblk.${j}.size`)),
      alive: M.bool(M.get(`argblk.${j}.alive`)),
      // a caller's read-only memory (pair.ts readOnlyArgs); writable where the model says nothing
      readonly: !M.bool(M.get(`argblk.${j}.writable`), true),
      freeable: M.bool(M.get(`argblk.${j}.freeable`)),
      observable: true,
      source: cur,
      start: modelStart(M, ARG_BASE + j),
    });
  });
  const io = newIO('', whole ? [...(wholeArgv.get(M) ?? [])] : []);
  // the runtime's state the copy calls read, stepped by the calls as symbolically
  // (runtime-env.ts); in the run with the runtime's own models, theirs
  const rt = new RtEnvRun({
    line0: () => M.int(M.get(RT_ENV.line0)),
    args0: (i) => M.int(M.sel(M.arr(RT_ENV.args0), i)),
    lineAfter: (n) => M.int(M.sel(M.arr(RT_ENV.lineAfter), BigInt(n))),
    argsAfter: (n, i) => M.int(M.sel(M.sel(M.arr(RT_ENV.argsAfter), BigInt(n)), i)),
    poisonIndex: (n) => M.int(M.sel(M.arr(RT_ENV.poisonIndex), BigInt(n))),
  });
  const copyLength = (callee: string, args: CVal[]): bigint | undefined => {
    const flat = args.flatMap((a) => flatten(a));
    if (whole) return runtimeCopyLength(callee, flat, io);
    const x = flat[0];
    return rt.copyLength(callee, run.events.length, x && x.kind === 'int' ? { v: x.v, p: x.poison } : undefined);
  };
  // llvm.freeze executions (interp.ts onFreeze): the target takes the model's value of each
  // (symexec.ts indexes them by the same count); a watched run's state holds the count, as
  // the next value depends on it
  let freezes = 0;
  const onFreeze = (n: number, w: number, poison: boolean): bigint => {
    freezes = n + 1;
    if (poison) run.froze ??= n;
    return target ? M.int(M.sel(M.arr(`${TARGET_FREEZE}b${w}`), BigInt(n))) : 0n;
  };
  const withFreezes = (p: number | string) => (freezes ? `${p} fz${freezes}` : p);
  let recorded = 0;
  // calls answered by the model (not the runtime's own models): each answer is the model's
  // by the call's number, so they count in the lasso fingerprint of a run with the bodies
  let externalCalls = 0;
  // every call keeps the memory it sees; a run calling the runtime in a loop without end
  // (command_console's main at the end of its input, run with the bodies) kept them until
  // the heap ran out, long before the step limit
  const snapAt = () => {
    const snap = snapshot(memory, false);
    recorded += snap.size + memory.blocks.size;
    if (recorded > MAX_RECORDED || run.events.length >= MAX_CALLS) throw new StepLimit(`the replay's limit of ${MAX_CALLS} calls or ${MAX_RECORDED} bytes and blocks recorded at calls (${run.events.length} calls, ${recorded} recorded)`);
    return snap;
  };
  const external = (callee: string, args: CVal[], resultTypes: Type[]): CVal[] => {
    if (deadline !== undefined && performance.now() > deadline) throw new StepLimit('the time limit of the concrete tests');
    const { name, args: used } = identity(memory, callee, args);
    if (whole && isRuntimeFn(callee)) {
      // the whole-program replay: the runtime library's own behaviour (its calls still count)
      const words: { v: bigint; p: boolean }[] = [];
      for (const x of used.flatMap((a) => flatten(a))) words.push(...(x.kind === 'ptr' ? [{ v: x.bid, p: x.poison }, { v: x.off, p: x.poison }] : [{ v: x.v, p: x.poison }]));
      run.events.push({ name, words, snap: snapAt(), epoch: run.epoch, live: liveBlocks(memory) });
      if (run.runtimePoison === undefined && runtimeSeesPoison(memory, callee, used)) run.runtimePoison = name;
      // one command line for both sides, fixed at the first call that reads it (the source
      // runs first; the target starts with it), so where each side asks cannot show as a
      // difference in what each side got
      if (ARGV_CALLS.has(callee) && !wholeArgv.has(M)) {
        const argv = callee === 'clef_argc' ? modelArgv(M, run.events.length - 1, rt) : [];
        wholeArgv.set(M, argv);
        io.argv.push(...argv);
      }
      return runtimeCall(callee, args, resultTypes, memory, io);
    }
    const words: { v: bigint; p: boolean; f?: boolean }[] = [];
    const made = new Map<number, MadeBlock>();
    for (const x of used.flatMap((a) => flatten(a))) {
      const fr = x.fresh === true ? { f: true } : {};
      if (x.kind === 'ptr') {
        // with the bodies, a block the run allocated is compared by content (MadeBlock)
        const b = whole && !x.poison ? memory.blocks.get(Number(x.bid)) : undefined;
        if (b && (b.kind === 'heap' || b.kind === 'stack')) {
          const c = madeBlock(memory, b);
          recorded += c.bytes.length;
          made.set(words.length, c);
        }
        words.push({ v: x.bid, p: x.poison, ...fr }, { v: x.off, p: x.poison, ...fr });
      } else words.push({ v: x.v, p: x.poison, ...fr });
    }
    const n = run.events.length;
    externalCalls++;
    const rs = replaySealed.get(M);
    const sealed = rs?.at(callee);
    run.events.push({ name, words, snap: snapAt(), epoch: run.epoch, live: liveBlocks(memory), ...(sealed?.size ? { sealed } : {}), ...(made.size ? { made } : {}) });
    const ret = name === 'abort' ? false : M.bool(M.sel(M.arr('call.ret'), BigInt(n)));
    if (!ret) throw new CallExit(n);
    const slotKinds = resultTypes.flatMap(slotsOf);
    const res = (j: number) => M.int(M.sel(M.arr(`call.res.${j}`), BigInt(n)));
    // a result's poison (symexec.ts callArrays resP; never for the runtime's, nor in a Core ->
    // MLIR model, which has no such unknowns)
    const resP = (j: number) => !runtimeResultsDefined(callee, resultTypes) && M.bool(M.sel(M.arr(`call.resP.${j}`), BigInt(n)));
    const scalars: CScalar[] = [];
    let j = 0;
    let hasPtr = false;
    for (const k of slotKinds) {
      if (k.kind === 'ptr') {
        hasPtr = true;
        scalars.push({ kind: 'ptr', bid: BigInt.asUintN(32, res(j)), off: res(j + 1), poison: resP(j) });
        j += 2;
      } else {
        scalars.push({ kind: k.kind, w: k.w, v: BigInt.asUintN(k.w, res(j)), poison: resP(j) } as CScalar);
        j++;
      }
    }
    const r0 = scalars[0];
    rt.after(name, n, words[0], r0 && r0.kind === 'int' && r0.w === 64 ? r0.v : undefined);
    // what the callee did: new observable memory, blocks it freed, a block it may have returned
    run.epoch = n;
    cur = uSource(M, n);
    // bytes nobody wrote of a block the target allocated, reachable by
    // the call: the symbolic target reads them as poison after it (symbolic-memory.ts
    // tgtUnwritten); noted, and left unwritten when asked (callLeaves)
    const ownUnwritten = (b: CBlock) => target && (b.kind === 'stack' || b.kind === 'heap') && memory.hasUnwritten(b);
    if (target && run.callOverUnwritten === undefined && [...memory.blocks.values()].some((b) => b.observable && !b.readonly && ownUnwritten(b))) run.callOverUnwritten ??= name;
    // the callee cannot reach a sealed global (sealed-globals.ts): a real callee leaves it as
    // it is, where the model's unknown call may have written it (noted: a run that then shows
    // no difference did not replay because of it)
    const keep = sealed?.size ? [...memory.blocks.values()].filter((b) => b.observable && !b.readonly && sealed.has(b.bid)) : [];
    for (const b of keep) {
      if (rs!.note !== undefined) break;
      const size = b.size < 4096n ? b.size : 4096n;
      for (let off = 0n; off < size; off++) {
        const was = memory.readByte(b, off);
        const now = cur(b.bid, off);
        // (a byte the model's call only makes poison is written too: review 35 F3)
        if (was.poison || now.poison || was.byte !== now.byte) {
          rs!.note = `the model's call #${n} (@${name}) writes byte ${off} of global block ${b.bid}`;
          break;
        }
      }
    }
    keep.forEach((b) => (b.observable = false));
    memory.havocObservable(cur, callLeaves ? ownUnwritten : undefined);
    keep.forEach((b) => (b.observable = true));
    const freed = M.sel(M.arr('call.free'), BigInt(n));
    for (const b of memory.blocks.values()) {
      if (b.observable && (b.kind === 'heap' || b.kind === 'arg' || b.kind === 'ext') && M.bool(M.sel(freed, BigInt(b.bid)))) b.alive = false;
    }
    if (hasPtr) {
      const bid = EXT_BASE + Number(BigInt.asUintN(32, BigInt(n)));
      memory.addBlock({ bid, kind: 'ext', size: M.int(M.sel(M.arr('call.extsize'), BigInt(n))), alive: true, readonly: !M.bool(M.sel(M.arr('call.extwritable'), BigInt(n)), true), freeable: true, observable: true, source: cur, start: modelStart(M, bid) });
    }
    const at = { i: 0 };
    return resultTypes.map((rt) => unflatten(rt, scalars, at));
  };
  const interp = new Interpreter({
    info,
    memory,
    external: (c, a, rt) => external(c, a, rt),
    copyLength,
    interpretBodies: whole,
    maxSteps,
    undefDefined: undefValues, // llvm.mlir.undef too
    onFreshUse: (op) => (run.freshUse ??= op.name),
    onChoice: (what) => ((run.choice ??= what), (run.choices = (run.choices ?? 0) + 1), pick),
    // with the bodies (`whole`), a runtime call is code: what it did shows in memory and in the
    // runtime's input state (ioInput), not in its number; output does not steer a run
    // (and the reads of unwritten memory that took a value, undefValues: each takes another)
    onFreeze,
    ...onEntry(lasso ? watchFor(info, fn, memory, io, whole, () => runProgress(memory, withFreezes(whole ? `${externalCalls} ${ioInput(io)}` : run.events.length))) : {}, deadline),
    onAssert: (msg) => {
      external(`puts:${msg}`, [], []);
      external('abort', [], []);
      throw new Error('unreachable');
    },
  });
  const at = { i: 0 };
  const args = fn.params.map((pt) => unflatten(pt, slots, at));
  try {
    run.outcome = { kind: 'return', values: interp.runFunction(fn, args).flatMap((v) => flatten(v)) };
  } catch (e) {
    if (e instanceof CallExit) run.outcome = { kind: 'exit', call: e.n };
    else if (e instanceof ProgramExit) run.outcome = { kind: 'exit', call: run.events.length - 1 };
    else if (e instanceof UBError) run.outcome = { kind: 'ub', what: e.what };
    else if (e instanceof Diverges) run.outcome = { kind: 'diverges', header: e.header, first: e.first, again: e.again };
    else if (e instanceof Unsupported || e instanceof StepLimit) run.outcome = { kind: 'error', what: e.message };
    else throw e;
  }
  if (whole) run.out = ioText(io);
  return run;
}

/** The runtime's state a run can still observe (lasso fingerprints of a run with the bodies):
 *  the lines left and the last one read, the command line, the regions and their buffers —
 *  not the output, which no runtime call reads back. */
function ioInput(io: ProgramIO): string {
  const regions = [...io.regions].map(([h, bs]) => `${h}:${bs.map((b) => `${b.bid}.${b.off}`).join(',')}`).join(' ');
  return `io ${io.stdinLines.length} ${Buffer.from(io.lastLine).toString('hex')} ${io.argv.length} ${io.nextRegion} ${regions}`;
}

const ioText = (io: { stdout: number[]; stderr: number[] }) => `${Buffer.from(io.stdout).toString('latin1')}${io.stderr.length ? ` (stderr: ${Buffer.from(io.stderr).toString('latin1')})` : ''}`;

/** The lasso watch of a run: the function run first's loop heads (core/diverges-watch.ts);
 *  with the bodies, scf.while heads and CFG headers at every depth up to unreachable fresh
 *  blocks (lasso-bodies.ts) where the module is in its fragment. */
function watchFor(info: ModuleInfo, fn: FuncInfo, memory: ConcreteMemory, io: ProgramIO, whole: boolean, progress: () => number | string): Pick<InterpOptions, 'onBlockEntry' | 'onLoopHead'> {
  const first = divergenceWatch(memory, progress)(fn, io);
  const deep = whole ? bodiesWatch([info], memory, progress) : null;
  if (!deep) return first;
  // both watch the function run first's CFG headers (first with the whole memory)
  return {
    ...first,
    ...deep,
    onBlockEntry: (r, b, env, depth) => {
      first.onBlockEntry?.(r, b, env, depth);
      deep.onBlockEntry?.(r, b, env, depth);
    },
  };
}

/** The block-entry and loop-head hooks of a run: the lasso watch (CFG headers and scf.while
 *  heads: core/diverges-watch.ts; scf.while heads were not watched, and a target whose
 *  scf.while never advanced ran out of steps), and past the deadline a stop (an `error`
 *  outcome, never a difference). */
function onEntry(watch: Pick<InterpOptions, 'onBlockEntry' | 'onLoopHead'>, deadline: number | undefined): Pick<InterpOptions, 'onBlockEntry' | 'onLoopHead'> {
  if (deadline === undefined) return watch;
  return {
    onBlockEntry: (r, b, env, depth) => {
      if (performance.now() > deadline) throw new StepLimit('the time limit of the concrete tests');
      watch.onBlockEntry?.(r, b, env, depth);
    },
    ...(watch.onLoopHead ? { onLoopHead: watch.onLoopHead } : {}),
  };
}

/** The trace identity of a call (as symexec.ts: `puts` of a constant global is its text). */
function identity(memory: ConcreteMemory, callee: string, args: CVal[]): { name: string; args: CVal[] } {
  if (callee !== 'puts' || args.length !== 1 || args[0]!.kind !== 'ptr') return { name: callee, args };
  const p = args[0]!;
  const b: CBlock | undefined = memory.blocks.get(Number(p.bid));
  if (!b || !b.readonly || p.off !== 0n || b.kind !== 'static' || p.poison) return { name: callee, args };
  const bytes: number[] = [];
  for (let i = 0n; i < b.size; i++) {
    const x = memory.readByte(b, i).byte;
    if (x === 0) break;
    bytes.push(x);
  }
  return { name: `puts:${String.fromCharCode(...bytes)}`, args: [] };
}

export type { Operation };
