// Soundness probe (review, session 12, round 4): query.ts `extraNaN` (a target NaN computed
// from operands the source's value does not read is a difference) was asked only by the
// bounded query's results, call words and final memory; the cut-point proof compares header
// states by plain equality, where every computed NaN is the one canonical NaN. A loop
// carrying the target's NaN past the header was proved for executions of any length.
// Source `acc = acc + x` n times; target `acc = uno(acc) ? NaN(0x7fc00002) + acc : acc + x`:
// natively (mlir-opt-19 lowering, mlir-translate, clang -O2, x86-64) x = 0x7fc00001,
// n = 2: source 0x7fc00001, target 0x7fc00002 (a payload no op of the source reads).
// cutpoint.ts `stateDiffer`: extraNaN on header values, memory and the call trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const loop = (body: string, yield_: string, extra = '') => `func.func @f(%x: f32, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0.0 : f32
  %y = arith.constant 0x7FC00002 : f32${extra}
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (f32) {
${body}
    scf.yield ${yield_} : f32
  }
  return %r : f32
}`;
const src = loop('    %b = arith.addf %acc, %x : f32', '%b');
// (x's NaN test keeps the target poison where x is: the relation compares poison too)
const tgt = loop(`    %u = arith.cmpf uno, %acc, %acc : f32
    %xx = arith.cmpf oeq, %x, %x : f32
    %a = arith.addf %y, %acc : f32
    %a2 = arith.select %xx, %a, %a : f32
    %b = arith.addf %acc, %x : f32
    %s = arith.select %u, %a2, %b : f32`, '%s');
// the same computation with the source's own operands (commuted): proved, by cut points
const commuted = loop(`    %u = arith.cmpf uno, %acc, %acc : f32
    %b = arith.addf %x, %acc : f32
    %b2 = arith.addf %acc, %x : f32
    %s = arith.select %u, %b, %b2 : f32`, '%s');

test('a loop-carried NaN with a payload the source cannot have is not proved', async () => {
  const v = await pairVerdict(src, tgt);
  assert.not.match(v, /^proved/, v);
  assert.match(v, /NaN payload/, v);
});

test('a loop computing with the source\'s own NaN operands is still proved for any length', async () => {
  const v = await pairVerdict(src, commuted);
  assert.match(v, /^proved: refinement holds for executions of any length/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
