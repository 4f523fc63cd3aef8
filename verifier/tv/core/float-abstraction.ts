// A cheap first try for queries with float arithmetic: every float computation replaced by
// an unknown, equal computations by equal unknowns (Ackermann's reduction of uninterpreted
// functions). Both sides build their float terms with the same encoding
// (semantics/symbolic/floats.ts, semantics/mlir/symbolic-float.ts), so where core-to-mlir
// computes what Core computes the two sides hold the same terms, and what remains to prove
// is usually about control: paths and loop exits that pair up differently on the two sides
// (e.g. a loop unrolled once more on one side, infeasible under Core's assumptions). Bit-blasting
// FloatingPoint (several f64 divisions, a 63-step bit search per result) makes z3 time out on
// that; the abstraction has no float left in it.
//
// Soundness: a model of the original query is a model of the abstraction (give each unknown
// the value of the computation it stands for; the congruence constraints then hold), so an
// UNSAT abstraction means an UNSAT original. A SAT abstraction says nothing (its model may
// need floats to behave like no IEEE operation does): the caller then solves the original.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';

const isFpSort = (t: Term) => t.sort.kind === 'fp' || t.sort.kind === 'rm';

/** fp operations whose two value operands (after the rounding mode) commute. */
const COMMUTATIVE = new Set(['fp.add', 'fp.mul']);

/** x > y is y < x and x >= y is y <= x (SMT-LIB: the same predicates, false on NaN alike):
 *  Core's `a > b` is built as `b < a`, cmpf ogt as `a > b` — one shape for both. */
function oriented(t: Term & { kind: 'app' }): { op: string; args: Term[] } {
  if (t.op === 'fp.gt' && t.args.length === 2) return { op: 'fp.lt', args: [t.args[1]!, t.args[0]!] };
  if (t.op === 'fp.geq' && t.args.length === 2) return { op: 'fp.leq', args: [t.args[1]!, t.args[0]!] };
  return { op: t.op, args: t.args };
}

export type Abstracted = { assertions: Term[]; abstracted: number };

/** The abstraction of `roots` (assertions), with the congruence constraints appended.
 *  `abstracted` = 0: no float computation in them (nothing to gain). */
