// How a Clef value becomes MLIR values. Every Clef type flattens into a list of
// components, each one MLIR value (unit into none): records, tuples and unions never live
// in struct memory, they are their scalars side by side — in SSA values, parameters,
// results and loop-carried values alike.
//
//   intN -> iN (signedness lives in the ops), bool -> i1, char -> i32, float -> f64,
//   float32 -> f32, string -> memref<?xi8> (the length is the dim),
//   nativeptr<T> / Span<T> -> one `memref<?xS, strided<[1], offset: ?>>` per scalar S of T
//     (a span of records is a record of spans: the same offset and length in each),
//   Span<string> -> (i64 first, i64 length): a view of the command-line arguments, the
//     only strings that live in memory (a string cannot be a memref element),
//   Arena -> (memref<?xi8> the block, memref<1xi64> the bytes in use),
//   Region -> i64 (the runtime's handle),
//   tuple/record -> the components of each field in order,
//   union -> i32 tag, then the components of every case's fields, case by case (fields of
//     the cases other than the value's own are zero).
import { errorAt } from '../diagnostics.ts';
import type { Span } from '../syntax/ast.ts';
import { recordFieldTypes, showType, substParams } from '../types/types.ts';
import type { Type, TypeTable } from '../types/types.ts';

/** One flattened component: its MLIR type and the Clef leaf type it came from. */
export type Component = { mlir: string; leaf: Type };

export const STRING = 'memref<?xi8>';
export const ARENA_BLOCK = 'memref<?xi8>';
export const ARENA_USED = 'memref<1xi64>';
export const TAG = 'i32';

/** The uniform type of a pointer or span component over scalars of type `s`. */
export function viewType(s: string): string {
  return `memref<?x${s}, strided<[1], offset: ?>>`;
}

export function unsupported(span: Span, what: string): never {
  throw errorAt(span, `not supported yet in compiled code: ${what}`);
}

/** The MLIR type of a scalar Clef type, or null when `t` is not a scalar. */
export function scalarType(t: Type): string | null {
  switch (t.kind) {
    case 'int':
      return `i${t.bits}`;
    case 'bool':
      return 'i1';
    case 'char':
      return 'i32';
    case 'float':
      return `f${t.bits}`;
    default:
      return null;
  }
}

/** Is `t` the argv-style span of strings? */
export function isStringSpan(t: Type): boolean {
  return t.kind === 'span' && t.elem.kind === 'string';
}

/** The payload types of every case of a union type, case by case (tag order). */
export function unionCases(table: TypeTable, t: Type & { kind: 'union' }, span: Span): { tag: number; fields: Type[] }[] {
  const info = table.unions.get(t.name);
  if (!info) return unsupported(span, `the unknown union type ${t.name}`);
  return [...info.cases].sort((a, b) => a.tag - b.tag).map((c) => ({ tag: c.tag, fields: c.fields.map((f) => substParams(f.ty, t.args)) }));
}

export function fieldTypes(table: TypeTable, t: Type, span: Span): Type[] {
  if (t.kind === 'tuple') return t.elems;
  if (t.kind === 'record') return recordFieldTypes(table, t);
  return unsupported(span, `fields of ${showType(t)}`);
}

/** The flattened components of a value of type `t`. */
export function components(table: TypeTable, t: Type, span: Span, seen: string[] = []): Component[] {
  const key = showType(t);
  if ((t.kind === 'record' || t.kind === 'union') && seen.includes(key)) {
    return unsupported(span, `the recursive type ${key} (a value would contain itself)`);
  }
  const inner = (u: Type): Component[] => components(table, u, span, [...seen, key]);
  switch (t.kind) {
    case 'int':
    case 'bool':
    case 'char':
    case 'float':
      return [{ mlir: scalarType(t)!, leaf: t }];
    case 'unit':
      return [];
    case 'string':
      return [{ mlir: STRING, leaf: t }];
    case 'ptr':
    case 'span': {
      if (t.kind === 'span' && t.elem.kind === 'string') {
        return [
          { mlir: 'i64', leaf: t },
          { mlir: 'i64', leaf: t },
        ];
      }
      return elementScalars(table, t.elem, span).map((s) => ({ mlir: viewType(s), leaf: t }));
    }
    case 'arena':
      return [
        { mlir: ARENA_BLOCK, leaf: t },
        { mlir: ARENA_USED, leaf: t },
      ];
    case 'region':
      return [{ mlir: 'i64', leaf: t }];
    case 'tuple':
    case 'record':
      return fieldTypes(table, t, span).flatMap(inner);
    case 'union':
      return [{ mlir: TAG, leaf: { kind: 'int', bits: 32, signed: true } }, ...unionCases(table, t, span).flatMap((c) => c.fields.flatMap(inner))];
    case 'fn':
      return unsupported(span, 'a function used as a value');
    case 'var':
      return unsupported(span, `the unresolved type ${key}`);
    default: {
      const _never: never = t;
      return _never;
    }
  }
}

export function mlirTypes(table: TypeTable, t: Type, span: Span): string[] {
  return components(table, t, span).map((c) => c.mlir);
}

/** The scalar MLIR types of a memory element of type `t` (what each element of a span or
 *  pointer holds), in flattening order. Only scalars and aggregates of scalars can live in
 *  memory: a memref cannot hold a memref. */
export function elementScalars(table: TypeTable, t: Type, span: Span): string[] {
  const cs = components(table, t, span);
  const out: string[] = [];
  for (const c of cs) {
    const s = scalarType(c.leaf);
    if (s === null || s !== c.mlir) return unsupported(span, `${showType(t)} elements in memory (only numbers, bool, char and records, tuples and unions of them)`);
    out.push(s);
  }
  if (out.length === 0) return unsupported(span, `${showType(t)} elements in memory (a value without data)`);
  return out;
}

/** Where each case's payload fields start among a union's components (after the tag). */
export function unionFieldStart(table: TypeTable, t: Type & { kind: 'union' }, tag: number, index: number, span: Span): number {
  let at = 1;
  for (const c of unionCases(table, t, span)) {
    for (let i = 0; i < c.fields.length; i++) {
      if (c.tag === tag && i === index) return at;
      at += components(table, c.fields[i]!, span).length;
    }
  }
  return unsupported(span, `field ${index} of case ${tag} of ${showType(t)}`);
}

/** Where field `index` of a tuple or record starts among its components. */
export function fieldStart(table: TypeTable, t: Type, index: number, span: Span): number {
  let at = 0;
  const fs = fieldTypes(table, t, span);
  for (let i = 0; i < index; i++) at += components(table, fs[i]!, span).length;
  return at;
}
