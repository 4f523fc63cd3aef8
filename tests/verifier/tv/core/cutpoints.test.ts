// Unbounded proofs of Core -> MLIR loops by cut points (verifier/tv/core/cut-*.ts): correct
// loops of the corpus are `proved`; wrong MLIR that differs from Core only in a late
// iteration — a value, a store, the exit, after more iterations than the unrolling bound —
// is never `proved` (bounded(k) at best, since the unrolled check cannot see that far), and a
// model of an inductive check is never shown as a counterexample.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';

const opts = { unroll: 2, timeoutMs: 20_000 };

async function verdictOf(program: string, fn: string, edit: (mlir: string) => string = (t) => t) {
  const { core, mlir } = corpusProgram(program);
  const mod = parseMlir(edit(mlir), `${program}.mlir`);
  const f = core.functions.find((x) => x.name === fn)!;
  return validateCoreFunction(core, f, mod, moduleInfo(mod), opts);
}

const proved: [string, string][] = [
  ['bits', 'popcount'],
  ['bits', 'clz32'],
  ['fir_q15', 'clear'],
];
for (const [program, fn] of proved) {
  test(`a correct loop is proved for any number of iterations: ${program}.${fn}`, async () => {
    const v = await verdictOf(program, fn);
    assert.is(v.verdict, 'proved', v.detail);
    assert.match(v.detail, /any length/);
  });
}

/** Wrong only from iteration 6 on (beyond the bound 2): never proved; bounded(2) or refuted
 *  (a refutation needs a replayed counterexample, which the unrolled check alone gives). */
const late: { name: string; program: string; fn: string; from: string | RegExp; to: string }[] = [
  {
    name: 'a carried value wrong once the counter reaches 6',
    program: 'bits',
    fn: 'popcount',
    from: /(%13) = arith.addi (%n_8), (%c1_12) : i64/,
    to: '%late_c = arith.constant 6 : i64\n      %late_b = arith.cmpi eq, $2, %late_c : i64\n      %late_s = arith.select %late_b, $2, $3 : i64\n      $1 = arith.addi $2, %late_s : i64',
  },
  {
    name: 'the loop exits early once the counter reaches 6',
    program: 'bits',
    fn: 'clz32',
    from: /(%11) = arith.cmpi eq, (%10), (%c0_1) : i32/,
    to: '%late_c = arith.constant 6 : i64\n        %late_b = arith.cmpi ne, %n_8, %late_c : i64\n        %late_e = arith.cmpi eq, $2, $3 : i32\n        $1 = arith.andi %late_e, %late_b : i1',
  },
  {
    name: 'a wrong value stored in iteration 7',
    program: 'fir_q15',
    fn: 'clear',
    from: /memref.store (%c0_16), (%s_0)\[(%15)\]/,
    to: '%late_c = arith.constant 7 : i64\n        %late_b = arith.cmpi eq, %i_14, %late_c : i64\n        %late_one = arith.constant 1 : i16\n        %late_v = arith.select %late_b, %late_one, $1 : i16\n        memref.store %late_v, $2[$3]',
  },
  {
    name: 'a store skipped from iteration 9 on',
    program: 'fir_q15',
    fn: 'clear',
    from: /memref.store (%c0_16), (%s_0)\[(%15)\] : (memref<[^>]*>>)/,
    to: '%late_c = arith.constant 9 : i64\n        %late_b = arith.cmpi slt, %i_14, %late_c : i64\n        scf.if %late_b {\n          memref.store $1, $2[$3] : $4\n        }',
  },
];
for (const m of late) {
  test(`never proved: ${m.program}.${m.fn}, ${m.name}`, async () => {
    const v = await verdictOf(m.program, m.fn, (t) => mutate(t, m.fn, m.from, m.to));
    assert.is.not(v.verdict, 'proved', v.detail);
    if (v.verdict === 'refuted') assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
    else assert.match(v.detail, /no unbounded proof: /, 'the reason the cut-point proof failed is given');
  });
}

test.after(async () => {
  await disposeSolvers();
});

test.run();
