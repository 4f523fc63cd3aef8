// Escape analysis: an allocation whose pointer can reach the outside world (a call, a store
// into memory, a return, an integer) is observable; the others are private. Missing an
// escape would hide memory from the refinement check, so every way out is covered, through
// scf regions, block arguments, casts and structs, with names reused in sibling regions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { walk } from '../../../../compiler/mlir/ir.ts';
import { escapingSites, isAllocSite } from '../../../../verifier/semantics/mlir/escape.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';

/** Which allocations of @f escape, by the order they appear in the text. */
function escapes(text: string): boolean[] {
  const fn = moduleInfo(parseMlir(text, 't.mlir')).funcs.get('f')!;
  const sites = escapingSites(fn.body!);
  const allocs = fn.body!.blocks.flatMap((b) => [...walk(b.ops)]).filter(isAllocSite);
  return allocs.map((a) => sites.has(a));
}

const decl = 'func.func private @g(memref<?xi8>)\nfunc.func private @h(i64)\n';

test('passed to a call, returned, stored, turned into an integer', () => {
  assert.equal(escapes(decl + 'func.func @f(%n: index) {\n %a = memref.alloc(%n) : memref<?xi8>\n func.call @g(%a) : (memref<?xi8>) -> ()\n return\n}'), [true]);
  assert.equal(escapes('func.func @f(%n: index) -> memref<?xi8> {\n %a = memref.alloc(%n) : memref<?xi8>\n return %a : memref<?xi8>\n}'), [true]);
  assert.equal(escapes('llvm.func @f(%p: !llvm.ptr) {\n %c = llvm.mlir.constant(1 : i64) : i64\n %a = llvm.alloca %c x i64 : (i64) -> !llvm.ptr\n llvm.store %a, %p : !llvm.ptr, !llvm.ptr\n llvm.return\n}'), [true]);
  assert.equal(escapes(decl + 'func.func @f() {\n %c = llvm.mlir.constant(1 : i64) : i64\n %a = llvm.alloca %c x i64 : (i64) -> !llvm.ptr\n %i = llvm.ptrtoint %a : !llvm.ptr to i64\n func.call @h(%i) : (i64) -> ()\n return\n}'), [true]);
});

test('only loaded, stored into and measured: private', () => {
  assert.equal(escapes(decl + `func.func @f(%n: index, %v: i8) -> i8 {
  %a = memref.alloc(%n) : memref<?xi8>
  %c0 = arith.constant 0 : index
  memref.store %v, %a[%c0] : memref<?xi8>
  %d = memref.dim %a, %c0 : memref<?xi8>
  %i = arith.index_cast %d : index to i64
  func.call @h(%i) : (i64) -> ()
  %x = memref.load %a[%c0] : memref<?xi8>
  return %x : i8
}`), [false]);
});

test('through scf results, loop-carried values, casts and views', () => {
  assert.equal(escapes(decl + `func.func @f(%c: i1, %n: index) {
  %a = memref.alloc(%n) : memref<?xi8>
  %b = memref.alloc(%n) : memref<?xi8>
  %r = scf.if %c -> memref<?xi8> {
    scf.yield %a : memref<?xi8>
  } else {
    %v = memref.reinterpret_cast %n to offset: [0], sizes: [%n], strides: [1] : memref<?xi8> to memref<?xi8>
    scf.yield %b : memref<?xi8>
  }
  func.call @g(%r) : (memref<?xi8>) -> ()
  return
}`.replace('memref.reinterpret_cast %n to', 'memref.reinterpret_cast %b to')), [true, true]);
  assert.equal(escapes(decl + `func.func @f(%n: index) {
  %a = memref.alloc(%n) : memref<?xi8>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%m = %a) -> (memref<?xi8>) {
    scf.yield %m : memref<?xi8>
  }
  func.call @g(%r) : (memref<?xi8>) -> ()
  return
}`), [true]);
});

test('through block arguments and LLVM descriptor structs', () => {
  assert.equal(escapes(`llvm.func @g(!llvm.ptr, !llvm.ptr, i64, i64, i64)
func.func @f(%n: index) {
  %a = memref.alloc(%n) : memref<?xi8>
  cf.br ^bb1(%a : memref<?xi8>)
^bb1(%m: memref<?xi8>):
  %d = builtin.unrealized_conversion_cast %m : memref<?xi8> to !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
  %p = llvm.extractvalue %d[1] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
  %z = llvm.mlir.constant(0 : i64) : i64
  llvm.call @g(%p, %p, %z, %z, %z) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
  return
}`), [true]);
});

test('names reused in sibling regions do not hide an escape', () => {
  // the printer reuses %alloc in both branches (as after canonicalize or LICM)
  assert.equal(escapes(decl + `func.func @f(%c: i1, %n: index) {
  scf.if %c {
    %alloc = memref.alloc(%n) : memref<?xi8>
    func.call @g(%alloc) : (memref<?xi8>) -> ()
    scf.yield
  } else {
    %alloc = memref.alloc(%n) : memref<?xi8>
    %c0 = arith.constant 0 : index
    %x = memref.load %alloc[%c0] : memref<?xi8>
    scf.yield
  }
  return
}`), [true, false]);
});

test('a heap block carried into the next iteration of the loop that allocated it escapes', () => {
  // cut points drop earlier iterations' SSA values: such a block must live on in the loop's
  // allocation summary (observable memory); the same verdict in scf and in CFG form
  const body = (loop: string) => `func.func @f(%n: index, %x: i8) -> i8 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %first = memref.alloc(%c4) : memref<?xi8>
  %st = memref.alloca() : memref<1xi8>
  ${loop}
}`;
  const scf = body(`%last = scf.for %i = %c0 to %n step %c1 iter_args(%buf = %first) -> (memref<?xi8>) {
    %v = memref.load %buf[%c0] : memref<?xi8>
    %next = memref.alloc(%c4) : memref<?xi8>
    memref.store %v, %next[%c0] : memref<?xi8>
    %s = memref.alloca() : memref<1xi8>
    scf.yield %next : memref<?xi8>
  }
  %r = memref.load %last[%c0] : memref<?xi8>
  return %r : i8`);
  const cf = body(`cf.br ^bb1(%c0, %first : index, memref<?xi8>)
^bb1(%i: index, %buf: memref<?xi8>):
  %more = arith.cmpi slt, %i, %n : index
  cf.cond_br %more, ^bb2, ^bb3
^bb2:
  %v = memref.load %buf[%c0] : memref<?xi8>
  %next = memref.alloc(%c4) : memref<?xi8>
  memref.store %v, %next[%c0] : memref<?xi8>
  %s = memref.alloca() : memref<1xi8>
  %i1 = arith.addi %i, %c1 : index
  cf.br ^bb1(%i1, %next : index, memref<?xi8>)
^bb3:
  %r = memref.load %buf[%c0] : memref<?xi8>
  return %r : i8`);
  // allocated before the loop: private; allocated inside and carried: escapes; stack: private
  assert.equal(escapes(scf), [false, false, true, false]);
  assert.equal(escapes(cf), [false, false, true, false]);
  // allocated in the loop but not carried: private
  assert.equal(escapes(scf.replace('scf.yield %next', 'scf.yield %buf')), [false, false, false, false]);
});

test.run();
