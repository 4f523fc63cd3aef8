// Which obligations an unrolling cut can hide. When bounded exploration cuts a loop (k
// iterations done, the condition may still hold), every path through that point is dropped:
// nothing that would run after the loop on those paths is explored. So an obligation whose
// recorded checks all came before the cut is still not settled when some instance of it
// could run after the cut loop: it sits in a loop around the cut loop (its next round), or
// after the cut loop in the text. Only an obligation that runs wholly before the loop (not
// in a loop around it, ending before it starts) is proved by checks that precede the cut.
import type { CExpr, CoreFn, Obligation } from '../../compiler/core/core.ts';
import type { Span } from '../../compiler/syntax/ast.ts';
import { childrenOf } from '../../compiler/core/walk.ts';
import { loopKey } from '../semantics/symbolic/context.ts';

export type LoopNesting = {
  /** Obligation id -> keys of the loops lexically around it (a loop's own invariant and
   *  termination obligations are inside it). */
  aroundOb: Map<string, Set<string>>;
  /** Loop key -> keys of the loops strictly around it. */
  aroundLoop: Map<string, Set<string>>;
};

export function loopNesting(fn: CoreFn): LoopNesting {
  const aroundOb = new Map<string, Set<string>>();
  const aroundLoop = new Map<string, Set<string>>();
  const stack: string[] = [];
  const visit = (e: CExpr): void => {
    if (e.kind === 'While') {
      const key = loopKey(e.span);
      aroundLoop.set(key, new Set(stack));
      stack.push(key);
    }
    if ('obs' in e) for (const o of e.obs) aroundOb.set(o.id, new Set(stack));
    for (const c of childrenOf(e)) visit(c);
    if (e.kind === 'While') stack.pop();
  };
  visit(fn.body);
  return { aroundOb, aroundLoop };
}

/** Whether an instance of `o` may run after loop `cut` on some path (then a cut of that
 *  loop leaves `o` unexplored, whatever the checks recorded before the cut say). */
export function mayRunAfter(n: LoopNesting, o: Obligation, cut: { loop: string; span: Span }): boolean {
  const mine = n.aroundOb.get(o.id) ?? new Set<string>();
  if (mine.has(cut.loop)) return true;
  const outer = n.aroundLoop.get(cut.loop) ?? new Set<string>();
  for (const l of mine) if (outer.has(l)) return true;
  return o.span.start >= cut.span.end || o.span.file !== cut.span.file;
}
