// An op of an MLIR dialect whose custom (pretty) syntax this parser does not know:
// `vector.extract %v[0] : i32 from vector<2xi32>`, `memref.collapse_shape ...`,
// `scf.forall ... { }`. Its grammar is the dialect's own, so the op is read by its shape
// alone: where it ends (the next op, block label or closing brace on a line of its own),
// the values it names, its regions, its attribute dictionary, and the types its trailing
// `: ...` gives by MLIR's common conventions. That is enough for the verifier to name the
// op (`unsupported: vector.extract`) in the functions that hold it and to check the other
// functions of the file. Nothing here is a meaning: no semantics reads such an op
// (ops.ts has an entry only for ops whose syntax the parser knows; a test checks that).
import type { Attr, NamedAttr, Region, Successor, Type, Value } from './ir.ts';
import type { OpCtx, OpDraft } from './parse.ts';
import { customParser } from './custom-registry.ts';
import { DiagnosticError, eatBare, fail, isPunct, next, relex, type P } from './parser-state.ts';
import { parseAttrDict, parseType, parseTypeList } from './parse-type-attr.ts';
import { balancedEnd, LexError, lexToken } from './lexer.ts';
import { printAttr, printType } from './print-type-attr.ts';

/** The dialects mlir-opt-19 registers (`mlir-opt-19 --show-dialects`, less its `test` and
 *  `test_dyn`): the custom form of an op of any other dialect is an error for mlir-opt-19
 *  too, so it stays one here. */
export const MLIR19_DIALECTS: ReadonlySet<string> = new Set([
  'acc', 'affine', 'amdgpu', 'amx', 'arith', 'arm_neon', 'arm_sme', 'arm_sve', 'async', 'bufferization',
  'builtin', 'cf', 'complex', 'dlti', 'emitc', 'func', 'gpu', 'index', 'irdl', 'linalg', 'llvm', 'math',
  'memref', 'mesh', 'ml_program', 'mpi', 'nvgpu', 'nvvm', 'omp', 'pdl', 'pdl_interp', 'polynomial', 'ptr',
  'quant', 'rocdl', 'scf', 'shape', 'sparse_tensor', 'spirv', 'tensor', 'tosa', 'transform', 'ub',
  'vector', 'x86vector', 'xegpu',
]);

/** Dialects every MLIR 19 op of which has a custom parser here (custom-*.ts): an other name
 *  there is a misspelling (`retrun`), an error as it is for mlir-opt-19. */
const FULLY_PARSED = new Set(['builtin', 'func', 'cf', 'arith', 'ub']);

/** The type of a value whose type the op's text does not say by any convention read here. */
export const UNKNOWN_TYPE: Type = { kind: 'opaque', text: '?' };

/** May `name` (a full op name with no custom parser) be read by its shape? */
export function readableByShape(name: string): boolean {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) return false;
  const dialect = name.slice(0, dot);
  return MLIR19_DIALECTS.has(dialect) && !FULLY_PARSED.has(dialect);
}

type Ref = { name: string; index: number | null; type: Type };

/**
 * Reads the rest of an op (after its name) whose syntax is unknown. `resultCount`: the
 * number of results its names declare (a custom form always names each one).
 */
