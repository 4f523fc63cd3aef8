// Hand-written MLIR pairs, correct and incorrect, for every op family: each pair's expected
// verdicts (NAME.expect: `@function verdict` lines, `# unroll k`) against validatePair.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers, setSolverDefaults } from '../../../verifier/smt/solver.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'pairs');
const names = readdirSync(dir).filter((f) => f.endsWith('.expect')).map((f) => f.replace(/\.expect$/, '')).sort();

test('there are at least 60 pairs', () => {
  assert.ok(names.length >= 60, `${names.length} pairs`);
});

for (const name of names) {
  test(`${name}`, async () => {
    const expect = readFileSync(join(dir, `${name}.expect`), 'utf8');
    const unroll = Number(/^# unroll (\d+)/m.exec(expect)?.[1] ?? 2);
    const want = [...expect.matchAll(/^@(\S+) (\S+)/gm)].map((m) => [m[1]!, m[2]!] as const);
    const src = parseMlir(readFileSync(join(dir, `${name}.src.mlir`), 'utf8'), `${name}.src.mlir`);
    const tgt = parseMlir(readFileSync(join(dir, `${name}.tgt.mlir`), 'utf8'), `${name}.tgt.mlir`);
    // `# concrete VERDICT`: the verdicts above are the solver's alone (concrete tests off: a
    // late-difference pair shows that it is never proved), and with concrete tests every
    // function's verdict is VERDICT
    const concrete = /^# concrete (\S+)/m.exec(expect)?.[1];
    // Where no verdict rests on the concrete tests (no `# concrete` line: they run where a
    // check ends bounded, and must not refute), a step budget, not their default 3 s of wall
    // time, which a pair with no difference on its inputs ran to. (The budget counts the steps
    // handed out, up to 200 000 an input: the late differences of the `# concrete` pairs are
    // found on later inputs, under the default budget.)
    const base = { unroll, timeoutMs: 20_000, ...(concrete ? {} : { concreteBudget: { ms: Infinity, steps: 400_000 } }) };
    // The second run (with concrete tests) asks the solver the same queries as the first
    // until the tests start: a query cache for this pair answers them again without solving
    // (the path and the verdict are the default options' own). 26 Nov, CPU of the file: 42.8 s;
    // 31.4 s with this cache (and nan_payload_fneg, llvm_sdiv_to_udiv at 32 bits); 25.9 s with
    // the step budget above
    setSolverDefaults({ cache: { answers: new Map() } });
    let got;
    try {
      got = await validatePair(src, tgt, { ...base, ...(concrete ? { concreteTests: false } : {}) });
      if (concrete) {
        for (const v of await validatePair(src, tgt, base)) {
          assert.is(v.verdict, concrete, `@${v.name} with concrete tests: ${v.detail}`);
          if (concrete === 'refuted') assert.ok(v.detail.startsWith('refuted (concrete test:') && v.counterexample, v.detail);
        }
      }
    } finally {
      setSolverDefaults({ cache: undefined });
    }
    for (const [fn, verdict] of want) {
      const v = got.find((g) => g.name === fn);
      assert.ok(v, `no verdict for @${fn}`);
      assert.is(v!.verdict, verdict, `@${fn}: ${v!.detail}`);
      if (verdict === 'refuted') {
        // a refutation always comes with its replayed counterexample
        assert.ok(v!.counterexample && v!.counterexample.difference.length > 0, 'a counterexample');
      }
    }
    assert.is(got.length, want.length, `verdicts: ${got.map((g) => `${g.name} ${g.verdict}`).join(', ')}`);
  });
}

test.after(async () => {
  await disposeSolvers();
});

test.run();
