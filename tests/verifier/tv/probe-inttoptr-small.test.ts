// Soundness probe (review 17): `llvm.inttoptr` of an integer that is not a literal. An integer
// below 4 GiB became a pointer into no block (memory.ts addrToPtr: block 0), where every
// access is UB, so a source loading through `inttoptr %x : i32` was UB for every x and a target
// returning 7 was `proved`. A caller may pass a real object's address there (a static of a
// non-PIE binary sits below 4 GiB; native, mlir-translate-19 + clang-19 -O2 -no-pie: source 42,
// target 7). Now unsupported, named, and so is a literal address but null and 0xdeadbeef (the
// allocated pointer of a lowered memref.get_global, still modelled).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const load = (pre: string, ty: string) => `llvm.func @f(%x: ${ty}) -> i8 {
${pre}  %v = llvm.load %p : !llvm.ptr -> i8
  llvm.return %v : i8
}`;
const ret7 = (ty: string) => `llvm.func @f(%x: ${ty}) -> i8 {
  %r = llvm.mlir.constant(7 : i8) : i8
  llvm.return %r : i8
}`;

test('a load through a small integer argument is not UB for every argument: not proved', async () => {
  const v = await pairVerdict(load('  %p = llvm.inttoptr %x : i32 to !llvm.ptr\n', 'i32'), ret7('i32'));
  assert.match(v, /^unsupported: (unsupported: )?llvm\.inttoptr of an integer that is not a literal/, v); // was proved
  const z = await pairVerdict(load('  %y = llvm.zext %x : i32 to i64\n  %p = llvm.inttoptr %y : i64 to !llvm.ptr\n', 'i32'), ret7('i32'));
  assert.match(z, /^unsupported: (unsupported: )?llvm\.inttoptr/, z); // was proved
});

test('still modelled: a literal integer as a pointer (the lowered memref.get_global\'s allocated pointer)', async () => {
  const fn = (k: number) => `llvm.func @f() -> !llvm.ptr {
  %k = llvm.mlir.constant(${k} : i64) : i64
  %d = llvm.inttoptr %k : i64 to !llvm.ptr
  llvm.return %d : !llvm.ptr
}`;
  assert.match(await pairVerdict(fn(3735928559), fn(3735928559)), /^proved/);
  assert.match(await pairVerdict(fn(3735928559), fn(0)), /^refuted/);
});

test('a literal address other than 0xdeadbeef may be a static\'s (0x404018 in a non-PIE binary): not modelled', async () => {
  const src = `llvm.func @f() -> i8 {
  %k = llvm.mlir.constant(4210712 : i64) : i64
  %p = llvm.inttoptr %k : i64 to !llvm.ptr
  %v = llvm.load %p : !llvm.ptr -> i8
  llvm.return %v : i8
}`;
  const v = await pairVerdict(src, `llvm.func @f() -> i8 {
  %r = llvm.mlir.constant(7 : i8) : i8
  llvm.return %r : i8
}`);
  assert.match(v, /^unsupported: (unsupported: )?llvm\.inttoptr of 4210712, which may be an object's address/, v); // was proved
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
