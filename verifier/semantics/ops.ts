// The meaning of Core's numeric primitives (PrimOp on integers and floats, Convert),
// written once over the abstract domains of domain.ts. Each function returns the value
// and the faults (overflow, div-by-zero) with the exact condition under which they occur;
// the interpreter decides concretely, the symbolic engine turns them into obligations.
import type { IntBits } from '../../compiler/types/types.ts';
import type { FloatBits, FloatDomain, IntDomain, Outcome, Width } from './domain.ts';

export type IntArithOp = 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'neg' | 'band' | 'bor' | 'bxor' | 'bnot';
export type ShiftOp = 'shl' | 'shr';
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export type FloatArithOp = 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'neg';

export function isSigned(w: Width): boolean {
  return w !== 'math' && w.signed;
}

/** MinValue of a signed width. */
function minValue<I, B>(D: IntDomain<I, B>, w: Width): I {
  const bits = w === 'math' ? 64 : w.bits;
  return D.lit(-(1n << BigInt(bits - 1)), w);
}

/** Integer arithmetic; `args` has one operand for `neg`/`bnot`, two otherwise.
 *  `+ - *` and unary `-` wrap, with a non-trapping `overflow` fault when signed;
 *  `/ %` truncate, trap on a zero divisor and (signed) on MinValue / -1. */
export function intArith<I, B>(D: IntDomain<I, B>, op: IntArithOp, w: Width, args: I[]): Outcome<I, B> {
  const a = args[0]!;
  const b = args[1] ?? a;
  switch (op) {
    case 'add':
      return { value: D.add(a, b, w), faults: [{ category: 'overflow', when: D.addOverflows(a, b, w), traps: false, what: 'signed overflow in +' }] };
    case 'sub':
      return { value: D.sub(a, b, w), faults: [{ category: 'overflow', when: D.subOverflows(a, b, w), traps: false, what: 'signed overflow in -' }] };
    case 'mul':
      return { value: D.mul(a, b, w), faults: [{ category: 'overflow', when: D.mulOverflows(a, b, w), traps: false, what: 'signed overflow in *' }] };
    case 'neg': {
      // -MinValue is MinValue again; only signed fixed widths can overflow.
      const when = isSigned(w) ? D.eq(a, minValue(D, w), w) : D.bool(false);
      return { value: D.neg(a, w), faults: [{ category: 'overflow', when, traps: false, what: 'signed overflow in unary -' }] };
    }
    case 'div':
    case 'rem': {
      const zero = D.eq(b, D.lit(0n, w), w);
      const minByMinusOne = isSigned(w)
        ? D.andB(D.eq(a, minValue(D, w), w), D.eq(b, D.lit(-1n, w), w))
        : D.bool(false);
      const sym = op === 'div' ? '/' : '%';
      return {
        value: op === 'div' ? D.div(a, b, w) : D.rem(a, b, w),
        faults: [
          { category: 'div-by-zero', when: zero, traps: true, what: `division by zero in ${sym}` },
          // x86 idiv raises #DE for MinValue / -1 (and for % -1), exactly like a zero divisor.
          { category: 'overflow', when: minByMinusOne, traps: true, what: `MinValue ${sym} -1 overflows` },
        ],
      };
    }
    case 'band':
      return { value: D.and(a, b, w), faults: [] };
    case 'bor':
      return { value: D.or(a, b, w), faults: [] };
    case 'bxor':
      return { value: D.xor(a, b, w), faults: [] };
    case 'bnot':
      return { value: D.not(a, w), faults: [] };
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

/** `<<<` / `>>>`: the count (of width `countW`) is masked by the bit width `bits` of the
 *  shifted type, as F# does (`1 <<< 65` on int is 2). In contracts (`w` = math) the count
 *  is masked the same way and the result is exact. */
export function intShift<I, B>(D: IntDomain<I, B>, op: ShiftOp, w: Width, bits: IntBits, a: I, n: I, countW: Width): I {
  const count = D.and(D.cast(n, countW, w), D.lit(BigInt(bits - 1), w), w);
  return op === 'shl' ? D.shl(a, count, w) : D.shr(a, count, w);
}

export function intCompare<I, B>(D: IntDomain<I, B>, op: CompareOp, w: Width, a: I, b: I): B {
  switch (op) {
    case 'eq':
      return D.eq(a, b, w);
    case 'ne':
      return D.notB(D.eq(a, b, w));
    case 'lt':
      return D.lt(a, b, w);
    case 'le':
      return D.le(a, b, w);
    case 'gt':
      return D.lt(b, a, w);
    case 'ge':
      return D.le(b, a, w);
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

export function floatArith<F, I, B>(Fl: FloatDomain<F, I, B>, op: FloatArithOp, bits: FloatBits, args: F[]): F {
  const a = args[0]!;
  const b = args[1] ?? a;
  switch (op) {
    case 'add':
      return Fl.add(a, b, bits);
    case 'sub':
      return Fl.sub(a, b, bits);
    case 'mul':
      return Fl.mul(a, b, bits);
    case 'div':
      return Fl.div(a, b, bits);
    case 'rem':
      return Fl.rem(a, b, bits);
    case 'neg':
      return Fl.neg(a, bits);
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

/** IEEE comparison: every ordered comparison with NaN is false, and `<>` is true. */
export function floatCompare<F, I, B>(Fl: FloatDomain<F, I, B>, D: IntDomain<I, B>, op: CompareOp, a: F, b: F): B {
  switch (op) {
    case 'eq':
      return Fl.eq(a, b);
    case 'ne':
      return D.notB(Fl.eq(a, b));
    case 'lt':
      return Fl.lt(a, b);
    case 'le':
      return Fl.le(a, b);
    case 'gt':
      return Fl.lt(b, a);
    case 'ge':
      return Fl.le(b, a);
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

/** A numeric type as the conversions see it (`char` is an unsigned 32-bit integer). */
export type NumTy = { kind: 'int'; w: Width } | { kind: 'float'; bits: FloatBits };

/** `int8 x`, `float x`, `char x`...: integer narrowing truncates, widening extends by the
 *  source's signedness; float -> int truncates toward zero and is an `overflow` fault when
 *  the result does not fit (non-trapping: native code yields a garbage value). */
export function convert<I, F, B>(
  D: IntDomain<I, B>,
  Fl: FloatDomain<F, I, B>,
  from: NumTy,
  to: NumTy,
  x: I | F,
): Outcome<I | F, B> {
  if (from.kind === 'int' && to.kind === 'int') return { value: D.cast(x as I, from.w, to.w), faults: [] };
  if (from.kind === 'int' && to.kind === 'float') return { value: Fl.fromInt(x as I, from.w, to.bits), faults: [] };
  if (from.kind === 'float' && to.kind === 'float') return { value: Fl.resize(x as F, from.bits, to.bits), faults: [] };
  if (from.kind === 'float' && to.kind === 'int') {
    const f = x as F;
    return {
      value: Fl.toInt(f, from.bits, to.w),
      faults: [{ category: 'overflow', when: D.notB(Fl.fitsInt(f, to.w)), traps: false, what: 'float value out of range of the integer type' }],
    };
  }
  throw new Error('convert: unreachable');
}
