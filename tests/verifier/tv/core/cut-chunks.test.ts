// A cut-point part too wide to split member by member (verifier/tv/core/cut-validate.ts
// `chunksOf`, core-loops, session 8): when the whole is undecided it is asked in at most 40
// chunks, each a disjunction of some of its members. All chunks unsat must mean the part is
// unsat: the chunks' disjunction is the part (checked by z3), and each chunk implies the part.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { chunksOf } from '../../../../verifier/tv/core/cut-validate.ts';

const W = bvSort(16);

/** pc and (x = 0 or x = 1 or ... ), with `n` members and a second conjunct, as a target-UB
 *  part is: a path condition and one disjunction of the ways to fail. */
function part(f: TermFactory, n: number): Term {
  const x = f.var('x', W);
  const y = f.var('y', W);
  const members = Array.from({ length: n }, (_, k) => f.eq(f.app('bvadd', [x, f.bv(k, 16)]), y));
  return f.and(f.app('bvult', [y, f.bv(500, 16)]), f.or(...members));
}

test('a part of at most 40 members has no chunks (it is split member by member)', () => {
  const f = new TermFactory();
  assert.is(chunksOf(f, part(f, 40), false), undefined);
});

test('a part of 112 members: at most 40 chunks whose disjunction is the part', async () => {
  const f = new TermFactory();
  const t = part(f, 112);
  const chunks = chunksOf(f, t, false)!;
  assert.ok(chunks && chunks.length > 1 && chunks.length <= 40, `${chunks?.length} chunks`);
  // (or chunks) <=> t: its negation is unsat
  const r = await checkQuery({ assertions: [f.not(f.eq(f.or(...chunks), t))], wantModel: [], description: 'chunks are the part' }, { timeoutMs: 20_000 });
  assert.is(r.status, 'unsat');
  // one chunk dropped: no longer the part (every member is in some chunk, none is redundant here)
  const r2 = await checkQuery({ assertions: [f.not(f.eq(f.or(...chunks.slice(1)), t))], wantModel: [], description: 'a chunk dropped' }, { timeoutMs: 20_000 });
  assert.is(r2.status, 'sat');
});

test.after(disposeSolvers);
test.run();
