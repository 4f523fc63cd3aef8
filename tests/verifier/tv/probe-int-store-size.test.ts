// Soundness probe (review, session 10): a load or store of an integer whose width is not a
// multiple of 8 touches LLVM's store size, ceil(N / 8) bytes (i20: 3), not its allocation
// size (4). The semantics wrote 4 bytes, so a source storing a byte at offset 3 and then an
// i20 at offset 0 read its byte back as 0 (native, mlir-translate + clang -O2: 7): a target
// returning 0 was `proved`; and a load of an i20 from the last 3 bytes of a block was out of
// bounds (source UB: anything proved). And the bits above N in its last byte: see below.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const SRC = `llvm.func @f(%x: i20) -> i8 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  %g = llvm.getelementptr %a[3] : (!llvm.ptr) -> !llvm.ptr, i8
  %seven = llvm.mlir.constant(7 : i8) : i8
  llvm.store %seven, %g : i8, !llvm.ptr
  llvm.store %x, %a : i20, !llvm.ptr
  %r = llvm.load %g : !llvm.ptr -> i8
  llvm.return %r : i8
}`;
const ret = (k: number) => `llvm.func @f(%x: i20) -> i8 {
  %r = llvm.mlir.constant(${k} : i8) : i8
  llvm.return %r : i8
}`;

test('a store of an i20 leaves the fourth byte alone: returning 0 is refuted, 7 proved', async () => {
  const zero = await pairVerdict(SRC, ret(0));
  assert.match(zero, /^refuted/, zero);
  const seven = await pairVerdict(SRC, ret(7));
  assert.match(seven, /^proved/, seven);
});

// an i20 in the last three bytes of a 4-byte block: in bounds (LLVM reads 3 bytes)
const tail = (body: string) => `llvm.func @f(%x: i20) -> i20 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  %g = llvm.getelementptr %a[1] : (!llvm.ptr) -> !llvm.ptr, i8
  llvm.store %x, %g {alignment = 1 : i64} : i20, !llvm.ptr
  %r = llvm.load %g {alignment = 1 : i64} : !llvm.ptr -> i20
  ${body}
}`;

test('an i20 in the last 3 bytes of a block is no UB: a target returning another value is refuted', async () => {
  const v = await pairVerdict(tail('llvm.return %r : i20'), tail('%k = llvm.mlir.constant(5 : i20) : i20\n  llvm.return %k : i20'));
  assert.match(v, /^refuted/, v);
});

// An i1 loaded from a byte that holds 2 (written as i8 by the caller): LangRef leaves it
// undefined unless the byte was stored as an i1; x86 code zero-extends the whole byte
// (native: 2). It was truncated to 0 and `proved` equal to `and b, 1`.
const BYTE_AND = `llvm.func @f(%p: !llvm.ptr) -> i32 {
  %b = llvm.load %p : !llvm.ptr -> i8
  %one = llvm.mlir.constant(1 : i8) : i8
  %m = llvm.and %b, %one : i8
  %r = llvm.zext %m : i8 to i32
  llvm.return %r : i32
}`;
const I1_LOAD = `llvm.func @f(%p: !llvm.ptr) -> i32 {
  %b = llvm.load %p : !llvm.ptr -> i1
  %r = llvm.zext %b : i1 to i32
  llvm.return %r : i32
}`;

test('an i1 loaded from a byte with other bits set is undefined: not proved equal to the low bit', async () => {
  const v = await pairVerdict(BYTE_AND, I1_LOAD);
  assert.match(v, /^refuted/, v);
  // the other way round the source computes with that undefined value: not proved either
  const back = await pairVerdict(I1_LOAD, BYTE_AND);
  assert.not.match(back, /^proved/, back);
});

test('an i1 stored and loaded back through a memref is still proved', async () => {
  const src = `func.func @f(%b: i1, %i: index) -> i1 {
  %a = memref.alloca() : memref<4xi1>
  memref.store %b, %a[%i] : memref<4xi1>
  %r = memref.load %a[%i] : memref<4xi1>
  return %r : i1
}`;
  const tgt = `func.func @f(%b: i1, %i: index) -> i1 {
  %c4 = arith.constant 4 : index
  %ok = arith.cmpi ult, %i, %c4 : index
  cf.assert %ok, "oob"
  return %b : i1
}`;
  const v = await pairVerdict(src, tgt);
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
