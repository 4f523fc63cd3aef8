// The symbolic instances of the value domains (../domain.ts): the same ops.ts definitions
// that the interpreter runs over BigInts build SMT terms here.
// - A fixed-width integer is a bit-vector of its width (signedness lives in the operators).
// - A `math` integer (contract expressions) is a signed bit-vector of the program's math
//   width M (math-width.ts): wide enough that no contract expression of the program can
//   leave it, so modular arithmetic in M bits IS mathematical arithmetic there. Everything
//   stays in one theory (bit-vectors + arrays), which z3 bit-blasts well, instead of mixing
//   in Int with bv2nat/int2bv conversions.
// - Floats are not modelled (the term layer has no floating-point sort): a float value is an
//   opaque bit-vector of its IEEE bits. Operations on literals are folded with the concrete
//   semantics; anything else is a fresh unconstrained term — an over-approximation, so a
//   proof that needs float facts fails (never the other way round).
import type { TermFactory } from '../../smt/factory.ts';
import { BOOL, bvSort, type Term } from '../../smt/term.ts';
import type { FloatBits, FloatDomain, IntDomain, Width } from '../domain.ts';
import { bigIntDomain, norm, numberFloatDomain } from '../concrete.ts';

export function isSignedW(w: Width): boolean {
  return w === 'math' || w.signed;
}

export type SymIntDomain = IntDomain<Term, Term> & { mathBits: number; bitsOf(w: Width): number };

export function symIntDomain(F: TermFactory, mathBits: number): SymIntDomain {
  const bitsOf = (w: Width): number => (w === 'math' ? mathBits : w.bits);
  const s = isSignedW;
  const bin = (op: Parameters<TermFactory['app']>[0]) => (a: Term, b: Term) => F.app(op, [a, b]);
  /** Signed `op` of n-bit a and b overflows iff the (n+1)-bit exact result's top two bits differ. */
  const addSubOverflow = (op: 'bvadd' | 'bvsub', a: Term, b: Term, w: Width): Term => {
    if (w === 'math' || !w.signed) return F.false;
    const n = w.bits;
    const r = F.app(op, [F.sext(1, a), F.sext(1, b)]);
    return F.not(F.eq(F.extract(n, n, r), F.extract(n - 1, n - 1, r)));
  };
  return {
    mathBits,
    bitsOf,
    lit: (n, w) => F.bv(norm(n, w === 'math' ? 'math' : w), bitsOf(w)),
    add: bin('bvadd'),
    sub: bin('bvsub'),
    mul: bin('bvmul'),
    neg: (a) => F.app('bvneg', [a]),
    div: (a, b, w) => F.app(s(w) ? 'bvsdiv' : 'bvudiv', [a, b]),
    rem: (a, b, w) => F.app(s(w) ? 'bvsrem' : 'bvurem', [a, b]),
    and: bin('bvand'),
    or: bin('bvor'),
    xor: bin('bvxor'),
    not: (a) => F.app('bvnot', [a]),
    shl: bin('bvshl'),
    shr: (a, n, w) => F.app(s(w) ? 'bvashr' : 'bvlshr', [a, n]),
    eq: (a, b) => F.eq(a, b),
    lt: (a, b, w) => F.app(s(w) ? 'bvslt' : 'bvult', [a, b]),
    le: (a, b, w) => F.app(s(w) ? 'bvsle' : 'bvule', [a, b]),
    cast: (a, from, to) => resize(F, a, bitsOf(to), s(from)),
    addOverflows: (a, b, w) => addSubOverflow('bvadd', a, b, w),
    subOverflows: (a, b, w) => addSubOverflow('bvsub', a, b, w),
    mulOverflows: (a, b, w) => {
      if (w === 'math' || !w.signed) return F.false;
      const n = w.bits;
      const p = F.app('bvmul', [F.sext(n, a), F.sext(n, b)]);
      return F.not(F.eq(p, F.sext(n, F.extract(n - 1, 0, p))));
    },
    bool: (v) => F.bool(v),
    notB: (a) => F.not(a),
    andB: (a, b) => F.and(a, b),
    orB: (a, b) => F.or(a, b),
  };
}

