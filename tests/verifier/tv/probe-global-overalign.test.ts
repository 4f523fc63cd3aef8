// Soundness probe (review 15): a global's start is an input both sides share, guaranteed only
// its alignment (type ABI or `alignment`); it may still sit at a more aligned address (the
// linker's placement, or LLVM raising a defined global's alignment: getOrEnforceKnownAlignment).
// A source load asking more alignment than the global is guaranteed is UB only where the
// address is misaligned, not on every execution: a target that returns something else must
// not be proved by the source's vacuity.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const src = `llvm.mlir.global internal @g(0 : i32) {addr_space = 0 : i32} : i32
llvm.func @f() -> i32 {
  %p = llvm.mlir.addressof @g : !llvm.ptr
  %r = llvm.load %p {alignment = 16 : i64} : !llvm.ptr -> i32
  llvm.return %r : i32
}`;
const tgt = `llvm.mlir.global internal @g(0 : i32) {addr_space = 0 : i32} : i32
llvm.func @f() -> i32 {
  %r = llvm.mlir.constant(5 : i32) : i32
  llvm.return %r : i32
}`;

test('a source load over-aligned for a 4-aligned global does not make every execution UB', async () => {
  const v = await pairVerdict(src, tgt);
  assert.not.match(v, /^proved/, v);
});

test('where the start is 16-aligned the load is defined: a changed value is refuted (the counterexample replays), the same load proved', async () => {
  const plus = src.replace('llvm.return %r : i32', '%one = llvm.mlir.constant(1 : i32) : i32\n  %s = llvm.add %r, %one : i32\n  llvm.return %s : i32');
  const wrong = await pairVerdict(src, plus);
  assert.match(wrong, /^refuted/, wrong);
  const same = await pairVerdict(src, src);
  assert.match(same, /^proved/, same);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
