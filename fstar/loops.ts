// What the F* encoding of a `while` loop needs to know about it: the mutable variables it
// updates (the recursive helper's parameters and results) and its termination measure.
// F* has no `while` in `Tot`/`Pure`/`Stack`: a loop is a local `let rec` that F* must prove
// terminating through a `decreases` clause. The measure is the loop's
// `Contract.decreases` when it has one; otherwise, for the shapes the elaborator and
// programmers write most (`for` loops, `while i < n`), one is derived from the loop test,
// and F* checks it like any other; with none, the loop is partial (`Div` in pure code).
import { childrenOf } from '../compiler/core/walk.ts';
import type { CExpr } from '../compiler/core/core.ts';
import type { Type } from '../compiler/types/types.ts';

type While = CExpr & { kind: 'While' };

/** Variables assigned in `es`, in order of first assignment. */
export function assignedIn(es: CExpr[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (e: CExpr): void => {
    if (e.kind === 'Assign' && !seen.has(e.name)) {
      seen.add(e.name);
      out.push(e.name);
    }
    childrenOf(e).forEach(visit);
  };
  es.forEach(visit);
  return out;
}

/** Variables bound by `Let` inside `es`. */
export function declaredIn(es: CExpr[]): Set<string> {
  const out = new Set<string>();
  const visit = (e: CExpr): void => {
    if (e.kind === 'Let') out.add(e.name);
    childrenOf(e).forEach(visit);
  };
  es.forEach(visit);
  return out;
}

/** The variables declared outside `es` that `es` assigns: what a block hands back. */
export function outerAssigned(es: CExpr[]): string[] {
  const inner = declaredIn(es);
  return assignedIn(es).filter((x) => !inner.has(x));
}

/** Types of the variables bound or assigned in a function body (Core names are unique). */
export function varTypes(body: CExpr, into: Map<string, Type>): void {
  const visit = (e: CExpr): void => {
    if (e.kind === 'Let') into.set(e.name, e.init.ty);
    if (e.kind === 'Quant') into.set(e.var, e.from.ty);
    childrenOf(e).forEach(visit);
  };
  visit(body);
}

export type Measure =
  /** `Contract.decreases e`; `heap` when e reads memory (then F* cannot use it). */
  | { kind: 'user'; expr: CExpr; heap: boolean }
  /** The elaborator's `for` loop: counter, end bound, direction, continue flag. */
  | { kind: 'for'; counter: string; end: string; down: boolean; more: string; ty: Type }
  /** `a < b`, `a <= b`, `a > b`, `a >= b` over loop variables, constants and lengths. */
  | { kind: 'compare'; op: 'lt' | 'le' | 'gt' | 'ge'; a: CExpr; b: CExpr }
  | { kind: 'none' };

export function readsHeap(e: CExpr): boolean {
  if (e.kind === 'Load' || e.kind === 'Call') return true;
  return childrenOf(e).some(readsHeap);
}

function isVar(e: CExpr, name?: string): e is CExpr & { kind: 'Var' } {
  return e.kind === 'Var' && (name === undefined || e.name === name);
}

/** `if i = i_end then more <- false else i <- i + 1` (or `i - 1`), the elaborator's step. */
function forStep(e: CExpr): { counter: string; end: string; more: string; down: boolean; ty: Type } | null {
  if (e.kind !== 'If') return null;
  const c = e.cond;
  if (c.kind !== 'Prim' || c.op !== 'eq' || c.args.length !== 2) return null;
  const [i, end] = c.args as [CExpr, CExpr];
  if (!isVar(i) || !isVar(end)) return null;
  const t = e.then;
  const f = e.else;
  if (t.kind !== 'Assign' || t.value.kind !== 'Const' || t.value.value !== false) return null;
  if (f.kind !== 'Assign' || f.name !== i.name || f.value.kind !== 'Prim') return null;
  const inc = f.value;
  if ((inc.op !== 'add' && inc.op !== 'sub') || !isVar(inc.args[0]!, i.name)) return null;
  const one = inc.args[1]!;
  if (one.kind !== 'Const' || one.value !== 1n) return null;
  return { counter: i.name, end: end.name, more: t.name, down: inc.op === 'sub', ty: i.ty };
}

function simpleOperand(e: CExpr): boolean {
  return e.kind === 'Var' || (e.kind === 'Const' && typeof e.value === 'bigint') || (e.kind === 'SpanLength' && e.source.kind === 'Var');
}

function mentions(e: CExpr, names: Set<string>): boolean {
  if (e.kind === 'Var') return names.has(e.name);
  return childrenOf(e).some((c) => mentions(c, names));
}

export function loopMeasure(w: While): Measure {
  if (w.decreases) return { kind: 'user', expr: w.decreases, heap: readsHeap(w.decreases) };
  const state = new Set(outerAssigned([w.cond, w.body]));
  const items = w.body.kind === 'Seq' ? w.body.items : [w.body];
  const step = forStep(items[items.length - 1]!);
  if (step && isVar(w.cond, step.more) && state.has(step.counter) && state.has(step.more) && !state.has(step.end)) {
    // The body cannot assign the counter or the flag elsewhere: Clef's `for` variable is
    // immutable and the flag is the elaborator's.
    const others = assignedIn(items.slice(0, -1));
    if (!others.includes(step.counter) && !others.includes(step.more)) return { kind: 'for', ...step };
  }
  const c = w.cond;
  if (c.kind === 'Prim' && (c.op === 'lt' || c.op === 'le' || c.op === 'gt' || c.op === 'ge') && c.args.length === 2) {
    const [a, b] = c.args as [CExpr, CExpr];
    if ((a.ty.kind === 'int' || a.ty.kind === 'char') && simpleOperand(a) && simpleOperand(b) && (mentions(a, state) || mentions(b, state)))
      return { kind: 'compare', op: c.op, a, b };
  }
  return { kind: 'none' };
}

/** Can F* be given a `decreases` clause for this loop? */
export function hasFstarMeasure(m: Measure): boolean {
  return m.kind === 'for' || m.kind === 'compare' || (m.kind === 'user' && !m.heap);
}
