// The offside rule, made explicit. Indentation is turned into virtual tokens spliced into
// the text as private-use characters, so the grammar is an ordinary bracketed grammar that
// can never hang on inconsistent indentation (ohm's own indentation support does).
// Comments become spaces of equal length; `toOriginal` maps every offset of the produced
// text back to the source, so spans and errors always speak about the file as written.
import { errorAt } from '../diagnostics.ts';
import type { Span } from './ast.ts';
import type { Token } from './lexer.ts';

export const BLOCK_OPEN = '\uE000';
export const BLOCK_CLOSE = '\uE001';
export const SEPARATOR = '\uE002';
/** A `-` written as an argument (`f -1`): F#'s "adjacent prefix" minus. Same length as '-'. */
export const ARG_MINUS = '\uE003';
/** A `<` that opens type arguments (`stackalloc<int>`), decided here as F#'s lexer does. */
export const TYPE_ARGS = '\uE004';

export type Layout = {
  text: string;
  /** Offset in `text` -> offset in the original source (a virtual token maps to where it was inserted). */
  toOriginal: (offset: number) => number;
  /** The same for the END of a range of `text`: just after the range's last character. */
  toOriginalEnd: (end: number) => number;
  /** Is the character at this offset of `text` a virtual token? */
  isVirtual: (offset: number) => boolean;
  /** The top-level items' ranges in `text` (between top-level separators), so that each can
   *  be matched on its own: ohm's memo tables stay small. */
  items: { start: number; end: number }[];
};

type Ctx =
  | { kind: 'block'; col: number }
  | { kind: 'bracket'; open: string; col: number | null; tok: Token };

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '.[': ']', '[|': '|]', '{': '}', '[<': '>]' };
const CLOSERS = new Set(Object.values(CLOSER));
/** Brackets in which a new line at the column of the first item starts a new item. */
const ITEM_BRACKETS = new Set(['{', '[', '[|', '[<']);

/** A line ending in one of these, followed by a deeper line, opens a block. */
const OPENERS = new Set(['=', '->', 'then', 'else', 'do', 'with', '<-']);

const INFIX = new Set([
  '|>', '||', '&&', '|||', '&&&', '^^^', '<<<', '>>>', '+', '-', '*', '/', '%', '=', '<>', '<', '>',
  '<=', '>=', '::', '..', '<-', ':=', '<|', '**', '&', '@', '^',
]);
/** A line starting with one of these continues the item above it (no separator). */
const CONTINUES_LINE = new Set([...INFIX, '|', 'else', 'elif', 'and', 'with', 'then', 'do', 'when', '->', 'in', 'to', 'downto', 'of', 'or']);
/** A line ending in one of these continues on the next line (no separator). */
const CONTINUES_NEXT = new Set([
  ...[...INFIX].filter((op) => !OPENERS.has(op)), ',', ';', '>]', ':', '|', 'of', 'not', 'if', 'elif',
  'while', 'match', 'for', 'in', 'let', 'mutable', 'rec', 'and', 'when', 'type', 'use', 'to', 'downto',
  'open', 'module', 'with',
]);
// A line ending in an opener (`let x =`) and a next line at the same column is a new item:
// the body is missing, which the grammar then reports.

const tokenEndsExpr = (t: Token) =>
  t.kind === 'ident' || t.kind === 'int' || t.kind === 'float' || t.kind === 'char' || t.kind === 'string' ||
  t.kind === 'interp' || (t.kind === 'keyword' && (t.text === 'true' || t.text === 'false')) ||
  (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '|]' || t.text === '}'));
const tokenStartsArg = (t: Token) =>
  t.kind === 'ident' || t.kind === 'int' || t.kind === 'float' || (t.kind === 'op' && t.text === '(');

/** Line of a token's last character (only strings and interpolations span lines). */
const endLine = (t: Token) => {
  if (t.kind !== 'string' && t.kind !== 'interp') return t.line;
  let l = t.line;
  for (let k = 0; k < t.text.length; k++) if (t.text.charCodeAt(k) === 10) l++;
  return l;
};

