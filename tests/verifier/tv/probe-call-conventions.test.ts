// Soundness probes (review, session 14, L4/L5): call markers the semantics ignored.
// - A call whose calling convention differs from its callee's is UB (LangRef, "Calling
//   Conventions"): a target calling a C function `fastcc` was proved; native (clang -O2,
//   callee in the module): InstCombine makes the call `unreachable`, f(5) printed garbage
//   instead of 16.
// - `tail` / `musttail` "imply that the callee does not access allocas from the caller"
//   (LangRef, call): a target marking `tail` a call handed an alloca was proved; native (-O0
//   and -O2) the caller's frame is gone at the jump and the callee read garbage instead of 5.
// Both are now unsupported, named; C calls, and tail calls in functions without stack
// memory, keep their verdicts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const conv = (cc: string) => `llvm.func @g(i32) -> i32
llvm.func @f(%x: i32) -> i32 {
  %r = llvm.call ${cc}@g(%x) : (i32) -> i32
  llvm.return %r : i32
}`;
const callee = (cc: string) => `llvm.func ${cc}@g(i32) -> i32
llvm.func @f(%x: i32) -> i32 {
  %r = llvm.call @g(%x) : (i32) -> i32
  llvm.return %r : i32
}`;
const own = (cc: string) => `llvm.func ${cc}@f(%x: i32) -> i32 {
  llvm.return %x : i32
}`;
const handed = (tail: string) => `llvm.func @g(!llvm.ptr) -> i32
llvm.func @f(%x: i32) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  llvm.store %x, %p : i32, !llvm.ptr
  %r = llvm.call ${tail}@g(%p) : (!llvm.ptr) -> i32
  llvm.return %r : i32
}`;
const noStack = (tail: string) => `llvm.func @g(i32) -> i32
llvm.func @f(%x: i32) -> i32 {
  %r = llvm.call ${tail}@g(%x) : (i32) -> i32
  llvm.return %r : i32
}`;

test('a calling convention other than C is not proved', async () => {
  const a = await pairVerdict(conv(''), conv('fastcc '));
  assert.match(a, /^unsupported: .*target's @f makes a fastcc call/, a);
  const b = await pairVerdict(callee(''), callee('fastcc '));
  assert.match(b, /^unsupported: .*calls @g, whose calling convention is fastcc/, b);
  const c = await pairVerdict(own(''), own('fastcc '));
  assert.match(c, /^unsupported: .*target's @f has the calling convention fastcc/, c);
});

test('a tail call in a function with stack memory is not proved', async () => {
  const v = await pairVerdict(handed(''), handed('tail '));
  assert.match(v, /^unsupported: .*makes a tail call and allocates stack memory/, v);
});

test('C calls, and tail calls without stack memory, keep their verdicts', async () => {
  for (const [s, t] of [[conv(''), conv('')], [handed(''), handed('')], [noStack(''), noStack('tail ')], [noStack('tail '), noStack('')]]) {
    const v = await pairVerdict(s!, t!);
    assert.match(v, /^proved/, v);
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
