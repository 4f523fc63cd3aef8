// Adversarial probes of the source's reads of unwritten memory (undef-reads.test.ts has the
// basic pairs): places where the difference between LLVM's undef (what such a read is) and
// poison (what the semantics reads) could let a wrong `proved` through. Each wrong-proved
// probe below was `proved` before the source's fresh reads were tracked
// (verifier/semantics/mlir README "Values, poison, undef"); the others pin verdicts that
// must stay (UB is UB with undef too; moving an undef value is no computation).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { pairVerdict } from './pair-verdict.ts';

/** pairVerdict (pair-verdict.ts) with the concrete tests under a step budget, not a clock:
 *  with their default 3 s of wall time they ran to that limit in each loop probe below and
 *  took most of the file's CPU (26 Nov: 8.1 s; 4.7 s with 400 000 steps in all). The
 *  probes are about the solver's verdict; what the concrete tests may refute is
 *  concrete-tests.test.ts's subject. */
const verdict = (src: string, tgt: string) => pairVerdict(src, tgt, { concreteBudget: { ms: Infinity, steps: 400_000 } });

/** Not proved, not bounded (the same doubt for every length), not refuted. */
function undecided(v: string): void {
  assert.ok(!v.startsWith('proved') && !v.startsWith('bounded') && !v.startsWith('refuted'), v);
  assert.match(v, /nobody wrote/, v);
}

const consti = (name: string, t: string, v: string, args = '') => `func.func @${name}(${args}) -> ${t} {
  %r = arith.constant ${v} : ${t}
  return %r : ${t}
}`;

test('select on an unwritten i1 picks one of its arms (LLVM), never a third value', async () => {
  const src = `func.func @f() -> i32 {
  %m = memref.alloca() : memref<1xi1>
  %c0 = arith.constant 0 : index
  %c = memref.load %m[%c0] : memref<1xi1>
  %a = arith.constant 1 : i32
  %b = arith.constant 0 : i32
  %r = arith.select %c, %a, %b : i32
  return %r : i32
}`;
  undecided(await verdict(src, consti('f', 'i32', '2')));
});

test('a branch on an unwritten i1 is undefined behaviour (LangRef br): any target refines it', async () => {
  const src = `func.func @f() -> i32 {
  %m = memref.alloca() : memref<1xi1>
  %c0 = arith.constant 0 : index
  %c = memref.load %m[%c0] : memref<1xi1>
  cf.cond_br %c, ^a, ^b
^a:
  %x = arith.constant 1 : i32
  return %x : i32
^b:
  %y = arith.constant 0 : i32
  return %y : i32
}`;
  // (UB on every execution: refined by anything, vacuously — vacuity.ts; was proved)
  assert.match(await verdict(src, consti('f', 'i32', '7')), /^unknown: unknown: vacuous: the source is UB on every execution/);
});

test('a branch on a computation with an unwritten read is not excused', async () => {
  // or x, 1 is odd whatever x is: the compare is defined (LLVM), the branch too
  const src = `func.func @f() -> i32 {
  %m = memref.alloca() : memref<1xi8>
  %c0 = arith.constant 0 : index
  %x = memref.load %m[%c0] : memref<1xi8>
  %one = arith.constant 1 : i8
  %o = arith.ori %x, %one : i8
  %z = arith.constant 0 : i8
  %c = arith.cmpi ne, %o, %z : i8
  cf.cond_br %c, ^a, ^b
^a:
  %p = arith.constant 1 : i32
  return %p : i32
^b:
  %q = arith.constant 0 : i32
  return %q : i32
}`;
  undecided(await verdict(src, consti('f', 'i32', '0')));
});

