// Explicit quantifier instantiation (verifier/safety/instantiate.ts): skolemization keeps
// satisfiability (two existentials never share a witness), the instances a goal needs are
// added at the indices it reads, and a quantified sortedness invariant whose goal reads
// `p.[i - 1]` is proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { INT, arraySort, type Term } from '../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { instantiate, skolemize } from '../../../verifier/safety/instantiate.ts';
import { printQueryOnce } from '../../../verifier/smt/smtlib.ts';
import { describe, prove, verdicts } from './helpers.ts';

const A = arraySort(INT, INT);

async function status(t: Term): Promise<string> {
  return (await checkQuery({ assertions: [t], wantModel: [] }, { timeoutMs: 10_000 })).status;
}

test('two existentials over the same bound variable get different witnesses', async () => {
  const F = new TermFactory();
  const x = F.var('x', INT);
  // (exists x. x = 1) and (exists x. x = 2): satisfiable; one shared witness would make it unsat
  const q = F.and(F.quant('exists', [x], F.eq(x, F.int(1))), F.quant('exists', [x], F.eq(x, F.int(2))));
  const sk = skolemize(F, q);
  assert.not.ok(printQueryOnce({ assertions: [sk], wantModel: [] }).text.includes('exists'), 'skolemized');
  assert.is(await status(sk), 'sat');
  assert.is(await status(instantiate(F, q)), 'sat');
});

test('a negated forall is skolemized, a forall under an iff too', async () => {
  const F = new TermFactory();
  const j = F.var('j', INT);
  const a = F.var('a', A);
  const n = F.var('n', INT);
  const ok = F.var('ok', { kind: 'bool' });
  const all = F.quant('forall', [j], F.implies(F.and(F.app('<=', [F.int(0), j]), F.app('<=', [j, n])), F.app('>=', [F.select(a, j), F.int(0)])));
  // ok = all, not ok, every cell of 0 .. n is 0: unsat (ok must then be true)
  const cells = F.quant('forall', [F.var('k', INT)], F.implies(F.and(F.app('<=', [F.int(0), F.var('k', INT)]), F.app('<=', [F.var('k', INT), n])), F.eq(F.select(a, F.var('k', INT)), F.int(0))));
  const q = F.and(F.eq(ok, all), F.not(ok), cells);
  const r = instantiate(F, q);
  const text = printQueryOnce({ assertions: [r], wantModel: [] }).text;
  // the negative occurrence of `all` became a skolem constant, and `cells` got its instance there
  assert.match(text, /sk\.j/);
  assert.is(await status(r), 'unsat');
});

test('instances at the indices the query reads, for reads at an offset', async () => {
  const F = new TermFactory();
  const j = F.var('j', INT);
  const a = F.var('a', A);
  const off = F.var('off', INT);
  const n = F.var('n', INT);
  const i = F.var('i', INT);
  const at = (k: Term) => F.select(a, F.app('+', [off, k]));
  // forall j in 1 .. n: a[off + j - 1] <= a[off + j]; and a[off + i - 1] > a[off + i], 1 <= i <= n
  const sorted = F.quant('forall', [j], F.implies(F.and(F.app('<=', [F.int(1), j]), F.app('<=', [j, n])), F.app('<=', [at(F.app('-', [j, F.int(1)])), at(j)])));
  const goal = F.and(F.app('<=', [F.int(1), i]), F.app('<=', [i, n]), F.app('>', [at(F.app('-', [i, F.int(1)])), at(i)]));
  const q = F.and(sorted, goal);
  const r = instantiate(F, q);
  assert.ok(r !== q, 'instances added');
  // the instance at j = i is among them: substituted, it is the goal's own pair of reads
  const text = printQueryOnce({ assertions: [r], wantModel: [] }).text;
  assert.match(text, /\(<= 1 i\)/);
  assert.is(await status(r), 'unsat');
  // without binders to instantiate, the query is returned as it is
  assert.is(instantiate(F, goal), goal);
});

test('a Requires about every cell bounds a sum of the cells around i', async () => {
  // without the instances the assertion timed out (z3's E-matching never used the
  // hypothesis at off + i - 1 and off + i + 1): unknown after 30 s; now 0.6 s
  const smooth = (low: string) => `
    [<Requires("s.Length >= 3 && s.Length <= 1000 && (forall j in 0 .. s.Length - 1 -> s.[j] >= -1000000 && s.[j] <= 1000000)")>]
    let smooth (s: Span<int>) =
        let mutable i = 1
        while i < s.Length - 1 do
            Contract.invariant (i >= 1 && i < s.Length - 1)
            let v = (s.[i - 1] + s.[i] + s.[i + 1]) / 3
            Contract.assert (v >= ${low} && v <= 1000000)
            i <- i + 1
  `;
  const rs = await prove(smooth('-1000000'));
  assert.is(verdicts(rs).get('assertion@7'), 'proved', describe(rs));
  // and one that is false is not: the bound is off by one
  const wrong = await prove(smooth('-999999'));
  assert.is(verdicts(wrong).get('assertion@7'), 'refuted', describe(wrong));
});

const SORT = `
    [<Requires("n >= 0 && n <= NativePtr.extent p")>]
    [<Ensures("result = (forall k in 1 .. n - 1 -> NativePtr.get p (k - 1) <= NativePtr.get p k)")>]
    let isSorted (p: nativeptr<int32>) (n: int) : bool =
        let mutable ok = true
        for i in 1 .. n - 1 do
            Contract.invariant (1 <= i && i <= n - 1 && ok = (forall k in 1 .. i - 1 -> NativePtr.get p (k - 1) <= NativePtr.get p k))
            if NativePtr.get p (i - 1) > NativePtr.get p i then ok <- false
        ok
`;

test('a sortedness invariant kept as an iff with a quantifier is proved', async () => {
  const rs = await prove(SORT);
  const v = verdicts(rs);
  assert.is(v.get('invariant@6'), 'proved', describe(rs));
  assert.is(v.get('postcondition@2'), 'proved', describe(rs));
});

test('a wrong sortedness claim is not proved', async () => {
  // the loop misses the last pair: the claim about n - 1 pairs is false
  const rs = await prove(SORT.replace('for i in 1 .. n - 1 do', 'for i in 1 .. n - 2 do').replace('i <= n - 1 &&', 'i <= n - 2 &&'));
  assert.is.not(verdicts(rs).get('postcondition@2'), 'proved', describe(rs));
});

test('a nested binder over the same variable is not captured', async () => {
  // exists x. (x = 1 and exists x. (x >= 5 and a[x] = 7)): satisfiable (the inner x is its
  // own). Substituting the outer witness through the inner binder made it 1 >= 5: unsat,
  // which would have been a `proved`. (Clef never builds this: each quantifier gets a fresh
  // variable; substitution elsewhere could.)
  const F = new TermFactory();
  const x = F.var('x', INT);
  const a = F.var('a', A);
  const inner = F.quant('exists', [x], F.and(F.app('>=', [x, F.int(5)]), F.eq(F.select(a, x), F.int(7))));
  const q = F.quant('exists', [x], F.and(F.eq(x, F.int(1)), inner));
  assert.is(await status(skolemize(F, q)), 'sat');
  assert.is(await status(instantiate(F, F.and(q, F.eq(F.select(a, F.int(9)), F.int(0))))), 'sat');
});

test.after(() => disposeSolvers());
test.run();
