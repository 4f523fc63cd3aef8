// scripts/test.mjs, the runner CI reads: one line per file with its wall and CPU time, a
// summary of the slowest files, and last the one plain line `N passed, N failed`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers/cli.ts';

// two small, fast test files: one batch of two (scripts/test-batch.mjs), and each alone
const runner = (env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), 'tests/compiler/mlir/ir.test.ts', 'tests/compiler/mlir/names.test.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { r, lines: r.stdout.trim().split('\n') };
};
const { r, lines } = runner();
const isolated = runner({ FIDELITY_TEST_ISOLATE: '1' });

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

// a batch whose files fail in each way a file can (tests/fixtures/runner: a failing test, an
// exception at the top level, a test that never ends, then a file after it): every failure is
// counted, the file after the hang still runs, and alone each file gives the same counts
test('failures in a batch are counted as alone: a failing test, a top-level throw, a hang', () => {
  const fixtures = (env: NodeJS.ProcessEnv) => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), 'runner/'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FIDELITY_TEST_DIR: 'tests/fixtures/runner', FIDELITY_TEST_LIMIT_S: '4', ...env },
    });
    return { r, lines: r.stdout.trim().split('\n') };
  };
  const batch = fixtures({});
  const alone = fixtures({ FIDELITY_TEST_ISOLATE: '1' });
  for (const x of [batch, alone]) {
    assert.is(x.r.status, 1, x.r.stdout);
    assert.is(x.lines[x.lines.length - 1], '3 passed, 3 failed');
    assert.match(x.r.stdout, /^FAIL tests\/fixtures\/runner\/b-fail\.test\.ts: 1\/2 /m);
    assert.match(x.r.stdout, /^FAIL tests\/fixtures\/runner\/c-throw\.test\.ts/m);
    assert.match(x.r.stdout, /^FAIL tests\/fixtures\/runner\/d-hang\.test\.ts \(stopped/m);
    assert.match(x.r.stdout, /^ok   tests\/fixtures\/runner\/e-pass\.test\.ts: 1\/1 /m);
    assert.match(x.r.stdout, /thrown at the top level/);
  }
  assert.match(batch.r.stdout, /^ok   tests\/fixtures\/runner\/a-pass\.test\.ts: 1\/1 .* \(in a batch\)$/m);
});

test.run();
