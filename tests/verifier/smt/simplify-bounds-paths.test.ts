// simplify-bounds on path-dependent memories: a disequality at an
// end of a range narrows it (a tag in {0, 1} that is not 1 is 0), and a read of an ite of
// memories whose condition is a conjunction or disjunction of decided literals reads the
// branch. binary_search showTemp's call operand: its block an ite over the target's paths
// (and(tag' = 1, ...)) under Core's `not (tag = 1)`, tag' = tag assumed — the part halved in
// size and decided by the native z3 (was over 60 s); the same for a word chosen by an ite
// (a byte read from one of several blocks). Every rewrite checked as an
// equivalence under the assumptions by z3. The two are off by default (they decided no row of
// the corpus); FIDELITY_PATH_BOUNDS=1 turns them on, as this file does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { BOOL, arraySort, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { simplifyUnder } from '../../../verifier/smt/simplify-bounds.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { termToString } from '../../../verifier/smt/smtlib.ts';

process.env.FIDELITY_PATH_BOUNDS = '1';

async function equivalent(F: TermFactory, base: Term[], p: Term, s: Term): Promise<void> {
  const r = await checkQuery({ assertions: [...base, F.not(F.eq(p, s))], wantModel: [], description: 'simplifyUnder equivalence' }, { name: 'bounds-paths', timeoutMs: 20_000 });
  assert.is(r.status, 'unsat', `${termToString(p)} became ${termToString(s)}`);
}

function setting() {
  const F = new TermFactory();
  const tag = F.var('tag', bvSort(32));
  const res = F.var('res', arraySort(bvSort(64), bvSort(64)));
  const tag2 = F.extract(31, 0, F.select(res, F.bv(0, 64))); // the target's copy of the tag
  const base = [F.and(F.app('bvsle', [F.bv(0, 32), tag]), F.app('bvslt', [tag, F.bv(2, 32)])), F.eq(tag, tag2)];
  return { F, tag, tag2, base, some: F.eq(tag2, F.bv(1, 32)), notOne: F.not(F.eq(tag, F.bv(1, 32))) };
}

test('a disequality at the end of a range narrows it: tag in [0, 1], tag != 1 decides tag <= 0 and the copy\'s tag2 = 1', async () => {
  const { F, tag, base, some, notOne } = setting();
  const r = F.var('r', BOOL);
  for (const p of [F.and(notOne, r, F.app('bvule', [tag, F.bv(0, 32)])), F.and(notOne, r, some)]) {
    const s = simplifyUnder(F, base, p).term;
    assert.not.ok(s.id === p.id, `unchanged: ${termToString(p)}`);
    await equivalent(F, base, p, s);
  }
  // not at an end: tag != 0 with tag in [0, 3] says nothing about tag <= 2
  const t = F.and(F.not(F.eq(tag, F.bv(0, 32))), r, F.app('bvule', [tag, F.bv(2, 32)]));
  const wide = [F.and(F.app('bvsle', [F.bv(0, 32), tag]), F.app('bvslt', [tag, F.bv(4, 32)]))];
  assert.ok(simplifyUnder(F, wide, t).term.id === t.id);
});

test('a read of an ite of memories under a path conjunction with a decided literal reads the other branch', async () => {
  const { F, base, some, notOne } = setting();
  const q = F.var('q', BOOL);
  const m = (n: string) => F.var(n, arraySort(bvSort(64), bvSort(64)));
  const [m1, m2, m3] = [m('m1'), m('m2'), m('m3')];
  const fresh = F.store(m3, F.bv(2, 64), F.bv(0x10000001, 64));
  // ite(and(some, q), m1, ite(or(not q, some) and q ..., m2, fresh)) as the target builds paths
  const mem = F.ite(F.and(some, q), m1, F.ite(F.or(some, F.and(q, some)), m2, fresh));
  const read = F.eq(F.extract(31, 0, F.select(mem, F.bv(2, 64))), F.bv(0x101, 32));
  const p = F.and(notOne, F.not(read));
  const s = simplifyUnder(F, base, p).term;
  assert.is(termToString(s), termToString(notOne), `${termToString(s)}`);
  await equivalent(F, base, p, s);
  // without the literal nothing is decided
  const open = F.and(q, F.not(read));
  assert.ok(simplifyUnder(F, base, open).term.id === open.id);
});

test('a byte chosen by an ite over paths (a word, not a memory) under a decided literal: its branch', async () => {
  const { F, base, some, notOne } = setting();
  const q = F.var('q', BOOL);
  const [a, b] = [F.var('a', bvSort(8)), F.var('b', bvSort(8))];
  const p = F.and(notOne, F.not(F.eq(F.ite(F.and(some, q), a, b), F.bv(3, 8))));
  const s = simplifyUnder(F, base, p).term;
  assert.is(termToString(s), termToString(F.and(notOne, F.not(F.eq(b, F.bv(3, 8))))));
  await equivalent(F, base, p, s);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
