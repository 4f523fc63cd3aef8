// The snapshots' poison bits read outside the function's own blocks (memory.ts
// snapPoisonOutsideOwn): stores into a literal own block are dropped, every other store kept,
// and the read outside the own blocks is the same (z3: no address where the two differ).
// crc16_frame `hex16`: the runtime calls' poison checks (calls.ts poisonAt) read the string
// buffers' unwritten bytes, all in own blocks; they ran part 3 of its mismatch at unroll 4
// out of 1.6 M units (within-pins.test.ts), and now add no term.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { snapPoison, snapPoisonOutsideOwn } from '../../../../verifier/tv/core/memory.ts';
import { ADDR_SORT } from '../../../../verifier/semantics/mlir/symbolic-memory.ts';
import { LOCAL_BASE, PRIVATE_BASE } from '../../../../verifier/semantics/mlir/memory.ts';

const F = new TermFactory();
const none = F.constArray(ADDR_SORT, F.false);
const at = (bid: number, off: Term | bigint): Term => (typeof off === 'bigint' ? F.bv((BigInt(bid) << 64n) | off, 96) : F.app('concat', [F.bv(bid, 32), off]));
const snaps = (...ups: Term[]): Term => ups.reduce((s, up, k) => F.store(s, F.bv(k, 64), up), F.constArray(bvSort(64), none));
const off = F.var('off', bvSort(64));
const c = F.var('c', { kind: 'bool' });
const own = LOCAL_BASE + 3;

test('only stores into own blocks (literal and concatenated addresses, both arms of an ite): no poison outside them', () => {
  const up = F.store(F.store(none, at(own, 0n), F.true), at(own, off), F.var('p', { kind: 'bool' }));
  const s = snaps(F.ite(c, up, none), F.store(up, at(PRIVATE_BASE - 1, 5n), F.true));
  assert.ok(snapPoison(F, s, F.bv(0, 64)), 'the snapshots themselves hold poison');
  assert.is(snapPoison(F, snapPoisonOutsideOwn(F, s), F.var('n', bvSort(64))), undefined);
});

test('a store outside the own blocks (an argument block, a symbolic block, the first private id) is kept', () => {
  for (const addr of [at(1, 0n), at(PRIVATE_BASE, 0n), F.var('addr', ADDR_SORT), F.app('concat', [F.var('bid', bvSort(32)), off])]) {
    const up = F.store(F.store(none, at(own, 0n), F.true), addr, F.true);
    const stripped = snapPoisonOutsideOwn(F, snaps(up));
    assert.ok(snapPoison(F, stripped, F.bv(0, 64)));
    assert.equal(stripped, snaps(F.store(none, addr, F.true)));
  }
});

test('the same poison outside the own blocks (z3: unsat)', async () => {
  const p = F.var('p', { kind: 'bool' });
  const up = F.store(F.ite(c, F.store(none, at(own, off), p), F.store(none, F.var('x', ADDR_SORT), p)), at(LOCAL_BASE, 2n), F.true);
  const up2 = F.store(F.store(up, at(1, 7n), p), at(PRIVATE_BASE, 0n), p);
  const s = snaps(up2, F.store(up, F.app('concat', [F.var('bid', bvSort(32)), off]), F.true));
  const n = F.var('n', bvSort(64));
  const a = F.var('a', ADDR_SORT);
  const bid = F.extract(95, 64, a);
  const outside = F.not(F.and(F.app('bvule', [F.bv(LOCAL_BASE, 32), bid]), F.app('bvult', [bid, F.bv(PRIVATE_BASE, 32)])));
  const differs = F.not(F.eq(F.select(F.select(s, n), a), F.select(F.select(snapPoisonOutsideOwn(F, s), n), a)));
  const r = await checkQuery({ assertions: [outside, differs], wantModel: [] }, { timeoutMs: 10_000 });
  assert.is(r.status, 'unsat');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
