// A target with no path to a return, or a loop that never exits, against a Core function
// with a result (issue 4 items 4 and 8). Its symbolic run has no result slots, so the results
// part compared 1 Core scalar with 0 MLIR results and the check ended `unsupported: a result
// with 1 Core scalars and 0 MLIR results` — for a real difference. Now the results part is
// empty there and 'returns differently' decides: a target that aborts on every path is
// refuted with a replay. A loop that never exits was masked by the unrolling (`unknown:
// every execution runs a loop ...`, or `bounded(2)` where only negative n loop): now an
// input on which Core returns and the target passes the bound is replayed with the target's
// loop heads watched, and a state seen before at one head refutes (diverges.ts). The
// unmutated `f` stays proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate, probeProgram } from './helpers.ts';

const P = probeProgram('never-returns', `module NeverReturns

let f (n: int) : int =
    n + 1

[<EntryPoint>]
let main argv =
    Console.writeln (Format.int (f 3))
    0
`);

/** `@clef.f` with `body` in place of its own. */
const body = (b: string) => (t: string): string => {
  const out = t.replace(/func\.func @clef\.f\(%n_0: i64\) -> i64 \{[\s\S]*?\n {2}\}\n/, `func.func @clef.f(%n_0: i64) -> i64 {\n${b}\n  }\n`);
  if (out === t) throw new Error('no @clef.f to replace');
  return out;
};

test('an assert that fails on every path, then a loop without exit: refuted (the target exits), not unsupported', async () => {
  const v = await P.verdict('f', body(`    %f = arith.constant false\n    cf.assert %f, "no"\n    cf.br ^bb1\n  ^bb1:\n    cf.br ^bb1`));
  assert.match(v, /^refuted: .*exits with code 134; Core returns/, v);
});

test('a loop without exit: refuted (never returns), not unsupported', async () => {
  const v = await P.verdict('f', body(`    cf.br ^bb1\n  ^bb1:\n    cf.br ^bb1`));
  assert.match(v, /^refuted: .*the MLIR function never returns \(it comes back to \^bb1 in the state of an earlier visit/, v);
});

test('a loop without exit for negative n only: refuted (never returns), not bounded(2)', async () => {
  const v = await P.verdict('f', body(`    %c0 = arith.constant 0 : i64\n    %neg = arith.cmpi slt, %n_0, %c0 : i64\n    cf.cond_br %neg, ^bb1, ^bb2\n  ^bb1:\n    cf.br ^bb1\n  ^bb2:\n    %c1_1 = arith.constant 1 : i64\n    %2 = arith.addi %n_0, %c1_1 : i64\n    return %2 : i64`));
  assert.match(v, /^refuted: .*the MLIR function never returns/, v);
});

test('an scf.while whose condition is true: refuted (never returns), not unsupported', async () => {
  const v = await P.verdict('f', body(`    %t = arith.constant true\n    scf.while : () -> () {\n      scf.condition(%t)\n    } do {\n      scf.yield\n    }\n    %c1_1 = arith.constant 1 : i64\n    %2 = arith.addi %n_0, %c1_1 : i64\n    return %2 : i64`));
  assert.match(v, /^refuted: .*the MLIR function never returns \(it comes back to an scf\.while/, v);
});

// a loop that ends: the watch sees no repeat (the counter differs at every head)
test('a target that counts to 5 before returning: proved for any length or bounded, never refuted', async () => {
  const v = await P.verdict('f', body(`    %c0 = arith.constant 0 : i64\n    %c1 = arith.constant 1 : i64\n    %c5 = arith.constant 5 : i64\n    %r = scf.while (%i = %c0) : (i64) -> i64 {\n      %more = arith.cmpi slt, %i, %c5 : i64\n      scf.condition(%more) %i : i64\n    } do {\n    ^bb0(%j: i64):\n      %k = arith.addi %j, %c1 : i64\n      scf.yield %k : i64\n    }\n    %2 = arith.addi %n_0, %c1 : i64\n    return %2 : i64`));
  assert.not.match(v, /^refuted/, v);
  assert.not.match(v, /^unsupported/, v);
});

// review 22: bitmap_alloc `usedCount` with its loop index starting at -1 loads out of bounds
// on every path, so no target path returns
test('bitmap_alloc usedCount from index -1: refuted (target UB), not unsupported', async () => {
  const B = corpusProgram('bitmap_alloc');
  const mod = parseMlir(mutate(B.mlir, 'usedCount', '%c0_0 = arith.constant 0 : i64', '%c0_0 = arith.constant -1 : i64'), 'bitmap_alloc.mutant.mlir');
  const v = await validateCoreFunction(B.core, B.core.functions.find((f) => f.name === 'usedCount')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /memref\.load: index out of bounds/);
});

// review 22: bitmap_alloc `lowestZero` with its loop step 1 made 0 hangs natively where Core
// returns; it was `bounded(2)` ("the difference is non-termination, beyond every k")
test('bitmap_alloc lowestZero with step 0: refuted (never returns), not bounded(2)', async () => {
  const B = corpusProgram('bitmap_alloc');
  const mod = parseMlir(mutate(B.mlir, 'lowestZero', '%c1_16 = arith.constant 1 : i64', '%c1_16 = arith.constant 0 : i64'), 'bitmap_alloc.mutant.mlir');
  const v = await validateCoreFunction(B.core, B.core.functions.find((f) => f.name === 'lowestZero')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /never returns \(it comes back to the scf\.while of %loop_4/);
});

test('f unmutated: proved', async () => {
  assert.match(await P.verdict('f'), /^proved: /);
});

test.after(disposeSolvers);
test.run();
