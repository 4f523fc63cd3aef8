// Symbolic execution of one function: the op semantics of ops-*.ts with SMT terms, every
// path at once. Paths meet again at join points (block entries, after scf regions), where
// their states are merged with if-then-else on the path conditions. Loops are unrolled:
// an iteration whose condition is not already implied (not the loop's entry condition) uses
// up one of `unroll` iterations; a path that would go further is cut (the `cut` condition,
// and a bounded verdict). Loop headers are processed as a unit (runLoop), with each
// iteration's values in their own scope, so a later cut-point proof can replace the
// unrolling by fresh values at the header.
//
// Calls are uninterpreted (DESIGN.md): the n-th call on a path records its callee, its
// arguments and the observable memory in a trace; its results, whether it returns, and the
// observable memory afterwards are unknowns indexed by n, shared by both sides of a
// refinement query.
import type { Block, Operation, Region, Type, Value } from '../../../compiler/mlir/ir.ts';
import { opAttr, walk as walkOps } from '../../../compiler/mlir/ir.ts'; // walk: core-loops engineer
import type { TermFactory } from '../../smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../../smt/term.ts';
import { analyzeCfg, type CfgInfo, type Loop } from './cfg.ts';
import type { Ctx } from './context.ts';
import { branchEdges, BRANCH_OPS, indexSwitchEdges, RETURN_OPS } from './control.ts';
import type { Dom } from './domain.ts';
import { escapingSites } from './escape.ts';
import { EXT_BASE } from './memory.ts';
import { allocAlign } from './alloc-align.ts';
import type { FuncInfo, ModuleInfo } from './module-info.ts';
import { opSemantics } from './ops.ts';
import { staticLayout } from './ops-memref.ts';
import { declaredResultLayout } from './declared-results.ts';
import { LENGTH_CALL, runtimeBufferWrites, runtimePostconditions, runtimePreconditions } from './runtime-pre.ts';
import { runtimeResultsDefined } from './runtime.ts';
import { havocRtEnv, initialRtEnv, rtCopyLength, rtEnvAfter, rtKeptByLoop, type RtEnv } from './runtime-env.ts';
import { asInt } from './ops-int.ts';
import { UNDEF_TRANSPARENT, usedFreshMarks } from './undef-uses.ts';
import { mergeFreshSnapshots, recordFreshSnapshots, type FreshSnapshots } from './undef-snapshots.ts';
import { ADDR_SORT, inSummary, mergeMem, summaryAlive, SymbolicMemory, U_SORT, UP_SORT, type Summary, type SymBlock, type SymMemState } from './symbolic-memory.ts';
import {
  BID_BITS, flatten, hasUndef, iteVal, OBS, OFF_BITS, poisonOf, slotsOf, unionPts, Unsupported, unflatten,
  type IntV, type PointsTo, type Scalar, type Val,
} from './values.ts';

export type SVal = Val<Term, Term>;

/** Ops that only move values around: an undef operand passes through them unchanged (the
 *  others refuse undef in a source function: undef is modelled as poison, which is more
 *  undefined than undef, so a source that computes with it could be wrongly excused). The
 *  condition of a select is checked by the select itself; a call passes what it gets. */
export type SScalar = Scalar<Term, Term>;

export type Trace = {
  callee: Term;
  words: Term[];
  wpoison: Term[];
  /** undef engineer: per argument word, the source passed an undef (a read of memory nobody
   *  wrote, moved unchanged: its `fresh` mark); absent while no call got one. */
  wfresh?: Term[];
  /** undef engineer: the unwritten-byte marks of small escaping blocks at each call
   *  (undef-snapshots.ts); absent while none was recorded. */
  sfresh?: FreshSnapshots;
  snapU: Term;
  snapUP: Term;
  /** At each call (by position): whether the block of the witness id `w.live` (liveWitness)
   *  is a live block the callee may use — the source's observable heap, argument and
   *  external blocks, the target's whether observable or not (query.ts compares: alive in the
   *  source and not in the target). Absent while no call saw such a block. */
  live?: Term;
  /** The runtime's state its copy calls read (runtime-env.ts): a function of the calls so
   *  far, so it goes with them (merged, kept, havocked); absent: the state at entry. */
  rt?: RtEnv;
};

/** `freezes`: the count of llvm.freeze executions (per scalar slot) on the path, which
 *  indexes the target's arbitrary values (ops-freeze.ts); absent in a function without one. */
/** Names of llvm.freeze's arbitrary values (ops-freeze.ts): the target's arrays by width,
 *  the source's fresh unknowns. */
export const TARGET_FREEZE = 'freeze.';
export const SOURCE_FREEZE = 'sfreeze.';

export type PathState = { pc: Term; mem: SymMemState; calls: Term; tr: Trace; freezes?: Term };

/** What both sides of a refinement query share. */
export type SymEnv = {
  f: TermFactory;
  D: Dom<Term, Term>;
  unroll: number;
  /** Numeric id of a callee (by name, shared by both sides). */
  calleeId(name: string): number;
  /** Block keys of the globals (the initial memory holds them first). */
  globalKeys: Map<string, number>;
  /** Private allocations' initial bytes: bid -> bytes. */
  fresh: Term;
  /** Hard cap on iterations of a loop whose condition is decided (constant trip counts). */
  maxIterations?: number;
  /** A run whose term factory passes this many terms stops with TermLimit (checked at every
   *  op and loop iteration): a caller trying a deeper unrolling bounds what the try may build. */
  maxTerms?: number;
  /** Cut-point mode (cutpoint.ts in verifier/tv): every loop runs one iteration from a
   *  havoc state at its header instead of being unrolled; arrivals and back edges are
   *  recorded for the inductive check. */
  cutpoints?: boolean;
  /** Cut-point mode: the counter of private stack allocations is shared by the sides (and
   *  compared at every header) rather than each side's own. Shared suits passes that keep
   *  allocations; a lowering that adds allocas (memref.dim's) needs them apart. */
  sharedPrivateCounters?: boolean;
  /** Cut-point mode: loop-carried pointer slots (`loop.slot`) whose havoc value may point
   *  anywhere, because a run found them pointing beyond their arrival points-to set. */
  widenPts?: Set<string>;
  /** Cut-point mode: loops (by number) that get allocation summaries on both sides. */
  allocLoops?: Set<number>;
  /** Cut-point mode: loops whose two headers carry different values (verifier/tv/
   *  cutpoint-slots.ts): for each of the target's header slots the source slot whose unknown
   *  it shares, or null: an unknown of the target's own. Absent for a loop: slot k is k. */
  cutSlots?: Map<number, { tgt: (number | null)[]; pairs: [number, number][]; unread?: { src: number[]; tgt: number[] } }>;
  // lasso (non-termination) refutations, verifier/tv/lasso.ts
  /** Unrolled mode: record the state at every visit of a CFG loop header (headerVisits). */
  recordHeaders?: boolean;
  // target-only copy loops of Core -> MLIR (verifier/tv/core/cut-copy.ts)
  /** Cut-point mode: a loop whose body makes no call keeps the arrival's call count and
   *  trace in its havoc state (exact: no iteration changes them). */
  keepTraceWithoutCalls?: boolean;
  /** Core -> MLIR: a callee's memref result has its type's static layout, assumed on the
   *  call's path (the callee is a Clef function of the same module, whose body returns values
   *  of that type). Otherwise a call result without it is UB (declared-results.ts). */
  declaredResultsAssumed?: boolean;
  /** Record the liveness of blocks at every call (Trace.live): set by verifier/tv/validate.ts
   *  where either function frees memory itself (freesMemory), the only way the sides' blocks
   *  can differ in liveness at a call (a callee's frees are shared unknowns). */
  callLiveness?: boolean;
  /** A block an external call returns may be read-only memory (a constant the callee hands
   *  out): writing it is UB where `call.extwritable` is false (verifier/tv/pair.ts
   *  readOnlyArgs, set with it by verifier/tv/validate.ts; not for Core -> MLIR). */
  readOnlyResults?: boolean;
  /** The start addresses of argument and external blocks are inputs (symbolic-memory.ts
   *  BLOCK_START; set by verifier/tv/validate.ts, not for Core -> MLIR, whose argument
   *  blocks a Clef caller allocates aligned). */
  freeStarts?: boolean;
  /** Core -> MLIR: an external call returns defined values and leaves the memory's poison
   *  as it was but for the bytes the runtime surely wrote (the callees are the runtime and
   *  Clef functions, which write defined bytes; symbolic-memory.ts callWrotePoison; a poison
   *  byte outside the function's own blocks at a call is a mismatch there already:
   *  tv/core/calls.ts poisonAt, and inside them it was forgotten: review 37). Otherwise the poison after call n is the
   *  shared unknown `call.havocP[n]` and a result's is `call.resP.j[n]` (the runtime's results
   *  are defined): reset to none, poison both sides carried through a call that wrote nothing
   *  became defined, and a pair returning `l - l` of such a byte was proved (review 33). */
  callsDefined?: boolean;
};

// lasso (non-termination) refutations, verifier/tv/lasso.ts
/** The state at one visit of a CFG loop header in the unrolled execution: the header's block
 *  arguments, memory and call count (with the dominating values defined before the loop,
 *  which one entry of the loop does not change, that is all that is live there). Visits are
 *  numbered per entry into the loop (`entry`), from 0. */
export type HeaderVisit = { header: string; entry: number; visit: number; st: PathState; vals: SScalar[] };

/** A loop-carried pointer left the points-to set its havoc value assumed: run again with
 *  that slot widened (SymEnv.widenPts). */
/** A run stopped at SymEnv.maxTerms. */
export class TermLimit extends Error {}

export class WidenPts extends Error {
  constructor(readonly slot: string) {
    super(`cut points: the loop-carried pointer ${slot} needs a wider points-to set`);
  }
}

// ---- undef (begin): undef engineer
/** A loop writes possibly unwritten (undef) bytes where its havoc state assumed it would not
 *  (symbolic-memory.ts FreshTracking): run again with that part weakened. The keys
 *  (`fresh.LOOP.BLOCK`, `freshsum.LOOP`, `freshval.LOOP.SLOT`) go into SymEnv.widenPts,
 *  whose retry loop (validate.ts) they share with the points-to widening. */
export class WidenFresh extends WidenPts {
  constructor(slot: string) {
    super(slot);
    this.message = `cut points: ${slot}: a loop moves bytes nobody wrote (undef) where its header state assumed none`;
  }
}
// ---- undef (end)

/** A loop header reached in cut-point mode: on entering the loop (`arrive`) or by its back
 *  edges (`back`); loops are numbered in the order the run reaches them. */
export type CutRecord = {
  loop: number;
  kind: 'arrive' | 'back';
  st: PathState;
  vals: SScalar[];
  /** What the havoc state assumes beyond equality (static memref fields, a non-poison
   *  induction variable), of these values: checked on the source side where recorded. */
  inv: Term;
  /** At a back edge: the blocks this iteration allocated (all observable heap blocks), which
   *  the havoc state's summary of the loop's allocations (index `own`) stands for. */
  newBlocks: SymBlock[];
  own: number[];
};

