// Tokens of MLIR's textual form, produced one at a time on demand: the parser sometimes
// re-reads raw characters (shapes such as `4x?xf32`, opaque dialect bodies), so there is no
// up-front token array.

export type TokKind =
  | 'eof'
  | 'bare' // arith.addi, i64, to, x
  | 'percent' // %name or %name#k: text is the name, index the k
  | 'caret' // ^bb1
  | 'at' // @sym or @"sym": text is the decoded name
  | 'hash' // #map, #llvm.linkage
  | 'bang' // !llvm.ptr, !alias
  | 'int' // 42, 0x7FF0
  | 'float' // 1.5, 2.0e-3
  | 'string' // "..." : text is the decoded bytes (char codes 0..255)
  | 'punct'; // ( ) [ ] { } < > , : = -> ? * + - :: ... |

export type Tok = { kind: TokKind; text: string; start: number; end: number; index?: number };

/** A lexical error at a source offset; the parser turns it into a DiagnosticError. */
export class LexError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** Characters after the first in a bare identifier: letter, digit, `_`, `$`, `.`. */
const isBareRest = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 36 || c === 46;
/** Characters of a suffix id (`%x`, `^x`, `#x`, `!x`): also `-`. */
const isSuffix = (c: number) => isBareRest(c) || c === 45;

export function skipTrivia(src: string, pos: number): number {
  for (;;) {
    const c = src.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
    else if (c === 47 && src.charCodeAt(pos + 1) === 47) {
      while (pos < src.length && src.charCodeAt(pos) !== 10) pos++;
    } else return pos;
  }
}

/** The token starting at or after `pos`. */
export function lexToken(src: string, pos: number): Tok {
  pos = skipTrivia(src, pos);
  const start = pos;
  if (pos >= src.length) return { kind: 'eof', text: '', start, end: start };
  const c = src.charCodeAt(pos);

  if (isLetter(c) || c === 95) {
    let e = pos + 1;
    while (e < src.length && isBareRest(src.charCodeAt(e))) e++;
    return mk(src, 'bare', start, e);
  }
  if (isDigit(c)) return lexNumber(src, start);
  switch (c) {
    case 37: /* % */ {
      const e = suffixEnd(src, pos + 1);
      const t = mk(src, 'percent', start, e, src.slice(pos + 1, e));
      // `%0#1`: the result number of a multi-result op, written right after the name.
      if (src.charCodeAt(e) === 35 && isDigit(src.charCodeAt(e + 1))) {
        let k = e + 1;
        while (isDigit(src.charCodeAt(k))) k++;
        t.index = Number(src.slice(e + 1, k));
        t.end = k;
      }
      return t;
    }
    case 94: /* ^ */ {
      const e = suffixEnd(src, pos + 1);
      return mk(src, 'caret', start, e, src.slice(pos + 1, e));
    }
    case 35: /* # */ {
      const e = suffixEnd(src, pos + 1);
      return mk(src, 'hash', start, e, src.slice(pos + 1, e));
    }
    case 33: /* ! */ {
      const e = suffixEnd(src, pos + 1);
      return mk(src, 'bang', start, e, src.slice(pos + 1, e));
    }
    case 64: /* @ */ {
      if (src.charCodeAt(pos + 1) === 34) {
        const s = lexString(src, pos + 1);
        return { kind: 'at', text: s.text, start, end: s.end };
      }
      const e = suffixEnd(src, pos + 1);
      return mk(src, 'at', start, e, src.slice(pos + 1, e));
    }
    case 34: /* " */ {
      const s = lexString(src, pos);
      return { kind: 'string', text: s.text, start, end: s.end };
    }
    case 45: /* - */
      return src.charCodeAt(pos + 1) === 62 ? mk(src, 'punct', start, pos + 2) : mk(src, 'punct', start, pos + 1);
    case 58: /* : */
      return src.charCodeAt(pos + 1) === 58 ? mk(src, 'punct', start, pos + 2) : mk(src, 'punct', start, pos + 1);
    case 46: /* . */
      if (src.startsWith('...', pos)) return mk(src, 'punct', start, pos + 3);
      break;
    case 40: case 41: case 91: case 93: case 123: case 125: case 60: case 62:
    case 44: case 61: case 63: case 42: case 43: case 124:
      return mk(src, 'punct', start, pos + 1);
  }
  throw new LexError(start, `unexpected character '${src[pos]}'`);
}

