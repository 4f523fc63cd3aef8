// The Clef tokenizer. It validates the whole lexical grammar of CLEF.md once (tabs,
// literals with their suffixes, escapes, comments) and decodes every literal, so that the
// layout pass can reason about tokens and the parser can take literal values from here
// instead of decoding them a second time.
import { errorAt, spanMaker } from '../diagnostics.ts';
import type { IntSuffix, Span } from './ast.ts';

export type InterpPart = { kind: 'text'; value: string } | { kind: 'hole'; text: string; offset: number };

export type TokenKind =
  | 'ident' // includes `_`
  | 'keyword'
  | 'typevar' // `'T`: only ever reported as unsupported
  | 'int'
  | 'float'
  | 'char'
  | 'string'
  | 'interp'
  | 'op'; // operators and punctuation, brackets included

export type Token = {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  line: number;
  col: number;
  int?: { value: bigint; suffix: IntSuffix; radix: 10 | 16 | 8 | 2 };
  float?: { value: number; single: boolean };
  char?: number;
  str?: string;
  parts?: InterpPart[];
};

export type Lexed = { tokens: Token[]; comments: { start: number; end: number }[] };

export const KEYWORDS = new Set([
  'let', 'rec', 'and', 'mutable', 'if', 'then', 'elif', 'else', 'match', 'with', 'when',
  'while', 'do', 'done', 'for', 'in', 'to', 'downto', 'true', 'false', 'not', 'type', 'of',
  'module', 'open', 'use', 'as', 'begin', 'end',
  // F# keywords that Clef v1 rejects; reserved so that they never parse as names.
  'fun', 'function', 'try', 'finally', 'lazy', 'member', 'new', 'class', 'interface',
  'inherit', 'abstract', 'override', 'default', 'exception', 'namespace', 'null', 'yield',
  'return', 'struct', 'val', 'static', 'inline', 'private', 'public', 'internal', 'extern',
  'assert', 'upcast', 'downcast', 'delegate', 'base', 'global', 'sig', 'select', 'fixed',
  'const', 'or', 'mod', 'land', 'lor', 'lxor', 'lsl', 'lsr', 'asr',
]);

// Longest first within each leading character, so a greedy scan finds the longest operator.
const OPERATORS = [
  '<<<', '>>>', '|||', '&&&', '^^^', '~~~', ':?>',
  '|>', '||', '&&', '<-', '->', '<=', '>=', '<>', '..', '.[', '[<', '>]', '[|', '|]', '::',
  ':=', ':>', ':?', '<|', '>>', '<<', '**',
  ':', ';', ',', '.', '(', ')', '[', ']', '{', '}', '=', '<', '>', '+', '-', '*', '/', '%',
  '|', '&', '@', '^', '!', '?', '#', '~', '$',
].sort((a, b) => b.length - a.length);

const INT_SUFFIXES: Record<string, IntSuffix> = {
  y: 'y', uy: 'uy', s: 's', us: 'us', l: 'l', u: 'u', L: 'L', UL: 'UL', ul: 'UL', uL: 'UL', n: 'n', un: 'un',
};

const isDigit = (c: string) => c >= '0' && c <= '9';
// ASCII first: the Unicode classes are only consulted for non-ASCII characters.
const isIdentStart = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c > '\x7f' && /\p{L}/u.test(c));
const isIdentPart = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === "'" || (c > '\x7f' && /[\p{L}\p{N}]/u.test(c));

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', b: '\b', a: '\x07', f: '\f', v: '\v', '0': '\0', '\\': '\\', '"': '"', "'": "'",
};

/** Tokenizes a whole file (or a contract string / interpolation hole, then `span` maps its
 *  offsets into the file); throws a DiagnosticError at the first lexical error. Token
 *  offsets, lines and columns are relative to `text`. */
