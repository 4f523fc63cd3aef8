// Every pass of every corpus program through validatePair: nothing may be refuted or
// unknown. The only unsupported functions are those computing with floats (float arithmetic
// has no symbolic semantics yet: README), and each says so by name. A loop that is not
// proved for every length keeps bounded(k) with the reason the cut-point proof failed, and
// most must be proved unboundedly (PROVED_SHARE: a regression guard; measured 2026-11-26:
// 1666 proved, 0 bounded at unroll 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { corpusStages } from './corpus-stages.ts';
import { withQueryCache } from '../../helpers/query-cache.ts';

// Unrolling 2 keeps the whole corpus within the test budget; the CLI defaults to 8.
const UNROLL = 2;
const PROVED_SHARE = 0.98;
const programs = corpusStages();
const tally = new Map<string, number>();

for (const p of programs) {
  // a query cache per program (tests/helpers/query-cache.ts): a function's queries are often
  // byte-identical from one pass to the next (295 of 830, 28 Nov); the verdicts and details
  // are those without it (all 1673 compared, scratch/speed/llcorpus.ts: 73.9 -> 68.5 s CPU)
  test(`${p.name}: every pass refines`, () => withQueryCache(async () => {
    const mods = p.stages.map((s, i) => parseMlir(s.text, `${p.name}.${i + 1}-${s.pass}.mlir`));
    for (let i = 0; i + 1 < mods.length; i++) {
      const pass = p.stages[i + 1]!.pass;
      const verdicts = await validatePair(mods[i]!, mods[i + 1]!, { unroll: UNROLL, timeoutMs: 20_000 });
      assert.ok(verdicts.length > 0, `${pass}: no functions`);
      for (const v of verdicts) {
        const where = `${p.name} ${pass} @${v.name}`;
        const kind = v.verdict.startsWith('bounded') ? 'bounded' : v.verdict;
        tally.set(kind, (tally.get(kind) ?? 0) + 1);
        if (kind === 'unsupported') assert.match(v.detail, /\(floating point\)$/, `${where}: ${v.detail}`);
        else assert.ok(kind === 'proved' || kind === 'bounded', `${where}: ${v.verdict}: ${v.detail}`);
        if (kind === 'bounded') {
          assert.is(v.verdict, `bounded(${UNROLL})`, where);
          assert.match(v.detail, /no unbounded proof: \S/, `${where}: a bounded verdict says why the cut-point proof failed`);
        }
        if (kind === 'proved' && /any length/.test(v.detail)) tally.set('unbounded', (tally.get('unbounded') ?? 0) + 1);
      }
    }
  }));
}

test('most functions with loops are proved for executions of any length', () => {
  const proved = tally.get('proved') ?? 0;
  const bounded = tally.get('bounded') ?? 0;
  assert.ok((tally.get('unbounded') ?? 0) > 0, 'some proofs come from cut points');
  assert.ok(proved / (proved + bounded) >= PROVED_SHARE, `${proved} proved, ${bounded} bounded`);
});

test.after(async () => {
  await disposeSolvers();
  console.log(`corpus translation validation: ${[...tally].map(([k, n]) => `${n} ${k}`).join(', ')}`);
});

test.run();
