// The state of one symbolic execution. Execution is path-merging: both branches of an `if`
// run from a copy of the state and are joined with ite; the path condition `pc` is the
// conjunction of branch decisions only. What the run may assume is kept apart, as a list of
// FACTS `pc -> t` in execution order: requires, Contract.assume, the callee's ensures, a
// loop's invariant at its head, and — after every check — that the check passed. A check
// (an obligation at one place) records how many facts came before it, and its violation
// query uses exactly those: "X fails first" = facts before X ∧ pc ∧ violated. This is the
// interpreter's own semantics (a run stops at its first failing obligation), so each
// obligation's verdict is about runs that reach it, and if every obligation is proved no
// run fails.
import type { CExpr, CoreFn, CoreProgram, Obligation } from '../../../compiler/core/core.ts';
import type { Span } from '../../../compiler/syntax/ast.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { FloatDomain } from '../domain.ts';
import type { SymIntDomain } from './domain.ts';
import { copyMemory, mergeMemory, type SymMemory } from './memory.ts';
import { mergeSV, type SV } from './values.ts';
import { substitute } from './subst.ts';
import type { ProgramFacts } from './summaries.ts';

export type CallMode = 'contract' | 'uninterpreted';
/** How loops are executed:
 *  - `invariants`: loops with `Contract.invariant` by cut point (havoc, assume, check
 *    preserved), the others unrolled `unroll` times;
 *  - `unroll`: every loop unrolled (invariants checked at each iteration, as the interpreter does);
 *  - `havoc`: every loop by cut point, with the user's invariants and the candidates of
 *    `candidates` (a loop without either is havocked with nothing assumed — sound, weak). */
export type LoopMode = 'invariants' | 'unroll' | 'havoc';

/** An automatic invariant candidate: a predicate over the state at the loop head. */
export type Candidate = { loop: string; index: number; text: string; make: (st: State, entry: State) => Term | null };

export type SymOptions = {
  unroll: number;
  callMode: CallMode;
  loops?: LoopMode;
  /** Candidates per loop key (loopKey), assumed at the loop head and checked (internal checks). */
  candidates?: Map<string, Candidate[]>;
  // translation validation runs loops its own way (cut points
  // matched with the MLIR's, verifier/tv/core/cut-loop.ts); when set, every While goes here
  onLoop?: (cx: Ctx, st: State, e: CExpr & { kind: 'While' }) => void;
};

/** Internal checks that are not Core obligations (kind 'candidate' is Houdini's, the others
 *  are the implicit liveness contracts between callers and callees). */
export type Internal =
  | { kind: 'candidate'; loop: string; index: number; when: 'initially' | 'preserved' }
  | { kind: 'arg-live'; callee: string; span: Span }
  | { kind: 'result-live' };

export type Check = {
  ob: Obligation | null;
  internal: Internal | null;
  category: string;
  /** `initially` / `preserved` for invariants and loop measures. */
  phase: string | null;
  pc: Term;
  violated: Term;
  /** Number of facts recorded before this check. */
  at: number;
  /** Keys of the loops (lexically) around the checked node. */
  loops: string[];
  what: string;
};

/** A fault the run can hit without an obligation to report it (undefined behaviour). */
export type Ub = { category: string; what: string; span: Span; pc: Term; cond: Term; at: number };

/** A loop whose unrolling stopped with iterations left: paths beyond are not explored. */
export type Cut = { loop: string; span: Span; k: number; pc: Term; at: number; mutated: string[] };

export type CallRecord = { callee: string; span: Span; args: SV[]; pc: Term; memBefore: SymMemory; result: SV; memAfter: SymMemory };

export type State = { env: Map<string, SV>; mem: SymMemory; pc: Term };

export type Ctx = {
  F: TermFactory;
  D: SymIntDomain;
  Fl: FloatDomain<Term, Term, Term>;
  prog: CoreProgram;
  fn: CoreFn;
  fns: Map<string, CoreFn>;
  facts: ProgramFacts;
  /** Types of the function's parameters and local variables (names are unique per function). */
  varTypes: Map<string, import('../../../compiler/types/types.ts').Type>;
  opts: Required<Omit<SymOptions, 'candidates' | 'onLoop'>> & { candidates: Map<string, Candidate[]>; onLoop?: SymOptions['onLoop'] };
  /** Facts (see the file comment). */
  known: Term[];
  checks: Check[];
  ub: Ub[];
  calls: CallRecord[];
  cuts: Cut[];
  /** Ids for blocks/arenas/regions this function creates, and for callee-made blocks. */
  nextOwn: bigint;
  nextCallee: bigint;
  /** Enclosing loops (keys), innermost last, and whether any of them runs by cut point. */
  loops: { key: string; havoc: boolean }[];
  /** > 0 while evaluating something whose checks belong elsewhere (a callee's contract, an
   *  invariant assumed at the loop head): no checks, no facts. */
  silent: number;
  /** > 0 while re-evaluating something whose checks are made elsewhere on every run that
   *  gets here (a cut-point loop's condition at the head of an arbitrary iteration: the same
   *  evaluation is checked on entry and at the end of the previous iteration): each check's
   *  passing is assumed (a fact), none is recorded. */
  assumeOnly: number;
  /** Quantifier-bound variables around the current node (checks inside are wrapped in
   *  `exists`; facts are not recorded there). */
  quants: { v: Term; range: Term }[];
  /** The function's `decreases` at entry (math), for recursive calls. */
  entryMeasure: Term | null;
  /** Regions this function created: id, path condition at creation, inside a cut-point loop. */
  regions: { id: Term; pc: Term; span: Span; inHavocLoop: boolean }[];
};

