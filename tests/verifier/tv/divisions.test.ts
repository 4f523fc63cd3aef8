// Unsigned division by a literal as unknowns q, r with x = c*q + r, r < c
// (verifier/tv/divisions.ts): the rewritten terms equal the original ones under the
// definitions (real z3), and nothing else is rewritten.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort } from '../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { splitDivisions } from '../../../verifier/tv/divisions.ts';
import { EFFORT } from '../../helpers/effort.ts';

// Both proofs are limited by solver work (effort.ts), not wall time: they need 0.7 M and
// 1.2 M units (~1 s each, 26 Nov), which a loaded machine stretches toward a wall limit.

test('quotients and remainders by literals equal their unknowns under the definitions (every x of 8 bits: proving dividers equal gets slow fast, 16 bits took 6 s for one)', async () => {
  for (const w of [8]) {
    const f = new TermFactory();
    const x = f.var('x', bvSort(w));
    const y = f.var('y', bvSort(w));
    const c = (v: number) => f.bv(v, w);
    const t = f.app('bvadd', [f.app('bvudiv', [x, c(10)]), f.app('bvurem', [f.app('bvudiv', [x, c(10)]), c(7)]), f.app('bvurem', [y, c(255)]), f.app('bvudiv', [y, c(3)])]);
    const split = splitDivisions(f, [t]);
    assert.is(split.defs.length, 4, 'x/10, (x/10)%7, y%255 and y/3 each get their pair once');
    assert.not.ok(split.roots[0]!.id === t.id, 'rewritten');
    const r = await checkQuery({ assertions: [...split.defs, f.not(f.eq(t, split.roots[0]!))], wantModel: [] }, EFFORT);
    assert.is(r.status, 'unsat', `width ${w}`);
  }
});

test('a definition is not weaker than the division: q = x / c is forced, not just allowed', async () => {
  // were r < c missing, q = x / c - 1 with r = c + x % c would also fit
  const f = new TermFactory();
  const x = f.var('x', bvSort(16));
  const q0 = f.var('q0', bvSort(16));
  const split = splitDivisions(f, [f.eq(q0, f.app('bvudiv', [x, f.bv(10, 16)]))]);
  const r = await checkQuery({ assertions: [...split.roots, ...split.defs, f.not(f.eq(f.app('bvmul', [q0, f.bv(10, 16)]), f.app('bvsub', [x, f.app('bvurem', [x, f.bv(10, 16)])])))], wantModel: [] }, EFFORT);
  assert.is(r.status, 'unsat');
});

test('division by 0 or 1, signed division and a division under a quantifier are left alone', () => {
  const f = new TermFactory();
  const x = f.var('x', bvSort(32));
  const k = f.var('k', bvSort(32));
  const keep = [
    f.eq(f.app('bvudiv', [x, f.bv(0, 32)]), x),
    f.eq(f.app('bvurem', [x, f.var('z', bvSort(32))]), x),
    f.eq(f.app('bvsdiv', [x, f.bv(10, 32)]), x),
    f.quant('forall', [k], f.eq(f.app('bvudiv', [k, f.bv(10, 32)]), x)),
  ];
  const split = splitDivisions(f, keep);
  assert.is(split.defs.length, 0);
  split.roots.forEach((t, i) => assert.is(t.id, keep[i]!.id));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
