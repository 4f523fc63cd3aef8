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
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { SV } from '../../semantics/symbolic/values.ts';
import { checkQuery } from '../../smt/solver.ts';
import { executionWithinBound, type WithinBound } from '../within-bound.ts';
import { limitShare } from './limit-share.ts';
import type { CoreQuery } from './query.ts';

export type { WithinBound } from '../within-bound.ts';

/** The share of the time (and resource) limit the pinned try may use. */
const PINNED_SHARE = 0.25;
/** FIDELITY_NO_PINS=1 turns the pinned try off, to measure what it changes. */
const PINS = process.env.FIDELITY_NO_PINS !== '1';

/** Whether some execution stays within the bound. The question is one of satisfiability,
 *  where a solver searching for a model may wander (crc16_frame `hex16` at unroll 8: the
 *  within-bound query is out of 8 M z3-wasm units; the native z3 needs 12 M; with the
 *  argument fixed to 0, 0.15 M). So first the same query with Core's integer arguments
 *  pinned to 0 and its strings and spans empty (`argumentPins`), with a quarter of the limit: a model of it is a model of
 *  the query (more assertions only remove models), so sat is `some`; unsat or out of time
 *  says nothing (the pins may contradict the requirements, or leave no execution within the
 *  bound), and the query itself is asked as before. */
export async function someExecutionWithinBound(q: CoreQuery, timeoutMs: number, name: string): Promise<WithinBound> {
  const F = q.pair.env.f;
  const assumptions = q.assertions.slice(0, -1);
  const pins = PINS ? argumentPins(F, q.core.params.map((p) => p.value), q.subst) : [];
  const trivial = (q.withinK.kind === 'bool' && !q.withinK.value) || assumptions.some((a) => a.kind === 'bool' && !a.value);
  if (pins.length && !trivial) {
    const r = await checkQuery(
      { assertions: [...assumptions, ...pins, q.withinK], wantModel: [], description: 'an execution within the unrolling bound, Core\'s integer arguments 0 and its strings and spans empty (is the bounded check vacuous?)' },
      { ...limitShare({ timeoutMs }, Math.max(1, Math.round(timeoutMs * PINNED_SHARE))), name: `${name}.within.pinned` },
    );
    if (r.status === 'sat') return { kind: 'some' };
  }
  return executionWithinBound(F, assumptions, q.withinK, timeoutMs, name);
}

/** `x = 0` for every integer (or char) among Core's arguments, fields of records and tuples
 *  included, and length 0 for every string and span argument (no iteration of a loop over
 *  it: rle_region `pairs`); each term as the query has it (`subst`: Core variables the query
 *  replaced by target terms, query.ts). */
export function argumentPins(F: TermFactory, args: SV[], subst: Map<number, Term> = new Map()): Term[] {
  const out: Term[] = [];
  const zero = (t: Term): void => {
    const u = subst.get(t.id) ?? t;
    if (u.sort.kind === 'bv') out.push(F.eq(u, F.bv(0n, u.sort.width)));
  };
  const visit = (v: SV): void => {
    if (v.k === 'int') zero(v.t);
    else if (v.k === 'str' || v.k === 'span') zero(v.len);
    else if (v.k === 'agg') v.items.forEach(visit);
  };
  args.forEach(visit);
  return out;
}
