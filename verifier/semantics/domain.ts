// The abstract value domains that the meaning of every Core primitive is written over
// (ops.ts). The interpreter runs ops.ts with the concrete instances in concrete.ts (BigInt
// and JS numbers); the symbolic engine runs the same ops.ts with SMT terms (bit-vectors,
// mathematical integers, floating point). Keep these interfaces small: each method is one
// SMT-LIB operator or a short combination of them.
import type { IntBits } from '../../compiler/types/types.ts';

/** An integer's width and signedness, or `math`: an unbounded mathematical integer
 *  (contract expressions). A `char` is `{ bits: 32, signed: false }`. */
export type Width = { bits: IntBits; signed: boolean } | 'math';

export type FloatBits = 32 | 64;

/** I: integer values, B: booleans. Arithmetic on a fixed width is modulo 2^bits (the
 *  result is the width's representative); on `math` it is exact. Every operation is total:
 *  a zero divisor gives an unspecified value, because ops.ts guards it with a fault. */
export interface IntDomain<I, B> {
  lit(n: bigint, w: Width): I;
  add(a: I, b: I, w: Width): I;
  sub(a: I, b: I, w: Width): I;
  mul(a: I, b: I, w: Width): I;
  neg(a: I, w: Width): I;
  /** Quotient and remainder truncated toward zero (signedness from `w`). */
  div(a: I, b: I, w: Width): I;
  rem(a: I, b: I, w: Width): I;
  and(a: I, b: I, w: Width): I;
  or(a: I, b: I, w: Width): I;
  xor(a: I, b: I, w: Width): I;
  not(a: I, w: Width): I;
  /** Shifts by a count `n` that is already in [0, bits) (ops.ts masks it).
   *  `shr` is arithmetic on signed widths, logical on unsigned. */
  shl(a: I, n: I, w: Width): I;
  shr(a: I, n: I, w: Width): I;
  eq(a: I, b: I, w: Width): B;
  /** Signed or unsigned order, from `w`. */
  lt(a: I, b: I, w: Width): B;
  le(a: I, b: I, w: Width): B;
  /** Truncation, sign extension (signed source) or zero extension (unsigned source). */
  cast(a: I, from: Width, to: Width): I;
  /** True when the exact result of a signed `a op b` is outside `w` (false for unsigned
   *  and `math`: those never overflow). */
  addOverflows(a: I, b: I, w: Width): B;
  subOverflows(a: I, b: I, w: Width): B;
  mulOverflows(a: I, b: I, w: Width): B;
  // Booleans.
  bool(v: boolean): B;
  notB(a: B): B;
  andB(a: B, b: B): B;
  orB(a: B, b: B): B;
}

/** F: IEEE-754 values of 32 or 64 bits (round to nearest even after every operation). */
export interface FloatDomain<F, I, B> {
  lit(x: number, bits: FloatBits): F;
  add(a: F, b: F, bits: FloatBits): F;
  sub(a: F, b: F, bits: FloatBits): F;
  mul(a: F, b: F, bits: FloatBits): F;
  div(a: F, b: F, bits: FloatBits): F;
  /** fmod: the remainder with the sign of the dividend (F# `%` on floats). */
  rem(a: F, b: F, bits: FloatBits): F;
  neg(a: F, bits: FloatBits): F;
  /** IEEE comparisons: false whenever an operand is NaN; -0 = +0. */
  eq(a: F, b: F): B;
  lt(a: F, b: F): B;
  le(a: F, b: F): B;
  resize(a: F, from: FloatBits, to: FloatBits): F;
  /** The integer rounded to the nearest float (ties to even). */
  fromInt(a: I, w: Width, bits: FloatBits): F;
  /** Does `a` truncated toward zero fit in `w` (false for NaN and infinities)? */
  fitsInt(a: F, w: Width): B;
  /** `a` truncated toward zero. Out of range (fitsInt false) the value is what x86-64
   *  code produces (see concrete.ts); symbolically it is unconstrained. */
  toInt(a: F, bits: FloatBits, w: Width): I;
}

/** Something that can go wrong in an operation: `when` holds exactly when it does.
 *  `traps`: native x86-64 code stops here too (integer division), so the interpreter
 *  stops even with checks off; otherwise native code silently wraps/saturates. */
export type Fault<B> = { category: 'overflow' | 'div-by-zero'; when: B; traps: boolean; what: string };

/** The meaning of one operation: its value, valid when no fault's `when` holds. */
export type Outcome<V, B> = { value: V; faults: Fault<B>[] };
