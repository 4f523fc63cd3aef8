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
import { BOOL, INT, bvSort, type Sort, type Term } from '../../smt/term.ts';
import type { FloatBits, FloatDomain, IntDomain, Width } from '../domain.ts';
import { bigIntDomain, norm, numberFloatDomain } from '../concrete.ts';

export function isSignedW(w: Width): boolean {
  return w === 'math' || w.signed;
}

export const I64: Width = { bits: 64, signed: true };
export const I32: Width = { bits: 32, signed: true };

/** The symbolic domains share this shape; `repr` says how integers are represented:
 *  - `bv`: a fixed-width integer is a bit-vector of its width, a math integer a signed
 *    bit-vector of width `mathBits` (translation validation: MLIR is bit-vectors too);
 *  - `int`: every integer is an SMT Int, a fixed-width one kept in its type's range
 *    (arithmetic wraps explicitly). Same meaning; but the solver reasons about indices,
 *    bounds and overflow as linear integer arithmetic, 10-100x faster than through
 *    bit-blasted adders (measured), so the safety VCs use this one. */
export type SymIntDomain = IntDomain<Term, Term> & {
  repr: 'bv' | 'int';
  mathBits: number;
  bitsOf(w: Width): number;
  sort(w: Width): Sort;
  /** What every value of width `w` satisfies (its range in the Int representation). */
  inRange(t: Term, w: Width): Term;
  /** The integer a literal term denotes at width `w`, or null. */
  litValue(t: Term, w: Width): bigint | null;
  /** A math value already known to lie in `w`'s range, as a value of `w` (no wrapping). */
  exact(t: Term, w: Width): Term;
  /** How many operations were over-approximated so far (Int representation only). */
  approximations: number;
  /** Whether `mulOverflows` of two unknowns over-approximates the overflow (the Int
   *  representation without exact products): its negation is then stronger than "no
   *  overflow" and must not be assumed after the check (exec-prim.ts). */
  mulOverflowApprox: boolean;
};

