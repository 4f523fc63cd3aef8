// scripts/test.mjs, the runner CI reads: one line per file with its wall and CPU time, a
// summary of the slowest files, and last the one plain line `N passed, N failed`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers/cli.ts';

// two small, fast test files
const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), 'tests/compiler/mlir/ir.test.ts', 'tests/compiler/mlir/names.test.ts'], {
  cwd: root,
  encoding: 'utf8',
});
const lines = r.stdout.trim().split('\n');

test('exit 0 and the last line is `N passed, 0 failed`', () => {
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(lines[lines.length - 1]!, /^\d+ passed, 0 failed$/);
  const n = Number(/^(\d+)/.exec(lines[lines.length - 1]!)![1]);
  assert.ok(n >= 5, `${n} tests passed`);
});

test('one line per file with its tests, wall time and CPU time', () => {
  for (const f of ['tests/compiler/mlir/ir.test.ts', 'tests/compiler/mlir/names.test.ts']) {
    const line = lines.find((l) => l.includes(f));
    assert.ok(line, f);
    assert.match(line!, new RegExp(`^ok   ${f.replace(/\./g, '\\.')}: (\\d+)/\\1 \\d+ ms(, cpu \\d+ ms)?$`));
    if (process.platform === 'linux') assert.match(line!, /, cpu \d+ ms$/);
  }
  assert.match(r.stdout, /^2 files in \d+ s wall \(\d at a time(, cpu \d+ s in all)?\); slowest:$/m);
});

test.run();
