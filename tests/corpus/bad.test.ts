// Every invalid program in corpus/bad gets its expected diagnostic from the real CLI:
// `FILE:LINE:COL: error: ...` at the expected place, containing the expected words, exit
// code 1, and no stack trace. warn_* programs compile (exit 0) with the expected warning.
// Two `fidelity check` runs cover the whole folder (one per expected exit code): a run
// costs ~0.7 s of CPU, mostly start-up, and one per file made this the costliest CLI test.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, root, STACK_LINE } from '../helpers/cli.ts';

const dir = join(root, 'corpus', 'bad');
const names = readdirSync(dir).filter((n) => n.endsWith('.clef')).sort();
const errors = names.filter((n) => !n.startsWith('warn_'));
const warnings = names.filter((n) => n.startsWith('warn_'));
const path = (n: string) => `corpus/bad/${n}`;

test('corpus/bad has at least 20 invalid programs', () => {
  assert.ok(errors.length >= 20);
});

const [errRun, warnRun] = await Promise.all([cli(['check', ...errors.map(path)]), cli(['check', ...warnings.map(path)])]);

test('one check over every invalid program: exit 1, each file with errors, no stack', () => {
  assert.is(errRun.code, 1);
  assert.match(errRun.stderr, new RegExp(`checked ${errors.length} files: 0 ok, ${errors.length} with errors`));
  assert.not.match(errRun.stderr, STACK_LINE, 'a stack trace reached the user');
  assert.not.match(errRun.stderr, /internal error/);
});

test('one check over the warn_* programs: exit 0, no stack', () => {
  assert.is(warnRun.code, 0, warnRun.stderr);
  assert.match(warnRun.stderr, new RegExp(`checked ${warnings.length} files: ${warnings.length} ok, 0 with errors`));
  assert.not.match(warnRun.stderr, STACK_LINE);
});

names.forEach((n) => {
  test(`bad: ${n}`, () => {
    const spec = readFileSync(join(dir, n.replace(/\.clef$/, '.err')), 'utf8').trim();
    const m = /^(\d+):(\d+): (error|warning): (.*)$/.exec(spec);
    assert.ok(m, `malformed .err file for ${n}: ${spec}`);
    const [, line, col, sev, words] = m!;
    assert.is(sev === 'warning', n.startsWith('warn_'), `${n}: a warn_ program expects a warning, others an error`);
    const r = sev === 'error' ? errRun : warnRun;
    // the file's first diagnostic line
    const first = r.stderr.split('\n').find((l) => l.startsWith(`${path(n)}:`)) ?? '(no diagnostic)';
    const want = `${path(n)}:${line}:${col}: ${sev}: `;
    assert.ok(first.startsWith(want), `${n}: expected a first line starting ${want}\n  got: ${first}`);
    assert.ok(first.toLowerCase().includes(words!.toLowerCase()), `${n}: expected the words "${words}" in: ${first}`);
  });
});

test.run();
