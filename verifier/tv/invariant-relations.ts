// Invariant candidates that relate two loop-carried values (invariants.ts keeps them only
// when they hold on arrival and survive every back edge, like every other candidate). A value
// that only grows by a bounded step each iteration (`sum := sum + d`, d <= 9) is bounded by
// the trip count, which the loop does not carry as a value of its own. Two shapes state that
// bound with what the loop does carry:
//
// - a counter (`i := i + s`, s a constant): `y <= y0 + B * (i - i0)`, with y0 and i0 the
//   arrival values and B a constant of y's step (computed wide enough that it cannot wrap;
//   for a counter going down, `i0 - i`). With a bound on i (`i <= n`, an existing candidate)
//   this bounds y.
// - a value divided by a constant c every iteration (`n := n / c`, digit loops such as
//   luhn's): after k iterations n = N0 / c^k, so n >= c^m means N0 >= c^(m+k), i.e.
//   k <= L - m where c^L is the largest power below 2^w. The family
//   `n >=u c^m -> y <=u y0 + B * (L - m)` for m = 0..L, with `y <=u y0 + B * (L + 1)`,
//   is inductive together (the fact for m after a step follows from the fact for m + 1
//   before it) and bounds y without any counter.
//
// Candidates are only guesses: which B, which slots, whether the step really is bounded by B
// is for the solver to confirm. A wrong guess is dropped by the fixpoint, never assumed.
import type { TermFactory } from '../smt/factory.ts';
import type { Term } from '../smt/term.ts';
import type { CutRecord, SScalar } from '../semantics/mlir/symexec.ts';

/** One candidate fact of loop `loop`, as a function of a header state's slots; `relation`:
 *  one of this file's (named first in a proof's detail). */
export type Candidate = { loop: number; what: string; at: (vals: SScalar[]) => Term; relation?: true };

type IntSlot = Extract<SScalar, { kind: 'int' }>;

/** At most this many step bounds B per growing value: the largest, the weakest facts and
 *  the likeliest to be inductive (each wrong guess costs fixpoint rounds; a bound that is
 *  weaker than it could be still says that the value cannot wrap). */
const MAX_STEPS = 1;

const lit = (t: Term): bigint | null => (t.kind === 'bv' ? t.value : null);

/** The literals of width w of a term near its top (at most 4 levels). */
function literals(t: Term, w: number, out: Set<bigint>, depth = 0): void {
  if (t.kind === 'bv' && t.width === w) out.add(t.value);
  if (t.kind !== 'app' || depth > 4 || out.size >= 12) return;
  for (const a of t.args) literals(a, w, out, depth + 1);
  // a remainder by c is at most c - 1
  const c = t.args[1];
  if (t.op === 'bvurem' && c?.kind === 'bv' && c.width === w && c.value > 0n) out.add(c.value - 1n);
}

/** The steps of a value whose back-edge term is `y + e` (or y, or a choice between such):
 *  the literals of the e's, or null when the term is not of that shape. */
function steps(t: Term, y: Term, out: Set<bigint>): boolean {
  if (t.id === y.id) return true;
  if (t.kind !== 'app') return false;
  if (t.op === 'ite') return steps(t.args[1]!, y, out) && steps(t.args[2]!, y, out);
  if (t.op !== 'bvadd' || t.args.length !== 2) return false;
  const [a, b] = t.args as [Term, Term];
  const e = a.id === y.id ? b : b.id === y.id ? a : null;
  if (!e || e.sort.kind !== 'bv') return false;
  literals(e, e.sort.width, out);
  return true;
}

/** The divisor c when the back-edge term is `x / c` or `x >> s` (c = 2^s), c >= 2. */
function divisor(t: Term, x: Term): bigint | null {
  if (t.kind !== 'app' || t.args.length !== 2 || t.args[0]!.id !== x.id) return null;
  const k = lit(t.args[1]!);
  if (k === null) return null;
  if (t.op === 'bvudiv' && k >= 2n) return k;
  if (t.op === 'bvlshr' && k >= 1n && k < BigInt(x.sort.kind === 'bv' ? x.sort.width : 0)) return 1n << k;
  return null;
}

/** The constant step s when the back-edge term is `x + s`, s != 0. */
function stepOf(t: Term, x: Term): bigint | null {
  if (t.kind !== 'app' || t.op !== 'bvadd' || t.args.length !== 2) return null;
  const [a, b] = t.args as [Term, Term];
  const s = a.id === x.id ? lit(b) : b.id === x.id ? lit(a) : null;
  return s === null || s === 0n ? null : s;
}

