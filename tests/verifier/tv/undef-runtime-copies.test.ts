// What the runtime's copy calls write (runtime/clef_rt.c): `clef_readln_copy(buf)` copies
// min(line_len, buf_len) bytes of the line the last `clef_readln_len` returned the length of,
// `clef_arg_copy(i, buf)` min(clef_arg_len(i), buf_len) bytes of argument i. Neither fills
// the rest (no zero fill, no terminator). They were assumed to write their whole buffer, so a
// target reading a byte past the line twice and subtracting was proved to return 0 (it reads
// undef twice). Now the whole buffer counts as written only when the length call right before
// reported the buffer's own size word (Clef's code: verifier/semantics/mlir/runtime-pre.ts
// LENGTH_CALL); otherwise its bytes past the reported length stay unwritten.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const DECL = `func.func private @clef_readln_len() -> i64
func.func private @clef_readln_copy(memref<?xi8>)
func.func private @clef_arg_len(i64) -> i64
func.func private @clef_arg_copy(i64, memref<?xi8>)
func.func private @clef_fmt_u64(i64, memref<?xi8>) -> i64`;

/** After `pre` (which leaves %buf), the source reads byte 50 once and returns its
 *  difference with itself, the target reads it twice and returns the difference (undef -
 *  undef need not be 0). (The source returned 0 until review 33: an external call may leave
 *  poison in memory, `call.havocP`, which both sides then read alike; poison - poison on both
 *  sides keeps the pair about the unwritten bytes alone.) */
function pair(pre: string): [string, string] {
  const fn = (tail: string) => `${DECL}
func.func @f(%i: i64, %j: i64) -> i8 {
${pre}
  %c50 = arith.constant 50 : index
  %a = memref.load %buf[%c50] : memref<?xi8>
${tail}
}`;
  return [
    fn(`  %z = arith.subi %a, %a : i8
  return %z : i8`),
    fn(`  %b = memref.load %buf[%c50] : memref<?xi8>
  %d = arith.subi %a, %b : i8
  return %d : i8`),
  ];
}

const notProved = (v: string) => assert.ok(!/^(proved|bounded|refuted)/.test(v), v);

test('readln into a buffer of the length it reported: every byte written (proved)', async () => {
  const [s, t] = pair(`  %len = func.call @clef_readln_len() : () -> i64
  %n = arith.index_cast %len : i64 to index
  %buf = memref.alloc(%n) : memref<?xi8>
  func.call @clef_readln_copy(%buf) : (memref<?xi8>) -> ()`);
  assert.match(await pairVerdict(s, t), /^proved/);
});

test('readln into a larger buffer: the bytes past the line stay unwritten (not proved)', async () => {
  const [s, t] = pair(`  %len = func.call @clef_readln_len() : () -> i64
  %n = arith.constant 100 : index
  %buf = memref.alloc(%n) : memref<?xi8>
  func.call @clef_readln_copy(%buf) : (memref<?xi8>) -> ()`);
  notProved(await pairVerdict(s, t));
});

test('readln_copy with no length call right before it: nothing is known written', async () => {
  const [s, t] = pair(`  %n = arith.index_cast %i : i64 to index
  %buf = memref.alloc(%n) : memref<?xi8>
  func.call @clef_readln_copy(%buf) : (memref<?xi8>) -> ()`);
  notProved(await pairVerdict(s, t));
  const [s2, t2] = pair(`  %len = func.call @clef_readln_len() : () -> i64
  %n = arith.index_cast %len : i64 to index
  %buf = memref.alloc(%n) : memref<?xi8>
  %c32 = arith.constant 32 : index
  %fb = memref.alloc(%c32) : memref<?xi8>
  %k = func.call @clef_fmt_u64(%i, %fb) : (i64, memref<?xi8>) -> i64
  func.call @clef_readln_copy(%buf) : (memref<?xi8>) -> ()`);
  notProved(await pairVerdict(s2, t2));
});

test('arg_copy of the argument whose length sized the buffer: written (proved); of another: not', async () => {
  const [s, t] = pair(`  %k = arith.constant 1 : i64
  %len = func.call @clef_arg_len(%k) : (i64) -> i64
  %n = arith.index_cast %len : i64 to index
  %buf = memref.alloc(%n) : memref<?xi8>
  func.call @clef_arg_copy(%k, %buf) : (i64, memref<?xi8>) -> ()`);
  assert.match(await pairVerdict(s, t), /^proved/);
  const [s2, t2] = pair(`  %len = func.call @clef_arg_len(%i) : (i64) -> i64
  %n = arith.index_cast %len : i64 to index
  %buf = memref.alloc(%n) : memref<?xi8>
  func.call @clef_arg_copy(%j, %buf) : (i64, memref<?xi8>) -> ()`);
  notProved(await pairVerdict(s2, t2));
});

test('arg_copy of an argument that may be poison: nothing is known written', async () => {
  // (two uses of a poison word need not pass the callee the same value)
  const [s, t] = pair(`  %len = func.call @clef_arg_len(%i) : (i64) -> i64
  %n = arith.index_cast %len : i64 to index
  %buf = memref.alloc(%n) : memref<?xi8>
  func.call @clef_arg_copy(%i, %buf) : (i64, memref<?xi8>) -> ()`);
  notProved(await pairVerdict(s, t));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
