// Products of two unknowns in the Int representation (domain.ts approxMul, scales.ts): the
// bounds a contract gives the factors bound the product linearly, so overflow of a sum of
// products and of a product with one small factor is proved; without such bounds a product
// still may overflow, and that is refuted with a replayed counterexample.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { describe, prove, verdicts } from './helpers.ts';

test('bounded factors bound the product', async () => {
  const rs = await prove(`
    [<Requires("a >= -1000000 && a <= 1000000 && b >= -1000000 && b <= 1000000")>]
    [<Ensures("result >= -2000000000000 && result <= 2000000000000")>]
    let dot2 (a: int) (b: int) : int =
        a * b + b * a
    [<Requires("a >= 0 && a <= 10 && b >= 0 && b <= 100000000000000000")>]
    let scale (a: int) (b: int) : int =
        a * b
    let any (a: int) (b: int) : int =
        a * b
  `);
  const v = verdicts(rs);
  assert.is(v.get('overflow@4'), 'proved', describe(rs));
  assert.is(v.get('postcondition@2'), 'proved', describe(rs));
  // b is beyond sqrt(MaxValue): proved by the scale 10 (10 * b <= MaxValue)
  assert.is(v.get('overflow@7'), 'proved', describe(rs));
  assert.is(v.get('overflow@9'), 'refuted', describe(rs));
});

test('a product that can wrap is not bounded by its factors', async () => {
  const rs = await prove(`
    [<Requires("a >= 0 && a <= 10 && b >= 0")>]
    let wraps (a: int) (b: int) : int =
        let p = Wrapping.mul a b
        100 / (p + 1)
  `);
  // a = 10, b = (MaxValue - 9) / 10 ... the wrapped product can be -1: division by zero
  assert.is.not(verdicts(rs).get('div-by-zero@4'), 'proved', describe(rs));
});

test.after(() => disposeSolvers());
test.run();
