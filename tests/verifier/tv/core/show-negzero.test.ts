// A counterexample's float input -0.0 was shown as "0" (showValue: String(-0) is "0"), so
// the inputs a reader reruns are not the ones that replayed (review, session 12, round 4).
// `a + 0.0` against the MLIR returning %a differs only at a = -0.0 (Core +0.0, MLIR -0.0):
// its one counterexample must show a = -0.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { showValue } from '../../../../verifier/semantics/symbolic/replay.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate } from './helpers.ts';

test('showValue keeps the sign of zero', () => {
  assert.is(showValue(-0), '-0');
  assert.is(showValue(0), '0');
  assert.is(showValue(-1.5), '-1.5');
});

test('the counterexample of a dropped `+ 0.0` shows a = -0', async () => {
  const core = frontEndText('negzero.clef', 'module Probe\n\nlet addz (a: float) : float = a + 0.0\n\nlet main _ = 0\n').core;
  const mlir = mutate(coreToMlir(core), 'addz', /return %\d+ : f64/, 'return %a_0 : f64');
  const mod = parseMlir(mlir, 'negzero.mlir');
  const v = await validateCoreFunction(core, core.functions.find((f) => f.name === 'addz')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
  assert.is(v.verdict, 'refuted', v.detail);
  assert.equal(v.counterexample?.inputs, [{ name: 'a', value: '-0' }]);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
