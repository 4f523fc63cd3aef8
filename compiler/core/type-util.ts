// Type questions the elaborator asks: which operations carry obligations, which values may
// hold memory (for escape obligations), where a union case or record field lives.
import type { Span } from '../syntax/ast.ts';
import { caseFieldTypes, showType } from '../types/types.ts';
import type { Type, TypeTable, UnionCaseInfo, UnionInfo } from '../types/types.ts';
import type { CoreConst } from './core.ts';

/** An internal error: the input was not what the type checker promises. Not a user error. */
export function internal(msg: string): Error {
  return new Error(`internal error in compiler/core (elaborator): ${msg}`);
}

/** The type the checker stored on a node; unresolved variables (a value nobody uses) are
 *  defaulted to unit, so Core is free of `var`. */
export function typeOf(node: { ty?: Type; span: Span }, what = 'expression'): Type {
  if (!node.ty) throw internal(`${what} at ${node.span.file}:${node.span.line}:${node.span.col} has no type (was the program type-checked?)`);
  return concrete(node.ty);
}

function hasVar(t: Type): boolean {
  switch (t.kind) {
    case 'var':
      return true;
    case 'ptr':
    case 'span':
      return hasVar(t.elem);
    case 'tuple':
      return t.elems.some(hasVar);
    case 'union':
      return t.args.some(hasVar);
    case 'fn':
      return t.params.some(hasVar) || hasVar(t.ret);
    default:
      return false;
  }
}

export function concrete(t: Type): Type {
  return hasVar(t) ? defaultVars(t) : t;
}

function defaultVars(t: Type): Type {
  switch (t.kind) {
    case 'var':
      return { kind: 'unit' };
    case 'ptr':
    case 'span':
      return { kind: t.kind, elem: defaultVars(t.elem) };
    case 'tuple':
      return { kind: 'tuple', elems: t.elems.map(defaultVars) };
    case 'union':
      return { kind: 'union', name: t.name, args: t.args.map(defaultVars) };
    case 'fn':
      return { kind: 'fn', params: t.params.map(defaultVars), ret: defaultVars(t.ret) };
    default:
      return t;
  }
}

export function isInt(t: Type): boolean {
  return t.kind === 'int';
}

export function isSignedInt(t: Type): boolean {
  return t.kind === 'int' && t.signed;
}

/** Can a value of this type refer to memory (a pointer, span, arena or region handle)?
 *  Such a result is what escape obligations are about. */
export function mayHoldMemory(t: Type, table: TypeTable, seen = new Set<string>()): boolean {
  switch (t.kind) {
    case 'ptr':
    case 'span':
    case 'arena':
    case 'region':
      return true;
    case 'tuple':
      return t.elems.some((e) => mayHoldMemory(e, table, seen));
    case 'record': {
      if (seen.has(t.name)) return false;
      seen.add(t.name);
      const info = table.records.get(t.name);
      return !!info && info.fields.some((f) => mayHoldMemory(f.ty, table, seen));
    }
    case 'union': {
      const key = showType(t);
      if (seen.has(key)) return false;
      seen.add(key);
      const info = table.unions.get(t.name);
      if (!info) return false;
      return info.cases.some((c) => caseFieldTypes(table, t, c.name).some((f) => mayHoldMemory(f, table, seen)));
    }
    default:
      return false;
  }
}

export type CaseLookup = { union: UnionInfo; info: UnionCaseInfo };

/** A union case by name: `Shape.Circle` names its union; otherwise the expected type's
 *  union is searched first, then every union (a later declaration hides an earlier one,
 *  as in F#). */
export function lookupCase(table: TypeTable, name: string, expected: Type | null): CaseLookup | null {
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const u = table.unions.get(name.slice(0, dot));
    const info = u?.cases.find((c) => c.name === name.slice(dot + 1));
    if (u && info) return { union: u, info };
  }
  if (expected?.kind === 'union') {
    const u = table.unions.get(expected.name);
    const info = u?.cases.find((c) => c.name === name);
    if (u && info) return { union: u, info };
  }
  let found: CaseLookup | null = null;
  for (const u of table.unions.values()) {
    const info = u.cases.find((c) => c.name === name);
    if (info) found = { union: u, info };
  }
  return found;
}

export function recordFields(table: TypeTable, t: Type): { name: string; ty: Type }[] {
  if (t.kind !== 'record') throw internal(`expected a record type, got ${showType(t)}`);
  const info = table.records.get(t.name);
  if (!info) throw internal(`unknown record type ${t.name}`);
  return info.fields;
}

/** The zero of a scalar element type (`Array.zeroCreate`); undefined when there is none. */
export function zeroOf(t: Type): CoreConst | undefined {
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
    default:
      return undefined;
  }
}
