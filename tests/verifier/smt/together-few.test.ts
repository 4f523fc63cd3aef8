// together.ts `unsatAtOnce` with `min` (session 10: the parts a cut-bounds fold leaves, however
// few, asked at once): a part is taken as proved only when every part over the base was
// answered unsat. A part that folded to `true` (a mismatch that holds wherever the base does)
// is a satisfiable query: it must make the whole try fail, never be dropped; a part over
// another base (a part checked alone) is never among those taken.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { withIncrementalBases } from '../../../verifier/smt/incremental.ts';
import { unsatAtOnce } from '../../../verifier/smt/together.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';

const W = bvSort(16);
const opts = { timeoutMs: 10_000, name: 't', what: 'test', min: 1 };

function setup() {
  const F = new TermFactory();
  const x = F.var('x', W);
  const base = [F.app('bvult', [x, F.bv(200, 16)])];
  const unsat = (k: number): Term[] => [...base, F.eq(x, F.bv(300 + k, 16))];
  return { F, x, base, unsat };
}

test('min 1: a single unsat part is taken', async () => {
  const { unsat } = setup();
  const r = await withIncrementalBases(() => unsatAtOnce([unsat(0)], opts));
  assert.equal([...r!.unsat], [0]);
});

test('a part folded to true among unsat ones: nothing is taken', async () => {
  const { F, base, unsat } = setup();
  for (const at of [0, 1, 2]) {
    const qs: (Term[] | null)[] = [unsat(0), unsat(1), unsat(2)];
    qs[at] = [...base, F.true];
    assert.is(await withIncrementalBases(() => unsatAtOnce(qs, opts)), null, `true at ${at}`);
  }
  // the only part left after a fold is `true`
  assert.is(await withIncrementalBases(() => unsatAtOnce([null, [...base, F.true], null], opts)), null);
});

test('parts folded away (null) and a part over another base are never among those taken', async () => {
  const { F, x, unsat } = setup();
  // part 1 alone (no base): satisfiable; parts 0 and 2 over the base: unsat
  const alone = [F.eq(x, F.bv(3, 16))];
  const r = await withIncrementalBases(() => unsatAtOnce([unsat(0), alone, unsat(2), null], opts));
  assert.ok(r === null || (!r.unsat.has(1) && !r.unsat.has(3)), `taken: ${r && [...r.unsat]}`);
  // only the alone part: no base to share, nothing asked here
  assert.is(await withIncrementalBases(() => unsatAtOnce([null, alone], opts)), null);
});

test.after(disposeSolvers);
test.run();
