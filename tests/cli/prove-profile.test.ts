// `fidelity prove` beyond tests/cli/prove.test.ts (issue 5, items 3 and 5): exit 2 when only
// unknown verdicts remain, `--memory-budget` deciding the embedded stack budget, and the
// progress line — on a terminal, never with --json (whose stderr may be a terminal too).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fidelity } from '../helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fidelity-prove-profile-'));
const write = (name: string, lines: string[]) => {
  const p = join(tmp, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
};

const buffer = write('buffer.clef', ['let main _ =', '    let p = NativePtr.stackalloc<int> 1024', '    NativePtr.set p 0 7', '    NativePtr.get p 0 - 7']);

// The server target's run of buffer.clef (no stack-budget obligation there) is the second
// file of this test's run: one `prove` less (~1.2 s CPU; 26 Nov: the file took 8.3 s)
test('only an unknown verdict: exit 2, the reason printed; server: no stack-budget obligation', async () => {
  // k + 2 cannot overflow (k = 2 * i <= 2000), but no invariant says so
  const p = write('twice.clef', [
    '[<Requires("n >= 0 && n <= 1000")>]',
    'let twice (n: int) : int =',
    '    let mutable i = 0',
    '    let mutable k = 0',
    '    while i < n do',
    '        i <- i + 1',
    '        k <- k + 2',
    '    k',
  ]);
  const r = await cli(['prove', p, buffer, '--no-tv', '--memory-budget', '4096', '--json']);
  assert.is(r.code, 2, r.stdout + r.stderr);
  const j = JSON.parse(r.stdout) as { obligations: { file: string; category: string; line: number; verdict: string; detail: string }[] };
  const ob = j.obligations.find((o) => o.file === p && o.category === 'overflow' && o.line === 7)!;
  assert.is(ob.verdict, 'unknown');
  assert.match(ob.detail, /needs a loop invariant for .*\bk\b/);
  assert.ok(j.obligations.every((o) => o.verdict !== 'refuted'));
  // server has no budget obligation (buffer's 8 KiB would not fit 4 KiB: below)
  assert.ok(j.obligations.some((o) => o.file === buffer));
  assert.not.ok(j.obligations.some((o) => o.category === 'stack-budget'));
});

test('--memory-budget: 8 KiB of stack fits 64 KiB, not 4 KiB', async () => {
  const fits = await cli(['prove', buffer, '--no-tv', '--target', 'embedded', '--json']);
  assert.is(fits.code, 0, fits.stdout + fits.stderr);
  const small = await cli(['prove', buffer, '--no-tv', '--target', 'embedded', '--memory-budget', '4096', '--json']);
  assert.is(small.code, 1, small.stdout + small.stderr);
  const j = JSON.parse(small.stdout) as { obligations: { category: string; verdict: string }[] };
  assert.is(j.obligations.find((o) => o.category === 'stack-budget')?.verdict, 'refuted');
  // server has no budget obligation: the first test
});

/** Runs the command with stdout and stderr on a pseudo-terminal (util-linux `script`). */
function onTerminal(args: string[]): string | null {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const cmd = [fidelity, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, FIDELITY_DEBUG: '' } });
  return r.stdout;
}

test('progress on a terminal, not with --json', () => {
  const plain = onTerminal(['prove', buffer, '--no-tv']);
  if (plain === null) {
    console.log('  (skipped: no util-linux script to make a terminal)');
    return;
  }
  assert.match(plain, /\[1\/1\] .*buffer\.clef: safety obligations \.\.\./);
  const json = onTerminal(['prove', buffer, '--no-tv', '--json'])!;
  assert.not.match(json, /safety obligations \.\.\./);
  // what the terminal shows is the JSON alone: no progress text, no line-clear codes
  assert.not.ok(json.includes('\x1b[K'));
  assert.ok(JSON.parse(json.replace(/\r\n/g, '\n').trim()).obligations.length > 0);
});

test.run();
