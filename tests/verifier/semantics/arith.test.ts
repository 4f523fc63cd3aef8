// Prim and Convert through the interpreter: when faults stop the run, with and without checks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, convert, k, ob, op, prim, stopsWith, ty, v, value, let_, seq, if_ } from './build.ts';

const MIN64 = -(1n << 63n);
const MAX64 = (1n << 63n) - 1n;

test('signed overflow with its obligation: a violation at the obligation with checks, wraps without', () => {
  const add = prim('add', [k(MAX64), k(1n)], ty.int, [ob('overflow', 3, 7)]);
  assert.is(stopsWith(add), 'overflow@3:7');
  assert.is(value(add, false), MIN64);
  const mul = prim('mul', [k(1n << 32n), k(1n << 31n)], ty.int, [ob('overflow', 4, 2)]);
  assert.is(stopsWith(mul), 'overflow@4:2');
  const neg = prim('neg', [k(-128n, ty.i8)], ty.i8, [ob('overflow', 5)]);
  assert.is(stopsWith(neg), 'overflow@5:1');
  assert.is(value(neg, false), -128n);
});

test('arithmetic without an overflow obligation (Wrapping.*, unsigned) wraps even with checks', () => {
  assert.is(value(prim('add', [k(MAX64), k(1n)], ty.int)), MIN64);
  assert.is(value(prim('add', [k(255n, ty.u8), k(1n, ty.u8)], ty.u8, [ob('overflow', 2)])), 0n);
  assert.is(value(prim('sub', [k(0n, ty.u32), k(1n, ty.u32)], ty.u32)), 0xffffffffn);
});

test('division by zero stops with or without checks', () => {
  const d = prim('div', [k(7n), k(0n)], ty.int, [ob('div-by-zero', 9, 3)]);
  assert.is(stopsWith(d), 'div-by-zero@9:3');
  assert.is(stopsWith(d, false), 'div-by-zero@9:3');
  assert.is(stopsWith(prim('rem', [k(7n, ty.u8), k(0n, ty.u8)], ty.u8)), 'div-by-zero@1:1');
});

test('MinValue / -1 and MinValue % -1 trap like x86 idiv, also without checks', () => {
  const d = prim('div', [k(MIN64), k(-1n)], ty.int, [ob('div-by-zero', 2), ob('overflow', 2, 5)]);
  assert.is(stopsWith(d), 'overflow@2:5');
  assert.is(stopsWith(d, false), 'overflow@2:5');
  assert.is(stopsWith(prim('rem', [k(-(1n << 31n), ty.i32), k(-1n, ty.i32)], ty.i32)), 'overflow@1:1');
  assert.is(value(prim('div', [k(MIN64), k(1n)], ty.int, [ob('overflow', 2)])), MIN64);
  // Unsigned: 2^64-1 / 2^64-1 is 1, nothing special.
  assert.is(value(prim('div', [k((1n << 64n) - 1n, ty.u64), k((1n << 64n) - 1n, ty.u64)], ty.u64)), 1n);
});

test('truncating division and unsigned division/compare', () => {
  assert.is(value(op('div', k(-7n), k(2n))), -3n);
  assert.is(value(op('rem', k(-7n), k(2n))), -1n);
  assert.is(value(op('div', k(0xfffffffen, ty.u32), k(2n, ty.u32))), 0x7fffffffn);
  assert.is(value(op('lt', k(1n, ty.u32), k(0xffffffffn, ty.u32))), true);
  assert.is(value(op('gt', k(0x80n, ty.u8), k(0x7fn, ty.u8))), true);
  assert.is(value(op('gt', k(-128n, ty.i8), k(127n, ty.i8))), false);
});

test('shifts mask the count: 1 <<< 65 = 2 on int; >>> arithmetic vs logical', () => {
  assert.is(value(op('shl', k(1n), k(65n))), 2n);
  assert.is(value(op('shl', k(1n, ty.i32), k(33n, ty.i32))), 2n);
  assert.is(value(op('shl', k(1n, ty.u8), k(9n, ty.i32))), 2n);
  assert.is(value(op('shr', k(-16n), k(2n, ty.i32))), -4n);
  assert.is(value(op('shr', k(0xf0n, ty.u8), k(4n, ty.i32))), 0x0fn);
  assert.is(value(op('shr', k((1n << 64n) - 1n, ty.u64), k(64n, ty.i32))), (1n << 64n) - 1n);
});

test('bitwise operators', () => {
  assert.is(value(op('band', k(0b1100n), k(0b1010n))), 0b1000n);
  assert.is(value(op('bor', k(0b1100n), k(0b1010n))), 0b1110n);
  assert.is(value(op('bxor', k(0b1100n), k(0b1010n))), 0b0110n);
  assert.is(value(op('bnot', k(0n, ty.u8))), 255n);
  assert.is(value(op('bnot', k(0n))), -1n);
});