export function relationalCandidates(
  f: TermFactory, j: number, havoc: SScalar[], arrivals: CutRecord[], backs: CutRecord[], independent: (t: Term) => boolean,
): Candidate[] {
  const out: Candidate[] = [];
  const ints = havoc.flatMap((h, k) => (h.kind === 'int' && h.v.kind === 'var' && h.w >= 2 ? [{ k, h }] : []));
  const slot = (vals: SScalar[], k: number, w: number): IntSlot | null => {
    const x = vals[k];
    return x && x.kind === 'int' && x.w === w ? x : null;
  };
  // the value's arrival terms (free of loop j), or null when some arrival does not fit
  const arrivalsOf = (k: number, w: number): Term[] | null => {
    const ts = new Map<number, Term>();
    for (const a of arrivals) {
      const x = slot(a.vals, k, w);
      if (!x || !independent(x.v)) return null;
      ts.set(x.v.id, x.v);
    }
    return ts.size ? [...ts.values()] : null;
  };
  // a growing value: its step bounds B (smallest first) and its arrival terms
  const growing = ints.flatMap(({ k, h }) => {
    const lits = new Set<bigint>();
    for (const b of backs) {
      const x = slot(b.vals, k, h.w);
      if (!x || !steps(x.v, h.v, lits)) return [];
    }
    const half = 1n << BigInt(h.w - 1);
    const bs = [...lits].filter((b) => b > 0n && b < half).sort((a, b) => (a > b ? -1 : 1)).slice(0, MAX_STEPS);
    const y0s = arrivalsOf(k, h.w);
    return bs.length && y0s && backs.length ? [{ k, h, bs, y0s }] : [];
  });
  for (const y of growing) {
    const ySlot = (vals: SScalar[]) => slot(vals, y.k, y.h.w);
    for (const { k, h } of ints) {
      if (k === y.k) continue;
      const xSlot = (vals: SScalar[]) => slot(vals, k, h.w);
      const backTerms = backs.map((b) => xSlot(b.vals)?.v);
      if (backTerms.some((t) => !t)) continue;
      // a counter: y - y0 <= B * (i - i0), exact in w_i + w_y + 1 bits
      const s = stepOf(backTerms[0]!, h.v);
      const i0s = arrivalsOf(k, h.w);
      if (s !== null && backTerms.every((t) => stepOf(t!, h.v) === s) && i0s) {
        const up = s < 1n << BigInt(h.w - 1);
        const W = h.w + y.h.w + 1;
        const wide = (t: Term, w: number) => f.zext(W - w, t);
        for (const i0 of i0s) for (const y0 of y.y0s) for (const B of y.bs) {
          out.push({
            loop: j, relation: true, what: `loop ${j}: slot ${y.k} <=u its arrival value + ${B} * (slot ${k} ${up ? '-' : 'from'} its arrival value)`,
            at: (vals) => {
              const yv = ySlot(vals);
              const iv = xSlot(vals);
              if (!yv || !iv) return f.false;
              const before = up ? f.app('bvult', [iv.v, i0]) : f.app('bvugt', [iv.v, i0]);
              const count = up ? f.app('bvsub', [wide(iv.v, h.w), wide(i0, h.w)]) : f.app('bvsub', [wide(i0, h.w), wide(iv.v, h.w)]);
              const bound = f.app('bvadd', [wide(y0, y.h.w), f.app('bvmul', [f.bv(B, W), count])]);
              return f.or(yv.poison, iv.poison, before, f.app('bvule', [wide(yv.v, y.h.w), bound]));
            },
          });
        }
      }
      // a value divided by c every iteration: the family of bounds by its magnitude
      const c = divisor(backTerms[0]!, h.v);
      if (c === null || !backTerms.every((t) => divisor(t!, h.v) === c)) continue;
      const powers: bigint[] = [];
      for (let p = 1n; p < 1n << BigInt(h.w); p *= c) powers.push(p);
      const L = BigInt(powers.length - 1);
      const ymax = (1n << BigInt(y.h.w)) - 1n;
      for (const y0 of y.y0s) {
        const base = lit(y0);
        if (base === null) continue;
        for (const B of y.bs) {
          if (base + B * (L + 1n) > ymax) continue;
          const bound = (iters: bigint) => f.bv(base + B * iters, y.h.w);
          out.push({
            loop: j, relation: true, what: `loop ${j}: slot ${y.k} <=u ${base + B * (L + 1n)} (slot ${k} shrinks by ${c})`,
            at: (vals) => {
              const yv = ySlot(vals);
              return yv ? f.or(yv.poison, f.app('bvule', [yv.v, bound(L + 1n)])) : f.false;
            },
          });
          powers.forEach((p, m) => {
            out.push({
              loop: j, relation: true, what: `loop ${j}: slot ${k} >=u ${p} -> slot ${y.k} <=u ${base + B * (L - BigInt(m))}`,
              at: (vals) => {
                const yv = ySlot(vals);
                const nv = xSlot(vals);
                if (!yv || !nv) return f.false;
                return f.or(yv.poison, nv.poison, f.app('bvult', [nv.v, f.bv(p, h.w)]), f.app('bvule', [yv.v, bound(L - BigInt(m))]));
              },
            });
          });
        }
      }
    }
  }
  return out;
}
