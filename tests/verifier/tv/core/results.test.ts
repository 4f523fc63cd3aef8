// A returned span (verifier/tv/core/results.ts): Core's (block, offset, length) against the
// memref core-to-mlir returns. matmul_span's `row` (a slice of its argument) is proved;
// mutants of its real MLIR — a wrong slice offset, a wrong length — are refuted with a
// counterexample replayed on both interpreters; an equivalent mutant is proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';

const opts = { unroll: 2, timeoutMs: 20_000 };

async function rowVerdict(edit: (t: string) => string = (t) => t) {
  const { core, mlir } = corpusProgram('matmul_span');
  const mod = parseMlir(edit(mlir), 'matmul_span.mutant.mlir');
  return validateCoreFunction(core, core.functions.find((f) => f.name === 'row')!, mod, moduleInfo(mod), opts);
}

test('row (a Span<int> result, a slice of the argument) is proved', async () => {
  const v = await rowVerdict();
  assert.is(v.verdict, 'proved', v.detail);
});

const mutants = [
  { name: 'wrong slice offset (3 instead of 3i)', from: /= arith.addi %base_(\d+)#1, %4 : index/, to: '= arith.addi %base_$1#1, %5 : index' },
  { name: 'wrong length (3i instead of 3)', from: 'sizes: [%5]', to: 'sizes: [%4]' },
];

for (const m of mutants) {
  test(`refuted with a replayed counterexample: row, ${m.name}`, async () => {
    const v = await rowVerdict((t) => mutate(t, 'row', m.from, m.to));
    assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
    assert.ok(v.counterexample, 'a refutation carries its counterexample');
    assert.match(v.counterexample!.difference, /the result's (offset|length)/);
  });
}

test('an equivalent mutant is proved: the offset sum commuted', async () => {
  const v = await rowVerdict((t) => mutate(t, 'row', /= arith.addi %base_(\d+)#1, %4 : index/, '= arith.addi %4, %base_$1#1 : index'));
  assert.is(v.verdict, 'proved', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
