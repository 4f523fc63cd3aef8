// Does a bounded Core -> MLIR check say anything? The query assumes Core stays within the
// unrolling depth (Core's cuts are assumptions) and masks every mismatch but target UB where
// the TARGET was cut (query.ts: `not(tgt.cut)`). When every execution the assumptions allow
// passes the depth on either side — a target copy loop over a string that is always longer
// than k, say `"[" + x + "] " + s` copied byte by byte at k = 2 — the unsat answer checked
// nothing and `bounded(k)` would be a claim about no execution. validate.ts's own early test
// sees only Core's loops (a cut whose path condition is literally true); this one asks the
// solver once, only where the bounded query was unsat: the assumptions (all assertions but
// the mismatch) together with "the target was not cut" (../within-bound.ts, shared with the
// MLIR -> MLIR check).
import { executionWithinBound, type WithinBound } from '../within-bound.ts';
import type { CoreQuery } from './query.ts';

export type { WithinBound } from '../within-bound.ts';

export async function someExecutionWithinBound(q: CoreQuery, timeoutMs: number, name: string): Promise<WithinBound> {
  return executionWithinBound(q.pair.env.f, q.assertions.slice(0, -1), q.withinK, timeoutMs, name);
}
