// The vacuity guard's repaired witness (verifier/tv/vacuity-repair.ts): assumption sets the
// all-defaults model fails on plain facts are answered `defined` without the solver; a set
// with no model still ends `vacuous` (the repair only proposes, evaluation decides); a real
// Core -> MLIR proof asks no vacuity question (before: every proved row of the typical band
// asked one, 10 ms-1.3 s).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, BOOL, type Sort, type Term } from '../../../verifier/smt/term.ts';
import { satisfies } from '../../../verifier/smt/model.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { sourceDefinedSomewhere } from '../../../verifier/tv/vacuity.ts';
import { repairedWitness } from '../../../verifier/tv/vacuity-repair.ts';
import { queriesOf } from '../../helpers/queries.ts';
import { corpusProgram } from './core/helpers.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../verifier/tv/core/validate.ts';

const arr = (F: TermFactory, name: string, elem: Sort) => F.var(name, { kind: 'array', index: bvSort(64), elem });

/** The facts the Core -> MLIR sets fail the defaults on (scratch/median2/whyfalse.ts). */
function coreLike(F: TermFactory): Term[] {
  const slot = F.var('arg.4', bvSort(64));
  const blk = F.var('arg.p.block', bvSort(32));
  const off = F.var('arg.p.off', bvSort(64));
  const len = F.var('arg.p.len', bvSort(64));
  const alive = [256, 257, 2].map((b) => F.var(`cp.0.alive.b${b}`, BOOL));
  const ret = arr(F, 'call.ret', BOOL);
  const res = arr(F, 'call.res.0', bvSort(64));
  const g = F.var('ret.gcd', bvSort(64));
  const size = arr(F, 'mem0.size', bvSort(64));
  const x72 = (t: Term) => F.sext(8, t);
  return [
    F.eq(slot, F.bv(1, 64)),
    F.eq(blk, F.bv(0x1001, 32)),
    F.not(F.or(...alive.map((a) => F.not(F.eq(a, F.true))))),
    F.app('select', [ret, F.bv(0, 64)]),
    F.implies(F.app('select', [ret, F.bv(0, 64)]), F.app('select', [ret, F.bv(1, 64)])),
    // a requires: 10 <= len, and the span within its block
    F.app('bvsle', [F.bv(10, 72), x72(len)]),
    F.and(F.app('bvsle', [F.bv(0, 72), x72(off)]), F.app('bvsle', [F.app('bvadd', [x72(off), x72(len)]), x72(F.select(size, F.bv(0x1001, 64)))])),
    // a callee's result, nonzero
    F.not(F.eq(g, F.bv(0, 64))),
    F.eq(g, F.select(res, F.bv(0, 64))),
    // a branch the defaults do not take
    F.ite(F.app('bvsle', [F.bv(1, 64), g]), F.app('bvslt', [g, len]), F.false),
  ];
}

test('the facts of a Core -> MLIR set: repaired from the defaults, every assumption true', () => {
  const F = new TermFactory();
  const set = coreLike(F);
  assert.not.ok(satisfies(set, new Map(), { complete: true }));
  const w = repairedWitness(set, new Map());
  assert.ok(satisfies(set, w, { complete: true }));
});

test('such a set is defined without a solver question (before: one z3 question)', async () => {
  const F = new TermFactory();
  const { result, names } = await queriesOf(() => sourceDefinedSomewhere(F, [coreLike(F)], () => [new Map()], 3000, 'repair'));
  assert.equal(result, { kind: 'defined', how: 'repaired' });
  assert.equal(names, []);
});

test('a set with no model is still vacuous (asked of the solver)', async () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(8));
  const set = [F.eq(x, F.bv(1, 8)), F.app('bvult', [F.bv(5, 8), x])];
  assert.not.ok(satisfies(set, repairedWitness(set, new Map()), { complete: true }));
  const { result, names } = await queriesOf(() => sourceDefinedSomewhere(F, [set], () => [new Map()], 3000, 'none'));
  assert.equal(result, { kind: 'vacuous' });
  assert.equal(names, ['none.vacuity']);
});

