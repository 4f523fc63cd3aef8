// Slices (verifier/tv/core/slices.ts) and their use by the parts of the mismatch (split.ts
// checkPart): a disjunction's members grouped by the assertions they share unknowns with,
// array elements at literal indices as unknowns of their own; unsat slices give unsat, and a
// sat slice never gives the answer alone — the part is then checked with every assertion,
// whose model also satisfies the assertions the slice left out. Real z3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { arraySort, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { sliceParts } from '../../../../verifier/tv/core/slices.ts';
import { checkInParts } from '../../../../verifier/tv/core/split.ts';

const bv = (F: TermFactory, n: number) => F.bv(n, 64);

test('members are grouped by the assertions they are connected to; literal-index elements are apart', () => {
  const F = new TermFactory();
  const res = F.var('res', arraySort(bvSort(64), bvSort(64)));
  const r1 = F.select(res, bv(F, 1));
  const r2 = F.select(res, bv(F, 2));
  const x = F.var('x', bvSort(64));
  const a1 = F.app('bvult', [r1, bv(F, 10)]);
  const a2 = F.app('bvult', [r2, bv(F, 20)]);
  const a3 = F.eq(x, F.app('bvadd', [r2, bv(F, 1)]));
  const m1 = F.eq(r1, bv(F, 11));
  const m2 = F.eq(x, bv(F, 0));
  const slices = sliceParts([a1, a2, a3], F.or(m1, m2));
  assert.is(slices.length, 2);
  const of = (m: Term) => slices.find((s) => s.members.includes(m))!.assertions;
  assert.equal(of(m1), [a1], 'res[1] alone: res[2] is another unknown');
  assert.equal(of(m2), [a2, a3], 'x is tied to res[2], which a2 bounds');
  // a read at a symbolic index makes the array one unknown: everything is connected
  const k = F.var('k', bvSort(64));
  const all = sliceParts([a1, a2, a3, F.eq(F.select(res, k), bv(F, 0))], F.or(m1, m2));
  assert.is(all.length, 1);
  assert.is(all[0]!.assertions.length, 4);
});

test('unsat slices: unsat; a sat slice: a model of the whole query', async () => {
  const F = new TermFactory();
  const res = F.var('res', arraySort(bvSort(64), bvSort(64)));
  const r1 = F.select(res, bv(F, 1));
  const z = F.var('z', bvSort(64));
  const y = F.var('y', bvSort(64));
  const u = F.var('u', bvSort(64));
  // u = 9 is connected to nothing else: no slice holds it
  const base = [F.app('bvult', [r1, bv(F, 10)]), F.eq(z, bv(F, 5)), F.app('bvult', [y, z]), F.eq(u, bv(F, 9))];
  // the mismatch's members: one per disjunct, r1 out of its bound (unsat), y >= 4 (sat with y = 4 < z = 5)
  // (an equation the bounds simplification leaves to the solver: r1 xor w = 0, r1 <> w)
  const w = F.var('w', bvSort(64));
  const tied = F.eq(F.app('bvxor', [r1, w]), bv(F, 0));
  const unsat = await checkInParts(F, [...base, tied, F.not(F.eq(r1, w))], [z, y], 'slices', { timeoutMs: 20_000, name: 'slices.unsat' });
  assert.is(unsat.status, 'unsat');
  const sat = await checkInParts(F, [...base, F.or(F.eq(r1, bv(F, 12)), F.app('bvuge', [y, bv(F, 4)]))], [z, y, u], 'slices', { timeoutMs: 20_000, name: 'slices.sat' });
  assert.is(sat.status, 'sat');
  const val = (n: string) => {
    const v = sat.model?.get(n);
    return v && typeof v === 'object' && 'value' in v ? (v as { value: bigint }).value : v;
  };
  assert.is(String(val('z')), '5', 'z, which the member does not mention, as the whole query fixes it');
  assert.is(String(val('y')), '4');
  assert.is(String(val('u')), '9', 'u, in no slice: the model is the whole query\'s');
  // the same answers without slicing (the whole query to z3)
  assert.is((await checkQuery({ assertions: [...base, tied, F.not(F.eq(r1, w))], wantModel: [] }, { timeoutMs: 20_000 })).status, 'unsat');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
