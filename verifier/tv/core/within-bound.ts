// Does a bounded Core -> MLIR check say anything? The query assumes Core stays within the
// unrolling depth (Core's cuts are assumptions) and masks every mismatch but target UB where
// the TARGET was cut (query.ts: `not(tgt.cut)`). When every execution the assumptions allow
// passes the depth on either side — a target copy loop over a string that is always longer
// than k, say `"[" + x + "] " + s` copied byte by byte at k = 2 — the unsat answer checked
// nothing and `bounded(k)` would be a claim about no execution. validate.ts's own early test
// sees only Core's loops (a cut whose path condition is literally true); this one asks the
// solver once, only where the bounded query was unsat: the assumptions (all assertions but
// the mismatch) together with "the target was not cut". sat: some execution within the bound
// exists (of the query's model — callees as unknown functions), and the verdict stands.
import { checkQuery } from '../../smt/solver.ts';
import type { CoreQuery } from './query.ts';

export type WithinBound = { kind: 'some' } | { kind: 'none' } | { kind: 'undecided'; reason: string };

export async function someExecutionWithinBound(q: CoreQuery, timeoutMs: number, name: string): Promise<WithinBound> {
  const F = q.pair.env.f;
  const within = q.withinK;
  if (within.kind === 'bool') {
    if (!within.value) return { kind: 'none' };
  }
  const assumptions = q.assertions.slice(0, -1);
  // (assumptions folded to false: Core's own early test, or contradictory requirements)
  if (assumptions.some((a) => a.kind === 'bool' && !a.value)) return { kind: 'none' };
  const r = await checkQuery({ assertions: [...assumptions, F.and(within, F.true)], wantModel: [], description: 'an execution within the unrolling bound (is the bounded check vacuous?)' }, { timeoutMs, name: `${name}.within` });
  if (r.status === 'sat') return { kind: 'some' };
  if (r.status === 'unsat') return { kind: 'none' };
  return { kind: 'undecided', reason: r.reason ?? r.status };
}
