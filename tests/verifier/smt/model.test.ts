// model.ts on the edges of SMT-LIB's semantics, with expected values worked out by hand from
// the standard (the random tests in factory.test.ts compare the same evaluator with z3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, INT } from '../../../verifier/smt/term.ts';
import { EvalError, evaluate, satisfies, valueEquals, type ArrayModel, type ModelValue } from '../../../verifier/smt/model.ts';

const f = new TermFactory();
const B4 = bvSort(4);
const x = f.var('x', B4);
const y = f.var('y', B4);
const at = (xv: bigint, yv: bigint) => new Map<string, ModelValue>([['x', xv], ['y', yv]]);
const ev = (op: Parameters<TermFactory['app']>[0], xv: bigint, yv: bigint) => evaluate(f.app(op, [x, y]), at(xv, yv));

test('division by zero is total: udiv gives all ones, urem gives the dividend', () => {
  assert.is(ev('bvudiv', 9n, 0n), 15n);
  assert.is(ev('bvurem', 9n, 0n), 9n);
});

test('signed division and remainders (4 bits: 8 = -8, 15 = -1)', () => {
  assert.is(ev('bvsdiv', 3n, 0n), 15n); // non-negative / 0 = -1
  assert.is(ev('bvsdiv', 9n, 0n), 1n); // -7 / 0 = 1
  assert.is(ev('bvsdiv', 8n, 15n), 8n); // MIN / -1 = MIN (wraps)
  assert.is(ev('bvsdiv', 9n, 2n), 13n); // -7 / 2 = -3 (truncates)
  assert.is(ev('bvsrem', 9n, 2n), 15n); // -7 rem 2 = -1 (sign of dividend)
  assert.is(ev('bvsrem', 7n, 14n), 1n); // 7 rem -2 = 1
  assert.is(ev('bvsrem', 9n, 0n), 9n);
  assert.is(ev('bvsmod', 9n, 2n), 1n); // -7 mod 2 = 1 (sign of divisor)
  assert.is(ev('bvsmod', 7n, 14n), 15n); // 7 mod -2 = -1
  assert.is(ev('bvsmod', 9n, 14n), 15n); // -7 mod -2 = -1
  assert.is(ev('bvsmod', 8n, 0n), 8n);
  assert.is(ev('bvsmod', 6n, 3n), 0n);
});

test('shifts by the width or more', () => {
  assert.is(ev('bvshl', 1n, 4n), 0n);
  assert.is(ev('bvlshr', 15n, 9n), 0n);
  assert.is(ev('bvashr', 8n, 4n), 15n);
  assert.is(ev('bvashr', 7n, 15n), 0n);
  assert.is(ev('bvashr', 12n, 1n), 14n);
});

test('extract, extensions, concat, comparisons', () => {
  const m = at(0b1010n, 0b0110n);
  assert.is(evaluate(f.extract(2, 1, x), m), 0b01n);
  assert.is(evaluate(f.sext(4, x), m), 0b11111010n);
  assert.is(evaluate(f.zext(4, x), m), 0b1010n);
  assert.is(evaluate(f.app('concat', [x, y]), m), 0b10100110n);
  assert.is(evaluate(f.app('bvslt', [x, y]), m), true);
  assert.is(evaluate(f.app('bvult', [x, y]), m), false);
  assert.is(evaluate(f.app('distinct', [x, y, x]), m), false);
});

test('integer div/mod: the remainder is never negative; division by zero has no value', () => {
  const a = f.var('a', INT);
  const b = f.var('b', INT);
  const im = (av: bigint, bv: bigint) => new Map<string, ModelValue>([['a', av], ['b', bv]]);
  assert.is(evaluate(f.app('div', [a, b]), im(-7n, 2n)), -4n);
  assert.is(evaluate(f.app('mod', [a, b]), im(-7n, 2n)), 1n);
  assert.is(evaluate(f.app('div', [a, b]), im(7n, -2n)), -3n);
  assert.is(evaluate(f.app('mod', [a, b]), im(7n, -2n)), 1n);
  assert.is(evaluate(f.app('div', [a, b]), im(-7n, -2n)), 4n);
  assert.throws(() => evaluate(f.app('div', [a, b]), im(1n, 0n)), (e: unknown) => e instanceof EvalError && e.reason === 'unspecified');
  assert.is(evaluate(f.app('int2bv', [a], [4]), im(-1n, 0n)), 15n);
});

test('arrays: store/select, constant arrays, extensional equality', () => {
  const A = arraySort(B4, B4);
  const m = f.var('m', A);
  const base: ArrayModel = { kind: 'array', default: 0n, entries: [[3n, 5n]] };
  const model = new Map<string, ModelValue>([['m', base], ['x', 3n], ['y', 4n]]);
  assert.is(evaluate(f.select(m, x), model), 5n);
  assert.is(evaluate(f.select(f.store(m, y, f.bv(9, 4)), y), model), 9n);
  assert.is(evaluate(f.select(f.store(m, y, f.bv(9, 4)), x), model), 5n);
  // storing the default value back makes the arrays equal
  assert.is(evaluate(f.eq(f.store(m, x, f.bv(0, 4)), f.constArray(B4, f.bv(0, 4))), model), true);
  assert.is(evaluate(f.eq(m, f.constArray(B4, f.bv(0, 4))), model), false);
  // different defaults, but every index of a 1-bit domain listed: equal
  const one: ArrayModel = { kind: 'array', default: 7n, entries: [[0n, 1n], [1n, 2n]] };
  const two: ArrayModel = { kind: 'array', default: 9n, entries: [[1n, 2n], [0n, 1n]] };
  assert.ok(valueEquals(one, two, bvSort(1)));
  assert.not.ok(valueEquals(one, two, bvSort(2)));
  assert.not.ok(valueEquals(one, two, INT));
});

test('quantifiers over small domains are enumerated; large ones are refused', () => {
  const k = f.var('k', B4);
  assert.is(evaluate(f.quant('forall', [k], f.eq(f.app('bvadd', [k, f.bv(0, 4)]), k)), new Map()), true);
  assert.is(evaluate(f.quant('exists', [k], f.eq(f.app('bvmul', [k, f.bv(3, 4)]), f.bv(1, 4))), new Map()), true); // 11*3 = 33 = 1
  assert.is(evaluate(f.quant('forall', [k], f.app('bvult', [k, x])), at(15n, 0n)), false);
  const big = f.var('big', bvSort(64));
  assert.throws(() => evaluate(f.quant('forall', [big], f.eq(big, big)), new Map()), (e: unknown) => e instanceof EvalError && e.reason === 'unbounded-quantifier');
});

test('missing variables fail unless completion is asked for; satisfies checks every assertion', () => {
  const b = f.var('flag', BOOL);
  assert.throws(() => evaluate(b, new Map()), (e: unknown) => e instanceof EvalError && e.reason === 'missing-var');
  assert.is(evaluate(b, new Map(), { complete: true }), false);
  assert.ok(satisfies([f.app('bvult', [x, y]), f.not(b)], new Map<string, ModelValue>([['x', 1n], ['y', 2n], ['flag', false]])));
  assert.not.ok(satisfies([f.app('bvult', [x, y]), b], new Map<string, ModelValue>([['x', 1n], ['y', 2n], ['flag', false]])));
});

test('evaluation of a 100000-deep chain does not overflow the stack', () => {
  let t = x;
  for (let i = 0; i < 100_000; i++) t = f.app('bvadd', [t, f.bv(1, 4)]);
  assert.is(evaluate(t, at(0n, 0n)), BigInt(100_000 % 16));
});

test.run();
