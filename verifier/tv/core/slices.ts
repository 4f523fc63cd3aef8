// The assumptions a part of the mismatch can use: its slice (core-calls, round 7). A Core ->
// MLIR query assumes facts about every call, string and copy loop of the function (crc32's
// `main`: 1285 assertions besides the target's UB), while one UB condition — a copy loop's
// load within its source string — mentions a handful of unknowns: a call's result words and
// its block's size. Handed all of them, the solver bit-blasts every assumption (native z3:
// 1.7 M resource units for one such condition, 0.6 M with the three assertions it shares
// unknowns with).
// The slice: the assertions connected to the part through shared unknowns — free constants,
// and the elements at literal indices of an array constant that is read only at literal
// indices (`call.res.5[1]` and `call.res.5[2]` are two unknowns; `call.havoc` read at a
// symbolic index is one). Connected = sharing a subterm (other than a literal), transitively.
// A disjunction's members are sliced apart (they are alternatives: each with the assumptions
// it is connected to), members with the same slice checked together.
// Sound: a slice is a subset of the assertions, so an unsat slice is an unsat query (fewer
// assumptions only add models). A model of a slice is not used (it says nothing of the rest):
// the caller then checks the part with every assertion, for a model of the whole query.
import type { Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';

const isLit = (t: Term) => t.kind === 'bv' || t.kind === 'bool' || t.kind === 'int';
const isOr = (t: Term): t is Term & { kind: 'app' } => t.kind === 'app' && t.op === 'or';

function children(t: Term): Term[] {
  return t.kind === 'app' ? t.args : t.kind === 'constArray' ? [t.value] : t.kind === 'quant' || t.kind === 'lambda' ? [...t.vars, t.body] : [];
}

/** Array constants read only at literal indices (every occurrence `select(a, literal)`). */
function splittableArrays(roots: Term[]): Set<number> {
  const arrays = new Set<number>();
  const bad = new Set<number>();
  walk(roots, (t) => {
    if (t.kind === 'var' && t.sort.kind === 'array') arrays.add(t.id);
    children(t).forEach((c, k) => {
      if (c.kind !== 'var' || c.sort.kind !== 'array') return;
      const ok = t.kind === 'app' && t.op === 'select' && k === 0 && isLit(t.args[1]!);
      if (!ok) bad.add(c.id);
    });
  });
  for (const b of bad) arrays.delete(b);
  return arrays;
}

export type Slice = { assertions: Term[]; members: Term[] };

/** The part `p` as groups of its disjunction's members (one group: `p` itself when it is no
 *  disjunction), each with the assertions of `base` it is connected to. The disjunction of
 *  the groups' members is `p`; unsat of every group with its slice is unsat of `base`
 *  with `p`. */
export function sliceParts(base: Term[], p: Term): Slice[] {
  const split = splittableArrays([...base, p]);
  // an element of a split array at a literal index: a leaf (its array is no link)
  const leaf = (t: Term) => t.kind === 'app' && t.op === 'select' && t.args[0]!.kind === 'var' && split.has(t.args[0]!.id);
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    // path compression
    for (let y = x, p = parent.get(y); p !== undefined && p !== r; p = parent.get(y)) {
      parent.set(y, r);
      y = p;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const link = (t: Term) => !isLit(t) && !(t.kind === 'var' && split.has(t.id));
  walk(base, (t) => {
    if (!parent.has(t.id)) parent.set(t.id, t.id);
    if (leaf(t)) return;
    for (const c of children(t)) if (link(c)) union(t.id, c.id);
  }, (t) => !leaf(t));
  const byRoot = new Map<number, Term[]>();
  for (const a of base) {
    if (isLit(a)) continue;
    const r = find(a.id);
    const xs = byRoot.get(r) ?? [];
    xs.push(a);
    byRoot.set(r, xs);
  }
  const members = isOr(p) ? p.args : [p];
  const groups = new Map<string, { roots: number[]; members: Term[] }>();
  for (const m of members) {
    const roots = new Set<number>();
    walk([m], (t) => {
      if (parent.has(t.id) && link(t)) {
        const r = find(t.id);
        if (byRoot.has(r)) roots.add(r);
      }
    }, (t) => !leaf(t) && !parent.has(t.id));
    const key = [...roots].sort((a, b) => a - b).join(',');
    const g = groups.get(key) ?? { roots: [...roots], members: [] };
    g.members.push(m);
    groups.set(key, g);
  }
  // the assertions in base order (the mismatch-last convention of callers is theirs)
  return [...groups.values()].map((g) => {
    const keep = new Set(g.roots);
    return { assertions: base.filter((a) => !isLit(a) && keep.has(find(a.id))), members: g.members };
  });
}
