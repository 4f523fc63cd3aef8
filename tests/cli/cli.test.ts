// The command line as a user meets it: help, version, usage errors, exit codes, and no
// stack trace ever.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, STACK_LINE } from '../helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fidelity-cli-'));
const write = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

test('--help lists every command, exit 0', async () => {
  const r = await cli(['--help']);
  assert.is(r.code, 0);
  for (const c of ['check', 'run', 'compile', 'start']) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
});

test('--version prints the package version', async () => {
  const r = await cli(['--version']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^fidelity \d+\.\d+\.\d+/);
});

test('each command has --help', async () => {
  for (const c of ['check', 'run', 'compile', 'start']) {
    const r = await cli([c, '--help']);
    assert.is(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`^Usage: fidelity ${c}`), c);
  }
});

test('unknown command and unknown flag: one line, exit 2', async () => {
  const a = await cli(['frobnicate']);
  assert.is(a.code, 2);
  assert.match(a.stderr, /unknown command 'frobnicate'/);
  const b = await cli(['check', '--frob', 'x.clef']);
  assert.is(b.code, 2);
  assert.match(b.stderr, /--frob/);
  assert.not.match(b.stderr, STACK_LINE);
});

test('works from another directory', async () => {
  const p = write('hello.clef', 'let main _ =\n    Console.writeln "hi"\n    3\n');
  const r = await cli(['run', '--interp', p], { cwd: tmpdir() });
  assert.is(r.stdout, 'hi\n');
  assert.is(r.code, 3);
});

test('run passes argv and returns the exit code', async () => {
  const p = write('args.clef', [
    '[<EntryPoint>]',
    'let main argv =',
    '    Console.writeln (Format.int argv.Length)',
    '    argv.Length + 40',
    '',
  ].join('\n'));
  const r = await cli(['run', '--interp', p, '--', 'a', 'b']);
  assert.is(r.stdout, '2\n');
  assert.is(r.code, 42);
});

test('a runtime violation: message with place, exit 70; --no-checks wraps', async () => {
  const p = write('ovf.clef', [
    'let bump (x: int) : int = x + 1',
    'let main _ =',
    '    let y = bump 9223372036854775807',
    '    if y < 0 then 5 else 6',
    '',
  ].join('\n'));
  const r = await cli(['run', '--interp', p]);
  assert.is(r.code, 70);
  assert.match(r.stderr, new RegExp(`runtime error: overflow at ${p.replace(/[.]/g, '\\.')}:1:27`));
  const w = await cli(['run', '--interp', '--no-checks', p]);
  assert.is(w.code, 5);
});

test('a syntax error: FILE:LINE:COL, source line, caret, exit 1, no stack', async () => {
  const p = write('syn.clef', 'let main _ =\n    let x = (1 + 2\n    0\n');
  const r = await cli(['check', p]);
  assert.is(r.code, 1);
  assert.match(r.stderr, new RegExp(`^${p.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: `));
  assert.match(r.stderr, /\^/);
  assert.not.match(r.stderr, STACK_LINE);
});

test('a missing file is a plain message', async () => {
  const r = await cli(['check', join(tmp, 'nope.clef')]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /cannot read .*nope\.clef/);
  assert.not.match(r.stderr, STACK_LINE);
});

test('compile --emit core and --emit ast; -o writes the file', async () => {
  const p = write('small.clef', 'let add (a: int) (b: int) : int = a + b\nlet main _ = add 1 2\n');
  const core = await cli(['compile', p, '--emit', 'core']);
  assert.is(core.code, 0, core.stderr);
  assert.match(core.stdout, /add/);
  assert.match(core.stdout, /overflow/);
  const out = join(tmp, 'small.ast.json');
  const ast = await cli(['compile', p, '--emit', 'ast', '-o', out]);
  assert.is(ast.code, 0, ast.stderr);
  assert.ok(existsSync(out));
  const json = JSON.parse(readFileSync(out, 'utf8'));
  assert.is(json.kind, 'Program');
  assert.is(json.decls.length, 2);
  const bad = await cli(['compile', p, '--emit', 'llvm-ir']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /unknown --emit 'llvm-ir'/);
});

test.run();
