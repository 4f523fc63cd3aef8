// Call positions under their path condition, branch-wise units, the frames of two events at
// one position, and the byte-free abstraction (core-strings: verifier/tv/core/positions.ts,
// units.ts, runtime.ts frameFacts, split.ts). Each rewrite is checked against the real z3:
// the position term equals the original wherever the path condition holds; the propagated
// query keeps its answer; the abstraction's unsat is the query's and a query that needs the
// dropped byte facts is still decided by the full query.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { freeVars } from '../../../../verifier/tv/query.ts';
import { alwaysTrue, positionUnder } from '../../../../verifier/tv/core/positions.ts';
import { propagateUnits } from '../../../../verifier/tv/core/units.ts';
import { frameFacts, type Frame } from '../../../../verifier/tv/core/runtime.ts';
import { checkInParts } from '../../../../verifier/tv/core/split.ts';
import { callArrays } from '../../../../verifier/semantics/mlir/symexec.ts';

const status = async (as: Term[]) => (await checkQuery({ assertions: as, wantModel: freeVars(as) }, { timeoutMs: 10_000 })).status;
const one = (F: TermFactory) => F.bv(1, 64);
const inc = (F: TermFactory, pc: Term, n: Term) => F.ite(pc, F.app('bvadd', [n, one(F)]), n);

/** The running count of calls.ts over events with the given path conditions. */
function counts(F: TermFactory, pcs: Term[]): Term[] {
  const out: Term[] = [];
  let n: Term = F.bv(0, 64);
  for (const pc of pcs) {
    out.push(n);
    n = inc(F, pc, n);
  }
  out.push(n);
  return out;
}

test('an event after an if/else with one call in each branch is at a literal position', async () => {
  const F = new TermFactory();
  const c = F.var('c', BOOL);
  const d = F.var('d', BOOL);
  // iteration 1: if c then call else call; iteration 2: if d then call else call; then a call
  const pcs = [c, F.not(c), d, F.not(d), F.true];
  const n = counts(F, pcs);
  assert.is(n[2]!.kind, 'app', 'the running count is an ite term');
  const p = pcs.map((pc, i) => positionUnder(F, pc, n[i]!));
  assert.equal(p.map((t) => (t.kind === 'bv' ? Number(t.value) : -1)), [0, 0, 1, 1, 2]);
  // and each equals the running count under its path condition (z3)
  for (const [i, pc] of pcs.entries()) assert.is(await status([pc, F.not(F.eq(p[i]!, n[i]!))]), 'unsat', `event ${i}`);
});

test('a position that depends on the path stays a term equal to the count under the path condition', async () => {
  const F = new TermFactory();
  const a = F.var('a', BOOL);
  const b = F.var('b', BOOL);
  // if a then call; if b then call; call — the last position is 0, 1 or 2
  const pcs = [a, b, F.true];
  const n = counts(F, pcs);
  const last = positionUnder(F, F.true, n[2]!);
  assert.is(last.kind, 'app');
  assert.is(await status([F.not(F.eq(last, n[2]!))]), 'unsat');
  // under b, the third event's count has the second call in it
  const underB = positionUnder(F, F.and(b, F.not(a)), n[2]!);
  assert.ok(underB.kind === 'bv' && underB.value === 1n, 'a and b decided by the path condition');
});

test('alwaysTrue: the guards of an if and its else cover every case, one branch alone does not', () => {
  const F = new TermFactory();
  const p = F.var('p', BOOL);
  const c = F.var('c', BOOL);
  assert.ok(alwaysTrue(F, F.or(c, F.not(c))));
  assert.ok(alwaysTrue(F, F.or(F.and(p, c), F.and(p, F.not(c)), F.not(p))));
  assert.not.ok(alwaysTrue(F, F.or(F.and(p, c), F.and(p, F.not(c)))));
  assert.not.ok(alwaysTrue(F, c));
});

test('facts assumed in both branches become units, and the answer is kept (z3)', async () => {
  const F = new TermFactory();
  const c = F.var('c', BOOL);
  const ret = F.var('ret', arraySort(bvSort(64), BOOL));
  const r = F.select(ret, F.bv(0, 64));
  const y = F.var('y', bvSort(8));
  // the trace's word is y only if call 0 returned; both branches assume it returned
  const word = F.ite(r, y, F.bv(0, 8));
  const qs: Term[][] = [
    [F.implies(c, r), F.implies(F.not(c), r), F.eq(y, F.bv(3, 8)), F.not(F.eq(word, F.bv(3, 8)))],
    [F.implies(c, r), F.implies(F.not(c), r), F.eq(y, F.bv(3, 8)), F.eq(word, F.bv(3, 8))],
    [F.implies(c, r), F.implies(F.not(c), F.not(r)), F.eq(y, F.bv(3, 8)), F.not(F.eq(word, F.bv(3, 8)))],
  ];
  const first = propagateUnits(F, qs[0]!).assertions;
  assert.equal(first[0], r, 'the first guarded copy is now the fact itself');
  const last = first[first.length - 1]!;
  assert.ok(last.kind === 'bool' && !last.value, 'the word folds: the mismatch is false');
  for (const q of qs) assert.is(await status(propagateUnits(F, q).assertions), await status(q));
});

