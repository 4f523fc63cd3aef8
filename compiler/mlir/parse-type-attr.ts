// Types and attributes of the textual MLIR form: builtin ones, the LLVM dialect types, and
// every other dialect's types and attributes kept as opaque text.
import type { Attr, DenseData, DenseElement, Dim, FloatName, NamedAttr, Type } from './ir.ts';
import { floatFromBits, roundToFloat } from './float-format.ts';
import { balancedEnd, skipTrivia } from './lexer.ts';
import {
  commaList, describe, eatBare, eatPunct, expectInt, expectKind, expectPunct, fail, isPunct,
  next, relex, type P,
} from './parser-state.ts';

const FLOATS = new Set<string>([
  'f16', 'bf16', 'f32', 'f64', 'f80', 'f128', 'tf32',
  'f8E5M2', 'f8E4M3', 'f8E4M3FN', 'f8E5M2FNUZ', 'f8E4M3FNUZ', 'f8E4M3B11FNUZ', 'f8E3M4',
]);
const INT_RE = /^(s|u)?i([1-9][0-9]*)$/;
const BUILTIN_TYPE_WORDS = new Set(['index', 'none', 'memref', 'tensor', 'vector', 'complex', 'tuple']);
/** Keyword LLVM types that are only ever kept as text. */
const LLVM_OPAQUE_WORDS = new Set(['token', 'label', 'metadata', 'x86_amx', 'x86_mmx', 'ppc_fp128', 'target']);
const LLVM_WORDS = new Set(['ptr', 'struct', 'array', 'void', 'func', ...LLVM_OPAQUE_WORDS]);

/** Does the lookahead start a type? (`inLLVM`: inside an LLVM type, where `ptr` etc. are types.) */
export function atType(p: P, inLLVM = false): boolean {
  const t = p.tok;
  if (t.kind === 'bang') return true;
  if (t.kind === 'punct') return t.text === '(';
  if (t.kind !== 'bare') return false;
  return INT_RE.test(t.text) || FLOATS.has(t.text) || BUILTIN_TYPE_WORDS.has(t.text) || (inLLVM && LLVM_WORDS.has(t.text));
}

export function parseType(p: P, inLLVM = false): Type {
  const t = p.tok;
  if (t.kind === 'bang') return parseBangType(p);
  if (t.kind === 'punct' && t.text === '(') return parseFunctionType(p);
  if (t.kind !== 'bare') fail(p, `expected a type, found ${describe(t)}`);
  const w = t.text;
  const m = INT_RE.exec(w);
  if (m) {
    next(p);
    const width = Number(m[2]);
    if (width > 16777215) fail(p, 'integer width too large', t);
    return { kind: 'integer', width, signedness: m[1] === 's' ? 'signed' : m[1] === 'u' ? 'unsigned' : 'signless' };
  }
  if (FLOATS.has(w)) {
    next(p);
    return { kind: 'float', name: w as FloatName };
  }
  if (inLLVM && LLVM_WORDS.has(w)) {
    next(p);
    return parseLLVMTypeBody(p, w);
  }
  switch (w) {
    case 'index':
      next(p);
      return { kind: 'index' };
    case 'none':
      next(p);
      return { kind: 'none' };
    case 'tuple': {
      next(p);
      return { kind: 'tuple', types: commaList(p, '<', '>', () => parseType(p)) };
    }
    case 'complex': {
      next(p);
      expectPunct(p, '<');
      const element = parseType(p);
      expectPunct(p, '>');
      return { kind: 'complex', element };
    }
    case 'vector':
      next(p);
      return parseVector(p);
    case 'tensor':
      next(p);
      return parseTensor(p);
    case 'memref':
      next(p);
      return parseMemRef(p);
  }
  return fail(p, `expected a type, found ${describe(t)}`);
}

