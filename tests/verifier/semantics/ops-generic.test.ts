// ops.ts is written over the domain interfaces only: run it over a toy term domain (SMT-LIB
// text) to check that it builds terms without ever looking at concrete values, as the
// symbolic engine will.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FloatDomain, IntDomain, Width } from '../../../verifier/semantics/domain.ts';
import { convert, intArith, intCompare, intShift } from '../../../verifier/semantics/ops.ts';

const sz = (w: Width) => (w === 'math' ? 'Int' : `bv${w.bits}`);
const s = (w: Width) => w !== 'math' && w.signed;
const T: IntDomain<string, string> = {
  lit: (n, w) => `(lit ${sz(w)} ${n})`,
  add: (a, b) => `(bvadd ${a} ${b})`,
  sub: (a, b) => `(bvsub ${a} ${b})`,
  mul: (a, b) => `(bvmul ${a} ${b})`,
  neg: (a) => `(bvneg ${a})`,
  div: (a, b, w) => `(${s(w) ? 'bvsdiv' : 'bvudiv'} ${a} ${b})`,
  rem: (a, b, w) => `(${s(w) ? 'bvsrem' : 'bvurem'} ${a} ${b})`,
  and: (a, b) => `(bvand ${a} ${b})`,
  or: (a, b) => `(bvor ${a} ${b})`,
  xor: (a, b) => `(bvxor ${a} ${b})`,
  not: (a) => `(bvnot ${a})`,
  shl: (a, n) => `(bvshl ${a} ${n})`,
  shr: (a, n, w) => `(${s(w) ? 'bvashr' : 'bvlshr'} ${a} ${n})`,
  eq: (a, b) => `(= ${a} ${b})`,
  lt: (a, b, w) => `(${s(w) ? 'bvslt' : 'bvult'} ${a} ${b})`,
  le: (a, b, w) => `(${s(w) ? 'bvsle' : 'bvule'} ${a} ${b})`,
  cast: (a, from, to) => `(cast ${sz(from)} ${sz(to)} ${a})`,
  addOverflows: (a, b, w) => (s(w) ? `(bvsaddo ${a} ${b})` : 'false'),
  subOverflows: (a, b, w) => (s(w) ? `(bvssubo ${a} ${b})` : 'false'),
  mulOverflows: (a, b, w) => (s(w) ? `(bvsmulo ${a} ${b})` : 'false'),
  bool: (v) => String(v),
  notB: (a) => `(not ${a})`,
  andB: (a, b) => `(and ${a} ${b})`,
  orB: (a, b) => `(or ${a} ${b})`,
};
const F: FloatDomain<string, string, string> = {
  lit: (x) => `(fp ${x})`,
  add: (a, b) => `(fp.add ${a} ${b})`,
  sub: (a, b) => `(fp.sub ${a} ${b})`,
  mul: (a, b) => `(fp.mul ${a} ${b})`,
  div: (a, b) => `(fp.div ${a} ${b})`,
  rem: (a, b) => `(fp.rem ${a} ${b})`,
  neg: (a) => `(fp.neg ${a})`,
  eq: (a, b) => `(fp.eq ${a} ${b})`,
  lt: (a, b) => `(fp.lt ${a} ${b})`,
  le: (a, b) => `(fp.leq ${a} ${b})`,
  resize: (a) => a,
  fromInt: (a) => `(to_fp ${a})`,
  fitsInt: (a, w) => `(fits ${sz(w)} ${a})`,
  toInt: (a, _b, w) => `(fp.to_${s(w) ? 's' : 'u'}bv ${a})`,
};
const i64: Width = { bits: 64, signed: true };
const u8: Width = { bits: 8, signed: false };

test('signed add: the value and the overflow condition as terms', () => {
  const o = intArith(T, 'add', i64, ['x', 'y']);
  assert.is(o.value, '(bvadd x y)');
  assert.equal(o.faults.map((f) => [f.category, f.when, f.traps]), [['overflow', '(bvsaddo x y)', false]]);
});

test('signed division: zero divisor and MinValue / -1 conditions', () => {
  const o = intArith(T, 'div', i64, ['x', 'y']);
  assert.is(o.value, '(bvsdiv x y)');
  assert.equal(o.faults.map((f) => f.when), [
    '(= y (lit bv64 0))',
    '(and (= x (lit bv64 -9223372036854775808)) (= y (lit bv64 -1)))',
  ]);
  assert.equal(intArith(T, 'rem', u8, ['x', 'y']).faults.map((f) => f.when), ['(= y (lit bv8 0))', 'false']);
});

test('shift count masking and unsigned order as terms', () => {
  assert.is(intShift(T, 'shr', u8, 8, 'x', 'n', i64), '(bvlshr x (bvand (cast bv64 bv8 n) (lit bv8 7)))');
  assert.is(intCompare(T, 'gt', u8, 'a', 'b'), '(bvult b a)');
});

test('float -> int: the overflow condition is "does not fit"', () => {
  const o = convert(T, F, { kind: 'float', bits: 64 }, { kind: 'int', w: i64 }, 'f');
  assert.is(o.value, '(fp.to_sbv f)');
  assert.equal(o.faults.map((f) => f.when), ['(not (fits bv64 f))']);
});

test.run();