/** `span` maps offsets of `text` to file spans (`text` may be a contract string inside a file). */
export function layout(
  text: string,
  tokens: Token[],
  comments: { start: number; end: number }[],
  span: (start: number, end: number) => Span,
): Layout {
  const inserts: { at: number; ch: string; top?: boolean }[] = [];
  const replaced: { at: number; ch: string }[] = [];
  const stack: Ctx[] = [{ kind: 'block', col: tokens[0]?.col ?? 1 }];
  const top = () => stack[stack.length - 1]!;
  const insert = (at: number, ch: string) => inserts.push({ at, ch });

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = k > 0 ? tokens[k - 1]! : null;
    const tx = t.kind === 'op' || t.kind === 'keyword' ? t.text : '';
    const isCloser = t.kind === 'op' && CLOSERS.has(tx);

    if (prev !== null && t.line > endLine(prev) && !isCloser) startLine(t, prev);

    const tp = top();
    if (tp.kind === 'bracket' && tp.col === null) tp.col = t.col;

    if (t.kind === 'op' && CLOSER[tx] !== undefined) {
      stack.push({ kind: 'bracket', open: tx, col: null, tok: t });
    } else if (isCloser) {
      closeBracket(t, prev);
    } else if (tx === '<' && prev !== null && prev.kind === 'ident' && prev.end === t.start && closesTypeArgs(tokens, k)) {
      replaced.push({ at: t.start, ch: TYPE_ARGS });
    } else if (tx === '-' && prev !== null && prev.line === t.line && prev.end < t.start && tokenEndsExpr(prev)) {
      const next = tokens[k + 1];
      if (next !== undefined && next.start === t.end && tokenStartsArg(next)) replaced.push({ at: t.start, ch: ARG_MINUS });
    }
  }

  const last = tokens[tokens.length - 1];
  for (let s = stack.length - 1; s >= 1; s--) {
    const c = stack[s]!;
    if (c.kind === 'bracket') {
      const o = c.tok;
      throw errorAt(span(o.start, o.end), `this '${o.text}' is never closed (expected '${CLOSER[o.text]}')`);
    }
    insert(last!.end, BLOCK_CLOSE);
  }

  void comments; // gaps between tokens, comments included, become single spaces
  return build(text, tokens, inserts, replaced);

  function startLine(t: Token, prev: Token): void {
    const ptx = prev.kind === 'op' || prev.kind === 'keyword' ? prev.text : '';
    const tx = t.kind === 'op' || t.kind === 'keyword' ? t.text : '';
    let tp = top();
    if (tp.kind === 'bracket' && tp.col === null) return; // first item inside a bracket opened at line end
    if (OPENERS.has(ptx) && t.col > tp.col!) {
      stack.push({ kind: 'block', col: t.col });
      insert(prev.end, BLOCK_OPEN);
      return;
    }
    // An infix operator may stick out to the left of the block by its own width (as in F#).
    const infix = t.kind === 'op' && INFIX.has(tx);
    const col = infix ? t.col + tx.length + 1 : t.col;
    let closedCol = 0; // the column of the innermost block this line closed, if any
    while (tp.kind === 'block' && col < tp.col && stack.length > 1) {
      if (closedCol === 0) closedCol = tp.col;
      stack.pop();
      insert(prev.end, BLOCK_CLOSE);
      tp = top();
    }
    if (tp.kind === 'block' && !infix) {
      // Shallower than the outermost block, or between a closed block and the one around it.
      const between = closedCol !== 0 && col > tp.col && !CONTINUES_LINE.has(tx);
      if (col < tp.col || between) {
        throw errorAt(span(t.start, t.end), `inconsistent indentation (offside): expected column ${between ? closedCol : tp.col}`);
      }
    }
    const separates = tp.kind === 'block' || ITEM_BRACKETS.has(tp.open);
    if (separates && t.col === tp.col && !CONTINUES_LINE.has(tx) && !CONTINUES_NEXT.has(ptx)) {
      inserts.push({ at: prev.end, ch: SEPARATOR, top: stack.length === 1 });
    }
  }

  function closeBracket(t: Token, prev: Token | null): void {
    let s = stack.length - 1;
    while (s >= 1 && stack[s]!.kind === 'block') s--;
    const b = stack[s]!;
    if (b.kind !== 'bracket') throw errorAt(span(t.start, t.end), `unexpected '${t.text}': there is no open bracket to close`);
    if (CLOSER[b.open] !== t.text) {
      const o = b.tok;
      throw errorAt(
        span(t.start, t.end),
        `unexpected '${t.text}': expected '${CLOSER[o.text]}' to close the '${o.text}' at line ${span(o.start, o.end).line}, column ${span(o.start, o.end).col}`,
      );
    }
    while (stack.length - 1 > s) {
      stack.pop();
      insert(prev!.end, BLOCK_CLOSE);
    }
    stack.pop();
  }
}

