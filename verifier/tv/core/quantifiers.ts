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

/** A rewriter replacing every quantified subformula by a fresh boolean, one per distinct
 *  formula (hash-consing makes equal formulas one term; one memo for every term of a query
 *  keeps the replacement uniform, though any replacement would be sound: the original
 *  query is an instance of the abstracted one). */
export function quantifierAbstraction(F: TermFactory): (t: Term) => Term {
  const memo = new Map<number, Term>();
  const go = (x: Term): Term => {
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Term = x;
    switch (x.kind) {
      case 'quant':
        r = F.fresh(`core.quant.${x.id}`, BOOL);
        break;
      case 'app': {
        const args = x.args.map(go);
        if (args.some((a, i) => a !== x.args[i])) r = F.app(x.op as Parameters<TermFactory['app']>[0], args, x.indices);
        break;
      }
      case 'constArray': {
        const v = go(x.value);
        if (v !== x.value) r = F.constArray((x.sort as { index: Term['sort'] }).index, v);
        break;
      }
      case 'var':
      case 'bv':
      case 'int':
      case 'bool':
        break;
    }
    memo.set(x.id, r);
    return r;
  };
  return go;
}

/** Whether some term holds a quantifier. */
export function hasQuantifier(terms: Term[]): boolean {
  const seen = new Set<number>();
  const stack = [...terms];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if (x.kind === 'quant') return true;
    if (x.kind === 'app') stack.push(...x.args);
    else if (x.kind === 'constArray') stack.push(x.value);
  }
  return false;
}