/** `a` (a bit-vector of any width) truncated or extended to `bits`; `signed` picks the extension. */
export function resize(F: TermFactory, a: Term, bits: number, signed: boolean): Term {
  const from = a.sort.kind === 'bv' ? a.sort.width : 0;
  if (from === bits) return a;
  if (bits < from) return F.extract(bits - 1, 0, a);
  return signed ? F.sext(bits - from, a) : F.zext(bits - from, a);
}

// ---- floats: IEEE bit patterns, folded when literal ----

const buf = new DataView(new ArrayBuffer(8));

export function floatBits(x: number, bits: FloatBits): bigint {
  if (bits === 64) {
    buf.setFloat64(0, x);
    return buf.getBigUint64(0);
  }
  buf.setFloat32(0, x);
  return BigInt(buf.getUint32(0));
}

export function floatOfBits(v: bigint, bits: FloatBits): number {
  if (bits === 64) {
    buf.setBigUint64(0, BigInt.asUintN(64, v));
    return buf.getFloat64(0);
  }
  buf.setUint32(0, Number(BigInt.asUintN(32, v)));
  return buf.getFloat32(0);
}

function litValue(t: Term): bigint | null {
  return t.kind === 'bv' ? t.value : null;
}

export function symFloatDomain(F: TermFactory, D: SymIntDomain): FloatDomain<Term, Term, Term> {
  const C = numberFloatDomain;
  const width = (t: Term): FloatBits => (t.sort.kind === 'bv' && t.sort.width === 32 ? 32 : 64);
  const num = (t: Term): number | null => {
    const v = litValue(t);
    return v === null ? null : floatOfBits(v, width(t));
  };
  const lit = (x: number, bits: FloatBits) => F.bv(floatBits(x, bits), bits);
  const freshF = (bits: FloatBits) => F.fresh('float', bvSort(bits));
  const freshB = () => F.fresh('fcmp', BOOL);
  const arith = (f: (a: number, b: number, bits: FloatBits) => number) => (a: Term, b: Term, bits: FloatBits) => {
    const x = num(a);
    const y = num(b);
    return x !== null && y !== null ? lit(f(x, y, bits), bits) : freshF(bits);
  };
  const cmp = (f: (a: number, b: number) => boolean) => (a: Term, b: Term) => {
    const x = num(a);
    const y = num(b);
    return x !== null && y !== null ? F.bool(f(x, y)) : freshB();
  };
  /** The integer value of a bit-vector literal read at width `w`. */
  const intLit = (t: Term, w: Width): bigint | null => {
    const v = litValue(t);
    if (v === null) return null;
    return isSignedW(w) ? BigInt.asIntN(D.bitsOf(w), v) : v;
  };
  return {
    lit,
    add: arith(C.add),
    sub: arith(C.sub),
    mul: arith(C.mul),
    div: arith(C.div),
    rem: arith(C.rem),
    neg: (a, bits) => {
      const x = num(a);
      return x !== null ? lit(C.neg(x, bits), bits) : freshF(bits);
    },
    eq: cmp(C.eq),
    lt: cmp(C.lt),
    le: cmp(C.le),
    resize: (a, from, to) => {
      if (from === to) return a;
      const x = num(a);
      return x !== null ? lit(C.resize(x, from, to), to) : freshF(to);
    },
    fromInt: (a, w, bits) => {
      const n = intLit(a, w);
      return n !== null ? lit(C.fromInt(n, w, bits), bits) : freshF(bits);
    },
    fitsInt: (a, w) => {
      const x = num(a);
      return x !== null ? F.bool(C.fitsInt(x, w)) : freshB();
    },
    toInt: (a, bits, w) => {
      const x = num(a);
      if (x === null) return F.fresh('ftoi', bvSort(D.bitsOf(w)));
      return D.lit(bigIntDomain.lit(C.toInt(x, bits, w), w), w);
    },
  };
}
