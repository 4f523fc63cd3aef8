// Soundness probe (review 19 R1): a call's memref result has the static layout its call
// site's type names, or the call is UB (verifier/semantics/mlir/declared-results.ts). It was
// an unguarded assumption on the shared call-result unknowns, which are numbered by call
// count: @g's `memref<4xi32>` on one path fixed @h's size on the other (and an
// identity-layout `memref<?xi32>`'s offset 0 the fifth word of a 5-result call), and a target
// declaring a callee more statically than the source did was proved. Shown natively
// (scratch/review19/gh.c, th.c: the sources print 5 and -1, the targets 4 and 0).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { pairVerdict } from './pair-verdict.ts';

const verdict = (src: string, tgt: string) => pairVerdict(src, tgt, { concreteTests: false });

const paths = (elseDim: string) => `func.func private @g() -> memref<4xi32>
func.func private @h() -> memref<?xi32>
func.func @f(%c: i1) -> index {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %r = scf.if %c -> index {
    %m = func.call @g() : () -> memref<4xi32>
    scf.yield %c4 : index
  } else {
    %m = func.call @h() : () -> memref<?xi32>
    ${elseDim}
    scf.yield %d : index
  }
  return %r : index
}`;

test("a static result type on one path says nothing of another callee's result on the other", async () => {
  const src = paths('%d = memref.dim %m, %c0 : memref<?xi32>');
  const v = await verdict(src, paths('%d = arith.addi %c4, %c0 : index'));
  assert.match(v, /^refuted: .*result slot 0/, v);
  assert.match(await verdict(src, src), /^proved/);
});

test("an identity-layout memref result on one path says nothing of another call's fifth result word", async () => {
  // memref<?xi32> has a static offset 0 (result word 4): it fixed word 4 of @h's results too
  const tuple = (ret: string) => `func.func private @g() -> memref<?xi32>
func.func private @h() -> (i64, i64, i64, i64, i64)
func.func @f(%c: i1) -> i64 {
  %z = arith.constant 0 : i64
  %r = scf.if %c -> i64 {
    %m = func.call @g() : () -> memref<?xi32>
    scf.yield %z : i64
  } else {
    %a:5 = func.call @h() : () -> (i64, i64, i64, i64, i64)
    scf.yield ${ret} : i64
  }
  return %r : i64
}`;
  const v = await verdict(tuple('%a#4'), tuple('%z'));
  assert.match(v, /^refuted: .*result slot 0/, v);
  assert.match(await verdict(tuple('%a#4'), tuple('%a#4')), /^proved/);
});

const decl = (ty: string, body: string) => `func.func private @g() -> ${ty}
func.func @f() -> index {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %m = func.call @g() : () -> ${ty}
  ${body}
}`;

test('a target declaring the callee with a static result the source does not promise: refuted (UB)', async () => {
  const dyn = decl('memref<?xi32>', '%d = memref.dim %m, %c0 : memref<?xi32>\n  return %d : index');
  const fixed = decl('memref<4xi32>', 'return %c4 : index');
  assert.match(await verdict(dyn, fixed), /^refuted: .*the target has undefined behaviour .*static layout/);
  // the target's only difference is the UB: it replays too
  const dyn0 = decl('memref<?xi32>', 'return %c0 : index');
  const fixed0 = decl('memref<4xi32>', 'return %c0 : index');
  assert.match(await verdict(dyn0, fixed0), /^refuted: .*the target has undefined behaviour/);
  // the other way round the source promises it (its UB otherwise): proved
  assert.match(await verdict(fixed, dyn), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