function isqrt(n: bigint): bigint {
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function widthRangeOf(w: { bits: number; signed: boolean }): { min: bigint; max: bigint } {
  const b = BigInt(w.bits);
  return w.signed ? { min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n } : { min: 0n, max: (1n << b) - 1n };
}

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
    repr: 'bv',
    approximations: 0,
    mulOverflowApprox: false,
    mathBits,
    bitsOf,
    sort: (w) => bvSort(bitsOf(w)),
    inRange: () => F.true,
    litValue: (t, w) => (t.kind === 'bv' ? (s(w) ? BigInt.asIntN(t.width, t.value) : t.value) : null),
    exact: (t, w) => resize(F, t, bitsOf(w), true),
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

/** The Int representation (see SymIntDomain). Literals fold with the concrete semantics;
 *  bitwise operations on non-literal operands go through bit-vectors (int2bv / bv2nat). */
/** `exact`: products, quotients and remainders of two unknowns are the true (non-linear)
 *  ones instead of over-approximations — harder for the solver, so only for asking again
 *  where an over-approximated model did not replay (verifier/safety/prove.ts). */
export function symIntDomainInt(F: TermFactory, scales: readonly bigint[] = [], exact = false): SymIntDomain {
  const C = bigIntDomain;
  const lit = (t: Term): bigint | null => (t.kind === 'int' ? t.value : null);
  const k = (n: bigint) => F.int(n);
  const add = (a: Term, b: Term) => {
    const x = lit(a);
    const y = lit(b);
    if (x !== null && y !== null) return k(x + y);
    if (x === 0n) return b;
    if (y === 0n) return a;
    return F.app('+', [a, b]);
  };
  const sub = (a: Term, b: Term) => {
    const x = lit(a);
    const y = lit(b);
    if (x !== null && y !== null) return k(x - y);
    if (y === 0n) return a;
    return F.app('-', [a, b]);
  };
  const mul = (a: Term, b: Term) => {
    const x = lit(a);
    const y = lit(b);
    if (x !== null && y !== null) return k(x * y);
    if (x === 1n) return b;
    if (y === 1n) return a;
    if (x === 0n || y === 0n) return k(0n);
    return F.app('*', [a, b]);
  };
  const lt = (a: Term, b: Term) => {
    const x = lit(a);
    const y = lit(b);
    return x !== null && y !== null ? F.bool(x < y) : F.app('<', [a, b]);
  };
  const le = (a: Term, b: Term) => {
    const x = lit(a);
    const y = lit(b);
    return x !== null && y !== null ? F.bool(x <= y) : F.app('<=', [a, b]);
  };
  const range = (w: Width) => (w === 'math' ? null : widthRangeOf(w));
  const inRange = (t: Term, w: Width): Term => {
    const r = range(w);
    return r ? F.and(le(k(r.min), t), le(t, k(r.max))) : F.true;
  };
  /** The representative of x in w, for x anywhere. */
  const wrapMod = (x: Term, w: Width): Term => {
    const r = range(w);
    if (!r) return x;
    const v = lit(x);
    if (v !== null) return k(norm(v, w));
    const m = k(r.max - r.min + 1n);
    return r.min === 0n ? F.app('mod', [x, m]) : sub(F.app('mod', [add(x, k(-r.min)), m]), k(-r.min));
  };
  /** The representative of x in w, for x within one period of the range (sums, differences). */
  const wrapNear = (x: Term, w: Width): Term => {
    const r = range(w);
    if (!r) return x;
    const v = lit(x);
    if (v !== null) return k(norm(v, w));
    const m = r.max - r.min + 1n;
    return F.ite(lt(k(r.max), x), sub(x, k(m)), F.ite(lt(x, k(r.min)), add(x, k(m)), x));
  };
  const toBv = (a: Term, bits: number) => {
    const v = lit(a);
    return v !== null ? F.bv(v, bits) : F.app('int2bv', [a], [bits]);
  };
  const fromBv = (b: Term, w: Width): Term => {
    if (b.kind === 'bv') return k(s(w) ? BigInt.asIntN(b.width, b.value) : b.value);
    const n = F.app('bv2nat', [b]);
    if (!s(w) || w === 'math') return n;
    return F.ite(F.app('bvslt', [b, F.bv(0, w.bits)]), sub(n, k(1n << BigInt(w.bits))), n);
  };
  const s = isSignedW;
  /** Operations whose exact meaning is not linear arithmetic — bitwise operations on
   *  non-literal operands (int2bv / bv2nat mixed with arithmetic is very slow for solvers),
   *  products and quotients of two unknowns (non-linear: undecidable in general, and z3
   *  times out on them) — give any value of the width satisfying `ok`: bounds that the
   *  true result always meets. An over-approximation: sound for proofs (the true value is
   *  among the possible ones); a refutation must replay anyway. `dflt` satisfies `ok` too,
   *  so the term is an admissible value whatever the fresh choice is. */
  const choose = (w: Width, ok: (v: Term) => Term, dflt: Term): Term => {
    self.approximations++;
    const v = F.fresh('approx', INT);
    return F.ite(F.and(inRange(v, w), ok(v)), v, dflt);
  };
  const zero = k(0n);
  const nonneg = (t: Term) => le(zero, t);
  const min = (a: Term, b: Term) => F.ite(lt(a, b), a, b);
  const max = (a: Term, b: Term) => F.ite(lt(a, b), b, a);
  const exactBits = (f: (x: bigint, y: bigint) => bigint, a: Term, b: Term, w: Width): Term | null => {
    const x = lit(a);
    const y = lit(b);
    return x !== null && y !== null ? k(norm(f(x, y), w)) : null;
  };
  const approxAnd = (a: Term, b: Term, w: Width): Term => {
    if (!s(w)) return choose(w, (v) => F.and(nonneg(v), le(v, a), le(v, b)), zero);
    // x & y: within [0, x] when x >= 0, and at most min(x, y) (and negative) when both are negative
    const bothNeg = F.and(lt(a, zero), lt(b, zero));
    return choose(
      w,
      (v) => F.and(F.implies(nonneg(a), F.and(nonneg(v), le(v, a))), F.implies(nonneg(b), F.and(nonneg(v), le(v, b))), F.implies(bothNeg, F.and(lt(v, zero), le(v, min(a, b))))),
      F.ite(bothNeg, min(a, b), zero),
    );
  };
  const approxOrXor = (or: boolean, a: Term, b: Term, w: Width): Term => {
    const both = F.and(nonneg(a), nonneg(b));
    const lo = (v: Term) => (or ? le(max(a, b), v) : nonneg(v));
    const ok = (v: Term) => F.implies(both, F.and(lo(v), le(v, add(a, b))));
    return choose(w, ok, F.ite(both, or ? max(a, b) : zero, k(-1n)));
  };
  const abs = (t: Term) => F.ite(lt(t, zero), sub(zero, t), t);
  const isLit = (t: Term) => lit(t) !== null;
  /** a * b of two unknowns, where it does not wrap: zero iff a factor is, the sign of the
   *  factors, at least as large as either factor in magnitude, and at most t * |b| when
   *  |a| <= t (and t * |a| when |b| <= t) for each scale t — the constants of the program's
   *  contracts and comparisons (`scales`), so the bound the contracts give the factors
   *  bounds the product, in linear arithmetic. Where it may wrap (a fixed width, and no
   *  scale shows |a * b| <= MaxValue): any value of the width. */
  const approxMul = (a: Term, b: Term, w: Width): Term => {
    const pos = (t: Term) => lt(zero, t);
    const neg = (t: Term) => lt(t, zero);
    const r = range(w);
    const fits = (t: bigint, x: Term, y: Term): Term => (r ? F.and(le(abs(x), k(t)), le(mul(k(t), abs(y)), k(r.max))) : le(abs(x), k(t)));
    const scaled = (v: Term) =>
      scales.flatMap((t) => [F.implies(le(abs(a), k(t)), le(abs(v), mul(k(t), abs(b)))), F.implies(le(abs(b), k(t)), le(abs(v), mul(k(t), abs(a))))]);
    const exactish = (v: Term) =>
      F.and(
        F.eq(F.eq(v, zero), F.or(F.eq(a, zero), F.eq(b, zero))),
        F.implies(F.or(F.and(pos(a), pos(b)), F.and(neg(a), neg(b))), F.and(le(abs(a), v), le(abs(b), v))),
        F.implies(F.or(F.and(pos(a), neg(b)), F.and(neg(a), pos(b))), F.and(le(v, sub(zero, abs(a))), le(v, sub(zero, abs(b))))),
        ...scaled(v),
      );
    // a satisfying default: the product when a factor is 0 or +-1, else |a| + |b| with the
    // product's sign (no larger than |a * b| when both factors are at least 2)
    const big = add(abs(a), abs(b));
    const sameSign = F.or(F.and(pos(a), pos(b)), F.and(neg(a), neg(b)));
    const unit = (x: Term) => F.or(F.eq(x, k(1n)), F.eq(x, k(-1n)));
    const dflt = F.ite(
      F.or(F.eq(a, zero), F.eq(b, zero)),
      zero,
      F.ite(unit(a), F.ite(F.eq(a, k(1n)), b, sub(zero, b)), F.ite(unit(b), F.ite(F.eq(b, k(1n)), a, sub(zero, a)), F.ite(sameSign, big, sub(zero, big)))),
    );
    if (!r) return choose(w, exactish, dflt);
    const noWrap = F.or(...scales.flatMap((t) => [fits(t, a, b), fits(t, b, a)]));
    if (noWrap.kind === 'bool' && !noWrap.value) return choose(w, () => F.true, zero);
    return choose(w, (v) => F.implies(noWrap, exactish(v)), F.ite(noWrap, dflt, zero));
  };
  /** Truncated a / b for an unknown divisor (b <> 0 is checked before): no larger than a in
   *  magnitude, the sign of a / b, zero when |a| < |b|, exact for b = +-1. */
  const approxDiv = (a: Term, b: Term, w: Width): Term => {
    // MinValue / -1 wraps (and is a trapping fault, so the value is never used)
    const negA = wrapNear(sub(zero, a), w);
    const sameSign = F.or(F.and(le(zero, a), lt(zero, b)), F.and(le(a, zero), lt(b, zero)));
    const ok = (v: Term) =>
      F.and(
        F.or(le(abs(v), abs(a)), F.eq(b, k(-1n))),
        F.or(F.implies(sameSign, le(zero, v)), F.eq(b, k(-1n))),
        F.or(F.implies(F.not(sameSign), le(v, zero)), F.eq(b, k(-1n))),
        F.implies(lt(abs(a), abs(b)), F.eq(v, zero)),
        F.implies(F.eq(b, k(1n)), F.eq(v, a)),
        F.implies(F.eq(b, k(-1n)), F.eq(v, negA)),
      );
    return choose(w, ok, F.ite(F.eq(b, k(1n)), a, F.ite(F.eq(b, k(-1n)), negA, zero)));
  };
  /** Truncated a % b for an unknown divisor: smaller than b in magnitude, no larger than a,
   *  the sign of a, and a itself when |a| < |b|. */
  const approxRem = (a: Term, b: Term, w: Width): Term => {
    const ok = (v: Term) =>
      F.and(lt(abs(v), abs(b)), le(abs(v), abs(a)), F.implies(le(zero, a), le(zero, v)), F.implies(le(a, zero), le(v, zero)), F.implies(lt(abs(a), abs(b)), F.eq(v, a)));
    return choose(w, ok, F.ite(lt(abs(a), abs(b)), a, zero));
  };
  /** |x| <= isqrt(MAX) for both factors implies no overflow: the negation over-approximates
   *  "a * b overflows" (linear, so the solver decides it). */
  const mulMayOverflow = (a: Term, b: Term, w: { bits: number }): Term => {
    const max = (1n << BigInt(w.bits - 1)) - 1n;
    const m = isqrt(max);
    // |a| <= t and t * |b| <= MaxValue: no overflow either, for each scale t
    const fits = (t: bigint, x: Term, y: Term) => F.and(le(abs(x), k(t)), le(mul(k(t), abs(y)), k(max)));
    return F.not(F.or(F.and(le(abs(a), k(m)), le(abs(b), k(m))), ...scales.flatMap((t) => [fits(t, a, b), fits(t, b, a)])));
  };
  const tdiv = (a: Term, b: Term): Term => {
    const y = lit(b);
    const neg = (t: Term) => sub(k(0n), t);
    const ge0 = (t: Term) => le(k(0n), t);
    if (y !== null && y > 0n) return F.ite(ge0(a), F.app('div', [a, b]), neg(F.app('div', [neg(a), b])));
    return F.ite(ge0(a), F.ite(ge0(b), F.app('div', [a, b]), neg(F.app('div', [a, neg(b)]))), F.ite(ge0(b), neg(F.app('div', [neg(a), b])), F.app('div', [neg(a), neg(b)])));
  };
  const trem = (a: Term, b: Term): Term => {
    const neg = (t: Term) => sub(k(0n), t);
    return F.ite(le(k(0n), a), F.app('mod', [a, b]), neg(F.app('mod', [neg(a), b])));
  };
  const pow2 = (n: Term): bigint | null => {
    const v = lit(n);
    return v !== null && v >= 0n && v < 4096n ? 1n << v : null;
  };
  const self: SymIntDomain = {
    repr: 'int',
    approximations: 0,
    mulOverflowApprox: !exact,
    mathBits: 0,
    bitsOf: (w) => (w === 'math' ? 0 : w.bits),
    sort: () => INT,
    inRange,
    litValue: (t) => lit(t),
    exact: (t) => t,
    lit: (n, w) => k(norm(n, w)),
    add: (a, b, w) => wrapNear(add(a, b), w),
    sub: (a, b, w) => wrapNear(sub(a, b), w),
    mul: (a, b, w) => {
      if (isLit(a) || isLit(b)) return wrapMod(mul(a, b), w);
      if (!exact) return approxMul(a, b, w);
      // the same value as wrapMod, but a product the solver can bound needs no `mod` of a
      // non-linear term (z3 gives up on those far more often)
      const p = mul(a, b);
      return range(w) ? F.ite(inRange(p, w), p, wrapMod(p, w)) : p;
    },
    neg: (a, w) => wrapNear(sub(k(0n), a), w),
    div: (a, b, w) => {
      const x = lit(a);
      const y = lit(b);
      if (x !== null && y !== null) return k(C.div(x, y, w));
      if (y === null && !exact) return approxDiv(a, b, w);
      return s(w) ? wrapNear(tdiv(a, b), w) : F.app('div', [a, b]);
    },
    rem: (a, b, w) => {
      const x = lit(a);
      const y = lit(b);
      if (x !== null && y !== null) return k(C.rem(x, y, w));
      if (y === null && !exact) return approxRem(a, b, w);
      return s(w) ? trem(a, b) : F.app('mod', [a, b]);
    },
    and: (a, b, w) => {
      const e = exactBits((x, y) => x & y, a, b, w);
      if (e) return e;
      // x &&& (2^j - 1) is x mod 2^j, in two's complement too; more generally a
      // non-negative literal mask keeps the runs of bits it covers: a run of L bits from
      // bit i is ((x div 2^i) mod 2^L) * 2^i (floor division: two's complement bits of a
      // negative x as well). Linear, so exact; a mask of many runs would make a long term.
      for (const [x, m] of [[a, b], [b, a]] as const) {
        const v = lit(m);
        if (v === null || v <= 0n) continue;
        const runs = bitRuns(v);
        if (runs.length > MAX_MASK_RUNS) continue;
        const parts = runs.map(({ from, len }) => {
          const shifted = from === 0 ? x : F.app('div', [x, k(1n << BigInt(from))]);
          const kept = F.app('mod', [shifted, k(1n << BigInt(len))]);
          return from === 0 ? kept : mul(kept, k(1n << BigInt(from)));
        });
        return parts.reduce((p, q) => add(p, q));
      }
      return approxAnd(a, b, w);
    },
    or: (a, b, w) => exactBits((x, y) => x | y, a, b, w) ?? approxOrXor(true, a, b, w),
    xor: (a, b, w) => exactBits((x, y) => x ^ y, a, b, w) ?? approxOrXor(false, a, b, w),
    not: (a, w) => (w === 'math' || w.signed ? sub(k(-1n), a) : sub(k((1n << BigInt(w.bits)) - 1n), a)),
    shl: (a, n, w) => {
      const p = pow2(n);
      if (p !== null) return wrapMod(mul(a, k(p)), w);
      return choose(w, () => F.true, zero);
    },
    shr: (a, n, w) => {
      const p = pow2(n);
      if (p !== null) return p === 1n ? a : F.app('div', [a, k(p)]); // floor division = arithmetic shift
      // by an unknown count: between 0 and a (a >= 0), or between a and -1 (a < 0)
      return choose(w, (v) => F.and(F.implies(nonneg(a), F.and(nonneg(v), le(v, a))), F.implies(lt(a, zero), F.and(le(a, v), lt(v, zero)))), F.ite(nonneg(a), zero, k(-1n)));
    },
    eq: (a, b) => F.eq(a, b),
    lt: (a, b) => lt(a, b),
    le: (a, b) => le(a, b),
    cast: (a, from, to) => {
      if (to === 'math') return a;
      if (from !== 'math') {
        const rf = widthRangeOf(from);
        const rt = widthRangeOf(to);
        if (rf.min >= rt.min && rf.max <= rt.max) return a;
      }
      return wrapMod(a, to);
    },
    addOverflows: (a, b, w) => (w !== 'math' && w.signed ? F.not(inRange(add(a, b), w)) : F.false),
    subOverflows: (a, b, w) => (w !== 'math' && w.signed ? F.not(inRange(sub(a, b), w)) : F.false),
    mulOverflows: (a, b, w) => {
      if (w === 'math' || !w.signed) return F.false;
      return isLit(a) || isLit(b) || exact ? F.not(inRange(mul(a, b), w)) : mulMayOverflow(a, b, w);
    },
    bool: (v) => F.bool(v),
    notB: (a) => F.not(a),
    andB: (a, b) => F.and(a, b),
    orB: (a, b) => F.or(a, b),
  };
  return self;
}

/** Masks with more runs of one-bits than this keep the over-approximation of `&&&`. */
const MAX_MASK_RUNS = 4;

/** The runs of one-bits of a positive number: start bit and length, lowest first. */
function bitRuns(v: bigint): { from: number; len: number }[] {
  const out: { from: number; len: number }[] = [];
  let i = 0;
  while (v > 0n) {
    if ((v & 1n) === 1n) {
      const from = i;
      while ((v & 1n) === 1n) {
        v >>= 1n;
        i++;
      }
      out.push({ from, len: i - from });
    } else {
      v >>= 1n;
      i++;
    }
  }
  return out;
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
  const intLit = (t: Term, w: Width): bigint | null => D.litValue(t, w);
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
      // out of range the value is unknown: any representative of the width
      if (x === null) return D.cast(F.fresh('ftoi', D.sort('math')), 'math', w);
      return D.lit(bigIntDomain.lit(C.toInt(x, bits, w), w), w);
    },
  };
}
