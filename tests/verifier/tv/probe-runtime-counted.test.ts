// Soundness probe (review 18): the Format calls' buffer precondition. clef_rt.c `put` writes
// the text clamped to the buffer's size word and returns that count; bytes past it are never
// touched. runtime-pre.ts made the whole size word's range a precondition (UB when the block
// is shorter), so a source formatting into a 24-byte block through a view whose size word k
// exceeds 24 was UB for every k > 24, and a target returning 7 there was proved. Natively
// (mlir-opt-19 finalize-memref/func/arith-to-llvm, mlir-translate-19, clang-19 -O2 with
// runtime/clef_rt.c, k = 32, x = 5; scratch/review18/rp/): source 53 ('5'), target 7. Now the
// precondition of a counted writer is on the bytes it reports (its result), after the call;
// clef_str_compare's is on the common length its memcmp reads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

/** fmt_i64(x) into a view of size word %k over a `bytes`-byte stack block; returns byte 0
 *  (zeroed first), or 7 where k > 24 when `special`. */
const fn = (bytes: number, special: boolean) => `func.func private @clef_fmt_i64(i64, memref<?xi8>) -> i64
func.func @f(%x: i64, %k: index) -> i8 {
  %c0 = arith.constant 0 : index
  %c24 = arith.constant 24 : index
  %c7 = arith.constant 7 : i8
  %z8 = arith.constant 0 : i8
  %a = memref.alloca() {alignment = 16 : i64} : memref<${bytes}xi8>
  ${bytes > 0 ? `memref.store %z8, %a[%c0] : memref<${bytes}xi8>` : ''}
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [%k], strides: [1] : memref<${bytes}xi8> to memref<?xi8>
  %n = func.call @clef_fmt_i64(%x, %v) : (i64, memref<?xi8>) -> i64
  ${bytes > 0 ? `%b = memref.load %a[%c0] : memref<${bytes}xi8>` : '%b = arith.constant 0 : i8'}
  %big = arith.cmpi ugt, %k, %c24 : index
  %r = ${special ? 'arith.select %big, %c7, %b : i8' : 'arith.addi %b, %z8 : i8'}
  return %r : i8
}`;

test('a size word past the block while the text fits: no UB, the difference is refuted', async () => {
  const v = await pairVerdict(fn(24, false), fn(24, true));
  assert.match(v, /^refuted/, v);
});

test('the same function against itself keeps its proof', async () => {
  const v = await pairVerdict(fn(24, false), fn(24, false));
  assert.match(v, /^proved/, v);
});

test('a target formatting into an empty block (the text does not fit): refuted', async () => {
  const v = await pairVerdict(fn(24, false), fn(0, false));
  assert.match(v, /^refuted/, v);
});

/** clef_str_compare of a view of size word %k over an 8-byte block with a 1-byte string: the
 *  runtime's memcmp reads one byte of each (max(0, min(a_len, b_len))); the target returns 7
 *  where k > 8. Native (k = 100, as above, scratch/review18/cmp/): source -1, target 7. */
const cmp = (special: boolean) => `func.func private @clef_str_compare(memref<?xi8>, memref<?xi8>) -> i64
func.func @f(%k: index) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c7 = arith.constant 7 : i64
  %c0i = arith.constant 0 : i64
  %x = arith.constant 120 : i8
  %y = arith.constant 121 : i8
  %a = memref.alloca() {alignment = 16 : i64} : memref<8xi8>
  %b = memref.alloca() {alignment = 16 : i64} : memref<8xi8>
  memref.store %x, %a[%c0] : memref<8xi8>
  memref.store %y, %b[%c0] : memref<8xi8>
  %va = memref.reinterpret_cast %a to offset: [0], sizes: [%k], strides: [1] : memref<8xi8> to memref<?xi8>
  %vb = memref.reinterpret_cast %b to offset: [0], sizes: [%c1], strides: [1] : memref<8xi8> to memref<?xi8>
  %r = func.call @clef_str_compare(%va, %vb) : (memref<?xi8>, memref<?xi8>) -> i64
  %big = arith.cmpi ugt, %k, %c8 : index
  %o = ${special ? 'arith.select %big, %c7, %r : i64' : 'arith.addi %r, %c0i : i64'}
  return %o : i64
}`;

test('a comparison reads the common length only: a longer size word past its block is no UB', async () => {
  const v = await pairVerdict(cmp(false), cmp(true));
  assert.match(v, /^refuted/, v);
  assert.match(await pairVerdict(cmp(false), cmp(false)), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
