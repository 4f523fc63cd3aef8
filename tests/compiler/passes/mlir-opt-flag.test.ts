// A pass named with options (`NAME{opts}`, the pipeline syntax users write) reaches mlir-opt
// as its flag form `--NAME=opts`: `audit --pass 'canonicalize{region-simplify=aggressive}'`
// handed mlir-opt `--canonicalize{...}`, an unknown argument, and failed on every program.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { mlirOptFlag } from '../../../compiler/passes/mlir-opt-flag.ts';
import { cli } from '../../helpers/cli.ts';

const gcd = join('tests', 'cli', 'fixtures', 'gcd.clef');

test('a plain name is --NAME; options go after =', () => {
  assert.is(mlirOptFlag('cse'), '--cse');
  assert.is(mlirOptFlag('canonicalize{region-simplify=aggressive}'), '--canonicalize=region-simplify=aggressive');
  assert.is(mlirOptFlag('canonicalize{ max-iterations=3 region-simplify=normal }'), '--canonicalize=max-iterations=3 region-simplify=normal');
});

test('audit --pass with options runs the real pass and validates it', async () => {
  const pass = 'canonicalize{region-simplify=aggressive}';
  const r = await cli(['audit', '--pass', pass, gcd, '--json', '--unroll', '2', '--jobs', '1']);
  assert.ok(r.code === 0 || r.code === 2, `exit ${r.code}: ${r.stderr}`);
  const rows = (JSON.parse(r.stdout) as { functions: { pass: string; verdict: string; detail: string }[] }).functions;
  assert.ok(rows.length > 0);
  for (const row of rows) {
    assert.is(row.pass, pass);
    assert.is.not(row.verdict, 'refuted', row.detail);
  }
  assert.ok(rows.some((x) => x.verdict === 'proved'), JSON.stringify(rows));
});

test('an option mlir-opt does not know is a named tool error, exit 3', async () => {
  const r = await cli(['audit', '--pass', 'canonicalize{region-simplify=bogus}', gcd, '--unroll', '2', '--jobs', '1']);
  assert.is(r.code, 3, r.stdout + r.stderr);
  assert.match(r.stderr, /bogus/);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
});

test.run();
