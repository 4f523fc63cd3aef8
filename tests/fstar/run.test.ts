// Running F*: never a verdict without fstar.exe; with one (here a stand-in script, since F*
// cannot be installed on this machine), its exit status and error lines are recorded and
// mapped back to obligation ids through the table.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFstar, runFstar, writeFstar } from '../../fstar/index.ts';
import { emitOf } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'fstar-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

const PROGRAM = `
  let inc (a: int) : int = a + 1
  let main _ = inc 41
`;

test('writeFstar writes <module>.fst and the table as <module>.json', () => {
  const { m } = emitOf(PROGRAM, 'inc.clef');
  const { fst, json } = writeFstar(m, join(dir, 'out'));
  assert.ok(fst.endsWith('Clef.Inc.fst') && existsSync(fst));
  assert.is(readFileSync(fst, 'utf8'), m.text);
  const table = JSON.parse(readFileSync(json, 'utf8'));
  assert.is(table.module, 'Clef.Inc');
  assert.equal(table.obligations, m.table);
});

test('without F*: status `not run`', async () => {
  const env = { PATH: join(dir, 'nowhere') };
  assert.is(findFstar(env), null);
  const r = await runFstar(join(dir, 'out', 'Clef.Inc.fst'), { env });
  assert.is(r.status, 'not run');
  assert.match(r.detail, /FSTAR_EXE/);
  // FSTAR_EXE naming something that is not executable is not F* either.
  const notExe = join(dir, 'plain.txt');
  writeFileSync(notExe, 'x');
  assert.is((await runFstar(join(dir, 'out', 'Clef.Inc.fst'), { env: { FSTAR_EXE: notExe, PATH: '' } })).status, 'not run');
});

test('fstar.exe on the PATH is found', () => {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const exe = join(bin, 'fstar.exe');
  writeFileSync(exe, '#!/bin/sh\nexit 0\n');
  chmodSync(exe, 0o755);
  assert.is(findFstar({ PATH: `${join(dir, 'nowhere')}:${bin}` }), exe);
});

test('exit 0: verified, with the tool output as detail', async () => {
  const exe = script('fstar-ok.sh', 'echo "Verified module: ${1##*/}"; echo "All verification conditions discharged successfully"; exit 0');
  const r = await runFstar(join(dir, 'out', 'Clef.Inc.fst'), { env: { FSTAR_EXE: exe, PATH: '' } });
  assert.is(r.status, 'verified');
  assert.match(r.detail, /Verified module: Clef\.Inc\.fst/);
  assert.is(r.exe, exe);
});

test('errors: failed, and the lines F* reports give the obligations', async () => {
  const { m } = emitOf(PROGRAM, 'inc.clef');
  const { fst } = writeFstar(m, join(dir, 'out'));
  const row = m.table.find((t) => t.id.startsWith('inc/overflow/'))!;
  const exe = script(
    'fstar-fail.sh',
    `echo "* Error 19 at $1(${row.line},4-${row.line},60):"; echo "$1(${row.line},4-${row.line},60): (Error 19) Assertion failed"; exit 1`,
  );
  const r = await runFstar(fst, { env: { FSTAR_EXE: exe, PATH: '' }, table: m.table });
  assert.is(r.status, 'failed');
  assert.equal(r.failedObligations, [row.id]);
  assert.match(r.detail, /Assertion failed/);
});

test.run();
