// Pattern helpers shared by match compilation, exhaustiveness and lambda lifting.
import type { Pattern } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import type { Type, TypeTable } from '../types/types.ts';
import { lookupCase } from './type-util.ts';
import type { CaseLookup } from './type-util.ts';

/** Drops type annotations, which do not change what a pattern matches. */
export function unwrapPattern(p: Pattern): Pattern {
  return p.kind === 'PAnnot' ? unwrapPattern(p.pat) : p;
}

/** The union case a pattern tests, if any. As in F#, a plain name that is a case of the
 *  scrutinee's union (`| Red ->`) is that case, not a new variable. */
export function caseOfPattern(table: TypeTable, p: Pattern, ty: Type): CaseLookup | null {
  if (p.kind === 'PVar') {
    if (ty.kind !== 'union') return null;
    const u = table.unions.get(ty.name);
    const info = u?.cases.find((c) => c.name === p.name || `${ty.name}.${c.name}` === p.name);
    return u && info ? { union: u, info } : null;
  }
  if (p.kind !== 'PCase') return null;
  if (p.res) {
    const u = table.unions.get(p.res.union);
    const info = u?.cases.find((c) => c.name === p.res!.caseName);
    if (u && info) return { union: u, info };
  }
  const found = lookupCase(table, p.name, ty);
  if (!found) throw errorAt(p.span, `unknown union case ${p.name}`);
  return found;
}

/** The payload patterns of a case pattern, one per field: `C (x, y)` and `C _` both
 *  become two patterns for a two-field case. */
export function caseArgPatterns(p: Pattern & { kind: 'PCase' }, n: number): Pattern[] {
  const wild = (): Pattern => ({ kind: 'PWild', span: p.span });
  if (p.args.length === 0) return Array.from({ length: n }, wild);
  if (n === 0) {
    const a = unwrapPattern(p.args[0]!);
    if (p.args.length === 1 && (a.kind === 'PWild' || (a.kind === 'PLit' && a.lit.kind === 'LUnit'))) return [];
    throw errorAt(p.span, `the union case ${p.name} has no payload`);
  }
  if (p.args.length === n) return p.args;
  if (p.args.length === 1) {
    const a = unwrapPattern(p.args[0]!);
    if (a.kind === 'PTuple' && a.items.length === n) return a.items;
    if (a.kind === 'PWild') return Array.from({ length: n }, wild);
    if (a.kind === 'PVar')
      throw errorAt(a.span, `not supported yet: binding the ${n} fields of ${p.name} to one name (write ${p.name} (a, b, ...))`);
  }
  throw errorAt(p.span, `the union case ${p.name} has ${n} fields but the pattern has ${p.args.length}`);
}

/** The names a pattern binds, in order. Names that are union cases are included (callers
 *  use this only to shadow outer names, where an extra name is harmless). */
export function patternVars(p: Pattern, out: string[] = []): string[] {
  switch (p.kind) {
    case 'PVar':
      out.push(p.name);
      break;
    case 'PAs':
      patternVars(p.pat, out);
      out.push(p.name);
      break;
    case 'PTuple':
      for (const it of p.items) patternVars(it, out);
      break;
    case 'PCase':
      for (const it of p.args) patternVars(it, out);
      break;
    case 'PRecord':
      for (const f of p.fields) patternVars(f.pat, out);
      break;
    case 'POr':
      if (p.alts[0]) patternVars(p.alts[0], out);
      break;
    case 'PAnnot':
      patternVars(p.pat, out);
      break;
    case 'PWild':
    case 'PLit':
      break;
  }
  return out;
}
