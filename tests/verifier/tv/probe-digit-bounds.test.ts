// Soundness probes of the relational invariant candidates
// (verifier/tv/invariant-relations.ts) and of divisions as quotient/remainder unknowns in the
// invariant checks (verifier/tv/divisions.ts). The digit-sum family proves s <=u 200 for
// luhn's digit loop; the true maximum of a 64-bit digit sum is 171 (19 nines,
// 9999999999999999999 < 2^64), so a target that caps the sum at 170 is wrong only for that
// one 19-iteration input and must not be proved, while a cap at 200 is correct.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { pairResult } from './pair-verdict.ts';

const verdict = (src: string, tgt: string) => pairResult(src, tgt, { concreteTests: false });

/** s := digit sum of a (n := a; while n >u 0: s += n % 10; n /= 10); returns RET. */
function digits(ret: string, div = 'arith.divui %n, %c10'): string {
  return `func.func @f(%a: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c10 = arith.constant 10 : i64
  %cap = arith.constant CAP : i64
  cf.br ^h(%c0, %a : i64, i64)
^h(%s: i64, %n: i64):
  %c = arith.cmpi ugt, %n, %c0 : i64
  cf.cond_br %c, ^b, ^e
^b:
  %d = arith.remui %n, %c10 : i64
  %s2 = arith.addi %s, %d : i64
  %n2 = ${div} : i64
  cf.br ^h(%s2, %n2 : i64, i64)
^e:
  ${ret}
}
`;
}
const plain = digits('return %s : i64');
const capped = (cap: number) => digits('%m = arith.minui %s, %cap : i64\n  return %m : i64').replace('CAP', String(cap));

test('digit sum capped at 200 (>= the true maximum 171): proved with the relational bound (control)', async () => {
  const v = await verdict(plain.replace('CAP', '0'), capped(200));
  assert.is(v.verdict, 'proved', v.detail);
});

test('digit sum capped at 170 (wrong only for a = 9999999999999999999): never proved', async () => {
  const v = await verdict(plain.replace('CAP', '0'), capped(170));
  if (process.env.PROBE_VERBOSE) console.log('cap 170 =>', v.verdict, v.detail.slice(0, 300));
  assert.is.not(v.verdict, 'proved', v.detail);
  assert.is.not(v.verdict, 'refuted', 'no counterexample within 2 iterations exists');
});

test('n shrinks by 10 but by udiv 3 in the source: the family for c = 10 is never assumed', async () => {
  // the source divides by 3 (more iterations: up to 41); the sum of n % 10 over them can
  // pass 200, so a cap at 200 is wrong (a = 2^64 - 1 sums to more than 200)
  const src = digits('return %s : i64', 'arith.divui %n, %c3').replace('CAP', '0').replace('%c10 = arith.constant 10 : i64', '%c10 = arith.constant 10 : i64\n  %c3 = arith.constant 3 : i64');
  const tgt = src.replace('return %s : i64', '%m = arith.minui %s, %cap : i64\n  return %m : i64').replace('%cap = arith.constant 0', '%cap = arith.constant 200');
  const v = await verdict(src, tgt);
  if (process.env.PROBE_VERBOSE) console.log('udiv 3, cap 200 =>', v.verdict, v.detail.slice(0, 300));
  assert.is.not(v.verdict, 'proved', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
