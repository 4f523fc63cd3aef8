// What is assumed after a signed product's overflow check (symbolic/exec-prim.ts). The Int
// representation checks "a * b may overflow" by linear bounds on the factors (|a|, |b| <=
// isqrt(MaxValue), or a program constant t with |a| <= t and t * |b| <= MaxValue): true also
// for some products that fit. Before the fix, its negation was assumed after the check, so
// the executions with a fitting product outside those bounds were cut off for every later
// obligation; the overflow check itself was then proved by the exact-integer retry, and the
// assertion below — false at a = 4.4e9, b = 1.6e9 (product 7.04e18 <= MaxValue) — was
// `proved` (a wrong proof). Now only "the product is in range" is assumed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { describe, prove, verdicts } from './helpers.ts';

// every constant below is chosen so that no scale (the program's constants, 2^31 - 1,
// 2^32 - 1, ...) covers a in (4294967298, 4462771328], b in (1537228672, 1705032702]
const PROGRAM = `
    [<Requires("a >= 1 && b >= 1 && a + b <= 6000000000")>]
    let f (a: int) (b: int) : int =
        let p = a * b
        Contract.assert (a <= 4294967298 || b <= 1537228672)
        p
`;

test('a product that fits but looks like it may overflow does not cut off later paths', async () => {
  const rs = await prove(PROGRAM);
  const v = verdicts(rs);
  assert.is.not(v.get('assertion@4'), 'proved', describe(rs));
  assert.is(v.get('assertion@4'), 'refuted', describe(rs));
  // the product never overflows (a + b <= 6e9): still proved, by the exact retry
  assert.is(v.get('overflow@3'), 'proved', describe(rs));
});

test('what the check established is still assumed: the product is in range afterwards', async () => {
  // the product of two positive factors is positive where it did not overflow (the
  // overflow check itself is refuted: a and b are unbounded)
  const rs = await prove(`
    [<Requires("a >= 1 && b >= 1")>]
    let g (a: int) (b: int) : int =
        let p = a * b
        Contract.assert (p >= 1)
        p
  `);
  const v = verdicts(rs);
  assert.is(v.get('assertion@4'), 'proved', describe(rs));
});

test.after(() => disposeSolvers());
test.run();
