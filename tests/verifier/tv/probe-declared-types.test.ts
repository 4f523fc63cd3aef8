// Soundness probe (review 19, "declarations of one callee with different types"): two
// declarations of one external symbol describe one function, but attributes.ts compared them
// only as call words (slots), so a target declaring the callee at another LLVM type with the
// same words was accepted. A call at a function type that is not the callee's is UB
// (LangRef), so one of the two sides is wrong and no refinement can be shown. Native
// (scratch/loose-ends/native: clang-19 -O2, a callee defined with the packed type): the
// source prints 1111, the target 568832 — the 33-byte result comes back through memory
// (sret), read at an unpacked struct's offsets. It was `proved`; now `unsupported`, named.
// Declarations that differ only as convert-func-to-llvm's documented mapping (memrefs as
// descriptors, index as i64, several results as one struct) still agree.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { MLIR_OPT } from '../../../compiler/codegen/native.ts';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const packedResult = (packed: boolean) => {
  const t = `!llvm.struct<${packed ? 'packed ' : ''}(i8, i64, i64, i64, i64)>`;
  return `llvm.func @ext() -> ${t}
llvm.func @f() -> i64 {
  %r = llvm.call @ext() : () -> ${t}
  %x = llvm.extractvalue %r[1] : ${t}
  llvm.return %x : i64
}`;
};

test('a struct result packed in the source, unpacked in the target: unsupported, named (was proved)', async () => {
  const v = await pairVerdict(packedResult(true), packedResult(false));
  assert.match(v, /^unsupported: .*@ext is declared differently in the two modules \(source \(\) -> struct<packed \(i8, i64, i64, i64, i64\)>, the other \(\) -> struct<\(i8, i64, i64, i64, i64\)> once lowered to LLVM/, v);
  assert.match(await pairVerdict(packedResult(true), packedResult(true)), /^proved/);
});

test('a struct argument in one module, its fields as separate arguments in the other: unsupported', async () => {
  const src = `llvm.func @ext(!llvm.struct<(i64, i64)>) -> i64
llvm.func @f(%a: i64, %b: i64) -> i64 {
  %u = llvm.mlir.undef : !llvm.struct<(i64, i64)>
  %s0 = llvm.insertvalue %a, %u[0] : !llvm.struct<(i64, i64)>
  %s = llvm.insertvalue %b, %s0[1] : !llvm.struct<(i64, i64)>
  %r = llvm.call @ext(%s) : (!llvm.struct<(i64, i64)>) -> i64
  llvm.return %r : i64
}`;
  const tgt = `llvm.func @ext(i64, i64) -> i64
llvm.func @f(%a: i64, %b: i64) -> i64 {
  %r = llvm.call @ext(%a, %b) : (i64, i64) -> i64
  llvm.return %r : i64
}`;
  assert.match(await pairVerdict(src, tgt), /^unsupported: .*@ext is declared differently .*once lowered to LLVM/);
});

test('a pointer argument in another address space: unsupported', async () => {
  const decl = (as: string) => `llvm.func @ext(!llvm.ptr${as}) -> i64
llvm.func @f() -> i64 {
  %p = llvm.mlir.zero : !llvm.ptr${as}
  %r = llvm.call @ext(%p) : (!llvm.ptr${as}) -> i64
  llvm.return %r : i64
}`;
  assert.match(await pairVerdict(decl(''), decl('<1>')), /^unsupported: .*@ext is declared differently .*ptr<1>/);
});

test('convert-func-to-llvm\'s own mapping (real mlir-opt): memref and index arguments, several results: proved', async () => {
  const src = `func.func private @ext(memref<?xi32>, index) -> (memref<?xi32>, index)
func.func @f(%m: memref<?xi32>, %i: index) -> index {
  %r, %k = func.call @ext(%m, %i) : (memref<?xi32>, index) -> (memref<?xi32>, index)
  return %k : index
}`;
  const tgt = execFileSync(MLIR_OPT, ['--convert-func-to-llvm'], { input: src, encoding: 'utf8' });
  assert.match(tgt, /llvm\.func @ext\(!llvm\.ptr, !llvm\.ptr, i64, i64, i64, i64\) -> !llvm\.struct</);
  assert.match(await pairVerdict(src, tgt), /^proved/);
});

test('index in one module, i64 in the other (the same LLVM type): proved', async () => {
  const src = `func.func private @ext(index) -> index
func.func @f(%x: index) -> index {
  %r = func.call @ext(%x) : (index) -> index
  return %r : index
}`;
  const tgt = `func.func private @ext(i64) -> i64
func.func @f(%x: index) -> index {
  %y = arith.index_cast %x : index to i64
  %r0 = func.call @ext(%y) : (i64) -> i64
  %r = arith.index_cast %r0 : i64 to index
  return %r : index
}`;
  assert.match(await pairVerdict(src, tgt), /^proved/);
});

test.after(async () => disposeSolvers());
test.run();
