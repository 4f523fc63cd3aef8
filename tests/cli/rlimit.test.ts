// `--rlimit N`: a per-query budget in solver resource units beside the wall-clock timeout, so
// that a regression run's verdicts do not depend on the machine's load. It must reach the
// worker threads too, and a bad value is bad input (exit 3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { cli, STACK_LINE } from '../helpers/cli.ts';
import { tvCommand } from '../../bin/cli/tv.ts';
import { auditCommand, validateCommand } from '../../bin/cli/validate.ts';

const fx = (n: string) => join('tests', 'cli', 'fixtures', n);
const loop = [fx('loop.src.mlir'), fx('loop.tgt.mlir')];
type Row = { name: string; verdict: string; detail: string };
const rows = (stdout: string) => (JSON.parse(stdout) as { functions: Row[] }).functions;

for (const jobs of ['1', '2']) {
  test(`tv --rlimit 1 (jobs ${jobs}): every query stops at once -> unknown: resource limit, exit 2`, async () => {
    const r = await cli(['tv', ...loop, '--rlimit', '1', '--jobs', jobs, '--json']);
    assert.is(r.code, 2, r.stderr);
    const sum = rows(r.stdout).find((f) => f.name === 'sum')!;
    assert.is(sum.verdict, 'unknown');
    assert.match(sum.detail, /resource limit/);
  });
}

test('tv --rlimit with room to work: the same pair is proved, exit 0', async () => {
  const r = await cli(['tv', ...loop, '--rlimit', '50000000', '--json', '--jobs', '1']);
  assert.is(r.code, 0, r.stderr);
  assert.is(rows(r.stdout).find((f) => f.name === 'sum')!.verdict, 'proved');
});

// One bad value through the real CLI (exit 3, no stack); the others, and the help texts, in
// this process: each `fidelity` run that loads tv/validate costs ~0.8 s CPU (26 Nov: this
// file took 12.4 s CPU with six such runs more). A bad value is bad input to tv, validate and
// audit, exit 3 (their 2 means unknown; bin/cli/bad-input.ts)
test('--rlimit 0 or not a number: bad input (exit 3), named, no stack', async () => {
  const r = await cli(['tv', ...loop, '--rlimit', '0']);
  assert.is(r.code, 3);
  assert.match(r.stderr, /--rlimit needs a whole number >= 1/);
  assert.not.match(r.stderr, STACK_LINE);
  for (const [command, argv] of [[tvCommand, [...loop, '--rlimit', 'lots']], [validateCommand, [fx('gcd.clef'), '--rlimit=-3']]] as const) {
    const write = process.stderr.write;
    let stderr = '';
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    let code: number;
    try {
      code = await command([...argv]);
    } finally {
      process.stderr.write = write;
    }
    assert.is(code, 3);
    assert.match(stderr, /--rlimit needs a whole number >= 1/);
  }
});

test('help of tv, validate and audit names --rlimit', async () => {
  for (const command of [tvCommand, validateCommand, auditCommand]) {
    const out: unknown[] = [];
    const log = console.log;
    console.log = (...xs: unknown[]) => void out.push(...xs);
    try {
      assert.is(await command(['--help']), 0);
    } finally {
      console.log = log;
    }
    assert.match(out.join('\n'), /--rlimit N/);
  }
});

test.run();