test('two frames of one call (two events at one position) are both instantiated (one was dropped before)', () => {
  const F = new TermFactory();
  const A = callArrays(F);
  const n = F.bv(1, 64);
  const snap = F.var('snap', A.havoc.sort.kind === 'array' ? A.havoc.sort.elem : BOOL);
  const c = F.var('c', BOOL);
  const keep = (bid: Term) => F.eq(bid, F.bv(7, 32));
  const frames: Frame[] = [
    { pc: c, n, snap, keep },
    { pc: F.not(c), n, snap, keep },
  ];
  const addr = F.app('concat', [F.bv(7, 32), F.var('off', bvSort(64))]);
  const read = F.select(F.select(A.havoc, n), addr);
  const facts = frameFacts(F, frames, [F.eq(read, F.bv(0, 8))]);
  assert.is(facts.length, 2, 'one fact per frame');
});

test('the byte-free abstraction decides what lengths decide; a part that needs the bytes is decided by the full query', async () => {
  const F = new TermFactory();
  const U = F.var('U', arraySort(bvSort(96), bvSort(8)));
  const len = F.var('len', bvSort(64));
  const i = F.var('i', bvSort(64));
  const at = (k: Term) => F.select(U, F.app('concat', [F.bv(3, 32), k]));
  const bytes = F.eq(at(F.bv(0, 64)), F.bv(65, 8)); // a byte fact (dropped by the abstraction)
  const bound = F.app('bvule', [len, F.bv(8, 64)]);
  // part 1: an index beyond the length (lengths decide it); part 2: the byte differs (needs the fact)
  const mismatch = F.or(F.and(F.app('bvult', [i, len]), F.app('bvugt', [i, F.bv(8, 64)])), F.not(F.eq(at(F.bv(0, 64)), F.bv(65, 8))));
  const r = await checkInParts(F, [bound, bytes, mismatch], [], 'abstraction test', { timeoutMs: 10_000, name: 'positions-abs' });
  assert.is(r.status, 'unsat');
  const sat = await checkInParts(F, [bound, mismatch], [U, len, i], 'abstraction test, sat', { timeoutMs: 10_000, name: 'positions-abs-sat' });
  assert.is(sat.status, 'sat');
});

test('a read skips stores to other blocks and to other offsets of its block; the answer is kept (z3)', async () => {
  const F = new TermFactory();
  const U = F.var('U', arraySort(bvSort(96), bvSort(8)));
  const x = F.var('x', bvSort(64));
  const y = F.var('y', bvSort(64));
  const at = (bid: number, off: Term) => F.app('concat', [F.bv(bid, 32), off]);
  const plus = (t: Term, k: number) => F.app('bvadd', [t, F.bv(k, 64)]);
  // a copy loop's stores into block 5 at x + 0, x + 1; a store into block 6 at y
  const mem = F.store(F.store(F.store(U, at(5, plus(x, 0)), F.bv(1, 8)), at(5, plus(x, 1)), F.bv(2, 8)), at(6, y), F.bv(3, 8));
  const readOther = F.select(mem, at(7, y)); // another block: U's byte
  const readFirst = F.select(mem, at(5, plus(x, 0))); // block 5, offset x + 0: skips x + 1 and block 6
  const readY = F.select(mem, at(5, y)); // block 5 at y: y may be x + 1 — not skipped
  const q1 = [F.eq(F.select(U, at(7, y)), F.bv(9, 8)), F.not(F.eq(readOther, F.bv(9, 8)))];
  const q2 = [F.eq(x, x), F.not(F.eq(readFirst, F.bv(1, 8)))];
  const q3 = [F.eq(y, plus(x, 1)), F.not(F.eq(readY, F.bv(2, 8)))];
  const q4 = [F.eq(y, plus(x, 1)), F.eq(readY, F.bv(2, 8))];
  const p1 = propagateUnits(F, q1).assertions;
  const last = p1[p1.length - 1]!;
  assert.ok(last.kind === 'bool' && !last.value, 'the read of block 7 is U\'s byte: the mismatch folds');
  const p2 = propagateUnits(F, [F.true, ...q2]).assertions;
  const last2 = p2[p2.length - 1]!;
  assert.ok(last2.kind === 'bool' && !last2.value, 'the read at x + 0 is the store at x + 0');
  for (const q of [q1, q2, q3, q4]) assert.is(await status(propagateUnits(F, q).assertions), await status(q));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
