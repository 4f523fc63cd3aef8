// Soundness probe (review, session 10): LangRef store — "If <value> is of aggregate type,
// padding is filled with undef". A store of struct<(i8, i32)> kept the three padding bytes'
// old contents, so a target storing the struct where the source stores its two fields
// (leaving the caller's bytes 1..3 alone) was `proved`. The padding is undef now (poison on
// the target side): refuted; the other way round (undef refined by the old bytes) proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const FIELDS = `llvm.func @f(%p: !llvm.ptr) {
  %a = llvm.mlir.constant(1 : i8) : i8
  %b = llvm.mlir.constant(2 : i32) : i32
  llvm.store %a, %p : i8, !llvm.ptr
  %q = llvm.getelementptr %p[4] : (!llvm.ptr) -> !llvm.ptr, i8
  llvm.store %b, %q : i32, !llvm.ptr
  llvm.return
}`;
const STRUCT = `llvm.func @f(%p: !llvm.ptr) {
  %a = llvm.mlir.constant(1 : i8) : i8
  %b = llvm.mlir.constant(2 : i32) : i32
  %u = llvm.mlir.undef : !llvm.struct<(i8, i32)>
  %s1 = llvm.insertvalue %a, %u[0] : !llvm.struct<(i8, i32)>
  %s2 = llvm.insertvalue %b, %s1[1] : !llvm.struct<(i8, i32)>
  llvm.store %s2, %p : !llvm.struct<(i8, i32)>, !llvm.ptr
  llvm.return
}`;

test('a struct store over the field stores leaves undef padding: refuted', async () => {
  const v = await pairVerdict(FIELDS, STRUCT);
  assert.match(v, /^refuted/, v);
});

test('the field stores in place of the struct store (defined bytes for undef ones), and the struct store itself: proved', async () => {
  const back = await pairVerdict(STRUCT, FIELDS);
  assert.match(back, /^proved/, back);
  const same = await pairVerdict(STRUCT, STRUCT);
  assert.match(same, /^proved/, same);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
