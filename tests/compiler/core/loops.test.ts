import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { categories, core, fn, nodes, obligations } from './helpers.ts';
import type { CExpr } from '../../../compiler/core/core.ts';

test('for i in a .. b: bounds evaluated once, empty when a > b, counter never passes the end', () => {
  const p = core(`
    let sum (a: int) (b: int) : int =
        let mutable s = 0
        for i in a .. b do
            s <- s + i
        s
  `);
  const f = fn(p, 'sum');
  const lets = nodes(f, 'Let');
  const i = lets.find((l) => l.name === 'i')!;
  assert.ok(i.mutable, 'the counter is a mutable Core variable');
  assert.is(i.init.kind, 'Var');
  const end = lets.find((l) => l.name === 'i_end')!;
  assert.is((end.init as CExpr & { kind: 'Var' }).name, 'b', 'the end bound is evaluated once, into i_end');
  const whiles = nodes(f, 'While');
  assert.is(whiles.length, 1);
  // guarded by i <= i_end
  const guard = nodes(f, 'If').find((x) => x.cond.kind === 'Prim' && (x.cond as CExpr & { kind: 'Prim' }).op === 'le')!;
  assert.ok(guard, 'empty range check');
  // the step: if i = i_end then stop else i <- i + 1, with no overflow obligation
  const step = nodes(f, 'Assign').find((x) => x.name === 'i')!;
  assert.is(step.value.kind, 'Prim');
  assert.equal((step.value as CExpr & { kind: 'Prim' }).obs, []);
  // only the user's s + i and s <- ... carry overflow obligations
  assert.equal(categories(p, 'sum'), ['overflow']);
});

test('for i = a downto b counts down with >=', () => {
  const p = core(`
    let f (n: int) : int =
        let mutable s = 0
        for i = n downto 1 do
            s <- s + 1
        s
  `);
  const f = fn(p, 'f');
  assert.ok(nodes(f, 'Prim').some((x) => x.op === 'ge'));
  const step = nodes(f, 'Assign').find((x) => x.name === 'i')!;
  assert.is((step.value as CExpr & { kind: 'Prim' }).op, 'sub');
});

test('loop contracts move into the While node with invariant and termination obligations', () => {
  const p = core(`
    [<Requires("n >= 0")>]
    let count (n: int) : int =
        let mutable i = 0
        while i < n do
            Contract.invariant (0 <= i && i <= n)
            Contract.decreases (n - i)
            i <- i + 1
        i
  `);
  const f = fn(p, 'count');
  const w = nodes(f, 'While')[0]!;
  assert.is(w.invariants.length, 1);
  assert.ok(w.decreases);
  assert.equal(
    w.obs.map((o) => o.category),
    ['invariant', 'termination'],
  );
  // contract expressions are mathematical: no overflow obligation for n - i
  assert.is((w.decreases as CExpr & { kind: 'Prim' }).math, true);
  assert.equal((w.decreases as CExpr & { kind: 'Prim' }).obs, []);
  // the body no longer contains the contract calls
  assert.is(nodes(f, 'Builtin').length, 0);
  assert.is(f.requires.length, 1);
});

test('Contract.decreases at the top of a recursive function is its measure', () => {
  const p = core(`
    let rec fact (n: int) : int =
        Contract.decreases n
        if n <= 1 then 1 else n * fact (n - 1)
  `);
  const f = fn(p, 'fact');
  assert.ok(f.decreases);
  assert.ok(obligations(p, 'fact').some((o) => o.category === 'termination'));
});

test.run();
