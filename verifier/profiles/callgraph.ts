// The call graph of a Core program and its strongly connected components (verifier/scc.ts), in
// callee-first order: the order F* needs its definitions in, and the unit of recursion for
// the stack-budget bound (a component with a cycle is recursion, direct or mutual).
import { forEachNode } from '../../compiler/core/walk.ts';
import type { CExpr, CoreFn, CoreProgram } from '../../compiler/core/core.ts';
import { stronglyConnected } from '../scc.ts';

export type CallSite = { callee: string; node: CExpr & { kind: 'Call' } };

export type CallGraph = {
  fns: Map<string, CoreFn>;
  /** Direct calls of each function, in evaluation order (the body; contracts do not run). */
  calls: Map<string, CallSite[]>;
  /** Components in callee-first order. */
  sccs: string[][];
  /** Function -> index of its component in `sccs`. */
  sccOf: Map<string, number>;
  /** Functions on a call cycle (including a function calling itself). */
  recursive: Set<string>;
};

export function callGraph(p: CoreProgram): CallGraph {
  const fns = new Map(p.functions.map((f) => [f.name, f] as const));
  const calls = new Map<string, CallSite[]>();
  for (const f of p.functions) {
    const sites: CallSite[] = [];
    forEachNode(f.body, (e) => {
      if (e.kind === 'Call' && fns.has(e.fn)) sites.push({ callee: e.fn, node: e });
    });
    calls.set(f.name, sites);
  }

  // components callee-first (verifier/scc.ts); the program's order inside a component, for
  // stable output
  const order = new Map(p.functions.map((f, i) => [f.name, i] as const));
  const sccs = stronglyConnected(
    p.functions.map((f) => f.name),
    (v) => calls.get(v)!.map((s) => s.callee),
  ).map((comp) => comp.sort((a, b) => order.get(a)! - order.get(b)!));
  const sccOf = new Map<string, number>();
  sccs.forEach((c, i) => c.forEach((f) => sccOf.set(f, i)));
  const recursive = new Set<string>();
  for (const c of sccs) {
    if (c.length > 1) c.forEach((f) => recursive.add(f));
    else if (calls.get(c[0]!)!.some((s) => s.callee === c[0])) recursive.add(c[0]!);
  }
  return { fns, calls, sccs, sccOf, recursive };
}
