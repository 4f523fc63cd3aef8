// The last retry of prove.ts: a function that computes with floats is asked again with IEEE
// FloatingPoint floats (floats.ts) when an obligation is still open because a violation did
// not replay. Until 26 Nov every float -> int conversion of a non-literal stayed `unknown`
// (the opaque float domain's range test is a fresh Bool), even behind a range test.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import type { ProofResult } from '../../../verifier/safety/prove.ts';
import { describe, prove } from './helpers.ts';

/** The verdict of the one conversion's overflow obligation. */
const conversion = (rs: ProofResult[]) => rs.find((r) => r.category === 'overflow')?.verdict;

test('a conversion behind a range test is proved with IEEE floats', async () => {
  const rs = await prove(`
    let days (life: float) : int =
        if life >= 0.0 && life < 1e9 then int life else 1_000_000_000
  `);
  assert.is(conversion(rs), 'proved', describe(rs));
  assert.match(rs.find((r) => r.category === 'overflow')!.detail, /IEEE floats/);
});

test('a conversion with half a range test is refuted, and its model replays', async () => {
  // 1e300 >= 0.0, and int 1e300 is out of range
  const rs = await prove(`
    let days (life: float) : int =
        if life >= 0.0 then int life else 0
  `);
  assert.is(conversion(rs), 'refuted', describe(rs));
});

test('NaN fails every comparison, so a test by negation lets it through', async () => {
  const rs = await prove(`
    let days (life: float) : int =
        if not (life < 0.0) && not (life >= 1e9) then int life else 0
  `);
  assert.is.not(conversion(rs), 'proved', describe(rs));
});

test.after(() => disposeSolvers());
test.run();
