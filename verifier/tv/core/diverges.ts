// Non-termination refutations for Core -> MLIR (issue 4 items 4 and 8). The bounded query
// masks every difference but target UB where the target was cut (query.ts `not(tgt.cut)`),
// so a target that loops forever where Core returns (a mutant's loop without exit, its
// condition stuck true) ended `bounded(k)` or `unknown: every execution runs a loop ...`.
// Asked before such a verdict: the assumptions (Core defined, within its bound) with "the
// target was cut" — a model is an input on which Core returns within k iterations and the
// target passes k. It is replayed with the target's loop heads watched (diverges-watch.ts): a
// state seen before at one head means it never returns. Only such a replay (or another
// replayed difference) refutes; anything else leaves the verdict as it was.
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { Module } from '../../../compiler/mlir/ir.ts';
import type { FuncInfo } from '../../semantics/mlir/module-info.ts';
import { checkQuery } from '../../smt/solver.ts';
import { freeVars } from '../query.ts';
import type { FunctionVerdict } from '../verdict.ts';
import { limitShare } from './limit-share.ts';
import type { CoreQuery } from './query.ts';
import { replayCoreCounterexample } from './replay.ts';

/** The share of the per-query limit the question may use. */
const SHARE = 0.25;
/** FIDELITY_NO_DIVERGES=1 turns the question off, to measure what it costs (read at each
 *  call: an A/B in one process). */
const on = (): boolean => process.env.FIDELITY_NO_DIVERGES !== '1';

/** A refuted verdict when some input on which Core returns within the bound makes the target
 *  run forever (a replayed repeat), else null. Only where the target was cut. */
export async function refuteByDivergence(prog: CoreProgram, fn: CoreFn, module: Module, fi: FuncInfo, q: CoreQuery, timeoutMs: number, name: string): Promise<Omit<FunctionVerdict, 'name' | 'timeMs'> | null> {
  if (!q.cut || !on()) return null;
  const F = q.pair.env.f;
  const cut = F.not(q.withinK);
  if (cut.kind === 'bool' && !cut.value) return null;
  const assertions = [...q.assertions.slice(0, -1), cut];
  const r = await checkQuery(
    { assertions, wantModel: freeVars(assertions), description: `an input on which Core returns and the target of ${fn.name} passes the unrolling bound (does it never return?)` },
    { ...limitShare({ timeoutMs }, Math.max(1, Math.round(timeoutMs * SHARE))), name: `${name}.diverges` },
  );
  if (r.status !== 'sat' || !r.model) return null;
  const rep = replayCoreCounterexample(prog, fn, module, fi, q, r.model, true);
  return rep.kind === 'refuted' ? { verdict: 'refuted', detail: `refuted: ${rep.cex.difference}`, counterexample: rep.cex } : null;
}
