// `fidelity validate` runs its pass checks concurrently (bin/cli/validate.ts validateStages,
// FIDELITY_JOBS): the rows, their order and their verdicts are those of a one-at-a-time run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEnd } from '../../compiler/frontend.ts';
import { runPipeline } from '../../compiler/passes/pipeline.ts';
import { validateJobs, validateStages } from '../../bin/cli/validate.ts';
import { disposeSolvers } from '../../verifier/smt/solver.ts';

const opts = { unroll: 2, timeoutMs: 10_000 };

test('two checks at a time give the rows of one at a time, in the same order', async () => {
  const file = join(import.meta.dirname, '..', '..', 'corpus', 'gcd_lcm.clef');
  const fe = frontEnd(file);
  const dir = mkdtempSync(join(tmpdir(), 'validate-jobs-'));
  try {
    // the first passes only: the test compares two runs, it does not need the whole pipeline
    const { stages } = await runPipeline(fe.core, ['core-to-mlir', 'convert-scf-to-cf', 'convert-cf-to-llvm', 'convert-arith-to-llvm'], dir);
    const started: string[] = [];
    // without the Core program (its core-to-mlir rows are placeholders): gcd_lcm's main may
    // time out in that check, and a timeout's place depends on the machine's load
    const one = await validateStages(stages, opts, file, (p) => started.push(p), undefined, 1);
    const two = await validateStages(stages, opts, file, undefined, undefined, 2);
    const rows = (vs: typeof one) => vs.map((v) => `${v.pass} @${v.name}: ${v.verdict}`);
    assert.equal(rows(two), rows(one));
    // every pass of the pipeline, each reported once as it starts
    assert.equal(started, ['convert-scf-to-cf', 'convert-cf-to-llvm', 'convert-arith-to-llvm']);
    assert.equal([...new Set(one.map((v) => v.pass))], ['core-to-mlir', ...started]);
    assert.ok(one.filter((v) => v.pass !== 'core-to-mlir').length >= 3 * 3, rows(one).join('\n'));
    assert.ok(one.filter((v) => v.pass !== 'core-to-mlir').every((v) => v.verdict === 'proved'), rows(one).join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FIDELITY_JOBS sets how many checks run at once', () => {
  const old = process.env['FIDELITY_JOBS'];
  try {
    process.env['FIDELITY_JOBS'] = '1';
    assert.is(validateJobs(), 1);
    process.env['FIDELITY_JOBS'] = 'lots';
    assert.ok(validateJobs() >= 1);
  } finally {
    if (old === undefined) delete process.env['FIDELITY_JOBS'];
    else process.env['FIDELITY_JOBS'] = old;
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
