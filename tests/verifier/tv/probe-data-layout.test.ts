// Soundness probe (review, session 10): a module's own data layout. The semantics lays memory
// out as x86-64's default data layout (verifier/semantics/mlir/layout.ts), whatever the module
// says; LLVM computes struct field offsets from the module's `target datalayout`, which
// mlir-translate takes from `llvm.data_layout`. Under "i64:32" field 1 of struct<(i32, i64)> is
// at byte 4: a target storing at byte 8 was `proved` (mlir-translate, opt -O2, clang: the
// bytes differ). Now `unsupported`, naming the layout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const fn = (gep: string) => `llvm.func @f(%p: !llvm.ptr, %x: i64) {
    %q = ${gep}
    llvm.store %x, %q {alignment = 4 : i64} : i64, !llvm.ptr
    llvm.return
  }`;
const FIELD = fn('llvm.getelementptr %p[0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, i64)>');
const BYTE8 = fn('llvm.getelementptr %p[8] : (!llvm.ptr) -> !llvm.ptr, i8');
const withLayout = (dl: string, body: string) => `module attributes {llvm.data_layout = "${dl}"} {
  ${body}
}`;

test('a module whose data layout puts i64 at 4-byte alignment: not proved', async () => {
  const dl = 'e-m:e-p:64:64-i64:32-i128:128-n8:16:32:64-S128';
  const v = await pairVerdict(withLayout(dl, FIELD), withLayout(dl, BYTE8));
  assert.match(v, /^unsupported: .*data layout/, v);
});

test('without a data layout, or with the x86-64 one, the field is at byte 8: proved', async () => {
  const plain = await pairVerdict(`module {\n  ${FIELD}\n}`, `module {\n  ${BYTE8}\n}`);
  assert.match(plain, /^proved/, plain);
  const x86 = 'e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128';
  const v = await pairVerdict(withLayout(x86, FIELD), withLayout(x86, BYTE8));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
