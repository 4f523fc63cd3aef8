// The liveness comparison after the return (verifier/tv/query.ts liveness) costs nothing where
// neither side frees: a source block whose liveness term is also one of the target's cannot
// be alive in the source only, so it is left out, and a pair whose query was otherwise false
// folds away before any solver call as it did before the comparison existed. It had kept such
// queries (every function with an argument block or a global: an unsat query per pass, the
// upstream passes' median check time doubled — checksums @adler32 in convert-scf-to-cf).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult } from './pair-verdict.ts';
import { queriesOf } from '../../helpers/queries.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const store = `func.func @f(%m: memref<4xi32>, %v: i32) {
  %c0 = arith.constant 0 : index
  memref.store %v, %m[%c0] : memref<4xi32>
  return
}`;

// a loop: checked by cut points (the havoc state's liveness unknowns are shared by the sides)
const loop = `func.func @f(%m: memref<8xi32>, %n: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i32
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i32) {
    %x = memref.load %m[%i] : memref<8xi32>
    %y = arith.addi %acc, %x : i32
    scf.yield %y : i32
  }
  return %r : i32
}`;

// an external call may free the argument block: the same call on both sides frees it alike
const call = `func.func private @g(memref<4xi32>)
func.func @f(%m: memref<4xi32>) -> i32 {
  %c0 = arith.constant 0 : index
  func.call @g(%m) : (memref<4xi32>) -> ()
  %x = memref.load %m[%c0] : memref<4xi32>
  return %x : i32
}`;

for (const [what, text] of [['a store into an argument memref', store], ['a loop reading an argument memref', loop], ['an external call given the argument memref', call]] as const) {
  test(`${what}, the same on both sides: proved with no solver query`, async () => {
    const { result, names } = await queriesOf(() => pairResult(text, text));
    assert.match(result.verdict, /^proved/, result.detail);
    assert.equal(names, [], `queries asked: ${names.join(', ')}`);
  });
}

test('the comparison still refutes a target that frees an argument block the source leaves alive', async () => {
  const src = `func.func @f(%m: memref<4xi32>) {
  return
}`;
  const tgt = `func.func @f(%m: memref<4xi32>) {
  memref.dealloc %m : memref<4xi32>
  return
}`;
  const r = await pairResult(src, tgt);
  assert.is(r.verdict, 'refuted', r.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
