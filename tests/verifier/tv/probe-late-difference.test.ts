// Soundness probe (review 25): pairs that agree on every execution with at most k iterations
// of each loop and differ only on longer ones. The bounded check (unroll 2 or 8) cannot see
// the difference, so only the cut-point proof (cutpoint.ts, invariants.ts) stands between
// them and a wrong `proved`. Each target was checked natively (mlir-opt-19 pipeline,
// mlir-translate-19, clang-19, a C driver for n = 0..40: scratch/review25/harness.ts) to
// differ from its source. Concrete tests and the lasso check are off: they never prove, and
// with them on most of these read `refuted` before the proof machinery is the question.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const OPTS = { concreteTests: false, lasso: false };

// an scf.while filling m[i] = i for i < n
const fill = (body: string) => `func.func @f(%m: memref<64xi64>, %n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c9 = arith.constant 9 : index
  %c10 = arith.constant 10 : index
  %r = scf.while (%i = %c0) : (index) -> index {
    %c = arith.cmpi slt, %i, %n : index
    scf.condition(%c) %i : index
  } do {
  ^bb0(%i: index):
    %v = arith.index_cast %i : index to i64
    ${body}
  }
  return %r : index
}`;
const fillSrc = fill(`memref.store %v, %m[%i] : memref<64xi64>
    %j = arith.addi %i, %c1 : index
    scf.yield %j : index`);

// two carried values, combined after the loop
const two = (yieldOps: string) => `func.func @f(%n: index) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %z = arith.constant 0 : i64
  %o = arith.constant 1 : i64
  %k3 = arith.constant 3 : i64
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%a = %z, %b = %o) -> (i64, i64) {
    %ii = arith.index_cast %i : index to i64
    %a2 = arith.addi %a, %ii : i64
    %b2 = arith.muli %b, %k3 : i64
    %b3 = arith.addi %b2, %a : i64
    ${yieldOps}
  }
  %s = arith.muli %r#0, %k3 : i64
  %t = arith.addi %s, %r#1 : i64
  return %t : i64
}`;

// a count kept in TY, compared with 100 after the loop (an i8 count wraps at 128)
const count = (ty: string, widen: string) => `func.func @f(%n: index) -> i1 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : ${ty}
  %o = arith.constant 1 : ${ty}
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %z) -> (${ty}) {
    %x = arith.addi %a, %o : ${ty}
    scf.yield %x : ${ty}
  }
  ${widen}
  %lim = arith.constant 100 : i64
  %b = arith.cmpi sgt, %w, %lim : i64
  return %b : i1
}`;

// nested loops hashing an 8x8 memref; the target reads m[j][i] once i > 5
const nest = (index: string) => `func.func @f(%m: memref<8x8xi64>, %n: index) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %z = arith.constant 0 : i64
  %k31 = arith.constant 31 : i64
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %z) -> (i64) {
    %s = scf.for %j = %c0 to %n step %c1 iter_args(%b = %a) -> (i64) {
      ${index}
      %h = arith.muli %b, %k31 : i64
      %h2 = arith.addi %h, %v : i64
      scf.yield %h2 : i64
    }
    scf.yield %s : i64
  }
  return %r : i64
}`;

// a cf loop with three header arguments; the target swaps two of them past iteration 8
const cfLoop = (body: string) => `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c3 = arith.constant 3 : i64
  %c8 = arith.constant 8 : i64
  cf.br ^h(%c0, %c1, %c0 : i64, i64, i64)
^h(%i: i64, %a: i64, %b: i64):
  %c = arith.cmpi slt, %i, %n : i64
  cf.cond_br %c, ^body, ^exit
^body:
  %a2 = arith.addi %a, %b : i64
  %b2 = arith.addi %a, %i : i64
  %i2 = arith.addi %i, %c1 : i64
  ${body}
^exit:
  %r = arith.muli %a, %c3 : i64
  %r2 = arith.addi %r, %b : i64
  return %r2 : i64
}`;

