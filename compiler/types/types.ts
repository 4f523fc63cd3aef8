// Clef types as plain data, shared by the type checker, Core and (later) codegen and the
// verifier. `var` appears only during inference; every type stored on the AST after
// checking and every type in Core is free of `var`.

export type IntBits = 8 | 16 | 32 | 64;

export type Type =
  | { kind: 'int'; bits: IntBits; signed: boolean } // int/nativeint = int64; byte = uint8 ...
  | { kind: 'bool' }
  | { kind: 'unit' }
  | { kind: 'float'; bits: 32 | 64 }
  | { kind: 'char' } // a Unicode scalar, 32 bits
  | { kind: 'string' }
  | { kind: 'ptr'; elem: Type } // nativeptr<'T>
  | { kind: 'span'; elem: Type } // Span<'T>; static arrays are spans over static storage too
  | { kind: 'arena' }
  | { kind: 'region' }
  | { kind: 'tuple'; elems: Type[] }
  | { kind: 'record'; name: string } // fields in the program's TypeTable
  /** A tagged union: user unions by name, and the built-ins 'option', 'voption', 'Result'
   *  with their type arguments in `args`. */
  | { kind: 'union'; name: string; args: Type[] }
  | { kind: 'fn'; params: Type[]; ret: Type }
  | { kind: 'var'; id: number };

export type RecordInfo = { name: string; struct: boolean; fields: { name: string; ty: Type }[] };
/** A case's payload fields; `name` null when positional (then it is `Item1`, `Item2`... in F#). */
export type UnionCaseInfo = { name: string; tag: number; fields: { name: string | null; ty: Type }[] };
export type UnionInfo = { name: string; params: string[]; cases: UnionCaseInfo[] };

/** Every named type of a program; the built-in unions are always present. */
export type TypeTable = { records: Map<string, RecordInfo>; unions: Map<string, UnionInfo> };

export const T = {
  int: { kind: 'int', bits: 64, signed: true } as Type,
  bool: { kind: 'bool' } as Type,
  unit: { kind: 'unit' } as Type,
  float: { kind: 'float', bits: 64 } as Type,
  char: { kind: 'char' } as Type,
  string: { kind: 'string' } as Type,
};

export function intType(bits: IntBits, signed: boolean): Type {
  return { kind: 'int', bits, signed };
}

/** Human-readable Clef spelling of a type, for diagnostics and `--emit core`. */
export function showType(t: Type): string {
  switch (t.kind) {
    case 'int': {
      const base = `int${t.bits}`;
      if (t.bits === 64 && t.signed) return 'int';
      return t.signed ? (t.bits === 8 ? 'sbyte' : base) : t.bits === 8 ? 'byte' : 'u' + base;
    }
    case 'bool':
    case 'unit':
    case 'char':
    case 'string':
      return t.kind;
    case 'float':
      return t.bits === 64 ? 'float' : 'float32';
    case 'ptr':
      return `nativeptr<${showType(t.elem)}>`;
    case 'span':
      return `Span<${showType(t.elem)}>`;
    case 'arena':
      return 'Arena';
    case 'region':
      return 'Region';
    case 'tuple':
      return t.elems.map((e) => (e.kind === 'tuple' || e.kind === 'fn' ? `(${showType(e)})` : showType(e))).join(' * ');
    case 'record':
      return t.name;
    case 'union':
      if (t.name === 'Result') return `Result<${t.args.map(showType).join(', ')}>`;
      if (t.args.length === 1) {
        const a = t.args[0]!;
        const inner = a.kind === 'tuple' || a.kind === 'fn' ? `(${showType(a)})` : showType(a);
        return `${inner} ${t.name}`;
      }
      return t.args.length ? `${t.name}<${t.args.map(showType).join(', ')}>` : t.name;
    case 'fn':
      return [...t.params, t.ret].map((p) => (p.kind === 'fn' ? `(${showType(p)})` : showType(p))).join(' -> ');
    case 'var':
      return `'t${t.id}`;
  }
}

export function sameType(a: Type, b: Type): boolean {
  return showType(a) === showType(b);
}

// ---- Helpers (added by the type checker; the definitions above are unchanged) ----

/** In a UnionInfo of a generic built-in union (option, voption, Result), a case field's
 *  type refers to the union's i-th type parameter as `{ kind: 'var', id: -(i + 1) }`.
 *  No other `var` ever appears in a TypeTable. */
export function typeParam(i: number): Type {
  return { kind: 'var', id: -(i + 1) };
}

/** Replaces type parameters (negative `var` ids) by the union type's arguments. */
export function substParams(t: Type, args: Type[]): Type {
  switch (t.kind) {
    case 'var':
      return t.id < 0 ? (args[-t.id - 1] ?? t) : t;
    case 'ptr':
      return { kind: 'ptr', elem: substParams(t.elem, args) };
    case 'span':
      return { kind: 'span', elem: substParams(t.elem, args) };
    case 'tuple':
      return { kind: 'tuple', elems: t.elems.map((e) => substParams(e, args)) };
    case 'union':
      return { kind: 'union', name: t.name, args: t.args.map((e) => substParams(e, args)) };
    case 'fn':
      return { kind: 'fn', params: t.params.map((e) => substParams(e, args)), ret: substParams(t.ret, args) };
    default:
      return t;
  }
}

/** The payload types of a union case at a concrete union type, e.g. `Some` at
 *  `int option` -> [int]. Throws on an unknown union or case (a bug, not user input). */
export function caseFieldTypes(table: TypeTable, u: Type, caseName: string): Type[] {
  if (u.kind !== 'union') throw new Error(`caseFieldTypes: not a union type: ${showType(u)}`);
  const info = table.unions.get(u.name);
  const c = info?.cases.find((k) => k.name === caseName);
  if (!c) throw new Error(`caseFieldTypes: no case ${caseName} in ${u.name}`);
  return c.fields.map((f) => substParams(f.ty, u.args));
}

/** The field types of a record type, in declaration order. */
export function recordFieldTypes(table: TypeTable, r: Type): Type[] {
  if (r.kind !== 'record') throw new Error(`recordFieldTypes: not a record type: ${showType(r)}`);
  const info = table.records.get(r.name);
  if (!info) throw new Error(`recordFieldTypes: unknown record ${r.name}`);
  return info.fields.map((f) => f.ty);
}
