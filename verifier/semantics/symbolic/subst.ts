// Substitution of variables in terms (rebuilt through the factory, so folding applies and
// sharing is kept): used to skolemize the existential of a check made under a quantifier —
// violation conditions occur only positively in queries, so `exists i. P(i)` may be replaced
// by P(k) for a fresh constant k, which solvers handle far better than a nested binder.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';

export function substitute(F: TermFactory, t: Term, map: Map<number, Term>): Term {
  return rewriteTerms(F, [t], { onVar: (x) => map.get(x.id) })[0]!;
}
