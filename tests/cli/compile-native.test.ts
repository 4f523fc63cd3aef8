// The compiler as a user drives it: every stage on disk, native binaries, the cache, and
// clear errors when an external tool fails.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, STACK_LINE } from '../helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fidelity-native-'));
process.env.FIDELITY_CACHE = join(tmp, 'cache');
const prog = join(tmp, 'prog.clef');
writeFileSync(
  prog,
  [
    'let sumTo (n: int) : int =',
    '    let mutable s = 0',
    '    for i in 1 .. n do',
    '        s <- s + i',
    '    s',
    '',
    '[<EntryPoint>]',
    'let main argv =',
    '    Console.writeln ("args " + Format.int argv.Length)',
    '    Console.writeln (Format.int (sumTo 100))',
    '    7',
    '',
  ].join('\n'),
);

test('--stages writes every stage, numbered, in pipeline order', async () => {
  const dir = join(tmp, 'stages');
  const r = await cli(['compile', prog, '--stages', dir]);
  assert.is(r.code, 0, r.stderr);
  const files = readdirSync(dir).sort();
  assert.equal(files, [
    '00-core.txt',
    '01-core-to-mlir.mlir',
    '02-convert-scf-to-cf.mlir',
    '03-convert-cf-to-llvm.mlir',
    '04-convert-arith-to-llvm.mlir',
    '05-expand-strided-metadata.mlir',
    '06-finalize-memref-to-llvm.mlir',
    '07-convert-func-to-llvm.mlir',
    '08-reconcile-unrealized-casts.mlir',
    '09-mlir-translate.ll',
  ]);
  assert.match(readFileSync(join(dir, '01-core-to-mlir.mlir'), 'utf8'), /scf\.(while|for)/);
  assert.not.match(readFileSync(join(dir, '02-convert-scf-to-cf.mlir'), 'utf8'), /scf\./);
  assert.not.match(readFileSync(join(dir, '08-reconcile-unrealized-casts.mlir'), 'utf8'), /unrealized_conversion_cast/);
  assert.match(readFileSync(join(dir, '09-mlir-translate.ll'), 'utf8'), /define /);
});

test('--emit mlir / llvm-mlir / llvm print text', async () => {
  const m = await cli(['compile', prog, '--emit', 'mlir']);
  assert.is(m.code, 0, m.stderr);
  assert.match(m.stdout, /func\.func @clef\.sumTo/);
  const l = await cli(['compile', prog, '--emit', 'llvm-mlir']);
  assert.match(l.stdout, /llvm\.func/);
  const ir = await cli(['compile', prog, '--emit', 'llvm']);
  assert.match(ir.stdout, /^define .*@clef\.sumTo/m);
});

test('--emit exe builds a binary; run is native by default, cached the second time', async () => {
  const exe = join(tmp, 'prog');
  const b = await cli(['compile', prog, '--emit', 'exe', '-o', exe]);
  assert.is(b.code, 0, b.stderr);
  const r = spawnSync(exe, ['x', 'y'], { encoding: 'utf8' });
  assert.is(r.stdout, 'args 2\n5050\n');
  assert.is(r.status, 7);
  const run1 = await cli(['run', prog, '--', 'a']);
  assert.is(run1.stdout, 'args 1\n5050\n');
  assert.is(run1.code, 7);
  // the reference interpreter agrees with the native run, output and non-zero exit code
  const interp = await cli(['run', '--interp', prog, '--', 'a']);
  assert.is(interp.stdout, run1.stdout);
  assert.is(interp.code, run1.code);
  const cached = readdirSync(join(tmp, 'cache', 'exe'));
  assert.is(cached.length, 1);
  const before = statSync(join(tmp, 'cache', 'exe', cached[0]!)).mtimeMs;
  const run2 = await cli(['run', prog]);
  assert.is(run2.code, 7);
  assert.is(statSync(join(tmp, 'cache', 'exe', cached[0]!)).mtimeMs, before, 'the second run rebuilt the binary');
  assert.ok(existsSync(join(tmp, 'cache')));
});

test('--passes +canonicalize,+cse adds passes after core-to-mlir; output unchanged', async () => {
  const dir = join(tmp, 'opt');
  const r = await cli(['compile', prog, '--stages', dir, '--passes', '+canonicalize,+cse']);
  assert.is(r.code, 0, r.stderr);
  const files = readdirSync(dir).sort();
  assert.is(files[2], '02-canonicalize.mlir');
  assert.is(files[3], '03-cse.mlir');
  const run = await cli(['run', prog, '--passes', '+canonicalize,+cse']);
  assert.is(run.stdout, 'args 0\n5050\n');
});

test('a failing pass names the pass, the tool message and the stage file; no stack', async () => {
  const r = await cli(['compile', prog, '--emit', 'llvm', '--passes', '+no-such-pass']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /pass no-such-pass failed on stage .*01-core-to-mlir\.mlir/);
  assert.match(r.stderr, /no-such-pass/);
  assert.not.match(r.stderr, STACK_LINE);
  const bad = await cli(['compile', prog, '--emit', 'llvm', '--passes', '+Bad Name']);
  assert.is(bad.code, 2);
});

test.run();
