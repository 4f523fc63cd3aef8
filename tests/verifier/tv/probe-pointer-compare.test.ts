// Soundness probe (review, session 10): llvm.icmp eq/ne of pointers compared the encoded
// addresses b * 2^32 + o, so a pointer 4 GiB past one alloca was equal to the start of the
// next one (consecutive block ids): a target returning true for `gep a[2^32] == b` was
// `proved` (native, mlir-translate + clang -O2: the source returns 0, the target 1). Now two
// pointers are equal when block and offset are.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict, llvmReturn } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const SRC = (off: string) => `llvm.func @f() -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  %b = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  %k = llvm.mlir.constant(${off} : i64) : i64
  %p = llvm.getelementptr %a[%k] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  %c = llvm.icmp "eq" %p, %b : !llvm.ptr
  %r = llvm.zext %c : i1 to i32
  llvm.return %r : i32
}`;
const ret = llvmReturn;

test('a pointer 4 GiB past one alloca is not the next alloca: true refuted, false proved', async () => {
  const t = await pairVerdict(SRC('4294967296'), ret(1));
  assert.match(t, /^refuted/, t);
  const f = await pairVerdict(SRC('4294967296'), ret(0));
  assert.match(f, /^proved/, f);
});

test('a pointer into its own block compares by offset', async () => {
  const same = `llvm.func @f(%i: i64) -> i1 {
  %one = llvm.mlir.constant(8 : i64) : i64
  %a = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %p = llvm.getelementptr %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  %c = llvm.icmp "eq" %p, %a : !llvm.ptr
  llvm.return %c : i1
}`;
  const byIndex = `llvm.func @f(%i: i64) -> i1 {
  %z = llvm.mlir.constant(0 : i64) : i64
  %c = llvm.icmp "eq" %i, %z : i64
  llvm.return %c : i1
}`;
  const v = await pairVerdict(same, byIndex);
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
