// Visits every node of an AST that has a span (for span checks in tests).
import type { Span } from '../../../compiler/syntax/ast.ts';

export function eachSpan(node: unknown, visit: (span: Span, node: Record<string, unknown>, parent: Span | null) => void, parent: Span | null = null): void {
  if (Array.isArray(node)) {
    for (const n of node) eachSpan(n, visit, parent);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  let here = parent;
  if (o['span'] !== undefined && typeof o['span'] === 'object') {
    here = o['span'] as Span;
    visit(here, o, parent);
  }
  for (const [k, v] of Object.entries(o)) {
    if (k === 'span' || k === 'nameSpan' || k === 'varSpan' || k === 'ty' || k === 'res') continue;
    eachSpan(v, visit, here);
  }
}
