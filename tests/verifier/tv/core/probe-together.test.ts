// Soundness probe of the parts asked together (verifier/smt/together.ts, z3wasm.ts askIn): each
// part goes into the base's context inside its own push/pop, so nothing a part asserts or
// declares may reach the parts after it. Here the parts bring fresh constants of their own: an
// unsat part (y = 1 and y = 2) before a sat one over the same fresh y (y = 7). A leaked
// assertion would make the sat part unsat and the whole set "all unsat" — a wrong `proved` of
// a cut-point proof. The set must come back null (all at once) or without the sat part.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { withIncrementalBases } from '../../../../verifier/smt/incremental.ts';
import { unsatAtOnce, unsatTogether } from '../../../../verifier/smt/together.ts';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../../verifier/smt/term.ts';

const W = bvSort(16);
const opts = { timeoutMs: 10_000, name: 'probe-together', what: 'probe' };

/** base: x < 10; parts: y = 1 and y = 2 (unsat alone), x = 20 + k (unsat), and at `satAt`
 *  y = 7 with x = 3 (sat), where y and z are the parts' own constants. */
function queries(F: TermFactory, n: number, satAt: number): Term[][] {
  const x = F.var('x', W);
  const y = F.var('y', W);
  const z = F.var('z', W);
  const base = [F.app('bvult', [x, F.bv(10, 16)])];
  const part = (k: number): Term =>
    k === satAt ? F.and(F.eq(y, F.bv(7, 16)), F.eq(x, F.bv(3, 16)), F.eq(z, F.app('bvadd', [y, x])))
    : k % 2 === 0 ? F.and(F.eq(y, F.bv(1, 16)), F.eq(y, F.bv(2, 16)), F.eq(z, F.app('bvadd', [y, x])))
    : F.and(F.eq(x, F.bv(20 + k, 16)), F.eq(z, F.app('bvadd', [y, F.bv(1, 16)])));
  return Array.from({ length: n }, (_, k) => [...base, part(k)]);
}

test('all at once: a sat part after unsat parts with the same fresh constants is never taken as unsat', async () => {
  const qs = queries(new TermFactory(), 12, 9);
  assert.is((await checkQuery({ assertions: qs[9]!, wantModel: [] }, { timeoutMs: 10_000 })).status, 'sat', 'the probe part is sat alone');
  const got = await withIncrementalBases(() => unsatAtOnce(qs, opts));
  assert.is(got, null);
});

test('in the usual context: the sat part is not among the unsat ones, and every unsat one is unsat alone', async () => {
  const qs = queries(new TermFactory(), 12, 9);
  const got = await withIncrementalBases(async () => {
    for (const q of qs.slice(0, 4)) await checkQuery({ assertions: q, wantModel: [] }, { timeoutMs: 10_000 });
    return unsatTogether(qs.map((q, i) => (i < 4 ? null : q)), opts);
  });
  assert.ok(got, 'asked together');
  assert.not.ok(got!.unsat.has(9), 'the sat part');
  assert.ok(got!.unsat.size >= 4, `${got!.unsat.size} unsat`);
  for (const k of got!.unsat) assert.is((await checkQuery({ assertions: qs[k]!, wantModel: [] }, { timeoutMs: 10_000 })).status, 'unsat', `part ${k}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
