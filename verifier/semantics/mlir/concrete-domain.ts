// The concrete instance of the domain: a w-bit value is a bigint in [0, 2^w), a boolean is a
// boolean. Used by the interpreter and by counterexample replay.
import type { Dom } from './domain.ts';
import { bitsToNumber, canonicalBits, fbin, fcmp, floatToInt, intToFloat } from './float.ts';

const mask = (w: number) => (1n << BigInt(w)) - 1n;
const u = (v: bigint, w: number) => BigInt.asUintN(w, v);
const s = (v: bigint, w: number) => BigInt.asIntN(w, v);

export const C: Dom<bigint, boolean> = {
  symbolic: false,
  lit: (v, w) => u(v, w),
  bool: (b) => b,
  add: (a, b, w) => u(a + b, w),
  sub: (a, b, w) => u(a - b, w),
  mul: (a, b, w) => u(a * b, w),
  neg: (a, w) => u(-a, w),
  udiv: (a, b, w) => (b === 0n ? mask(w) : a / b),
  urem: (a, b) => (b === 0n ? a : a % b),
  sdiv: (a, b, w) => (b === 0n ? 0n : u(s(a, w) / s(b, w), w)),
  srem: (a, b, w) => (b === 0n ? a : u(s(a, w) % s(b, w), w)),
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  not: (a, w) => u(~a, w),
  shl: (a, n, w) => (n >= BigInt(w) ? 0n : u(a << n, w)),
  lshr: (a, n, w) => (n >= BigInt(w) ? 0n : a >> n),
  ashr: (a, n, w) => u(s(a, w) >> (n >= BigInt(w) ? BigInt(w - 1) : n), w),
  eq: (a, b) => a === b,
  ult: (a, b) => a < b,
  ule: (a, b) => a <= b,
  slt: (a, b, w) => s(a, w) < s(b, w),
  sle: (a, b, w) => s(a, w) <= s(b, w),
  zext: (a) => a,
  sext: (a, from, to) => u(s(a, from), to),
  trunc: (a, _from, to) => u(a, to),
  concat: (hi, _whi, lo, wlo) => (hi << BigInt(wlo)) | lo,
  extract: (a, hi, lo) => u(a >> BigInt(lo), hi - lo + 1),
  ite: (c, a, b) => (c ? a : b),
  notB: (a) => !a,
  andB: (...xs) => xs.every((x) => x),
  orB: (...xs) => xs.some((x) => x),
  iteB: (c, a, b) => (c ? a : b),
  fromBool: (b) => (b ? 1n : 0n),
  toBool: (v) => v !== 0n,
  farith: (op, a, b, w) => canonicalBits(fbin(op, bitsToNumber(a, w), bitsToNumber(b, w)), w),
  fisNaN: (a, w) => Number.isNaN(bitsToNumber(a, w)),
  fisInf: (a, w) => Math.abs(bitsToNumber(a, w)) === Infinity,
  fcmp: (pred, a, b, w) => fcmp(pred, bitsToNumber(a, w), bitsToNumber(b, w)),
  itofp: (a, from, to, signed) => canonicalBits(intToFloat(signed ? s(a, from) : a, to), to),
  fptoi: (a, from, to, signed) => {
    const r = floatToInt(bitsToNumber(a, from), to, signed);
    return { v: r ?? 0n, fits: r !== null };
  },
  fresize: (a, from, to) => (from === to ? a : canonicalBits(bitsToNumber(a, from), to)),
  fpDerived: () => false,
  known: (v) => v,
  knownB: (b) => b,
};