/** `(a, b) -> c`, `(a) -> (b, c)`. */
export function parseFunctionType(p: P): Type & { kind: 'function' } {
  const inputs = commaList(p, '(', ')', () => parseType(p));
  expectPunct(p, '->', 'in function type');
  const results = parseResultTypes(p);
  return { kind: 'function', inputs, results };
}

/** After `->`: a parenthesised list (possibly empty), or a single non-function type. */
export function parseResultTypes(p: P): Type[] {
  if (isPunct(p, '(')) return commaList(p, '(', ')', () => parseType(p));
  return [parseType(p)];
}

/** `T, T, T` (at least one). */
export function parseTypeList(p: P): Type[] {
  const out = [parseType(p)];
  while (eatPunct(p, ',')) out.push(parseType(p));
  return out;
}

// ------------------------------------------------------------------------ shaped types

/**
 * Reads the dimension prefix of a shaped type (`4x?x`, `[4]x` for vectors) from the raw
 * characters, since `4x4xf32` is not a sequence of ordinary tokens.
 */
function scanDims(p: P, allowScalable: boolean): { dims: Dim[]; scalable: boolean[] } {
  const src = p.src;
  let pos = p.tok.start;
  const dims: Dim[] = [];
  const scalable: boolean[] = [];
  for (;;) {
    pos = skipTrivia(src, pos);
    let k = pos;
    let dim: Dim;
    let sc = false;
    if (src[k] === '?') {
      dim = null;
      k++;
    } else if (allowScalable && src[k] === '[') {
      let e = k + 1;
      while (/[0-9]/.test(src[e] ?? '')) e++;
      if (e === k + 1 || src[e] !== ']') break;
      dim = Number(src.slice(k + 1, e));
      sc = true;
      k = e + 1;
    } else if (/[0-9]/.test(src[k] ?? '')) {
      let e = k;
      while (/[0-9]/.test(src[e] ?? '')) e++;
      dim = Number(src.slice(k, e));
      k = e;
    } else break;
    k = skipTrivia(src, k);
    if (src[k] !== 'x') fail(p, `expected 'x' in dimension list`, k);
    dims.push(dim);
    scalable.push(sc);
    pos = k + 1;
  }
  relex(p, pos);
  return { dims, scalable };
}

function parseVector(p: P): Type {
  expectPunct(p, '<');
  const { dims, scalable } = scanDims(p, true);
  if (dims.some((d) => d === null)) fail(p, 'vector dimensions must be static');
  const element = parseType(p);
  expectPunct(p, '>');
  return { kind: 'vector', shape: dims as number[], scalable, element };
}

function parseTensor(p: P): Type {
  expectPunct(p, '<');
  if (eatPunct(p, '*')) {
    expectX(p);
    const element = parseType(p);
    expectPunct(p, '>');
    return { kind: 'tensor', shape: null, element, encoding: null };
  }
  const { dims } = scanDims(p, false);
  const element = parseType(p);
  const encoding = eatPunct(p, ',') ? parseAttr(p) : null;
  expectPunct(p, '>');
  return { kind: 'tensor', shape: dims, element, encoding };
}

/** The `x` after `*` in `memref<*xf32>`, which the lexer reads as part of `xf32`. */
function expectX(p: P): void {
  if (p.tok.kind === 'bare' && p.tok.text.startsWith('x')) {
    relex(p, p.tok.start + 1);
    return;
  }
  fail(p, `expected 'x', found ${describe(p.tok)}`);
}

function parseMemRef(p: P): Type {
  expectPunct(p, '<');
  if (eatPunct(p, '*')) {
    expectX(p);
    const element = parseType(p);
    const memorySpace = eatPunct(p, ',') ? parseAttr(p) : null;
    expectPunct(p, '>');
    return { kind: 'unrankedMemref', element, memorySpace };
  }
  const { dims } = scanDims(p, false);
  const element = parseType(p);
  let layout: Attr | null = null;
  let memorySpace: Attr | null = null;
  if (eatPunct(p, ',')) {
    const a = parseAttr(p);
    if (a.kind === 'strided' || a.kind === 'affineMap') {
      layout = a;
      if (eatPunct(p, ',')) memorySpace = parseAttr(p);
    } else memorySpace = a;
  }
  expectPunct(p, '>');
  return { kind: 'memref', shape: dims, element, layout, memorySpace };
}

