// The shared numeric semantics (ops.ts) run over the concrete domains.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bigIntDomain as D, bigintToFloat32, numberFloatDomain as Fl } from '../../../verifier/semantics/concrete.ts';
import type { Width } from '../../../verifier/semantics/domain.ts';
import { convert, floatArith, floatCompare, intArith, intCompare, intShift } from '../../../verifier/semantics/ops.ts';

const i8: Width = { bits: 8, signed: true };
const u8: Width = { bits: 8, signed: false };
const i32: Width = { bits: 32, signed: true };
const u32: Width = { bits: 32, signed: false };
const i64: Width = { bits: 64, signed: true };
const u64: Width = { bits: 64, signed: false };
const MIN64 = -(1n << 63n);
const MAX64 = (1n << 63n) - 1n;

function faults(o: { faults: { category: string; when: boolean; traps: boolean }[] }): string[] {
  return o.faults.filter((f) => f.when).map((f) => `${f.category}${f.traps ? '!' : ''}`);
}

test('+ - * wrap; signed overflow is a non-trapping fault, unsigned never faults', () => {
  const a = intArith(D, 'add', i8, [127n, 1n]);
  assert.is(a.value, -128n);
  assert.equal(faults(a), ['overflow']);
  const u = intArith(D, 'add', u8, [255n, 1n]);
  assert.is(u.value, 0n);
  assert.equal(faults(u), []);
  assert.is(intArith(D, 'sub', u8, [0n, 1n]).value, 255n);
  const m = intArith(D, 'mul', i64, [MAX64, 2n]);
  assert.is(m.value, -2n);
  assert.equal(faults(m), ['overflow']);
  assert.equal(faults(intArith(D, 'mul', i64, [1n << 31n, 1n << 31n])), []);
  const n = intArith(D, 'neg', i32, [-(1n << 31n)]);
  assert.is(n.value, -(1n << 31n));
  assert.equal(faults(n), ['overflow']);
  assert.equal(faults(intArith(D, 'neg', i32, [5n])), []);
  assert.is(intArith(D, 'neg', u32, [1n]).value, 0xffffffffn);
});

test('/ and % truncate toward zero', () => {
  assert.is(intArith(D, 'div', i64, [-7n, 2n]).value, -3n);
  assert.is(intArith(D, 'rem', i64, [-7n, 2n]).value, -1n);
  assert.is(intArith(D, 'div', i64, [7n, -2n]).value, -3n);
  assert.is(intArith(D, 'rem', i64, [7n, -2n]).value, 1n);
  assert.is(intArith(D, 'rem', i64, [-7n, -2n]).value, -1n);
});

test('zero divisor and MinValue / -1 trap; unsigned division is unsigned', () => {
  assert.equal(faults(intArith(D, 'div', i64, [1n, 0n])), ['div-by-zero!']);
  assert.equal(faults(intArith(D, 'rem', u8, [1n, 0n])), ['div-by-zero!']);
  const q = intArith(D, 'div', i64, [MIN64, -1n]);
  assert.equal(faults(q), ['overflow!']);
  assert.is(q.value, MIN64);
  assert.equal(faults(intArith(D, 'rem', i32, [-(1n << 31n), -1n])), ['overflow!']);
  assert.equal(faults(intArith(D, 'div', i64, [MIN64, 1n])), []);
  // 0xFFFFFFFF / 2 as unsigned, not -1 / 2.
  assert.is(intArith(D, 'div', u32, [0xffffffffn, 2n]).value, 0x7fffffffn);
  assert.is(intArith(D, 'rem', u64, [(1n << 64n) - 1n, 10n]).value, 5n);
});

test('contract arithmetic (math) is exact and never overflows', () => {
  const a = intArith(D, 'add', 'math', [MAX64, 1n]);
  assert.is(a.value, MAX64 + 1n);
  assert.equal(faults(a), []);
  assert.is(intArith(D, 'mul', 'math', [MAX64, MAX64]).value, MAX64 * MAX64);
  assert.equal(faults(intArith(D, 'div', 'math', [1n, 0n])), ['div-by-zero!']);
});

test('shift counts are masked by the width (F#): 1 <<< 65 on int is 2', () => {
  assert.is(intShift(D, 'shl', i64, 64, 1n, 65n, i64), 2n);
  assert.is(intShift(D, 'shl', i64, 64, 1n, 64n, i64), 1n);
  assert.is(intShift(D, 'shl', i64, 64, 1n, 63n, i64), MIN64);
  assert.is(intShift(D, 'shl', i64, 64, 1n, -1n, i64), MIN64); // -1 &&& 63 = 63
  assert.is(intShift(D, 'shl', i32, 32, 1n, 33n, i32), 2n);
  assert.is(intShift(D, 'shl', u8, 8, 1n, 9n, i64), 2n);
  assert.is(intShift(D, 'shl', u8, 8, 0x81n, 1n, i64), 2n); // high bit shifted out
  assert.is(intShift(D, 'shl', i8, 8, 0x40n, 1n, i64), -128n);
});

test('>>> is arithmetic on signed, logical on unsigned', () => {
  assert.is(intShift(D, 'shr', i64, 64, -8n, 1n, i64), -4n);
  assert.is(intShift(D, 'shr', i32, 32, -1n, 31n, i32), -1n);
  assert.is(intShift(D, 'shr', i32, 32, -1n, 32n, i32), -1n); // count 32 masks to 0
  assert.is(intShift(D, 'shr', u8, 8, 0x80n, 1n, i64), 0x40n);
  assert.is(intShift(D, 'shr', u64, 64, (1n << 64n) - 1n, 63n, i64), 1n);
  assert.is(intShift(D, 'shr', i8, 8, -128n, 7n, i64), -1n);
});

