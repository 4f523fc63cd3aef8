// Obligation ids: `<fn>/<category>/<line>:<col>`, stable across runs because elaboration is
// deterministic. Several obligations of one category at one place (`a + b + c`: both
// additions start at `a`) get `#2`, `#3`... in the order they are created, which is
// evaluation order (operands before the operation).
import type { Span } from '../syntax/ast.ts';
import type { Category, Obligation } from './core.ts';

export type ObligationSink = { fn: string; seen: Map<string, number> };

export function newObligationSink(fn: string): ObligationSink {
  return { fn, seen: new Map() };
}

export function obligation(sink: ObligationSink, category: Category, span: Span): Obligation {
  const base = `${sink.fn}/${category}/${span.line}:${span.col}`;
  const n = (sink.seen.get(base) ?? 0) + 1;
  sink.seen.set(base, n);
  return { id: n === 1 ? base : `${base}#${n}`, category, fn: sink.fn, span };
}
