// Soundness probes (reviewer): volatile and invariant memory accesses. LLVM LangRef: the
// optimizers must not change the number of volatile operations or their order; an
// `!invariant.load` is UB-bound to memory that never changes. The semantics reads both as
// plain loads and stores, so dropping a volatile load or store was `proved` (a wrong proof
// of a real miscompilation). TBAA and scoped-noalias metadata make some aliasing accesses
// UB: a load forwarded past a store of another TBAA type was `refuted` with two aliasing
// pointers. Now they are `unsupported`, naming the op.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const RET1 = `  %c = llvm.mlir.constant(1 : i32) : i32
  llvm.return %c : i32
}`;

test('a volatile load dropped: not proved', async () => {
  const v = await pairVerdict(`llvm.func @f(%p: !llvm.ptr) -> i32 {\n  %v = llvm.load volatile %p : !llvm.ptr -> i32\n${RET1}`, `llvm.func @f(%p: !llvm.ptr) -> i32 {\n${RET1}`);
  assert.match(v, /^unsupported: .*volatile/, v);
});

test('a volatile store merged into the plain store after it: not proved', async () => {
  const body = (volatile: boolean) => `llvm.func @f(%p: !llvm.ptr) {
  %c = llvm.mlir.constant(1 : i32) : i32
${volatile ? '  llvm.store volatile %c, %p : i32, !llvm.ptr\n' : ''}  llvm.store %c, %p : i32, !llvm.ptr
  llvm.return
}`;
  const v = await pairVerdict(body(true), body(false));
  assert.match(v, /^unsupported: .*volatile/, v);
});

test('a target that marks a load invariant (UB if the memory changes): not proved', async () => {
  const body = (inv: string) => `llvm.func @f(%p: !llvm.ptr) -> i32 {
  %v = llvm.load %p${inv} : !llvm.ptr -> i32
  llvm.return %v : i32
}`;
  const v = await pairVerdict(body(""), body(" {invariant}"));
  assert.match(v, /^unsupported: .*invariant/, v);
});

test('a volatile memcpy dropped: not proved', async () => {
  const body = (volatile: boolean) => `llvm.func @f(%d: !llvm.ptr, %s: !llvm.ptr) {
  %n = llvm.mlir.constant(4 : i64) : i64
${volatile ? '  "llvm.intr.memcpy"(%d, %s, %n) <{isVolatile = true}> : (!llvm.ptr, !llvm.ptr, i64) -> ()\n' : ''}  "llvm.intr.memcpy"(%d, %s, %n) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  llvm.return
}`;
  const v = await pairVerdict(body(true), body(false));
  assert.match(v, /^unsupported: .*volatile/, v);
});

test('a load forwarded past a store of another TBAA type (no alias under TBAA): not refuted', async () => {
  const body = (forwarded: boolean) => `#root = #llvm.tbaa_root<id = "Simple C/C++ TBAA">
#int = #llvm.tbaa_type_desc<id = "int", members = {<#root, 0>}>
#flt = #llvm.tbaa_type_desc<id = "float", members = {<#root, 0>}>
#ti = #llvm.tbaa_tag<base_type = #int, access_type = #int, offset = 0>
#tf = #llvm.tbaa_tag<base_type = #flt, access_type = #flt, offset = 0>
llvm.func @f(%p: !llvm.ptr, %q: !llvm.ptr) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %c2 = llvm.mlir.constant(2.0 : f32) : f32
  llvm.store %c1, %p {tbaa = [#ti]} : i32, !llvm.ptr
  llvm.store %c2, %q {tbaa = [#tf]} : f32, !llvm.ptr
${forwarded ? '  llvm.return %c1 : i32' : '  %r = llvm.load %p {tbaa = [#ti]} : !llvm.ptr -> i32\n  llvm.return %r : i32'}
}`;
  const v = await pairVerdict(body(false), body(true));
  assert.match(v, /^unsupported: .*tbaa/, v);
});

test('plain loads and stores are still checked (a dropped plain store is refuted)', async () => {
  const body = (store: boolean) => `llvm.func @f(%p: !llvm.ptr) {
  %c = llvm.mlir.constant(1 : i32) : i32
${store ? '  llvm.store %c, %p : i32, !llvm.ptr\n' : ''}  llvm.return
}`;
  assert.match(await pairVerdict(body(true), body(false)), /^refuted/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