// `deep`: the larger depth when 8 costs too much (nested loops unrolled 8 x 8: 12 s CPU to a timeout)
const pairs: { name: string; src: string; tgt: string; deep?: number }[] = [
  {
    name: 'a store skipped when i == 10',
    src: fillSrc,
    tgt: fill(`%e = arith.cmpi ne, %i, %c10 : index
    scf.if %e {
      memref.store %v, %m[%i] : memref<64xi64>
    }
    %j = arith.addi %i, %c1 : index
    scf.yield %j : index`),
  },
  {
    name: 'a second store at i - 9 once i >= 9',
    src: fillSrc,
    tgt: fill(`memref.store %v, %m[%i] : memref<64xi64>
    %g = arith.cmpi uge, %i, %c9 : index
    scf.if %g {
      %k = arith.subi %i, %c9 : index
      memref.store %v, %m[%k] : memref<64xi64>
    }
    %j = arith.addi %i, %c1 : index
    scf.yield %j : index`),
  },
  {
    name: 'the induction variable steps 2 after iteration 9',
    src: fillSrc,
    tgt: fill(`memref.store %v, %m[%i] : memref<64xi64>
    %g = arith.cmpi ugt, %i, %c9 : index
    %st = arith.select %g, %c2, %c1 : index
    %j = arith.addi %i, %st : index
    scf.yield %j : index`),
  },
  {
    name: 'two carried values swapped on odd iterations past 8',
    src: two('scf.yield %a2, %b3 : i64, i64'),
    tgt: two(`%g = arith.cmpi ugt, %i, %c8 : index
    %lo = arith.andi %i, %c1 : index
    %od = arith.cmpi eq, %lo, %c1 : index
    %both = arith.andi %g, %od : i1
    %p = arith.select %both, %b3, %a2 : i64
    %q = arith.select %both, %a2, %b3 : i64
    scf.yield %p, %q : i64, i64`),
  },
  {
    name: 'a counter kept in i8 (wraps after 127 iterations)',
    src: count('i64', '%w = arith.addi %r, %z : i64'),
    tgt: count('i8', '%w = arith.extsi %r : i8 to i64'),
  },
  {
    name: 'nested loops interchanged once the outer counter passes 5',
    src: nest('%v = memref.load %m[%i, %j] : memref<8x8xi64>'),
    tgt: nest(`%g = arith.cmpi ugt, %i, %c5 : index
      %x = arith.select %g, %j, %i : index
      %y = arith.select %g, %i, %j : index
      %v = memref.load %m[%x, %y] : memref<8x8xi64>`),
    deep: 4,
  },
  {
    name: 'header arguments swapped past iteration 8 (cf loop)',
    src: cfLoop('cf.br ^h(%i2, %a2, %b2 : i64, i64, i64)'),
    tgt: cfLoop(`%g = arith.cmpi sgt, %i, %c8 : i64
  %p = arith.select %g, %b2, %a2 : i64
  %q = arith.select %g, %a2, %b2 : i64
  cf.br ^h(%i2, %p, %q : i64, i64, i64)`),
  },
];

for (const unroll of [2, 8]) {
  test(`differences past the unrolling depth are never proved (unroll ${unroll})`, async () => {
    for (const p of pairs) {
      const v = await pairResult(p.src, p.tgt, { unroll: unroll === 2 ? 2 : (p.deep ?? unroll), ...OPTS });
      assert.not.match(v.verdict, /^proved/, `${p.name}: ${v.verdict}: ${v.detail}`);
    }
  });
}

test('the sources themselves are proved for any length (the cut-point proof is tried)', async () => {
  for (const src of [fillSrc, two('scf.yield %a2, %b3 : i64, i64'), cfLoop('cf.br ^h(%i2, %a2, %b2 : i64, i64, i64)')]) {
    const v = await pairResult(src, src, { unroll: 2, ...OPTS });
    assert.is(v.verdict, 'proved', v.detail);
    assert.match(v.detail, /any length/);
  }
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
