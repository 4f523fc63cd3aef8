// Quantifiers of contracts (core-memory). A `forall`/`exists` can only occur in a contract
// (Requires, Ensures, Contract.invariant/assert/assume: core-to-mlir rejects one anywhere
// else), so in this check it only ever reaches Core's *assumptions* — the facts that the
// requires hold and that no obligation fails. Each quantified formula is replaced by a fresh
// boolean unknown: an assumption P(q) becomes P(b) with b free, which every real run still
// satisfies (take b = the formula's value), so the query can only gain models — never lose
// a counterexample — whatever the polarity. The query stays quantifier-free; a model that
// needs a formula's value to differ from its real value does not replay (the reference
// interpreter evaluates the contract), so it is never shown as refuted.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { BOOL } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';
export { hasQuantifier } from '../../smt/smtlib.ts';

/** A rewriter replacing every quantified subformula by a fresh boolean, one per distinct
 *  formula (hash-consing makes equal formulas one term; one memo for every term of a query
 *  keeps the replacement uniform, though any replacement would be sound: the original
 *  query is an instance of the abstracted one). */
export function quantifierAbstraction(F: TermFactory): (t: Term) => Term {
  const memo = new Map<number, Term>();
  return (t) => rewriteTerms(F, [t], { onQuant: (x) => F.fresh(`core.quant.${x.id}`, BOOL) }, memo)[0]!;
}