export function isFalse(t: Term): boolean {
  return t.kind === 'bool' && !t.value;
}

export function fork(st: State, pc: Term): State {
  return { env: new Map(st.env), mem: copyMemory(st.mem), pc };
}

/** Replaces `into`'s contents by another state's (after a branch was taken wholesale). */
export function assign(into: State, from: State): void {
  into.env = from.env;
  into.mem = from.mem;
  into.pc = from.pc;
}

/** The join of two states; `c` selects `a` (they come from `pc ∧ c` and `pc ∧ ¬c` or are
 *  otherwise disjoint). */
export function mergeStates(cx: Ctx, c: Term, a: State, b: State, joinedPc?: Term): State {
  const { F } = cx;
  if (isFalse(a.pc)) return b;
  if (isFalse(b.pc)) return a;
  const env = new Map<string, SV>();
  for (const [k, v] of a.env) {
    const w = b.env.get(k);
    env.set(k, w === undefined ? v : mergeSV(F, c, v, w));
  }
  for (const [k, w] of b.env) if (!a.env.has(k)) env.set(k, w);
  return { env, mem: mergeMemory(F, c, a.mem, b.mem), pc: joinedPc ?? F.or(a.pc, b.pc) };
}

/** Records `pc -> t` as known from here on (unless silent or under a quantifier). */
export function fact(cx: Ctx, st: State, t: Term): void {
  if (cx.silent > 0 || cx.quants.length > 0) return;
  if (t.kind === 'bool' && t.value) return;
  cx.known.push(st.pc.kind === 'bool' && st.pc.value ? t : cx.F.implies(st.pc, t));
}

/** A fact that holds on every path (about fresh values: ranges, well-formedness). */
export function globalFact(cx: Ctx, t: Term): void {
  if (cx.silent > 0 || cx.quants.length > 0) return;
  if (t.kind === 'bool' && t.value) return;
  cx.known.push(t);
}

/** `exists i. range(i) ∧ t` for the quantifiers around a check, skolemized (subst.ts). */
function wrapQuants(cx: Ctx, t: Term): Term {
  if (!cx.quants.length) return t;
  const { F } = cx;
  const map = new Map<number, Term>();
  for (const q of cx.quants) map.set(q.v.id, F.fresh(`sk.${q.v.kind === 'var' ? q.v.name : 'q'}`, q.v.sort));
  return substitute(F, F.and(...cx.quants.map((q) => q.range), t), map);
}

/** Checks an obligation: records its violation condition, then assumes it passed.
 *  `assumed` (default: not violated) is what is assumed afterwards: it must follow from the
 *  operation not failing — where `violated` over-approximates the failure, its negation
 *  is stronger than that and would cut off executions that do not fail. */
export function check(cx: Ctx, st: State, ob: Obligation, violated: Term, what: string, phase: string | null = null, assumed?: Term): void {
  if (cx.silent > 0 || isFalse(violated) || isFalse(st.pc)) return;
  if (cx.assumeOnly > 0) return fact(cx, st, assumed ?? cx.F.not(violated));
  const q = cx.quants.length > 0;
  cx.checks.push({
    ob,
    internal: null,
    category: ob.category,
    phase,
    pc: q ? cx.F.true : st.pc,
    violated: q ? wrapQuants(cx, cx.F.and(st.pc, violated)) : violated,
    at: cx.known.length,
    loops: cx.loops.map((l) => l.key),
    what,
  });
  fact(cx, st, assumed ?? cx.F.not(violated));
}

/** An internal check (Houdini candidates, implicit liveness contracts): recorded, never assumed. */
export function checkInternal(cx: Ctx, st: State, internal: Internal, violated: Term, what: string): void {
  if (cx.silent > 0 || cx.quants.length > 0 || isFalse(violated) || isFalse(st.pc)) return;
  cx.checks.push({ ob: null, internal, category: internal.kind, phase: null, pc: st.pc, violated, at: cx.known.length, loops: cx.loops.map((l) => l.key), what });
}

/** A fault without an obligation on its node: recorded as undefined behaviour (for
 *  translation validation), not assumed away. */
export function recordUb(cx: Ctx, st: State, category: string, cond: Term, span: Span, what: string): void {
  if (cx.silent > 0 || cx.quants.length > 0 || isFalse(cond) || isFalse(st.pc)) return;
  cx.ub.push({ category, what, span, pc: st.pc, cond, at: cx.known.length });
}

/** The first obligation of `category` among a node's obligations (the `nth` one if asked). */
export function obligationOf(e: CExpr, category: string, nth = 0): Obligation | null {
  const obs = 'obs' in e ? e.obs : [];
  let k = 0;
  let first: Obligation | null = null;
  for (const o of obs) {
    if (o.category !== category) continue;
    first ??= o;
    if (k === nth) return o;
    k++;
  }
  return first;
}

/** A fault of a node: checked as its obligation when the node lists one of that category,
 *  else recorded as undefined behaviour. */
export function fault(cx: Ctx, st: State, e: CExpr, category: string, violated: Term, what: string, assumed?: Term): void {
  const ob = obligationOf(e, category);
  if (ob) check(cx, st, ob, violated, what, null, assumed);
  else recordUb(cx, st, category, violated, e.span, what);
}

export function loopKey(span: Span): string {
  return `${span.line}:${span.col}`;
}