export type SideResult = {
  ub: Term;
  ubList: { cond: Term; what: string }[];
  cut: Term;
  /** Some loop was cut (the cut condition is not literally false). */
  cutHappened: boolean;
  returned: Term;
  exited: Term;
  /** The returned values, flattened into slots (valid where `returned`). */
  rets: SScalar[];
  final: PathState;
  /** Cut-point mode: the header states reached. */
  cutRecords: CutRecord[];
  /** Facts that hold in every execution of this side: what external callees return has its
   *  declared type (static memref layout); in cut-point mode, facts about the havoc states
   *  (an scf.for induction variable is never poison; static memref sizes). */
  assume: Term[];
  /** Cut-point mode: the lower end of each loop's allocation summary (the counter at its
   *  arrival), by loop number: the two sides' must be equal (a fact of the relation). */
  summaryLo: Map<number, Term>;
  // the havoc states themselves, for a relation that is not
  // equality of shared names (Core -> MLIR, verifier/tv/core/cut-query.ts)
  /** Cut-point mode: each loop's havoc state (after the arrival) and its header values. */
  havocs: { loop: number; st: PathState; vals: SScalar[]; /** core-loops: an scf.for's values from outside its body */ outer?: (v: Value) => SVal }[];
  /** With SymEnv.recordHeaders: every visit of a CFG loop header (upstream/mutants engineer). */
  headerVisits: HeaderVisit[];
  // ---- undef (begin): undef engineer
  /** Source side: where it computes with a read of memory nobody wrote (LLVM undef, poison
   *  here, so such a computation may be over-excused): each condition holds in executions
   *  that get there with no undefined behaviour before. Reachable: no proof (query.ts). */
  undefList: { cond: Term; what: string }[];
  // ---- undef (end)
  /** Private blocks (by id term) whose bytes some access of the run may read (invariants
   *  engineer: symbolic-memory.ts readPrivate, cutpoint.ts). */
  privateReads: ReadonlySet<number>;
};

class Scope {
  readonly vals = new Map<string, SVal>();
  constructor(readonly parent: Scope | null) {}
  get(k: string): SVal | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vals.get(k);
      if (v) return v;
    }
    return undefined;
  }
}

type EdgeState = { st: PathState; target: number; args: SVal[]; scope: Scope };

const vkey = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

export function initialTrace(f: TermFactory): Trace {
  return {
    callee: f.constArray(bvSort(64), f.bv(0, 32)),
    words: [],
    wpoison: [],
    snapU: f.constArray(bvSort(64), f.constArray(ADDR_SORT, f.bv(0, 8))),
    snapUP: f.constArray(bvSort(64), f.constArray(ADDR_SORT, f.false)),
  };
}

// ---- call liveness (begin)
/** The witness block id of the per-call liveness (Trace.live): one unknown shared by both
 *  sides, so a model names the block freed before a call in the target only. Before, the
 *  trace held each call's bytes only: a target freeing an escaped block before an external
 *  call that the source frees after it was proved (tests/verifier/tv/probe-call-liveness.test.ts). */
export const liveWitness = (f: TermFactory) => f.var('w.live', bvSort(BID_BITS));
export const initialLive = (f: TermFactory) => f.constArray(bvSort(64), f.false);

/** Is the witness block a live block of this side at this point (see Trace.live)? Stack
 *  blocks (never freed before the return) and globals (never freed) are left out. */
function liveAt(f: TermFactory, D: Dom<Term, Term>, m: SymMemState, side: 'src' | 'tgt'): Term {
  const w = liveWitness(f);
  const out: Term[] = [];
  for (const b of m.blocks) {
    if (!b || (b.kind !== 'heap' && b.kind !== 'arg' && b.kind !== 'ext') || (side === 'src' && !b.inU)) continue;
    out.push(f.and(f.eq(w, b.bid), ...(b.allocated ? [b.allocated] : []), b.alive));
  }
  for (const sm of m.summaries ?? []) out.push(f.and(inSummary(f, D, sm, w), summaryAlive(f, sm, w)));
  return f.or(...out);
}

/** Does the function free memory itself (memref.dealloc, a call of free)? No function of the
 *  corpus pipeline does, so Trace.live costs the corpus nothing. */
export function freesMemory(body: Region | null | undefined): boolean {
  if (!body) return false;
  // asked by every symbolic run of a check (several per check): once per parsed body, which
  // validation never changes (as textOrderLoops)
  let frees = freesCache.get(body);
  if (frees === undefined) freesCache.set(body, (frees = scanFrees(body)));
  return frees;
}
const freesCache = new WeakMap<Region, boolean>();

function scanFrees(body: Region): boolean {
  for (const op of walkOps(body.blocks.flatMap((b) => b.ops))) {
    if (op.name === 'memref.dealloc') return true;
    const c = opAttr(op, 'callee');
    if (c && c.kind === 'symbolRef' && c.root === 'free') return true;
  }
  return false;
}
// ---- call liveness (end)

const withFresh = (s: FreshSnapshots | undefined): { sfresh?: FreshSnapshots } => (s ? { sfresh: s } : {});

export const initialWord = (f: TermFactory) => f.constArray(bvSort(64), f.bv(0, 64));
export const initialWordPoison = (f: TermFactory) => f.constArray(bvSort(64), f.false);

/** Shared unknowns of the call model, by name. */
export function callArrays(f: TermFactory) {
  return {
    ret: f.var('call.ret', arraySort(bvSort(64), BOOL)),
    res: (j: number) => f.var(`call.res.${j}`, arraySort(bvSort(64), bvSort(64))),
    /** Is result slot j of call n poison? (LangRef: without `noundef` a callee may return it) */
    resP: (j: number) => f.var(`call.resP.${j}`, arraySort(bvSort(64), BOOL)),
    havoc: f.var('call.havoc', arraySort(bvSort(64), U_SORT)),
    /** Which observable bytes are poison after call n (a callee may leave a stored poison
     *  where it was, or write one: LangRef, a load of a stored poison is poison). */
    havocP: f.var('call.havocP', arraySort(bvSort(64), UP_SORT)),
    free: f.var('call.free', arraySort(bvSort(64), arraySort(bvSort(BID_BITS), BOOL))),
    extSize: f.var('call.extsize', arraySort(bvSort(64), bvSort(64))),
  };
}

export class SymExec {
  private st: PathState;
  private readonly cur: { mem: SymMemState; pc: Term };
  private readonly ubList: { cond: Term; what: string }[] = [];
  private readonly cuts: Term[] = [];
  private readonly returns: { st: PathState; vals: SScalar[] }[] = [];
  private readonly exits: PathState[] = [];
  private readonly ctx: Ctx<Term, Term>;
  private readonly mem: SymbolicMemory;
  private readonly f: TermFactory;
  private readonly D: Dom<Term, Term>;
  private readonly cfgCache = new Map<Region, CfgInfo>();
  private readonly newKey: () => number;
  private nextKey: number;
  private loopIds: Map<Operation | Block, number> | null = null;
  private readonly cutRecords: CutRecord[] = [];
  private readonly assume: Term[] = [];
  private readonly summaryLo = new Map<number, Term>();
  private readonly havocs: SideResult['havocs'] = [];
  private readonly headerVisits: HeaderVisit[] = [];
  private loopEntries = 0;
  /** Points-to sets the havoc state gave each loop's pointer slots (undefined: anywhere). */
  private readonly havocPts = new Map<number, (PointsTo | undefined)[]>();
  private readonly undefList: SideResult['undefList'] = [];
  private ubBefore: { n: number; t: Term } | null = null;
  private freshRestart: string | null = null;
  /** undef engineer: the call made last, by the call count after it (null: paths that met
   *  there made different calls), for the copy calls' lengths (runtime-pre.ts LENGTH_CALL). */
  private readonly prevCall = new Map<number, CallRecord | null>();
  /** The function calls a copy call (runtime-env.ts): only then is the runtime's state
   *  followed (nothing else reads it; its terms would only renumber the others'). */
  private readonly rtTracked: boolean;

  constructor(
    private readonly env: SymEnv,
    readonly info: ModuleInfo,
    private readonly fn: FuncInfo,
    private readonly side: 'src' | 'tgt',
    initialMem: SymMemState,
  ) {
    this.f = env.f;
    this.D = env.D;
    const f = env.f;
    this.st = { pc: f.true, mem: initialMem, calls: f.bv(0, 64), tr: initialTrace(f), ...(fn.body && [...walkOps(fn.body.blocks.flatMap((b) => b.ops))].some((o) => o.name === 'llvm.freeze') ? { freezes: f.bv(0, 64) } : {}) };
    // the memory reads and replaces the current path's memory through this holder
    const self = this;
    this.cur = {
      get mem() {
        return self.st.mem;
      },
      set mem(m: SymMemState) {
        self.st = { ...self.st, mem: m };
      },
      get pc() {
        return self.st.pc;
      },
      set pc(_p: Term) {
        throw new Error('pc is read-only here');
      },
    };
    if (!fn.body) throw new Unsupported(`@${fn.name} has no body`);
    const escaping = escapingSites(fn.body);
    this.nextKey = initialMem.blocks.length;
    this.rtTracked = callsCopy(fn.body);
    this.newKey = () => this.nextKey++;
    // undef engineer: the source tracks bytes nobody wrote (FreshTracking)
    const undef = side === 'src' ? { cut: env.cutpoints === true, weaken: (k: string) => this.weakenFresh(k) } : undefined;
    this.mem = new SymbolicMemory(f, env.D, this.cur, (c, w) => this.ub(c, w), (site) => escaping.has(site), env.globalKeys, env.fresh, this.newKey, undef, side === 'tgt', env.freeStarts === true);
    this.ctx = {
      D: env.D,
      mem: this.mem,
      ub: (c, w) => this.ub(c, w),
      undefIsUnsupported: side === 'src',
      concreteFloats: false,
      call: (op, callee, args, resultTypes) => this.call(op, callee, args, resultTypes),
      // soundness reviewer: unspecified choices are free (context.ts `choice`); the source's
      // go under a "for all" in the refinement query (verifier/tv/source-choices.ts)
      choice: (hint: string) => f.fresh(`${side === 'tgt' ? 'choice' : 'schoice'}.${hint.replace(/[^A-Za-z0-9]+/g, '_')}`, BOOL),
      copyLength: (callee, args) => this.copyLength(callee, args),
      freeze: (w: number) => this.freezeValue(w),
    };
  }

  /** The arbitrary value of one llvm.freeze execution (context.ts `freeze`): the target's is
   *  element n of `freeze.bW`, n the path's count of freezes, which the replay counts the same
   *  way (verifier/tv/replay.ts picks the model's element); the source's a fresh unknown, put
   *  under a "for all" by verifier/tv/source-choices.ts where it can be. */
  private freezeValue(w: number): Term {
    const f = this.f;
    const n = this.st.freezes ?? f.bv(0, 64);
    this.st = { ...this.st, freezes: this.D.add(n, f.bv(1, 64), 64) };
    if (this.side === 'src') return f.fresh(`${SOURCE_FREEZE}b${w}`, bvSort(w));
    return f.select(f.var(`${TARGET_FREEZE}b${w}`, arraySort(bvSort(64), bvSort(w))), n);
  }

