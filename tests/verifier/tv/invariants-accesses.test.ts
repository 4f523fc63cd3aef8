// Invariant candidates read off the source's memory accesses (verifier/tv/invariant-accesses.ts)
// and the search's order (verifier/tv/invariants.ts dependencyOrder). Real z3, real pairs;
// each proof is checked against the same pair without invariants, and a pair whose fact is
// false must not be proved. luhn main's nsw/nuw mutants on `length + counter` have this shape.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult } from './pair-verdict.ts';
import { dependencyOrder } from '../../../verifier/tv/invariants.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const verdict = pairResult;

/** dst[base + i] := 0 for i < m: the sum indexes an argument memref. */
const indexed = (flags: string) => `func.func @f(%base: index, %m: index, %dst: memref<?xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i8
  cf.br ^h(%c0 : index)
^h(%i: index):
  %c = arith.cmpi slt, %i, %m : index
  cf.cond_br %c, ^b, ^e
^b:
  %k = arith.addi %base, %i${flags} : index
  memref.store %z, %dst[%k] : memref<?xi8>
  %i2 = arith.addi %i, %c1 : index
  cf.br ^h(%i2 : index)
^e:
  return
}
`;

test('base + i used as an index never wraps unsigned: nuw on it is proved only with the access fact', async () => {
  const src = indexed('');
  const tgt = indexed(' overflow<nuw>');
  const without = await verdict(src, tgt, { invariants: false, concreteTests: false });
  assert.is(without.verdict, 'bounded(2)', without.detail);
  const withInv = await verdict(src, tgt);
  assert.is(withInv.verdict, 'proved', withInv.detail);
});

/** n := len() (a call the run cannot see into); READ: a loop over a 32-byte stack buffer up
 *  to n; then dst[n + j] := 0 for j < 9. */
const lengthThenIndex = (read: boolean, flags: string) => `func.func private @len() -> index
func.func @f(%dst: memref<?xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c9 = arith.constant 9 : index
  %z = arith.constant 0 : i8
  %buf = memref.alloca() : memref<32xi8>
  %n = func.call @len() : () -> index
  cf.br ^h(%c0 : index)
^h(%i: index):
  %c = arith.cmpi slt, %i, %n : index
  cf.cond_br %c, ^b, ^m
^b:
  ${read ? '%v = memref.load %buf[%i] : memref<32xi8>' : ''}
  %i2 = arith.addi %i, %c1 : index
  cf.br ^h(%i2 : index)
^m:
  cf.br ^h2(%c0 : index)
^h2(%j: index):
  %c2 = arith.cmpi slt, %j, %c9 : index
  cf.cond_br %c2, ^b2, ^e
^b2:
  %k = arith.addi %n, %j${flags} : index
  memref.store %z, %dst[%k] : memref<?xi8>
  %j2 = arith.addi %j, %c1 : index
  cf.br ^h2(%j2 : index)
^e:
  return
}
`;

test('a loop reading a 32-byte buffer up to n bounds n by 32 after it: nsw on n + j is proved', async () => {
  const src = lengthThenIndex(true, '');
  const tgt = lengthThenIndex(true, ' overflow<nsw>');
  const without = await verdict(src, tgt, { invariants: false, concreteTests: false });
  assert.is(without.verdict, 'bounded(2)', without.detail);
  const withInv = await verdict(src, tgt);
  assert.is(withInv.verdict, 'proved', withInv.detail);
  assert.match(withInv.detail, /slot 0 <=[su] 32/);
});

test('without the reads nothing bounds n: the same nsw is not proved', async () => {
  // (n + j overflows for n near 2^63, where the first loop runs past any bound: bounded)
  const v = await verdict(lengthThenIndex(false, ''), lengthThenIndex(false, ' overflow<nsw>'), { concreteTests: false });
  assert.is(v.verdict, 'bounded(2)', v.detail);
  assert.not.match(v.detail, /<=[su] 32/);
});

test('loops are searched in the order of their dependencies, nested ones together', () => {
  // 0 and 1 depend on each other (an outer and an inner loop), 2 on 1, 3 on nothing
  const edges = new Map([[0, new Set([1])], [1, new Set([0])], [2, new Set([1, 2])], [3, new Set<number>()]]);
  const order = dependencyOrder([0, 1, 2, 3], edges).map((g) => [...g].sort());
  assert.equal(order, [[0, 1], [2], [3]]);
  // a dependency on a loop without candidates is no node of the order
  assert.equal(dependencyOrder([2], edges).map((g) => [...g]), [[2]]);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