test('a set the repair does not satisfy is asked as before', async () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(16));
  const y = F.var('y', bvSort(16));
  // x * x = 49 (no move of one side solves a product)
  const set = [F.eq(F.app('bvmul', [x, x]), F.bv(49, 16)), F.app('bvult', [x, y])];
  const { result, names } = await queriesOf(() => sourceDefinedSomewhere(F, [set], () => [new Map()], 3000, 'mul'));
  assert.equal(result, { kind: 'defined', how: 'solver' });
  assert.equal(names, ['mul.vacuity']);
});

test('a proved Core -> MLIR row asks no vacuity question (isqrt `isqrt32`: 1 s of z3 before)', async () => {
  const { core, mlir } = corpusProgram('isqrt');
  const m = parseMlir(mlir, 'isqrt.mlir');
  const fn = core.functions.find((g) => g.name === 'isqrt32')!;
  const { result, names } = await queriesOf(() => validateCoreFunction(core, fn, m, moduleInfo(m), { unroll: 8, timeoutMs: 10000 }));
  assert.is(result.verdict, 'proved');
  assert.equal(names.filter((n) => n.includes('vacuity')), []);
});

test('a difference and an element of a nested array are repaired too (ring_buffer `pop`, hdlc_framer `hexByte.digit`)', () => {
  const F = new TermFactory();
  const x72 = (t: Term) => F.sext(8, t);
  const size = arr(F, 'mem0.size', bvSort(64));
  const off = F.var('arg.buf.off', bvSort(64));
  const d = F.var('arg.d', bvSort(64));
  const havoc = F.var('call.havoc', { kind: 'array', index: bvSort(64), elem: { kind: 'array', index: bvSort(64), elem: bvSort(8) } });
  // a span of 4 within its block: 4 <= sext(size[b]) - sext(off)  (as Core's ite chains)
  const span = F.ite(F.app('bvsle', [F.bv(4, 72), F.app('bvsub', [x72(F.select(size, F.bv(0x1001, 64))), x72(off)])]), F.app('bvsle', [F.bv(0, 72), x72(off)]), F.false);
  // a callee's byte per call, defined by an equation under a premise that holds
  const byte = F.implies(F.app('bvult', [d, F.bv(10, 64)]), F.eq(F.select(F.select(havoc, F.bv(0, 64)), F.bv(7, 64)), F.extract(7, 0, F.app('bvadd', [d, F.bv(0x30, 64)]))));
  // and the difference's other side moved: 3 <= 10 - sext(k)  with k the unknown
  const k = F.var('k', bvSort(8));
  const other = F.app('bvule', [F.bv(3, 16), F.app('bvsub', [F.bv(10, 16), F.zext(8, k)])]);
  const kNine = F.eq(k, F.bv(9, 8)); // 10 - 9 < 3
  for (const set of [[span], [byte], [F.not(other)], [span, byte]]) {
    assert.not.ok(satisfies(set, new Map(), { complete: true }));
    assert.ok(satisfies(set, repairedWitness(set, new Map()), { complete: true }));
  }
  // a set with no model stays unsatisfied (the repair proposes; evaluation decides)
  const none = [other, kNine];
  assert.not.ok(satisfies(none, repairedWitness(none, new Map()), { complete: true }));
});

test('ring_buffer `pop` and hdlc_framer `hexByte.digit` prove with no vacuity question (before: 150 k and 13 k z3 units)', async () => {
  for (const [p, f] of [['ring_buffer', 'pop'], ['hdlc_framer', 'hexByte.digit']] as const) {
    const { core, mlir } = corpusProgram(p);
    const m = parseMlir(mlir, `${p}.mlir`);
    const fn = core.functions.find((g) => g.name === f)!;
    const { result, names } = await queriesOf(() => validateCoreFunction(core, fn, m, moduleInfo(m), { unroll: 8, timeoutMs: 10000 }));
    assert.is(result.verdict, 'proved', `${p} ${f}: ${result.detail}`);
    assert.equal(names.filter((n) => n.includes('vacuity')), [], `${p} ${f}`);
  }
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
