// Float ops as SMT-LIB FloatingPoint terms over bit patterns. A float travels between ops as
// its IEEE bits (values.ts); an op reads them with ((_ to_fp eb sb) bits), computes in the
// FloatingPoint theory with RNE, and writes its result back as bits with `fpBits`, which uses
// only standard SMT-LIB (no z3 `fp.to_ieee_bv`): a NaN result becomes the one canonical quiet
// NaN that the concrete semantics (float.ts) also produces, so both agree bit for bit and a
// counterexample always replays (README, "Floating point").
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';
import { CANONICAL_NAN, numberToBits, type FArith, type FW } from './float.ts';

const EB = { 32: 8, 64: 11 } as const;
const SB = { 32: 24, 64: 53 } as const;

/** The fp value a bits term came from (per factory), so a result read back by the next op is
 *  the fp term itself and not a round trip through its bits (equal as fp values: every NaN is
 *  the one NaN of the theory). */
const origin = new WeakMap<TermFactory, Map<number, Term>>();

export function fromBits(f: TermFactory, a: Term, w: FW): Term {
  const hit = origin.get(f)?.get(a.id);
  if (hit) return hit;
  return f.app('to_fp', [a], [EB[w], SB[w]]);
}

/** The bits of an fp term: the canonical NaN, else sign ++ magnitude, the magnitude found by
 *  a binary search over bit patterns (non-negative floats are ordered as their bit patterns,
 *  and a pattern above +inf is a NaN, never <= anything). */
export function fpBits(f: TermFactory, r: Term, w: FW): Term {
  const abs = f.app('fp.abs', [r]);
  let hi: Term | null = null; // the magnitude bits decided so far (most significant first)
  for (let i = w - 2; i >= 0; i--) {
    const rest = i === 0 ? f.bv(1, 1) : f.app('concat', [f.bv(1, 1), f.bv(0, i)]);
    const cand = f.app('concat', [hi ? f.app('concat', [f.bv(0, 1), hi]) : f.bv(0, 1), rest]);
    const bit = f.ite(f.app('fp.leq', [f.app('to_fp', [cand], [EB[w], SB[w]]), abs]), f.bv(1, 1), f.bv(0, 1));
    hi = hi ? f.app('concat', [hi, bit]) : bit;
  }
  const sign = f.ite(f.app('fp.isNegative', [r]), f.bv(1, 1), f.bv(0, 1));
  const bits = f.ite(f.app('fp.isNaN', [r]), f.bv(CANONICAL_NAN[w], w), f.app('concat', [sign, hi!]));
  let m = origin.get(f);
  if (!m) origin.set(f, (m = new Map()));
  m.set(bits.id, r);
  return bits;
}

const rne = (f: TermFactory) => f.app('RNE', []);
const rtz = (f: TermFactory) => f.app('RTZ', []);
const fpConst = (f: TermFactory, x: number, w: FW) => f.app('to_fp', [f.bv(numberToBits(x, w), w)], [EB[w], SB[w]]);

export function symFArith(f: TermFactory, op: FArith, a: Term, b: Term, w: FW): Term {
  let x = fromBits(f, a, w);
  let y = fromBits(f, b, w);
  if (op === 'rem') return fpBits(f, fmod(f, x, y), w);
  const name = ({ add: 'fp.add', sub: 'fp.sub', mul: 'fp.mul', div: 'fp.div' } as const)[op];
  // fp.add and fp.mul are commutative (SMT-LIB: functions of the two values; every NaN is the
  // one NaN): operands in term order make a*b and b*a one term, as the integer domain does —
  // a canonicalizer's operand swap then needs no solver (multiplier commutativity is very hard
  // for bit-blasting)
  if ((op === 'add' || op === 'mul') && y.id < x.id) [x, y] = [y, x];
  return fpBits(f, f.app(name, [rne(f), x, y]), w);
}

/** remf / frem are C's fmod (LangRef frem: "the same sign as the dividend"): exact, the sign
 *  of x, |r| < |y|. SMT-LIB's fp.rem is IEEE remainder (quotient rounded to nearest, |r| <=
 *  |y|/2, a zero takes the sign of x); where its sign differs from x's, fmod is r -/+ |y|,
 *  which is exactly representable, so the rounded addition is exact. NaN and infinities fall
 *  out of fp.rem (fp.isNegative is false on a NaN). */
