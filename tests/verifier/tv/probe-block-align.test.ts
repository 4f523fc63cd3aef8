// Soundness probe (review, session 12): a block's start was taken as aligned to anything, so
// a target loading from an `alloca i8` (or a malloc'd block, or a global) with more
// `alignment` than the block is guaranteed, at offset 0, was no UB and the pair `proved`
// (LangRef alloca: aligned to `alignment`, else to "any convenient boundary compatible with
// the type"; load/store: an overstated alignment is undefined behaviour). Each block now has
// the alignment its start is guaranteed (alloca's attribute or the type's ABI alignment,
// malloc's 16 on x86-64 glibc, a global's), on the symbolic and the concrete side.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const alloca = (elem: string, count: number, attr: string, align: number) => `llvm.func @f() -> i32 {
  %n = llvm.mlir.constant(${count} : i64) : i64
  %p = llvm.alloca %n x ${elem}${attr} : (i64) -> !llvm.ptr
  %v = llvm.mlir.constant(7 : i32) : i32
  llvm.store %v, %p {alignment = 1 : i64} : i32, !llvm.ptr
  %r = llvm.load %p {alignment = ${align} : i64} : !llvm.ptr -> i32
  llvm.return %r : i32
}`;
const malloc = (align: number) => `llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @free(!llvm.ptr)
llvm.func @f() -> i64 {
  %c = llvm.mlir.constant(32 : i64) : i64
  %p = llvm.call @malloc(%c) : (i64) -> !llvm.ptr
  %v = llvm.mlir.constant(7 : i64) : i64
  llvm.store %v, %p {alignment = 8 : i64} : i64, !llvm.ptr
  %r = llvm.load %p {alignment = ${align} : i64} : !llvm.ptr -> i64
  llvm.call @free(%p) : (!llvm.ptr) -> ()
  llvm.return %r : i64
}`;
const global = (align: number) => `llvm.mlir.global internal @g(0 : i32) {addr_space = 0 : i32} : i32
llvm.func @f() -> i32 {
  %p = llvm.mlir.addressof @g : !llvm.ptr
  %r = llvm.load %p {alignment = ${align} : i64} : !llvm.ptr -> i32
  llvm.return %r : i32
}`;

test('alloca: a load with more alignment than the block has is UB; within it, proved', async () => {
  const i8 = await pairVerdict(alloca('i8', 4, '', 1), alloca('i8', 4, '', 4));
  assert.match(i8, /^refuted: .*only guaranteed 1/, i8);
  const attr = await pairVerdict(alloca('i32', 1, ' {alignment = 4 : i64}', 1), alloca('i32', 1, ' {alignment = 4 : i64}', 8));
  assert.match(attr, /^refuted: .*only guaranteed 4/, attr);
  const ok = await pairVerdict(alloca('i8', 4, ' {alignment = 8 : i64}', 1), alloca('i8', 4, ' {alignment = 8 : i64}', 8));
  assert.match(ok, /^proved/, ok);
  const abi = await pairVerdict(alloca('i64', 1, '', 1), alloca('i64', 1, '', 8));
  assert.match(abi, /^proved/, abi);
  // a source whose load asks more than its block guarantees is UB on every execution: the
  // target is refined (was `proved`), but vacuously — verifier/tv/vacuity.ts says so
  const less = await pairVerdict(alloca('i8', 4, '', 4), alloca('i8', 4, '', 1));
  assert.match(less, /^unknown: unknown: vacuous: the source is UB on every execution/, less);
});

test('malloc is 16-aligned, a global as its type or attribute says', async () => {
  const m32 = await pairVerdict(malloc(8), malloc(32));
  assert.match(m32, /^refuted: .*only guaranteed 16/, m32);
  const m16 = await pairVerdict(malloc(8), malloc(16));
  assert.match(m16, /^proved/, m16);
  const g = await pairVerdict(global(4), global(16));
  // a global's start is an input with its alignment's low bits clear (probe-global-overalign):
  // the target's load is UB where that start is not 16-aligned
  assert.match(g, /^refuted: .*not aligned to 16/, g);
  const gl = await pairVerdict(global(16), global(4));
  assert.match(gl, /^proved/, gl);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