export function lex(file: string, text: string, span: (start: number, end: number) => Span = spanMaker(file, text)): Lexed {
  const fail = (start: number, end: number, message: string): never => {
    throw errorAt(span(start, Math.max(end, start + 1)), message);
  };
  const tab = text.indexOf('\t');
  if (tab >= 0) fail(tab, tab + 1, 'tab characters are not allowed in Clef source; use spaces');

  const tokens: Token[] = [];
  const comments: { start: number; end: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;

  // Called before the line counter moves past the token, so its line is the current one.
  const push = (kind: TokenKind, start: number, extra: Partial<Token> = {}) => {
    tokens.push({ kind, text: text.slice(start, i), start, end: i, line, col: start - lineStart + 1, ...extra });
  };
  const newlinesIn = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };

  /** Decodes one escape at text[k] === '\\'; returns the decoded text and the next index. */
  const escape = (k: number): [string, number] => {
    const c = text[k + 1];
    if (c === undefined) return ['\\', k + 1];
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return [simple, k + 2];
    if (c === 'u' || c === 'U') {
      const len = c === 'u' ? 4 : 8;
      const hex = text.slice(k + 2, k + 2 + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) fail(k, k + 2, `invalid escape '\\${c}': expected ${len} hex digits`);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail(k, k + 2 + len, `escape '\\${c}${hex}' is not a Unicode scalar value`);
      return [String.fromCodePoint(cp), k + 2 + len];
    }
    // F# keeps an unknown escape as written (backslash and character).
    return ['\\', k + 1];
  };

  /** Scans a "..." body from after the opening quote; returns decoded value and end (after the quote). */
  const stringBody = (start: number, from: number): [string, number] => {
    let out = '';
    let k = from;
    for (;;) {
      if (k >= n) fail(start, start + 1, 'unterminated string literal');
      const c = text[k]!;
      if (c === '"') return [out, k + 1];
      if (c === '\\') {
        const [s, next] = escape(k);
        out += s;
        k = next;
      } else {
        out += c;
        k++;
      }
    }
  };

  if (text.charCodeAt(0) === 0xfeff) i = lineStart = 1; // a byte-order mark: not a column
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    const start = i;
    // Comments.
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      comments.push({ start, end: i });
      continue;
    }
    if (c === '(' && text[i + 1] === '*' && text[i + 2] !== ')') {
      let depth = 0;
      let k = i;
      for (;;) {
        if (k >= n) fail(start, start + 2, 'unterminated comment: this (* has no matching *)');
        if (text[k] === '(' && text[k + 1] === '*') {
          depth++;
          k += 2;
        } else if (text[k] === '*' && text[k + 1] === ')') {
          depth--;
          k += 2;
          if (depth === 0) break;
        } else if (text[k] === '"') {
          // As in F#, a string inside a comment is skipped whole, so "*)" in it does not end the comment.
          k++;
          while (k < n && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
          k++;
        } else k++;
      }
      newlinesIn(i, k);
      i = k;
      comments.push({ start, end: i });
      continue;
    }
    // Identifiers and keywords.
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text[i]!)) i++;
      const word = text.slice(start, i);
      push(KEYWORDS.has(word) ? 'keyword' : 'ident', start);
      continue;
    }
    if (c === '`' && text[i + 1] === '`') fail(start, start + 2, 'double-backtick identifiers are not supported yet');
    // Numbers.
    if (isDigit(c)) {
      lexNumber(start);
      continue;
    }
    // Characters and type variables.
    if (c === "'") {
      if (text[i + 1] === '\\') {
        const [s, next] = escape(i + 1);
        if (text[next] !== "'") fail(start, next, 'unterminated character literal');
        i = next + 1;
        push('char', start, { char: s.codePointAt(0)! });
        continue;
      }
      const cp = text.codePointAt(i + 1);
      if (cp !== undefined && cp !== 10) {
        const w = cp > 0xffff ? 2 : 1;
        if (text[i + 1 + w] === "'") {
          i += 2 + w;
          push('char', start, { char: cp });
          continue;
        }
      }
      if (i + 1 < n && isIdentStart(text[i + 1]!)) {
        i++;
        while (i < n && isIdentPart(text[i]!)) i++;
        push('typevar', start);
        continue;
      }
      fail(start, start + 1, 'unterminated character literal');
    }
    // Strings.
    if (c === '"' && text.startsWith('"""', i)) {
      const close = text.indexOf('"""', i + 3);
      if (close < 0) fail(start, start + 3, 'unterminated string literal');
      i = close + 3;
      newlinesIn(start, i);
      push('string', start, { str: text.slice(start + 3, close) });
      continue;
    }
    if (c === '"') {
      const [value, end] = stringBody(start, i + 1);
      i = end;
      push('string', start, { str: value });
      newlinesIn(start, i);
      continue;
    }
    if (c === '@' && text[i + 1] === '"') {
      let k = i + 2;
      let out = '';
      for (;;) {
        if (k >= n) fail(start, start + 2, 'unterminated string literal');
        if (text[k] === '"') {
          if (text[k + 1] === '"') {
            out += '"';
            k += 2;
            continue;
          }
          break;
        }
        out += text[k];
        k++;
      }
      i = k + 1;
      push('string', start, { str: out });
      newlinesIn(start, i);
      continue;
    }
    if (c === '$' && text[i + 1] === '"') {
      const parts = interpolated(start);
      push('interp', start, { parts });
      newlinesIn(start, i);
      continue;
    }
    // Operators.
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      i += op.length;
      push('op', start);
      continue;
    }
    const cp = text.codePointAt(i)!;
    const shown = cp >= 0xe000 && cp <= 0xf8ff ? `U+${cp.toString(16).toUpperCase()}` : String.fromCodePoint(cp);
    fail(start, start + 1, `unexpected character '${shown}'`);
  }
  return { tokens, comments };

  function lexNumber(start: number): void {
    let radix: 10 | 16 | 8 | 2 = 10;
    let digits = '';
    const takeDigits = (ok: (c: string) => boolean) => {
      let s = '';
      while (i < n && (ok(text[i]!) || (text[i] === '_' && s.length > 0))) {
        if (text[i] !== '_') s += text[i];
        i++;
      }
      if (text[i - 1] === '_') fail(start, i, 'a number literal cannot end with "_"');
      return s;
    };
    const lower = text[i + 1]?.toLowerCase();
    if (text[i] === '0' && (lower === 'x' || lower === 'o' || lower === 'b')) {
      radix = lower === 'x' ? 16 : lower === 'o' ? 8 : 2;
      i += 2;
      const ok =
        radix === 16 ? (ch: string) => /[0-9a-fA-F]/.test(ch) : radix === 8 ? (ch: string) => /[0-7]/.test(ch) : (ch: string) => ch === '0' || ch === '1';
      digits = takeDigits(ok);
      if (digits === '') fail(start, i, `expected digits after '${text.slice(start, start + 2)}'`);
    } else {
      digits = takeDigits(isDigit);
      // A float: `1.5`, `1e-3`, `1.`, `2.5f`. `1..n` is a range, and `x.1` is never a float.
      let isFloat = false;
      let mantissa = digits;
      if (text[i] === '.' && text[i + 1] !== '.' && !(i + 1 < n && isIdentStart(text[i + 1]!))) {
        isFloat = true;
        i++;
        mantissa += '.' + (isDigit(text[i] ?? '') ? takeDigits(isDigit) : '0');
      }
      if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1] ?? '') || ((text[i + 1] === '-' || text[i + 1] === '+') && isDigit(text[i + 2] ?? '')))) {
        isFloat = true;
        const sign = text[i + 1] === '-' ? '-' : '';
        i += text[i + 1] === '-' || text[i + 1] === '+' ? 2 : 1;
        mantissa += 'e' + sign + takeDigits(isDigit);
      }
      if (isFloat || text[i] === 'f' || text[i] === 'F') {
        let single = false;
        if (text[i] === 'f' || text[i] === 'F') {
          single = true;
          i++;
        } else if (text[i] === 'm' || text[i] === 'M') fail(start, i + 1, 'decimal literals are not supported yet');
        if (i < n && isIdentPart(text[i]!)) fail(start, i + 1, `invalid number literal '${text.slice(start, i + 1)}'`);
        const value = Number(mantissa);
        push('float', start, { float: { value: single ? Math.fround(value) : value, single } });
        return;
      }
    }
    let sfx = '';
    while (i < n && /[a-zA-Z]/.test(text[i]!)) sfx += text[i++];
    const suffix = INT_SUFFIXES[sfx];
    if (sfx !== '' && suffix === undefined) {
      const what = sfx === 'I' ? 'big integer literals are not supported yet' : sfx === 'm' || sfx === 'M' ? 'decimal literals are not supported yet' : `invalid number literal '${text.slice(start, i)}' (unknown suffix '${sfx}')`;
      fail(start, i, what);
    }
    if (i < n && isIdentPart(text[i]!)) fail(start, i + 1, `invalid number literal '${text.slice(start, i + 1)}'`);
    const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
    push('int', start, { int: { value: BigInt(prefix + digits), suffix: suffix ?? '', radix } });
  }

  /** `$"text {expr} text"`: `{{` and `}}` stand for braces; holes may nest brackets and strings. */
  function interpolated(start: number): InterpPart[] {
    const parts: InterpPart[] = [];
    let k = start + 2;
    let textPart = '';
    const unterminated = () => fail(start, start + 2, 'unterminated interpolated string');
    for (;;) {
      if (k >= n) unterminated();
      const ch = text[k]!;
      if (ch === '"') break;
      if (ch === '{' && text[k + 1] === '{') {
        textPart += '{';
        k += 2;
      } else if (ch === '}' && text[k + 1] === '}') {
        textPart += '}';
        k += 2;
      } else if (ch === '}') {
        fail(k, k + 1, "a single '}' in an interpolated string must be written '}}'");
      } else if (ch === '{') {
        if (textPart !== '') parts.push({ kind: 'text', value: textPart });
        textPart = '';
        const holeStart = k + 1;
        let depth = 0;
        k++;
        for (;;) {
          if (k >= n) unterminated();
          const h = text[k]!;
          if (h === '"') {
            // A string inside a hole; if it never ends, the interpolated string does not either.
            let q = k + 1;
            while (q < n && text[q] !== '"') q += text[q] === '\\' ? 2 : 1;
            if (q >= n) unterminated();
            k = q + 1;
            continue;
          }
          if (h === "'" && text[k + 2] === "'") {
            k += 3;
            continue;
          }
          if (h === '\n' && depth === 0 && text.slice(holeStart, k).trim() === '') unterminated();
          if (h === '(' || h === '[' || h === '{') depth++;
          else if (h === ')' || h === ']') depth--;
          else if (h === '}') {
            if (depth === 0) break;
            depth--;
          }
          k++;
        }
        const hole = text.slice(holeStart, k);
        if (hole.trim() === '') fail(holeStart - 1, k + 1, 'empty hole {} in an interpolated string');
        parts.push({ kind: 'hole', text: hole, offset: holeStart });
        k++;
      } else if (ch === '\\') {
        const [s, next] = escape(k);
        textPart += s;
        k = next;
      } else {
        textPart += ch;
        k++;
      }
    }
    if (textPart !== '') parts.push({ kind: 'text', value: textPart });
    i = k + 1;
    return parts;
  }
}