// ------------------------------------------------------------------------- dialect types

function parseBangType(p: P): Type {
  const t = next(p);
  const name = t.text;
  if (!name.includes('.') && !isPunct(p, '<')) {
    const alias = p.typeAliases.get(name);
    if (!alias) fail(p, `undefined type alias '!${name}'`, t);
    return alias;
  }
  if (name.startsWith('llvm.')) {
    const word = name.slice(5);
    if (LLVM_WORDS.has(word) && !LLVM_OPAQUE_WORDS.has(word)) return parseLLVMTypeBody(p, word);
  }
  return { kind: 'opaque', text: '!' + name + rawBody(p) };
}

/** A `<...>` body right after a dialect name, as raw text (empty when there is none). */
export function rawBody(p: P): string {
  if (!isPunct(p, '<') || p.tok.start !== p.prevEnd) return '';
  const start = p.tok.start;
  const end = balancedEndAt(p, start);
  relex(p, end);
  p.prevEnd = end;
  return p.src.slice(start, end);
}

function balancedEndAt(p: P, start: number): number {
  try {
    return balancedEnd(p.src, start);
  } catch (e) {
    return fail(p, (e as Error).message, start);
  }
}

/** The part after `!llvm.ptr`, `struct`, ... (the keyword is consumed). */
function parseLLVMTypeBody(p: P, word: string): Type {
  switch (word) {
    case 'ptr': {
      if (!isPunct(p, '<') || p.tok.start !== p.prevEnd) return { kind: 'llvm.ptr', addressSpace: 0 };
      next(p);
      const addressSpace = expectInt(p, 'an address space');
      expectPunct(p, '>');
      return { kind: 'llvm.ptr', addressSpace };
    }
    case 'void':
      return { kind: 'llvm.void' };
    case 'array': {
      expectPunct(p, '<');
      const size = expectInt(p, 'an array size');
      if (!eatBare(p, 'x')) fail(p, `expected 'x' in LLVM array type, found ${describe(p.tok)}`);
      const element = parseType(p, true);
      expectPunct(p, '>');
      return { kind: 'llvm.array', size, element };
    }
    case 'func': {
      expectPunct(p, '<');
      const result = parseType(p, true);
      expectPunct(p, '(');
      const params: Type[] = [];
      let varArg = false;
      if (!eatPunct(p, ')')) {
        do {
          if (eatPunct(p, '...')) {
            varArg = true;
            break;
          }
          params.push(parseType(p, true));
        } while (eatPunct(p, ','));
        expectPunct(p, ')');
      }
      expectPunct(p, '>');
      return { kind: 'llvm.func', result, params, varArg };
    }
    case 'struct': {
      expectPunct(p, '<');
      let name: string | null = null;
      if (p.tok.kind === 'string') {
        name = next(p).text;
        if (eatPunct(p, '>')) return { kind: 'llvm.struct', name, packed: false, body: null };
        expectPunct(p, ',');
        if (eatBare(p, 'opaque')) {
          expectPunct(p, '>');
          return { kind: 'llvm.struct', name, packed: false, body: 'opaque' };
        }
      }
      const packed = eatBare(p, 'packed');
      const body = commaList(p, '(', ')', () => parseType(p, true));
      expectPunct(p, '>');
      return { kind: 'llvm.struct', name, packed, body };
    }
  }
  // token, label, metadata, target<...>: kept as text, spelled in full.
  return { kind: 'opaque', text: '!llvm.' + word + rawBody(p) };
}

