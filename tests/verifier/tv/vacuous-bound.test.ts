// `bounded(k)` must mean some execution was checked. The bounded query assumes the source
// within the unrolling bound and, where the target was cut, checks only its UB before the
// cut: with loops whose trip count is always above k, its unsat answer is about no execution
// at all. validate.ts asks once whether any execution stays within k on both sides before it
// says bounded(k) (within-bound.ts); none -> unknown, "nothing was checked".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { pairResult } from './pair-verdict.ts';

// A loop of `trip` iterations (`trip` computed from %x as an i32) folding %x into %acc.
const LOOP = (trip: string) => `  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c15 = arith.constant 15 : i32
  %lo = arith.andi %x, %c15 : i32
  %c10 = arith.constant 10 : i32
  %n32 = ${trip}
  %cn = arith.index_cast %n32 : i32 to index
  %z = arith.constant 0 : i32
  %r = scf.for %i = %c0 to %cn step %c1 iter_args(%acc = %z) -> (i32) {
    %a = arith.addi %acc, %x : i32
    %m = arith.muli %a, %a : i32
    %b = arith.xori %m, %acc : i32
    scf.yield %b : i32
  }`;
// 10 to 25 iterations: always more than 2
const LONG = 'arith.addi %lo, %c10 : i32';
// 0 to 15 iterations: within 2 for some inputs
const SHORT = 'arith.addi %lo, %z0 : i32';
const Z0 = '  %z0 = arith.constant 0 : i32\n';

// the target adds 1 at the one input x = 922545197 (x * 123456789 = 987654321 mod 2^32,
// whose loop runs 23 iterations with LONG, 13 with SHORT)
const WRONG_AT_ONE_INPUT = `  %k = arith.constant 123456789 : i32
  %x7 = arith.muli %x, %k : i32
  %k2 = arith.constant 987654321 : i32
  %e = arith.cmpi eq, %x7, %k2 : i32
  %one = arith.constant 1 : i32
  %r1 = arith.addi %r, %one : i32
  %out = arith.select %e, %r1, %r : i32
  return %out : i32`;

const src = (trip: string) => `func.func @f(%x: i32) -> i32 {\n${Z0}${LOOP(trip)}\n  return %r : i32\n}`;
const tgt = (trip: string) => `func.func @f(%x: i32) -> i32 {\n${Z0}${LOOP(trip)}\n${WRONG_AT_ONE_INPUT}\n}`;

const verdict = (s: string, t: string, unroll: number) => pairResult(s, t, { unroll });

test('every execution runs the loop more than k times: unknown, nothing was checked (was bounded(2))', async () => {
  const v = await verdict(src(LONG), tgt(LONG), 2);
  assert.is(v.verdict, 'unknown', v.detail);
  assert.match(v.detail, /every execution runs a loop more than 2 iterations; nothing was checked \(try a larger --unroll\)/);
});

test('the same pair at a depth that reaches the difference: refuted, replayed', async () => {
  const v = await verdict(src(LONG), tgt(LONG), 32);
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample && v.counterexample.difference.length > 0);
});

test('only the target\'s loop is always longer than k: unknown, not bounded', async () => {
  // the source runs a loop of at most 1 iteration (a poison %x is UB on both sides) and
  // returns 0; the target's loop keeps 0 for 10 to 25 iterations and differs at one input
  const s = `func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1 : i32
  %lo = arith.andi %x, %one : i32
  %cn = arith.index_cast %lo : i32 to index
  %z = arith.constant 0 : i32
  %r = scf.for %i = %c0 to %cn step %c1 iter_args(%acc = %z) -> (i32) {
    scf.yield %acc : i32
  }
  return %r : i32
}`;
  const t = `func.func @f(%x: i32) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c15 = arith.constant 15 : i32
  %lo = arith.andi %x, %c15 : i32
  %c10 = arith.constant 10 : i32
  %n32 = arith.addi %lo, %c10 : i32
  %cn = arith.index_cast %n32 : i32 to index
  %z = arith.constant 0 : i32
  %r = scf.for %i = %c0 to %cn step %c1 iter_args(%acc = %z) -> (i32) {
    %b = arith.andi %acc, %x : i32
    scf.yield %b : i32
  }
${WRONG_AT_ONE_INPUT}
}`;
  const v = await verdict(s, t, 2);
  assert.is(v.verdict, 'unknown', v.detail);
  assert.match(v.detail, /nothing was checked/);
});

test('some execution stays within k: bounded(2) stands (the difference is beyond the bound)', async () => {
  const v = await verdict(src(SHORT), tgt(SHORT), 2);
  assert.is(v.verdict, 'bounded(2)', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
