// Quantifiers in every position a contract can put them, against instantiate.ts's
// skolemization (only existential positions outside binders may become constants; a
// quantifier under an iff or an `if` condition has both polarities). Each contract below is
// false for some argument that meets the Requires, so none may be `proved`; each is
// refuted with a replayed counterexample today (a skolemized universal would make the
// queries unsatisfiable and the verdicts `proved`).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { describe, prove, verdicts } from './helpers.ts';

async function refuted(text: string, key: string): Promise<void> {
  const rs = await prove(text);
  assert.is(verdicts(rs).get(key), 'refuted', describe(rs));
}

test('a callee Requires with an exists, asserted at the call (universal there)', async () => {
  await refuted(`
    [<Requires("n >= 1 && n <= s.Length && (exists i in 0 .. n - 1 -> s.[i] = 0)")>]
    let hasZero (s: Span<int>) (n: int) : int = n
    [<Requires("n >= 1 && n <= s.Length && (forall i in 0 .. n - 1 -> s.[i] > 0)")>]
    let caller (s: Span<int>) (n: int) : int = hasZero s n
  `, 'precondition@4');
});

test('an exists in the Requires is one witness, not the cell the code reads', async () => {
  await refuted(`
    [<Requires("n >= 2 && n <= s.Length && (exists i in 0 .. n - 1 -> s.[i] = 0)")>]
    let f (s: Span<int>) (n: int) : int =
        Contract.assert (s.[0] = 0)
        0
  `, 'assertion@3');
});

test('two calls of a callee whose Ensures has an exists get two witnesses', async () => {
  await refuted(`
    [<Requires("n >= 1 && n <= s.Length")>]
    [<Ensures("exists i in 0 .. n - 1 -> s.[i] = result")>]
    let pick (s: Span<int>) (n: int) : int = s.[n - 1]
    [<Requires("n >= 2 && n <= s.Length")>]
    let g (s: Span<int>) (n: int) : int =
        let a = pick s n
        let b = pick s (n - 1)
        Contract.assert (a = b)
        0
  `, 'assertion@8');
});

test('a forall under an iff and a forall as an if condition keep both polarities', async () => {
  await refuted(`
    [<Requires("n >= 1 && n <= s.Length")>]
    let f (s: Span<int>) (n: int) : int =
        Contract.assert ((forall i in 0 .. n - 1 -> s.[i] >= 0) = (exists i in 0 .. n - 1 -> s.[i] >= 0))
        0
  `, 'assertion@3');
  await refuted(`
    [<Requires("n >= 2 && n <= s.Length && s.[1] <= 0")>]
    let f (s: Span<int>) (n: int) : int =
        Contract.assert (if (forall i in 0 .. n - 1 -> s.[i] >= 0) then s.[0] >= 0 else s.[0] < 0)
        0
  `, 'assertion@3');
});

test('a forall under a not in a Requires, and nested quantifiers in an Ensures', async () => {
  await refuted(`
    [<Requires("n >= 2 && n <= s.Length && (not (forall i in 0 .. n - 1 -> s.[i] > 0) || s.[0] > 100)")>]
    let f (s: Span<int>) (n: int) : int =
        Contract.assert (s.[0] > 100)
        0
  `, 'assertion@3');
  await refuted(`
    [<Requires("n >= 1 && n <= s.Length")>]
    [<Ensures("exists j in 0 .. n - 1 -> (forall i in 0 .. n - 1 -> i = j || s.[j] > s.[i])")>]
    let f (s: Span<int>) (n: int) : int = 0
  `, 'postcondition@2');
});

test('a callee Ensures that is an iff with a forall, used under a not at the call', async () => {
  await refuted(`
    [<Requires("n >= 1 && n <= s.Length")>]
    [<Ensures("result = (forall i in 0 .. n - 1 -> s.[i] > 0)")>]
    let allPos (s: Span<int>) (n: int) : bool =
        let mutable ok = true
        for i in 0 .. n - 1 do
            Contract.invariant (0 <= i && i <= n - 1 && ok = (forall k in 0 .. i - 1 -> s.[k] > 0))
            if s.[i] <= 0 then ok <- false
        ok
    [<Requires("n >= 2 && n <= s.Length")>]
    let g (s: Span<int>) (n: int) : int =
        if not (allPos s n) then
            Contract.assert (s.[1] <= 0)
        0
  `, 'assertion@12');
});

test.after(() => disposeSolvers());
test.run();