// ---------------------------------------------------------------------------- attributes

/**
 * One attribute. `implied`: the type of a `dense<...>` written without `: type` (as
 * `memref.global` does), or of a bare integer/float literal.
 */
export function parseAttr(p: P, implied?: Type): Attr {
  const t = p.tok;
  switch (t.kind) {
    case 'int':
    case 'float':
      return parseNumberAttr(p, false, implied);
    case 'punct':
      if (t.text === '-') {
        next(p);
        if (p.tok.kind !== 'int' && p.tok.kind !== 'float') fail(p, `expected a number after '-'`);
        return parseNumberAttr(p, true, implied);
      }
      if (t.text === '[') return { kind: 'array', elements: commaList(p, '[', ']', () => parseAttr(p)) };
      if (t.text === '{') return { kind: 'dict', entries: parseAttrDict(p) };
      if (t.text === '(') return { kind: 'type', type: parseType(p) };
      break;
    case 'string': {
      next(p);
      if (eatPunct(p, ':')) return { kind: 'string', value: t.text, type: parseType(p) };
      return { kind: 'string', value: t.text };
    }
    case 'at':
      return parseSymbolRef(p);
    case 'hash':
      return parseHashAttr(p);
    case 'bang':
      return { kind: 'type', type: parseType(p) };
    case 'bare':
      return parseWordAttr(p, implied);
  }
  return fail(p, `expected an attribute, found ${describe(t)}`);
}

export function parseSymbolRef(p: P): Attr & { kind: 'symbolRef' } {
  const root = expectKind(p, 'at', 'a symbol').text;
  const nested: string[] = [];
  while (eatPunct(p, '::')) nested.push(expectKind(p, 'at', 'a nested symbol').text);
  return { kind: 'symbolRef', root, nested };
}

function parseNumberAttr(p: P, neg: boolean, implied?: Type): Attr {
  const t = next(p);
  const type = eatPunct(p, ':') ? parseType(p) : implied;
  if (t.kind === 'float') {
    const ty = type ?? { kind: 'float', name: 'f64' };
    if (ty.kind !== 'float') fail(p, 'a float literal needs a float type', t);
    const v = roundToFloat(Number(t.text), ty.name);
    return { kind: 'float', value: neg ? -v : v, type: ty };
  }
  if (type && type.kind === 'float') {
    if (t.text.startsWith('0x')) {
      if (neg) fail(p, 'a hexadecimal float cannot be negated', t);
      return hexFloat(BigInt(t.text), t.text, type);
    }
    const v = roundToFloat(Number(t.text), type.name);
    return { kind: 'float', value: neg ? -v : v, type };
  }
  const v = BigInt(t.text);
  const ty: Type = type ?? { kind: 'integer', width: 64, signedness: 'signless' };
  const value = fitInt(neg ? -v : v, ty);
  if (ty.kind === 'integer' && ty.width === 1 && ty.signedness === 'signless') return { kind: 'bool', value: value !== 0n };
  return { kind: 'int', value, type: ty };
}

/**
 * An integer as MLIR holds it for its type: two's complement of the width, shown signed for
 * signless and signed types (`255 : i8` is `-1 : i8`) and unsigned for unsigned ones.
 */
export function fitInt(v: bigint, t: Type): bigint {
  if (t.kind === 'index') return BigInt.asIntN(64, v);
  if (t.kind !== 'integer') return v;
  return t.signedness === 'unsigned' ? BigInt.asUintN(t.width, v) : BigInt.asIntN(t.width, v);
}

function hexFloat(bits: bigint, text: string, type: Type & { kind: 'float' }): Attr {
  const v = floatFromBits(bits, type.name);
  if (v === null || Number.isNaN(v)) return { kind: 'float', value: v ?? NaN, type, bits: text.toUpperCase().replace('0X', '0x') };
  return { kind: 'float', value: v, type };
}

