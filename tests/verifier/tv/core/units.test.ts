// Unit propagation over Core -> MLIR queries (verifier/tv/core/units.ts): the propagated
// query has the same answer as the original (checked with the real z3), the call trace's
// ites on asserted atoms fold, an array element defined by an equation is replaced by its
// definition, and nothing the last assertion (the mismatch) says leaks into the others.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { freeVars } from '../../../../verifier/tv/query.ts';
import { propagateUnits } from '../../../../verifier/tv/core/units.ts';

const status = async (as: Term[]) => (await checkQuery({ assertions: as, wantModel: freeVars(as) }, { timeoutMs: 10_000 })).status;

test('asserted atoms fold the ites and reads over stores that branch on them', async () => {
  const F = new TermFactory();
  const ret = F.var('ret', arraySort(bvSort(64), BOOL));
  const w = F.var('w', arraySort(bvSort(64), bvSort(64)));
  const r0 = F.select(ret, F.bv(0, 64));
  // the trace: the word stored at position 0 only if "call 0 returned"
  const trace = F.ite(r0, F.store(w, F.bv(0, 64), F.bv(7, 64)), w);
  const x = F.var('x', bvSort(64));
  const mismatch = F.not(F.eq(F.select(trace, F.bv(0, 64)), x));
  const as = [r0, F.eq(x, F.bv(7, 64)), mismatch];
  const out = propagateUnits(F, as).assertions;
  assert.is(out.length, 3);
  assert.equal(out[0], r0, 'the atom itself stays asserted');
  const last = out[2]!;
  assert.ok(last.kind === 'bool' && !last.value, 'the mismatch folds to false');
  assert.is(await status(as), 'unsat');
});

test('the answer is the original query\'s, sat and unsat', async () => {
  const F = new TermFactory();
  const a = F.var('a', BOOL);
  const b = F.var('b', BOOL);
  const y = F.var('y', bvSort(8));
  const qs: Term[][] = [
    [a, F.implies(a, F.eq(y, F.bv(3, 8))), F.app('bvult', [y, F.bv(3, 8)])],
    [a, F.implies(a, F.eq(y, F.bv(3, 8))), F.app('bvule', [y, F.bv(3, 8)])],
    [F.not(a), F.or(a, b), F.and(b, F.eq(y, F.bv(1, 8)))],
    [F.not(a), F.or(a, b), F.not(b)],
  ];
  for (const q of qs) assert.is(await status(propagateUnits(F, q).assertions), await status(q));
});

test('the mismatch\'s own atoms do not rewrite the other assertions', () => {
  const F = new TermFactory();
  const q = F.var('q', BOOL);
  const r = F.var('r', BOOL);
  const base = F.or(q, r);
  const out = propagateUnits(F, [base, q]).assertions;
  assert.equal(out[0], base, 'q (asserted only by the last assertion) is not a unit of the others');
});

test('an array element defined by an equation is replaced by its definition', async () => {
  const F = new TermFactory();
  const U = arraySort(bvSort(8), bvSort(8));
  const havoc = F.var('havoc', arraySort(bvSort(64), U));
  const snap = F.var('snap', U);
  const h1 = F.select(havoc, F.bv(1, 64));
  const def = F.store(snap, F.bv(5, 8), F.bv(9, 8));
  const k = F.var('k', bvSort(8));
  const as = [F.eq(h1, def), F.eq(k, F.bv(5, 8)), F.not(F.eq(F.select(h1, k), F.bv(9, 8)))];
  const out = propagateUnits(F, as).assertions;
  assert.ok(out[0]!.kind === 'bool' && out[0]!.value, 'the defining equation is dropped');
  assert.ok(out[2]!.kind === 'bool' && !out[2]!.value, 'the read folds through the definition');
  assert.is(await status(as), 'unsat');
});

// core-calls, round 7: the memory after an if whose arms wrote other blocks (arena_queue
// `main`: a copy loop unrolled into a string buffer before the arena counter is read)
test('a read through the memories of both arms of an if that wrote other blocks reads the memory before it', async () => {
  // (opt-in for now: units.ts iteReadsOn)
  const before = process.env.FIDELITY_ITE_READS;
  process.env.FIDELITY_ITE_READS = '1';
  try {
    await iteReads();
  } finally {
    if (before === undefined) delete process.env.FIDELITY_ITE_READS;
    else process.env.FIDELITY_ITE_READS = before;
  }
});

async function iteReads(): Promise<void> {
  const F = new TermFactory();
  const A = arraySort(bvSort(96), bvSort(8));
  const U = F.var('U', A);
  const c = F.var('c', BOOL);
  const off = F.var('off', bvSort(64));
  const at = (block: number, o: Term) => F.app('concat', [F.bv(block, 32), o]);
  // both arms store into block 3 only (one at a symbolic offset); the counter is in block 1
  const arm1 = F.store(F.store(U, at(3, F.bv(0, 64)), F.bv(0x63, 8)), at(3, off), F.bv(1, 8));
  const arm2 = F.store(U, at(3, F.bv(0, 64)), F.bv(0x63, 8));
  const counter = at(1, F.bv(0, 64));
  const read = F.select(F.ite(c, arm1, arm2), counter);
  const as = [F.eq(F.select(U, counter), F.bv(3, 8)), F.not(F.eq(read, F.bv(3, 8)))];
  const out = propagateUnits(F, as).assertions;
  assert.ok(out[1]!.kind === 'bool' && !out[1]!.value, `the read is the memory before the if, which the unit gives: ${JSON.stringify(out[1])}`);
  assert.is(await status(as), 'unsat');
  // arms that read differently keep the ite (and the answer)
  const arm3 = F.store(U, counter, F.bv(4, 8));
  const as2 = [F.eq(F.select(U, counter), F.bv(3, 8)), F.not(F.eq(F.select(F.ite(c, arm1, arm3), counter), F.bv(3, 8)))];
  const out2 = propagateUnits(F, as2).assertions;
  assert.ok(!(out2[1]!.kind === 'bool'), 'not folded');
  assert.is(await status(out2), 'sat');
  assert.is(await status(as2), 'sat');
}

test.after(async () => {
  await disposeSolvers();
});

test.run();
