// The state shared by the MLIR parsers (types, attributes, ops) and its token helpers.
import { DiagnosticError, errorAt, spanMaker } from '../diagnostics.ts';
import type { Span } from '../syntax/ast.ts';
import type { Attr, Type } from './ir.ts';
import { LexError, lexToken, type Tok } from './lexer.ts';

export type P = {
  src: string;
  file: string;
  /** The lookahead token (not yet consumed). */
  tok: Tok;
  /** End offset of the last consumed token. */
  prevEnd: number;
  span: (start: number, end: number) => Span;
  typeAliases: Map<string, Type>;
  attrAliases: Map<string, Attr>;
};

export function makeParser(src: string, file: string): P {
  const p: P = {
    src,
    file,
    tok: { kind: 'eof', text: '', start: 0, end: 0 },
    prevEnd: 0,
    span: spanMaker(file, src),
    typeAliases: new Map(),
    attrAliases: new Map(),
  };
  relex(p, 0);
  return p;
}

/** Re-reads the lookahead from a character offset (after a raw scan). */
export function relex(p: P, pos: number): void {
  try {
    p.tok = lexToken(p.src, pos);
  } catch (e) {
    if (e instanceof LexError) throw errorAt(p.span(e.offset, e.offset + 1), e.message);
    throw e;
  }
}

export function fail(p: P, message: string, at: Tok | number = p.tok): never {
  const start = typeof at === 'number' ? at : at.start;
  const end = typeof at === 'number' ? at + 1 : Math.max(at.end, at.start + 1);
  throw errorAt(p.span(start, end), message);
}

export { DiagnosticError };

/** Consumes and returns the lookahead. */
export function next(p: P): Tok {
  const t = p.tok;
  p.prevEnd = t.end;
  relex(p, t.end);
  return t;
}

export const isPunct = (p: P, s: string): boolean => p.tok.kind === 'punct' && p.tok.text === s;
export const isBare = (p: P, s: string): boolean => p.tok.kind === 'bare' && p.tok.text === s;

export function eatPunct(p: P, s: string): boolean {
  if (!isPunct(p, s)) return false;
  next(p);
  return true;
}

export function eatBare(p: P, s: string): boolean {
  if (!isBare(p, s)) return false;
  next(p);
  return true;
}

export function describe(t: Tok): string {
  switch (t.kind) {
    case 'eof':
      return 'end of file';
    case 'percent':
      return `'%${t.text}'`;
    case 'caret':
      return `'^${t.text}'`;
    case 'at':
      return `'@${t.text}'`;
    case 'hash':
      return `'#${t.text}'`;
    case 'bang':
      return `'!${t.text}'`;
    case 'string':
      return 'a string';
    default:
      return `'${t.text}'`;
  }
}

export function expectPunct(p: P, s: string, context = ''): void {
  if (!eatPunct(p, s)) fail(p, `expected '${s}'${context ? ' ' + context : ''}, found ${describe(p.tok)}`);
}

export function expectBare(p: P, s: string, context = ''): void {
  if (!eatBare(p, s)) fail(p, `expected '${s}'${context ? ' ' + context : ''}, found ${describe(p.tok)}`);
}

export function expectKind(p: P, kind: Tok['kind'], what: string): Tok {
  if (p.tok.kind !== kind) fail(p, `expected ${what}, found ${describe(p.tok)}`);
  return next(p);
}

/** An unsigned decimal integer token as a number. */
export function expectInt(p: P, what = 'an integer'): number {
  const t = expectKind(p, 'int', what);
  return Number(t.text);
}

/** `-`? integer, as a bigint. */
export function expectSignedInt(p: P, what = 'an integer'): bigint {
  const neg = eatPunct(p, '-');
  const t = expectKind(p, 'int', what);
  const v = BigInt(t.text);
  return neg ? -v : v;
}

/** `a, b, c` between `open` and `close`, each item read by `item`. */
export function commaList<T>(p: P, open: string, close: string, item: () => T): T[] {
  expectPunct(p, open);
  const out: T[] = [];
  if (eatPunct(p, close)) return out;
  do out.push(item());
  while (eatPunct(p, ','));
  expectPunct(p, close);
  return out;
}

/** `%name` or `%name#k`, the type to be added by the caller. */
export function parseValueRef(p: P): { name: string; index: number | null } {
  const t = expectKind(p, 'percent', 'an SSA value');
  return { name: t.text, index: t.index ?? null };
}
