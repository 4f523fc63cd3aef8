// Strongly connected components (Tarjan), shared by the analyses that order work along a
// dependency graph: each component comes out after every component it reaches, so a
// "depends on" graph gives dependencies first. Iterative over an explicit stack, so a deep
// graph cannot overflow the JS stack.

/** The components of the graph over `roots` (visited in that order) and what `next`
 *  reaches from them; inside a component, nodes in the order Tarjan's stack releases them. */
export function stronglyConnected<T>(roots: Iterable<T>, next: (v: T) => Iterable<T>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const out: T[][] = [];
  const enter = (v: T) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    return { v, succ: next(v)[Symbol.iterator]() };
  };
  for (const root of roots) {
    if (index.has(root)) continue;
    const work = [enter(root)];
    while (work.length) {
      const top = work[work.length - 1]!;
      const step = top.succ.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) work.push(enter(w));
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(top.v)!));
      if (low.get(top.v) === index.get(top.v)) {
        const comp: T[] = [];
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
          if (w === top.v) break;
        }
        out.push(comp);
      }
    }
  }
  return out;
}
