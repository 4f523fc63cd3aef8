// A copy loop's relation instantiated at reads through a poison lambda (cut-copy.ts
// pushReads): a lambda whose body reads the loop's havoc poison — a fresh block's poison
// (symbolic-memory.ts freshObservablePoison) or a runtime call's clear (callWrotePoison) made
// after the head — read through an ite of memories is pushed to its body at the index, so the
// havoc read there gets its instance. Before, only stores and ites were followed: the read
// stayed whole until the printer beta-reduced it, after the instances were made, and the
// havoc's byte was free (expr_parser `text`, with a fresh block's poison as a lambda: its
// calls part sat, "the simulation relation does not hold").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { instantiateCopies, type CopyRel } from '../../../../verifier/tv/core/cut-copy.ts';
import { ADDR_SORT, UP_SORT } from '../../../../verifier/semantics/mlir/symbolic-memory.ts';

const F = new TermFactory();
const havoc = F.var('cp.0.UP', UP_SORT);
const arrival = F.var('arrival.UP', UP_SORT);
const other = F.var('other.UP', UP_SORT);
const a = F.var('a', ADDR_SORT);
const c = F.var('c', BOOL);
const fresh = F.bv(7, 32);
const inFresh = (x: Term): Term => F.and(F.eq(F.extract(95, 64, x), fresh), F.app('bvult', [F.extract(63, 0, x), F.bv(4, 64)]));
// the loop's relation: the havoc's poison is the arrival's
const rels: CopyRel[] = [{ j: 0, iv: F.var('cp.0.iv', bvSort(64)), eqs: [{ arr: havoc, rhs: (x) => F.select(arrival, x) }] }];
const lam = F.lambda(ADDR_SORT, 'freshpoison', (x) => F.or(F.select(havoc, x), inFresh(x)));
// poison at `a` on the lambda's side though the arrival has none there and `a` is not fresh
const part = F.and(c, F.select(F.ite(c, lam, other), a), F.not(F.select(arrival, a)), F.not(inFresh(a)));

test('a read through an ite holding a poison lambda gets the havoc instance at its index', async () => {
  const { parts } = instantiateCopies(F, rels, [], [part], (t) => t);
  const r = await checkQuery({ assertions: [parts[0]!], wantModel: [] }, { timeoutMs: 30_000 });
  assert.is(r.status, 'unsat', 'the havoc read at a is the arrival\'s: no poison there');
  // and the instance is no vacuous one: without the relation the same part is sat
  const free = await checkQuery({ assertions: [part], wantModel: [] }, { timeoutMs: 30_000 });
  assert.is(free.status, 'sat');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
