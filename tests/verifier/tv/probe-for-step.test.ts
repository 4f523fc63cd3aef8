// Soundness probe (review, session 10): scf.for's step must be positive, but a loop that runs
// no iteration never uses it (convert-scf-to-cf's loop returns the initial values). The
// semantics made any non-positive or poison step UB, so a source whose loop ran zero times
// with step 0 proved every target.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const loop = (step: string, ret: string) => `func.func @f(%lb: index, %ub: index, %s: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %lb to %ub step ${step} iter_args(%a = %c0) -> (index) {
    %n = arith.addi %a, %c1 : index
    scf.yield %n : index
  }
  ${ret}
}`;
const zero = (ret: string) => `func.func @f(%lb: index, %ub: index, %s: index) -> index {
  ${ret}
}`;

test('a loop of no iteration with step 0 is no UB: a target returning another value is refuted', async () => {
  // the source runs zero iterations when lb >= ub, whatever the step; only then is it defined
  const v = await pairVerdict(loop('%c0', 'return %r : index'), zero('%k = arith.constant 7 : index\n  return %k : index'));
  assert.match(v, /^refuted/, v);
});

test('a running loop with a step that is not positive is still UB in the source', async () => {
  // the target returns 42 exactly where the source's loop would run with a step <= 0, and
  // the source's result everywhere else: it refines the source, which is UB there
  const tgt = (guard: string) => `func.func @f(%lb: index, %ub: index, %s: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c42 = arith.constant 42 : index
  %runs = arith.cmpi slt, %lb, %ub : index
  %out = scf.if ${guard} -> (index) {
    %bad = arith.cmpi sle, %s, %c0 : index
    %o = scf.if %bad -> (index) {
      scf.yield %c42 : index
    } else {
      %r = scf.for %i = %lb to %ub step %s iter_args(%a = %c0) -> (index) {
        %n = arith.addi %a, %c1 : index
        scf.yield %n : index
      }
      scf.yield %r : index
    }
    scf.yield %o : index
  } else {
    scf.yield %c0 : index
  }
  return %out : index
}`;
  const v = await pairVerdict(loop('%s', 'return %r : index'), tgt('%runs'));
  assert.match(v, /^(proved|bounded)/, v);
  // and a target that answers 42 also for a loop of no iteration is refuted (lb >= ub, s <= 0)
  const w = await pairVerdict(loop('%s', 'return %r : index'), tgt('%true').replace('%runs = ', '%true = arith.constant true\n  %runs = '));
  assert.match(w, /^refuted/, w);
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
