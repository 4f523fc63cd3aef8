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

test.run();
