// scripts/test.mjs, the runner CI reads: one line per file with its wall and CPU time, a
// summary of the slowest files, and last the one plain line `N passed, N failed`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers/cli.ts';

/** scripts/test.mjs with these filters and environment: its result and output lines. */
const runTests = (filters: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), ...filters], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { r, lines: r.stdout.trim().split('\n') };
};
// two small, fast test files: one batch of two (scripts/test-batch.mjs), and each alone
const two = ['tests/compiler/mlir/ir.test.ts', 'tests/compiler/mlir/names.test.ts'];
const { r, lines } = runTests(two);
const isolated = runTests(two, { FIDELITY_TEST_ISOLATE: '1' });

test('exit 0 and the last line is `N passed, 0 failed`', () => {
  for (const run of [{ r, lines }, isolated]) {
    assert.is(run.r.status, 0, run.r.stdout + run.r.stderr);
    assert.match(run.lines[run.lines.length - 1]!, /^\d+ passed, 0 failed$/);
    const n = Number(/^(\d+)/.exec(run.lines[run.lines.length - 1]!)![1]);
    assert.ok(n >= 5, `${n} tests passed`);
  }
  // the same tests either way
  assert.is(lines[lines.length - 1], isolated.lines[isolated.lines.length - 1]);
});

test('one line per file with its tests, wall time and CPU time; small files share a process', () => {
  for (const [ls, batch] of [[lines, true], [isolated.lines, false]] as const) {
    for (const f of ['tests/compiler/mlir/ir.test.ts', 'tests/compiler/mlir/names.test.ts']) {
      const line = ls.find((l) => l.includes(f));
      assert.ok(line, f);
      assert.match(line!, new RegExp(`^ok   ${f.replace(/\./g, '\\.')}: (\\d+)/\\1 \\d+ ms(, cpu \\d+ ms)?${batch ? ' \\(in a batch\\)' : ''}$`));
      if (process.platform === 'linux') assert.match(line!, /, cpu \d+ ms( \(in a batch\))?$/);
    }
  }
  assert.match(r.stdout, /^2 files in \d+ s wall \(\d processes at a time, 0 files alone and 1 batches(, cpu \d+ s in all)?\); slowest:$/m);
  assert.match(isolated.r.stdout, /^2 files in \d+ s wall \(\d processes at a time, 2 files alone and 0 batches(, cpu \d+ s in all)?\); slowest:$/m);
});

// a batch whose files fail in each way a file can (tests/fixtures/runner: a failing test, a
// failing test beside a skipped one, a top-level throw, no test.run(), an exit code left set,
// a test that never ends, then a file after it, and a rejection after the last test): every
// failure is counted, the file after the hang still runs, and alone each file gives the same
// counts — but for the exit code: alone, uvu's summary sets process.exitCode itself and so
// clears one a test set; a batch fails the file that left it (review 41 F1-F3)
test('failures in a batch are counted as alone: failing tests, a throw, no test.run, an exit code, a hang, a late rejection', () => {
  const fixtures = (env: NodeJS.ProcessEnv, ...filters: string[]) =>
    runTests(filters.length ? filters : ['runner/'], { FIDELITY_TEST_DIR: 'tests/fixtures/runner', FIDELITY_TEST_LIMIT_S: '4', ...env });
  const batch = fixtures({});
  const alone = fixtures({ FIDELITY_TEST_ISOLATE: '1' });
  const file = (x: { r: { stdout: string } }, name: string) => x.r.stdout.split('\n').find((l) => /^(ok|FAIL) /.test(l) && l.includes(`/runner/${name}.test.ts`)) ?? '';
  for (const x of [batch, alone]) {
    assert.is(x.r.status, 1, x.r.stdout);
    assert.match(file(x, 'b-fail'), /^FAIL .*: 1\/2 /);
    assert.match(file(x, 'b2-skip'), /^FAIL .*: 0\/1 /);
    assert.match(file(x, 'c-throw'), /^FAIL /);
    assert.match(file(x, 'c2-norun'), /^FAIL /);
    assert.match(file(x, 'd-hang'), /^FAIL .* \(stopped/);
    assert.match(file(x, 'e-pass'), /^ok   .*: 1\/1 /);
    assert.match(file(x, 'y-late'), /^FAIL /);
    assert.match(x.r.stdout, /thrown at the top level/);
  }
  assert.match(file(batch, 'a-pass'), /^ok   .*: 1\/1 .* \(in a batch\)$/);
  assert.match(file(batch, 'c2-norun'), /no suite was queued/);
  assert.match(file(batch, 'b3-exitcode'), /^FAIL .*process\.exitCode set to 3/);
  assert.match(file(alone, 'b3-exitcode'), /^ok   /);
  assert.is(batch.lines[batch.lines.length - 1], '5 passed, 7 failed');
  assert.is(alone.lines[alone.lines.length - 1], '5 passed, 6 failed');
  // a rejection after the last file of a batch fails the batch (alone: the file)
  const late = fixtures({}, 'runner/a-pass', 'runner/y-late');
  assert.match(late.r.stdout, /^FAIL batch of 2 .*after its last file: Error: a late rejection$/m);
  assert.is(late.lines[late.lines.length - 1], '2 passed, 1 failed');
  const lateAlone = fixtures({ FIDELITY_TEST_ISOLATE: '1' }, 'runner/a-pass', 'runner/y-late');
  assert.is(lateAlone.lines[lateAlone.lines.length - 1], '2 passed, 1 failed');
});

test.run();
