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
  // over bytes the function wrote before (here zeros): the old padding bytes are defined
  const zeroFirst = (fn: string) => fn.replace('  %a = llvm.mlir.constant(1 : i8) : i8', '  %z = llvm.mlir.constant(0 : i64) : i64\n  llvm.store %z, %p : i64, !llvm.ptr\n  %a = llvm.mlir.constant(1 : i8) : i8');
  const back = await pairVerdict(zeroFirst(STRUCT), zeroFirst(FIELDS));
  assert.match(back, /^proved/, back);
  const same = await pairVerdict(STRUCT, STRUCT);
  assert.match(same, /^proved/, same);
});

test('the field stores in place of the struct store over the caller\'s bytes: refuted, for the old padding byte may be poison', async () => {
  // the memory at entry may hold poison (mem.UP0, review 35 W1), which does not refine the
  // struct store's undef padding (LangRef: poison is not a refinement of undef; on
  // llvm/llvm-project#86261: "if there was a poison value at %p, replacing it with undef is
  // not a no-op") — proved while the memory at entry was taken as defined
  const back = await pairVerdict(STRUCT, FIELDS);
  assert.match(back, /^refuted: .*is undef .* in the source, poison in the target/, back);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
