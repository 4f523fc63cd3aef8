// Concrete evaluation of the SMT-LIB FloatingPoint operators the float encodings use
// (verifier/semantics/mlir/symbolic-float.ts), exactly or not at all: an fp value is its
// IEEE bits (a bigint of eb + sb bits, every NaN the one canonical quiet NaN: SMT-LIB has a
// single NaN), a rounding mode a code. JS numbers are IEEE binary64 with round-to-nearest-
// even, so binary64 +, -, *, /, sqrt are exact; binary32 ones are too through Math.fround
// (a double holds 53 >= 2 * 24 + 2 bits: rounding twice gives the once-rounded result).
// Anything else (binary16 arithmetic, fma, rem, another rounding mode, fp.to_sbv/to_ubv of a
// value out of range, which SMT-LIB leaves open and the encodings guard as poison) throws
// `unspecified`: the caller does not get a guess. Integer -> float is exact at any width.
import { EvalError, type ModelValue } from './model.ts';
import type { Sort } from './term.ts';

const RM_CODES: Record<string, bigint> = { RNE: 0n, RTZ: 1n };
const RNE = 0n;
const RTZ = 1n;

type Fmt = { eb: number; sb: number };

const unsupported = (what: string): never => {
  throw new EvalError(`no exact concrete semantics for ${what}`, 'unspecified');
};

function fmtOf(s: Sort | undefined, what: string): Fmt {
  if (!s || s.kind !== 'fp') return unsupported(`${what} of a non-float`);
  return { eb: s.eb, sb: s.sb };
}

const width = (f: Fmt) => f.eb + f.sb;
const canonicalNaN = (f: Fmt) => (((1n << BigInt(f.eb)) - 1n) << BigInt(f.sb - 1)) | (1n << BigInt(f.sb - 2));

/** The number a bit pattern stands for (exact: binary16/32/64 are all within binary64). */
export function decodeFp(bits: bigint, f: Fmt): number {
  if (f.eb + f.sb > 64) unsupported(`a float of ${width(f)} bits`);
  const m = bits & ((1n << BigInt(f.sb - 1)) - 1n);
  const e = (bits >> BigInt(f.sb - 1)) & ((1n << BigInt(f.eb)) - 1n);
  const neg = (bits >> BigInt(width(f) - 1)) & 1n;
  const bias = (1 << (f.eb - 1)) - 1;
  let x: number;
  if (e === (1n << BigInt(f.eb)) - 1n) x = m === 0n ? Infinity : NaN;
  else if (e === 0n) x = Number(m) * 2 ** (1 - bias - (f.sb - 1));
  else x = (1 + Number(m) / 2 ** (f.sb - 1)) * 2 ** (Number(e) - bias);
  return neg ? -x : x;
}

/** The bits of x rounded to nearest even into format f; x must already be exact in binary64. */
function encodeFp(x: number, f: Fmt): bigint {
  if (Number.isNaN(x)) return canonicalNaN(f);
  if (f.eb === 11 && f.sb === 53) {
    const b = new Float64Array([x]);
    return new BigUint64Array(b.buffer)[0]!;
  }
  if (f.eb === 8 && f.sb === 24) {
    const b = new Float32Array([x]);
    return BigInt(new Uint32Array(b.buffer)[0]!);
  }
  // binary16 and others: exact only where x is representable as it is
  if (f.eb === 5 && f.sb === 11) {
    const neg = x < 0 || Object.is(x, -0) ? 1n << 15n : 0n;
    const a = Math.abs(x);
    if (a === Infinity) return neg | (0x1fn << 10n);
    if (a === 0) return neg;
    for (let e = -14; e <= 15; e++) {
      const m = a / 2 ** e; // normal: m in [1, 2); e = -14 also covers subnormals (m < 1)
      if ((m >= 1 && m < 2) || (e === -14 && m < 1)) {
        const frac = m * 1024;
        if (!Number.isInteger(frac)) break;
        return neg | (m >= 1 ? (BigInt(e + 15) << 10n) | BigInt(frac - 1024) : BigInt(frac));
      }
    }
    return unsupported('rounding to binary16');
  }
  return unsupported(`a float format (${f.eb}, ${f.sb})`);
}

/** The bits of the integer v rounded once to nearest even into format f, for integers of any
 *  width (review 23: beyond 2^53 this was unspecified, though sitofp/uitofp and SMT-LIB's
 *  to_fp are exact there): the top sb bits of |v|, rounded up when the rest is above half an
 *  ulp, or exactly half and the kept bits odd; a carry to 2^sb moves up one binade; past the
 *  largest finite value, infinity (an integer is never subnormal). */
export function intToFp(v: bigint, f: Fmt): bigint {
  const sign = v < 0n ? 1n << BigInt(width(f) - 1) : 0n;
  let m = v < 0n ? -v : v;
  if (m === 0n) return 0n; // +0: to_fp of the integer 0
  let e = m.toString(2).length - 1; // |v| in [2^e, 2^(e+1))
  const shift = e + 1 - f.sb;
  if (shift > 0) {
    const rest = m & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    m >>= BigInt(shift);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
    if (m === 1n << BigInt(f.sb)) {
      m >>= 1n;
      e += 1;
    }
  } else m <<= BigInt(-shift);
  const bias = (1 << (f.eb - 1)) - 1;
  if (e > bias) return sign | (((1n << BigInt(f.eb)) - 1n) << BigInt(f.sb - 1)); // infinity
  return sign | (BigInt(e + bias) << BigInt(f.sb - 1)) | (m - (1n << BigInt(f.sb - 1)));
}

