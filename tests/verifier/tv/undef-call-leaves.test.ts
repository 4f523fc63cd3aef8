// A model whose difference needs an external call to leave bytes of memory the function
// allocated unwritten: the symbolic target reads such bytes as poison after the call (the
// call need not write them), the source as the model's values; the replay's call writes
// them for both sides, so no difference shows. That is neither a counterexample nor an
// engine bug: `unknown` with its own reason (verifier/tv/replay.ts CALL_UNWRITTEN). Before,
// it was "engine bug: counterexample did not replay".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const DECL = `llvm.func @ext(!llvm.ptr)
llvm.func @malloc(i64) -> !llvm.ptr`;

const fn = (ret: string) => `${DECL}
llvm.func @f(%n: i64) -> i8 {
  %p = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
  llvm.call @ext(%p) : (!llvm.ptr) -> ()
  %a = llvm.load %p : !llvm.ptr -> i8
${ret}
}`;

test('the same read on both sides of a buffer an unknown call filled: a named unknown, no engine bug', async () => {
  const m = fn('  llvm.return %a : i8');
  const v = await pairVerdict(m, m);
  assert.ok(v.startsWith('unknown'), v);
  assert.not.match(v, /engine bug/);
  assert.match(v, /leave bytes unwritten/);
  assert.match(v, /@ext/);
});

test('a real difference after such a call is still refuted (replayed)', async () => {
  const src = fn('  llvm.return %a : i8');
  const tgt = fn(`  %one = llvm.mlir.constant(1 : i8) : i8
  %b = llvm.add %a, %one : i8
  llvm.return %b : i8`);
  assert.match(await pairVerdict(src, tgt), /^refuted/);
});

test('bytes written before the call: no such model, proved', async () => {
  const m = `${DECL}
llvm.func @f() -> i8 {
  %n = llvm.mlir.constant(4 : i64) : i64
  %p = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
  %v = llvm.mlir.constant(0 : i32) : i32
  llvm.store %v, %p : i32, !llvm.ptr
  llvm.call @ext(%p) : (!llvm.ptr) -> ()
  %a = llvm.load %p : !llvm.ptr -> i8
  llvm.return %a : i8
}`;
  assert.match(await pairVerdict(m, m), /^proved/);
});

test.after(() => disposeSolvers());
test.run();