function parseHashAttr(p: P): Attr {
  const t = next(p);
  const name = t.text;
  if (!name.includes('.') && !(isPunct(p, '<') && p.tok.start === p.prevEnd)) {
    const alias = p.attrAliases.get(name);
    if (!alias) fail(p, `undefined attribute alias '#${name}'`, t);
    return alias;
  }
  return { kind: 'opaque', text: '#' + name + rawBody(p) };
}

function parseWordAttr(p: P, implied?: Type): Attr {
  const t = p.tok;
  switch (t.text) {
    case 'true':
    case 'false':
      next(p);
      return { kind: 'bool', value: t.text === 'true' };
    case 'unit':
      next(p);
      return { kind: 'unit' };
    case 'dense':
      next(p);
      return parseDense(p, implied);
    case 'array':
      next(p);
      return parseDenseArray(p);
    case 'affine_map':
    case 'affine_set': {
      next(p);
      const body = rawBody(p);
      if (!body) fail(p, `expected '<' after ${t.text}`);
      const text = body.slice(1, -1);
      return t.text === 'affine_map' ? { kind: 'affineMap', text } : { kind: 'integerSet', text };
    }
    case 'strided':
      next(p);
      return parseStrided(p);
    case 'dense_resource':
    case 'sparse':
    case 'opaque': {
      next(p);
      let text = t.text + rawBody(p);
      if (eatPunct(p, ':')) text += ' : ' + p.src.slice(p.tok.start, typeEnd(p));
      return { kind: 'opaque', text };
    }
    case 'distinct': {
      next(p);
      const start = p.tok.start;
      expectPunct(p, '[');
      expectInt(p);
      expectPunct(p, ']');
      parseAttr(p);
      return { kind: 'opaque', text: 'distinct' + p.src.slice(start, p.prevEnd) };
    }
    case 'loc': {
      next(p);
      return { kind: 'opaque', text: 'loc' + rawParens(p) };
    }
  }
  if (atType(p)) return { kind: 'type', type: parseType(p) };
  return fail(p, `expected an attribute, found ${describe(t)}`);
}

/** Parses a type only to find where its text ends. */
function typeEnd(p: P): number {
  parseType(p);
  return p.prevEnd;
}

/** An optional trailing `loc(...)` that is not kept (on block and function arguments). */
export function skipLoc(p: P): void {
  if (p.tok.kind === 'bare' && p.tok.text === 'loc' && p.src[p.tok.end] === '(') {
    next(p);
    rawParens(p);
  }
}

