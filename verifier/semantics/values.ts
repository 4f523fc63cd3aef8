// The run-time values of Clef programs. Integers (and chars, as code points) are BigInts
// normalised to their width; floats are JS numbers (float32 already rounded); strings are
// JS strings; unit is null. Tuples and records are arrays (records in declaration order);
// a union value is its tag and payload. Pointers and spans point into memory blocks.
import type { Type, TypeTable } from '../../compiler/types/types.ts';
import { substParams } from '../../compiler/types/types.ts';
import type { ArenaObj, Block, RegionObj } from './memory.ts';

export type CaseV = { kind: 'case'; tag: number; payload: Value[] };
/** A pointer: element `offset` of `block` (may be one past the end; accesses check). */
export type PtrV = { kind: 'ptr'; block: Block; offset: number };
/** A span: `length` elements of `block` from element `offset`. */
export type SpanV = { kind: 'span'; block: Block; offset: number; length: number };

export type Value = bigint | number | boolean | string | null | Value[] | CaseV | PtrV | SpanV | ArenaObj | RegionObj;

/** The value of zeroed memory of type `t` (fresh stack, arena and region memory reads as
 *  zero; pointers and spans read as an empty extent, which any access reports as bounds). */
export function zeroOf(t: Type, types: TypeTable, empty: Block): Value {
  switch (t.kind) {
    case 'int':
    case 'char':
      return 0n;
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'unit':
      return null;
    case 'string':
      return '';
    case 'ptr':
      return { kind: 'ptr', block: empty, offset: 0 };
    case 'span':
      return { kind: 'span', block: empty, offset: 0, length: 0 };
    case 'arena':
      return { kind: 'arena', id: 0, capacity: 0, used: 0, epoch: 0, alive: true, depth: 0 };
    case 'region':
      return { kind: 'region', id: 0, alive: false, depth: 0 };
    case 'tuple':
      return t.elems.map((e) => zeroOf(e, types, empty));
    case 'record':
      return (types.records.get(t.name)?.fields ?? []).map((f) => zeroOf(f.ty, types, empty));
    case 'union': {
      const c = types.unions.get(t.name)?.cases.find((k) => k.tag === 0);
      return { kind: 'case', tag: 0, payload: (c?.fields ?? []).map((f) => zeroOf(substParams(f.ty, t.args), types, empty)) };
    }
    case 'fn':
    case 'var':
      return null;
    default: {
      const _never: never = t;
      return _never;
    }
  }
}

function isCase(v: Value): v is CaseV {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'case';
}

/** Structural `=`: tuples, records and unions by component, strings by content, floats
 *  by IEEE (NaN <> NaN), pointers and spans by identity of block, offset (and length). */
export function valueEquals(a: Value, b: Value): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => valueEquals(x, b[i]!));
  if (Array.isArray(b)) return false;
  switch (a.kind) {
    case 'case':
      return b.kind === 'case' && a.tag === b.tag && a.payload.every((x, i) => valueEquals(x, b.payload[i]!));
    case 'ptr':
      return b.kind === 'ptr' && a.block === b.block && a.offset === b.offset;
    case 'span':
      return b.kind === 'span' && a.block === b.block && a.offset === b.offset && a.length === b.length;
    case 'arena':
    case 'region':
      return a === b;
    default: {
      const _never: never = a;
      return _never;
    }
  }
}

/** Code-point order of two strings (= byte order of their UTF-8), not UTF-16 order. */
export function compareStrings(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Structural order (F# `compare`) for `< <= > >=` on non-numeric values: false < true,
 *  strings by code point, tuples/records lexicographically, unions by tag then payload.
 *  NaN is returned when an unordered float decides the comparison. */
export function valueCompare(a: Value, b: Value): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = valueCompare(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (a !== null && b !== null && isCase(a) && isCase(b)) {
    if (a.tag !== b.tag) return a.tag < b.tag ? -1 : 1;
    return valueCompare(a.payload, b.payload);
  }
  if (a === null && b === null) return 0;
  return NaN;
}

/** Whether a value holds (somewhere inside it) a pointer, span or handle satisfying `p`. */
export function someReference(v: Value, p: (r: PtrV | SpanV | ArenaObj | RegionObj) => boolean): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => someReference(x, p));
  if (v.kind === 'case') return v.payload.some((x) => someReference(x, p));
  return p(v);
}
