// The concrete instances of the domains: integers are BigInts kept normalised to their
// width (signed widths in [-2^(n-1), 2^(n-1)), unsigned in [0, 2^n)), so BigInt's own
// order and division already are the signed or unsigned ones; floats are JS numbers,
// float32 rounded with Math.fround after every operation; booleans are booleans.
import type { FloatBits, FloatDomain, IntDomain, Width } from './domain.ts';

/** The representative of `n` in width `w` (identity for math). */
export function norm(n: bigint, w: Width): bigint {
  if (w === 'math') return n;
  return w.signed ? BigInt.asIntN(w.bits, n) : BigInt.asUintN(w.bits, n);
}

export function widthRange(w: { bits: number; signed: boolean }): { min: bigint; max: bigint } {
  const b = BigInt(w.bits);
  return w.signed ? { min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n } : { min: 0n, max: (1n << b) - 1n };
}

function overflows(exact: bigint, w: Width): boolean {
  return w !== 'math' && w.signed && norm(exact, w) !== exact;
}

export const bigIntDomain: IntDomain<bigint, boolean> = {
  lit: (n, w) => norm(n, w),
  add: (a, b, w) => norm(a + b, w),
  sub: (a, b, w) => norm(a - b, w),
  mul: (a, b, w) => norm(a * b, w),
  neg: (a, w) => norm(-a, w),
  // BigInt `/` and `%` truncate toward zero; a zero divisor would throw, so it yields 0.
  div: (a, b, w) => (b === 0n ? 0n : norm(a / b, w)),
  rem: (a, b, w) => (b === 0n ? 0n : norm(a % b, w)),
  and: (a, b, w) => norm(a & b, w),
  or: (a, b, w) => norm(a | b, w),
  xor: (a, b, w) => norm(a ^ b, w),
  not: (a, w) => norm(~a, w),
  shl: (a, n, w) => norm(a << n, w),
  // Unsigned values are non-negative, so `>>` is the logical shift for them.
  shr: (a, n, w) => norm(a >> n, w),
  eq: (a, b) => a === b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  cast: (a, _from, to) => norm(a, to),
  addOverflows: (a, b, w) => overflows(a + b, w),
  subOverflows: (a, b, w) => overflows(a - b, w),
  mulOverflows: (a, b, w) => overflows(a * b, w),
  bool: (v) => v,
  notB: (a) => !a,
  andB: (a, b) => a && b,
  orB: (a, b) => a || b,
};

function round(x: number, bits: FloatBits): number {
  return bits === 32 ? Math.fround(x) : x;
}

const TWO53 = 1n << 53n;

/** The float32 nearest to an integer (ties to even), rounded once: going through a
 *  float64 first would round twice and can be off by one float32 ulp. */
export function bigintToFloat32(b: bigint): number {
  if (b >= -TWO53 && b <= TWO53) return Math.fround(Number(b)); // Number(b) is exact here
  const neg = b < 0n;
  const m = neg ? -b : b;
  const shift = BigInt(m.toString(2).length - 24);
  let q = m >> shift;
  const r = m - (q << shift);
  const half = 1n << (shift - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  const v = Number(q) * 2 ** Number(shift);
  return Math.fround(neg ? -v : v);
}

/** `cvttsd2si` with a `bits`-wide destination: out of range or NaN gives the "integer
 *  indefinite" value, MinValue of that width. */
function cvtt(x: number, bits: 32 | 64): bigint {
  const lim = 2 ** (bits - 1);
  const t = Math.trunc(x);
  if (Number.isNaN(t) || t >= lim || t < -lim) return -(1n << BigInt(bits - 1));
  return BigInt(t);
}

/** What clang -O2 code on x86-64 yields for float -> int, also out of range (where the
 *  conversion is an `overflow` obligation and LLVM's fptosi/fptoui are poison):
 *  int64/int32 use cvttsd2si of that width; narrower types convert to int32 and truncate;
 *  uint32 converts to int64 and truncates; uint64 uses LLVM's two-range sequence. */
export function x86FloatToInt(x: number, w: Width): bigint {
  if (w === 'math') return Number.isFinite(x) ? BigInt(Math.trunc(x)) : 0n;
  if (w.signed && (w.bits === 64 || w.bits === 32)) return cvtt(x, w.bits);
  if (w.bits === 64) {
    const two63 = 2 ** 63;
    return x < two63 ? norm(cvtt(x, 64), w) : norm(cvtt(x - two63, 64) ^ (1n << 63n), w);
  }
  if (w.bits === 32) return norm(cvtt(x, 64), w);
  return norm(cvtt(x, 32), w);
}

export const numberFloatDomain: FloatDomain<number, bigint, boolean> = {
  lit: (x, bits) => round(x, bits),
  add: (a, b, bits) => round(a + b, bits),
  sub: (a, b, bits) => round(a - b, bits),
  mul: (a, b, bits) => round(a * b, bits),
  div: (a, b, bits) => round(a / b, bits),
  rem: (a, b, bits) => round(a % b, bits), // JS `%` on numbers is C's fmod
  neg: (a, bits) => round(-a, bits),
  eq: (a, b) => a === b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  resize: (a, _from, to) => round(a, to),
  // Number(bigint) rounds to nearest, ties to even (ECMAScript's 𝔽(x)).
  fromInt: (a, _w, bits) => (bits === 32 ? bigintToFloat32(a) : Number(a)),
  fitsInt: (a, w) => {
    if (!Number.isFinite(a)) return false;
    if (w === 'math') return true;
    const t = BigInt(Math.trunc(a));
    const { min, max } = widthRange(w);
    return t >= min && t <= max;
  },
  toInt: (a, _bits, w) => x86FloatToInt(a, w),
};
