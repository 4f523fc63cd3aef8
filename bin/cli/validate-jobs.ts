// How `validate`, `audit` and `tv` run their checks: planned per pass (validate-tasks.ts),
// then run on `--jobs` worker threads (validate-pool.ts), the rows put back in plan order.
import { UsageError } from './args.ts';
import { parseMlir } from '../../compiler/mlir/parse.ts';
import type { FunctionVerdict, ValidateOptions } from '../../verifier/tv/validate.ts';
import { planPair, type CheckTask, type Planned, type StageText } from './validate-tasks.ts';
import { defaultJobs, runTasks } from './validate-pool.ts';
import type { PassVerdict } from './verdicts.ts';

/**
 * How many worker threads validation uses (validate-pool.ts): `--jobs N`, else FIDELITY_JOBS,
 * else one per core (fewer when free memory is short). 1: no worker, checks run one at a
 * time in this thread.
 */
export function validateJobs(flag?: string | boolean): number {
  if (typeof flag === 'string') {
    const n = Number(flag);
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError('--jobs needs a whole number >= 1');
    return n;
  }
  const env = Number(process.env['FIDELITY_JOBS']);
  return Number.isSafeInteger(env) && env >= 1 ? env : defaultJobs();
}

/** One pass as rows known without a check and checks to run (validate-tasks.ts). */
export type PassPlan = { pass: string; file?: string; planned: Planned[] };

/** Runs the planned checks of several passes (on `jobs` workers) and gives the rows in plan
 *  order; `onPass(pass)` as the first check of each pass starts. */
export async function runPlans(plans: PassPlan[], jobs: number, onPass?: (pass: string) => void): Promise<PassVerdict[]> {
  const tasks: CheckTask[] = [];
  const passOf: string[] = [];
  for (const p of plans) for (const x of p.planned) if (x.kind === 'task') (tasks.push(x.task), passOf.push(p.pass));
  const announced = new Set<string>();
  const announce = (pass: string) => {
    if (!announced.has(pass)) (announced.add(pass), onPass?.(pass));
  };
  const done = await runTasks(tasks, jobs, (i) => announce(passOf[i]!));
  const out: PassVerdict[] = [];
  let k = 0;
  for (const p of plans) {
    for (const x of p.planned) {
      const row = x.kind === 'row' ? x.row : done[k++]!;
      out.push(p.file === undefined ? { ...row, pass: p.pass } : { ...row, file: p.file, pass: p.pass });
    }
  }
  return out;
}

/** validatePair's rows for one pair of modules, its functions checked on `jobs` workers. */
export async function validatePairJobs(src: StageText, tgt: StageText, opts: ValidateOptions, jobs: number): Promise<FunctionVerdict[]> {
  const planned = planPair(parseMlir(src.text, src.file), parseMlir(tgt.text, tgt.file), src, tgt, opts);
  return (await runPlans([{ pass: '', planned }], jobs)).map(({ pass: _p, ...v }) => v);
}
