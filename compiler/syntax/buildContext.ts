// What every semantic action shares: the context of the text being built, node spans in
// ORIGINAL file offsets (a node's layout extent, trimmed of blanks and virtual tokens, mapped
// back through the layout's offset map), child helpers, and literal values from the lexer.
import type { Node as OhmNode } from 'ohm-js';
import { errorAt } from '../diagnostics.ts';
import type { Expr, Literal, Pattern, Span } from './ast.ts';
import type { Layout } from './layout.ts';
import type { Token } from './lexer.ts';
import { checkIntLiteral } from './literals.ts';

/** What the actions need to know about the text being built (one per parse, nested for holes). */
export type BuildContext = {
  layout: Layout;
  /** Offsets of the parsed text (not the layout text) -> a span of the file. */
  span: (start: number, end: number) => Span;
  /** Literal tokens by start offset, to take their decoded values. */
  literals: Map<number, Token>;
  /** Parses an expression written inside this text (an interpolation hole, a contract string). */
  nested: (text: string, offset: number, at: Span) => Expr;
  /** Decimal literals equal to MinValue's magnitude, legal only under a unary minus. */
  negateOnly: Set<Expr | Pattern>;
  /** Length of the parsed text. */
  length: number;
  /** Where the matched string starts in the layout text (a top-level item is matched alone). */
  base: number;
};

let ctx: BuildContext | null = null;

/** Runs the semantics on a match with `c` as the current context (re-entrant for nested parses). */
export function withContext<T>(c: BuildContext, f: () => T): T {
  const saved = ctx;
  ctx = c;
  try {
    return f();
  } finally {
    ctx = saved;
  }
}

export const cur = (): BuildContext => ctx!;

function isSkippable(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || (code >= 0xe000 && code <= 0xe002);
}

/** The span of a node: its layout extent without surrounding blanks and virtual tokens. */
export function spanOf(node: OhmNode): Span {
  const { text, toOriginal, toOriginalEnd } = cur().layout;
  let a = node.source.startIdx + cur().base;
  let b = node.source.endIdx + cur().base;
  while (a < b && isSkippable(text.charCodeAt(a))) a++;
  while (b > a && isSkippable(text.charCodeAt(b - 1))) b--;
  const start = toOriginal(a);
  return cur().span(start, b > a ? toOriginalEnd(b) : start);
}

export const join = (a: Span, b: Span): Span => ({ ...a, end: Math.max(a.end, b.end) });
/** An empty span just after `s` (the implicit `()` after a block's last `let`). */
export const endSpan = (s: Span): Span => cur().span(s.end, s.end);

export const ast = (n: OhmNode): any => n['ast']();
export const list = (n: OhmNode): any[] => n.asIteration().children.map(ast);
export const opt = (n: OhmNode): any => (n.numChildren > 0 ? ast(n.children[0]!) : null);
export const iter = (n: OhmNode): any[] => n.children.map(ast);
export const fail = (n: OhmNode, message: string): never => {
  throw errorAt(spanOf(n), message);
};

export function literalToken(n: OhmNode): Token {
  const { toOriginal, toOriginalEnd } = cur().layout;
  const start = toOriginal(n.source.startIdx + cur().base);
  const t = cur().literals.get(start);
  // The grammar's literal rules mirror the lexer's; a mismatch is our bug, not the user's.
  if (t === undefined || t.end !== toOriginalEnd(n.source.endIdx + cur().base)) {
    throw new Error(`internal error: the parser and the lexer disagree about the literal at offset ${start}`);
  }
  return t;
}

export function intLiteral(t: Token, span: Span, negated: boolean): { lit: Literal; negateOnly: boolean } {
  const { value, suffix, radix } = t.int!;
  const check = checkIntLiteral(value, radix, suffix);
  if (check.ok === false) throw errorAt(span, check.message);
  const v = negated ? -check.value : check.value;
  return { lit: { kind: 'LInt', span, value: v, suffix }, negateOnly: check.ok === 'negate-only' && !negated };
}

export function numberLiteral(n: OhmNode, span: Span, negated: boolean): { lit: Literal; negateOnly: boolean } {
  const t = literalToken(n);
  if (t.kind === 'float') {
    const v = negated ? -t.float!.value : t.float!.value;
    return { lit: { kind: 'LFloat', span, value: v, single: t.float!.single }, negateOnly: false };
  }
  return intLiteral(t, span, negated);
}
