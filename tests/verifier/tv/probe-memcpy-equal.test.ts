// Soundness probe (review, session 10): LLVM 19 LangRef memcpy — the source and destination
// ranges "must either be equal or non-overlapping". The semantics made any overlap UB, equal
// ranges included, so a source calling memcpy(p, p, 4) proved any target (native: the source
// returns 0, the target 1).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const copy = (dstOff: number, ret: number) => `llvm.func @f(%p: !llvm.ptr) -> i32 {
  %n = llvm.mlir.constant(4 : i64) : i64
  %d = llvm.getelementptr %p[${dstOff}] : (!llvm.ptr) -> !llvm.ptr, i8
  "llvm.intr.memcpy"(%d, %p, %n) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  %r = llvm.mlir.constant(${ret} : i32) : i32
  llvm.return %r : i32
}`;

test('memcpy(p, p, n) is no UB: a target returning another value is refuted', async () => {
  const v = await pairVerdict(copy(0, 0), copy(0, 1));
  assert.match(v, /^refuted/, v);
});

test('ranges that overlap without being equal are still UB: the source excuses anything', async () => {
  const v = await pairVerdict(copy(2, 0), copy(2, 1));
  // (UB on every execution: refined by anything, vacuously — vacuity.ts; was proved)
  assert.match(v, /^unknown: unknown: vacuous: the source is UB on every execution/, v);
});

test('a target adding a partly overlapping memcpy is refuted', async () => {
  const plain = `llvm.func @f(%p: !llvm.ptr) -> i32 {
  %r = llvm.mlir.constant(0 : i32) : i32
  llvm.return %r : i32
}`;
  const v = await pairVerdict(plain, copy(2, 0));
  assert.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
