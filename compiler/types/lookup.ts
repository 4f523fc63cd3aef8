// Finding named things of the type table: union cases (plain `Some` or qualified
// `Shape.Circle`) and the record type that a set of field names belongs to.
import type { CaseRef, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import type { Checker } from './context.ts';
import { fresh } from './infer.ts';
import { substParams } from './types.ts';
import type { RecordInfo, Type, UnionInfo } from './types.ts';

export type FoundCase = { ref: CaseRef; info: UnionInfo };

/** A union case by name; a qualified `U.C` names the union explicitly. */
export function lookupCase(cx: Checker, name: string): FoundCase | null {
  const dot = name.lastIndexOf('.');
  const unionName = dot >= 0 ? name.slice(0, dot) : cx.ts.caseIndex.get(name);
  const caseName = dot >= 0 ? name.slice(dot + 1) : name;
  if (unionName === undefined) return null;
  const info = cx.ts.table.unions.get(unionName === 'Option' ? 'option' : unionName === 'ValueOption' ? 'voption' : unionName);
  const c = info?.cases.find((k) => k.name === caseName);
  if (!info || !c) return null;
  return { ref: { union: info.name, caseName: c.name, tag: c.tag }, info };
}

/** Whether a name is a union type (for a qualified case `Shape.Circle`). */
export function isUnionName(cx: Checker, name: string): boolean {
  return cx.ts.table.unions.has(name) || name === 'Option' || name === 'ValueOption';
}

/** The union type of a case, with fresh type arguments for a generic built-in union, and
 *  the case's payload types at those arguments. */
export function instantiateCase(cx: Checker, found: FoundCase): { union: Type; fields: Type[] } {
  const args = found.info.params.map(() => fresh(cx.s));
  const c = found.info.cases[found.ref.tag]!;
  return { union: { kind: 'union', name: found.info.name, args }, fields: c.fields.map((f) => substParams(f.ty, args)) };
}

/** The record type for a set of field names, as F# finds it: the LAST declared record
 *  that has all of them. */
export function recordByFields(cx: Checker, names: string[], span: Span, spans: Span[]): RecordInfo {
  const records = [...cx.ts.table.records.values()];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (names.every((n) => r.fields.some((f) => f.name === n))) return r;
  }
  const unknown = names.findIndex((n) => !records.some((r) => r.fields.some((f) => f.name === n)));
  if (unknown >= 0) throw errorAt(spans[unknown] ?? span, `unknown record field ${names[unknown]}`);
  throw errorAt(span, `no record type has all the fields ${names.join(', ')}`);
}
