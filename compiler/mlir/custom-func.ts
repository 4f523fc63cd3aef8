// Custom syntax of the func dialect: func.func, return, call, call_indirect, constant.
import type { Attr, NamedAttr, Type, Value } from './ir.ts';
import type { CustomParser } from './parse.ts';
import { describe, eatPunct, expectKind, expectPunct, fail, isPunct, next, type P } from './parser-state.ts';
import { parseAttrDict, parseFunctionType, parseSymbolRef, parseType, skipLoc } from './parse-type-attr.ts';
import {
  attrs, colonType, draft, optAttrDict, optKeywordAttrDict, optTypedList, ref, refList, strAttr, typeAttr, typed,
} from './custom-helpers.ts';

const FUNC_INHERENT = new Set(['sym_name', 'function_type', 'sym_visibility', 'arg_attrs', 'res_attrs']);

/** One parameter of a signature: named (definition) or only typed (declaration). */
export type Param = { name: string | null; type: Type; attrs: NamedAttr[]; at: number };

/** `(%a: T {attrs}, ...)` or `(T {attrs}, ...)`; `...` (variadic) only when allowed. */
export function parseParams(p: P, allowVariadic: boolean): { params: Param[]; varArg: boolean } {
  expectPunct(p, '(');
  const params: Param[] = [];
  let varArg = false;
  if (eatPunct(p, ')')) return { params, varArg };
  do {
    if (allowVariadic && eatPunct(p, '...')) {
      varArg = true;
      break;
    }
    const at = p.tok.start;
    let name: string | null = null;
    if (p.tok.kind === 'percent') {
      name = next(p).text;
      expectPunct(p, ':');
    }
    const type = parseType(p);
    const a = isPunct(p, '{') ? parseAttrDict(p) : [];
    skipLoc(p);
    params.push({ name, type, attrs: a, at });
  } while (eatPunct(p, ','));
  expectPunct(p, ')');
  const named = params.filter((x) => x.name !== null).length;
  if (named !== 0 && named !== params.length) fail(p, 'either all or no parameters are named', params[0]!.at);
  return { params, varArg };
}

/** After `->`: `T`, `(T {attrs}, U)`. */
export function parseResults(p: P): { types: Type[]; attrs: NamedAttr[][] } {
  if (!eatPunct(p, '->')) return { types: [], attrs: [] };
  if (!isPunct(p, '(')) return { types: [parseType(p)], attrs: [[]] };
  // `(i32) -> i32` would be a single function-typed result; MLIR prints those in parentheses too.
  next(p);
  const types: Type[] = [];
  const as: NamedAttr[][] = [];
  if (!eatPunct(p, ')')) {
    do {
      types.push(parseType(p));
      as.push(isPunct(p, '{') ? parseAttrDict(p) : []);
    } while (eatPunct(p, ','));
    expectPunct(p, ')');
  }
  return { types, attrs: as };
}

/** `arg_attrs`/`res_attrs`: present only when some entry is non-empty. */
export function attrArray(list: NamedAttr[][]): Attr | null {
  if (list.every((d) => d.length === 0)) return null;
  return { kind: 'array', elements: list.map((entries) => ({ kind: 'dict', entries })) };
}

export function entryArgs(params: Param[]): Value[] | null {
  if (params.length === 0 || params[0]!.name === null) return null;
  return params.map((x) => ({ name: x.name!, index: null, type: x.type }));
}

const VISIBILITY = new Set(['private', 'public', 'nested']);

export const funcParsers: Record<string, CustomParser> = {
  'func.func': (p, ctx) => {
    const props: NamedAttr[] = [];
    if (p.tok.kind === 'bare' && VISIBILITY.has(p.tok.text)) props.push({ name: 'sym_visibility', value: strAttr(next(p).text) });
    const sym = expectKind(p, 'at', 'the function name');
    props.push({ name: 'sym_name', value: strAttr(sym.text) });
    const { params } = parseParams(p, false);
    const res = parseResults(p);
    props.push({ name: 'function_type', value: typeAttr({ kind: 'function', inputs: params.map((x) => x.type), results: res.types }) });
    const argAttrs = attrArray(params.map((x) => x.attrs));
    if (argAttrs) props.push({ name: 'arg_attrs', value: argAttrs });
    const resAttrs = attrArray(res.attrs);
    if (resAttrs) props.push({ name: 'res_attrs', value: resAttrs });
    const dict = optKeywordAttrDict(p);
    const regions = [];
    if (isPunct(p, '{')) {
      const args = entryArgs(params);
      if (params.length > 0 && !args) fail(p, 'a function with a body needs named arguments', params[0]!.at);
      regions.push(ctx.region(p, { ...ctx, defaultDialect: 'func' }, args ?? []));
    } else regions.push({ blocks: [] });
    return draft({ ...attrs(dict, FUNC_INHERENT, props), regions });
  },
  // return {attrs} %a, %b : T, U
  'func.return': (p) => {
    const attributes = optAttrDict(p);
    return draft({ operands: optTypedList(p), attributes });
  },
  // call @f(%a) {attrs} : (T) -> R
  'func.call': (p) => {
    const callee = parseSymbolRef(p);
    expectPunct(p, '(');
    const refs = refList(p);
    expectPunct(p, ')');
    const dict = optAttrDict(p);
    expectPunct(p, ':');
    const fn = parseFunctionType(p);
    return draft({
      operands: typed(p, refs, fn.inputs),
      resultTypes: fn.results,
      ...attrs(dict, ['callee'], [{ name: 'callee', value: callee }]),
    });
  },
  // call_indirect %f(%a) {attrs} : (T) -> R
  'func.call_indirect': (p) => {
    const f = ref(p);
    expectPunct(p, '(');
    const refs = refList(p);
    expectPunct(p, ')');
    const attributes = optAttrDict(p);
    expectPunct(p, ':');
    const fn = parseFunctionType(p);
    return draft({ operands: [{ name: f.name, index: f.index, type: fn }, ...typed(p, refs, fn.inputs)], resultTypes: fn.results, attributes });
  },
  // constant @f {attrs} : (T) -> R
  'func.constant': (p) => {
    if (p.tok.kind !== 'at') fail(p, `expected a function symbol, found ${describe(p.tok)}`);
    const value = parseSymbolRef(p);
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({ resultTypes: [t], ...attrs(dict, ['value'], [{ name: 'value', value }]) });
  },
};