  private ub(cond: Term, what: string): void {
    const c = pcAnd(this.f, this.st.pc, cond);
    if (c.kind === 'bool' && !c.value) return;
    this.ubList.push({ cond: c, what });
  }

  // ---- undef (begin): undef engineer
  /** The source computes (on this path, when `cond`) with a read of memory nobody wrote.
   *  Executions with undefined behaviour before this point are left out: reading out of
   *  bounds, say, is UB whatever the bytes; UB after it may be the undef's own doing (poison
   *  divisor), so it is not. */
  private undefUse(cond: Term, what: string): void {
    const f = this.f;
    const c = pcAnd(f, this.st.pc, cond);
    if (c.kind === 'bool' && !c.value) return;
    const n = this.ubList.length;
    if (!this.ubBefore || this.ubBefore.n !== n) this.ubBefore = { n, t: f.or(...this.ubList.map((u) => u.cond)) };
    const u = f.and(c, f.not(this.ubBefore.t));
    if (u.kind === 'bool' && !u.value) return;
    this.undefList.push({ cond: u, what });
  }

  /** Cut-point mode: a part of a havoc state must drop an assumption of no fresh bytes; the
   *  run is repeated with it weakened (WidenFresh, thrown at the end of the run). */
  private weakenFresh(key: string): void {
    if (!this.env.widenPts) return this.undefUse(this.f.true, `${key}: a loop moves bytes nobody wrote (undef) where its header state assumed none`);
    this.env.widenPts.add(key);
    this.freshRestart ??= key;
  }

  private freshWeak(key: string): boolean {
    return this.env.widenPts?.has(key) === true;
  }

  /** The operands of a source op that may hold reads of unwritten memory and are computed
   *  with (not just moved: UNDEF_TRANSPARENT, select arms, a stored value, the arguments of a
   *  call that is not memory's own). A use there is reported (undefUse). */
  private freshOperands(op: Operation, args: SVal[]): void {
    // (a stored value's bytes stay fresh: symbolic-memory.ts writeBytes; in cut-point mode a
    // write into a block of the havoc state is a use there)
    const marks = usedFreshMarks(op, args);
    if (marks.length) this.undefUse(this.D.orB(...marks), `${op.name} computes with a read of memory nobody wrote (LLVM: undef)`);
  }
  // ---- undef (end)

  run(args: SVal[]): SideResult {
    const f = this.f;
    const scope = new Scope(null);
    this.runCfg(this.fn.body!, args, scope);
    if (this.freshRestart) throw new WidenFresh(this.freshRestart);
    const ret = this.returns.length ? this.mergeStatesVals(this.returns.map((r) => ({ st: r.st, vals: r.vals }))) : null;
    const ends = [...(ret ? [ret.st] : []), ...this.exits];
    const final = ends.length ? this.mergeStates(ends) : { ...this.st, pc: f.false };
    const rets = (ret?.vals ?? []) as SScalar[];
    return {
      ub: f.or(...this.ubList.map((u) => u.cond)),
      ubList: this.ubList,
      cut: f.or(...this.cuts),
      cutHappened: this.cuts.length > 0,
      returned: ret ? ret.st.pc : f.false,
      exited: f.or(...this.exits.map((s) => s.pc)),
      rets,
      final,
      cutRecords: this.cutRecords,
      assume: this.assume,
      summaryLo: this.summaryLo,
      havocs: this.havocs,
      headerVisits: this.headerVisits,
      undefList: this.undefList,
      privateReads: this.mem.readPrivate,
    };
  }

  // ------------------------------------------------------------------ states

  /** Merges path states (and values carried with them) at a join. Two states whose path
   *  conditions differ only in one condition c / not c are merged first, into the
   *  condition they share and `c ? a : b`: an if/else diamond then yields the very terms
   *  before the branch, whether it was written with scf.if or with cond_br — so the two
   *  sides of a lowering build identical terms and most queries fold away. */
  private mergeWith<T>(items: { st: PathState; x: T }[], ite: (c: Term, a: T, b: T) => T): { st: PathState; x: T } {
    const f = this.f;
    const live = items.filter((s) => !this.isFalse(s.st.pc));
    if (live.length === 0) return { st: { ...items[0]!.st, pc: f.false }, x: items[0]!.x };
    const r = mergeTree(f, live.map((i) => ({ pc: i.st.pc, v: i })), (c, a, b, pc) => ({ st: this.mergeTwo(c, a.st, b.st, pc), x: ite(c, a.x, b.x) }));
    return r;
  }

  private mergeTwo(c: Term, a: PathState, b: PathState, pc: Term): PathState {
    const f = this.f;
    if (a === b) return { ...a, pc };
    const nw = Math.max(a.tr.words.length, b.tr.words.length);
    return {
      pc,
      mem: a.mem === b.mem ? a.mem : mergeMem(f, [c], [a.mem, b.mem]),
      calls: f.ite(c, a.calls, b.calls),
      ...(a.freezes || b.freezes ? { freezes: f.ite(c, a.freezes ?? f.bv(0, 64), b.freezes ?? f.bv(0, 64)) } : {}),
      tr: a.tr === b.tr ? a.tr : {
        callee: f.ite(c, a.tr.callee, b.tr.callee),
        words: Array.from({ length: nw }, (_, j) => f.ite(c, a.tr.words[j] ?? initialWord(f), b.tr.words[j] ?? initialWord(f))),
        wpoison: Array.from({ length: nw }, (_, j) => f.ite(c, a.tr.wpoison[j] ?? initialWordPoison(f), b.tr.wpoison[j] ?? initialWordPoison(f))),
        ...(a.tr.wfresh || b.tr.wfresh ? { wfresh: Array.from({ length: nw }, (_, j) => f.ite(c, a.tr.wfresh?.[j] ?? initialWordPoison(f), b.tr.wfresh?.[j] ?? initialWordPoison(f))) } : {}),
        ...(a.tr.sfresh || b.tr.sfresh ? { sfresh: mergeFreshSnapshots(f, c, a.tr.sfresh, b.tr.sfresh)! } : {}),
        snapU: f.ite(c, a.tr.snapU, b.tr.snapU),
        snapUP: f.ite(c, a.tr.snapUP, b.tr.snapUP),
        ...(a.tr.live || b.tr.live ? { live: f.ite(c, a.tr.live ?? initialLive(f), b.tr.live ?? initialLive(f)) } : {}), // call liveness
        ...(a.tr.rt || b.tr.rt ? { rt: mergeRtEnv(f, c, a.tr.rt ?? initialRtEnv(f), b.tr.rt ?? initialRtEnv(f)) } : {}),
      },
    };
  }

  private mergeStates(states: PathState[]): PathState {
    return this.mergeWith(states.map((st) => ({ st, x: null })), () => null).st;
  }

  private mergeStatesVals(items: { st: PathState; vals: SVal[] }[]): { st: PathState; vals: SVal[] } {
    const D = this.D;
    const r = this.mergeWith(items.map((i) => ({ st: i.st, x: i.vals })), (c, a, b) => a.map((v, k) => iteVal(D, c, v, b[k]!)));
    return { st: r.st, vals: r.x };
  }

  private isFalse(t: Term): boolean {
    return t.kind === 'bool' && !t.value;
  }

  // ------------------------------------------------------------------ control flow

  private cfg(region: Region): CfgInfo {
    let c = this.cfgCache.get(region);
    if (!c) this.cfgCache.set(region, (c = analyzeCfg(region)));
    return c;
  }

  private runCfg(region: Region, args: SVal[], scope: Scope): void {
    const cfg = this.cfg(region);
    this.runLevel(cfg, null, 0, [{ st: this.st, target: 0, args, scope }], scope);
  }

  private runLevel(cfg: CfgInfo, loop: Loop | null, entry: number, entryEdges: EdgeState[], scope: Scope): { back: EdgeState[]; exits: EdgeState[] } {
    const pending = new Map<number, EdgeState[]>([[entry, entryEdges]]);
    const back: EdgeState[] = [];
    const exits: EdgeState[] = [];
    const level = loop ? loop.header : null;
    const route = (e: EdgeState) => {
      if (this.isFalse(e.st.pc)) return;
      if (loop && e.target === loop.header) back.push(e);
      else if (loop && !loop.body.has(e.target)) exits.push(e);
      else {
        const l = pending.get(e.target) ?? [];
        l.push(e);
        pending.set(e.target, l);
      }
    };
    for (const b of cfg.rpo) {
      if (loop && !loop.body.has(b)) continue;
      const inner = cfg.loops.get(b);
      const isInnerHeader = inner !== undefined && b !== level && inner.parent === level;
      if (!isInnerHeader && cfg.loopOf[b] !== level) continue;
      const inc = (pending.get(b) ?? []).filter((e) => !this.isFalse(e.st.pc));
      pending.delete(b);
      if (inc.length === 0) continue;
      if (isInnerHeader) {
        for (const e of this.runLoop(cfg, inner!, inc, scope)) route(e);
        continue;
      }
      this.enterBlock(cfg.blocks[b]!, inc, scope);
      for (const e of this.runBlock(cfg, cfg.blocks[b]!, scope)) route(e);
    }
    // every edge must have been taken up: a path silently dropped would be a missed behaviour
    for (const [b, es] of pending) {
      if (es.some((e) => !this.isFalse(e.st.pc))) throw new Unsupported(`control flow into ^${cfg.blocks[b]!.label ?? 'entry'} that the executor cannot order`);
    }
    return { back, exits };
  }

  private enterBlock(block: Block, inc: EdgeState[], scope: Scope): void {
    const pcs = inc.map((e) => e.st.pc);
    const m = this.mergeStatesVals(inc.map((e) => ({ st: e.st, vals: e.args })));
    this.st = m.st;
    const args = m.vals;
    void pcs;
    block.args.forEach((a, i) => scope.vals.set(vkey(a), args[i]!));
  }

  /** Runs a block's ops; returns the outgoing edges. */
  private runBlock(cfg: CfgInfo, block: Block, scope: Scope): EdgeState[] {
    const term = block.ops[block.ops.length - 1];
    if (!term) throw new Unsupported('a block without a terminator');
    for (const op of block.ops) {
      if (op === term) break;
      this.execOp(op, scope);
      if (this.isFalse(this.st.pc)) return [];
    }
    if (RETURN_OPS.has(term.name)) {
      const vals = term.operands.flatMap((o) => flatten(this.get(scope, o)));
      this.returns.push({ st: this.st, vals });
      return [];
    }
    if (term.name === 'llvm.unreachable') {
      this.ub(this.f.true, 'llvm.unreachable reached');
      return [];
    }
    if (!BRANCH_OPS.has(term.name)) throw new Unsupported(term.name);
    const edges = branchEdges(this.ctx, term, term.operands.map((o) => this.get(scope, o)));
    const out: EdgeState[] = [];
    for (const e of edges) {
      const pc = pcAnd(this.f, this.st.pc, e.cond);
      if (this.isFalse(pc)) continue;
      const s = term.successors[e.succ]!;
      const target = cfg.index.get(s.label);
      if (target === undefined) throw new Unsupported(`branch to unknown block ^${s.label}`);
      out.push({ st: { ...this.st, pc }, target, args: s.args.map((a) => this.get(scope, a)), scope });
    }
    return out;
  }

