// Symbolic run-time values: the shape of a concrete value (../values.ts) with SMT terms at
// the leaves. Integers are in the domain's representation (domain.ts) and carry their width;
// lengths, offsets and sizes are int64 values; block ids are 32-bit vectors;
// a union value holds its tag and a payload for EVERY case (only the one selected by the tag
// means anything), so two union values merge component-wise; pointers and spans name their
// block by a term (blocks of arguments are symbolic, so aliasing is modelled).
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType, substParams } from '../../../compiler/types/types.ts';
import type { Width } from '../domain.ts';
import { floatBits, I32, I64, type SymIntDomain } from './domain.ts';
import { unsupported } from './unsupported.ts';
import { contentsOf, type StrBytes } from './strings.ts';

export type SV =
  /** An integer of width `w` ('math': a contract's mathematical integer). */
  | { k: 'int'; t: Term; w: Width }
  | { k: 'bool'; t: Term }
  | { k: 'float'; t: Term; bits: 32 | 64 }
  /** A string: its UTF-8 length, and its text when known. `bytes` (strings.ts; set by
   *  translation validation's runs): its contents when they are not the literal's. */
  | { k: 'str'; len: Term; lit: string | null; bytes?: StrBytes }
  | { k: 'unit' }
  /** Tuples and records (records in declaration order). */
  | { k: 'agg'; items: SV[] }
  /** `cases[t]` is the payload of the case with tag t. */
  | { k: 'case'; tag: Term; cases: SV[][] }
  | { k: 'ptr'; block: Term; off: Term }
  | { k: 'span'; block: Term; off: Term; len: Term }
  | { k: 'arena'; id: Term }
  | { k: 'region'; id: Term };

export const UNIT: SV = { k: 'unit' };

/** The payload types of each case of a union type, indexed by tag. */
export function casePayloadTypes(types: TypeTable, t: Type): Type[][] {
  if (t.kind !== 'union') return unsupported(`union value of type ${showType(t)}`);
  const info = types.unions.get(t.name);
  if (!info) return unsupported(`unknown union ${t.name}`);
  const out: Type[][] = [];
  for (const c of info.cases) out[c.tag] = c.fields.map((f) => substParams(f.ty, t.args));
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out;
}

export function recordFields(types: TypeTable, t: Type): Type[] {
  if (t.kind === 'tuple') return t.elems;
  if (t.kind !== 'record') return unsupported(`aggregate of type ${showType(t)}`);
  const info = types.records.get(t.name);
  if (!info) return unsupported(`unknown record ${t.name}`);
  return info.fields.map((f) => f.ty);
}

/** ite(c, a, b) on values of the same type. */
export function mergeSV(F: TermFactory, c: Term, a: SV, b: SV): SV {
  if (a === b) return a;
  if (c.kind === 'bool') return c.value ? a : b;
  switch (a.k) {
    case 'int':
      return { k: 'int', w: a.w, t: F.ite(c, a.t, (b as typeof a).t) };
    case 'bool':
      return { k: 'bool', t: F.ite(c, a.t, (b as typeof a).t) };
    case 'float':
      return { k: 'float', bits: a.bits, t: F.ite(c, a.t, (b as typeof a).t) };
    case 'str': {
      const y = b as typeof a;
      // contents: a join of two different strings is an ite of contents
      const same = a.lit !== null && a.lit === y.lit;
      if (same || (!a.bytes && !y.bytes && a.lit === null && y.lit === null && a.len === y.len)) return { k: 'str', len: F.ite(c, a.len, y.len), lit: a.lit === y.lit ? a.lit : null };
      return { k: 'str', len: F.ite(c, a.len, y.len), lit: null, bytes: { kind: 'ite', c, a: contentsOf(a), b: contentsOf(y) } };
    }
    case 'unit':
      return a;
    case 'agg': {
      const y = b as typeof a;
      return { k: 'agg', items: a.items.map((x, i) => mergeSV(F, c, x, y.items[i]!)) };
    }
    case 'case': {
      const y = b as typeof a;
      return { k: 'case', tag: F.ite(c, a.tag, y.tag), cases: a.cases.map((p, j) => p.map((x, i) => mergeSV(F, c, x, y.cases[j]![i]!))) };
    }
    case 'ptr': {
      const y = b as typeof a;
      return { k: 'ptr', block: F.ite(c, a.block, y.block), off: F.ite(c, a.off, y.off) };
    }
    case 'span': {
      const y = b as typeof a;
      return { k: 'span', block: F.ite(c, a.block, y.block), off: F.ite(c, a.off, y.off), len: F.ite(c, a.len, y.len) };
    }
    case 'arena':
    case 'region':
      return { k: a.k, id: F.ite(c, a.id, (b as typeof a).id) };
  }
}