export function parseByShape(p: P, ctx: OpCtx, name: string, resultCount: number): OpDraft & { unparsed: string } {
  const from = p.prevEnd;
  const inner: OpCtx = { defaultDialect: name.slice(0, name.indexOf('.')), region: ctx.region };
  const operands: Ref[] = [];
  const successors: Successor[] = [];
  const regions: Region[] = [];
  const attributes: NamedAttr[] = [];
  /** Offsets just past each `:` outside brackets and regions: the last one starts the types. */
  const colons: number[] = [];
  /** The closing brackets of the `(` and `[` we are inside. */
  const open: { close: string; at: number }[] = [];
  for (;;) {
    const t = p.tok;
    if (t.kind === 'eof') break;
    if (open.length === 0) {
      if (atLineStart(p, t.start) ? beginsOp(p, ctx) : beginsOpMidLine(p)) break;
      if (t.kind === 'punct' && (t.text === '}' || t.text === ')' || t.text === ']')) break;
      if (t.kind === 'bare' && t.text === 'loc' && p.src[t.end] === '(') break; // parseOperation reads it
      if (t.kind === 'punct' && t.text === ':') colons.push(t.end);
    }
    if (t.kind === 'punct') {
      switch (t.text) {
        case '(':
        case '[':
          open.push({ close: t.text === '(' ? ')' : ']', at: t.start });
          next(p);
          continue;
        case ')':
        case ']': {
          const o = open.pop()!;
          if (o.close !== t.text) fail(p, `expected '${o.close}' to close the '${o.close === ')' ? '(' : '['}' of this op`);
          next(p);
          continue;
        }
        case '<': {
          // a dialect body, a type's parameters, `<add>`: balanced, `->` and `>=` inside
          let end: number;
          try {
            end = balancedEnd(p.src, t.start);
          } catch (e) {
            return fail(p, (e as Error).message, t.start);
          }
          relex(p, end);
          p.prevEnd = end;
          continue;
        }
        case '{':
          if (regionFollows(p)) regions.push(ctx.region(p, inner, null));
          else attributes.push(...dictOrRegion(p, inner, regions));
          continue;
      }
    }
    if (t.kind === 'percent') {
      next(p);
      // `%x = ...` inside an op defines a value (an induction variable, an iter_arg)
      if (isPunct(p, '=')) continue;
      let type = UNKNOWN_TYPE;
      // `(%a : memref<4xf32>)`, `[%i : i32]`: a typed operand inside brackets
      if (open.length > 0 && isPunct(p, ':')) type = tryParse(p, () => (next(p), parseType(p))) ?? UNKNOWN_TYPE;
      operands.push({ name: t.text, index: t.index ?? null, type });
      continue;
    }
    if (t.kind === 'caret') successors.push({ label: t.text, args: [] });
    next(p);
  }
  if (open.length > 0) fail(p, `expected '${open[open.length - 1]!.close}' to close the bracket at this op`, open[open.length - 1]!.at);
  const end = p.prevEnd;
  const typed = trailingTypes(p, colons[colons.length - 1], end, operands.length, resultCount);
  return {
    operands: operands.map((r, k): Value => ({ name: r.name, index: r.index, type: typed.operands?.[k] ?? r.type })),
    resultTypes: typed.results ?? Array.from({ length: resultCount }, () => UNKNOWN_TYPE),
    properties: [],
    attributes,
    successors,
    regions,
    unparsed: aliasesSpelledOut(p, from, end),
  };
}

/** The op's text with each `#alias` / `!alias` replaced by what it stands for, so that the
 *  text means the same printed into a file without the alias definitions (print.ts). */
function aliasesSpelledOut(p: P, from: number, end: number): string {
  let out = '';
  let at = from;
  try {
    for (let pos = from; ; ) {
      const t = lexToken(p.src, pos);
      if (t.kind === 'eof' || t.start >= end) break;
      pos = t.end;
      if ((t.kind !== 'hash' && t.kind !== 'bang') || t.text.includes('.') || p.src[t.end] === '<') continue;
      const def = t.kind === 'hash' ? p.attrAliases.get(t.text) : p.typeAliases.get(t.text);
      if (!def) continue;
      out += p.src.slice(at, t.start) + (t.kind === 'hash' ? printAttr(def as Attr) : printType(def as Type));
      at = t.end;
    }
  } catch (e) {
    // a dialect body with characters of its own (skipped whole above): keep the text as written
    if (e instanceof LexError) return p.src.slice(from, end);
    throw e;
  }
  return out + p.src.slice(at, end);
}