  /** Is this iteration unconditional (the same path condition as entering the loop)? */
  private termLimit(): void {
    if (this.env.maxTerms !== undefined && this.f.size > this.env.maxTerms) throw new TermLimit(`the target's symbolic run passed ${this.env.maxTerms} terms at unroll ${this.env.unroll}`);
  }

  private budget(entryPc: Term, pc: Term, counter: { n: number; total: number }): boolean {
    this.termLimit();
    counter.total++;
    if (pc.id !== entryPc.id) counter.n++;
    if (counter.n > this.env.unroll || counter.total > (this.env.maxIterations ?? 4096)) {
      this.cuts.push(pc);
      return false;
    }
    return true;
  }

  private runLoop(cfg: CfgInfo, loop: Loop, entryEdges: EdgeState[], parent: Scope): EdgeState[] {
    if (this.env.cutpoints) return this.runLoopCut(cfg, loop, entryEdges, parent);
    const f = this.f;
    let edges = entryEdges;
    const entryPc = pcOr(f, entryEdges.map((e) => e.st.pc));
    const allExits: EdgeState[] = [];
    const counter = { n: 0, total: 0 };
    let first = true;
    const entry = this.env.recordHeaders ? this.loopEntries++ : -1;
    let visit = 0;
    while (edges.length) {
      const pc = pcOr(f, edges.map((e) => e.st.pc));
      if (this.isFalse(pc)) break;
      if (!first && !this.budget(entryPc, pc, counter)) break;
      first = false;
      // the header's state, merged as enterBlock will
      if (entry >= 0 && visit <= this.env.unroll + 1) {
        const m = this.mergeStatesVals(edges.filter((e) => !this.isFalse(e.st.pc)).map((e) => ({ st: e.st, vals: e.args })));
        this.headerVisits.push({ header: cfg.blocks[loop.header]!.label ?? 'entry', entry, visit, st: m.st, vals: m.vals.flatMap((v) => flatten(v)) });
      }
      visit++;
      const iter = new Scope(parent);
      const r = this.runLevel(cfg, loop, loop.header, edges, iter);
      allExits.push(...r.exits);
      edges = r.back;
    }
    this.mergeLiveOut(loop, allExits, parent);
    return allExits;
  }

  /** Values defined in the loop and used after it: merged over the exits (as states are). */
  private mergeLiveOut(loop: Loop, allExits: EdgeState[], parent: Scope): void {
    const f = this.f;
    for (const v of loop.liveOut) {
      const k = vkey(v);
      const found = allExits.map((e) => ({ pc: e.st.pc, v: e.scope.get(k) })).filter((x): x is { pc: Term; v: SVal } => x.v !== undefined && !this.isFalse(x.pc));
      if (found.length === 0) continue;
      parent.vals.set(k, mergeTree(f, found, (c, a, b) => iteVal(this.D, c, a, b)));
    }
  }

  // ------------------------------------------------------------------ cut points

  /** A CFG loop in cut-point mode: record the arrival, run one iteration from the havoc
   *  state, record the back edges; the exits go on. */
  private runLoopCut(cfg: CfgInfo, loop: Loop, entryEdges: EdgeState[], parent: Scope): EdgeState[] {
    const header = cfg.blocks[loop.header]!;
    const arr = this.mergeStatesVals(entryEdges.map((e) => ({ st: e.st, vals: e.args })));
    const types = header.args.map((a) => a.type);
    const { j, vals, keys } = this.enterCutLoop(header, arr.st, arr.vals, types, [...loop.body].map((i) => cfg.blocks[i]!));
    const iter = new Scope(parent);
    const r = this.runLevel(cfg, loop, loop.header, [{ st: this.st, target: loop.header, args: vals, scope: parent }], iter);
    this.loopAllocations(keys, [...r.back, ...r.exits].map((e) => e.st));
    if (r.back.length) {
      const b = this.mergeStatesVals(r.back.map((e) => ({ st: e.st, vals: e.args })));
      this.record(j, 'back', b.st, b.vals, types, [], keys);
    }
    this.mergeLiveOut(loop, r.exits, parent);
    return r.exits;
  }

  /** A loop's number: its place in the function's text (scf.for / scf.while ops and CFG loop
   *  headers in pre-order), which passes that lower one form to the other keep — the order
   *  in which a run reaches loops differs between an scf.if and the blocks it becomes. */
  private loopId(x: Operation | Block): number {
    if (!this.loopIds) this.loopIds = textOrderLoops(this.fn.body!, (r) => this.cfg(r)).ids;
    const id = this.loopIds.get(x);
    if (id === undefined) throw new Unsupported('cut points: a loop outside the function text order');
    return id;
  }

  /** Does loop j get allocation summaries? When either side's loop j may allocate
   *  (SymEnv.allocLoops), so that both sides' havoc states have the same summaries. */
  private allocates(j: number, own: boolean): boolean {
    return this.env.allocLoops ? this.env.allocLoops.has(j) : own;
  }

  /** Entering a loop in cut-point mode: record the arrival, and continue from the havoc
   *  state (this.st); `keys` is the first block key the iteration may allocate. */
  private enterCutLoop(x: Operation | Block, st: PathState, arrival: SVal[], types: Type[], body: Block[], extra: Term[] = []): { j: number; vals: SVal[]; keys: number } {
    const j = this.loopId(x);
    this.record(j, 'arrive', st, arrival, types, extra);
    const h = this.havoc(j, st, types, this.allocates(j, mayAllocate(body)), arrival, summaryAlign(body, this.side));
    // core-loops engineer: SymEnv.keepTraceWithoutCalls
    if (this.env.keepTraceWithoutCalls && !body.some((b) => [...walkOps(b.ops)].some((o) => o.name === 'func.call' || o.name === 'llvm.call' || o.name === 'func.call_indirect'))) h.st = { ...h.st, calls: st.calls, tr: st.tr };
    // the runtime's state where no iteration changes it: the arrival's (runtime-env.ts)
    const hr = h.st.tr.rt;
    if (hr && h.st.tr !== st.tr) {
      const keep = rtKeptByLoop(body);
      const a = st.tr.rt ?? initialRtEnv(this.f);
      if (keep.line || keep.args) h.st = { ...h.st, tr: { ...h.st.tr, rt: { line: keep.line ? a.line : hr.line, args: keep.args ? a.args : hr.args } } };
    }
    this.st = h.st;
    this.havocs.push({ loop: j, st: h.st, vals: h.vals.flatMap((v) => flatten(v)) });
    return { j, vals: h.vals, keys: this.nextKey };
  }

  private record(loop: number, kind: 'arrive' | 'back', st: PathState, vals: SVal[], types: Type[], extra: Term[] = [], firstKey?: number): void {
    if (this.isFalse(st.pc)) return;
    // undef engineer: strictly, a havoc state's header values carry no `fresh` mark and the
    // loop's summary of earlier iterations' blocks holds no fresh byte; where a value or a
    // block this iteration allocated may break that, the part is weakened (weakenFresh)
    if (this.side === 'src') {
      const D = this.D;
      vals.flatMap((v) => flatten(v)).forEach((x, k) => {
        if (x.fresh && D.knownB(pcAnd(this.f, st.pc, x.fresh)) !== false && !this.freshWeak(`freshval.${loop}.${k}`)) this.weakenFresh(`freshval.${loop}.${k}`);
      });
      if (firstKey !== undefined && !this.freshWeak(`freshsum.${loop}`)) {
        const news = st.mem.blocks.slice(firstKey).filter((b): b is SymBlock => b !== undefined && b.inU && b.fresh !== undefined);
        // (a block an inner loop weakened has no exact fresh array: counted as left unwritten)
        const left = news.some((b) => (b.freshIsPoison || !(b.fresh!.kind === 'constArray' && D.knownB(b.fresh!.value) === false)) && D.knownB(b.alive) !== false);
        if (left) this.weakenFresh(`freshsum.${loop}`);
      }
    }
    const related = this.cutSlotRelated(loop, types);
    const inv = this.f.and(...types.flatMap((t, i) => (related[i] ? staticMemrefFacts(this.f, this.D, t, vals[i]!) : [])), ...extra);
    const newBlocks = firstKey === undefined ? [] : st.mem.blocks.slice(firstKey).filter((b): b is SymBlock => b !== undefined);
    const own = firstKey === undefined || !this.summaryLo.has(loop) ? [] : [(st.mem.summaries?.length ?? 0) - 2, (st.mem.summaries?.length ?? 0) - 1];
    if (newBlocks.length && own.length === 0) throw new Unsupported('cut points: a loop allocates through an op the allocation scan missed');
    // A block that does not escape is reachable only through SSA values; the havoc state
    // drops those of earlier iterations, so no loop-carried value may point into one.
    const fresh = newBlocks.filter((b) => !b.inU);
    // (not a slot of the other side's header has no counterpart of that nothing reads: the
    // value reaches nothing, cutSlots `unread`)
    const unread = new Set(this.env.cutSlots?.get(loop)?.unread?.[this.side] ?? []);
    const carried = fresh.length ? vals.flatMap((v) => flatten(v)).filter((x, k) => x.kind === 'ptr' && !unread.has(k)) : [];
    const notInto = carried.flatMap((x) => (x.kind === 'ptr' ? fresh.map((b) => this.f.not(this.f.eq(x.bid, b.bid))) : []));
    const inv2 = notInto.length ? this.f.and(inv, ...notInto) : inv;
    if (kind === 'back') {
      // the havoc state's points-to sets must cover the next iteration's pointers
      const assumed = this.havocPts.get(loop) ?? [];
      const newObs = new Set(newBlocks.filter((b) => b.inU).map((b) => b.key));
      vals.flatMap((v) => flatten(v)).forEach((x, k) => {
        const a = assumed[k];
        if (x.kind !== 'ptr' || a === undefined || unread.has(k)) return;
        const ok = x.pts !== undefined && x.pts.every((key) => a.includes(key) || (newObs.has(key) && a.includes(OBS)));
        if (!ok) throw new WidenPts(`${loop}.${k}`);
      });
    }
    this.cutRecords.push({ loop, kind, st, vals: vals.flatMap((v) => flatten(v)), inv: inv2, newBlocks: newBlocks.filter((b) => b.inU), own });
  }

  /** Which of loop j's header values (of these types) the cut-point relation relates to the
   *  other side's (SymEnv.cutSlots; values are related whole). An unrelated one is an unknown
   *  of this side's own of which nothing is assumed, not even its type's static layout: it
   *  may start as poison (lift-cf-to-scf's ub.poison), and what a havoc state does not assume
   *  its records need not check. */
  private cutSlotRelated(j: number, types: Type[]): boolean[] {
    const m = this.env.cutSlots?.get(j);
    if (!m) return types.map(() => true);
    const rel = new Set(m.pairs.map(([i, k]) => (this.side === 'tgt' ? k : i)));
    let at = 0;
    return types.map((t) => {
      const n = slotsOf(t).length;
      const r = Array.from({ length: n }, (_, q) => rel.has(at + q)).some(Boolean);
      at += n;
      return r;
    });
  }