/** Every pointer and span inside a value (with the handles), for escape checks. */
export function references(v: SV, out: SV[] = []): SV[] {
  switch (v.k) {
    case 'ptr':
    case 'span':
    case 'arena':
    case 'region':
      out.push(v);
      break;
    case 'agg':
      for (const x of v.items) references(x, out);
      break;
    case 'case':
      for (const p of v.cases) for (const x of p) references(x, out);
      break;
    default:
      break;
  }
  return out;
}

/** Whether a value of type `t` can hold a pointer, span or handle. */
export function holdsReferences(t: Type, types: TypeTable, seen = new Set<string>()): boolean {
  switch (t.kind) {
    case 'ptr':
    case 'span':
    case 'arena':
    case 'region':
      return true;
    case 'tuple':
      return t.elems.some((e) => holdsReferences(e, types, seen));
    case 'record':
    case 'union': {
      const key = showType(t);
      if (seen.has(key)) return false;
      seen.add(key);
      const parts = t.kind === 'record' ? recordFields(types, t) : casePayloadTypes(types, t).flat();
      return parts.some((e) => holdsReferences(e, types, seen));
    }
    default:
      return false;
  }
}

export const CHAR_W: Width = { bits: 32, signed: false };

/** The width of an int or char type. */
export function intWidth(t: Type): Width | null {
  if (t.kind === 'int') return { bits: t.bits, signed: t.signed };
  if (t.kind === 'char') return CHAR_W;
  return null;
}

/** The zero value of a type (what fresh memory and unused union payloads hold). */
export function zeroSV(F: TermFactory, D: SymIntDomain, t: Type, types: TypeTable): SV {
  const zero = (x: Type) => zeroSV(F, D, x, types);
  switch (t.kind) {
    case 'int':
    case 'char': {
      const w = intWidth(t)!;
      return { k: 'int', w, t: D.lit(0n, w) };
    }
    case 'bool':
      return { k: 'bool', t: F.false };
    case 'float':
      return { k: 'float', bits: t.bits, t: F.bv(floatBits(0, t.bits), t.bits) };
    case 'string':
      return { k: 'str', len: D.lit(0n, I64), lit: '' };
    case 'unit':
      return UNIT;
    case 'tuple':
    case 'record':
      return { k: 'agg', items: recordFields(types, t).map(zero) };
    case 'union':
      return { k: 'case', tag: D.lit(0n, I32), cases: casePayloadTypes(types, t).map((p) => p.map(zero)) };
    case 'ptr':
      return { k: 'ptr', block: F.bv(0, 32), off: D.lit(0n, I64) };
    case 'span':
      return { k: 'span', block: F.bv(0, 32), off: D.lit(0n, I64), len: D.lit(0n, I64) };
    case 'arena':
      return { k: 'arena', id: F.bv(0, 32) };
    case 'region':
      return { k: 'region', id: F.bv(0, 32) };
    case 'fn':
    case 'var':
      return unsupported(`value of type ${showType(t)}`);
  }
}