function fmod(f: TermFactory, x: Term, y: Term): Term {
  const r = f.app('fp.rem', [x, y]);
  const absY = f.app('fp.abs', [y]);
  const negX = f.app('fp.isNegative', [x]);
  const flipped = f.and(f.not(f.app('fp.isZero', [r])), f.not(f.eq(f.app('fp.isNegative', [r]), negX)));
  return f.ite(flipped, f.ite(negX, f.app('fp.sub', [rne(f), r, absY]), f.app('fp.add', [rne(f), r, absY])), r);
}

export function symIsNaN(f: TermFactory, a: Term, w: FW): Term {
  return f.app('fp.isNaN', [fromBits(f, a, w)]);
}

export function symIsInf(f: TermFactory, a: Term, w: FW): Term {
  return f.app('fp.isInfinite', [fromBits(f, a, w)]);
}

/** cmpf / fcmp predicates, numbered as in float.ts `fcmp`. */
export function symFCmp(f: TermFactory, pred: number, a: Term, b: Term, w: FW): Term {
  const x = fromBits(f, a, w);
  const y = fromBits(f, b, w);
  const uno = f.or(f.app('fp.isNaN', [x]), f.app('fp.isNaN', [y]));
  const ord = f.not(uno);
  const eq = f.app('fp.eq', [x, y]); // false on NaN, true on +0 = -0
  switch (pred) {
    case 0: return f.false;
    case 1: return eq;
    case 2: return f.app('fp.gt', [x, y]);
    case 3: return f.app('fp.geq', [x, y]);
    case 4: return f.app('fp.lt', [x, y]);
    case 5: return f.app('fp.leq', [x, y]);
    case 6: return f.and(ord, f.not(eq));
    case 7: return ord;
    case 8: return f.or(uno, eq);
    case 9: return f.or(uno, f.app('fp.gt', [x, y]));
    case 10: return f.or(uno, f.app('fp.geq', [x, y]));
    case 11: return f.or(uno, f.app('fp.lt', [x, y]));
    case 12: return f.or(uno, f.app('fp.leq', [x, y]));
    case 13: return f.not(eq);
    case 14: return uno;
    case 15: return f.true;
  }
  throw new Error(`unknown float predicate ${pred}`);
}

/** sitofp / uitofp: one rounding (RNE) of the exact integer. */
export function symIToFp(f: TermFactory, a: Term, to: FW, signed: boolean): Term {
  return fpBits(f, f.app(signed ? 'to_fp' : 'to_fp_unsigned', [rne(f), a], [EB[to], SB[to]]), to);
}

/** fptosi / fptoui: truncation toward zero, and whether the truncated value fits (else poison;
 *  NaN and infinities never fit). The value is unspecified (fp.to_sbv's) when it does not. */
export function symFpToI(f: TermFactory, a: Term, from: FW, to: number, signed: boolean): { v: Term; fits: Term } {
  const x = fromBits(f, a, from);
  const t = f.app('fp.roundToIntegral', [rtz(f), x]);
  const lo = signed ? -(2 ** (to - 1)) : 0;
  const hi = signed ? 2 ** (to - 1) : 2 ** to; // powers of two: exact (or +inf, above every float)
  const fits = f.and(f.not(f.app('fp.isNaN', [x])), f.not(f.app('fp.isInfinite', [x])), f.app('fp.geq', [t, fpConst(f, lo, from)]), f.app('fp.lt', [t, fpConst(f, hi, from)]));
  return { v: f.app(signed ? 'fp.to_sbv' : 'fp.to_ubv', [rtz(f), x], [to]), fits };
}

/** extf / truncf, fpext / fptrunc: one rounding (RNE) to the result format. */
export function symFResize(f: TermFactory, a: Term, from: FW, to: FW): Term {
  if (from === to) return a;
  return fpBits(f, f.app('to_fp', [rne(f), fromBits(f, a, from)], [EB[to], SB[to]]), to);
}

/** Whether a bits term was computed by float arithmetic (has a FloatingPoint subterm), so
 *  that a NaN in it is the canonical NaN standing for an unspecified one. */
export function mentionsFloatArith(t: Term): boolean {
  let found = false;
  walk([t], (x) => {
    if (x.sort.kind === 'fp') found = true;
  }, () => !found);
  return found;
}
