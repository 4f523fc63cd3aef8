// Concrete IEEE-754 arithmetic on bit patterns (floats travel as bits, values.ts). JS numbers
// are binary64; binary32 results are rounded with Math.fround, which is exact for + - * /
// and fmod computed in binary64 (53 >= 2*24+2 bits). The symbolic twin is symbolic-float.ts;
// both write a NaN result as CANONICAL_NAN so that they agree bit for bit (README).
const buf = new DataView(new ArrayBuffer(8));

/** The formats with float semantics (f16 has none: JS has no binary16 arithmetic). */
export type FW = 32 | 64;
export type FArith = 'add' | 'sub' | 'mul' | 'div' | 'rem';

/** The NaN every arithmetic op writes: positive, quiet, zero payload — LLVM's "preferred NaN",
 *  one of the results LangRef allows for any op that returns a NaN. */
export const CANONICAL_NAN: Record<FW, bigint> = { 32: 0x7fc00000n, 64: 0x7ff8000000000000n };

/** A number rounded to the format and written as bits, a NaN as the canonical NaN. */
export function canonicalBits(x: number, w: FW): bigint {
  return Number.isNaN(x) ? CANONICAL_NAN[w] : numberToBits(roundTo(x, w), w);
}

export function bitsToNumber(bits: bigint, w: 16 | 32 | 64): number {
  if (w === 64) {
    buf.setBigUint64(0, bits);
    return buf.getFloat64(0);
  }
  if (w === 32) {
    buf.setUint32(0, Number(bits));
    return buf.getFloat32(0);
  }
  throw new Error('f16 is not supported by the concrete float semantics');
}

export function numberToBits(x: number, w: 16 | 32 | 64): bigint {
  if (w === 64) {
    buf.setFloat64(0, x);
    return buf.getBigUint64(0);
  }
  if (w === 32) {
    buf.setFloat32(0, x);
    return BigInt(buf.getUint32(0));
  }
  throw new Error('f16 is not supported by the concrete float semantics');
}

export function roundTo(x: number, w: 16 | 32 | 64): number {
  return w === 32 ? Math.fround(x) : x;
}

/** The arithmetic ops (the min/max family is compares and selects: ops-float.ts `minMax`). */
export function fbin(op: FArith, a: number, b: number): number {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
    case 'rem':
      return a % b; // C fmod: the sign of the dividend
  }
}

/** cmpf / fcmp predicates (the same numbering in arith and llvm): false, oeq, ogt, oge,
 *  olt, ole, one, ord, ueq, ugt, uge, ult, ule, une, uno, true. */
export function fcmp(pred: number, a: number, b: number): boolean {
  const uno = Number.isNaN(a) || Number.isNaN(b);
  switch (pred) {
    case 0: return false;
    case 1: return !uno && a === b;
    case 2: return !uno && a > b;
    case 3: return !uno && a >= b;
    case 4: return !uno && a < b;
    case 5: return !uno && a <= b;
    case 6: return !uno && a !== b;
    case 7: return !uno;
    case 8: return uno || a === b;
    case 9: return uno || a > b;
    case 10: return uno || a >= b;
    case 11: return uno || a < b;
    case 12: return uno || a <= b;
    case 13: return uno || a !== b;
    case 14: return uno;
    case 15: return true;
  }
  throw new Error(`unknown float predicate ${pred}`);
}

/** Integer -> float, rounding once to nearest even (a bigint can exceed 2^53). */
export function intToFloat(v: bigint, w: 32 | 64 | 16): number {
  const x = Number(v); // Number(bigint) rounds to nearest even binary64
  if (w === 64) return x;
  // binary32: round the exact integer once, not through binary64
  if (Math.fround(x) === x || (v >= -(1n << 53n) && v <= 1n << 53n)) return Math.fround(x);
  const neg = v < 0n;
  let m = neg ? -v : v;
  let shift = 0n;
  while (m >= 1n << 26n) {
    const sticky = m & 1n;
    m >>= 1n;
    m |= sticky; // keep a sticky bit so the final rounding is exact
    shift++;
  }
  const r = Math.fround(Number(m) * 2 ** Number(shift));
  return neg ? -r : r;
}

/** float -> integer truncated toward zero, or null when it does not fit (poison). */
export function floatToInt(x: number, w: number, signed: boolean): bigint | null {
  if (!Number.isFinite(x)) return null;
  const t = BigInt(Math.trunc(x));
  const lo = signed ? -(1n << BigInt(w - 1)) : 0n;
  const hi = signed ? (1n << BigInt(w - 1)) - 1n : (1n << BigInt(w)) - 1n;
  if (t < lo || t > hi) return null;
  return BigInt.asUintN(w, t);
}
