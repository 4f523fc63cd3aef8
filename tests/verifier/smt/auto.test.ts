// z3-auto (verifier/smt/auto.ts): the native z3 when present, the WASM z3 for what the
// native one cannot take; and the native back end's own workaround for z3 4.8.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, BOOL, type Term } from '../../../verifier/smt/term.ts';
import { queryText, checkQuery, backendByName, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { worthAskingAgain } from '../../../verifier/smt/auto.ts';
import { Z3_PATH } from '../../../verifier/smt/native.ts';

const haveZ3 = existsSync(Z3_PATH);

/** A byte memory that starts all zero and has one store: reading elsewhere gives 0. */
function constArrayQuery(f: TermFactory) {
  const i = f.var('i', bvSort(64));
  const mem = f.store(f.constArray(bvSort(64), f.bv(0, 8)), f.bv(3, 64), f.bv(7, 8));
  // unsat: at i != 3 the read is 0, at i == 3 it is 7
  return { assertions: [f.not(f.eq(f.select(mem, i), f.ite(f.eq(i, f.bv(3, 64)), f.bv(7, 8), f.bv(0, 8))))], wantModel: [i] };
}

test('constant arrays under QF_ABV: the native z3 answers them (z3 4.8 rejects them in that logic)', async () => {
  const q = constArrayQuery(new TermFactory());
  assert.match(queryText(q), /\(set-logic QF_ABV\)/);
  assert.match(queryText(q), /\(as const /);
  for (const name of ['z3-native', 'z3-auto', 'z3-wasm'] as const) {
    if (name !== 'z3-wasm' && !haveZ3) continue;
    const r = await checkQuery(q, { backend: backendByName(name) });
    assert.is(r.status, 'unsat', `${name}: ${r.reason}`);
  }
});

test('z3-auto asks the native z3 first, and the WASM z3 again only after an error or incomplete', async () => {
  const f = new TermFactory();
  const x = f.var('x', bvSort(8));
  const r = await checkQuery({ assertions: [f.eq(x, f.bv(9, 8))], wantModel: [x] }, { backend: backendByName('z3-auto') });
  assert.is(r.status, 'sat');
  assert.is(r.model!.get('x'), 9n);
  assert.is(r.backend, haveZ3 ? 'z3-native' : 'z3-wasm');
  // an operator neither z3 knows: both are asked, the answer stays unknown and says so
  const bogus = { id: 1e9, kind: 'app', op: 'bvfrobnicate', indices: [], args: [x], sort: BOOL } as unknown as Term;
  const e = await checkQuery({ assertions: [bogus], wantModel: [] }, { backend: backendByName('z3-auto') });
  assert.is(e.status, 'unknown');
  assert.ok(e.reason!.startsWith('solver error'), e.reason);
  if (haveZ3) assert.ok(e.reason!.includes('z3-native: solver error'), e.reason);
  assert.ok(worthAskingAgain({ status: 'unknown', reason: 'incomplete: smt tactic failed', timeMs: 1 }));
  // a timeout is final: asking again would double every hard query's time
  assert.not.ok(worthAskingAgain({ status: 'unknown', reason: 'timeout', timeMs: 1 }));
  assert.not.ok(worthAskingAgain({ status: 'unknown', reason: 'resource limit', timeMs: 1 }));
  assert.not.ok(worthAskingAgain({ status: 'unsat', timeMs: 1 }));
});

test.after(() => disposeSolvers());
test.run();