/** x op y rounded to nearest even in f, exactly. */
function arith(f: Fmt, x: number, what: string): number {
  if (f.eb === 11 && f.sb === 53) return x;
  if (f.eb === 8 && f.sb === 24) return Math.fround(x);
  return unsupported(`${what} in (${f.eb}, ${f.sb})`);
}

function roundToIntegral(x: number, rm: bigint): number {
  if (!Number.isFinite(x)) return x;
  if (rm === RTZ) return Math.trunc(x);
  const lo = Math.floor(x);
  const d = x - lo; // exact: x and lo are within one binade of each other or lo is 0
  let r = d < 0.5 ? lo : d > 0.5 ? lo + 1 : lo % 2 === 0 ? lo : lo + 1;
  if (r === 0 && (x < 0 || Object.is(x, -0))) r = -0;
  return r;
}

const OPS = new Set([
  'RNE', 'RTZ', 'to_fp', 'to_fp_unsigned', 'fp.to_sbv', 'fp.to_ubv', 'fp.add', 'fp.sub', 'fp.mul', 'fp.div', 'fp.sqrt', 'fp.rem', 'fp.fma',
  'fp.roundToIntegral', 'fp.neg', 'fp.abs', 'fp.min', 'fp.max', 'fp.isNaN', 'fp.isInfinite', 'fp.isZero', 'fp.isNegative', 'fp.isPositive',
  'fp.isNormal', 'fp.isSubnormal', 'fp.eq', 'fp.lt', 'fp.leq', 'fp.gt', 'fp.geq',
]);

/** Is `op` a FloatingPoint operator (evaluated here)? */
export const isFpOp = (op: string): boolean => OPS.has(op);

export function applyFp(op: string, indices: number[], args: ModelValue[], argSorts: Sort[], resultSort: Sort): ModelValue {
  const n = (i: number) => args[i] as bigint;
  const num = (i: number) => decodeFp(n(i), fmtOf(argSorts[i], op));
  const rne = () => n(0) === RNE || unsupported(`${op} with a rounding mode other than RNE`);
  const out = (x: number) => encodeFp(x, fmtOf(resultSort, op));
  const chain = (p: (x: number, y: number) => boolean) => args.every((_, i) => i === 0 || p(num(i - 1), num(i)));
  switch (op) {
    case 'RNE':
    case 'RTZ':
      return RM_CODES[op]!;
    case 'to_fp': {
      const rf = fmtOf(resultSort, op);
      if (args.length === 1) {
        // ((_ to_fp eb sb) bits): the bits reinterpreted (a NaN: the NaN)
        return Number.isNaN(decodeFp(n(0), rf)) ? canonicalNaN(rf) : n(0);
      }
      rne();
      const a = argSorts[1]!;
      if (a.kind === 'fp') return out(num(1));
      if (a.kind !== 'bv') return unsupported(`${op} of a ${a.kind}`);
      const v = n(1) >= 1n << BigInt(a.width - 1) ? n(1) - (1n << BigInt(a.width)) : n(1);
      return intToFp(v, rf);
    }
    case 'to_fp_unsigned': {
      rne();
      return intToFp(n(1), fmtOf(resultSort, op));
    }
    case 'fp.to_sbv':
    case 'fp.to_ubv': {
      // SMT-LIB: unspecified for NaN, infinities and values out of range
      const x = roundToIntegral(num(1), n(0));
      const w = indices[0]!;
      if (!Number.isFinite(x)) return unsupported(`${op} of a NaN or an infinity`);
      const v = BigInt(x);
      const [lo, hi] = op === 'fp.to_sbv' ? [-(1n << BigInt(w - 1)), (1n << BigInt(w - 1)) - 1n] : [0n, (1n << BigInt(w)) - 1n];
      if (v < lo || v > hi) return unsupported(`${op} out of range`);
      return BigInt.asUintN(w, v);
    }
    case 'fp.add':
      rne();
      return out(arith(fmtOf(resultSort, op), num(1) + num(2), op));
    case 'fp.sub':
      rne();
      return out(arith(fmtOf(resultSort, op), num(1) - num(2), op));
    case 'fp.mul':
      rne();
      return out(arith(fmtOf(resultSort, op), num(1) * num(2), op));
    case 'fp.div':
      rne();
      return out(arith(fmtOf(resultSort, op), num(1) / num(2), op));
    case 'fp.sqrt':
      rne();
      return out(arith(fmtOf(resultSort, op), Math.sqrt(num(1)), op));
    case 'fp.roundToIntegral':
      if (n(0) !== RNE && n(0) !== RTZ) unsupported(`${op} with that rounding mode`);
      return out(roundToIntegral(num(1), n(0)));
    case 'fp.neg':
      return out(-num(0));
    case 'fp.abs':
      return out(Math.abs(num(0)));
    case 'fp.isNaN':
      return Number.isNaN(num(0));
    case 'fp.isInfinite':
      return Math.abs(num(0)) === Infinity;
    case 'fp.isZero':
      return num(0) === 0;
    case 'fp.isNegative':
      return !Number.isNaN(num(0)) && (num(0) < 0 || Object.is(num(0), -0));
    case 'fp.isPositive':
      return !Number.isNaN(num(0)) && (num(0) > 0 || Object.is(num(0), 0));
    case 'fp.eq':
      return chain((x, y) => x === y);
    case 'fp.lt':
      return chain((x, y) => x < y);
    case 'fp.leq':
      return chain((x, y) => x <= y);
    case 'fp.gt':
      return chain((x, y) => x > y);
    case 'fp.geq':
      return chain((x, y) => x >= y);
    default:
      // fp.rem, fp.fma, fp.min/max (unspecified on zeros of both signs), isNormal/isSubnormal
      return unsupported(op);
  }
}
