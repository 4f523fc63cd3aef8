// The corpus under `fidelity prove --no-tv`: no obligation of a correct program may be
// refuted (a refutation replays, so it is a real run of the function that fails: either the
// program is wrong or its contracts do not say what its callers guarantee), except the few
// listed below whose fix needs a contract CLEF v1 cannot write; and the number of obligations
// left open (unknown or bounded) per program may not grow beyond the figures of the last
// full run. The default run covers the programs that prove quickly (well under 90 s on two
// cores); PROVE_CORPUS=all runs every program (~10 min) and checks the corpus total too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, pool, root } from '../helpers/cli.ts';

/** Open obligations (unknown + bounded) per program at the last full run (01:30, 2 cores). */
const OPEN: Record<string, number> = {};
/** The corpus total of OPEN. */
const OPEN_TOTAL = 0;

/** Refutations that stand, by `function category line:col`, each with why. */
const KNOWN_REFUTED: Record<string, string> = {};

/** The programs the default run proves (the quick ones). */
const QUICK = ['date_arith', 'hdlc_framer', 'shapes_records', 'strings_interp', 'power_budget', 'ring_buffer', 'fibonacci', 'isqrt'];

type Ob = { function: string; category: string; line: number; col: number; verdict: string; detail: string };

const all = readdirSync(join(root, 'corpus')).filter((n) => n.endsWith('.clef')).map((n) => n.replace(/\.clef$/, '')).sort();
const names = process.env['PROVE_CORPUS'] === 'all' ? all : QUICK;
const results = await pool(names, 2, (n) => cli(['prove', `corpus/${n}.clef`, '--no-tv', '--json', '--timeout', '10000']));

test('every corpus program has a recorded figure', () => {
  for (const n of all) assert.ok(n in OPEN, `${n}: no figure in OPEN`);
  assert.is(Object.values(OPEN).reduce((a, b) => a + b, 0), OPEN_TOTAL);
});

let open = 0;
names.forEach((n, i) => {
  test(`prove corpus/${n}.clef`, () => {
    const r = results[i]!;
    const j = JSON.parse(r.stdout) as { obligations: Ob[] };
    assert.ok(j.obligations.length > 0, `${n}: no obligations`);
    const refuted = j.obligations.filter((o) => o.verdict === 'refuted').map((o) => `${o.function} ${o.category} ${o.line}:${o.col}`);
    const unexpected = refuted.filter((k) => !(`${n}: ${k}` in KNOWN_REFUTED));
    assert.equal(unexpected, [], `${n}: refuted`);
    const o = j.obligations.filter((x) => x.verdict !== 'proved' && x.verdict !== 'refuted');
    open += o.length;
    assert.ok(o.length <= OPEN[n]!, `${n}: ${o.length} open obligations, at most ${OPEN[n]} expected:\n${o.map((x) => `${x.line}:${x.col} ${x.category} ${x.verdict}: ${x.detail}`).join('\n')}`);
  });
});

if (names === all) {
  test('the corpus total of open obligations does not grow', () => {
    assert.ok(open <= OPEN_TOTAL, `${open} open, at most ${OPEN_TOTAL}`);
  });
}

test.run();
