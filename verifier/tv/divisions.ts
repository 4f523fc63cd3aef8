// Unsigned division and remainder by a literal, as the solver finds them easiest: `x udiv c`
// and `x urem c` (c >= 1) become unknowns q and r defined by x = c*q + r (exact, computed
// in twice the width) and r < c. For c >= 1 exactly one pair (q, r) meets that definition,
// and it is (x udiv c, x urem c): the rewritten assertions have a model exactly when the
// original ones do, with the same values of every original unknown. z3 bit-blasts each
// division into its own divider circuit; luhn's digit loop (`n % 10`, `n / 10`) took 3.9 s in
// native z3 per inductive-invariant check with them, 0.06 s with q and r.
//
// A division under a quantifier is left alone (its operand may name a bound variable).
import type { TermFactory } from '../smt/factory.ts';
import { bvSort, type Term } from '../smt/term.ts';
import { rewriteTerms, type App } from '../smt/rewrite.ts';

/** The terms with every unsigned division by a literal replaced by its (q, r) unknowns, and
 *  the definitions of those unknowns: to be asserted with them (a definition of an unknown
 *  no term mentions any more is harmless: any x has its q and r). */
export function splitDivisions(f: TermFactory, roots: Term[]): { roots: Term[]; defs: Term[] } {
  const defs = new Map<string, Term>();
  const pair = (x: Term, c: Extract<Term, { kind: 'bv' }>) => {
    const w = c.width;
    const key = `${x.id}.${c.value}`;
    const q = f.var(`div.q.${key}.w${w}`, bvSort(w));
    const r = f.var(`div.r.${key}.w${w}`, bvSort(w));
    if (!defs.has(key)) {
      const wide = (t: Term) => f.zext(w, t);
      defs.set(key, f.and(f.eq(wide(x), f.app('bvadd', [f.app('bvmul', [wide(q), wide(c)]), wide(r)])), f.app('bvult', [r, c])));
    }
    return { q, r };
  };
  const onApp = (x: App, args: Term[]): Term | undefined => {
    if ((x.op !== 'bvudiv' && x.op !== 'bvurem') || args.length !== 2) return undefined;
    const c = args[1]!;
    if (c.kind !== 'bv' || c.value === 0n || c.value === 1n) return undefined;
    const { q, r } = pair(args[0]!, c);
    return x.op === 'bvudiv' ? q : r;
  };
  const out = rewriteTerms(f, roots, { onApp, onQuant: (x) => x });
  return { roots: out, defs: [...defs.values()] };
}