test('narrowing conversions truncate', () => {
  assert.is(value(convert(k(300n), ty.u8)), 44n);
  assert.is(value(convert(k(200n), ty.i8)), -56n);
  assert.is(value(convert(k(0xffffffffn, ty.u32), ty.i32)), -1n);
  assert.is(value(convert(k(-1n, ty.i8), ty.u64)), (1n << 64n) - 1n);
  assert.is(value(convert(k(65n), ty.char)), 65n);
  assert.is(value(convert(k(0x1f600n, ty.char), ty.u8)), 0n);
  assert.is(value(convert(k(2.75, ty.float), ty.int)), 2n);
  assert.is(value(convert(k(7n), ty.float)), 7);
  assert.is(value(convert(k(0.1, ty.float), ty.float32)), Math.fround(0.1));
});

test('float -> int out of range: overflow with checks and its obligation; x86 value without', () => {
  const c = convert(k(1e30, ty.float), ty.int, [ob('overflow', 6, 4)]);
  assert.is(stopsWith(c), 'overflow@6:4');
  assert.is(value(c, false), MIN64);
  assert.is(value(convert(k(NaN, ty.float), ty.i32, [ob('overflow', 6)]), false), -(1n << 31n));
});

test('float arithmetic: float64 exact JS, float32 rounded each step, IEEE compare', () => {
  assert.is(value(op('add', k(0.1, ty.float), k(0.2, ty.float))), 0.30000000000000004);
  const f32 = op('add', k(0.1, ty.float32), k(0.2, ty.float32));
  assert.is(value(f32), Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  assert.is(value(op('div', k(1, ty.float), k(0, ty.float))), Infinity);
  assert.is(value(op('eq', k(NaN, ty.float), k(NaN, ty.float))), false);
  assert.is(value(op('ne', k(NaN, ty.float), k(NaN, ty.float))), true);
  assert.is(value(op('neg', k(0, ty.float))), -0);
});

test('contract (math) prims are exact', () => {
  const big = prim('add', [k(MAX64), k(1n)], ty.int, [], true);
  assert.is(value(big), MAX64 + 1n);
  const cmp = prim('gt', [big, k(MAX64)], ty.bool, [], true);
  assert.is(value(cmp), true);
});

test('structural equality and order on strings, tuples, records and unions', () => {
  const tup = (a: bigint, b: string) => ({ kind: 'Tuple' as const, items: [k(a), k(b, ty.string)], ty: ty.tuple(ty.int, ty.string), span: at(1) });
  assert.is(value(op('eq', tup(1n, 'x'), tup(1n, 'x'))), true);
  assert.is(value(op('ne', tup(1n, 'x'), tup(1n, 'y'))), true);
  assert.is(value(op('lt', tup(1n, 'x'), tup(1n, 'y'))), true);
  const some = (n: bigint) => ({ kind: 'MakeCase' as const, tag: 1, payload: [k(n)], ty: ty.union('option', ty.int), span: at(1) });
  const none = { kind: 'MakeCase' as const, tag: 0, payload: [], ty: ty.union('option', ty.int), span: at(1) };
  assert.is(value(op('eq', some(3n), some(3n))), true);
  assert.is(value(op('eq', some(3n), some(4n))), false);
  assert.is(value(op('eq', some(3n), none)), false);
  assert.is(value(op('lt', none, some(0n))), true);
  assert.is(value(op('eq', k('héllo', ty.string), k('héllo', ty.string))), true);
  assert.is(value(op('lt', k('abc', ty.string), k('abd', ty.string))), true);
  // Code-point order: U+FF61 < U+1F600, although its UTF-16 unit is larger than 0xD83D.
  assert.is(value(op('lt', k('\uFF61', ty.string), k('😀', ty.string))), true);
  assert.is(value(op('lt', k(false, ty.bool), k(true, ty.bool))), true);
});

test('strings: concatenation and UTF-8 length', () => {
  assert.is(value(prim('strcat', [k('ab', ty.string), k('€', ty.string)], ty.string)), 'ab€');
  assert.is(value(prim('strlen', [k('ab€', ty.string)], ty.int)), 5n);
});

test('left-to-right evaluation with mutation', () => {
  const e = let_('x', k(1n), seq(
    { kind: 'Assign', name: 'x', value: op('mul', v('x'), k(10n)), ty: ty.unit, span: at(1) },
    if_(op('eq', v('x'), k(10n)), k(1n), k(0n)),
  ), true);
  assert.is(value(e), 1n);
});

test.run();
