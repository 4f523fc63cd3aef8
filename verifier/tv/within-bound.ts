// Does a bounded check say anything? A bounded query assumes the source stays within the
// unrolling depth (its cuts are assumptions) and, where the target was cut, checks only the
// target's UB before the cut. When every execution the assumptions allow passes the depth on
// one side or the other, its unsat answer checked (nearly) nothing, and `bounded(k)` would be
// a claim about no execution. This asks the solver once, only where the verdict would be
// bounded(k): the assumptions together with "no side was cut". sat: some execution within
// the bound exists (in the query's model — callees as unknown functions) and the verdict
// stands. Shared by the MLIR -> MLIR check (validate.ts) and the Core -> MLIR one
// (core/within-bound.ts).
import type { TermFactory } from '../smt/factory.ts';
import type { Term } from '../smt/term.ts';
import { checkQuery } from '../smt/solver.ts';

export type WithinBound = { kind: 'some' } | { kind: 'none' } | { kind: 'undecided'; reason: string };

/** Whether the assumptions allow an execution where `within` (no cut) holds. */
export async function executionWithinBound(f: TermFactory, assumptions: Term[], within: Term, timeoutMs: number, name: string): Promise<WithinBound> {
  if (within.kind === 'bool' && !within.value) return { kind: 'none' };
  // (an assumption folded to false: contradictory requirements, or a cut on every path)
  if (assumptions.some((a) => a.kind === 'bool' && !a.value)) return { kind: 'none' };
  const r = await checkQuery({ assertions: [...assumptions, f.and(within, f.true)], wantModel: [], description: 'an execution within the unrolling bound (is the bounded check vacuous?)' }, { timeoutMs, name: `${name}.within` });
  if (r.status === 'sat') return { kind: 'some' };
  if (r.status === 'unsat') return { kind: 'none' };
  return { kind: 'undecided', reason: r.reason ?? r.status };
}