/** A balanced `( ... )` right here, as raw text. */
export function rawParens(p: P): string {
  if (!isPunct(p, '(')) fail(p, `expected '(', found ${describe(p.tok)}`);
  const start = p.tok.start;
  let depth = 0;
  let i = start;
  for (; i < p.src.length; i++) {
    const c = p.src[i];
    if (c === '"') {
      i++;
      while (i < p.src.length && p.src[i] !== '"') i += p.src[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
  }
  if (i >= p.src.length) fail(p, 'unterminated parenthesis', start);
  relex(p, i + 1);
  p.prevEnd = i + 1;
  return p.src.slice(start, i + 1);
}

function parseStrided(p: P): Attr {
  expectPunct(p, '<');
  const strides = commaList(p, '[', ']', () => parseDim(p));
  let offset: Dim = 0;
  if (eatPunct(p, ',')) {
    if (!eatBare(p, 'offset')) fail(p, `expected 'offset', found ${describe(p.tok)}`);
    expectPunct(p, ':');
    offset = parseDim(p);
  }
  expectPunct(p, '>');
  return { kind: 'strided', strides, offset };
}

/** `?` or a (possibly negative) integer. */
export function parseDim(p: P): Dim {
  if (eatPunct(p, '?')) return null;
  const neg = eatPunct(p, '-');
  const v = expectInt(p, "an integer or '?'");
  return neg ? -v : v;
}

function parseDenseArray(p: P): Attr {
  expectPunct(p, '<');
  const elementType = parseType(p);
  const values: (bigint | number | boolean)[] = [];
  if (eatPunct(p, ':')) {
    do values.push(denseArrayValue(p, elementType));
    while (eatPunct(p, ','));
  }
  expectPunct(p, '>');
  return { kind: 'denseArray', elementType, values };
}

function denseArrayValue(p: P, ty: Type): bigint | number | boolean {
  if (ty.kind === 'integer' && ty.width === 1) {
    if (eatBare(p, 'true')) return true;
    if (eatBare(p, 'false')) return false;
  }
  const neg = eatPunct(p, '-');
  const t = p.tok;
  if (t.kind !== 'int' && t.kind !== 'float') fail(p, `expected a number, found ${describe(t)}`);
  next(p);
  if (ty.kind === 'float') {
    if (t.kind === 'int' && t.text.startsWith('0x')) return floatFromBits(BigInt(t.text), ty.name) ?? NaN;
    const v = roundToFloat(Number(t.text), ty.name);
    return neg ? -v : v;
  }
  if (t.kind === 'float') fail(p, 'expected an integer', t);
  const v = BigInt(t.text);
  if (ty.kind === 'integer' && ty.width === 1) return v !== 0n;
  return fitInt(neg ? -v : v, ty);
}

function parseDense(p: P, implied?: Type): Attr {
  expectPunct(p, '<');
  let data: DenseData | null = null;
  let raw: RawElement | null = null;
  if (eatPunct(p, '>')) data = { kind: 'empty' };
  else {
    if (p.tok.kind === 'string' && p.tok.text.startsWith('0x')) data = { kind: 'hex', hex: next(p).text };
    else raw = denseLiteral(p);
    expectPunct(p, '>');
  }
  let type: Type;
  if (eatPunct(p, ':')) type = parseType(p);
  else if (implied) type = implied;
  else return fail(p, `expected ':' and a type after dense<...>`);
  if (raw !== null) data = { kind: 'literal', value: splatIfUniform(convertDense(p, raw, elementOf(type))) };
  if (data?.kind === 'hex') data = decodeHex(data.hex, type) ?? data;
  return { kind: 'dense', data: data!, type };
}

/**
 * The elements of `dense<"0x...">` (little-endian raw data, as MLIR stores it), so the hex
 * and the literal spelling of a value are the same attribute; null when not decodable here.
 */
function decodeHex(hex: string, type: Type): DenseData | null {
  if (type.kind !== 'tensor' && type.kind !== 'vector') return null;
  const shape = type.shape;
  if (!shape || shape.some((d) => d === null)) return null;
  const et = type.element;
  const width = et.kind === 'index' ? 64 : et.kind === 'integer' && et.width % 8 === 0 ? et.width : et.kind === 'float' && ['f16', 'bf16', 'f32', 'f64'].includes(et.name) ? (et.name === 'f64' ? 64 : et.name === 'f32' ? 32 : 16) : 0;
  const digits = hex.slice(2);
  if (width === 0 || !/^[0-9a-fA-F]*$/.test(digits) || digits.length % (width / 4) !== 0) return null;
  const bytes = width / 8;
  const words: DenseElement[] = [];
  for (let k = 0; k < digits.length; k += bytes * 2) {
    let bits = 0n;
    for (let b = bytes - 1; b >= 0; b--) bits = (bits << 8n) | BigInt(parseInt(digits.slice(k + b * 2, k + b * 2 + 2), 16));
    if (et.kind === 'float') words.push(floatFromBits(bits, et.name) ?? NaN);
    else words.push(et.kind === 'integer' && et.signedness === 'unsigned' ? bits : BigInt.asIntN(width, bits));
  }
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  if (words.length === 1 || (words.length > 0 && words.every((w) => Object.is(w, words[0]) || w === words[0]))) return { kind: 'literal', value: words[0]! };
  if (words.length !== count) return null;
  const nest = (dims: number[], at: number): DenseElement => {
    if (dims.length === 0) return words[at]!;
    const inner = dims.slice(1).reduce((a, b) => a * b, 1);
    return Array.from({ length: dims[0]! }, (_, j) => nest(dims.slice(1), at + j * inner));
  };
  return { kind: 'literal', value: nest(shape as number[], 0) };
}

function elementOf(t: Type): Type {
  return t.kind === 'tensor' || t.kind === 'vector' || t.kind === 'memref' ? t.element : t;
}

/** A dense element as written, before its element type is known. */
type RawElement = RawElement[] | { k: 'int'; v: bigint; hex: boolean } | { k: 'float'; v: number } | { k: 'bool'; v: boolean } | { k: 'str'; v: string };

function denseLiteral(p: P): RawElement {
  if (isPunct(p, '[')) return commaList(p, '[', ']', () => denseLiteral(p));
  if (eatBare(p, 'true')) return { k: 'bool', v: true };
  if (eatBare(p, 'false')) return { k: 'bool', v: false };
  if (p.tok.kind === 'string') return { k: 'str', v: next(p).text };
  if (isPunct(p, '(')) fail(p, 'complex dense elements are not supported');
  const neg = eatPunct(p, '-');
  const t = p.tok;
  if (t.kind === 'float') {
    next(p);
    return { k: 'float', v: neg ? -Number(t.text) : Number(t.text) };
  }
  if (t.kind === 'int') {
    next(p);
    const hex = t.text.startsWith('0x');
    return { k: 'int', v: neg ? -BigInt(t.text) : BigInt(t.text), hex };
  }
  return fail(p, `expected a dense element, found ${describe(t)}`);
}

/** A list whose elements are all the same value is that value (MLIR stores it as a splat). */
export function splatIfUniform(v: DenseElement): DenseElement {
  if (!Array.isArray(v)) return v;
  const leaves = (v as DenseElement[]).flat(Infinity as 1) as DenseElement[];
  if (leaves.length === 0 || leaves.some((x) => Array.isArray(x))) return v;
  const first = leaves[0]!;
  return leaves.every((x) => Object.is(x, first) || (typeof x === 'bigint' && x === first)) ? first : v;
}

/** Gives each element the JS kind its element type calls for (see DenseElement). */
function convertDense(p: P, e: RawElement, ty: Type): DenseElement {
  if (Array.isArray(e)) return e.map((x) => convertDense(p, x, ty));
  if (ty.kind === 'float') {
    if (e.k === 'int') return e.hex ? floatFromBits(e.v, ty.name) ?? NaN : roundToFloat(Number(e.v), ty.name);
    if (e.k === 'float') return roundToFloat(e.v, ty.name);
    return fail(p, 'expected a float element');
  }
  if (ty.kind === 'integer' && ty.width === 1 && (e.k === 'bool' || e.k === 'int')) return e.k === 'bool' ? e.v : e.v !== 0n;
  if (ty.kind === 'integer' || ty.kind === 'index') {
    if (e.k === 'int') return fitInt(e.v, ty);
    if (e.k === 'bool') return e.v ? 1n : 0n;
    return fail(p, 'expected an integer element');
  }
  return e.v;
}

/** `{a = 1, b, "c d" = "x"}` (the braces included). */
export function parseAttrDict(p: P): NamedAttr[] {
  return commaList(p, '{', '}', () => {
    const t = p.tok;
    let name: string;
    if (t.kind === 'bare' || t.kind === 'string') name = next(p).text;
    else return fail(p, `expected an attribute name, found ${describe(t)}`);
    if (eatPunct(p, '=')) return { name, value: parseAttr(p) };
    return { name, value: { kind: 'unit' } as Attr };
  });
}
