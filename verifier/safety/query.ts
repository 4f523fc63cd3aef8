// Violation queries. A check can only fail first if every fact recorded before it holds
// (context.ts), so "one of these checks fails" is
//     A1 ∧ (V1 ∨ (A2 ∧ (V2 ∨ ...)))      Vj = pc_j ∧ violated_j,  Aj = facts between checks
// with the checks in execution order: linear in size, and each disjunct sees exactly the
// facts that precede it.
import type { TermFactory } from '../smt/factory.ts';
import type { Term } from '../smt/term.ts';

export type Failing = { pc: Term; violated: Term; at: number };

export function failureQuery(F: TermFactory, facts: Term[], checks: Failing[]): Term {
  if (checks.length === 0) return F.false;
  const cs = [...checks].sort((a, b) => a.at - b.at);
  let q: Term = F.false;
  for (let j = cs.length - 1; j >= 0; j--) {
    const c = cs[j]!;
    q = F.or(F.and(c.pc, c.violated), q);
    const lo = j > 0 ? cs[j - 1]!.at : 0;
    q = F.and(...facts.slice(lo, c.at), q);
  }
  return q;
}

/** "This point is reachable": the facts before it and its path condition. */
export function reachQuery(F: TermFactory, facts: Term[], pc: Term, at: number): Term {
  return F.and(...facts.slice(0, at), pc);
}

/** "Obligation `id` fails" for a symbolic execution result (its checks may be several: a
 *  loop unrolled, an invariant initially and preserved). False when it is never checked. */
export function obligationFailure(F: TermFactory, res: { facts: Term[]; checks: { ob: { id: string } | null; pc: Term; violated: Term; at: number }[] }, id: string): Term {
  return failureQuery(F, res.facts, res.checks.filter((c) => c.ob?.id === id));
}