function atLineStart(p: P, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const c = p.src[k];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

/** An op's result names up to its `=`: `%x =`, `%x, %y =`, `%x:2 =`. */
const RESULT_NAME = /%[A-Za-z0-9_$.\-]+(?:\s*:\s*\d+)?/.source;
const RESULT_NAMES = new RegExp(`^${RESULT_NAME}(?:\\s*,\\s*${RESULT_NAME})*\\s*=`);

/** Does the token at the start of a line start the next op (or block) rather than go on with
 *  this op's text? A result list, a block label, a generic op, a dotted op name, or a short
 *  name that a parser knows in this region (`return`). */
function beginsOp(p: P, ctx: OpCtx): boolean {
  const t = p.tok;
  switch (t.kind) {
    case 'percent':
      // the whole list up to its `=`: an operand list going on from the line above also
      // starts `%b, %c` (`vector.fma %a,\n %b, %c : ...`, review 28)
      return RESULT_NAMES.test(p.src.slice(t.start, t.start + 400));
    case 'caret':
    case 'string':
      return true;
    case 'bare':
      if (t.text.includes('.')) return true;
      return [ctx.defaultDialect ? `${ctx.defaultDialect}.${t.text}` : null, `builtin.${t.text}`].some((n) => n !== null && customParser(n) !== undefined);
    default:
      return false;
  }
}

/** Does the token, in the middle of a line, start the next op? MLIR's own parser ends the op
 *  by its grammar, so `llvm.mlir.global_ctors {...} func.func @g ...` is two ops to mlir-opt:
 *  read as one, @g would vanish from the module and no row would say it was not checked. A
 *  registered op name (dotted, of a dialect mlir-opt-19 knows), or result names `%x =` /
 *  `%x, %y =` / `%x:2 =` followed by one or by a generic op's string, starts an op. Custom
 *  syntax rarely has either outside brackets; where it does, the split ends in a parse error
 *  (exit 3) or in one more op read by its shape, never in a function that loses an op. */
function beginsOpMidLine(p: P): boolean {
  const t = p.tok;
  const opName = (n: string) => n.includes('.') && (customParser(n) !== undefined || readableByShape(n));
  if (t.kind === 'bare') return opName(t.text);
  if (t.kind !== 'percent') return false;
  const m = new RegExp(RESULT_NAMES.source + /\s*(?:"|([A-Za-z_][A-Za-z0-9_$.]*))/.source).exec(p.src.slice(t.start, t.start + 400));
  return !!m && (m[1] === undefined || opName(m[1]));
}

/** A `{` that opens a region: the line ends after it, or it holds a block label or an op
 *  with results. Otherwise it may be an attribute dictionary. A dictionary written over lines
 *  (`linalg.generic {\n indexing_maps = [...],`) starts with `name =`, as no op does. */
function regionFollows(p: P): boolean {
  let k = p.tok.end;
  while (p.src[k] === ' ' || p.src[k] === '\t' || p.src[k] === '\r') k++;
  if (p.src[k] === '\n' || p.src.startsWith('//', k)) return !DICT_ENTRY.test(p.src.slice(k, k + 400).replace(/^(?:\s|\/\/[^\n]*)*/, ''));
  return p.src[k] === '^' || p.src[k] === '%';
}

/** The start of an attribute dictionary's entry that has a value: `name =`, `"name" =`. */
const DICT_ENTRY = /^(?:[A-Za-z_][A-Za-z0-9_$.]*|"(?:[^"\\]|\\.)*")\s*=/;

/** `{...}` that need not open a region: an attribute dictionary if it reads as one, else a region. */
function dictOrRegion(p: P, inner: OpCtx, regions: Region[]): NamedAttr[] {
  const dict = tryParse(p, () => parseAttrDict(p));
  if (dict) return dict;
  regions.push(inner.region(p, inner, null));
  return [];
}

/** `read()`, or null with the parser back where it was when the text does not read so. */
function tryParse<T>(p: P, read: () => T): T | null {
  const tok = p.tok;
  const prevEnd = p.prevEnd;
  try {
    return read();
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    p.tok = tok;
    p.prevEnd = prevEnd;
    return null;
  }
}

const shaped = (t: Type): boolean => t.kind === 'memref' || t.kind === 'unrankedMemref' || t.kind === 'tensor' || t.kind === 'vector';

/**
 * The types after the op's last `:` outside brackets, by MLIR's common conventions:
 * `(A, B) -> C` gives the operands' and the results' types; `A to B`, `A into B` give the
 * results' as B; `A from B` gives them as A; `A, B` alone gives them when the counts agree
 * and no operand may be what they describe (below). Anything else: unknown. The parser is
 * left at `end` whatever is read.
 */
function trailingTypes(p: P, colonEnd: number | undefined, end: number, operandCount: number, resultCount: number): { operands?: Type[]; results?: Type[] } {
  const out: { operands?: Type[]; results?: Type[] } = {};
  if (colonEnd === undefined) return resultCount === 0 ? { results: [] } : out;
  const tok = p.tok;
  const prevEnd = p.prevEnd;
  const read = tryParse(p, () => {
    relex(p, colonEnd);
    const first = parseTypeList(p);
    if (p.prevEnd > end) return null;
    if (p.tok.start >= end) return { first, word: null, second: null };
    const word = p.tok.kind === 'bare' && ['to', 'into', 'from'].includes(p.tok.text) ? p.tok.text : null;
    if (!word || !eatBare(p, word)) return null;
    const second = parseTypeList(p);
    return p.prevEnd <= end ? { first, word, second } : null;
  });
  p.tok = tok;
  p.prevEnd = prevEnd;
  if (!read) return resultCount === 0 ? { results: [] } : out;
  const { first, word, second } = read;
  const fn = first.length === 1 && first[0]!.kind === 'function' && !word ? first[0] : null;
  if (fn) {
    if (fn.results.length === resultCount) out.results = fn.results;
    if (fn.inputs.length === operandCount) out.operands = fn.inputs;
  } else if ((word === 'to' || word === 'into') && second!.length === resultCount) out.results = second!;
  else if (word === 'from' && first.length === resultCount) out.results = first;
  // `: T` alone: the results' type for ops on scalars and for ops with no operands; a memref,
  // tensor or vector there is as often the operand an access reads (`tensor.dim %t, %c :
  // tensor<?xf32>`, `affine.load %m[%i] : memref<8xf32>`) as the result
  else if (word === null && first.length === resultCount && (operandCount === 0 || !first.some(shaped))) out.results = first;
  if (!out.results && resultCount === 0) out.results = [];
  return out;
}
