// Missed refutation (review 17, the NAN_ONLY sibling review 16 suspected): a model whose only
// difference is two NaN results with other payloads is `unknown: NaN payload`; before settling
// for it validate.ts asked once more with no float argument a NaN. A real difference that
// needs one argument to be a NaN (target: 1.0 where y is a NaN and x == 2.5; source: x) was
// then never asked for: z3's first model had x a NaN (the source moves x's payload, the
// target's x * 1.0 computes the canonical NaN), the retry excluded y's NaN too. Now up to 3
// more queries ask for other NaN patterns of the arguments (verifier/tv/nan-patterns.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

// the source returns x (the select keeps y's poison in both; a bitcast round trip keeps x's bits)
const src = `func.func @f(%x: f32, %y: f32) -> f32 {
  %n = arith.cmpf uno, %y, %y : f32
  %i = arith.bitcast %x : f32 to i32
  %x2 = arith.bitcast %i : i32 to f32
  %r = arith.select %n, %x2, %x : f32
  return %r : f32
}`;
const tgt = (cond: string) => `func.func @f(%x: f32, %y: f32) -> f32 {
  %one = arith.constant 1.0 : f32
  %k = arith.constant 2.5 : f32
  %n = arith.cmpf uno, %y, %y : f32
  %e = arith.cmpf oeq, %x, %k : f32
  %ne = ${cond}
  %m = arith.mulf %x, %one : f32
  %r = arith.select %ne, %one, %m : f32
  return %r : f32
}`;

test('a difference that needs y to be a NaN, beside payload-only models of a NaN x: refuted', async () => {
  const v = await pairVerdict(src, tgt('arith.andi %n, %e : i1'));
  assert.match(v, /^refuted: (refuted: )?result slot 0: the source returns 0x40200000 : f32, the target 0x3f800000 : f32/, v); // was unknown: NaN payload
});

test('payload-only differences stay unknown: NaN payload (never refuted, never proved)', async () => {
  const moved = `func.func @f(%x: f32, %y: f32) -> f32 {
  %i = arith.bitcast %x : f32 to i32
  %x2 = arith.bitcast %i : i32 to f32
  return %x2 : f32
}`;
  const times1 = `func.func @f(%x: f32, %y: f32) -> f32 {
  %one = arith.constant 1.0 : f32
  %m = arith.mulf %x, %one : f32
  return %m : f32
}`;
  const v = await pairVerdict(moved, times1);
  assert.match(v, /^unknown: (unknown: )?NaN payload/, v);
  // x == 2.5 alone (no NaN needed): refuted as before
  const e = await pairVerdict(src, tgt('arith.andi %e, %e : i1'));
  assert.match(e, /^refuted/, e);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
