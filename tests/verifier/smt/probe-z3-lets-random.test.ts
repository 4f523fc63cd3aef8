// Differential probe of z3-lets.ts (review 16): random queries, with shared subterms (so the
// printer writes define-funs), quantifiers (lets under binders), arrays, and constants whose
// names look like the printer's generated names (t1, a1) or need quoting (|x y|), are asked of
// z3-wasm as lets and as define-funs (FIDELITY_Z3_DEFINE_FUN=1): the two answers must agree
// where both decide, and every model of the lets form must satisfy the query.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { backendByName, checkQuery, disposeSolvers, queryText, type Query } from '../../../verifier/smt/solver.ts';
import { satisfies } from '../../../verifier/smt/model.ts';
import { walk } from '../../../verifier/smt/smtlib.ts';
import { definitionsAsLets } from '../../../verifier/smt/z3-lets.ts';
import { prng } from '../../helpers/prng.ts';

const W = 6;
const BV = bvSort(W);
const ARR = arraySort(BV, BV);
const NAMES = [['x', 'y', 'z'], ['t1', 'a2', 'x y'], ['t_1', 'a1', 'z']];

/** A random query: a pool of bit-vector / boolean / array terms built bottom-up (later terms
 *  reuse earlier ones, so many are shared), 1-3 assertions drawn from the boolean pool. */
function randomQuery(f: TermFactory, rnd: () => number, names: string[]): Query {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const vars = names.map((n) => f.var(n, BV));
  const arr = f.var('m', ARR);
  const bvs: Term[] = [...vars, f.bv(Math.floor(rnd() * 64), W)];
  const arrs: Term[] = [arr];
  const bools: Term[] = [f.var('b', BOOL)];
  const q = f.var('q', BV); // quantifier-bound
  const binops = ['bvadd', 'bvsub', 'bvmul', 'bvand', 'bvor', 'bvxor', 'bvudiv', 'bvurem', 'bvshl', 'bvlshr'] as const;
  const cmps = ['bvult', 'bvule', 'bvslt'] as const;
  const steps = 6 + Math.floor(rnd() * 14);
  for (let i = 0; i < steps; i++) {
    const k = rnd();
    if (k < 0.4) bvs.push(f.app(pick([...binops]), [pick(bvs), pick(bvs)]));
    else if (k < 0.5) bvs.push(f.ite(pick(bools), pick(bvs), pick(bvs)));
    else if (k < 0.6) bvs.push(f.select(pick(arrs), pick(bvs)));
    else if (k < 0.67) arrs.push(f.store(pick(arrs), pick(bvs), pick(bvs)));
    else if (k < 0.8) bools.push(f.app(pick([...cmps]), [pick(bvs), pick(bvs)]));
    else if (k < 0.88) bools.push(f.eq(pick(bvs), pick(bvs)));
    else if (k < 0.94) bools.push(pick([f.and(pick(bools), pick(bools)), f.or(pick(bools), f.not(pick(bools)))]));
    else {
      // a quantifier whose body shares a closed term (a global name) and an open one (a let)
      const c = pick(bvs);
      const open = f.app('bvadd', [q, c]);
      const body = f.or(f.app('bvult', [open, c]), f.eq(open, f.app('bvmul', [open, pick(bvs)])));
      bools.push(f.quant(rnd() < 0.5 ? 'forall' : 'exists', [q], body));
    }
  }
  const n = 1 + Math.floor(rnd() * 3);
  const one = () => (rnd() < 0.3 ? f.not(pick(bools)) : pick(bools));
  const assertions = Array.from({ length: n }, () => (rnd() < 0.5 ? one() : f.or(one(), f.and(one(), one()))));
  // the model asked for: the free constants the assertions hold (a get-value of an undeclared
  // name is an error); the bound q only where it also occurs free
  const want: Term[] = [];
  walk(assertions, (t) => {
    if (t.kind === 'var' && t.id !== q.id) want.push(t);
  });
  return { assertions, wantModel: want, description: 'random' };
}

test('random queries: lets and define-funs agree in z3-wasm, and lets models satisfy the query', async () => {
  const b = backendByName('z3-wasm');
  const rnd = prng(Number(process.env.PROBE_SEED ?? 16016)); // (PROBE_SEED / PROBE_N: longer runs by hand)
  const N = Number(process.env.PROBE_N ?? 200);
  let compared = 0;
  let sat = 0;
  let unsat = 0;
  let rewritten = 0;
  for (let i = 0; i < N; i++) {
    const f = new TermFactory();
    const q = randomQuery(f, rnd, NAMES[i % NAMES.length]!);
    const text = queryText(q);
    if (definitionsAsLets(text) !== text) rewritten++;
    const lets = await checkQuery(q, { backend: b, timeoutMs: 20_000, rlimit: 2_000_000 });
    process.env.FIDELITY_Z3_DEFINE_FUN = '1';
    let defs;
    try {
      defs = await checkQuery({ ...q }, { backend: b, timeoutMs: 20_000, rlimit: 2_000_000 });
    } finally {
      delete process.env.FIDELITY_Z3_DEFINE_FUN;
    }
    if (lets.status === 'unknown' || defs.status === 'unknown') continue;
    compared++;
    assert.is(lets.status, defs.status, `query ${i}:\n${text}`);
    if (lets.status === 'sat') {
      sat++;
      assert.ok(lets.model || !q.wantModel.length, `query ${i}: a model (${lets.reason ?? ''})\n${text}`);
      assert.ok(satisfies(q.assertions, lets.model ?? new Map(), { complete: true }), `query ${i}: the lets model satisfies the query\n${text}`);
    } else unsat++;
  }
  console.log(`${rewritten} rewritten, ${compared} compared: ${sat} sat, ${unsat} unsat`);
  assert.ok(rewritten > N * 0.6, `${rewritten} queries had define-funs`);
  assert.ok(compared > N * 0.8 && sat > N / 10 && unsat > N / 20, `compared ${compared}: ${sat} sat, ${unsat} unsat`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
