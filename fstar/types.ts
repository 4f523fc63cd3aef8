// Clef types as F* types. Machine integers are FStar.IntN/UIntN (`I64.t`, `U8.t`, ...),
// `char` is `U32.t` (a code point), floats are the assumed `float64`/`float32` of the
// runtime interface, pointers are Low* buffers and spans the `span` record (a buffer with
// its run-time length). Records become F* records whose field names carry the record's
// name (F* resolves `r.f` by the field name alone), unions inductive types whose
// constructors carry the union's name; `option`/`voption` are F*'s `option` and `Result`
// the prelude's `clef_result`.
import type { IntBits, Type, TypeTable } from '../compiler/types/types.ts';
import { showType, substParams } from '../compiler/types/types.ts';
import { claim, isReserved, type NameSpace } from './names.ts';

export type IntTy = { bits: IntBits; signed: boolean };

/** The module alias of a machine integer type: `I64`, `U8`, ... (char is `U32`). */
export function intModule(t: IntTy): string {
  return `${t.signed ? 'I' : 'U'}${t.bits}`;
}

/** The integer view of a type, or null: ints, and `char` as an unsigned 32-bit integer. */
export function intView(t: Type): IntTy | null {
  if (t.kind === 'int') return { bits: t.bits, signed: t.signed };
  if (t.kind === 'char') return { bits: 32, signed: false };
  return null;
}

/** `I64.v x`: the mathematical value of a machine integer. */
export function vOf(t: IntTy, x: string): string {
  return `${intModule(t)}.v ${x}`;
}

const SUFFIX: Record<string, string> = { I8: 'y', U8: 'uy', I16: 's', U16: 'us', I32: 'l', U32: 'ul', I64: 'L', U64: 'UL' };

/** A machine integer literal; negative values go through `int_to_t` (a literal suffix
 *  never follows a minus sign in the F* lexer's long-stable subset). */
export function intLit(t: IntTy, value: bigint): string {
  const m = intModule(t);
  if (value < 0n) return `(${m}.int_to_t (${value}))`;
  return `${value}${SUFFIX[m]}`;
}

/** A mathematical integer literal. */
export function mathLit(value: bigint): string {
  return value < 0n ? `(${value})` : `${value}`;
}

/** `min_int`/`max_int` of a machine type, as literals. */
export function intRange(t: IntTy): { min: bigint; max: bigint } {
  const b = BigInt(t.bits);
  return t.signed ? { min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n } : { min: 0n, max: (1n << b) - 1n };
}

/** `FStar.Int.size x n` / `FStar.UInt.size x n`: the no-overflow precondition of F*'s own
 *  machine `add`/`sub`/`mul`. */
export function sizeProp(t: IntTy, x: string): string {
  return `${t.signed ? 'FStar.Int' : 'FStar.UInt'}.size (${x}) ${t.bits}`;
}

export type TypeNames = {
  table: TypeTable;
  records: Map<string, { fstar: string; fields: string[] }>;
  unions: Map<string, { fstar: string; ctors: Map<number, string>; fields: Map<number, string[]> }>;
};

/** Claims F* names for every record, field, union and constructor of the program. */
export function nameTypes(table: TypeTable, ns: NameSpace): TypeNames {
  const records: TypeNames['records'] = new Map();
  const unions: TypeNames['unions'] = new Map();
  for (const [name, info] of table.records) {
    const fstar = claim(ns, name);
    records.set(name, { fstar, fields: info.fields.map((f) => claim(ns, `${fstar}_${f.name}`)) });
  }
  for (const [name, info] of table.unions) {
    const builtin = BUILTIN_UNIONS[name];
    if (builtin) {
      unions.set(name, {
        fstar: builtin.fstar,
        ctors: new Map(info.cases.map((c) => [c.tag, builtin.ctors[c.name] ?? c.name])),
        fields: new Map(info.cases.map((c) => [c.tag, c.fields.map(() => builtin.field[c.name] ?? 'v')])),
      });
      continue;
    }
    const fstar = claim(ns, name);
    const ctors = new Map<number, string>();
    const fields = new Map<number, string[]>();
    for (const c of info.cases) {
      ctors.set(c.tag, claim(ns, `${fstar}_${c.name}`, true));
      const local = new Set<string>();
      fields.set(
        c.tag,
        c.fields.map((f, i) => {
          let base = (f.name ?? `item${i + 1}`).replace(/[^A-Za-z0-9_]/g, '_');
          base = /^[A-Za-z]/.test(base) ? base[0]!.toLowerCase() + base.slice(1) : `f${base}`;
          let n = base;
          for (let k = 1; local.has(n) || isReserved(n); k++) n = `${base}_${k}`;
          local.add(n);
          return n;
        }),
      );
    }
    unions.set(name, { fstar, ctors, fields });
  }
  return { table, records, unions };
}

