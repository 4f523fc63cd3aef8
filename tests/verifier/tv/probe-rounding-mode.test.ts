// Soundness probe (review, session 10): arith.truncf takes an optional rounding mode (MLIR
// arith docs: the value is "rounded using the provided rounding mode"); the parser kept it,
// the semantics rounded to nearest even regardless, so a target changing the mode was
// `proved` (0.1 : f64 gives 0x3dcccccd to nearest, 0x3dcccccc downward). Not modelled now:
// `unsupported`, named. (Natively both round to nearest: convert-arith-to-llvm makes a
// constrained fptrunc, which LLVM reads as a promise about the environment.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const truncf = (mode: string) => `func.func @f(%x: f64) -> f32 {
  %r = arith.truncf %x${mode} : f64 to f32
  return %r : f32
}`;

test('a target rounding downward instead of to nearest even: not proved', async () => {
  const v = await pairVerdict(truncf(''), truncf(' downward'));
  assert.match(v, /^unsupported: .*rounding mode/, v);
});

test('the default mode, written out or not, is still proved', async () => {
  const v = await pairVerdict(truncf(''), truncf(' to_nearest_even'));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