test('a divisor made non-zero from an unwritten read: the poison model would call it UB', async () => {
  // 1 / (x | 1) never divides by zero; with x poison the division is "UB", which would
  // excuse any target — the use is found before that UB
  const src = `func.func @f() -> i8 {
  %m = memref.alloca() : memref<1xi8>
  %c0 = arith.constant 0 : index
  %x = memref.load %m[%c0] : memref<1xi8>
  %one = arith.constant 1 : i8
  %o = arith.ori %x, %one : i8
  %big = arith.constant 100 : i8
  %d = arith.divui %big, %o : i8
  %h = arith.constant 101 : i8
  %r = arith.minui %d, %h : i8
  return %r : i8
}`;
  undecided(await verdict(src, consti('f', 'i8', '-1')));
});

test('a partially written word: the loaded i32 has unwritten bytes', async () => {
  const src = `llvm.func @f(%b: i8) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  llvm.store %b, %p : i8, !llvm.ptr
  %x = llvm.load %p : !llvm.ptr -> i32
  %m = llvm.mlir.constant(255 : i32) : i32
  %y = llvm.and %x, %m : i32
  llvm.return %y : i32
}`;
  const tgt = `llvm.func @f(%b: i8) -> i32 {
  %y = llvm.zext %b : i8 to i32
  %k = llvm.mlir.constant(256 : i32) : i32
  %r = llvm.or %y, %k : i32
  llvm.return %r : i32
}`;
  undecided(await verdict(src, tgt));
});

test('an unwritten read stored and loaded back, then computed with', async () => {
  const src = `func.func @f() -> i32 {
  %m = memref.alloca() : memref<2xi32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %x = memref.load %m[%c0] : memref<2xi32>
  memref.store %x, %m[%c1] : memref<2xi32>
  %y = memref.load %m[%c1] : memref<2xi32>
  %z = arith.constant 0 : i32
  %r = arith.andi %y, %z : i32
  return %r : i32
}`;
  undecided(await verdict(src, consti('f', 'i32', '1')));
});

test('unwritten bytes copied by llvm.intr.memcpy, then computed with', async () => {
  const src = `llvm.func @f() -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  %b = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  %n = llvm.mlir.constant(4 : i64) : i64
  "llvm.intr.memcpy"(%b, %a, %n) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  %x = llvm.load %b : !llvm.ptr -> i32
  %z = llvm.mlir.constant(0 : i32) : i32
  %r = llvm.and %x, %z : i32
  llvm.return %r : i32
}`;
  const tgt = `llvm.func @f() -> i32 {
  %r = llvm.mlir.constant(1 : i32) : i32
  llvm.return %r : i32
}`;
  undecided(await verdict(src, tgt));
});

test('a loop that computes with unwritten elements: no proof for any length', async () => {
  // sum of (a[i] & 0) over a never-written array is 0; the target's 1 must not be proved
  const src = `func.func @f(%n: index) -> i32 {
  %m = memref.alloca() : memref<8xi32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %z = arith.constant 0 : i32
  %k = arith.minui %n, %c8 : index
  %s = scf.for %i = %c0 to %k step %c1 iter_args(%acc = %z) -> (i32) {
    %x = memref.load %m[%i] : memref<8xi32>
    %y = arith.andi %x, %z : i32
    %a = arith.addi %acc, %y : i32
    scf.yield %a : i32
  }
  %one = arith.constant 1 : i32
  %r = arith.ori %s, %one : i32
  return %r : i32
}`;
  const tgt = `func.func @f(%n: index) -> i32 {
  %c0 = arith.constant 0 : index
  %p = arith.cmpi ugt, %n, %c0 : index
  %one = arith.constant 1 : i32
  %three = arith.constant 3 : i32
  %r = arith.select %p, %three, %one : i32
  return %r : i32
}`;
  undecided(await verdict(src, tgt));
});

