// The symbolic instance of the domain: values are hash-consed SMT terms (bit-vectors and
// booleans) built with a TermFactory. A few identities beyond the factory's literal folding
// (x+0, x*1, x*0, x&~0...) keep the terms of a lowering and of its source identical where
// they compute the same thing, so many refinement queries fold to false without a solver.
import type { Dom } from './domain.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { C } from './concrete-domain.ts';
import { mentionsFloatArith, symFArith, symFCmp, symFpToI, symFResize, symIsInf, symIsNaN, symIToFp } from './symbolic-float.ts';

const lit = (t: Term): bigint | null => (t.kind === 'bv' ? t.value : null);
const isBv = (...ts: Term[]) => ts.every((t) => t.kind === 'bv');
const isLit = (t: Term, v: bigint) => t.kind === 'bv' && t.value === v;

export function symbolicDomain(f: TermFactory): Dom<Term, Term> {
  const ones = (w: number) => (1n << BigInt(w)) - 1n;
  return {
    symbolic: true,
    lit: (v, w) => f.bv(v, w),
    bool: (b) => f.bool(b),
    add: (a, b, w) => sum(f, [a, b], w),
    sub: (a, b, w) => (b.kind === 'bv' ? sum(f, [a, f.bv(-b.value, w)], w) : a.id === b.id ? f.bv(0, w) : f.app('bvsub', [a, b])),
    mul: (a, b, w) => product(f, a, b, w),
    neg: (a) => f.app('bvneg', [a]),
    udiv: (a, b) => (isLit(b, 1n) ? a : f.app('bvudiv', [a, b])),
    urem: (a, b) => f.app('bvurem', [a, b]),
    sdiv: (a, b) => (isLit(b, 1n) ? a : f.app('bvsdiv', [a, b])),
    srem: (a, b) => f.app('bvsrem', [a, b]),
    and: (a, b, w) => (isLit(b, ones(w)) ? a : isLit(a, ones(w)) ? b : a.id === b.id ? a : f.app('bvand', [a, b])),
    or: (a, b) => (isLit(b, 0n) ? a : isLit(a, 0n) ? b : a.id === b.id ? a : f.app('bvor', [a, b])),
    xor: (a, b, w) => (isLit(b, 0n) ? a : isLit(a, 0n) ? b : isLit(b, ones(w)) ? bitNot(f, a) : isLit(a, ones(w)) ? bitNot(f, b) : f.app('bvxor', [a, b])),
    not: (a) => bitNot(f, a),
    shl: (a, n) => (isLit(n, 0n) ? a : f.app('bvshl', [a, n])),
    lshr: (a, n) => (isLit(n, 0n) ? a : f.app('bvlshr', [a, n])),
    ashr: (a, n) => (isLit(n, 0n) ? a : f.app('bvashr', [a, n])),
    eq: (a, b) => f.eq(a, b),
    ult: (a, b) => f.app('bvult', [a, b]),
    ule: (a, b) => f.app('bvule', [a, b]),
    slt: (a, b) => f.app('bvslt', [a, b]),
    sle: (a, b) => f.app('bvsle', [a, b]),
    zext: (a, from, to) => f.zext(to - from, a),
    sext: (a, from, to) => f.sext(to - from, a),
    trunc: (a, from, to) => (from === to ? a : f.extract(to - 1, 0, a)),
    concat: (hi, _whi, lo) => f.app('concat', [hi, lo]),
    extract: (a, hi, lo, w) => (hi === w - 1 && lo === 0 ? a : f.extract(hi, lo, a)),
    ite: (c, a, b) => f.ite(c, a, b),
    notB: (a) => f.not(a),
    andB: (...xs) => f.and(...flat('and', xs)),
    orB: (...xs) => f.or(...flat('or', xs)),
    iteB: (c, a, b) => {
      if (a.id === b.id) return a;
      if (a.kind === 'bool' && b.kind === 'bool') return a.value ? c : f.not(c);
      if (a.kind === 'bool') return a.value ? f.or(c, b) : f.and(f.not(c), b);
      if (b.kind === 'bool') return b.value ? f.or(f.not(c), a) : f.and(c, a);
      return f.ite(c, a, b);
    },
    fromBool: (b) => {
      // the bit of a boolean that came from a bit is that bit
      if (b.kind === 'app' && b.op === '=' && b.args[1]!.kind === 'bv' && b.args[1]!.value === 1n && width(b.args[0]!) === 1) return b.args[0]!;
      return f.ite(b, f.bv(1, 1), f.bv(0, 1));
    },
    toBool: (v) => {
      if (v.kind === 'app' && v.op === 'ite' && isLit(v.args[1]!, 1n) && isLit(v.args[2]!, 0n)) return v.args[0]!;
      if (v.kind === 'app' && v.op === 'ite' && isLit(v.args[1]!, 0n) && isLit(v.args[2]!, 1n)) return f.not(v.args[0]!);
      return f.eq(v, f.bv(1, 1));
    },
    // float ops on literal bits are computed concretely (the same function the interpreter
    // runs), so constant folding and the FloatingPoint encoding can never disagree
    farith: (op, a, b, w) => (isBv(a, b) ? f.bv(C.farith(op, lit(a)!, lit(b)!, w), w) : symFArith(f, op, a, b, w)),
    fisNaN: (a, w) => (isBv(a) ? f.bool(C.fisNaN(lit(a)!, w)) : symIsNaN(f, a, w)),
    fisInf: (a, w) => (isBv(a) ? f.bool(C.fisInf(lit(a)!, w)) : symIsInf(f, a, w)),
    fcmp: (pred, a, b, w) => (isBv(a, b) ? f.bool(C.fcmp(pred, lit(a)!, lit(b)!, w)) : symFCmp(f, pred, a, b, w)),
    itofp: (a, from, to, signed) => (isBv(a) ? f.bv(C.itofp(lit(a)!, from, to, signed), to) : symIToFp(f, a, to, signed)),
    fptoi: (a, from, to, signed) => {
      if (!isBv(a)) return symFpToI(f, a, from, to, signed);
      const r = C.fptoi(lit(a)!, from, to, signed);
      return { v: f.bv(r.v, to), fits: f.bool(r.fits) };
    },
    fresize: (a, from, to) => (isBv(a) ? f.bv(C.fresize(lit(a)!, from, to), to) : symFResize(f, a, from, to)),
    fpDerived: (a) => mentionsFloatArith(a),
    known: (v) => lit(v),
    knownB: (b) => (b.kind === 'bool' ? b.value : null),
  };
}