  /** What a loop may allocate for the havoc state to stand for every iteration: observable
   *  heap blocks, which the summary of its earlier iterations' allocations covers. A private
   *  or stack block, or one an external call returned, has no summary: no cut-point proof. */
  private loopAllocations(firstKey: number, states: PathState[]): void {
    for (const st of states)
      for (const b of st.mem.blocks.slice(firstKey)) {
        if (!b || !b.inU || b.kind === 'heap' || b.kind === 'ext') continue;
        throw new Unsupported(`cut points: a loop allocates observable ${b.kind} memory (${b.origin})`);
      }
  }

  /** The state at a loop header in any iteration: header values, memory contents, block
   *  liveness and the call count are unknowns named by the loop's number, so the two sides
   *  share them (the simulation relation is equality); block ids and sizes stay. */
  private havoc(j: number, st: PathState, types: Type[], allocates: boolean, arrival: SVal[], align?: number): { st: PathState; vals: SVal[] } {
    const f = this.f;
    const p = `cp.${j}`;
    // entries with the same id (one allocation in each branch of an if, met under different
    // keys) are one block: one liveness, and the size of the entry that is alive
    const groups = blockGroups(f, st.mem.blocks);
    const blocks = st.mem.blocks.map((b) => {
      if (!b) return b;
      const id = blockName(b, this.side);
      const g = groups.get(b.bid.id)!;
      // shared with the other side only what cutpoint.ts compares at every header: a
      // private block's liveness and contents when its id names one entry
      const shared = g.members.length === 1 || b.inU;
      const name = shared ? id : `${this.side}.k${b.key}`;
      const nb: SymBlock = { ...b, alive: f.var(`${p}.alive.${name}`, BOOL), size: shared ? g.size : b.size };
      // undef engineer: its fresh array is the arrival's, or (weakened) its poison stands for it;
      // target side, the havoc's UP (any poison, shared by the sides) stands for it: a byte
      // nobody wrote is one of the states where UP holds poison there
      // (target private blocks too: their havoc poison may hold what earlier iterations
      // stored, so the arrival's marks would call it undef)
      // (set to undefined, not deleted: a delete makes the block a slow dictionary object for
      // every later access and copy; every reader asks only whether it is set)
      if (this.side === 'tgt') { if (nb.fresh !== undefined) nb.fresh = undefined; }
      else if (b.fresh && !b.freshIsPoison) {
        // (named by its key: the allocation order, the same in every run of this function)
        if (this.freshWeak(`fresh.${j}.k${b.key}`)) nb.freshIsPoison = true;
        else nb.freshFrozen = [...(b.freshFrozen ?? []), `fresh.${j}.k${b.key}`];
      }
      if (!b.inU && !b.readonly && b.data && b.poison) {
        const own = g.members.length === 1 ? id : `${this.side}.k${b.key}`;
        nb.data = f.var(`${p}.data.${own}`, b.data.sort);
        nb.poison = f.var(`${p}.dpoison.${own}`, b.poison.sort);
      }
      return nb;
    });
    // The trace of the calls before the header: only ever compared between the sides, and
    // equal by the relation, so the same constant trace on both sides stands for any pair of
    // equal traces (the next call is stored at the havoc call count). The runtime's state
    // goes with the trace (runtime-env.ts): an unknown of the loop, shared likewise.
    const tr: Trace = { ...initialTrace(f), ...(this.rtTracked ? { rt: havocRtEnv(f, j) } : {}) };
    const slots = types.flatMap((t) => slotsOf(t));
    const arrivalSlots = arrival.flatMap((v) => flatten(v));
    // the target's slot k shares the unknowns of the source slot related to it; an unrelated
    // one gets its own (`t` + k: no source name has it)
    const rel = this.side === 'tgt' ? this.env.cutSlots?.get(j)?.tgt : undefined;
    const sn = (k: number) => (rel === undefined ? `${k}` : rel[k] === null || rel[k] === undefined ? `t${k}` : `${rel[k]}`);
    const scalars: SScalar[] = slots.map((s, k): SScalar => {
      const poison = f.var(`${p}.p${sn(k)}`, BOOL);
      // undef engineer: a weakened slot may hold an unwritten read wherever it is poison
      const fr = this.side === 'src' && this.freshWeak(`freshval.${j}.${k}`) ? { fresh: poison } : {};
      switch (s.kind) {
        case 'int':
          return { kind: 'int', w: s.w, v: f.var(`${p}.s${sn(k)}.i${s.w}`, bvSort(s.w)), poison, ...fr };
        case 'float':
          return { kind: 'float', w: s.w, v: f.var(`${p}.s${sn(k)}.f${s.w}`, bvSort(s.w)), poison, ...fr };
        case 'ptr': {
          const x: SScalar = { kind: 'ptr', bid: f.var(`${p}.s${sn(k)}.bid`, bvSort(BID_BITS)), off: f.var(`${p}.s${sn(k)}.off`, bvSort(OFF_BITS)), poison, ...fr };
          // where it may point in any iteration: where it pointed on arrival, or into
          // observable memory (blocks later iterations allocate are summarised there);
          // checked at every back edge (record)
          const a = arrivalSlots[k];
          if (a && a.kind === 'ptr' && a.pts !== undefined && !this.env.widenPts?.has(`${j}.${k}`)) x.pts = unionPts(a.pts, [OBS]);
          return x;
        }
      }
    });
    this.havocPts.set(j, scalars.map((x) => (x.kind === 'ptr' ? x.pts : undefined)));
    const at = { i: 0 };
    const vals = types.map((t) => unflatten(t, scalars, at));
    // a memref's static sizes, strides and offset: assumed here, checked at every record
    // (not of a value the other side's header has no counterpart of: cutSlotRelated)
    const related = this.cutSlotRelated(j, types);
    types.forEach((t, i) => related[i] && this.assume.push(...staticMemrefFacts(this.f, this.D, t, vals[i]!)));
    // earlier summaries keep their ranges and sizes; this loop's earlier iterations get one
    const B = bvSort(BID_BITS);
    const summaries: Summary[] = (st.mem.summaries ?? []).map((sm, i) => ({ ...sm, alive: f.var(`${p}.sum${i}.alive`, arraySort(B, BOOL)), frees: [] }));
    const counters = { allocCount: st.mem.allocCount, privateCount: st.mem.privateCount, stackCount: st.mem.stackCount };
    if (allocates) {
      const k = summaries.length;
      for (const c of ['allocCount', 'privateCount', 'stackCount'] as const) {
        // heap allocations correspond between the sides; stack ones need not (a lowering may
        // add allocas): sharedPrivateCounters says which
        counters[c] = f.var(c !== 'stackCount' || this.env.sharedPrivateCounters ? `${p}.${c}` : `${p}.${this.side}.${c}`, B);
        // counters only grow; and the block-id model gives an execution at most 2^28
        // allocations of each kind (memory.ts): the havoc state assumes fewer than 2^27 at a
        // loop header, so one iteration's allocations cannot reach another kind's ids
        this.assume.push(this.D.ule(st.mem[c], counters[c], BID_BITS), this.D.ult(counters[c], this.D.lit(1n << 27n, BID_BITS), BID_BITS));
      }
      this.summaryLo.set(j, st.mem.allocCount);
      summaries.push({ base: 'local', lo: st.mem.allocCount, hi: counters.allocCount, size: f.var(`${p}.sum${k}.size`, arraySort(B, bvSort(OFF_BITS))), alive: f.var(`${p}.sum${k}.alive`, arraySort(B, BOOL)), frees: [], freshKey: `freshsum.${j}`, freshWeak: this.freshWeak(`freshsum.${j}`), ...(align !== undefined ? { align } : {}) }); // fresh*: undef engineer
      // blocks the loop's earlier calls returned: ids EXT_BASE + call number
      const calls = f.var(`${p}.calls`, bvSort(64));
      summaries.push({ base: 'ext', lo: this.D.trunc(st.calls, 64, BID_BITS), hi: this.D.trunc(calls, 64, BID_BITS), size: f.false, alive: f.var(`${p}.sum${k + 1}.alive`, arraySort(B, BOOL)), frees: [] });
    }
    const mem: SymMemState = { ...st.mem, U: f.var(`${p}.U`, U_SORT), UP: f.var(`${p}.UP`, UP_SORT), blocks, ...counters, ...(summaries.length ? { summaries } : {}) };
    // the call count only grows, and stays below 2^27 at a header as
    // the allocation counters do: the block of call n is EXT_BASE + n (32 bits, memory.ts),
    // which past 3 * 2^30 calls wraps onto other kinds' ids — a havoc count there made a
    // block this iteration allocated look like an earlier call's (cut_alloc_in_loop).
    // (reviewer, round 7) Why no execution the model can represent is lost: a program sees the
    // call count only through the ids of blocks calls return (fresh, distinct from every other
    // id below 3 * 2^30 calls), so one iteration from a count N behaves as from a count below
    // 2^27 up to renaming those ids; and the bound never contradicts an arrival (an outer
    // havoc count may be chosen small), so it makes no part vacuous
    const havocCalls = f.var(`${p}.calls`, bvSort(64));
    this.assume.push(this.D.ule(st.calls, havocCalls, 64), this.D.ult(havocCalls, this.D.lit(1n << 27n, 64), 64));
    // a loop's freezes index the target's arbitrary values: a header state at any count
    return { st: { pc: st.pc, mem, calls: havocCalls, tr, ...(st.freezes ? { freezes: f.var(`${p}.freezes`, bvSort(64)) } : {}) }, vals };
  }

  // ------------------------------------------------------------------ ops

  private get(scope: Scope, v: Value): SVal {
    const x = scope.get(vkey(v));
    if (!x) throw new Unsupported(`value %${vkey(v)} used before its definition`);
    return x;
  }

  private execOp(op: Operation, scope: Scope): void {
    this.termLimit(); // (also where no loop iterates: a long unrolled body)
    switch (op.name) {
      case 'scf.if':
        return this.bindAll(scope, op.results, this.execIf(op, scope));
      case 'scf.index_switch':
        return this.bindAll(scope, op.results, this.execIndexSwitch(op, scope));
      case 'scf.for':
        return this.bindAll(scope, op.results, this.execFor(op, scope));
      case 'scf.while':
        return this.bindAll(scope, op.results, this.execWhile(op, scope));
      case 'cf.assert':
        return this.execAssert(op, scope);
    }
    const sem = opSemantics(op.name);
    if (!sem) throw new Unsupported(op.name);
    const args = op.operands.map((o) => this.get(scope, o));
    if (this.side === 'src' && !UNDEF_TRANSPARENT.has(op.name) && args.some((a) => hasUndef(a))) {
      throw new Unsupported(`${op.name} computes with an llvm.mlir.undef value in the source function`);
    }
    if (this.side === 'src') this.freshOperands(op, args);
    this.bindAll(scope, op.results, sem(this.ctx, op, args));
  }