test('an escaping block larger than 256 bytes: never proved', async () => {
  // the block escapes (its address is stored into the argument); its fresh bytes are not
  // poison (README gap: no array lambda) but one defined unknown: the source's `and x, 0`
  // is then 0, the target's 1 differs — refuted, rightly (LLVM: and undef, 0 is 0); if
  // those bytes become poison, the source's fresh-byte tracking keeps it unproved
  // (soundness reviewer, session 9: the block escapes by a stored pointer, no longer by
  // memref.extract_aligned_pointer_as_index, whose integer address is unsupported now:
  // probe-addresses.test.ts; the verdict at e283540 is the same, refuted). Since session 21
  // the replay reads those bytes as undef (review 36 X1, probe-big-fresh.test.ts): the
  // source's `and x, 0` returns poison there, so the model is `unknown`, naming why
  const src = `llvm.func @f(%out: !llvm.ptr) -> i32 {
  %n = llvm.mlir.constant(100 : i64) : i64
  %m = llvm.alloca %n x i32 : (i64) -> !llvm.ptr
  llvm.store %m, %out : !llvm.ptr, !llvm.ptr
  %p = llvm.getelementptr %m[9] : (!llvm.ptr) -> !llvm.ptr, i32
  %x = llvm.load %p : !llvm.ptr -> i32
  %z = llvm.mlir.constant(0 : i32) : i32
  %r = llvm.and %x, %z : i32
  llvm.return %r : i32
}`;
  const tgt = `llvm.func @f(%out: !llvm.ptr) -> i32 {
  %n = llvm.mlir.constant(100 : i64) : i64
  %m = llvm.alloca %n x i32 : (i64) -> !llvm.ptr
  llvm.store %m, %out : !llvm.ptr, !llvm.ptr
  %r = llvm.mlir.constant(1 : i32) : i32
  llvm.return %r : i32
}`;
  const v = await verdict(src, tgt);
  assert.ok(v.startsWith('refuted') || /nobody wrote|the check takes the unwritten bytes of an escaping block/.test(v), v);
  assert.not.ok(v.startsWith('proved') || v.startsWith('bounded'), v);
});

test('an inner loop that copies an unwritten read into a block the outer loop computes with', async () => {
  // after the first outer iteration (with m >= 1) b[0] holds c[0], never written: the
  // source's x & 0 is still 0 (LLVM), the target's x - x may be anything. The inner loop's
  // write breaks the outer loop's cut-point assumption about b too (both are weakened).
  const f = (op: string) => `func.func @f(%n: index, %m: index) -> i32 {
  %b = memref.alloca() : memref<1xi32>
  %c = memref.alloca() : memref<1xi32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %seven = arith.constant 7 : i32
  %z = arith.constant 0 : i32
  memref.store %seven, %b[%c0] : memref<1xi32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i32) {
    %x = memref.load %b[%c0] : memref<1xi32>
    %y = ${op}
    %a = arith.addi %acc, %y : i32
    scf.for %j = %c0 to %m step %c1 {
      %u = memref.load %c[%c0] : memref<1xi32>
      memref.store %u, %b[%c0] : memref<1xi32>
    }
    scf.yield %a : i32
  }
  return %r : i32
}`;
  undecided(await verdict(f('arith.andi %x, %z : i32'), f('arith.subi %x, %x : i32')));
});

test('a loop-carried unwritten read computed with in the loop', async () => {
  // n >= 1: the source returns x & 0 = 0 (LLVM), whatever x; the target's 1 is wrong
  const src = `func.func @f(%n: index) -> i32 {
  %m = memref.alloca() : memref<1xi32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i32
  %x = memref.load %m[%c0] : memref<1xi32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%v = %x) -> (i32) {
    %w = arith.andi %v, %z : i32
    scf.yield %w : i32
  }
  return %r : i32
}`;
  undecided(await verdict(src, consti('f', 'i32', '1', '%n: index')));
});

test('a heap block carried to the next iteration with an unwritten element that is computed with', async () => {
  // element 1 of each buffer is never written; the next iteration reads it
  const f = (op: string) => `func.func @f(%n: index, %x: i32) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %z = arith.constant 0 : i32
  %first = memref.alloc(%c2) : memref<?xi32>
  memref.store %x, %first[%c0] : memref<?xi32>
  memref.store %x, %first[%c1] : memref<?xi32>
  %last = scf.for %i = %c0 to %n step %c1 iter_args(%buf = %first) -> (memref<?xi32>) {
    %v = memref.load %buf[%c1] : memref<?xi32>
    %w = ${op}
    %next = memref.alloc(%c2) : memref<?xi32>
    memref.store %w, %next[%c0] : memref<?xi32>
    scf.yield %next : memref<?xi32>
  }
  %r = memref.load %last[%c0] : memref<?xi32>
  return %r : i32
}`;
  undecided(await verdict(f('arith.andi %v, %z : i32'), f('arith.subi %v, %v : i32')));
});