export function abstractFloats(F: TermFactory, roots: Term[]): Abstracted {
  const hasFp = new Map<number, boolean>();
  const fpIn = (t: Term): boolean => {
    const hit = hasFp.get(t.id);
    if (hit !== undefined) return hit;
    let r = isFpSort(t);
    if (!r && t.kind === 'app') r = t.args.some(fpIn);
    else if (!r && (t.kind === 'quant' || t.kind === 'lambda')) r = fpIn(t.body);
    else if (!r && t.kind === 'constArray') r = fpIn(t.value);
    hasFp.set(t.id, r);
    return r;
  };
  // one unknown per (shape, leaves); shapes name the float computation with its non-float
  // inputs as positions, so the same computation on equal inputs is the same function
  const byShape = new Map<string, { leaves: Term[]; v: Term }[]>();
  const made = new Map<string, Term>();
  const memo = new Map<number, Term>();
  let count = 0;

  /** The shape of a float computation rooted at `t`, its leaves (maximal float-free
   *  subterms, themselves rewritten) collected in `leaves`. */
  const shape = (t: Term, leaves: Term[], seen: Map<number, number>): string => {
    if (!fpIn(t)) {
      let k = seen.get(t.id);
      if (k === undefined) {
        k = leaves.length;
        seen.set(t.id, k);
        leaves.push(t);
      }
      return `#${k}`;
    }
    if (t.kind === 'app' && (isFpSort(t) || t.args.some(isFpSort))) {
      // commutative operations: operands in a canonical order (by what they compute, leaves
      // named by their terms), so that x*y on one side and y*x on the other are one shape
      // over the same leaf positions (symbolic-float.ts orders fp.add/fp.mul operands by term
      // id, and Core's ids are not the target's once reads are rewritten)
      const { op, args: xs } = oriented(t);
      const args = COMMUTATIVE.has(op) && xs.length === 3 ? [xs[0]!, ...[xs[1]!, xs[2]!].sort((x, y) => (idShape(x) < idShape(y) ? -1 : idShape(x) > idShape(y) ? 1 : 0))] : xs;
      return `(${op}${t.indices.length ? `_${t.indices.join('_')}` : ''} ${args.map((a) => shape(a, leaves, seen)).join(' ')})`;
    }
    // float-free on top but floats inside (bits that went through an ite merge): a leaf,
    // rewritten on its own
    const r = go(t);
    let k = seen.get(r.id);
    if (k === undefined) {
      k = leaves.length;
      seen.set(r.id, k);
      leaves.push(r);
    }
    return `#${k}`;
  };

  /** A float computation's text with its leaves named by their (rewritten) term ids. */
  const ids = new Map<number, string>();
  const idShape = (t: Term): string => {
    const hit = ids.get(t.id);
    if (hit !== undefined) return hit;
    let r: string;
    if (!fpIn(t)) r = `#${t.id}`;
    else if (t.kind === 'app' && (isFpSort(t) || t.args.some(isFpSort))) {
      const o = oriented(t);
      const xs = o.args.map(idShape);
      if (COMMUTATIVE.has(o.op) && xs.length === 3) xs.splice(1, 2, ...[xs[1]!, xs[2]!].sort());
      r = `(${o.op}${t.indices.length ? `_${t.indices.join('_')}` : ''} ${xs.join(' ')})`;
    } else r = `#${go(t).id}`;
    ids.set(t.id, r);
    return r;
  };

  const unknownFor = (t: Term, root: Term, tag: string): Term => {
    const leaves: Term[] = [];
    const key = `${tag}:${t.sort.kind === 'bv' ? `bv${t.sort.width}` : t.sort.kind}:${shape(root, leaves, new Map())}`;
    const id = `${key}|${leaves.map((l) => l.id).join(',')}`;
    const hit = made.get(id);
    if (hit) return hit;
    const v = F.fresh('fpabs', t.sort);
    made.set(id, v);
    const list = byShape.get(key) ?? [];
    list.push({ leaves, v });
    byShape.set(key, list);
    count++;
    return v;
  };

  const go = (t: Term): Term => {
    const hit = memo.get(t.id);
    if (hit) return hit;
    let r: Term = t;
    if (fpIn(t) && !isFpSort(t)) {
      if (t.kind === 'app' && isBitsOf(t)) r = unknownFor(t, (t.args[0] as Term & { kind: 'app' }).args[0]!, 'bits');
      else if (t.kind === 'app' && t.args.some(isFpSort)) r = unknownFor(t, t, 'op');
      else if (t.kind === 'app') r = F.app(t.op as Parameters<TermFactory['app']>[0], t.args.map(go), t.indices);
      // a quantifier's body is kept whole: a float computation over its bound variable is a
      // different value for each instance, which one unknown cannot stand for
      else if (t.kind === 'quant' || t.kind === 'lambda') r = t;
      else if (t.kind === 'constArray') r = F.constArray((t.sort as { index: Term['sort'] }).index, go(t.value));
    }
    memo.set(t.id, r);
    return r;
  };

  const out = roots.map(go);
  // congruence: equal inputs, equal results
  for (const list of byShape.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        out.push(F.implies(F.and(...a.leaves.map((l, k) => F.eq(l, b.leaves[k]!))), F.eq(a.v, b.v)));
      }
    }
  }
  return { assertions: out, abstracted: count };
}

/** The bits of a float result (symbolic-float.ts `fpBits`): ite(fp.isNaN r, NaN, sign ++ magnitude). */
function isBitsOf(t: Term & { kind: 'app' }): boolean {
  if (t.op !== 'ite') return false;
  const c = t.args[0]!;
  return c.kind === 'app' && c.op === 'fp.isNaN' && isFpSort(c.args[0]!) && t.sort.kind === 'bv';
}
