// split.ts's normal-form bounds simplification (FIDELITY_BOUNDS_NORMAL=1): a call-result fact
// guarded by Core's `n - 1` (bvsub) is read on the target's path, whose condition is
// `n + -1` (bvadd): the target-UB member folds to false and no solver query is asked; the
// plain simplification leaves it open (a query). Off by default (it decided no bench row).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { checkInParts } from '../../../../verifier/tv/core/split.ts';
import { queriesOf } from '../../../helpers/queries.ts';

function query(F: TermFactory): Term[] {
  const v = (n: string) => F.var(n, bvSort(64));
  const [n, len, off, size] = [v('n'), v('len'), v('off'), v('size')];
  const one = F.bv(1, 64);
  // Core's path: 1 <= n - 1; there the call's result string fits its block
  const guard = F.app('bvsle', [one, F.app('bvsub', [n, one])]);
  const fits = F.and(F.app('bvult', [len, F.bv(1 << 20, 64)]), F.app('bvult', [off, F.bv(1 << 20, 64)]), F.app('bvule', [F.app('bvadd', [off, len]), size]));
  // the target's path: 1 <= n + -1; reading byte 3 of the string (3 < len) out of the block
  const path = F.app('bvsle', [one, F.app('bvadd', [n, F.bv((1n << 64n) - 1n, 64)])]);
  const out = (k: number) => F.and(path, F.app('bvult', [F.bv(k, 64), len]), F.app('bvuge', [F.app('bvadd', [off, F.bv(k, 64)]), size]));
  return [F.implies(guard, fits), F.or(out(3), out(4))];
}

test('a guard in bvsub form is read on the bvadd path: folded, no query', async () => {
  const prev = process.env.FIDELITY_BOUNDS_NORMAL;
  try {
    process.env.FIDELITY_BOUNDS_NORMAL = '0';
    const F0 = new TermFactory();
    const plain = await queriesOf(() => checkInParts(F0, query(F0), [], 'bounds normal (off)', { timeoutMs: 20_000, name: 'normal.off' }));
    assert.is(plain.result.status, 'unsat');
    assert.ok(plain.names.length > 0, 'the plain simplification leaves the member to the solver');
    process.env.FIDELITY_BOUNDS_NORMAL = '1';
    const F1 = new TermFactory();
    const normal = await queriesOf(() => checkInParts(F1, query(F1), [], 'bounds normal (on)', { timeoutMs: 20_000, name: 'normal.on' }));
    assert.is(normal.result.status, 'unsat');
    assert.equal(normal.names, [], 'no solver query');
  } finally {
    if (prev === undefined) delete process.env.FIDELITY_BOUNDS_NORMAL;
    else process.env.FIDELITY_BOUNDS_NORMAL = prev;
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
