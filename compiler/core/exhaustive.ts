// Exhaustiveness of a match, by the usefulness test of Maranget ("Warnings for pattern
// matching", JFP 2007): a match is exhaustive iff the wildcard row is not useful after its
// unguarded clauses. Patterns are first reduced to constructors with their signature size:
// bool has 2, a union its case count, tuples/records/unit 1; literals of other types have
// an infinite signature (only a wildcard completes them).
import type { Pattern } from '../syntax/ast.ts';
import type { Type, TypeTable } from '../types/types.ts';
import { caseFieldTypes } from '../types/types.ts';
import { caseOfPattern, caseArgPatterns, unwrapPattern } from './patterns.ts';
import { recordFields } from './type-util.ts';

export type SPat =
  | { k: 'wild' }
  | { k: 'ctor'; key: string; total: number | null; args: SPat[] }
  | { k: 'or'; alts: SPat[] };

const WILD: SPat = { k: 'wild' };

export function toSPat(table: TypeTable, p: Pattern, ty: Type): SPat {
  const q = unwrapPattern(p);
  switch (q.kind) {
    case 'PWild':
      return WILD;
    case 'PVar': {
      const c = caseOfPattern(table, q, ty);
      return c ? { k: 'ctor', key: `case:${c.info.tag}`, total: c.union.cases.length, args: c.info.fields.map(() => WILD) } : WILD;
    }
    case 'PAs':
      return toSPat(table, q.pat, ty);
    case 'PLit': {
      const l = q.lit;
      if (l.kind === 'LUnit') return { k: 'ctor', key: '()', total: 1, args: [] };
      if (l.kind === 'LBool') return { k: 'ctor', key: String(l.value), total: 2, args: [] };
      const v = l.kind === 'LString' ? JSON.stringify(l.value) : String(l.value);
      return { k: 'ctor', key: `lit:${v}`, total: null, args: [] };
    }
    case 'PTuple': {
      const elems = ty.kind === 'tuple' ? ty.elems : [];
      return { k: 'ctor', key: 'tuple', total: 1, args: q.items.map((it, i) => toSPat(table, it, elems[i] ?? ty)) };
    }
    case 'PRecord': {
      const fields = recordFields(table, ty);
      const args = fields.map((f) => {
        const given = q.fields.find((g) => g.name === f.name);
        return given ? toSPat(table, given.pat, f.ty) : WILD;
      });
      return { k: 'ctor', key: 'record', total: 1, args };
    }
    case 'PCase': {
      const c = caseOfPattern(table, q, ty)!;
      const ftys = caseFieldTypes(table, ty, c.info.name);
      const args = caseArgPatterns(q, ftys.length).map((a, i) => toSPat(table, a, ftys[i]!));
      return { k: 'ctor', key: `case:${c.info.tag}`, total: c.union.cases.length, args };
    }
    case 'POr':
      return { k: 'or', alts: q.alts.map((a) => toSPat(table, a, ty)) };
    case 'PAnnot':
      return toSPat(table, q.pat, ty);
  }
}

function expandOr(rows: SPat[][]): SPat[][] {
  const out: SPat[][] = [];
  const stack = [...rows].reverse();
  while (stack.length) {
    const r = stack.pop()!;
    const h = r[0]!;
    if (h.k === 'or') for (let i = h.alts.length - 1; i >= 0; i--) stack.push([h.alts[i]!, ...r.slice(1)]);
    else out.push(r);
  }
  return out;
}

function specialize(rows: SPat[][], key: string, arity: number): SPat[][] {
  const out: SPat[][] = [];
  for (const r of rows) {
    const h = r[0]!;
    if (h.k === 'wild') out.push([...Array<SPat>(arity).fill(WILD), ...r.slice(1)]);
    else if (h.k === 'ctor' && h.key === key) out.push([...h.args, ...r.slice(1)]);
  }
  return out;
}

/** Is there a value matched by `q` and by no row? */
export function useful(rows: SPat[][], q: SPat[]): boolean {
  if (q.length === 0) return rows.length === 0;
  const rs = expandOr(rows);
  const h = q[0]!;
  const t = q.slice(1);
  if (h.k === 'or') return h.alts.some((a) => useful(rs, [a, ...t]));
  if (h.k === 'ctor') return useful(specialize(rs, h.key, h.args.length), [...h.args, ...t]);
  const seen = new Map<string, { arity: number; total: number | null }>();
  for (const r of rs) {
    const c = r[0]!;
    if (c.k === 'ctor' && !seen.has(c.key)) seen.set(c.key, { arity: c.args.length, total: c.total });
  }
  const total = seen.size ? [...seen.values()][0]!.total : null;
  if (total !== null && seen.size === total) {
    return [...seen].some(([key, { arity }]) => useful(specialize(rs, key, arity), [...Array<SPat>(arity).fill(WILD), ...t]));
  }
  return useful(
    rs.filter((r) => r[0]!.k === 'wild').map((r) => r.slice(1)),
    t,
  );
}

/** The index of the clause with which the unguarded clauses so far match every value,
 *  or -1 when the match is not (proved) exhaustive. Clauses after it can never run. */
export function coveringClause(rows: SPat[], guarded: boolean[]): number {
  const unguarded = rows.filter((_, i) => !guarded[i]).map((r) => [r]);
  if (useful(unguarded, [WILD])) return -1;
  const acc: SPat[][] = [];
  for (let i = 0; i < rows.length; i++) {
    if (guarded[i]) continue;
    acc.push([rows[i]!]);
    if (!useful(acc, [WILD])) return i;
  }
  return -1;
}
