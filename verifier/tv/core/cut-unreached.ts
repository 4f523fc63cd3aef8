// Is a cut reached at all? The target's symbolic run cuts a loop where it still may iterate
// after k iterations under its path condition, which sees only what the run itself folded: a
// copy loop over a Format call's text (1-20 bytes by the runtime's contract, format-
// contract.ts) or over a string whose length an earlier call fixed is cut at any k below the
// longest text the terms allow, though the query's assumptions never let it run that long.
// Then the cut is recorded (`tgt.cutHappened`) and the verdict could only be bounded(k) —
// or, where every path is cut syntactically, `unknown: nothing was checked`.
// When Core was not cut at all (its run is complete, none of its cuts is an assumption of
// the query) and the query's assumptions together with "the target was cut" are unsat, no
// execution the statement covers is cut on either side: the bounded query, unsat on the
// executions within k, covered every execution, and the verdict is `proved` (no loop cut on
// any execution) — once within-bound.ts has found some execution (assumptions that allow
// none check nothing, as for bounded(k)). Only unsat is used; sat or unknown leaves the
// verdict as it was.
import { checkQuery } from '../../smt/solver.ts';
import { limitShare } from './limit-share.ts';
import type { CoreQuery } from './query.ts';

/** The share of the time (and resource) limit this question may use: it is asked for every
 *  row that would otherwise end bounded or unknown, and where a cut is reachable a model is
 *  quick to find. */
const SHARE = 0.5;
/** FIDELITY_NO_CUT_REACHED=1 turns the question off, to measure what it changes (read at
 *  each check, so that a test of what comes after it can set it). */
const off = (): boolean => process.env.FIDELITY_NO_CUT_REACHED === '1';

/** Whether no execution the query's assumptions allow reaches a loop cut, on either side. */
export async function noCutReached(q: CoreQuery, timeoutMs: number, name: string): Promise<boolean> {
  if (off() || !q.cut || q.vacuous || q.core.cuts.length > 0) return false;
  const F = q.pair.env.f;
  const cutReached = F.not(q.withinK); // withinK: the target was not cut, rewritten as the assertions are
  if (cutReached.kind === 'bool') return !cutReached.value;
  const assumptions = q.assertions.slice(0, -1); // all but the mismatch
  // no execution at all: nothing was checked (within-bound.ts says so), never a proof
  if (assumptions.some((a) => a.kind === 'bool' && !a.value)) return false;
  const r = await checkQuery(
    { assertions: [...assumptions, cutReached], wantModel: [], description: 'an execution that reaches a loop cut (is every execution within the unrolling bound?)' },
    { ...limitShare({ timeoutMs }, Math.max(1, Math.round(timeoutMs * SHARE))), name: `${name}.cut-reached` },
  );
  return r.status === 'unsat';
}
