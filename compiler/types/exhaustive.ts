// Exhaustiveness and redundancy of matches by the pattern-matrix method (Maranget,
// "Warnings for pattern matching"): a match is exhaustive when the all-wildcard row is
// not useful after its rules; a rule is redundant when it is not useful after the rules
// before it. Guarded rules do not count as covering anything. Constructors are union
// cases, true/false, unit, and the single constructor of tuples and records; integer,
// char, string and float literals never form a complete set (a wildcard is needed).
import type { Pattern } from '../syntax/ast.ts';
import { caseFieldTypes } from './types.ts';
import type { Type, TypeTable } from './types.ts';

type Con = { id: string; arity: number; label: string; shape: 'case' | 'tuple' | 'record' | 'const'; fields?: string[] };
type SP = { k: 'any' } | { k: 'con'; con: Con; args: SP[] } | { k: 'or'; alts: SP[] };
type Row = SP[];

const ANY: SP = { k: 'any' };
const anys = (n: number): SP[] => Array.from({ length: n }, () => ANY);

function constCon(id: string, label: string): Con {
  return { id, arity: 0, label, shape: 'const' };
}

function tupleCon(n: number): Con {
  return { id: 'tuple', arity: n, label: '', shape: 'tuple' };
}

/** Every constructor of a type, or null when there are infinitely many (or none). */
function consOf(table: TypeTable, t: Type): Con[] | null {
  switch (t.kind) {
    case 'bool':
      return [constCon('true', 'true'), constCon('false', 'false')];
    case 'unit':
      return [constCon('()', '()')];
    case 'tuple':
      return [tupleCon(t.elems.length)];
    case 'record': {
      const info = table.records.get(t.name);
      if (!info) return null;
      return [{ id: 'record', arity: info.fields.length, label: t.name, shape: 'record', fields: info.fields.map((f) => f.name) }];
    }
    case 'union': {
      const info = table.unions.get(t.name);
      if (!info) return null;
      return info.cases.map((c) => ({ id: c.name, arity: c.fields.length, label: c.name, shape: 'case' }));
    }
    default:
      return null;
  }
}

function argTypes(table: TypeTable, t: Type, c: Con): Type[] {
  switch (t.kind) {
    case 'tuple':
      return t.elems;
    case 'record':
      return table.records.get(t.name)?.fields.map((f) => f.ty) ?? [];
    case 'union':
      return caseFieldTypes(table, t, c.id);
    default:
      return [];
  }
}

function simplify(table: TypeTable, p: Pattern): SP {
  switch (p.kind) {
    case 'PWild':
    case 'PVar':
      return ANY;
    case 'PAs':
    case 'PAnnot':
      return simplify(table, p.pat);
    case 'POr':
      return { k: 'or', alts: p.alts.map((a) => simplify(table, a)) };
    case 'PTuple':
      return { k: 'con', con: tupleCon(p.items.length), args: p.items.map((i) => simplify(table, i)) };
    case 'PCase': {
      const ty = p.ty;
      const cons = ty ? consOf(table, ty) : null;
      const con = cons?.find((c) => c.id === (p.res?.caseName ?? p.name));
      if (!con) return ANY;
      const args = p.args.length === con.arity ? p.args.map((a) => simplify(table, a)) : anys(con.arity);
      return { k: 'con', con, args };
    }
    case 'PRecord': {
      const con = p.ty ? consOf(table, p.ty)?.[0] : undefined;
      if (!con || con.shape !== 'record') return ANY;
      const args = anys(con.arity);
      for (const f of p.fields) {
        const i = con.fields!.indexOf(f.name);
        if (i >= 0) args[i] = simplify(table, f.pat);
      }
      return { k: 'con', con, args };
    }
    case 'PLit': {
      const l = p.lit;
      switch (l.kind) {
        case 'LBool':
          return { k: 'con', con: constCon(String(l.value), String(l.value)), args: [] };
        case 'LUnit':
          return { k: 'con', con: constCon('()', '()'), args: [] };
        case 'LInt':
          return { k: 'con', con: constCon(`i${l.value}`, String(l.value)), args: [] };
        case 'LFloat':
          return { k: 'con', con: constCon(`f${l.value}`, String(l.value)), args: [] };
        case 'LChar':
          return { k: 'con', con: constCon(`c${l.value}`, `'${String.fromCodePoint(l.value)}'`), args: [] };
        case 'LString':
          return { k: 'con', con: constCon(`s${JSON.stringify(l.value)}`, JSON.stringify(l.value)), args: [] };
      }
    }
  }
}

/** Rows with an or-pattern in the first column become one row per alternative. */
function expandOr(rows: Row[]): Row[] {
  const out: Row[] = [];
  const push = (r: Row) => {
    const h = r[0];
    if (h && h.k === 'or') for (const a of h.alts) push([a, ...r.slice(1)]);
    else out.push(r);
  };
  rows.forEach(push);
  return out;
}

function headCons(rows: Row[]): Map<string, Con> {
  const m = new Map<string, Con>();
  for (const r of rows) {
    const h = r[0];
    if (h && h.k === 'con') m.set(h.con.id, h.con);
  }
  return m;
}

