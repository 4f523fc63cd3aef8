// Soundness probe (review, session 11): llvm.icmp eq/ne of pointers into two different blocks
// was always "unequal", but one block's end may be the next one's start: a target returning
// `gep b[1] == a` for two allocas was `proved` equal to `return 0` (native, mlir-translate +
// clang -O0: 1). Now such a meeting is an unspecified choice on both sides.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict, llvmReturn } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const MEET = (idx: string) => `llvm.func @f() -> i32 {
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %c7 = llvm.mlir.constant(7 : i32) : i32
  %a = llvm.alloca %c1 x i32 : (i64) -> !llvm.ptr
  %b = llvm.alloca %c1 x i32 : (i64) -> !llvm.ptr
  llvm.store %c7, %a : i32, !llvm.ptr
  llvm.store %c7, %b : i32, !llvm.ptr
  %e = llvm.getelementptr %b[${idx}] : (!llvm.ptr) -> !llvm.ptr, i32
  %c = llvm.icmp "eq" %e, %a : !llvm.ptr
  %r = llvm.zext %c : i1 to i32
  llvm.return %r : i32
}`;
const ret = llvmReturn;

test("one alloca's end may be another's start: a target comparing them is not `return 0`", async () => {
  const v = await pairVerdict(ret(0), MEET('1'));
  assert.match(v, /^refuted/, v);
  // a source comparing them may give either: both constant targets refine it
  const z = await pairVerdict(MEET('1'), ret(0));
  assert.match(z, /^proved/, z);
  const o = await pairVerdict(MEET('1'), ret(1));
  assert.match(o, /^proved/, o);
});

test('pointers strictly inside two blocks never meet', async () => {
  const v = await pairVerdict(MEET('0'), ret(0));
  assert.match(v, /^proved/, v);
  const w = await pairVerdict(MEET('0'), ret(1));
  assert.match(w, /^refuted/, w);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
