// The types a generated program uses, as plain data: integers, bool, tuples, options,
// records and unions of those, and stack buffers (a pointer or a span with a known length).
import { intName, type IntTy } from './int-types.ts';

export type RecordDecl = { kind: 'RecordDecl'; name: string; fields: { name: string; ty: GType }[] };
export type UnionDecl = { kind: 'UnionDecl'; name: string; cases: { name: string; fields: GType[] }[] };

export type GType =
  | { kind: 'int'; t: IntTy }
  | { kind: 'bool' }
  | { kind: 'tuple'; elems: GType[] }
  /** `'T option`, or `'T voption` (ValueSome / ValueNone) when `value`. */
  | { kind: 'option'; elem: GType; value: boolean }
  | { kind: 'record'; decl: RecordDecl }
  | { kind: 'union'; decl: UnionDecl }
  /** A stack buffer (`nativeptr<T>`) or a span over one, of a length fixed at generation. */
  | { kind: 'buffer'; t: IntTy; length: number; span: boolean };

export const gInt = (t: IntTy): GType => ({ kind: 'int', t });
export const gBool: GType = { kind: 'bool' };

/** The type as Clef writes it (for annotations). */
export function typeText(g: GType, name: (t: IntTy) => string = intName): string {
  switch (g.kind) {
    case 'int':
      return name(g.t);
    case 'bool':
      return 'bool';
    case 'tuple':
      return g.elems.map((e) => (e.kind === 'tuple' ? `(${typeText(e, name)})` : typeText(e, name))).join(' * ');
    case 'option':
      return `${g.elem.kind === 'tuple' ? `(${typeText(g.elem, name)})` : typeText(g.elem, name)} ${g.value ? 'voption' : 'option'}`;
    case 'record':
    case 'union':
      return g.decl.name;
    case 'buffer':
      return `${g.span ? 'Span' : 'nativeptr'}<${name(g.t)}>`;
    default: {
      const _never: never = g;
      return _never;
    }
  }
}

export function sameType(a: GType, b: GType): boolean {
  switch (a.kind) {
    case 'int':
      return b.kind === 'int' && a.t === b.t;
    case 'bool':
      return b.kind === 'bool';
    case 'tuple':
      return b.kind === 'tuple' && a.elems.length === b.elems.length && a.elems.every((e, i) => sameType(e, b.elems[i]!));
    case 'option':
      return b.kind === 'option' && a.value === b.value && sameType(a.elem, b.elem);
    case 'record':
    case 'union':
      return b.kind === a.kind && b.decl === a.decl;
    case 'buffer':
      return b.kind === 'buffer' && a.t === b.t && a.length === b.length && a.span === b.span;
    default: {
      const _never: never = a;
      return _never;
    }
  }
}

/** Types that `=` compares structurally (everything but buffers). */
export function hasEquality(g: GType): boolean {
  switch (g.kind) {
    case 'buffer':
      return false;
    case 'tuple':
      return g.elems.every(hasEquality);
    case 'option':
      return hasEquality(g.elem);
    case 'record':
      return g.decl.fields.every((f) => hasEquality(f.ty));
    case 'union':
      return g.decl.cases.every((c) => c.fields.every(hasEquality));
    default:
      return true;
  }
}

/** The case names of an option type: Some/None or ValueSome/ValueNone. */
export function optionCases(g: GType & { kind: 'option' }): { some: string; none: string } {
  return g.value ? { some: 'ValueSome', none: 'ValueNone' } : { some: 'Some', none: 'None' };
}