  private bindAll(scope: Scope, vs: Value[], xs: SVal[]): void {
    vs.forEach((v, i) => scope.vals.set(vkey(v), xs[i]!));
  }

  /** A single-block region of an scf op, in a child scope: the terminator's operands. */
  private runBody(block: Block, args: SVal[], scope: Scope): SVal[] {
    const inner = new Scope(scope);
    this.bindAll(inner, block.args, args);
    const term = block.ops[block.ops.length - 1]!;
    for (const op of block.ops) {
      if (op === term) break;
      this.execOp(op, inner);
    }
    return term.operands.map((o) => this.get(inner, o));
  }

  private condition(v: SVal, what: string): Term {
    const c = asInt(v, what);
    if (this.side === 'src' && c.undef) throw new Unsupported(`${what} on an llvm.mlir.undef value in the source function`);
    this.ub(c.poison, `${what} on a poison condition`);
    return this.D.toBool(c.v);
  }

  private execIf(op: Operation, scope: Scope): SVal[] {
    const c = this.condition(this.get(scope, op.operands[0]!), 'scf.if');
    return this.execArms(op, scope, [{ cond: c, succ: 0 }, { cond: this.f.not(c), succ: 1 }]);
  }

  /** scf.index_switch over its edges (control.ts indexSwitchEdges), as scf.if. */
  private execIndexSwitch(op: Operation, scope: Scope): SVal[] {
    return this.execArms(op, scope, indexSwitchEdges(this.ctx, op, this.get(scope, op.operands[0]!)));
  }

  /** Each arm's region (a missing or empty one yields nothing) under its condition, the
   *  states merged at the join; no arm possible: the results are poison on a false path. */
  private execArms(op: Operation, scope: Scope, arms: { cond: Term; succ: number }[]): SVal[] {
    const f = this.f;
    const base = this.st;
    const outs: { st: PathState; vals: SVal[] }[] = [];
    for (const a of arms) {
      const pc = pcAnd(f, base.pc, a.cond);
      if (this.isFalse(pc)) continue;
      this.st = { ...base, pc };
      const region = op.regions[a.succ];
      const vals = region && region.blocks.length ? this.runBody(region.blocks[0]!, [], scope) : [];
      outs.push({ st: this.st, vals });
    }
    if (outs.length === 0) {
      this.st = { ...base, pc: f.false };
      return op.results.map((r) => poisonOf(this.D, r.type, false));
    }
    const m = this.mergeStatesVals(outs);
    this.st = m.st;
    return m.vals;
  }

  private execFor(op: Operation, scope: Scope): SVal[] {
    const f = this.f;
    const D = this.D;
    const [lbV, ubV, stepV, ...inits] = op.operands.map((o) => this.get(scope, o));
    const lb = asInt(lbV, 'scf.for');
    const ub = asInt(ubV, 'scf.for');
    const step = asInt(stepV, 'scf.for');
    const w = lb.w;
    this.ub(f.or(lb.poison, ub.poison), 'scf.for with a poison bound or step');
    // the step binds only a loop that runs (as in the interpreter)
    const runs = D.slt(lb.v, ub.v, w);
    // a poison step is first used by the first iteration's increment: the lowered loop's
    // header then branches on poison (convert-scf-to-cf), after the body ran — which may call
    // a function that never returns (review 31: UB at the entry excused a target that skipped
    // such a call); so after each body (`stepPoison`), and its bits are no step here
    this.ub(f.and(runs, f.not(step.poison), D.sle(step.v, D.lit(0n, w), w)), 'scf.for with a step that is not positive');
    const stepPoison = () => this.ub(step.poison, 'scf.for with a poison bound or step');
    const body = op.regions[0]!.blocks[0]!;
    let iv: IntV<Term, Term> = { kind: 'int', w, v: lb.v, poison: f.false };
    let carried = inits;
    if (this.env.cutpoints) {
      const types = body.args.map((a) => a.type);
      const h = this.enterCutLoop(op, this.st, [iv, ...carried], types, op.regions.flatMap((r) => r.blocks), [f.not(iv.poison)]);
      this.havocs[this.havocs.length - 1]!.outer = (v) => this.get(scope, v);
      const { j, keys } = h;
      const hiv = asInt(h.vals[0]!, 'scf.for');
      // the induction variable of scf.for is never poison (checked at every record)
      this.assume.push(f.not(hiv.poison));
      const cond = D.slt(hiv.v, ub.v, w);
      const exits: { st: PathState; vals: SVal[] }[] = [];
      const out = pcAnd(f, this.st.pc, f.not(cond));
      if (!this.isFalse(out)) exits.push({ st: { ...this.st, pc: out }, vals: h.vals.slice(1) });
      const pc = pcAnd(f, this.st.pc, cond);
      if (!this.isFalse(pc)) {
        this.st = { ...this.st, pc };
        const next = this.runBody(body, h.vals, scope);
        stepPoison();
        const iv2: IntV<Term, Term> = { kind: 'int', w, v: D.add(hiv.v, step.v, w), poison: f.false };
        this.loopAllocations(keys, [this.st]);
        this.record(j, 'back', this.st, [iv2, ...next], types, [f.not(iv2.poison)], keys);
      }
      return this.finishLoop(op, exits);
    }
    const exits: { st: PathState; vals: SVal[] }[] = [];
    const entryPc = this.st.pc;
    const counter = { n: 0, total: 0 };
    for (let first = true; ; first = false) {
      // the budget is spent where the lowered loop takes its back edge
      if (!first && !this.budget(entryPc, this.st.pc, counter)) break;
      const cond = D.slt(iv.v, ub.v, w);
      const out = pcAnd(f, this.st.pc, f.not(cond));
      if (!this.isFalse(out)) exits.push({ st: { ...this.st, pc: out }, vals: carried });
      const pc = pcAnd(f, this.st.pc, cond);
      if (this.isFalse(pc)) break;
      this.st = { ...this.st, pc };
      carried = this.runBody(body, [iv, ...carried], scope);
      stepPoison();
      iv = { kind: 'int', w, v: D.add(iv.v, step.v, w), poison: f.false };
    }
    return this.finishLoop(op, exits);
  }

  private execWhile(op: Operation, scope: Scope): SVal[] {
    const f = this.f;
    let carried = op.operands.map((o) => this.get(scope, o));
    const before = op.regions[0]!.blocks[0]!;
    const after = op.regions[1]!.blocks[0]!;
    const exits: { st: PathState; vals: SVal[] }[] = [];
    if (this.env.cutpoints) {
      const types = before.args.map((a) => a.type);
      const { j, vals, keys } = this.enterCutLoop(op, this.st, carried, types, op.regions.flatMap((r) => r.blocks));
      const [c, ...fwd] = this.runBody(before, vals, scope);
      const cond = this.condition(c!, 'scf.condition');
      const out = pcAnd(f, this.st.pc, f.not(cond));
      if (!this.isFalse(out)) exits.push({ st: { ...this.st, pc: out }, vals: fwd });
      this.loopAllocations(keys, exits.map((e) => e.st));
      const pc = pcAnd(f, this.st.pc, cond);
      if (!this.isFalse(pc)) {
        this.st = { ...this.st, pc };
        const next = this.runBody(after, fwd, scope);
        this.loopAllocations(keys, [this.st]);
        this.record(j, 'back', this.st, next, types, [], keys);
      }
      return this.finishLoop(op, exits);
    }
    const entryPc = this.st.pc;
    const counter = { n: 0, total: 0 };
    for (let first = true; ; first = false) {
      if (!first && !this.budget(entryPc, this.st.pc, counter)) break;
      const [c, ...fwd] = this.runBody(before, carried, scope);
      const cond = this.condition(c!, 'scf.condition');
      const out = pcAnd(f, this.st.pc, f.not(cond));
      if (!this.isFalse(out)) exits.push({ st: { ...this.st, pc: out }, vals: fwd });
      const pc = pcAnd(f, this.st.pc, cond);
      if (this.isFalse(pc)) break;
      this.st = { ...this.st, pc };
      carried = this.runBody(after, fwd, scope);
    }
    return this.finishLoop(op, exits);
  }

  private finishLoop(op: Operation, exits: { st: PathState; vals: SVal[] }[]): SVal[] {
    if (exits.length === 0) {
      this.st = { ...this.st, pc: this.f.false };
      return op.results.map((r) => poisonOf(this.D, r.type, false));
    }
    const m = this.mergeStatesVals(exits);
    this.st = m.st;
    return m.vals;
  }

  /** cf.assert: when the condition fails, the program prints the message and aborts, as the
   *  LLVM lowering does (puts of the message, then abort). */
  private execAssert(op: Operation, scope: Scope): void {
    const f = this.f;
    const c = this.condition(this.get(scope, op.operands[0]!), 'cf.assert');
    const msg = opAttr(op, 'msg');
    const text = msg && msg.kind === 'string' ? msg.value : '';
    const base = this.st;
    const failPc = pcAnd(f, base.pc, f.not(c));
    if (!this.isFalse(failPc)) {
      this.st = { ...base, pc: failPc };
      this.call(op, `puts:${text}`, [], []);
      this.call(op, 'abort', [], []);
    }
    this.st = { ...base, pc: pcAnd(f, base.pc, c) };
  }

  // ------------------------------------------------------------------ calls

  /** The identity of a call in the trace: `puts` of a constant global string is identified by
   *  its text (the form cf.assert takes after lowering), everything else by the callee name. */
  private callIdentity(callee: string, args: SVal[]): { name: string; args: SVal[] } {
    if (callee !== 'puts' || args.length !== 1 || args[0]!.kind !== 'ptr') return { name: callee, args };
    const p = args[0]!;
    const key = p.pts?.length === 1 ? p.pts[0]! : undefined;
    const b = key === undefined || key === OBS ? undefined : this.st.mem.blocks[key];
    const off = this.D.known(p.off);
    if (!b || !b.readonly || off !== 0n || !b.data) return { name: callee, args };
    const bytes: number[] = [];
    for (let i = 0n; i < 4096n; i++) {
      const x = this.mem.selectArr(b.data, this.D.lit(i, OFF_BITS));
      if (x.kind !== 'bv') return { name: callee, args };
      if (x.value === 0n) break;
      bytes.push(Number(x.value));
    }
    // the pointer's poison stays a word of the call (0, poison where it is; the text's own
    // call has none, read as a defined 0): dropped, a target's `puts(select(c, @msg, poison))`
    // was the source's `puts(@msg)`, proved (review 31; replay.ts identity: plain `puts`)
    const name = `puts:${String.fromCharCode(...bytes)}`;
    if (this.D.knownB(p.poison) === false) return { name, args: [] };
    return { name, args: [{ kind: 'int', w: 64, v: this.D.lit(0n, 64), poison: p.poison }] };
  }

