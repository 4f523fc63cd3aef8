// Named types: the program's TypeTable (records, unions, aliases, in declaration order)
// and the resolution of type syntax to types. As in F#, a type may only mention types
// declared before it; a type that contains itself is rejected (values are stored by value,
// there is no heap to put the recursion in).
import type { Attribute, TypeDecl, TypeExpr } from '../syntax/ast.ts';
import { DiagnosticError, errorAt } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { builtinUnions } from './builtins.ts';
import { didYouMean } from './suggest.ts';
import { T, intType } from './types.ts';
import type { RecordInfo, Type, TypeTable, UnionInfo } from './types.ts';

export type TypeScope = {
  table: TypeTable;
  aliases: Map<string, Type>;
  /** Union case name -> union name; a later union's case hides an earlier one (as F#). */
  caseIndex: Map<string, string>;
};

const PRIMITIVES: Record<string, Type> = {
  int: T.int,
  int8: intType(8, true),
  sbyte: intType(8, true),
  int16: intType(16, true),
  int32: intType(32, true),
  int64: intType(64, true),
  nativeint: intType(64, true),
  uint8: intType(8, false),
  byte: intType(8, false),
  uint16: intType(16, false),
  uint32: intType(32, false),
  uint64: intType(64, false),
  unativeint: intType(64, false),
  bool: T.bool,
  unit: T.unit,
  float: T.float,
  double: T.float,
  float32: { kind: 'float', bits: 32 },
  single: { kind: 'float', bits: 32 },
  char: T.char,
  string: T.string,
  Arena: { kind: 'arena' },
  Region: { kind: 'region' },
};

/** Generic built-in type constructors and their arity. `array`/`[]` (from `string[]`,
 *  e.g. main's argv) is a span: Clef arrays are spans over static storage. */
const CONSTRUCTORS: Record<string, number> = {
  nativeptr: 1,
  Span: 1,
  array: 1,
  '[]': 1,
  option: 1,
  voption: 1,
  ValueOption: 1,
  Option: 1,
  Result: 2,
};

export function newTypeScope(): TypeScope {
  const unions = new Map<string, UnionInfo>();
  const caseIndex = new Map<string, string>();
  for (const u of builtinUnions()) {
    unions.set(u.name, u);
    for (const c of u.cases) caseIndex.set(c.name, u.name);
  }
  return { table: { records: new Map(), unions }, aliases: new Map(), caseIndex };
}

function knownTypeNames(ts: TypeScope): string[] {
  return [...Object.keys(PRIMITIVES), ...Object.keys(CONSTRUCTORS), ...ts.table.records.keys(), ...ts.table.unions.keys(), ...ts.aliases.keys()];
}

/** Resolves type syntax. `self` names a type being declared (mentioning it is an error). */
export function resolveTypeExpr(ts: TypeScope, te: TypeExpr, self: string | null = null): Type {
  switch (te.kind) {
    case 'TFun':
      throw errorAt(te.span, 'function types are not supported yet (closures as first-class values are not in Clef v1)');
    case 'TTuple':
      return { kind: 'tuple', elems: te.items.map((i) => resolveTypeExpr(ts, i, self)) };
    case 'TName': {
      const { name, args } = te;
      if (name === self) {
        throw errorAt(te.span, `recursive type ${name} is not supported yet (values are stored by value, with no heap for the recursion)`);
      }
      if (name.startsWith("'")) throw errorAt(te.span, `generic type parameters (${name}) are not supported yet`);
      const arity = CONSTRUCTORS[name];
      if (arity !== undefined) {
        if (args.length !== arity) {
          throw errorAt(te.span, `type ${name} expects ${arity} type argument${arity === 1 ? '' : 's'} but is given ${args.length}`);
        }
        const a = args.map((x) => resolveTypeExpr(ts, x, self));
        switch (name) {
          case 'nativeptr':
            return { kind: 'ptr', elem: a[0]! };
          case 'Span':
          case 'array':
          case '[]':
            return { kind: 'span', elem: a[0]! };
          case 'option':
          case 'Option':
            return { kind: 'union', name: 'option', args: a };
          case 'voption':
          case 'ValueOption':
            return { kind: 'union', name: 'voption', args: a };
          default:
            return { kind: 'union', name: 'Result', args: a };
        }
      }
      const prim = PRIMITIVES[name] ?? ts.aliases.get(name) ?? named(ts, name);
      if (!prim) throw errorAt(te.span, `unknown type ${name}${didYouMean(name, knownTypeNames(ts))}`);
      if (args.length > 0) throw errorAt(te.span, `type ${name} takes no type arguments`);
      return prim;
    }
  }
}

function named(ts: TypeScope, name: string): Type | null {
  if (ts.table.records.has(name)) return { kind: 'record', name };
  const u = ts.table.unions.get(name);
  if (u && u.params.length === 0) return { kind: 'union', name, args: [] };
  return null;
}

function checkTypeAttrs(attrs: Attribute[]): boolean {
  let struct = false;
  for (const a of attrs) {
    if (a.name === 'Struct') struct = true;
    else throw errorAt(a.span, `attribute ${a.name} is not supported yet on a type`);
  }
  return struct;
}

/** Adds a type declaration to the scope (errors: duplicates, unknown or recursive types). */
export function declareType(ts: TypeScope, d: TypeDecl): void {
  const struct = checkTypeAttrs(d.attrs);
  const name = d.name;
  if (name in PRIMITIVES || name in CONSTRUCTORS || ts.table.records.has(name) || ts.table.unions.has(name) || ts.aliases.has(name)) {
    throw errorAt(d.span, `duplicate definition of type ${name}`);
  }
  const errors: Diagnostic[] = [];
  const attempt = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DiagnosticError) errors.push(...e.diagnostics);
      else throw e;
    }
  };
  const body = d.body;
  switch (body.kind) {
    case 'AliasType':
      ts.aliases.set(name, resolveTypeExpr(ts, body.type, name));
      return;
    case 'RecordType': {
      const info: RecordInfo = { name, struct, fields: [] };
      const seen = new Set<string>();
      for (const f of body.fields) {
        attempt(() => {
          if (seen.has(f.name)) throw errorAt(f.span, `duplicate field ${f.name} in record ${name}`);
          seen.add(f.name);
          info.fields.push({ name: f.name, ty: resolveTypeExpr(ts, f.type, name) });
        });
      }
      if (errors.length) throw new DiagnosticError(errors);
      ts.table.records.set(name, info);
      return;
    }
    case 'UnionType': {
      const info: UnionInfo = { name, params: [], cases: [] };
      const seen = new Set<string>();
      body.cases.forEach((c, tag) => {
        attempt(() => {
          if (seen.has(c.name)) throw errorAt(c.span, `duplicate case ${c.name} in union ${name}`);
          seen.add(c.name);
          const fieldNames = new Set<string>();
          const fields = c.fields.map((f) => {
            if (f.name !== null) {
              if (fieldNames.has(f.name)) throw errorAt(f.span, `duplicate field ${f.name} in case ${c.name}`);
              fieldNames.add(f.name);
            }
            return { name: f.name, ty: resolveTypeExpr(ts, f.type, name) };
          });
          info.cases.push({ name: c.name, tag, fields });
        });
      });
      if (errors.length) throw new DiagnosticError(errors);
      ts.table.unions.set(name, info);
      for (const c of info.cases) ts.caseIndex.set(c.name, name);
      return;
    }
  }
}
