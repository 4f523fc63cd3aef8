// The call graph of a Core program and its strongly connected components (Tarjan), in
// callee-first order: the order F* needs its definitions in, and the unit of recursion for
// the stack-budget bound (a component with a cycle is recursion, direct or mutual).
import { forEachNode } from '../../compiler/core/walk.ts';
import type { CExpr, CoreFn, CoreProgram } from '../../compiler/core/core.ts';

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

  // Tarjan's algorithm, iterative over an explicit stack so deep call chains cannot
  // overflow the JS stack; components come out callee-first.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const sccs: string[][] = [];
  let next = 0;
  for (const root of p.functions.map((f) => f.name)) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const succ = calls.get(top.v)!;
      if (top.i < succ.length) {
        const w = succ[top.i++]!.callee;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
          if (w === top.v) break;
        }
        // Keep the program's order inside a component, for stable output.
        const order = new Map(p.functions.map((f, i) => [f.name, i] as const));
        comp.sort((a, b) => order.get(a)! - order.get(b)!);
        sccs.push(comp);
      }
    }
  }
  const sccOf = new Map<string, number>();
  sccs.forEach((c, i) => c.forEach((f) => sccOf.set(f, i)));
  const recursive = new Set<string>();
  for (const c of sccs) {
    if (c.length > 1) c.forEach((f) => recursive.add(f));
    else if (calls.get(c[0]!)!.some((s) => s.callee === c[0])) recursive.add(c[0]!);
  }
  return { fns, calls, sccs, sccOf, recursive };
}
