// Soundness probe: the liveness of the memory the caller can still reach.
// The refinement compared the bytes of observable memory after the return (verifier/tv/query.ts
// memDiff; the replay's memDiff alike), never whether its blocks are still alive. A target that
// frees a block the source leaves alive for its caller — a memref it returns, a heap block a
// global points to — hands the caller a dangling pointer (its next access is UB in the target
// only), and was `proved`. Now the source's live, observable, non-stack blocks must be alive in
// the target too (query.ts liveness, replay.ts freedDiff); and the bytes of a block the source
// freed are no longer compared (a store before a free that both make was refuted when removed
// or changed, though the caller cannot read the block).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult, pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const returned = (free: boolean) => `func.func @f() -> memref<4xi32> {
  %m = memref.alloc() : memref<4xi32>
  %c0 = arith.constant 0 : index
  %v = arith.constant 1 : i32
  memref.store %v, %m[%c0] : memref<4xi32>
${free ? '  memref.dealloc %m : memref<4xi32>\n' : ''}  return %m : memref<4xi32>
}`;

const viaGlobal = (free: boolean, v = 1) => `llvm.mlir.global internal @P() : !llvm.ptr {
  %z = llvm.mlir.zero : !llvm.ptr
  llvm.return %z : !llvm.ptr
}
llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @free(!llvm.ptr)
llvm.func @f() {
  %n = llvm.mlir.constant(8 : i64) : i64
  %m = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
  %p = llvm.mlir.addressof @P : !llvm.ptr
  llvm.store %m, %p : !llvm.ptr, !llvm.ptr
  %v = llvm.mlir.constant(${v} : i32) : i32
  llvm.store %v, %m : i32, !llvm.ptr
${free ? '  llvm.call @free(%m) : (!llvm.ptr) -> ()\n' : ''}  llvm.return
}`;

test('a target that deallocates the memref it returns: refuted (was proved)', async () => {
  const r = await pairResult(returned(false), returned(true));
  assert.is(r.verdict, 'refuted', r.detail);
  assert.match(r.detail, /block \d+ is alive after the source returns, not in the target/, r.detail);
  assert.ok(r.counterexample, 'a replayed counterexample');
});

test('a target that frees a heap block a global points to: refuted (was proved)', async () => {
  const v = await pairVerdict(viaGlobal(false), viaGlobal(true));
  assert.match(v, /^refuted: .*block \d+ is alive after the source returns, not in the target/, v);
});

test('still proved: both sides free the block, or neither; a source that frees where the target leaks', async () => {
  assert.match(await pairVerdict(returned(false), returned(false)), /^proved/);
  assert.match(await pairVerdict(viaGlobal(true), viaGlobal(true)), /^proved/);
  // the caller cannot reach a freed block: a target that does not free it is more defined
  assert.match(await pairVerdict(viaGlobal(true), viaGlobal(false)), /^proved/);
});

test('a block both sides free holds no byte of the caller\'s: other bytes written before the free are proved (was refuted)', async () => {
  assert.match(await pairVerdict(viaGlobal(true, 1), viaGlobal(true, 2)), /^proved/);
  // alive on both sides, the byte is compared as before
  assert.match(await pairVerdict(viaGlobal(false, 1), viaGlobal(false, 2)), /^refuted: .*memory after the return differs: byte 0 of block/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
