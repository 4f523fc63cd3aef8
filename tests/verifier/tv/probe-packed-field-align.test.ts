// Soundness probe (review 17): an aggregate load/store of alignment A asks of its field at
// byte `off` only what A implies there (LLVM's commonAlignment(A, off)). The semantics asked
// min(A, the field's ABI alignment), which a packed struct's field at an odd offset cannot
// have when the struct's start has A: `llvm.load %p {alignment = 2} : struct<packed (i8, i16)>`
// was UB at every address, and a target returning 7 was `proved` (native, mlir-translate-19 +
// clang-19 -O2, a 2-aligned buffer {0, 1, 0x34, ..}: source 13313, target 7).
// Also: an iN field that is no power-of-two byte count (i24) leaves the rest of its allocation
// size as padding, which an aggregate store writes undef (it kept its old byte).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const packedLoad = (attr: string) => `llvm.func @f(%p: !llvm.ptr) -> i16 {
  %s = llvm.load %p ${attr}: !llvm.ptr -> !llvm.struct<packed (i8, i16)>
  %v = llvm.extractvalue %s[1] : !llvm.struct<packed (i8, i16)>
  llvm.return %v : i16
}`;
const ret7 = `llvm.func @f(%p: !llvm.ptr) -> i16 {
  %r = llvm.mlir.constant(7 : i16) : i16
  llvm.return %r : i16
}`;

test('a packed struct loaded with alignment 2: its i16 field at byte 1 is no UB', async () => {
  const v = await pairVerdict(packedLoad('{alignment = 2 : i64} '), ret7);
  assert.match(v, /^refuted: (refuted: )?result slot 0: the source returns/, v); // was proved
  // the same load written with alignment 1 against 2: the source (1) may sit at an odd address
  const same = await pairVerdict(packedLoad('{alignment = 2 : i64} '), packedLoad(''));
  assert.match(same, /^proved/, same);
  const odd = await pairVerdict(packedLoad(''), packedLoad('{alignment = 2 : i64} '));
  assert.match(odd, /^refuted: .*align/, odd);
});

test('a non-packed struct keeps its fields\' alignment: alignment 4 at a 2 mod 4 address is UB', async () => {
  const fn = (attr: string) => `llvm.func @f(%p: !llvm.ptr) -> i16 {
  %s = llvm.load %p ${attr}: !llvm.ptr -> !llvm.struct<(i16, i16)>
  %v = llvm.extractvalue %s[1] : !llvm.struct<(i16, i16)>
  llvm.return %v : i16
}`;
  const v = await pairVerdict(fn(''), fn('{alignment = 4 : i64} '));
  assert.match(v, /^refuted: .*align/, v);
  assert.match(await pairVerdict(fn('{alignment = 4 : i64} '), fn('')), /^proved/);
});

const fields = `llvm.func @f(%p: !llvm.ptr, %x: i24, %y: i32) {
  llvm.store %x, %p : i24, !llvm.ptr
  %q = llvm.getelementptr %p[4] : (!llvm.ptr) -> !llvm.ptr, i8
  llvm.store %y, %q : i32, !llvm.ptr
  llvm.return
}`;
const whole = `llvm.func @f(%p: !llvm.ptr, %x: i24, %y: i32) {
  %u = llvm.mlir.undef : !llvm.struct<(i24, i32)>
  %s1 = llvm.insertvalue %x, %u[0] : !llvm.struct<(i24, i32)>
  %s2 = llvm.insertvalue %y, %s1[1] : !llvm.struct<(i24, i32)>
  llvm.store %s2, %p : !llvm.struct<(i24, i32)>, !llvm.ptr
  llvm.return
}`;

test('a struct<(i24, i32)> store makes byte 3 (padding) undef: not a refinement of two field stores (no tail padding: i32 at 4)', async () => {
  const v = await pairVerdict(fields, whole);
  assert.not.match(v, /^proved/, v); // was proved
  assert.match(v, /^refuted/, v);
  // the other way round over bytes the function zeroed first: proved; over the caller's
  // bytes refuted, for the old byte 3 may be poison (mem.UP0, review 35 W1), which does not
  // refine the whole store's undef padding (probe-struct-padding.test.ts)
  const zeroFirst = (fn: string) => fn.replace(') {\n', ') {\n  %z = llvm.mlir.constant(0 : i64) : i64\n  llvm.store %z, %p : i64, !llvm.ptr\n');
  const back = await pairVerdict(zeroFirst(whole), zeroFirst(fields));
  assert.match(back, /^proved/, back);
  const over = await pairVerdict(whole, fields);
  assert.match(over, /^refuted: .*is undef .* in the source, poison in the target/, over);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
