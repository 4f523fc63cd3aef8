// Every function of every corpus program, Core against its core-to-mlir MLIR: nothing may be
// refuted (the code generator is right on the corpus, or this finds the bug). Functions
// outside what the check maps say what they use (`unsupported: ...`); the tally is printed.
import { readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreToMlir } from '../../../../verifier/tv/core/validate.ts';
import { hasLoop } from '../../../../verifier/tv/core/cut-validate.ts';
import { CORPUS, corpusProgram } from './helpers.ts';

// A modest per-query limit keeps the corpus within the test budget (the CLI's is 10 s).
const opts = { unroll: 2, timeoutMs: 3_000 };
const tally = new Map<string, number>();
/** Functions with a loop proved for executions of any length (cut points). */
const unbounded: string[] = [];
const names = readdirSync(CORPUS).filter((f) => f.endsWith('.clef')).map((f) => f.replace(/\.clef$/, '')).sort();

for (const name of names) {
  test(`${name}: no Core function is refuted against its MLIR`, async () => {
    const { core, mlir } = corpusProgram(name);
    const vs = await validateCoreToMlir(core, parseMlir(mlir, `${name}.mlir`), opts);
    assert.equal(vs.map((v) => v.name), core.functions.map((f) => `clef.${f.name}`), 'one verdict per Core function, in order');
    for (const v of vs) {
      const kind = v.verdict.startsWith('bounded') ? 'bounded' : v.verdict;
      tally.set(kind, (tally.get(kind) ?? 0) + 1);
      if (v.verdict === 'proved' && /any length/.test(v.detail)) unbounded.push(`${name}.${v.name}`);
      // a bounded verdict of a function with a loop says why the cut-point proof failed
      if (kind === 'bounded' && hasLoop(core.functions.find((f) => `clef.${f.name}` === v.name)!)) assert.match(v.detail, /no unbounded proof: \S/, `${name} @${v.name}`);
      assert.is.not(v.verdict, 'refuted', `${name} @${v.name}: ${v.detail}\n${JSON.stringify(v.counterexample, null, 1)}`);
      if (kind === 'unsupported') assert.match(v.detail, /^unsupported: \S/, `${name} @${v.name}`);
      if (kind === 'unknown') assert.match(v.detail, /^unknown: \S/, `${name} @${v.name}`);
      if (kind === 'bounded') assert.match(v.verdict, /^bounded\((\d+)\)$/);
    }
  });
}

// 29 measured at 10 s per query (README.md "Measured"), about 25 at this test's 3 s; the floor leaves
// room for timeouts under load (a timeout keeps bounded(k), never a wrong verdict).
const MIN_UNBOUNDED = 15;
test(`at least ${MIN_UNBOUNDED} functions with loops are proved for executions of any length`, () => {
  assert.ok(unbounded.length >= MIN_UNBOUNDED, `${unbounded.length}: ${unbounded.join(', ')}`);
});

test.after(async () => {
  await disposeSolvers();
  console.log(`core-to-mlir validation of the corpus: ${[...tally].map(([k, n]) => `${n} ${k}`).join(', ')}; ${unbounded.length} with loops proved unboundedly`);
});

test.run();
