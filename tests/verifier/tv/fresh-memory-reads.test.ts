// Reads of fresh (never written) MLIR memory in translation validation — soundness review,
// round 5. Failed before fresh private bytes became poison in verifier/semantics/mlir/
// symbolic-memory.ts `alloc` (it gave `mem.fresh[bid]` a false poison array) and in
// verifier/tv/replay.ts `freshSource` (which replayed those bytes as defined).
//
// LLVM calls a load of an uninitialised alloca `undef` (two loads may differ), MLIR's
// mem2reg since llvm-project#168066 `ub.poison`, and the workbench's own concrete
// interpreter poison (concrete-memory.ts UNINIT_SOURCE). The symbolic semantics used to
// read one unknown but fixed, well-defined value, shared by both sides. That was
//  - a wrong `proved`: a target that compares two reads of fresh memory "always" gets true,
//    although the reads may differ (undef) or are poison — the source's constant `true` is
//    not refined;
//  - a wrong `refuted`: a source that returns a read of fresh memory returns an undefined
//    value, which any target value refines; the replay takes the model's fixed byte (255)
//    and shows the target's 0 as a difference.
// Fresh private bytes are now poison (as in the concrete interpreter), which fixes both.
// Left (verifier/semantics/mlir/README.md): LLVM's undef is weaker than poison on the source
// side (`and undef, 0` is 0), so a source that makes such a read defined is over-excused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { pairVerdict } from './pair-verdict.ts';

const verdict = pairVerdict;

test('two reads of fresh memory are not proved equal', async () => {
  const v = await verdict(
    `func.func @f() -> i1 {
  %t = arith.constant true
  return %t : i1
}`,
    `func.func @f() -> i1 {
  %m = memref.alloca() : memref<1xi32>
  %c0 = arith.constant 0 : index
  %a = memref.load %m[%c0] : memref<1xi32>
  %b = memref.load %m[%c0] : memref<1xi32>
  %e = arith.cmpi eq, %a, %b : i32
  return %e : i1
}`,
  );
  assert.not.ok(v.startsWith('proved'), v);
});

test('a source that returns a read of fresh memory is refined by any value', async () => {
  const v = await verdict(
    `func.func @f() -> i32 {
  %m = memref.alloca() : memref<1xi32>
  %c0 = arith.constant 0 : index
  %v = memref.load %m[%c0] : memref<1xi32>
  return %v : i32
}`,
    `func.func @f() -> i32 {
  %z = arith.constant 0 : i32
  return %z : i32
}`,
  );
  assert.not.ok(v.startsWith('refuted'), v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