function mk(src: string, kind: TokKind, start: number, end: number, text = src.slice(start, end)): Tok {
  return { kind, text, start, end };
}

/** MLIR's suffix-id: `digit+`, or a letter or one of `$._-` followed by those and digits —
 *  so `%8a` is `%8` then `a` (mlir-opt: "expected '=' after SSA name"; the parser took it
 *  as one name, review 25). */
function suffixEnd(src: string, pos: number): number {
  const e0 = pos;
  if (isDigit(src.charCodeAt(pos))) {
    while (pos < src.length && isDigit(src.charCodeAt(pos))) pos++;
    return pos;
  }
  while (pos < src.length && isSuffix(src.charCodeAt(pos))) pos++;
  if (pos === e0) throw new LexError(e0 - 1, `expected an identifier after '${src[e0 - 1]}'`);
  return pos;
}

function lexNumber(src: string, start: number): Tok {
  let e = start;
  if (src.charCodeAt(e) === 48 && src.charCodeAt(e + 1) === 120 && isHex(src.charCodeAt(e + 2))) {
    e += 2;
    while (isHex(src.charCodeAt(e))) e++;
    return { kind: 'int', text: src.slice(start, e), start, end: e };
  }
  while (isDigit(src.charCodeAt(e))) e++;
  // A float needs the dot (as in MLIR): `1e5` is not a float literal.
  if (src.charCodeAt(e) !== 46 || src.startsWith('...', e)) return { kind: 'int', text: src.slice(start, e), start, end: e };
  e++;
  while (isDigit(src.charCodeAt(e))) e++;
  const ec = src.charCodeAt(e);
  if (ec === 101 || ec === 69) {
    let k = e + 1;
    const sc = src.charCodeAt(k);
    if (sc === 43 || sc === 45) k++;
    if (isDigit(src.charCodeAt(k))) {
      while (isDigit(src.charCodeAt(k))) k++;
      e = k;
    }
  }
  return { kind: 'float', text: src.slice(start, e), start, end: e };
}

const utf8 = new TextEncoder();

/** A string literal at `pos` (the opening quote): its bytes as char codes, and its end. */
export function lexString(src: string, pos: number): { text: string; end: number } {
  let out = '';
  let i = pos + 1;
  for (;;) {
    if (i >= src.length || src.charCodeAt(i) === 10) throw new LexError(pos, 'unterminated string');
    const c = src.charCodeAt(i);
    if (c === 34) return { text: out, end: i + 1 };
    if (c === 92) {
      const n = src[i + 1];
      if (n === '"' || n === '\\') {
        out += n;
        i += 2;
      } else if (n === 'n') {
        out += '\n';
        i += 2;
      } else if (n === 't') {
        out += '\t';
        i += 2;
      } else if (isHex(src.charCodeAt(i + 1)) && isHex(src.charCodeAt(i + 2))) {
        out += String.fromCharCode(parseInt(src.slice(i + 1, i + 3), 16));
        i += 3;
      } else throw new LexError(i, 'unknown escape in string');
    } else if (c < 128) {
      out += src[i];
      i++;
    } else {
      // Non-ASCII text in the file: store its UTF-8 bytes, as MLIR does.
      const cp = src.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of utf8.encode(ch)) out += String.fromCharCode(b);
      i += ch.length;
    }
  }
}

/**
 * The end of a balanced `<...>` starting at `pos` (which holds `<`), for opaque dialect
 * bodies. Nested brackets and strings are skipped; the `>` of `->` does not close.
 */
export function balancedEnd(src: string, pos: number): number {
  const stack: string[] = [];
  const close: Record<string, string> = { '<': '>', '(': ')', '[': ']', '{': '}' };
  let i = pos;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"') {
      i = lexString(src, i).end;
      continue;
    }
    const cmp = src[i + 1] === '=';
    if (ch in close && !(ch === '<' && cmp)) stack.push(close[ch]!);
    else if (ch === '>' && (src[i - 1] === '-' || cmp)) {
      // `->`, `>=`: not a closing bracket (nor is `<=` an opening one)
    } else if (ch === '<') {
      // `<=`
    } else if (ch === ')' || ch === ']' || ch === '}' || ch === '>') {
      if (stack.pop() !== ch) throw new LexError(i, `unbalanced '${ch}'`);
      if (stack.length === 0) return i + 1;
    }
    i++;
  }
  throw new LexError(pos, 'unterminated dialect body');
}