/** Does the `<` at tokens[k] open a type argument list `<int>`, `<Span<byte>>`? */
function closesTypeArgs(tokens: Token[], k: number): boolean {
  let depth = 0;
  for (let j = k; j < tokens.length && j < k + 64; j++) {
    const t = tokens[j]!;
    if (t.kind === 'ident' || t.kind === 'typevar') continue;
    if (t.kind !== 'op') return false;
    if (t.text === '<') depth++;
    else if (t.text === '>' || t.text === '>>' || t.text === '>>>') {
      depth -= t.text.length;
      if (depth <= 0) return depth === 0;
    } else if (!TYPE_ARG_PUNCTUATION.has(t.text)) return false;
  }
  return false;
}
const TYPE_ARG_PUNCTUATION = new Set([',', '*', '(', ')', '.', '->']);

const WORDY = /[A-Za-z0-9_'\u0080-\uDFFF]/;
/** Would these two tokens, written without the space between them, read differently? */
function needsSpace(a: Token, b: Token): boolean {
  const quoted = (t: Token) => t.kind === 'string' || t.kind === 'interp' || t.kind === 'char' || t.kind === 'typevar';
  if (quoted(a) || quoted(b)) return true;
  if (a.kind === 'op' && b.kind === 'op') return true;
  return WORDY.test(a.text[a.text.length - 1]!) && WORDY.test(b.text[0]!);
}

/**
 * The layout text: the tokens as written, the virtual tokens spliced in after the token they
 * follow, and every gap between tokens (indentation, line breaks, comments) reduced to one
 * space, or to nothing where the tokens cannot run together: ohm's work is per character. `orig[t]` is the source offset of
 * text offset t.
 */
function build(
  src: string,
  tokens: Token[],
  inserts: { at: number; ch: string; top?: boolean }[],
  replaced: { at: number; ch: string }[],
): Layout {
  const parts: string[] = [];
  const orig: number[] = [];
  let length = 0;
  const emit = (text: string, from: number, advances: boolean) => {
    parts.push(text);
    for (let k = 0; k < text.length; k++) orig.push(advances ? from + k : from);
    length += text.length;
  };
  const items: { start: number; end: number }[] = [];
  let itemStart = 0;
  let ins = 0;
  let rep = 0;
  const flushInserts = (upTo: number) => {
    while (ins < inserts.length && inserts[ins]!.at <= upTo) {
      const v = inserts[ins++]!;
      if (v.top === true) {
        items.push({ start: itemStart, end: length });
        itemStart = length + 1;
      }
      emit(v.ch, v.at, false);
    }
  };
  let pos = 0;
  let prev: Token | null = null;
  for (const t of tokens) {
    flushInserts(pos);
    if (t.start > pos && prev !== null && needsSpace(prev, t)) emit(' ', pos, false);
    let text = t.text;
    while (rep < replaced.length && replaced[rep]!.at < t.end) {
      const r = replaced[rep++]!;
      text = text.slice(0, r.at - t.start) + r.ch + text.slice(r.at - t.start + 1);
    }
    emit(text, t.start, true);
    pos = t.end;
    prev = t;
  }
  flushInserts(src.length);
  orig.push(pos); // the end of the text is the end of the last token
  void src;
  items.push({ start: itemStart, end: length });
  const out = parts.join('');
  return {
    text: out,
    toOriginal: (t) => orig[Math.max(0, Math.min(t, orig.length - 1))]!,
    toOriginalEnd: (t) => {
      if (t <= 0) return orig[0]!;
      const last = Math.min(t, orig.length - 1) - 1;
      // A source character ends one past its offset; a space or a virtual token maps to the
      // end of the token before it already.
      const c = out.charCodeAt(last);
      return c === 32 || (c >= 0xe000 && c <= 0xe002) ? orig[last]! : orig[last]! + 1;
    },
    isVirtual: (t) => {
      const c = out.charCodeAt(t);
      return c >= 0xe000 && c <= 0xe002;
    },
    items,
  };
}
