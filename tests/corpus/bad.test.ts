// Every invalid program in corpus/bad gets its expected diagnostic from the real CLI:
// `FILE:LINE:COL: error: ...` at the expected place, containing the expected words, exit
// code 1, and no stack trace. warn_* programs compile (exit 0) with the expected warning.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, pool, root, STACK_LINE } from '../helpers/cli.ts';

const dir = join(root, 'corpus', 'bad');
const names = readdirSync(dir).filter((n) => n.endsWith('.clef')).sort();

test('corpus/bad has at least 20 invalid programs', () => {
  assert.ok(names.filter((n) => !n.startsWith('warn_')).length >= 20);
});

const results = await pool(names, 4, (n) => cli(['check', join('corpus', 'bad', n)]));

names.forEach((n, i) => {
  test(`bad: ${n}`, () => {
    const spec = readFileSync(join(dir, n.replace(/\.clef$/, '.err')), 'utf8').trim();
    const m = /^(\d+):(\d+): (error|warning): (.*)$/.exec(spec);
    assert.ok(m, `malformed .err file for ${n}: ${spec}`);
    const [, line, col, sev, words] = m!;
    const r = results[i]!;
    const first = r.stderr.split('\n')[0]!;
    const want = `corpus/bad/${n}:${line}:${col}: ${sev}: `;
    assert.ok(first.startsWith(want), `${n}: expected a first line starting ${want}\n  got: ${first}`);
    assert.ok(first.toLowerCase().includes(words!.toLowerCase()), `${n}: expected the words "${words}" in: ${first}`);
    assert.is(r.code, sev === 'error' ? 1 : 0, `${n}: exit code`);
    assert.not.match(r.stderr, STACK_LINE, `${n}: a stack trace reached the user`);
    assert.not.match(r.stderr, /internal error/);
  });
});

test.run();
