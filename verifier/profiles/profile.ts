// Target profiles (`--target embedded | mid | server`, default server). `mid` and `server`
// accept every Clef v1 program. `embedded` has no heap: it rejects `Region` (an error at
// each place that creates one or takes one as a parameter), requires a `Contract.decreases`
// on every call cycle (at least one function of each cycle carries one), and adds the
// `stack-budget` obligation: stack plus static storage within `--memory-budget` bytes
// (default 64 KiB).
import { forEachNode } from '../../compiler/core/walk.ts';
import type { CoreProgram } from '../../compiler/core/core.ts';
import { DiagnosticError, type Diagnostic } from '../../compiler/diagnostics.ts';
import { callGraph } from './callgraph.ts';
import { stackBudget, type StackBudgetResult } from './stack-budget.ts';

export type Target = 'embedded' | 'mid' | 'server';

export const TARGETS: readonly Target[] = ['embedded', 'mid', 'server'];
export const DEFAULT_TARGET: Target = 'server';
export const DEFAULT_MEMORY_BUDGET = 64 * 1024;

export type ProfileOptions = {
  target: Target;
  /** Bytes (default 64 KiB). */
  memoryBudget?: number;
  /** Let the stack-budget check run the entry in the interpreter (default true). */
  run?: boolean;
};

export type ProfileReport = {
  target: Target;
  /** Programs the target does not accept: one diagnostic per place. */
  errors: Diagnostic[];
  /** The embedded profile's `stack-budget` result (null for mid and server). */
  stackBudget: StackBudgetResult | null;
};

export function isTarget(s: string): s is Target {
  return (TARGETS as readonly string[]).includes(s);
}

export function checkProfile(p: CoreProgram, opts: ProfileOptions): ProfileReport {
  if (opts.target !== 'embedded') return { target: opts.target, errors: [], stackBudget: null };
  const errors = [...regionErrors(p), ...recursionErrors(p)];
  const budget = opts.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
  return { target: 'embedded', errors, stackBudget: stackBudget(p, { budget, run: opts.run }) };
}

/** The profile's errors as one DiagnosticError (null when the target accepts the program). */
export function profileError(r: ProfileReport): DiagnosticError | null {
  return r.errors.length ? new DiagnosticError(r.errors) : null;
}

function regionErrors(p: CoreProgram): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of p.functions) {
    for (const prm of f.params)
      if (prm.ty.kind === 'region')
        out.push({ severity: 'error', span: prm.span, message: `the embedded target has no regions: parameter ${prm.name} of ${f.name} is a Region (use an Arena or stack memory)` });
    forEachNode(f.body, (e) => {
      if (e.kind === 'RegionCreate')
        out.push({ severity: 'error', span: e.span, message: `the embedded target has no regions: Region.create in ${f.name} (use an Arena or stack memory)` });
    });
  }
  return out;
}

/** A call cycle none of whose functions has a `Contract.decreases`. */
function recursionErrors(p: CoreProgram): Diagnostic[] {
  const g = callGraph(p);
  const out: Diagnostic[] = [];
  for (const comp of g.sccs) {
    if (!comp.some((f) => g.recursive.has(f))) continue;
    const open = new Set(comp.filter((f) => !g.fns.get(f)!.decreases));
    const cycle = findCycle(open, (f) => g.calls.get(f)!.map((s) => s.callee));
    if (!cycle) continue;
    const first = g.fns.get(cycle[0]!)!;
    const shown = [...cycle, cycle[0]!].join(' -> ');
    const what = cycle.length === 1 ? `recursive function ${first.name}` : `mutually recursive functions ${cycle.join(', ')}`;
    out.push({
      severity: 'error',
      span: first.span,
      message: `${what} without Contract.decreases: the embedded target needs a termination measure on every call cycle (${shown})`,
    });
  }
  return out;
}

/** A cycle of the graph restricted to `nodes` (callers first), or null. */
function findCycle(nodes: Set<string>, succ: (f: string) => string[]): string[] | null {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const dfs = (v: string): string[] | null => {
    state.set(v, 'active');
    stack.push(v);
    for (const w of succ(v)) {
      if (!nodes.has(w)) continue;
      if (state.get(w) === 'active') return stack.slice(stack.indexOf(w));
      if (!state.has(w)) {
        const c = dfs(w);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(v, 'done');
    return null;
  };
  for (const v of nodes) {
    if (state.has(v)) continue;
    const c = dfs(v);
    if (c) return c;
  }
  return null;
}
