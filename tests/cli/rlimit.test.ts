// `--rlimit N`: a per-query budget in solver resource units beside the wall-clock timeout, so
// that a regression run's verdicts do not depend on the machine's load. It must reach the
// worker threads too, and a bad value is a usage error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { cli, STACK_LINE } from '../helpers/cli.ts';

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
  const r = await cli(['tv', ...loop, '--rlimit', '50000000', '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(rows(r.stdout).find((f) => f.name === 'sum')!.verdict, 'proved');
});

test('--rlimit 0 or not a number: usage error (exit 2), named, no stack', async () => {
  for (const bad of ['0', 'lots']) {
    const r = await cli(['tv', ...loop, '--rlimit', bad]);
    assert.is(r.code, 2);
    assert.match(r.stderr, /--rlimit needs a whole number >= 1/);
    assert.not.match(r.stderr, STACK_LINE);
  }
  const v = await cli(['validate', fx('gcd.clef'), '--rlimit=-3']);
  assert.is(v.code, 2);
  assert.match(v.stderr, /--rlimit needs a whole number >= 1/);
});

test('help of tv, validate and audit names --rlimit', async () => {
  for (const cmd of ['tv', 'validate', 'audit']) {
    const r = await cli([cmd, '--help']);
    assert.is(r.code, 0);
    assert.match(r.stdout, /--rlimit N/);
  }
});

test.run();
