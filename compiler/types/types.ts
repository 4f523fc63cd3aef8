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
