// The mismatch in parts (verifier/tv/core/split.ts): the parts' disjunction is the mismatch
// (checked with the real z3), UB conditions stay one part, a small disjunction under a
// conjunction is distributed, a large one (per-call mismatches) is not; checked in parts,
// an unsat query is unsat and a sat one gives a model of the whole query.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { satisfies } from '../../../../verifier/smt/model.ts';
import { checkInParts, mismatchParts } from '../../../../verifier/tv/core/split.ts';

const F = new TermFactory();
const v = (n: string) => F.var(n, BOOL);
const [u1, u2, u3, u4, u5, cut, a, b, ret, x, y, z] = ['u1', 'u2', 'u3', 'u4', 'u5', 'cut', 'a', 'b', 'ret', 'x', 'y', 'z'].map(v) as Term[];
const calls = F.or(...Array.from({ length: 6 }, (_, i) => v(`call${i}`)));
// the shape query.ts builds: UB conditions, then (no cut and (...))
const mismatch = F.or(u1!, u2!, u3!, u4!, u5!, F.and(F.not(cut!), F.or(a!, calls, F.and(ret!, F.or(x!, y!, z!)))));

test('the parts: UB together, the rest spread, the calls together; their disjunction is the mismatch', async () => {
  const parts = mismatchParts(F, mismatch);
  assert.is(parts.length, 6);
  const same = await checkQuery({ assertions: [F.not(F.eq(F.or(...parts), mismatch))], wantModel: [] }, { timeoutMs: 10_000 });
  assert.is(same.status, 'unsat');
});

test('checked in parts: unsat stays unsat, a sat part gives a model of the whole query', async () => {
  const unsat = await checkInParts(F, [F.not(u1!), F.not(u2!), F.not(u3!), F.not(u4!), F.not(u5!), F.not(x!), F.not(y!), F.not(z!), F.not(a!), F.not(calls), mismatch], [], 'test', { timeoutMs: 10_000, name: 'split-unsat' });
  assert.is(unsat.status, 'unsat');
  const as = [F.not(u1!), F.not(a!), F.not(calls), F.not(x!), F.not(y!), cut ? F.not(cut) : F.true, mismatch];
  const sat = await checkInParts(F, as, [u1!, u2!, u3!, u4!, u5!, cut!, a!, ret!, x!, y!, z!, ...Array.from({ length: 6 }, (_, i) => v(`call${i}`))], 'test', { timeoutMs: 10_000, name: 'split-sat' });
  assert.is(sat.status, 'sat');
  assert.ok(sat.model && satisfies(as, sat.model, { complete: true }), 'the model satisfies every assertion, the whole mismatch included');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
