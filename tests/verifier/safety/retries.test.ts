// The order in which prove.ts asks after the cut-point run: a quick pass with every loop run
// at most once for refutations, then k unrollings; and where an over-approximated model did
// not replay, exact integers (non-linear) before bit-vectors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { core, describe } from './helpers.ts';
import { proveObligations } from '../../../verifier/safety/prove.ts';

test('a violation that needs one iteration is refuted by the quick pass, well within a short limit', async () => {
  // the guard is tested after the access: j = -1 is read when the key is the smallest
  const prog = core(`
    [<Requires("n >= 0 && n <= NativePtr.extent p")>]
    let sort (p: nativeptr<int32>) (n: int) =
        for i in 1 .. n - 1 do
            let key = NativePtr.get p i
            let mutable j = i - 1
            while NativePtr.get p j > key && j >= 0 do
                Contract.invariant (0 <= j && j < i)
                Contract.decreases j
                NativePtr.set p (j + 1) (NativePtr.get p j)
                j <- j - 1
            NativePtr.set p (j + 1) key
  `);
  // 4 unrollings of both loops take seconds of solver time (z3 WASM); one, a fraction
  const rs = await proveObligations(prog, { timeoutMs: 2500 });
  const r = rs.find((x) => x.id === 'sort/bounds/6:15')!;
  assert.ok(r, describe(rs));
  assert.is(r.verdict, 'refuted', describe(rs));
  assert.match(r.counterexample!.outcome, 'runtime error: bounds at t.clef:6:15');
});

test('a remainder the over-approximation gets wrong is refuted with exact integers', async () => {
  const prog = core(`
    [<Requires("n > 0")>]
    [<Ensures("result >= 0 && result < n")>]
    let wrapIndex (i: int) (n: int) : int =
        i % n
  `);
  const rs = await proveObligations(prog, { timeoutMs: 10_000 });
  const r = rs.find((x) => x.category === 'postcondition')!;
  assert.is(r.verdict, 'refuted', describe(rs));
  assert.match(r.detail, '(exact integers)');
});

test.after(() => disposeSolvers());
test.run();
