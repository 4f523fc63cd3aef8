// Soundness probe (issue 4 item 1): an llvm.load/llvm.store without an `alignment` attribute
// is an access with its type's ABI alignment (LangRef load/store; mlir-translate-19 prints
// `align 4` for an i32 llvm.load without the attribute), and an overstated alignment is
// undefined behaviour — also where the offset is aligned but the block's start is not. The
// implicit alignment was checked on the offset only, so a target reading an i32 at offset 4
// of an `alloca i8 x 8` without an attribute, where the source said `alignment = 1`, was
// `proved`. Every access now asks its alignment (explicit or ABI) of the block's start too
// (memory's access check, both interpretations). memref.load/store ask the element's ABI
// alignment in the same way: MLIR 19's memref docs say nothing of alignment, and
// finalize-memref-to-llvm lowers them to llvm.load/store without an attribute, i.e. the ABI
// alignment; a weaker memref rule would make every such finalize pair refutable.
// The starts of argument and external blocks are inputs (symbolic-memory.ts BLOCK_START):
// with the offset alone, a pointer into an object starting at an odd address could not be
// represented, and a target reading below such an object was proved (last test).
// LangRef-only: x86 does not trap on a misaligned i32 access, so no native run shows it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict, llvmReturn } from './pair-verdict.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { runMlir } from '../../../verifier/semantics/mlir/interp.ts';
import { UBError } from '../../../verifier/semantics/mlir/concrete-memory.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

/** An i32 stored and read back at byte 4 of an 8-byte i8 alloca; `attr`: the alloca's
 *  attribute text; `load`: the load's attribute text. */
const alloca = (attr: string, load: string, store = ' {alignment = 1 : i64}') => `llvm.func @f() -> i32 {
  %n = llvm.mlir.constant(8 : i64) : i64
  %p = llvm.alloca %n x i8${attr} : (i64) -> !llvm.ptr
  %q = llvm.getelementptr %p[4] : (!llvm.ptr) -> !llvm.ptr, i8
  %v = llvm.mlir.constant(7 : i32) : i32
  llvm.store %v, %q${store} : i32, !llvm.ptr
  %r = llvm.load %q${load} : !llvm.ptr -> i32
  llvm.return %r : i32
}`;

/** The same through a memref view of an i8 buffer (what core-to-mlir's arena views are). */
const memref = (attr: string) => `func.func @f() -> i32 {
  %c4 = arith.constant 4 : index
  %c0 = arith.constant 0 : index
  %v = arith.constant 7 : i32
  %buf = memref.alloca()${attr} : memref<8xi8>
  %w = memref.view %buf[%c4][] : memref<8xi8> to memref<1xi32>
  memref.store %v, %w[%c0] : memref<1xi32>
  %r = memref.load %w[%c0] : memref<1xi32>
  return %r : i32
}`;

function ub(text: string): string | undefined {
  try {
    runMlir(parseMlir(text, 't.mlir'), 'f', []);
    return undefined;
  } catch (e) {
    if (e instanceof UBError) return e.what;
    throw e;
  }
}

test('llvm: an implicit alignment over the block start is UB; an aligned block keeps proved', async () => {
  // before the fix: proved
  const implicit = await pairVerdict(alloca('', ' {alignment = 1 : i64}'), alloca('', ''));
  assert.match(implicit, /^refuted: .*only guaranteed 1/, implicit);
  const store = await pairVerdict(alloca('', ' {alignment = 1 : i64}'), alloca('', ' {alignment = 1 : i64}', ''));
  assert.match(store, /^refuted: .*only guaranteed 1/, store);
  const aligned = await pairVerdict(alloca(' {alignment = 4 : i64}', ' {alignment = 1 : i64}'), alloca(' {alignment = 4 : i64}', ''));
  assert.match(aligned, /^proved/, aligned);
  const lower = await pairVerdict(alloca('', ''), alloca('', ' {alignment = 1 : i64}'));
  // (the source is UB on every execution: refined by anything, vacuously — vacuity.ts; was proved)
  assert.match(lower, /^unknown: unknown: vacuous: the source is UB on every execution/, lower);
});

test('memref: a load of the element at a block start not aligned to it is UB, as its lowering', async () => {
  assert.match(ub(memref('')) ?? 'no UB', /alignment 4 but block .* only guaranteed 1/);
  assert.is(ub(memref(' {alignment = 4 : i64}')), undefined);
  // before the fix: refuted (the source returned 7); now the source is UB, as the LLVM IR
  // finalize-memref-to-llvm makes of it (`alloca i8, i64 8, align 1`, `load i32 .. align 4`)
  const src = await pairVerdict(memref(''), llvmReturn(8));
  // (UB on every execution: refined by anything, vacuously — vacuity.ts; was proved)
  assert.match(src, /^unknown: unknown: vacuous: the source is UB on every execution/, src);
  const ok = await pairVerdict(memref(' {alignment = 4 : i64}'), llvmReturn(8));
  assert.match(ok, /^refuted/, ok);
  const same = await pairVerdict(memref(' {alignment = 4 : i64}'), llvmReturn(7));
  assert.match(same, /^proved/, same);
});

/** Reads p[-1] (i8) and p (i16, so p is even); `extra`: also p[-2]. */
const arg = (extra: boolean) => `llvm.func @f(%p: !llvm.ptr) -> i16 {
  %m1 = llvm.getelementptr %p[-1] : (!llvm.ptr) -> !llvm.ptr, i8
  %a = llvm.load %m1 {alignment = 1 : i64} : !llvm.ptr -> i8
  %b = llvm.load %p : !llvm.ptr -> i16${extra ? `
  %m2 = llvm.getelementptr %p[-2] : (!llvm.ptr) -> !llvm.ptr, i8
  %c = llvm.load %m2 {alignment = 1 : i64} : !llvm.ptr -> i8` : ''}
  llvm.return %b : i16
}`;

test('an argument block starts at an address the caller chooses', async () => {
  // before: proved (the block's start was aligned to anything, so p even meant offset >= 2);
  // for an object starting at the odd p - 1 the target reads out of bounds
  const extra = await pairVerdict(arg(false), arg(true));
  assert.match(extra, /^refuted: .*outside block/, extra);
  const same = await pairVerdict(arg(true), arg(true));
  assert.match(same, /^proved/, same);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
