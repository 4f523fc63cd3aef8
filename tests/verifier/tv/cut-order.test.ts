// The order of the two cut-point attempts (verifier/tv/validate.ts proveByCutpoints): the
// allocation counters shared by the sides first, else each side's own stack counter — except
// where the two bodies hold different numbers of stack allocations, where each side's own
// goes first. finalize-memref-to-llvm lowers a memref.dim with an index that is not a literal
// through an llvm.alloca, so the shared attempt failed at every such loop, and its sat
// answers were the dearest queries of the corpus check (region_stats @summary: 32 M z3 units
// of 40 M, 18 s of its 20 s time limit). Proved when either attempt proves: the order moves
// cost, never a verdict, and a failure still reports the shared attempt's reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult } from './pair-verdict.ts';
import { queriesOf } from '../../helpers/queries.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import type { ValidateOptions } from '../../../verifier/tv/validate.ts';

// a loop that allocates, with a memref.dim whose index is an argument
const dimSrc = `func.func private @use(memref<?xi8>)
func.func @f(%m: memref<?xi8>, %n: index, %k: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %d = memref.dim %m, %k : memref<?xi8>
    %a = memref.alloc(%d) : memref<?xi8>
    func.call @use(%a) : (memref<?xi8>) -> ()
  }
  return
}`;
// mlir-opt-19 --finalize-memref-to-llvm of dimSrc (the dim through an alloca)
const dimTgt = `llvm.func @malloc(i64) -> !llvm.ptr
func.func private @use(memref<?xi8>)
func.func @f(%arg0: memref<?xi8>, %arg1: index, %arg2: index) {
  %0 = builtin.unrealized_conversion_cast %arg2 : index to i64
  %1 = builtin.unrealized_conversion_cast %arg0 : memref<?xi8> to !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %arg3 = %c0 to %arg1 step %c1 {
    %2 = llvm.mlir.constant(1 : index) : i64
    %3 = llvm.extractvalue %1[3] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
    %4 = llvm.alloca %2 x !llvm.array<1 x i64> : (i64) -> !llvm.ptr
    llvm.store %3, %4 : !llvm.array<1 x i64>, !llvm.ptr
    %5 = llvm.getelementptr %4[0, %0] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.array<1 x i64>
    %6 = llvm.load %5 : !llvm.ptr -> i64
    %7 = llvm.mlir.constant(1 : index) : i64
    %8 = llvm.mlir.zero : !llvm.ptr
    %9 = llvm.getelementptr %8[%6] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %10 = llvm.ptrtoint %9 : !llvm.ptr to i64
    %11 = llvm.call @malloc(%10) : (i64) -> !llvm.ptr
    %12 = llvm.mlir.undef : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
    %13 = llvm.insertvalue %11, %12[0] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
    %14 = llvm.insertvalue %11, %13[1] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
    %15 = llvm.mlir.constant(0 : index) : i64
    %16 = llvm.insertvalue %15, %14[2] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
    %17 = llvm.insertvalue %6, %16[3, 0] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
    %18 = llvm.insertvalue %7, %17[4, 0] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
    %19 = builtin.unrealized_conversion_cast %18 : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)> to memref<?xi8>
    func.call @use(%19) : (memref<?xi8>) -> ()
  }
  return
}`;

/** The check with FIDELITY_NO_APART_FIRST=1 (the old order) for its whole duration. */
async function sharedFirst(src: string, tgt: string, opts: Partial<ValidateOptions> = {}) {
  process.env.FIDELITY_NO_APART_FIRST = '1';
  try {
    return await queriesOf(() => pairResult(src, tgt, opts));
  } finally {
    delete process.env.FIDELITY_NO_APART_FIRST;
  }
}

test('a target with an alloca the source lacks, in a loop that allocates: each side its own counter first, one attempt', async () => {
  const { result, names } = await queriesOf(() => pairResult(dimSrc, dimTgt));
  assert.match(result.verdict, /^proved/, result.detail);
  assert.match(result.detail, /any length/);
  assert.ok(names.length > 0 && names.every((n) => n.startsWith('f.inductive-apart')), `queries asked: ${names.join(', ')}`);
  // the old order asked the shared attempt first, which failed (sat), and proved the same
  const old = await sharedFirst(dimSrc, dimTgt);
  assert.is(old.result.verdict, result.verdict);
  assert.is(old.result.detail, result.detail);
  assert.ok(old.names.some((n) => /^f\.inductive\d/.test(n)), `queries asked: ${old.names.join(', ')}`);
});

test('the same number of stack allocations on both sides: shared counters first, as before', async () => {
  const { result, names } = await queriesOf(() => pairResult(dimSrc, dimSrc));
  assert.match(result.verdict, /^proved/, result.detail);
  assert.ok(names.every((n) => !n.includes('apart')), `queries asked: ${names.join(', ')}`);
});

// a private buffer the target rewrites in its sixth iteration (pairs/cut_if_alloca_late_store),
// the target with one more alloca in its loop: no attempt proves, and the bounded verdict's
// reason is the shared attempt's, as in the old order
const lateSrc = `func.func @f(%c: i1, %n: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i32
  %buf = scf.if %c -> memref<4xi32> {
    %a = memref.alloca() : memref<4xi32>
    memref.store %z, %a[%c0] : memref<4xi32>
    scf.yield %a : memref<4xi32>
  } else {
    %b = memref.alloca() : memref<4xi32>
    memref.store %z, %b[%c0] : memref<4xi32>
    scf.yield %b : memref<4xi32>
  }
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %buf[%c0] : memref<4xi32>
    memref.store %v, %buf[%c0] : memref<4xi32>
  }
  %r = memref.load %buf[%c0] : memref<4xi32>
  return %r : i32
}`;
const lateTgt = lateSrc.replace(
  '    memref.store %v, %buf[%c0] : memref<4xi32>\n',
  `    %t = memref.alloca() : memref<1xi8>
    %c5 = arith.constant 5 : index
    %e5 = arith.cmpi eq, %i, %c5 : index
    %c7 = arith.constant 7 : i32
    %w = arith.select %e5, %c7, %v : i32
    memref.store %w, %buf[%c0] : memref<4xi32>
`,
);

test('neither attempt proves: the same verdict and reason as in the old order', async () => {
  const opts = { concreteTests: false };
  const { result, names } = await queriesOf(() => pairResult(lateSrc, lateTgt, opts));
  assert.is(result.verdict, 'bounded(2)', result.detail);
  assert.ok(names.some((n) => n.includes('apart')) && names.some((n) => /^f\.inductive\d/.test(n)), `both attempts asked: ${names.join(', ')}`);
  const old = await sharedFirst(lateSrc, lateTgt, opts);
  assert.is(old.result.verdict, result.verdict);
  assert.is(old.result.detail, result.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