function specialize(rows: Row[], c: Con): Row[] {
  const out: Row[] = [];
  for (const r of rows) {
    const h = r[0]!;
    if (h.k === 'any') out.push([...anys(c.arity), ...r.slice(1)]);
    else if (h.k === 'con' && h.con.id === c.id) out.push([...h.args, ...r.slice(1)]);
  }
  return out;
}

function defaultRows(rows: Row[]): Row[] {
  return rows.filter((r) => r[0]!.k === 'any').map((r) => r.slice(1));
}

/** A value of this type that none of the given literal constructors matches. */
function freshLiteral(t: Type, used: Map<string, Con>): Con {
  for (let i = 0; ; i++) {
    let c: Con;
    if (t.kind === 'char') c = constCon(`c${97 + i}`, `'${String.fromCharCode(97 + (i % 26))}'`);
    else if (t.kind === 'string') c = constCon(`s${JSON.stringify('a'.repeat(i))}`, JSON.stringify('a'.repeat(i)));
    else if (t.kind === 'float') c = constCon(`f${i}`, `${i}.0`);
    else c = constCon(`i${i}`, String(i));
    if (!used.has(c.id)) return c;
  }
}

/** A vector of patterns matched by no row (a counterexample), or null if there is none. */
function witness(table: TypeTable, rows: Row[], tys: Type[]): SP[] | null {
  if (tys.length === 0) return rows.length === 0 ? [] : null;
  rows = expandOr(rows);
  const ty = tys[0]!;
  const rest = tys.slice(1);
  const all = consOf(table, ty);
  const heads = headCons(rows);
  if (all && all.length > 0 && all.every((c) => heads.has(c.id))) {
    for (const c of all) {
      const w = witness(table, specialize(rows, c), [...argTypes(table, ty, c), ...rest]);
      if (w) return [{ k: 'con', con: c, args: w.slice(0, c.arity) }, ...w.slice(c.arity)];
    }
    return null;
  }
  const w = witness(table, defaultRows(rows), rest);
  if (!w) return null;
  let head: SP = ANY;
  const missing = all?.find((c) => !heads.has(c.id));
  if (missing) head = { k: 'con', con: missing, args: anys(missing.arity) };
  else if (heads.size > 0) head = { k: 'con', con: freshLiteral(ty, heads), args: [] };
  return [head, ...w];
}

/** Whether the vector `q` matches some value that no row matches. */
function useful(table: TypeTable, rows: Row[], q: Row, tys: Type[]): boolean {
  if (q.length === 0) return rows.length === 0;
  rows = expandOr(rows);
  const h = q[0]!;
  const ty = tys[0]!;
  const rest = tys.slice(1);
  if (h.k === 'or') return h.alts.some((a) => useful(table, rows, [a, ...q.slice(1)], tys));
  if (h.k === 'con') {
    return useful(table, specialize(rows, h.con), [...h.args, ...q.slice(1)], [...argTypes(table, ty, h.con), ...rest]);
  }
  const all = consOf(table, ty);
  const heads = headCons(rows);
  if (all && all.length > 0 && all.every((c) => heads.has(c.id))) {
    return all.some((c) => useful(table, specialize(rows, c), [...anys(c.arity), ...q.slice(1)], [...argTypes(table, ty, c), ...rest]));
  }
  return useful(table, defaultRows(rows), q.slice(1), rest);
}

function render(p: SP): string {
  if (p.k === 'any') return '_';
  if (p.k === 'or') return p.alts.map(render).join(' | ');
  const { con, args } = p;
  switch (con.shape) {
    case 'const':
      return con.label;
    case 'tuple':
      return `(${args.map(render).join(', ')})`;
    case 'record': {
      const given = args.map((a, i) => [con.fields![i]!, a] as const).filter(([, a]) => a.k !== 'any');
      return given.length ? `{ ${given.map(([f, a]) => `${f} = ${render(a)}`).join('; ')} }` : '_';
    }
    case 'case': {
      if (args.length === 0) return con.label;
      if (args.length === 1) {
        const a = render(args[0]!);
        return `${con.label} ${/\s/.test(a) && !a.startsWith('(') && !a.startsWith('{') ? `(${a})` : a}`;
      }
      return `${con.label} (${args.map(render).join(', ')})`;
    }
  }
}

export type MatchReport = {
  /** A value no rule matches, in Clef syntax, and whether it is a bare union case. */
  missing: { text: string; isCase: boolean } | null;
  /** Indices of rules that can never match. */
  redundant: number[];
};

/** Analyses a match over a fully resolved scrutinee type. */
export function analyseMatch(table: TypeTable, scrutinee: Type, rules: { pat: Pattern; guarded: boolean }[]): MatchReport {
  const rows = rules.map((r) => [simplify(table, r.pat)]);
  const redundant: number[] = [];
  const covering: Row[] = [];
  rows.forEach((row, i) => {
    if (!useful(table, covering, row, [scrutinee])) redundant.push(i);
    if (!rules[i]!.guarded) covering.push(row);
  });
  const w = witness(table, covering, [scrutinee]);
  const missing = w ? { text: render(w[0]!), isCase: w[0]!.k === 'con' && w[0]!.con.shape === 'case' } : null;
  return { missing, redundant };
}
