// Soundness probe: the copy calls' buffer precondition. runtime/clef_rt.c's
// `clef_readln_copy(buf)` copies max(0, min(line_len, size)) bytes (line_len: what the last
// `clef_readln_len` returned), `clef_arg_copy(i, buf)` max(0, min(clef_arg_len(i), size));
// nothing else is touched. runtime-pre.ts asked the whole size word writable, so a source
// copying into a 24-byte block through a view whose size word k exceeds 24 was UB for every
// k > 24 and a target returning 7 there was proved. Natively (mlir-opt-19
// expand-strided-metadata, finalize-memref/arith/func-to-llvm, reconcile; mlir-translate-19;
// clang-19 -O2 with runtime/clef_rt.c; k = 32; scratch/runtime-gap/ n1*, n2*):
// `echo hello | n1s` exits 104 ('h'), n1t 7; `n2s hello` 104, n2t 7. Now the precondition is
// on the bytes copied, with the lengths inputs both sides share (runtime-env.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const DECL = `func.func private @clef_readln_len() -> i64
func.func private @clef_readln_copy(memref<?xi8>)
func.func private @clef_arg_len(i64) -> i64
func.func private @clef_arg_copy(i64, memref<?xi8>)
func.func private @clef_fmt_u64(i64, memref<?xi8>) -> i64
func.func private @ext()`;

/** `calls` (which copy into %v: a view of size word %k over a `bytes`-byte stack block whose
 *  byte 0 is zeroed first); returns byte 0, or 7 where k > 24 when `special`. */
const fn = (calls: string, special: boolean, bytes = 24) => `${DECL}
func.func @f(%i: i64, %k: index) -> i8 {
  %c0 = arith.constant 0 : index
  %c24 = arith.constant 24 : index
  %c7 = arith.constant 7 : i8
  %z8 = arith.constant 0 : i8
  %a = memref.alloca() {alignment = 16 : i64} : memref<${bytes}xi8>
  memref.store %z8, %a[%c0] : memref<${bytes}xi8>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [%k], strides: [1] : memref<${bytes}xi8> to memref<?xi8>
${calls}
  %b = memref.load %a[%c0] : memref<${bytes}xi8>
  %big = arith.cmpi ugt, %k, %c24 : index
  %r = ${special ? 'arith.select %big, %c7, %b : i8' : 'arith.addi %b, %z8 : i8'}
  return %r : i8
}`;

const READLN = `  %len = func.call @clef_readln_len() : () -> i64
  func.call @clef_readln_copy(%v) : (memref<?xi8>) -> ()`;
const ARG = `  func.call @clef_arg_copy(%i, %v) : (i64, memref<?xi8>) -> ()`;

test('readln_copy right after its length call, a size word past the block: no UB while the line fits (refuted)', async () => {
  assert.match(await pairVerdict(fn(READLN, false), fn(READLN, true)), /^refuted/);
  assert.match(await pairVerdict(fn(READLN, false), fn(READLN, false)), /^proved/);
});

test('arg_copy with no length call: argument i\'s length is an input (refuted; itself proved)', async () => {
  assert.match(await pairVerdict(fn(ARG, false), fn(ARG, true)), /^refuted/);
  assert.match(await pairVerdict(fn(ARG, false), fn(ARG, false)), /^proved/);
});

test('readln_copy with no length call in the function: the line before it is an input (refuted)', async () => {
  const c = `  func.call @clef_readln_copy(%v) : (memref<?xi8>) -> ()`;
  assert.match(await pairVerdict(fn(c, false), fn(c, true)), /^refuted/);
});

test('an external call between the length call and the copy: the line may be another one (refuted)', async () => {
  const c = `  %len = func.call @clef_readln_len() : () -> i64
  func.call @ext() : () -> ()
  func.call @clef_readln_copy(%v) : (memref<?xi8>) -> ()`;
  assert.match(await pairVerdict(fn(c, false), fn(c, true)), /^refuted/);
});

test('a target copying into a smaller block: UB where the line does not fit there (refuted)', async () => {
  assert.match(await pairVerdict(fn(READLN, false), fn(READLN, false, 16)), /^refuted/);
  assert.match(await pairVerdict(fn(ARG, false), fn(ARG, false, 16)), /^refuted/);
});

/** The length call sizes a heap buffer of n + `extra` bytes, then `mid` (calls), then the
 *  copy into a view of it whose size word is n + 5: the copy touches min(len, n + 5) bytes,
 *  within n bytes only if len is still n. Returns 0. */
const sized = (len: string, mid: string, copy: string, extra: number) => `${DECL}
func.func @f(%i: i64) -> i8 {
  %x = arith.constant 5 : i64
  %z8 = arith.constant 0 : i8
  %e = arith.constant ${extra} : index
  %c5 = arith.constant 5 : index
  %fb = memref.alloca() {alignment = 16 : i64} : memref<32xi8>
  %fv = memref.cast %fb : memref<32xi8> to memref<?xi8>
${len}
  %k = arith.index_cast %n : i64 to index
  %kb = arith.addi %k, %e : index
  %a = memref.alloc(%kb) : memref<?xi8>
  %k2 = arith.addi %k, %c5 : index
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [%k2], strides: [1] : memref<?xi8> to memref<?xi8>
${mid}
${copy}
  return %z8 : i8
}`;
const RL = [`  %n = func.call @clef_readln_len() : () -> i64`, `  func.call @clef_readln_copy(%v) : (memref<?xi8>) -> ()`] as const;
// (a constant index: a poison %i may be two values in the two calls, LLVM's poison is no value,
// and the target's copy may then not fit: refuted, rightly)
const AL = [`  %c1 = arith.constant 1 : i64
  %n = func.call @clef_arg_len(%c1) : (i64) -> i64`, `  func.call @clef_arg_copy(%c1, %v) : (i64, memref<?xi8>) -> ()`] as const;
const FMT = `  %m = func.call @clef_fmt_u64(%x, %fv) : (i64, memref<?xi8>) -> i64`;

test('a runtime call between the length call and the copy changes no length: a target whose buffer is shorter than the size word still has room for the line (proved)', async () => {
  for (const [len, copy] of [RL, AL]) {
    const v = await pairVerdict(sized(len, FMT, copy, 5), sized(len, FMT, copy, 0));
    assert.match(v, /^proved/, v);
  }
});

test('an external call there may change the line (it may read one): the same target is refuted', async () => {
  const v = await pairVerdict(sized(RL[0], `  func.call @ext() : () -> ()`, RL[1], 5), sized(RL[0], `  func.call @ext() : () -> ()`, RL[1], 0));
  assert.match(v, /^refuted/, v);
});

/** As `sized` with a loop of %m iterations of `body` between the length call and the copy. */
const looped = (extra: number, body: string) => `func.func private @clef_readln_len() -> i64
func.func private @clef_readln_copy(memref<?xi8>)
func.func private @clef_write(memref<?xi8>)
func.func @f(%m: index) -> i8 {
  %z8 = arith.constant 0 : i8
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %e = arith.constant ${extra} : index
  %n = func.call @clef_readln_len() : () -> i64
  %k = arith.index_cast %n : i64 to index
  %kb = arith.addi %k, %e : index
  %a = memref.alloc(%kb) : memref<?xi8>
  %k2 = arith.addi %k, %c5 : index
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [%k2], strides: [1] : memref<?xi8> to memref<?xi8>
  %w = memref.alloca() : memref<4xi8>
  %wv = memref.cast %w : memref<4xi8> to memref<?xi8>
  scf.for %i = %c0 to %m step %c1 {
${body}
  }
  func.call @clef_readln_copy(%v) : (memref<?xi8>) -> ()
  return %z8 : i8
}`;

test('a loop that reads lines before the copy: the line is the last one read (refuted); one that only writes keeps it (proved, any length)', async () => {
  const rd = `    %x = func.call @clef_readln_len() : () -> i64`;
  assert.match(await pairVerdict(looped(5, rd), looped(0, rd)), /^refuted/);
  const wr = `    func.call @clef_write(%wv) : (memref<?xi8>) -> ()`;
  const v = await pairVerdict(looped(5, wr), looped(0, wr));
  assert.match(v, /^proved: .*any length/, v);
});

test('a target reading one more line before the copy (another line, another length): refuted', async () => {
  const two = `  %len0 = func.call @clef_readln_len() : () -> i64
${READLN}`;
  assert.match(await pairVerdict(fn(READLN, false), fn(two, false)), /^refuted/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
