// A join with a plain poison (ub.poison, an unset lift-cf-to-scf yield slot) takes the other
// arm's bits (values.ts joinBits): the target's `a * ite(c, s, ite(d, 0, x))` was a different
// multiplier from the source's `a * ite(c, s, x)`, which z3 could not show equal (review 27's
// C1: tests/verifier/tv/pairs/lift_switch_loop). The poison mark stays an ite; a poison with
// an undef or fresh mark keeps its bits in the ite.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, bvSort } from '../../../../verifier/smt/term.ts';
import { symbolicDomain } from '../../../../verifier/semantics/mlir/symbolic-domain.ts';
import { iteVal, poisonOf, type IntV } from '../../../../verifier/semantics/mlir/values.ts';
import type { Term } from '../../../../verifier/smt/term.ts';
import { i } from '../../../../compiler/mlir/ir.ts';

type I = IntV<Term, Term>;

test('a plain poison arm: the join is the other arm bits, the mark an ite', () => {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const c = f.var('c', BOOL);
  const x: I = { kind: 'int', w: 64, v: f.var('x', bvSort(64)), poison: f.var('xp', BOOL) };
  const p = poisonOf(D, i(64), false) as I;
  const l = iteVal(D, c, p, x) as I;
  assert.is(l.v.id, x.v.id);
  assert.is(l.poison.id, D.iteB(c, f.true, x.poison).id);
  const r = iteVal(D, c, x, p) as I;
  assert.is(r.v.id, x.v.id);
  assert.is(r.poison.id, D.iteB(c, x.poison, f.true).id);
});

test('two poisons, or a poison with an undef or fresh mark: the bits stay an ite', () => {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const c = f.var('c', BOOL);
  const x: I = { kind: 'int', w: 8, v: f.var('x', bvSort(8)), poison: f.false };
  const undef: I = { kind: 'int', w: 8, v: f.var('u', bvSort(8)), poison: f.true, undef: true };
  const fresh: I = { kind: 'int', w: 8, v: f.var('g', bvSort(8)), poison: f.true, fresh: f.var('gf', BOOL) };
  assert.is((iteVal(D, c, undef, x) as I).v.id, f.ite(c, undef.v, x.v).id);
  assert.is((iteVal(D, c, x, fresh) as I).v.id, f.ite(c, x.v, fresh.v).id);
  const p1: I = { kind: 'int', w: 8, v: f.var('p1', bvSort(8)), poison: f.true };
  const p2: I = { kind: 'int', w: 8, v: f.var('p2', bvSort(8)), poison: f.true };
  assert.is((iteVal(D, c, p1, p2) as I).v.id, f.ite(c, p1.v, p2.v).id);
});

test.run();