const BUILTIN_UNIONS: Record<string, { fstar: string; ctors: Record<string, string>; field: Record<string, string> }> = {
  option: { fstar: 'option', ctors: { None: 'None', Some: 'Some' }, field: { Some: 'v' } },
  voption: { fstar: 'option', ctors: { ValueNone: 'None', ValueSome: 'Some' }, field: { ValueSome: 'v' } },
  Result: { fstar: 'clef_result', ctors: { Ok: 'Ok', Error: 'Error' }, field: { Ok: 'v', Error: 'e' } },
};

export function isBuiltinUnion(name: string): boolean {
  return name in BUILTIN_UNIONS;
}

/** Wraps a type or term in parentheses unless it is one word. */
export function paren(s: string): string {
  return /^[\w.'?]+$/.test(s) || /^"([^"\\]|\\.)*"$/.test(s) || (s.startsWith('(') && balancedGroup(s)) ? s : `(${s})`;
}

function balancedGroup(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i === s.length - 1;
  }
  return false;
}

export function fstarType(tn: TypeNames, t: Type): string {
  switch (t.kind) {
    case 'int':
      return `${intModule(t)}.t`;
    case 'char':
      return 'U32.t';
    case 'bool':
    case 'unit':
    case 'string':
      return t.kind;
    case 'float':
      return t.bits === 64 ? 'float64' : 'float32';
    case 'ptr':
      return `B.buffer ${paren(fstarType(tn, t.elem))}`;
    case 'span':
      return `span ${paren(fstarType(tn, t.elem))}`;
    case 'arena':
      return 'arena';
    case 'region':
      return 'region';
    case 'tuple':
      return t.elems.length === 0 ? 'unit' : t.elems.map((e) => paren(fstarType(tn, e))).join(' & ');
    case 'record':
      return tn.records.get(t.name)?.fstar ?? unknownType(t);
    case 'union': {
      const u = tn.unions.get(t.name);
      if (!u) return unknownType(t);
      return [u.fstar, ...t.args.map((a) => paren(fstarType(tn, a)))].join(' ');
    }
    case 'fn':
    case 'var':
      return unknownType(t);
  }
}

function unknownType(t: Type): never {
  throw new Error(`fstar: no F* type for ${showType(t)}`);
}

/** Does F* know `=` on this type (an eqtype)? Spans, pointers, handles and the assumed
 *  float types are not. */
export function isEqType(tn: TypeTable, t: Type, seen = new Set<string>()): boolean {
  switch (t.kind) {
    case 'int':
    case 'char':
    case 'bool':
    case 'unit':
    case 'string':
      return true;
    case 'float':
    case 'ptr':
    case 'span':
    case 'arena':
    case 'region':
    case 'fn':
    case 'var':
      return false;
    case 'tuple':
      return t.elems.every((e) => isEqType(tn, e, seen));
    case 'record': {
      if (seen.has(t.name)) return true;
      seen.add(t.name);
      return (tn.records.get(t.name)?.fields ?? []).every((f) => isEqType(tn, f.ty, seen));
    }
    case 'union': {
      const key = `${t.name}<${t.args.map(showType).join(',')}>`;
      if (seen.has(key)) return true;
      seen.add(key);
      const info = tn.unions.get(t.name);
      return (info?.cases ?? []).every((c) => c.fields.every((f) => isEqType(tn, substParams(f.ty, t.args), seen)));
    }
  }
}

/** Can a value of this type refer to memory (a buffer, an arena or a region)? */
export function holdsMemory(tn: TypeTable, t: Type, seen = new Set<string>()): boolean {
  switch (t.kind) {
    case 'ptr':
    case 'span':
    case 'arena':
    case 'region':
      return true;
    case 'tuple':
      return t.elems.some((e) => holdsMemory(tn, e, seen));
    case 'record': {
      if (seen.has(t.name)) return false;
      seen.add(t.name);
      return (tn.records.get(t.name)?.fields ?? []).some((f) => holdsMemory(tn, f.ty, seen));
    }
    case 'union': {
      const info = tn.unions.get(t.name);
      return (info?.cases ?? []).some((c) => c.fields.some((f) => holdsMemory(tn, substParams(f.ty, t.args), seen)));
    }
    default:
      return false;
  }
}

/** `live h x` for every buffer, arena and region reachable in `x` (null when none):
 *  the F* form of "this value does not refer to dead memory". */
export function liveOf(tn: TypeNames, t: Type, x: string, h: string): string | null {
  switch (t.kind) {
    case 'span':
      return `B.live ${h} ${paren(x)}.ptr`;
    case 'ptr':
      return `B.live ${h} ${paren(x)}`;
    case 'arena':
      return `arena_live ${h} ${paren(x)}`;
    case 'region':
      return `region_live ${h} ${paren(x)}`;
    case 'tuple': {
      const parts = t.elems
        .map((e, i) => liveOf(tn, e, `Mktuple${t.elems.length}?._${i + 1} ${paren(x)}`, h))
        .filter((p): p is string => p !== null);
      return parts.length ? parts.map(paren).join(' /\\ ') : null;
    }
    case 'record': {
      const info = tn.table.records.get(t.name);
      const names = tn.records.get(t.name);
      if (!info || !names) return null;
      const parts = info.fields
        .map((f, i) => liveOf(tn, f.ty, `${paren(x)}.${names.fields[i]}`, h))
        .filter((p): p is string => p !== null);
      return parts.length ? parts.map(paren).join(' /\\ ') : null;
    }
    case 'union': {
      const info = tn.table.unions.get(t.name);
      const names = tn.unions.get(t.name);
      if (!info || !names) return null;
      const parts: string[] = [];
      for (const c of info.cases) {
        const ctor = names.ctors.get(c.tag)!;
        const fieldNames = names.fields.get(c.tag)!;
        const inner = c.fields
          .map((f, i) => liveOf(tn, substParams(f.ty, t.args), `${ctor}?.${fieldNames[i]} ${paren(x)}`, h))
          .filter((p): p is string => p !== null);
        if (inner.length) parts.push(`(${ctor}? ${paren(x)} ==> ${inner.map(paren).join(' /\\ ')})`);
      }
      return parts.length ? parts.join(' /\\ ') : null;
    }
    default:
      return null;
  }
}

/** The zero value of a type: what fresh stack, arena and region memory reads as. */
export function zeroOf(tn: TypeNames, t: Type): string {
  switch (t.kind) {
    case 'int':
      return intLit(t, 0n);
    case 'char':
      return '0ul';
    case 'bool':
      return 'false';
    case 'unit':
      return '()';
    case 'string':
      return '""';
    case 'float':
      return t.bits === 64 ? '(f64_of_bits 0UL)' : '(f32_of_bits 0ul)';
    case 'ptr':
      return `(B.null #${paren(fstarType(tn, t.elem))})`;
    case 'span':
      return `(empty_span #${paren(fstarType(tn, t.elem))})`;
    case 'arena':
      return 'arena_null';
    case 'region':
      return 'region_null';
    case 'tuple':
      return t.elems.length === 0 ? '()' : `(${t.elems.map((e) => zeroOf(tn, e)).join(', ')})`;
    case 'record': {
      const info = tn.table.records.get(t.name)!;
      const names = tn.records.get(t.name)!;
      return `{ ${info.fields.map((f, i) => `${names.fields[i]} = ${zeroOf(tn, f.ty)}`).join('; ')} }`;
    }
    case 'union': {
      const info = tn.table.unions.get(t.name)!;
      const c = info.cases.find((k) => k.tag === 0) ?? info.cases[0]!;
      return caseValue(tn, t, c.tag, c.fields.map((f) => zeroOf(tn, substParams(f.ty, t.args))));
    }
    case 'fn':
    case 'var':
      return unknownType(t);
  }
}

/** A constructor applied to payload atoms; the built-in generic unions get their type
 *  arguments explicitly, so no F* implicit is left to infer. */
export function caseValue(tn: TypeNames, t: Type, tag: number, payload: string[]): string {
  if (t.kind !== 'union') throw new Error('caseValue: not a union');
  const u = tn.unions.get(t.name)!;
  const ctor = u.ctors.get(tag)!;
  const implicits = isBuiltinUnion(t.name) ? t.args.map((a) => `#${paren(fstarType(tn, a))}`) : [];
  const parts = [ctor, ...implicits, ...payload.map(paren)];
  return parts.length === 1 ? ctor : `(${parts.join(' ')})`;
}

/** The F* type declarations of the program's records and unions, dependencies first. */
export function typeDecls(tn: TypeNames, used: Set<string>): string[] {
  const table = tn.table;
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const deps = (name: string): string[] => {
    const out: string[] = [];
    const visitT = (t: Type): void => {
      if (t.kind === 'record') out.push(`record:${t.name}`);
      else if (t.kind === 'union') {
        if (!isBuiltinUnion(t.name)) out.push(`union:${t.name}`);
        t.args.forEach(visitT);
      } else if (t.kind === 'tuple') t.elems.forEach(visitT);
      else if (t.kind === 'ptr' || t.kind === 'span') visitT(t.elem);
    };
    const [kind, n] = name.split(/:(.*)/s) as [string, string];
    if (kind === 'record') for (const f of table.records.get(n)?.fields ?? []) visitT(f.ty);
    else for (const c of table.unions.get(n)?.cases ?? []) for (const f of c.fields) visitT(f.ty);
    return out;
  };
  const visit = (name: string): void => {
    if (state.get(name)) return;
    state.set(name, 'visiting');
    for (const d of deps(name)) visit(d);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of [...used].sort()) visit(name);

  const out: string[] = [];
  for (const key of order) {
    const [kind, n] = key.split(/:(.*)/s) as [string, string];
    if (kind === 'record') {
      const info = table.records.get(n)!;
      const names = tn.records.get(n)!;
      const eq = isEqType(table, { kind: 'record', name: n });
      const fields = info.fields.map((f, i) => `${names.fields[i]}: ${fstarType(tn, f.ty)}`);
      out.push(`(* record ${n} *)`);
      if (fields.length === 0) out.push(`${eq ? '' : 'noeq '}type ${names.fstar} = | ${capital(names.fstar)}_unit : ${names.fstar}`);
      else out.push(`${eq ? '' : 'noeq '}type ${names.fstar} = {`, ...fields.map((f, i) => `  ${f}${i < fields.length - 1 ? ';' : ''}`), '}');
    } else {
      const info = table.unions.get(n)!;
      const names = tn.unions.get(n)!;
      const eq = isEqType(table, { kind: 'union', name: n, args: [] });
      out.push(`(* union ${n} *)`, `${eq ? '' : 'noeq '}type ${names.fstar} =`);
      for (const c of info.cases) {
        const fieldNames = names.fields.get(c.tag)!;
        const binders = c.fields.map((f, i) => `${fieldNames[i]}: ${fstarType(tn, f.ty)} -> `).join('');
        out.push(`  | ${names.ctors.get(c.tag)} : ${binders}${names.fstar}`);
      }
    }
    out.push('');
  }
  return out;
}

function capital(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Every user record and union a type mentions (keys `record:Name` / `union:Name`). */
export function collectTypeUses(t: Type, into: Set<string>): void {
  switch (t.kind) {
    case 'record':
      into.add(`record:${t.name}`);
      return;
    case 'union':
      if (!isBuiltinUnion(t.name)) into.add(`union:${t.name}`);
      t.args.forEach((a) => collectTypeUses(a, into));
      return;
    case 'tuple':
      t.elems.forEach((e) => collectTypeUses(e, into));
      return;
    case 'ptr':
    case 'span':
      collectTypeUses(t.elem, into);
      return;
    default:
      return;
  }
}