  /** What a copy call about to be made copies (runtime-env.ts; context.ts copyLength): the
   *  length call right before it with the same index word reported it, or the state says. */
  private copyLength(callee: string, args: SVal[]): Term | undefined {
    const f = this.f;
    if (!this.rtTracked) return undefined;
    const x = callee === 'clef_arg_copy' ? args.flatMap((a) => flatten(a))[0] : undefined;
    const i = x && x.kind === 'int' ? { v: this.D.zext(x.v, x.w, 64), p: x.poison } : undefined;
    if (i) {
      const prev = this.prevCall.get(this.st.calls.id);
      const w = prev?.words[0];
      if (prev && prev.name === 'clef_arg_len' && prev.res && w && w[0] === i.v.id && w[1] === i.p.id && this.D.knownB(i.p) === false) return prev.res;
    }
    return rtCopyLength(f, this.st.tr.rt ?? initialRtEnv(f), callee, this.st.calls, i);
  }

  private call(_op: Operation, calleeName: string, rawArgs: SVal[], resultTypes: Type[]): SVal[] {
    const f = this.f;
    const D = this.D;
    const A = callArrays(f);
    runtimePreconditions(this.ctx, calleeName, rawArgs); // upstream/mutants engineer: UB at the call site
    const { name, args } = this.callIdentity(calleeName, rawArgs);
    const n = this.st.calls;
    const words: { v: Term; p: Term; fr?: Term | undefined }[] = [];
    for (const x of args.flatMap((a) => flatten(a))) {
      if (x.kind === 'ptr') {
        words.push({ v: D.zext(x.bid, BID_BITS, 64), p: x.poison, fr: x.fresh }, { v: x.off, p: x.poison, fr: x.fresh });
      } else words.push({ v: D.zext(x.v, x.w, 64), p: x.poison, fr: x.fresh });
    }
    const tr = this.st.tr;
    const nw = Math.max(tr.words.length, words.length);
    // undef engineer: the words' undef marks, kept once one is not literally false
    const marks = tr.wfresh || words.some((w) => w.fr !== undefined && !(w.fr.kind === 'bool' && !w.fr.value));
    const newTrace: Trace = {
      callee: f.store(tr.callee, n, f.bv(this.env.calleeId(name), 32)),
      words: Array.from({ length: nw }, (_, j) => f.store(tr.words[j] ?? initialWord(f), n, words[j]?.v ?? f.bv(0, 64))),
      wpoison: Array.from({ length: nw }, (_, j) => f.store(tr.wpoison[j] ?? initialWordPoison(f), n, words[j]?.p ?? f.false)),
      ...(marks ? { wfresh: Array.from({ length: nw }, (_, j) => f.store(tr.wfresh?.[j] ?? initialWordPoison(f), n, words[j]?.fr ?? f.false)) } : {}),
      // undef engineer: not in cut-point mode (a havoc state keeps the source's arrival marks
      // but the target's poison stands for its own: identical sides would differ there)
      ...withFresh(this.env.cutpoints === true ? tr.sfresh : recordFreshSnapshots(f, D, tr.sfresh, n, this.st.mem.blocks)),
      snapU: f.store(tr.snapU, n, this.st.mem.U),
      snapUP: f.store(tr.snapUP, n, this.st.mem.UP),
      ...(tr.rt ? { rt: tr.rt } : {}), // stepped once the call returned (below)
    };
    // call liveness: only where a side frees memory itself, and kept only once some call saw
    // a live block
    if (this.env.callLiveness) {
      const alive = liveAt(f, D, this.st.mem, this.side);
      if (tr.live || !this.isFalse(alive)) newTrace.live = f.store(tr.live ?? initialLive(f), n, alive);
    }
    const calls = D.add(n, D.lit(1n, 64), 64);
    this.st = { ...this.st, tr: newTrace, calls };
    // the call may not return: the execution ends there (an observable outcome)
    const returns = name === 'abort' ? f.false : f.select(A.ret, n);
    const exitPc = pcAnd(f, this.st.pc, f.not(returns));
    if (!this.isFalse(exitPc)) this.exits.push({ ...this.st, pc: exitPc });
    this.st = { ...this.st, pc: pcAnd(f, this.st.pc, returns) };
    // what the callee did to the observable memory
    const m = this.st.mem;
    const blocks = m.blocks.map((b) =>
      b && b.inU && (b.kind === 'heap' || b.kind === 'arg' || b.kind === 'ext')
        ? { ...b, alive: f.and(b.alive, f.not(f.select(f.select(A.free, n), b.bid))) }
        : b,
    );
    // its results: unknowns indexed by the call's position in the trace
    const slots = resultTypes.flatMap((t) => slotsOf(t));
    const scalars: SScalar[] = [];
    const definedResults = this.env.callsDefined === true || runtimeResultsDefined(calleeName, resultTypes);
    const resPoison = (j: number) => (definedResults ? f.false : f.select(A.resP(j), n));
    let j = 0;
    let hasPtr = false;
    for (const s of slots) {
      if (s.kind === 'ptr') {
        hasPtr = true;
        scalars.push({ kind: 'ptr', bid: D.trunc(f.select(A.res(j), n), 64, BID_BITS), off: f.select(A.res(j + 1), n), poison: resPoison(j), pts: [OBS] });
        j += 2;
      } else {
        scalars.push(s.kind === 'int'
          ? { kind: 'int', w: s.w, v: D.trunc(f.select(A.res(j), n), 64, s.w), poison: resPoison(j) }
          : { kind: 'float', w: s.w, v: D.trunc(f.select(A.res(j), n), 64, s.w), poison: resPoison(j) });
        j++;
      }
    }
    if (hasPtr) {
      // a block the callee may have allocated and returned
      const key = this.newKey();
      blocks[key] = {
        key,
        bid: D.add(D.lit(BigInt(EXT_BASE), BID_BITS), D.trunc(n, 64, BID_BITS), BID_BITS),
        kind: 'ext',
        size: f.select(A.extSize, n),
        alive: f.true,
        readonly: false,
        ...(this.env.readOnlyResults ? { writable: f.select(f.var('call.extwritable', arraySort(bvSort(64), BOOL)), n) } : {}),
        freeable: f.true,
        inU: true,
        origin: `result of @${calleeName}`,
      };
    }
    // undef engineer: source side, like UP, the bytes the callee can reach are defined values
    // afterwards (a defined unknown stands for undef soundly on the source side); the target
    // keeps its marks but for the buffers the runtime surely wrote (callWrote, below)
    blocks.forEach((b, k) => {
      if (this.side !== 'src' || !b || !b.inU || !b.fresh) return;
      if (b.freshIsPoison || !(b.fresh.kind === 'constArray' && b.fresh.value.kind === 'bool' && !b.fresh.value.value)) {
        const nb: SymBlock = { ...b, fresh: f.constArray(bvSort(OFF_BITS), f.false) };
        if (nb.freshIsPoison !== undefined) nb.freshIsPoison = undefined; // all its bytes are defined now: no longer weakened (not deleted: see havoc)
        blocks[k] = nb;
      }
    });
    const summaries = m.summaries?.map((sm) => ({ ...sm, frees: [...sm.frees, { n, when: f.true }] }));
    this.st = { ...this.st, mem: { ...m, blocks, ...(summaries ? { summaries } : {}), U: f.select(A.havoc, n), UP: this.env.callsDefined ? m.UP : f.select(A.havocP, n) } };
    const at = { i: 0 };
    const results = resultTypes.map((t) => unflatten(t, scalars, at));
    runtimePostconditions(this.ctx, calleeName, rawArgs, results);
    // the runtime's state after the call (runtime-env.ts): from the trace's own words
    const w0 = words[0];
    if (this.rtTracked) this.st = { ...this.st, tr: { ...this.st.tr, rt: rtEnvAfter(f, this.st.tr.rt ?? initialRtEnv(f), name, n, w0 && { v: w0.v, p: w0.p }, scalars[0]?.kind === 'int' && scalars[0].w === 64 ? scalars[0].v : undefined) } };
    // ---- undef (begin): undef engineer — a copy call writes as many bytes as the length
    // call right before it reported (runtime-pre.ts LENGTH_CALL), known only when that call
    // is the previous one on every path that reaches this one (and, for clef_arg_copy, asked
    // for the same argument: the same word; where that word may be poison, nothing is known)
    const rec: CallRecord = { name, words: words.map((w) => [w.v.id, w.p.id]), wordPoison: words.map((w) => w.p), res: scalars[0]?.kind === 'int' ? scalars[0].v : undefined };
    const prev = this.prevCall.get(n.id);
    const had = this.prevCall.get(calls.id);
    this.prevCall.set(calls.id, had === undefined || (had !== null && sameCall(had, rec)) ? rec : null);
    if (this.side === 'tgt') {
      const lenCall = LENGTH_CALL[name];
      const sameArg = name !== 'clef_arg_copy' || (prev && prev.words[0] && rec.words[0] && prev.words[0][0] === rec.words[0][0] && prev.words[0][1] === rec.words[0][1]);
      const reported = lenCall && prev && prev.name === lenCall && sameArg ? prev.res : undefined;
      let ranges = runtimeBufferWrites(this.ctx, calleeName, rawArgs, results, reported);
      const argPoison = name === 'clef_arg_copy' ? rec.wordPoison[0] : undefined;
      if (argPoison && D.knownB(argPoison) !== false) ranges = ranges.map((r) => ({ ...r, n: D.ite(argPoison, D.lit(0n, OFF_BITS), r.n, OFF_BITS) }));
      this.mem.callWrote(ranges);
      if (this.env.callsDefined) this.mem.callWrotePoison(ranges);
    }
    // ---- undef (end)
    // a callee returns values of its declared types: a memref's static layout holds, or the
    // call is UB on this path (declared-results.ts: an assumption on the shared call.res
    // unknowns constrained other callees' results at the same call number)
    if (this.env.declaredResultsAssumed) resultTypes.forEach((t, i) => this.assume.push(f.implies(this.st.pc, f.and(...staticMemrefFacts(f, D, t, results[i]!)))));
    else declaredResultLayout(this.ctx, calleeName, resultTypes, results);
    return results;
  }
}

export { UP_SORT };

// ---- undef (begin): undef engineer
/** A call as the copy calls' lengths need it: callee, argument words (value and poison term
 *  ids) and first result. */
type CallRecord = { name: string; words: [number, number][]; wordPoison: Term[]; res: Term | undefined };
/** Does a function body call `clef_readln_copy` or `clef_arg_copy` (cached: parsed MLIR is
 *  never mutated)? */
function callsCopy(body: Region): boolean {
  let r = copyCallers.get(body);
  if (r === undefined) {
    r = [...walkOps(body.blocks.flatMap((b) => b.ops))].some((o) => {
      const c = (o.name === 'func.call' || o.name === 'llvm.call') && opAttr(o, 'callee');
      return !!c && c.kind === 'symbolRef' && Object.prototype.hasOwnProperty.call(LENGTH_CALL, c.root);
    });
    copyCallers.set(body, r);
  }
  return r;
}
const copyCallers = new WeakMap<Region, boolean>();
function mergeRtEnv(f: TermFactory, c: Term, a: RtEnv, b: RtEnv): RtEnv {
  return a === b ? a : { line: f.ite(c, a.line, b.line), args: f.ite(c, a.args, b.args) };
}
function sameCall(a: CallRecord, b: CallRecord): boolean {
  return a.name === b.name && a.res === b.res && a.words.length === b.words.length && a.words.every((w, i) => w[0] === b.words[i]![0] && w[1] === b.words[i]![1]);
}
// ---- undef (end)

