// Every function of every corpus program, Core against its core-to-mlir MLIR: nothing may be
// refuted (the code generator is right on the corpus, or this finds the bug). Functions
// outside what the check maps say what they use (`unsupported: ...`); the tally is printed.
import { readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreToMlir } from '../../../../verifier/tv/core/validate.ts';
import { CORPUS, corpusProgram } from './helpers.ts';

// A modest per-query limit keeps the corpus within the test budget (the CLI's is 10 s).
const opts = { unroll: 2, timeoutMs: 3_000 };
const tally = new Map<string, number>();
const names = readdirSync(CORPUS).filter((f) => f.endsWith('.clef')).map((f) => f.replace(/\.clef$/, '')).sort();

for (const name of names) {
  test(`${name}: no Core function is refuted against its MLIR`, async () => {
    const { core, mlir } = corpusProgram(name);
    const vs = await validateCoreToMlir(core, parseMlir(mlir, `${name}.mlir`), opts);
    assert.equal(vs.map((v) => v.name), core.functions.map((f) => `clef.${f.name}`), 'one verdict per Core function, in order');
    for (const v of vs) {
      const kind = v.verdict.startsWith('bounded') ? 'bounded' : v.verdict;
      tally.set(kind, (tally.get(kind) ?? 0) + 1);
      assert.is.not(v.verdict, 'refuted', `${name} @${v.name}: ${v.detail}\n${JSON.stringify(v.counterexample, null, 1)}`);
      if (kind === 'unsupported') assert.match(v.detail, /^unsupported: \S/, `${name} @${v.name}`);
      if (kind === 'unknown') assert.match(v.detail, /^unknown: \S/, `${name} @${v.name}`);
      if (kind === 'bounded') assert.match(v.verdict, /^bounded\((\d+)\)$/);
    }
  });
}

test.after(async () => {
  await disposeSolvers();
  console.log(`core-to-mlir validation of the corpus: ${[...tally].map(([k, n]) => `${n} ${k}`).join(', ')}`);
});

test.run();
