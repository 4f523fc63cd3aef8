// The abstract value domain the MLIR semantics is written over: signless bit-vectors of a
// known width (V) and booleans (B). Every op's meaning (ops-*.ts) is written once against
// this interface and run two ways: with bigints and booleans (concrete-domain.ts: the
// interpreter, counterexample replay) and with SMT terms (symbolic-domain.ts: translation
// validation). Each method is one SMT-LIB operator or a short combination of them; widths
// are passed explicitly because a concrete bigint does not carry one.
import type { FArith, FW } from './float.ts';

export interface Dom<V, B> {
  readonly symbolic: boolean;
  lit(v: bigint, w: number): V;
  bool(b: boolean): B;
  /** Arithmetic modulo 2^w. Division by zero gives an unspecified value: the op semantics
   *  raise UB for a zero divisor before using the result. */
  add(a: V, b: V, w: number): V;
  sub(a: V, b: V, w: number): V;
  mul(a: V, b: V, w: number): V;
  neg(a: V, w: number): V;
  udiv(a: V, b: V, w: number): V;
  urem(a: V, b: V, w: number): V;
  sdiv(a: V, b: V, w: number): V;
  srem(a: V, b: V, w: number): V;
  and(a: V, b: V, w: number): V;
  or(a: V, b: V, w: number): V;
  xor(a: V, b: V, w: number): V;
  not(a: V, w: number): V;
  /** Shifts as SMT-LIB defines them: an amount >= w gives 0 (shl, lshr) or the sign (ashr). */
  shl(a: V, n: V, w: number): V;
  lshr(a: V, n: V, w: number): V;
  ashr(a: V, n: V, w: number): V;
  eq(a: V, b: V, w: number): B;
  ult(a: V, b: V, w: number): B;
  ule(a: V, b: V, w: number): B;
  slt(a: V, b: V, w: number): B;
  sle(a: V, b: V, w: number): B;
  zext(a: V, from: number, to: number): V;
  sext(a: V, from: number, to: number): V;
  trunc(a: V, from: number, to: number): V;
  /** hi ++ lo (hi in the high bits). */
  concat(hi: V, whi: number, lo: V, wlo: number): V;
  /** Bits hi..lo of a w-bit value. */
  extract(a: V, hi: number, lo: number, w: number): V;
  ite(c: B, a: V, b: V, w: number): V;
  notB(a: B): B;
  andB(...xs: B[]): B;
  orB(...xs: B[]): B;
  iteB(c: B, a: B, b: B): B;
  /** The boolean as a 1-bit vector and back. */
  fromBool(b: B): V;
  toBool(v: V): B;
  /** IEEE-754 on bit patterns of format w (binary32/64), rounding to nearest even. A NaN
   *  result is written as the canonical NaN (float.ts CANONICAL_NAN) by every op below. */
  farith(op: FArith, a: V, b: V, w: FW): V;
  fisNaN(a: V, w: FW): B;
  fisInf(a: V, w: FW): B;
  /** cmpf/fcmp predicate number (float.ts `fcmp`). */
  fcmp(pred: number, a: V, b: V, w: FW): B;
  /** sitofp / uitofp of a `from`-bit integer. */
  itofp(a: V, from: number, to: FW, signed: boolean): V;
  /** fptosi / fptoui toward zero; `fits` is false for NaN, infinities and out-of-range
   *  values (then `v` is unspecified). */
  fptoi(a: V, from: FW, to: number, signed: boolean): { v: V; fits: B };
  /** extf / truncf: one rounding to the other format. */
  fresize(a: V, from: FW, to: FW): V;
  /** Whether float bits may hold a NaN written by float arithmetic — symbolically, the one
   *  canonical NaN standing for LangRef's nondeterministic NaN (README, "Floating point");
   *  concretely never asked (an execution is one choice). */
  fpDerived(a: V): boolean;
  /** The literal value when known (always, concretely), else null. */
  known(v: V): bigint | null;
  knownB(b: B): boolean | null;
}

// ---------------------------------------------------------------- derived operations

export function signBit<V, B>(D: Dom<V, B>, a: V, w: number): B {
  return D.slt(a, D.lit(0n, w), w);
}

export function minSigned<V, B>(D: Dom<V, B>, w: number): V {
  return D.lit(1n << BigInt(w - 1), w);
}

export function allOnes<V, B>(D: Dom<V, B>, w: number): V {
  return D.lit((1n << BigInt(w)) - 1n, w);
}

export function neq<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  return D.notB(D.eq(a, b, w));
}

export function eqB<V, B>(D: Dom<V, B>, a: B, b: B): B {
  return D.iteB(a, b, D.notB(b));
}

/** Does the exact sum / difference / product leave the signed or unsigned range of w bits? */
export function uaddOverflow<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  return D.ult(D.add(a, b, w), a, w);
}
export function saddOverflow<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  const r = D.add(a, b, w);
  return signBit(D, D.and(D.xor(r, a, w), D.xor(r, b, w), w), w);
}
export function usubOverflow<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  return D.ult(a, b, w);
}
export function ssubOverflow<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  const r = D.sub(a, b, w);
  return signBit(D, D.and(D.xor(a, b, w), D.xor(a, r, w), w), w);
}
export function umulOverflow<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  const p = D.mul(D.zext(a, w, 2 * w), D.zext(b, w, 2 * w), 2 * w);
  return neq(D, D.extract(p, 2 * w - 1, w, 2 * w), D.lit(0n, w), w);
}
export function smulOverflow<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  const p = D.mul(D.sext(a, w, 2 * w), D.sext(b, w, 2 * w), 2 * w);
  return neq(D, D.sext(D.trunc(p, 2 * w, w), w, 2 * w), p, 2 * w);
}

/** Signed division overflow: MIN / -1. */
export function sdivOverflow<V, B>(D: Dom<V, B>, a: V, b: V, w: number): B {
  return D.andB(D.eq(a, minSigned(D, w), w), D.eq(b, allOnes(D, w), w));
}

export function isZero<V, B>(D: Dom<V, B>, a: V, w: number): B {
  return D.eq(a, D.lit(0n, w), w);
}

export function umin<V, B>(D: Dom<V, B>, a: V, b: V, w: number): V {
  return D.ite(D.ult(a, b, w), a, b, w);
}
export function umax<V, B>(D: Dom<V, B>, a: V, b: V, w: number): V {
  return D.ite(D.ult(a, b, w), b, a, w);
}
export function smin<V, B>(D: Dom<V, B>, a: V, b: V, w: number): V {
  return D.ite(D.slt(a, b, w), a, b, w);
}
export function smax<V, B>(D: Dom<V, B>, a: V, b: V, w: number): V {
  return D.ite(D.slt(a, b, w), b, a, w);
}

/** Resize an integer to `to` bits: truncate, or extend (signed or not). */
export function resize<V, B>(D: Dom<V, B>, a: V, from: number, to: number, signed: boolean): V {
  if (to === from) return a;
  if (to < from) return D.trunc(a, from, to);
  return signed ? D.sext(a, from, to) : D.zext(a, from, to);
}