test('a read of a stored-then-deallocated slot is undefined behaviour: any target refines it', async () => {
  const src = `func.func @f() -> i32 {
  %m = memref.alloc() : memref<1xi32>
  %c0 = arith.constant 0 : index
  %v = arith.constant 5 : i32
  memref.store %v, %m[%c0] : memref<1xi32>
  memref.dealloc %m : memref<1xi32>
  %x = memref.load %m[%c0] : memref<1xi32>
  %z = arith.constant 0 : i32
  %r = arith.andi %x, %z : i32
  return %r : i32
}`;
  // (UB on every execution: refined by anything, vacuously — vacuity.ts; was proved)
  assert.match(await verdict(src, consti('f', 'i32', '9')), /^unknown: unknown: vacuous: the source is UB on every execution/);
});

test('an unwritten read passed to an external call: the target may pass any value', async () => {
  const src = `func.func private @g(i32)
func.func @f() {
  %m = memref.alloca() : memref<1xi32>
  %c0 = arith.constant 0 : index
  %x = memref.load %m[%c0] : memref<1xi32>
  func.call @g(%x) : (i32) -> ()
  return
}`;
  const tgt = `func.func private @g(i32)
func.func @f() {
  %x = arith.constant 5 : i32
  func.call @g(%x) : (i32) -> ()
  return
}`;
  assert.match(await verdict(src, tgt), /^proved/);
});

test('the same computation on both sides is still proved after the memory is written in a loop', async () => {
  // a stack array cleared as Clef clears it (clef_zero_i32), filled in one loop, summed in
  // another: every read is of written bytes, so the cut-point proof stands (a loop's havoc
  // state keeps the fresh bytes of its arrival)
  const VIEW = 'memref<?xi32, strided<[1], offset: ?>>';
  const body = (acc: string, clear: string) => `func.func private @clef_zero_i32(${VIEW})
func.func @f(%n: index) -> i32 {
  %m = memref.alloca() : memref<8xi32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %z = arith.constant 0 : i32
  ${clear}
  %k = arith.minui %n, %c8 : index
  scf.for %i = %c0 to %k step %c1 {
    %v = arith.index_cast %i : index to i32
    memref.store %v, %m[%i] : memref<8xi32>
  }
  %s = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %z) -> (i32) {
    %x = memref.load %m[%i] : memref<8xi32>
    %a = ${acc}
    scf.yield %a : i32
  }
  return %s : i32
}`;
  const zero = `%w = memref.cast %m : memref<8xi32> to ${VIEW}
  func.call @clef_zero_i32(%w) : (${VIEW}) -> ()`;
  const v = await verdict(body('arith.addi %acc, %x : i32', zero), body('arith.addi %x, %acc : i32', zero));
  assert.match(v, /^proved/, v);
  // Known limit: cleared by a loop of stores instead, the cut-point state after that loop
  // still holds the arrival's unwritten bytes (no invariant says the loop wrote them all):
  // bounded, never proved for every length, never refuted
  const loop = `scf.for %i = %c0 to %c8 step %c1 {
    memref.store %z, %m[%i] : memref<8xi32>
  }`;
  const w = await verdict(body('arith.addi %acc, %x : i32', loop).replace('%c8 step %c1 iter_args', '%k step %c1 iter_args'), body('arith.addi %x, %acc : i32', loop).replace('%c8 step %c1 iter_args', '%k step %c1 iter_args'));
  assert.match(w, /^bounded\(2\).*nobody wrote/, w);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
