// `fidelity prove` as a user meets it: proved / refuted (replayed) / unknown, the
// SPARK-like summary, JSON, exit codes, target profiles and F* output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, STACK_LINE } from '../helpers/cli.ts';
import { proveCommand } from '../../bin/cli/prove.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fidelity-prove-'));
const write = (name: string, lines: string[]) => {
  const p = join(tmp, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
};

const safe = write('safe.clef', [
  '[<Requires("n >= 0 && n <= 100")>]',
  '[<Ensures("result >= 0")>]',
  'let tri (n: int) : int =',
  '    let mutable s = 0',
  '    let mutable i = 0',
  '    while i < n do',
  '        Contract.invariant (0 <= i && i <= n && 0 <= s && s <= i * 100)',
  '        Contract.decreases (n - i)',
  '        i <- i + 1',
  '        s <- s + i',
  '    s',
  '',
  'let main _ = tri 10 % 7',
]);

const buggy = write('buggy.clef', [
  'let last (s: Span<int>) : int = s.[s.Length]',
  '',
  'let main _ =',
  '    let p = NativePtr.stackalloc<int> 4',
  '    last (Span.ofPtr p 4)',
]);

// One run of the correct program serves two tests (each `prove` costs a few CPU seconds).
const fstarDir = join(tmp, 'fst');
const safeRun = cli(['prove', safe, '--no-tv', '--fstar-out', fstarDir]);

test('a correct program: every obligation proved, exit 0, summary by category', async () => {
  const r = await safeRun;
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^category\s+total\s+proved\s+bounded\s+refuted\s+unknown\s+unsupported/m);
  assert.match(r.stdout, /^overflow\s+\d+\s+\d+\s+0\s+0\s+0\s+0$/m);
  assert.match(r.stdout, /F\* Clef\.\w+: \d+ obligations emitted; F\* not run/);
});

test('a bounds bug is refuted with a replayed counterexample; exit 1; JSON shape', async () => {
  const r = await cli(['prove', buggy, '--no-tv', '--json']);
  assert.is(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout) as { obligations: Record<string, unknown>[]; passes: unknown[] };
  const ob = j.obligations.find((o) => o.category === 'bounds' && o.function === 'last')!;
  assert.ok(ob, 'the bounds obligation of last');
  for (const k of ['id', 'function', 'category', 'file', 'line', 'col', 'verdict', 'detail', 'time_ms']) assert.ok(k in ob, k);
  assert.is(ob.verdict, 'refuted');
  assert.is(ob.line, 1);
  assert.ok(ob.counterexample, 'a counterexample');
  assert.equal(j.passes, []);
});

test('--target embedded rejects a Region with a clear error', async () => {
  const p = write('region.clef', [
    'let main _ =',
    '    use r = Region.create ()',
    '    let s = Region.alloc<int> r 4',
    '    s.[0] <- 1',
    '    s.[0]',
  ]);
  const r = await cli(['prove', p, '--no-tv', '--target', 'embedded']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /region\.clef:2:\d+: error: .*[Rr]egion/);
  assert.not.match(r.stderr, STACK_LINE);
  const ok = await cli(['prove', p, '--no-tv', '--target', 'server']);
  assert.ok(ok.code !== 1 || !/error: .*Region/.test(ok.stderr));
});

test('--fstar-out writes the module and its obligation table', async () => {
  const dir = fstarDir;
  const r = await safeRun;
  assert.is(r.code, 0, r.stderr);
  const files = readdirSync(dir).sort();
  assert.ok(files.some((f) => f.endsWith('.fst')), files.join(','));
  const json = JSON.parse(readFileSync(join(dir, files.find((f) => f.endsWith('.json'))!), 'utf8'));
  assert.ok(json.obligations.length > 0);
  const fst = readFileSync(join(dir, files.find((f) => f.endsWith('.fst'))!), 'utf8');
  assert.match(fst, /^module Clef\./m);
});

// The usage errors in this process (proveCommand turns a UsageError into one line on stderr
// and exit 3, as validate does: issue 5 item 5 "exit codes as for validate"; it was 2, which
// a CI job reads as "unknown only"): two `prove` runs less (~1 s CPU each); the bad files
// through the CLI
test('usage and bad input', async () => {
  const err = process.stderr.write;
  let said = '';
  process.stderr.write = ((s: string) => ((said += s), true)) as typeof process.stderr.write;
  try {
    for (const argv of [[], [safe, '--target', 'desktop'], [safe, '--unroll', 'abc'], [safe, '--bogus']]) {
      said = '';
      assert.is(await proveCommand(argv), 3, argv.join(' '));
      assert.match(said, /^fidelity prove: .+\n$/, argv.join(' '));
    }
  } finally {
    process.stderr.write = err;
  }
  assert.is((await cli(['prove', join(tmp, 'none.clef')])).code, 3);
  const bad = write('bad.clef', ['let main _ = foo']);
  const r = await cli(['prove', bad, '--no-tv']);
  assert.is(r.code, 3);
  assert.match(r.stderr, /bad\.clef:1:14: error: unknown name foo/);
});

test.run();