/** The complement of a bit-vector; of a bit made from a boolean, the bit of its negation —
 *  so `if not c` (arith.xori c, true: what `if not (x > k)` elaborates to) branches on the
 *  very condition a lowering that swaps the branches and tests c tests, and the two sides'
 *  states merge into the same terms. */
function bitNot(f: TermFactory, a: Term): Term {
  if (a.kind === 'app' && a.op === 'ite' && a.args[1]!.kind === 'bv' && a.args[2]!.kind === 'bv')
    return f.ite(a.args[0]!, f.app('bvnot', [a.args[1]!]), f.app('bvnot', [a.args[2]!]));
  return f.app('bvnot', [a]);
}

/** A sum in normal form: nested additions flattened, literals folded into one (last),
 *  the other addends ordered by term id — so a + (b + c) and (a + b) + c, the two ways a
 *  memref access and its getelementptr lowering add up an address, are the same term. */
function sum(f: TermFactory, xs: Term[], w: number): Term {
  const addends: Term[] = [];
  let k = 0n;
  for (const x of xs) k = addendsOf(x, addends, k);
  addends.sort((a, b) => a.id - b.id);
  k = BigInt.asUintN(w, k);
  if (k !== 0n || addends.length === 0) addends.push(f.bv(k, w));
  let acc = addends[0]!;
  for (let i = 1; i < addends.length; i++) acc = f.app('bvadd', [acc, addends[i]!]);
  return acc;
}

// (module-level helpers, not closures: tsx names every closure it creates, an
// Object.defineProperty per call of sum/flat, ~3% of a small check's time)
/** sum's addends of x, depth first: literals added into k (returned), the rest pushed. */
function addendsOf(x: Term, addends: Term[], k: bigint): bigint {
  if (x.kind === 'app' && x.op === 'bvadd') {
    for (const a of x.args) k = addendsOf(a, addends, k);
    return k;
  }
  if (x.kind === 'bv') return k + x.value;
  addends.push(x);
  return k;
}

/** A product in normal form: a literal factor last and folded, distributed over a sum
 *  ((a + b) * k = a*k + b*k, the form getelementptr arithmetic takes). */
function product(f: TermFactory, a: Term, b: Term, w: number): Term {
  if (a.kind === 'bv' && b.kind !== 'bv') [a, b] = [b, a];
  if (b.kind !== 'bv') return f.app('bvmul', a.id <= b.id ? [a, b] : [b, a]);
  const k = b.value;
  if (k === 0n) return f.bv(0, w);
  if (k === 1n) return a;
  if (a.kind === 'bv') return f.bv(a.value * k, w);
  if (a.kind === 'app' && a.op === 'bvadd') return sum(f, a.args.map((x) => product(f, x, b, w)), w);
  if (a.kind === 'app' && a.op === 'bvmul' && a.args[1]!.kind === 'bv') return product(f, a.args[0]!, f.bv(a.args[1]!.value * k, w), w);
  return f.app('bvmul', [a, b]);
}

/** Arguments of a nested and/or, flattened and without duplicates (in first-seen order). */
function flat(op: 'and' | 'or', xs: Term[]): Term[] {
  const out: Term[] = [];
  const seen = new Set<number>();
  for (const x of xs) flatInto(op, x, out, seen);
  return out.sort((a, b) => a.id - b.id);
}

function flatInto(op: 'and' | 'or', x: Term, out: Term[], seen: Set<number>): void {
  if (x.kind === 'app' && x.op === op) {
    for (const a of x.args) flatInto(op, a, out, seen);
    return;
  }
  if (!seen.has(x.id)) {
    seen.add(x.id);
    out.push(x);
  }
}

function width(t: Term): number {
  return t.sort.kind === 'bv' ? t.sort.width : 0;
}
