// A member beside its negation in an and/or (verifier/tv/core/complements.ts): the rewrite is
// an identity (every assignment evaluates alike), the Core -> MLIR mismatch of a function whose
// target merges two returning arms loses its tautological part (one query fewer: fails with
// FIDELITY_NO_COMPLEMENTS=1), and a wrong target of that function is still refuted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort, BOOL, type Term } from '../../../../verifier/smt/term.ts';
import { evaluate } from '../../../../verifier/smt/model.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { withoutComplements } from '../../../../verifier/tv/core/complements.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { queriesOf } from '../../../helpers/queries.ts';
import { prng } from '../../../helpers/prng.ts';
import { corpusProgram, mutate } from './helpers.ts';

test('the shape of the mismatch: (not (= true (or c (not c)))) is false, and what folds upward', () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(8));
  const c = F.eq(x, F.bv(0, 8));
  const d = F.var('d', BOOL);
  const taut = F.not(F.eq(F.true, F.app('or', [c, F.not(c)])));
  assert.equal(withoutComplements(F, [taut]), [F.false]);
  // in a disjunction with a real member: the member alone is left
  const real = F.app('bvult', [F.bv(7, 8), x]);
  assert.equal(withoutComplements(F, [F.app('or', [taut, real])]), [real]);
  // a conjunction with both is false, inside a larger term
  const conj = F.app('=>', [d, F.app('and', [c, real, F.not(c)])]);
  assert.equal(withoutComplements(F, [conj]), [F.app('=>', [d, F.false])]);
  // nothing to fold: the same array
  const none = [F.app('or', [c, real]), F.app('and', [d, F.not(c)])];
  assert.is(withoutComplements(F, none), none);
});

test('an identity: on every assignment of small random terms the rewrite evaluates alike', () => {
  const F = new TermFactory();
  const vars = ['a', 'b', 'c'].map((n) => F.var(n, BOOL));
  const next = prng(7);
  const rnd = (n: number) => Math.floor(next() * n);
  const gen = (depth: number): Term => {
    if (depth === 0 || rnd(4) === 0) return vars[rnd(3)]!;
    const k = rnd(4);
    if (k === 0) return F.not(gen(depth - 1));
    const args = [gen(depth - 1), gen(depth - 1)];
    if (rnd(2)) args.push(F.not(args[0]!)); // a complement, often
    return F.app(k === 1 ? 'and' : k === 2 ? 'or' : '=', k === 3 ? args.slice(0, 2) : args);
  };
  let changed = 0;
  for (let i = 0; i < 300; i++) {
    const t = gen(4);
    const [r] = withoutComplements(F, [t]);
    if (r !== t) changed++;
    for (let m = 0; m < 8; m++) {
      const model = new Map(vars.map((v, j) => [(v as { name: string }).name, ((m >> j) & 1) === 1]));
      assert.is(evaluate(r!, model, { complete: true }), evaluate(t, model, { complete: true }), `term ${i}, assignment ${m}`);
    }
  }
  assert.ok(changed > 50, `${changed} rewritten`);
});

const channel = () => {
  const { core, mlir } = corpusProgram('sensor_selftest');
  return { core, mlir, fn: core.functions.find((g) => g.name === 'channel')! };
};

test('sensor_selftest `channel` at CLI settings, by its parts: proved with 2 queries (3 before: its first part was the tautology)', async () => {
  const { core, mlir, fn } = channel();
  const m = parseMlir(mlir, 'sensor_selftest.mlir');
  // the parts, as before the whole mismatch was asked first (split.ts, session 25)
  process.env.FIDELITY_NO_WHOLE_MISMATCH = '1';
  try {
    const { result, names } = await queriesOf(() => validateCoreFunction(core, fn, m, moduleInfo(m), { unroll: 8, timeoutMs: 10000 }));
    assert.is(result.verdict, 'proved', result.detail);
    assert.is(names.length, 2, names.join(' '));
  } finally {
    delete process.env.FIDELITY_NO_WHOLE_MISMATCH;
  }
  // and now: one query, the whole mismatch
  const { result, names } = await queriesOf(() => validateCoreFunction(core, fn, m, moduleInfo(m), { unroll: 8, timeoutMs: 10000 }));
  assert.is(result.verdict, 'proved', result.detail);
  assert.equal(names, ['core.channel.whole']);
});

test('a wrong target of `channel` (channel 1 says it failed) is still refuted', async () => {
  const { core, mlir, fn } = channel();
  const bad = mutate(mlir, 'channel', '%c1_20 = arith.constant 1 : i32', '%c1_20 = arith.constant 2 : i32');
  const m = parseMlir(bad, 'sensor_selftest.mlir');
  const v = await validateCoreFunction(core, fn, m, moduleInfo(m), { unroll: 8, timeoutMs: 10000 });
  assert.is(v.verdict, 'refuted', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
