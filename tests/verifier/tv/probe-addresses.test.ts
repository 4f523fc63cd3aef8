// Soundness probe: the integer address of a memory block. The semantics
// encodes a pointer (block b, offset o) as the integer b * 2^32 + o (semantics/mlir/memory.ts),
// so every stack slot, heap block and global sat at one fixed, 4 GiB-aligned address. A target
// that computes with an address (its low bits: an alignment test; or an integer turned into a
// pointer) was checked at that one address only, and `proved` where a real run differs:
// `ptrtoint (alloca) & 0xffffffff` against 0, a load through `inttoptr (0x100 << 32)` against a
// load of the first global, an ordering of two blocks' addresses against a constant. Such ops
// are now unsupported, named; null-based addresses (finalize-memref-to-llvm's sizeof idiom) and
// small integers (the 0xdeadbeef of a lowered memref.get_global) are modelled as before (every
// ptrtoint/inttoptr of the corpus pipeline is one of these two).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const UNMODELLED = /^unsupported: .*the integer address of a memory block is not modelled/;

const returns0 = (ty: string, pre = '') => `${pre}llvm.func @f() -> ${ty} {
  %z = llvm.mlir.constant(0 : ${ty}) : ${ty}
  llvm.return %z : ${ty}
}`;

test('the low 32 bits of a stack slot\'s address against 0: not proved', async () => {
  const tgt = `llvm.func @f() -> i64 {
  %n = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %n x i64 : (i64) -> !llvm.ptr
  %a = llvm.ptrtoint %p : !llvm.ptr to i64
  %m = llvm.mlir.constant(4294967295 : i64) : i64
  %r = llvm.and %a, %m : i64
  llvm.return %r : i64
}`;
  const v = await pairVerdict(returns0('i64'), tgt);
  assert.match(v, UNMODELLED, v); // was proved
});

test('the low 32 bits of a global\'s address against 0: not proved', async () => {
  const G = 'llvm.mlir.global internal @G(0 : i32) : i32\n';
  const tgt = `${G}llvm.func @f() -> i64 {
  %p = llvm.mlir.addressof @G : !llvm.ptr
  %a = llvm.ptrtoint %p : !llvm.ptr to i64
  %m = llvm.mlir.constant(4294967295 : i64) : i64
  %r = llvm.and %a, %m : i64
  llvm.return %r : i64
}`;
  const v = await pairVerdict(returns0('i64', G), tgt);
  assert.match(v, UNMODELLED, v); // was proved
});

test('a load through an integer that the encoding reads as the first global, against a load of it: not proved', async () => {
  const fn = (ptr: string) => `llvm.mlir.global internal @G(7 : i32) : i32
llvm.func @f() -> i32 {
  %p = llvm.mlir.addressof @G : !llvm.ptr
  %k = llvm.mlir.constant(1099511627776 : i64) : i64
  %q = llvm.inttoptr %k : i64 to !llvm.ptr
  %v = llvm.load ${ptr} : !llvm.ptr -> i32
  llvm.return %v : i32
}`;
  const v = await pairVerdict(fn('%p'), fn('%q'));
  assert.match(v, UNMODELLED, v); // was proved
});

test('the aligned pointer of a memref.alloca as an index, low bits against 0: not proved', async () => {
  const src = `func.func @f() -> index {
  %z = arith.constant 0 : index
  return %z : index
}`;
  const tgt = `func.func @f() -> index {
  %m = memref.alloca() : memref<4xi64>
  %a = memref.extract_aligned_pointer_as_index %m : memref<4xi64> -> index
  %k = arith.constant 4294967295 : index
  %r = arith.andi %a, %k : index
  return %r : index
}`;
  const v = await pairVerdict(src, tgt);
  assert.match(v, UNMODELLED, v); // was proved
});

test('an ordering of a stack slot\'s and a global\'s addresses against a constant: not proved', async () => {
  const G = 'llvm.mlir.global internal @G(0 : i32) : i32\n';
  const src = `${G}llvm.func @f() -> i1 {
  %t = llvm.mlir.constant(true) : i1
  llvm.return %t : i1
}`;
  const tgt = `${G}llvm.func @f() -> i1 {
  %n = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %n x i64 : (i64) -> !llvm.ptr
  %g = llvm.mlir.addressof @G : !llvm.ptr
  %c = llvm.icmp "ugt" %p, %g : !llvm.ptr
  llvm.return %c : i1
}`;
  const v = await pairVerdict(src, tgt);
  assert.match(v, UNMODELLED, v); // was proved
});

test('still modelled: null-based addresses, a small integer as a pointer, equality and same-block ordering of pointers', async () => {
  // the sizeof idiom and the 0xdeadbeef allocated pointer of a lowered memref.get_global
  const src = `llvm.func @f(%n: i64) -> i64 {
  %c8 = llvm.mlir.constant(8 : i64) : i64
  %r = llvm.mul %n, %c8 : i64
  llvm.return %r : i64
}`;
  const tgt = `llvm.func @f(%n: i64) -> i64 {
  %z = llvm.mlir.zero : !llvm.ptr
  %g = llvm.getelementptr %z[%n] : (!llvm.ptr, i64) -> !llvm.ptr, i64
  %r = llvm.ptrtoint %g : !llvm.ptr to i64
  %k = llvm.mlir.constant(3735928559 : i64) : i64
  %d = llvm.inttoptr %k : i64 to !llvm.ptr
  %s = llvm.mlir.undef : !llvm.struct<(ptr, i64)>
  %s1 = llvm.insertvalue %d, %s[0] : !llvm.struct<(ptr, i64)>
  %s2 = llvm.insertvalue %r, %s1[1] : !llvm.struct<(ptr, i64)>
  %x = llvm.extractvalue %s2[1] : !llvm.struct<(ptr, i64)>
  llvm.return %x : i64
}`;
  assert.match(await pairVerdict(src, tgt), /^proved/);
  // a pointer equal to itself, and a slot before the next one of the same block
  const same = (cmp: string) => `llvm.func @f() -> i1 {
  %n = llvm.mlir.constant(2 : i64) : i64
  %p = llvm.alloca %n x i64 : (i64) -> !llvm.ptr
  %q = llvm.getelementptr %p[1] : (!llvm.ptr) -> !llvm.ptr, i64
${cmp}  llvm.return %c : i1
}`;
  const t = '  %c = llvm.mlir.constant(true) : i1\n';
  assert.match(await pairVerdict(same(t), same('  %c = llvm.icmp "ult" %p, %q : !llvm.ptr\n')), /^proved/);
  assert.match(await pairVerdict(same(t), same('  %c = llvm.icmp "eq" %q, %q : !llvm.ptr\n')), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