/** A function's loops numbered in text order (scf.for / scf.while ops and CFG loop headers
 *  in pre-order; a pass that lowers one form to the other keeps this order), and which of
 *  them may allocate. */
export function textOrderLoops(body: Region, cfgOf: (r: Region) => CfgInfo = analyzeCfg): { ids: Map<Operation | Block, number>; allocating: Set<number> } {
  // once per function body: validate.ts and every symbolic run of the function ask again
  // (parsed MLIR is never mutated; cfgOf is analyzeCfg or a cache of it, so it gives the same)
  let r = loopOrderCache.get(body);
  if (!r) loopOrderCache.set(body, (r = computeTextOrderLoops(body, cfgOf)));
  return r;
}
const loopOrderCache = new WeakMap<Region, { ids: Map<Operation | Block, number>; allocating: Set<number> }>();

function computeTextOrderLoops(body: Region, cfgOf: (r: Region) => CfgInfo): { ids: Map<Operation | Block, number>; allocating: Set<number> } {
  const ids = new Map<Operation | Block, number>();
  const allocating = new Set<number>();
  const defs = new Map<string, Operation>();
  const visitRegion = (r: Region) => {
    const cfg = r.blocks.length > 1 ? cfgOf(r) : null;
    const headers = new Map<Block, Loop>(cfg ? [...cfg.loops].map(([i, l]) => [cfg.blocks[i]!, l]) : []);
    for (const b of r.blocks) {
      const loop = headers.get(b);
      if (loop) {
        if (mayAllocate([...loop.body].map((i) => cfg!.blocks[i]!))) allocating.add(ids.size);
        ids.set(b, ids.size);
      }
      for (const op of b.ops) {
        if (op.name === 'scf.for' || op.name === 'scf.while') {
          if (mayAllocate(op.regions.flatMap((x) => x.blocks))) allocating.add(ids.size);
          ids.set(op, ids.size);
        }
        for (const res of op.results) defs.set(vkey(res), op);
        // convert-scf-to-cf (and canonicalize) turn `scf.if (xori c, true) A else B` into a
        // cond_br on c to B, then A: B's loops come first in the lowered text
        // and scf.index_switch into a cf.switch to its cases' blocks, the default's last
        const regions =
          op.name === 'scf.if' && op.regions.length === 2 && isNegation(defs.get(vkey(op.operands[0]!)), defs) ? [op.regions[1]!, op.regions[0]!]
          : op.name === 'scf.index_switch' ? [...op.regions.slice(1), ...op.regions.slice(0, 1)]
          : op.regions;
        regions.forEach(visitRegion);
      }
    }
  };
  visitRegion(body);
  return { ids, allocating };
}

const isI1 = (t: Type | undefined) => t?.kind === 'integer' && t.width === 1;

/** Is this op `arith.xori x, true` (either operand the constant true)? The loop order of a
 *  lowering follows it; a wrong guess only loses the cut-point match, never soundness. */
function isNegation(op: Operation | undefined, defs: Map<string, Operation>): boolean {
  if (!op || op.name !== 'arith.xori' || op.operands.length !== 2 || !isI1(op.results[0]?.type)) return false;
  return op.operands.some((o) => {
    const d = defs.get(vkey(o));
    const v = d && d.name === 'arith.constant' ? opAttr(d, 'value') : undefined;
    return !!v && ((v.kind === 'bool' && v.value) || (v.kind === 'int' && (v.value === 1n || v.value === -1n)));
  });
}

/** Can these blocks (and the regions inside) allocate observable memory? Allocation ops and
 *  calls (a callee with a body may allocate; one without may return a new block). */
/** The start alignment a loop's summary gives the blocks its earlier iterations allocated
 *  (Summary.align), from the allocation sites in its body: the target's least (its accesses
 *  are UB at least where really so), the source's greatest (at most where really so); a
 *  target loop with no site (the other side's allocates) gets 1, a source's any. */
export function summaryAlign(blocks: Block[], side: 'src' | 'tgt'): number | undefined {
  const aligns = blocks.flatMap((b) => [...walkOps(b.ops)].flatMap((op) => allocAlign(op) ?? []));
  if (aligns.length === 0) return side === 'tgt' ? 1 : undefined;
  return side === 'tgt' ? Math.min(...aligns) : Math.max(...aligns);
}

function mayAllocate(blocks: Block[]): boolean {
  const visit = (ops: Operation[]): boolean =>
    ops.some((op) => /alloc|malloc|call/.test(op.name) || op.regions.some((r) => r.blocks.some((b) => visit(b.ops))));
  return blocks.some((b) => visit(b.ops));
}

/** Block entries grouped by their id term: liveness (any entry alive) and size (of the live
 *  entry). */
export function blockGroups(f: TermFactory, blocks: (SymBlock | undefined)[]): Map<number, { alive: Term; size: Term; members: SymBlock[] }> {
  const out = new Map<number, { alive: Term; size: Term; members: SymBlock[] }>();
  for (const b of blocks) {
    if (!b) continue;
    const g = out.get(b.bid.id);
    if (!g) out.set(b.bid.id, { alive: b.alive, size: b.size, members: [b] });
    else {
      g.members.push(b);
      g.alive = f.or(b.alive, g.alive);
      g.size = f.ite(b.alive, b.size, g.size);
    }
  }
  return out;
}

/** How a havoc state names a block's unknowns: by its id (a literal, or a term over earlier
 *  havoc counters), not by its key — keys are numbered in the order a side's run meets
 *  allocations, which differs between an scf.if and its blocks. */
export function blockName(b: SymBlock, _side: 'src' | 'tgt'): string {
  // terms are shared by both sides (one factory): the same id term is the same block
  return b.bid.kind === 'bv' ? `b${b.bid.value}` : `t${b.bid.id}`;
}

/** The static parts of a memref type as equalities on a value of that type. */
function staticMemrefFacts(f: TermFactory, D: Dom<Term, Term>, t: Type, v: SVal): Term[] {
  if (t.kind !== 'memref' || v.kind !== 'memref') return [];
  const lay = staticLayout(t);
  const out: Term[] = [];
  const fix = (x: IntV<Term, Term>, n: bigint | null | undefined) => {
    if (n !== null && n !== undefined) out.push(f.and(f.not(x.poison), D.eq(x.v, D.lit(n, x.w), x.w)));
  };
  fix(v.offset, lay.offset);
  t.shape.forEach((n, i) => fix(v.sizes[i]!, n === null ? null : BigInt(n)));
  lay.strides.forEach((n, i) => fix(v.strides[i]!, n));
  return out;
}

// ------------------------------------------------------------------ path conditions

function conjuncts(t: Term): Term[] {
  if (t.kind === 'bool' && t.value) return [];
  if (t.kind === 'app' && t.op === 'and') return t.args;
  return [t];
}

/** pc and c as one flat conjunction ordered by term id (the same set: the same term); a
 *  conjunct next to its negation gives false. */
export function pcAnd(f: TermFactory, pc: Term, c: Term): Term {
  const all = new Map<number, Term>();
  for (const x of [...conjuncts(pc), ...conjuncts(c)]) {
    if (x.kind === 'bool' && !x.value) return f.false;
    all.set(x.id, x);
  }
  for (const x of all.values()) {
    const neg = x.kind === 'app' && x.op === 'not' ? x.args[0]! : f.not(x);
    if (all.has(neg.id)) return f.false;
  }
  const list = [...all.values()].sort((a, b) => a.id - b.id);
  return list.length === 0 ? f.true : list.length === 1 ? list[0]! : f.and(...list);
}

/** Merges values guarded by disjoint path conditions into one `ite` tree, canonically: split
 *  first on a condition every path has decided (one way or the other), and otherwise chain
 *  in the order of the path conditions' term ids. The same guarded values give the same
 *  tree whatever order they come in. */
export function mergeTree<T>(f: TermFactory, xs: { pc: Term; v: T }[], two: (c: Term, a: T, b: T, pc: Term) => T): T {
  return mergeRec(f, two, xs).v;
}

// (module-level, not a closure per mergeTree call: tsx names each closure it creates)
function mergeRec<T>(f: TermFactory, two: (c: Term, a: T, b: T, pc: Term) => T, ys: { pc: Term; v: T }[]): { pc: Term; v: T } {
  if (ys.length === 1) return ys[0]!;
  const sets = ys.map((i) => new Set(conjuncts(i.pc).map((c) => c.id)));
  const cands = conjuncts(ys[0]!.pc).map((c) => (c.kind === 'app' && c.op === 'not' ? c.args[0]! : c)).sort((a, b) => a.id - b.id);
  for (const c of cands) {
    const nc = f.not(c);
    const pos: { pc: Term; v: T }[] = [];
    const neg: { pc: Term; v: T }[] = [];
    ys.forEach((i, k) => (sets[k]!.has(c.id) ? pos : sets[k]!.has(nc.id) ? neg : []).push(i));
    if (pos.length === 0 || neg.length === 0 || pos.length + neg.length !== ys.length) continue;
    const a = mergeRec(f, two, pos);
    const b = mergeRec(f, two, neg);
    const pc = pcOr(f, [a.pc, b.pc]);
    return { pc, v: two(c, a.v, b.v, pc) };
  }
  const sorted = [...ys].sort((a, b) => a.pc.id - b.pc.id);
  let acc = sorted[sorted.length - 1]!;
  for (let i = sorted.length - 2; i >= 0; i--) {
    const it = sorted[i]!;
    const pc = pcOr(f, [it.pc, acc.pc]);
    acc = { pc, v: two(it.pc, it.v, acc.v, pc) };
  }
  return acc;
}

/** A disjunction of path conditions: flat, without duplicates, ordered by term id. */
export function pcOr(f: TermFactory, pcs: Term[]): Term {
  const all = new Map<number, Term>();
  for (const p of pcs) {
    if (p.kind === 'bool' && p.value) return f.true;
    for (const x of p.kind === 'app' && p.op === 'or' ? p.args : [p]) if (!(x.kind === 'bool' && !x.value)) all.set(x.id, x);
  }
  const list = [...all.values()].sort((a, b) => a.id - b.id);
  if (list.length <= 1) return list[0] ?? f.false;
  // factor out the conjuncts every disjunct shares: (P and X) or (P and Y) = P and (X or Y)
  const sets = list.map((t) => conjuncts(t));
  const common = sets[0]!.filter((c) => sets.every((s) => s.some((d) => d.id === c.id)));
  if (common.length === 0) return f.or(...list);
  const ids = new Set(common.map((c) => c.id));
  const rests = sets.map((s) => s.filter((c) => !ids.has(c.id)));
  if (rests.some((r) => r.length === 0)) return pcAnd(f, f.true, f.and(...common)); // P or (P and X) = P
  const restTerms = rests.map((r) => (r.length === 1 ? r[0]! : f.and(...r)));
  // X or not X
  const rid = new Set(restTerms.map((r) => r.id));
  const complementary = restTerms.some((r) => rid.has(f.not(r).id));
  const rest = complementary ? f.true : pcOr(f, restTerms);
  return pcAnd(f, f.and(...common), rest);
}

