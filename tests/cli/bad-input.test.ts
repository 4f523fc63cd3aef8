// Bad input to `tv`, `validate` and `audit` (bin/cli/bad-input.ts): each case one line on
// stderr naming the reason, exit 3 (their 2 means "unknown or unsupported only"), no stack
// trace. In process and before any check runs: no solver, no mlir-opt.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { tvCommand } from '../../bin/cli/tv.ts';
import { auditCommand, validateCommand } from '../../bin/cli/validate.ts';
import { STACK_LINE } from '../helpers/cli.ts';

const fx = (n: string) => join('tests', 'cli', 'fixtures', n);
const pair = [fx('add.src.mlir'), fx('add.tgt.mlir')];
const tmp = mkdtempSync(join(tmpdir(), 'fidelity-bad-input-'));
const aFile = join(tmp, 'a-file');
writeFileSync(aFile, '');

/** The exit code and stderr of a command run in this process (a UsageError thrown is a
 *  failure here: the CLI would turn it into exit 2). */
async function run(command: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await command(argv), stderr };
  } finally {
    process.stderr.write = write;
  }
}

async function badInput(command: (argv: string[]) => Promise<number>, argv: string[], reason: RegExp): Promise<void> {
  const r = await run(command, argv);
  assert.is(r.code, 3, `${argv.join(' ')}: ${r.stderr}`);
  assert.match(r.stderr, reason, argv.join(' '));
  assert.not.match(r.stderr, STACK_LINE);
  assert.is(r.stderr.trim().split('\n').length <= 3, true, r.stderr); // parseArgs' hint may add two
}

test('tv: bad flags and values are exit 3, named', async () => {
  await badInput(tvCommand, [...pair, '--frob'], /^fidelity tv: Unknown option '--frob'/);
  await badInput(tvCommand, [pair[0]!], /^fidelity tv: expected SRC\.mlir and TGT\.mlir/);
  await badInput(tvCommand, [...pair, '--timeout=0'], /--timeout needs a whole number >= 1/);
  await badInput(tvCommand, [...pair, '--timeout=-5'], /--timeout needs a whole number >= 1/);
  await badInput(tvCommand, [...pair, '--timeout', '-5'], /Option '--timeout' argument is ambiguous/);
  await badInput(tvCommand, [...pair, '--unroll', 'x'], /--unroll needs a whole number >= 0/);
  await badInput(tvCommand, [...pair, '--unroll', '1.5'], /--unroll needs a whole number >= 0/);
  await badInput(tvCommand, [...pair, '--jobs', '0'], /--jobs needs a whole number >= 1/);
  await badInput(tvCommand, [...pair, '--rlimit', 'lots'], /--rlimit needs a whole number >= 1/);
  await badInput(tvCommand, [...pair, '--solver', 'z4'], /--solver: 'z4' is not one of/);
});

test('tv: files that cannot be read say why', async () => {
  await badInput(tvCommand, [fx('nope.mlir'), pair[1]!], /^fidelity: cannot read \S*nope\.mlir: no such file or directory$/m);
  await badInput(tvCommand, [join('tests', 'cli', 'fixtures'), pair[1]!], /cannot read \S*fixtures: it is a directory$/m);
});

test('--dump-smt and --stages into a folder that cannot be written: exit 3 before any check', async () => {
  // (the checks used to fail one by one: `unknown: internal error: ENOTDIR ...`, exit 2; and
  // validate's --stages was an internal error, exit 4)
  await badInput(tvCommand, [...pair, '--dump-smt', join(aFile, 'sub')], /--dump-smt: cannot write into \S+: a part of the path is not a directory/);
  await badInput(tvCommand, [...pair, '--dump-smt', aFile], /--dump-smt: cannot write into \S+: it exists and is not a directory/);
  await badInput(validateCommand, [fx('gcd.clef'), '--stages', join(aFile, 'st')], /--stages: cannot write into \S+: a part of the path is not a directory/);
  await badInput(auditCommand, ['--pass', 'cse', fx('gcd.clef'), '--dump-smt', join(aFile, 'd')], /--dump-smt: cannot write into/);
  // a folder that does not exist yet is made (here the run stops at the missing source)
  const fresh = join(tmp, 'new', 'dumps');
  await badInput(tvCommand, [fx('nope.mlir'), pair[1]!, '--dump-smt', fresh], /cannot read \S*nope\.mlir/);
  assert.ok(existsSync(fresh));
  assert.equal(readdirSync(fresh), []);
});

test('validate: bad flags, a missing file, a directory, a bad --passes', async () => {
  await badInput(validateCommand, [fx('gcd.clef'), '--frob'], /^fidelity validate: Unknown option '--frob'/);
  await badInput(validateCommand, [], /expected exactly one FILE\.clef/);
  await badInput(validateCommand, [fx('gcd.clef'), '--timeout=0'], /--timeout needs a whole number >= 1/);
  await badInput(validateCommand, [fx('nope.clef')], /cannot read \S*nope\.clef: no such file or directory/);
  await badInput(validateCommand, [join('tests', 'cli', 'fixtures')], /cannot read \S*fixtures: it is a directory/);
  await badInput(validateCommand, [fx('gcd.clef'), '--passes=-frob'], /--passes: /);
});

test('audit: no --pass, no files, a missing path, a folder with no source, a dangling link', async () => {
  await badInput(auditCommand, [fx('gcd.clef')], /--pass NAME is required/);
  await badInput(auditCommand, ['--pass', 'cse'], /no files given/);
  await badInput(auditCommand, ['--pass', 'cse', fx('nope')], /cannot read \S*nope: no such file or directory/);
  await badInput(auditCommand, ['--pass', 'cse', fx('gcd.clef'), '--unroll', 'x'], /--unroll needs a whole number/);
  // an empty folder audited nothing and passed (exit 0)
  const empty = join(tmp, 'empty');
  mkdirSync(empty);
  await badInput(auditCommand, ['--pass', 'cse', empty], /no Clef sources \(\.clef, \.fs\) in \S*empty/);
  // a link to nowhere inside a folder: the walk's stat threw out of the command (exit 4)
  const dangling = join(tmp, 'dangling');
  mkdirSync(dangling);
  symlinkSync(join(tmp, 'nowhere'), join(dangling, 'x.clef'));
  await badInput(auditCommand, ['--pass', 'cse', dangling], /cannot read \S*dangling: no such file or directory \(\S*x\.clef\)/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