test('comparisons: unsigned types compare unsigned', () => {
  assert.is(intCompare(D, 'gt', u32, 0xffffffffn, 1n), true);
  assert.is(intCompare(D, 'lt', i32, -1n, 1n), true);
  assert.is(intCompare(D, 'ge', u64, (1n << 63n), (1n << 63n) - 1n), true);
  assert.is(intCompare(D, 'ne', i64, 3n, 3n), false);
  assert.is(intCompare(D, 'le', i64, 3n, 3n), true);
});

test('narrowing conversions truncate; widening extends by the source signedness', () => {
  const ci = (x: bigint, from: Width, to: Width) => convert(D, Fl, { kind: 'int', w: from }, { kind: 'int', w: to }, x).value;
  assert.is(ci(300n, i64, i8), 44n);
  assert.is(ci(200n, i64, i8), -56n);
  assert.is(ci(-1n, i64, u8), 255n);
  assert.is(ci(0xffffffffn, u32, i32), -1n);
  assert.is(ci(-1n, i8, u32), 0xffffffffn); // sign-extend, then reinterpret
  assert.is(ci(255n, u8, i32), 255n); // zero-extend
  assert.is(ci(-1n, i64, u64), (1n << 64n) - 1n);
  assert.is(ci(1n << 40n, i64, i32), 0n);
});

test('float -> int truncates toward zero; out of range is an overflow fault with the x86 value', () => {
  const cf = (x: number, to: Width) => convert(D, Fl, { kind: 'float', bits: 64 }, { kind: 'int', w: to }, x);
  assert.is(cf(2.9, i64).value, 2n);
  assert.is(cf(-2.9, i64).value, -2n);
  assert.equal(faults(cf(-2.9, i64)), []);
  assert.is(cf(-0.5, u8).value, 0n);
  assert.equal(faults(cf(-0.5, u8)), []);
  assert.is(cf(9.2e18, i64).value, 9200000000000000000n);
  assert.equal(faults(cf(1e19, i64)), ['overflow']);
  assert.is(cf(1e19, i64).value, MIN64); // cvttsd2si "integer indefinite"
  assert.is(cf(NaN, i64).value, MIN64);
  assert.equal(faults(cf(NaN, i64)), ['overflow']);
  assert.is(cf(Infinity, i32).value, -(1n << 31n));
  assert.equal(faults(cf(-(2 ** 63), i64)), []);
  assert.is(cf(-(2 ** 63), i64).value, MIN64);
  assert.equal(faults(cf(300, u8)), ['overflow']);
  assert.is(cf(300, u8).value, 44n); // via int32, truncated
  assert.is(cf(-1, u8).value, 255n);
  assert.is(cf(1e19, u64).value, 10000000000000000000n);
  assert.equal(faults(cf(1e19, u64)), []);
  assert.equal(faults(cf(2 ** 64, u64)), ['overflow']);
  assert.is(cf(2 ** 64, u64).value, 0n);
  assert.is(cf(-1, u64).value, (1n << 64n) - 1n);
  assert.is(cf(5e9, u32).value, 705032704n); // 5e9 mod 2^32
});

test('int -> float rounds to nearest even, float32 in one rounding', () => {
  const toF = (x: bigint, w: Width, bits: 32 | 64) => convert(D, Fl, { kind: 'int', w }, { kind: 'float', bits }, x).value;
  assert.is(toF(MAX64, i64, 64), 2 ** 63);
  assert.is(toF((1n << 64n) - 1n, u64, 64), 2 ** 64);
  assert.is(toF(16777217n, i64, 32), 16777216);
  // 2^53 + 2^29 + 1 is just above the midpoint of two float32s: rounding through a
  // float64 first would land on the midpoint and then round down to 2^53.
  const x = (1n << 53n) + (1n << 29n) + 1n;
  assert.is(bigintToFloat32(x), 2 ** 53 + 2 ** 30);
  assert.is(toF(x, i64, 32), 2 ** 53 + 2 ** 30);
  assert.is(bigintToFloat32(-x), -(2 ** 53 + 2 ** 30));
  assert.is(toF(-5n, i32, 32), -5);
});

test('float32 arithmetic rounds after every operation; IEEE comparisons', () => {
  const a = Fl.lit(0.1, 32);
  const b = Fl.lit(0.2, 32);
  const s = floatArith(Fl, 'add', 32, [a, b]);
  assert.is(s, Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  assert.is.not(s, 0.1 + 0.2);
  assert.is(floatArith(Fl, 'add', 64, [0.1, 0.2]), 0.30000000000000004);
  assert.is(floatArith(Fl, 'rem', 64, [-7.5, 2]), -1.5);
  assert.is(floatArith(Fl, 'div', 64, [1, 0]), Infinity);
  assert.is(floatCompare(Fl, D, 'eq', NaN, NaN), false);
  assert.is(floatCompare(Fl, D, 'ne', NaN, NaN), true);
  assert.is(floatCompare(Fl, D, 'lt', NaN, 1), false);
  assert.is(floatCompare(Fl, D, 'ge', NaN, 1), false);
  assert.is(floatCompare(Fl, D, 'eq', -0, 0), true);
  const f32 = convert(D, Fl, { kind: 'float', bits: 64 }, { kind: 'float', bits: 32 }, 0.1).value;
  assert.is(f32, Math.fround(0.1));
});

test.run();
