// Float literals: hex bit patterns <-> numbers per MLIR float type, and printing a value so
// that MLIR reads back the same value of that type.
import type { FloatName } from './ir.ts';

/** Exponent and mantissa widths of the IEEE-like formats a JS number can hold exactly. */
const IEEE: Partial<Record<FloatName, [number, number]>> = {
  f16: [5, 10],
  bf16: [8, 7],
  tf32: [8, 10],
  f32: [8, 23],
  f64: [11, 52],
};

/** The value of a bit pattern, or null when the format is not one a number models exactly. */
export function floatFromBits(bits: bigint, name: FloatName): number | null {
  const fmt = IEEE[name];
  if (!fmt) return null;
  const [eb, mb] = fmt;
  const sign = (bits >> BigInt(eb + mb)) & 1n ? -1 : 1;
  const exp = Number((bits >> BigInt(mb)) & ((1n << BigInt(eb)) - 1n));
  const man = bits & ((1n << BigInt(mb)) - 1n);
  const bias = (1 << (eb - 1)) - 1;
  if (exp === (1 << eb) - 1) return man === 0n ? sign * Infinity : NaN;
  if (name === 'f64') {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setBigUint64(0, bits);
    return dv.getFloat64(0);
  }
  // Narrower formats: every value is exact in a double, so plain arithmetic is exact.
  const m = Number(man) / 2 ** mb;
  return exp === 0 ? sign * m * 2 ** (1 - bias) : sign * (1 + m) * 2 ** (exp - bias);
}

/**
 * `value` rounded to the nearest value of the float type (ties to even), as MLIR does when
 * it reads a literal; formats a number cannot model exactly are left as they are.
 */
export function roundToFloat(value: number, name: FloatName): number {
  if (name === 'f64' || !Number.isFinite(value) || value === 0) return value;
  if (name === 'f32') return Math.fround(value);
  const fmt = IEEE[name];
  if (!fmt) return value;
  const [eb, mb] = fmt;
  const bias = (1 << (eb - 1)) - 1;
  const mag = Math.abs(value);
  let e = Math.floor(Math.log2(mag));
  if (2 ** e > mag) e--;
  else if (2 ** (e + 1) <= mag) e++;
  const quantum = 2 ** (Math.max(e, 1 - bias) - mb);
  const x = mag / quantum;
  const fl = Math.floor(x);
  const rounded = (x - fl > 0.5 || (x - fl === 0.5 && fl % 2 === 1) ? fl + 1 : fl) * quantum;
  const max = (2 - 2 ** -mb) * 2 ** bias;
  const out = rounded > max ? Infinity : rounded;
  return value < 0 ? -out : out;
}

/** The bits of an infinity or the canonical quiet NaN, for printing non-finite values. */
function specialBits(value: number, name: FloatName): string | null {
  const fmt = IEEE[name];
  if (!fmt) return null;
  const [eb, mb] = fmt;
  const expAll = ((1n << BigInt(eb)) - 1n) << BigInt(mb);
  let bits = Number.isNaN(value) ? expAll | (1n << BigInt(mb - 1)) : expAll;
  if (value < 0) bits |= 1n << BigInt(eb + mb);
  const digits = Math.ceil((eb + mb + 1) / 4);
  return '0x' + bits.toString(16).toUpperCase().padStart(digits, '0');
}

/** A literal MLIR reads back as exactly `value` (finite values) or its bit pattern. */
export function formatFloat(value: number, name: FloatName): string {
  if (!Number.isFinite(value)) {
    const bits = specialBits(value, name);
    if (bits === null) throw new Error(`cannot print a non-finite ${name} without its bit pattern`);
    return bits;
  }
  const neg = value < 0 || Object.is(value, -0);
  const mag = Math.abs(value);
  // MLIR's own style (`1.500000e+00`) when six digits are exact, else the shortest exact text.
  const short = mag.toExponential(6).replace(/e([+-])(\d)$/, 'e$10$2');
  let text: string;
  if (roundToFloat(Number(short), name) === mag) text = short;
  else {
    text = String(mag);
    if (!text.includes('.')) text = text.includes('e') ? text.replace('e', '.0e') : text + '.0';
  }
  return neg ? '-' + text : text;
}
