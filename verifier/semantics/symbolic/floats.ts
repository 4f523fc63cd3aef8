// IEEE-754 floats for Core's symbolic semantics: the same SMT FloatingPoint meaning the MLIR
// semantics gives the ops core-to-mlir lowers Core's float operations to
// (verifier/semantics/mlir/symbolic-float.ts; README there, "Floating point"), so that a
// Core float and the MLIR value it becomes are the same term where both define it:
//   + - * / %     addf subf mulf divf remf   (RNE; % is C's fmod, as JS `%`)
//   unary -       negf                       (a sign-bit flip, NaN included)
//   = < <=        cmpf oeq olt ole           (<> is `not =`: une)
//   float x       sitofp / uitofp (RNE), extf / truncf
//   int x         fptosi / fptoui (RTZ); fitsInt is the range test that makes them poison
// Values stay IEEE bit patterns (values.ts); a NaN result is the one canonical NaN both
// interpreters produce. Core's values are JS numbers, in which every NaN is the same value:
// the sign and payload of a Core NaN mean nothing (the Core -> MLIR check compares floats up
// to NaN, `sameFloat`). Operations on literals fold with the concrete semantics (../concrete.ts),
// which computes the same IEEE results.
// Only the Core -> MLIR check uses this domain (Shared.floats = 'ieee'); the safety prover
// keeps the opaque one (domain.ts symFloatDomain): FloatingPoint queries cost seconds.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { FloatBits, FloatDomain, Width } from '../domain.ts';
import { symFArith, symFCmp, symFpToI, symFResize, symIToFp } from '../mlir/symbolic-float.ts';
import { floatOfBits, symFloatDomain, type SymIntDomain } from './domain.ts';

/** Predicates as numbered in symbolic-float.ts (cmpf): oeq, olt, ole. */
const OEQ = 1;
const OLT = 4;
const OLE = 5;

export function ieeeFloatDomain(F: TermFactory, D: SymIntDomain): FloatDomain<Term, Term, Term> {
  // literals fold exactly as before; the opaque domain's fallbacks are never reached below
  // except for a contract's math-width integer (not a machine value: no MLIR counterpart)
  const folded = symFloatDomain(F, D);
  const lit = (t: Term) => t.kind === 'bv';
  const both = (a: Term, b: Term) => lit(a) && lit(b);
  const fixed = (w: Width): w is Exclude<Width, 'math'> => w !== 'math';
  return {
    lit: folded.lit,
    add: (a, b, bits) => (both(a, b) ? folded.add(a, b, bits) : symFArith(F, 'add', a, b, bits)),
    sub: (a, b, bits) => (both(a, b) ? folded.sub(a, b, bits) : symFArith(F, 'sub', a, b, bits)),
    mul: (a, b, bits) => (both(a, b) ? folded.mul(a, b, bits) : symFArith(F, 'mul', a, b, bits)),
    div: (a, b, bits) => (both(a, b) ? folded.div(a, b, bits) : symFArith(F, 'div', a, b, bits)),
    rem: (a, b, bits) => (both(a, b) ? folded.rem(a, b, bits) : symFArith(F, 'rem', a, b, bits)),
    // negf's meaning: the sign bit flipped (on a literal NaN too: a Core NaN has no sign)
    neg: (a, bits) => F.app('bvxor', [a, F.bv(1n << BigInt(bits - 1), bits)]),
    eq: (a, b) => (both(a, b) ? folded.eq(a, b) : symFCmp(F, OEQ, a, b, widthOf(a))),
    lt: (a, b) => (both(a, b) ? folded.lt(a, b) : symFCmp(F, OLT, a, b, widthOf(a))),
    le: (a, b) => (both(a, b) ? folded.le(a, b) : symFCmp(F, OLE, a, b, widthOf(a))),
    resize: (a, from, to) => (lit(a) || from === to ? folded.resize(a, from, to) : symFResize(F, a, from, to)),
    fromInt: (a, w, bits) => (lit(a) || !fixed(w) ? folded.fromInt(a, w, bits) : symIToFp(F, a, bits, w.signed)),
    fitsInt: (a, w) => (lit(a) || !fixed(w) ? folded.fitsInt(a, w) : symFpToI(F, a, widthOf(a), w.bits, w.signed).fits),
    // out of range the value is fp.to_sbv's unspecified one (an `overflow` obligation there)
    toInt: (a, bits, w) => (lit(a) || !fixed(w) ? folded.toInt(a, bits, w) : symFpToI(F, a, bits, w.bits, w.signed).v),
  };
}

function widthOf(t: Term): FloatBits {
  return t.sort.kind === 'bv' && t.sort.width === 32 ? 32 : 64;
}

/** The same Core float value: equal bits, or both NaN (every NaN is one JS number). */
export function sameFloat(F: TermFactory, a: Term, b: Term, bits: FloatBits): Term {
  return F.or(F.eq(a, b), F.and(isNaNBits(F, a, bits), isNaNBits(F, b, bits)));
}

/** A NaN bit pattern: exponent all ones, fraction not zero (pure bit-vector test). */
function isNaNBits(F: TermFactory, t: Term, bits: FloatBits): Term {
  const e = bits === 64 ? 11 : 8;
  const m = bits - 1 - e;
  const exp = F.extract(bits - 2, m, t);
  const frac = F.extract(m - 1, 0, t);
  return F.and(F.eq(exp, F.bv((1n << BigInt(e)) - 1n, e)), F.not(F.eq(frac, F.bv(0, m))));
}

/** Concrete counterpart of `sameFloat` on bit patterns (the replay). */
export function sameFloatBits(a: bigint, b: bigint, bits: FloatBits): boolean {
  return a === b || (Number.isNaN(floatOfBits(a, bits)) && Number.isNaN(floatOfBits(b, bits)));
}
