// Soundness probe (review, session 14): a target that stores into memory the source only
// reads was `proved` — here the value it has just loaded, written back. An argument block
// (or a block an external call returns) was always writable memory in the model, but a
// caller may pass a constant global or a string literal: writing it is UB (LangRef: a store
// to a `constant` global; the `writable` parameter attribute exists because without it a
// pass may not introduce a store). Native (mlir-translate, clang -O0, a C caller passing
// `static const int k = 7`): the source prints 7, the target dies of SIGSEGV. Now such a
// block is read-only where the shared unknown `argblk.J.writable` / `call.extwritable[n]`
// is false: refuted, replayed; the reverse pairs (a store dropped) and a source that
// itself writes keep their verdicts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const readArg = `llvm.func @f(%p: !llvm.ptr) -> i32 {
  %v = llvm.load %p : !llvm.ptr -> i32
  llvm.return %v : i32
}`;
const writeBackArg = `llvm.func @f(%p: !llvm.ptr) -> i32 {
  %v = llvm.load %p : !llvm.ptr -> i32
  llvm.store %v, %p : i32, !llvm.ptr
  llvm.return %v : i32
}`;
const readMemref = (store: boolean) => `func.func @f(%p: memref<4xi32>) -> i32 {
  %c0 = arith.constant 0 : index
  %v = memref.load %p[%c0] : memref<4xi32>
  ${store ? 'memref.store %v, %p[%c0] : memref<4xi32>' : ''}
  return %v : i32
}`;
const readResult = (store: boolean) => `llvm.func @get() -> !llvm.ptr
llvm.func @f() -> i32 {
  %p = llvm.call @get() : () -> !llvm.ptr
  %v = llvm.load %p : !llvm.ptr -> i32
  ${store ? 'llvm.store %v, %p : i32, !llvm.ptr' : ''}
  llvm.return %v : i32
}`;
// the source writes the block itself: the target's extra store is no new UB
const writeTwice = (twice: boolean) => `llvm.func @f(%p: !llvm.ptr, %x: i32) -> i32 {
  llvm.store %x, %p : i32, !llvm.ptr
  ${twice ? 'llvm.store %x, %p : i32, !llvm.ptr' : ''}
  llvm.return %x : i32
}`;

test('a store the source does not make, into a caller\'s block, is refuted', async () => {
  const a = await pairVerdict(readArg, writeBackArg);
  assert.match(a, /^refuted: refuted: the target has undefined behaviour where the source has none: llvm\.store: block \d+ is read-only/, a);
  const m = await pairVerdict(readMemref(false), readMemref(true));
  assert.match(m, /^refuted: .*memref\.store: block \d+ is read-only/, m);
  const r = await pairVerdict(readResult(false), readResult(true));
  assert.match(r, /^refuted: .*llvm\.store: block \d+ is read-only/, r);
});

test('dropping such a store, or storing where the source stores, keeps proved', async () => {
  for (const [s, t] of [[writeBackArg, readArg], [readMemref(true), readMemref(false)], [readResult(true), readResult(false)], [writeTwice(false), writeTwice(true)], [writeTwice(true), writeTwice(false)]] as const) {
    const v = await pairVerdict(s, t);
    assert.match(v, /^proved/, v);
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
