// The core-to-mlir rows of `fidelity validate` (bin/cli/validate.ts validateStages): with
// the Core program they are real verdicts of this check, one per Core function; without it
// they stay the placeholder rows that nothing counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runPipeline } from '../../../../compiler/passes/pipeline.ts';
import { CORE_TO_MLIR_NOTE, validateStages } from '../../../../bin/cli/validate.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { frontEndText } from '../../../../compiler/frontend.ts';

const opts = { unroll: 2, timeoutMs: 10_000 };

// a small program, not a corpus one: the subject is the rows (one per Core function, real
// verdicts), not the functions — corpus.test.ts checks gcd_lcm's own (validating its seven
// functions here took ~50 s of CPU in CI, main's ten Console calls most of it)
const SOURCE = `
[<Requires("a >= 0L && b >= 0L")>]
let rec gcd (a: int64) (b: int64) : int64 =
    Contract.decreases b
    if b = 0L then a else gcd b (a % b)

let main _ =
    Console.writeln ("gcd 1071 462 = " + Format.int64 (gcd 1071L 462L))
    int (gcd 462L 1071L)
`;

test('validate: core-to-mlir rows carry real verdicts when the Core program is given', async () => {
  const { core } = frontEndText('gcd_lcm.clef', SOURCE);
  const dir = mkdtempSync(join(tmpdir(), 'core-tv-'));
  try {
    const { stages } = await runPipeline(core, ['core-to-mlir'], dir);
    // (one job: the checks in this thread — worker threads, each loading the verifier and a z3,
    // are tests/cli/validate-jobs.test.ts's subject)
    const rows = (await validateStages(stages, opts, 'gcd_lcm.clef', undefined, core, 1)).filter((r) => r.pass === 'core-to-mlir');
    assert.equal(rows.map((r) => r.name), [...core.functions.map((f) => `clef.${f.name}`), 'clef_entry'], 'one row per Core function, then the entry wrapper (entry.ts)');
    assert.is(rows.at(-1)!.verdict, 'proved', rows.at(-1)!.detail);
    assert.not.ok(rows.some((r) => r.detail === CORE_TO_MLIR_NOTE), 'no placeholder row');
    assert.is(rows.find((r) => r.name === 'clef.gcd')!.verdict, 'proved');
    // main (Span<string> argv, the runtime library) is mapped now (core-strings): a verdict of
    // this check, whatever the solver's time allows
    assert.match(rows.find((r) => r.name === 'clef.main')!.verdict, /^(proved|bounded\(\d+\)|unknown|unsupported)$/);
    assert.not.ok(rows.some((r) => r.verdict === 'refuted'));
    const placeholder = (await validateStages(stages, opts, 'gcd_lcm.clef', undefined, undefined, 1)).filter((r) => r.pass === 'core-to-mlir');
    assert.ok(placeholder.length > 0 && placeholder.every((r) => r.detail === CORE_TO_MLIR_NOTE), 'without Core: the placeholder rows');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
