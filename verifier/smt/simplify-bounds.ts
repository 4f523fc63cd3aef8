// Contextual simplification by bounds: a formula's comparisons decided from the facts that
// hold where they occur. Translation-validation queries ask "is there UB?" as one large
// disjunction — for every unrolled iteration of every copy loop, "the loop still runs and
// the index is out of bounds" — under assumptions that bound the lengths (a callee's string
// is shorter than 2^40, it lies in the block the call allocated when it is not empty).
// Almost every disjunct is false for a reason a person sees at a glance: the loop condition
// `i < len` and `len <= 1` contradict, `len + 2 <= 1` cannot hold for len < 2^40, the read
// `off + j` is below `off + len <= size`. A CDCL solver on the bit-blasted 64-bit adders
// must refute all of them in one search and slows down superlinearly (crc32 hex32: 16
// disjuncts 2 s, 136 disjuncts 35 s, all 544 over 60 s with the native z3, each alone
// 0.1 s); here most disjuncts fold to false before the solver sees them.
//
// The domain: a bit-vector term as an integer linear form Σ c·atom + k over atoms (terms
// not analysed further) with integer intervals for the atoms. A form stands for its term
// only when its range lies inside one period [m·2^w, (m+1)·2^w) — then the term's value is
// the form's value minus m·2^w exactly (no wrap-around in any model of the context) —
// otherwise the term is an atom itself. Facts: atom intervals (unsigned), booleans, and
// relational facts `F >= 0` for forms F. A comparison is decided when the range of the
// difference (alone, or minus one relational fact) has a sign.
//
// Every rewrite is an equivalence under the context it is made in: in a conjunction, the
// atomic conjuncts are facts for the others (A and N == A and N[simplified under A]); an
// atomic conjunct itself is only decided under the enclosing context (never under its own
// fact); the assumptions (`base`) hold in every model, and a disjunctive assumption
// simplified under a context contributes the facts it reduces to there. So
// base and p == base and simplifyUnder(base, p): unsat, sat and every model are kept.
//
// The work counted (`work`, stats.steps) is part of the answer: the budget it is counted
// against decides whether a call gives up. So what is here for speed (cached reads through
// the parents, sums not built) counts exactly what building and reading them did;
// tests/verifier/smt/simplify-bounds-caches.test.ts pins answers and work at several budgets.
import type { TermFactory } from './factory.ts';
import type { Term } from './term.ts';

type Iv = { lo: bigint; hi: bigint };
/** Σ c·atom + k: atom term ids to (term, coefficient). */
type Lin = { m: Map<number, { t: Term; c: bigint }>; k: bigint };
// (every key is its entry's t.id: the hot loops read values() alone)
/** A relational fact `F >= 0`; `mark` dedups it in relsFor. */
type Rel = Lin & { mark: number };
let relMark = 0;
/** Intervals set so far (any context): propagate's sums stay valid while it is unchanged. */
let ivChanges = 0;

/** [0, 2^w - 1] by width, made once (the interval of every atom without a fact). */
const fullRanges: Iv[] = [];
const fullRange = (w: number): Iv => (fullRanges[w] ??= { lo: 0n, hi: (1n << BigInt(w)) - 1n });

const width = (t: Term): number => (t.sort.kind === 'bv' ? t.sort.width : 0);
const isApp = (t: Term): t is Extract<Term, { kind: 'app' }> => t.kind === 'app';
const CMP = new Set(['bvule', 'bvult', 'bvuge', 'bvugt', 'bvsle', 'bvslt', 'bvsge', 'bvsgt']);

/** A context: facts that hold where a subformula occurs, over its parent's. */
class Ctx {
  iv = new Map<number, Iv>();
  /** the terms of `iv`, by id (candidates for byDefinitions) */
  ivTerm = new Map<number, Term>();
  bools = new Map<number, boolean>();
  rel: Rel[] = [];
  /** the relational facts by the atoms they mention */
  relBy = new Map<number, Rel[]>();
  /** terms a fact of this context is about, in order (refine re-reads the conditional
   *  assumptions that mention them) */
  touched: number[] = [];
  private touchedSet = new Set<number>();
  touch(id: number): void {
    if (this.touchedSet.has(id)) return;
    this.touchedSet.add(id);
    this.touched.push(id);
  }
  /** bvadd terms known not to wrap around (a fact x <= x + z) */
  noWrap = new Set<number>();
  /** what each conditional assumption reduced to here (by index) */
  cond = new Map<number, number>();
  inconsistent = false;
  memo = new Map<number, Lin>();
  /** simplified subformulas under this context (cleared when a fact is added) */
  simp = new Map<number, Term>();
  /** rewritten reads (bit-vector subterms of atoms) under this context */
  reads = new Map<number, Term>();
  readonly depth: number;
  constructor(readonly parent: Ctx | null) {
    this.depth = parent ? parent.depth + 1 : 0;
  }

  /** intervals as interval() found them here or in the parents: a context's facts do not
   *  change while a context opened under it is in use (facts are added to a context before
   *  it opens any, or between the uses of its light ones), so a parent's answer stays right */
  private resolved = new Map<number, Iv>();
  interval(t: Term): Iv {
    if (t.kind === 'bv') return { lo: t.value, hi: t.value };
    const hit = this.resolved.get(t.id);
    if (hit) return hit;
    const r = this.iv.get(t.id) ?? (this.parent ? this.parent.interval(t) : fullRange(width(t)));
    this.resolved.set(t.id, r);
    return r;
  }
  setInterval(t: Term, r: Iv): void {
    ivChanges++;
    this.iv.set(t.id, r);
    this.resolved.set(t.id, r);
  }
  /** bool() as found here or in the parents (as `resolved`): 1 true, 0 false, -1 unknown */
  private boolSeen = new Map<number, number>();
  bool(t: Term): boolean | undefined {
    let x = this.boolSeen.get(t.id);
    if (x === undefined) {
      const b = this.bools.get(t.id) ?? (this.parent ? this.parent.bool(t) : undefined);
      this.boolSeen.set(t.id, (x = b === undefined ? -1 : b ? 1 : 0));
    }
    return x < 0 ? undefined : x > 0;
  }
  setBool(t: Term, v: boolean): void {
    this.bools.set(t.id, v);
    this.boolSeen.set(t.id, v ? 1 : 0);
  }
  exact(t: Term): boolean {
    for (let c: Ctx | null = this; c; c = c.parent) if (c.noWrap.has(t.id)) return true;
    return false;
  }
  /** The first `n` relational facts, the nearest contexts' first. */
  firstRels(n: number): Lin[] {
    const out: Lin[] = [];
    for (let c: Ctx | null = this; c && out.length < n; c = c.parent)
      for (let i = 0; i < c.rel.length && out.length < n; i++) out.push(c.rel[i]!);
    return out;
  }
  /** The relational facts that mention an atom of `d` (no other can tighten d's range), in
   *  the order of d's atoms, then contexts from the nearest, each once (marked with a number
   *  of this call: no Set per call, which was much of nonNeg's time). */
  relsFor(d: Lin): Rel[] {
    const out: Rel[] = [];
    const mark = ++relMark;
    for (const id of d.m.keys())
      for (let c: Ctx | null = this; c; c = c.parent) {
        const l = c.relBy.get(id);
        if (l)
          for (let i = 0; i < l.length; i++) {
            const F = l[i]!;
            if (F.mark === mark) continue;
            F.mark = mark;
            out.push(F);
          }
      }
    return out;
  }
  addRel(f: Lin): void {
    const F: Rel = { m: f.m, k: f.k, mark: 0 };
    this.rel.push(F);
    for (const id of F.m.keys()) this.touch(id);
    for (const id of F.m.keys()) {
      const l = this.relBy.get(id);
      if (l) l.push(F);
      else this.relBy.set(id, [F]);
    }
  }
}

function atom(t: Term): Lin {
  const m = new Map<number, { t: Term; c: bigint }>();
  if (t.kind === 'bv') return { m, k: t.value };
  m.set(t.id, { t, c: 1n });
  return { m, k: 0n };
}

function add(a: Lin, b: Lin, s = 1n): Lin {
  // copied entry by entry: new Map(a.m) was 2-3 times slower
  const m = new Map<number, { t: Term; c: bigint }>();
  for (const x of a.m.values()) m.set(x.t.id, x);
  for (const x of b.m.values()) {
    const id = x.t.id;
    const c = (m.get(id)?.c ?? 0n) + s * x.c;
    if (c === 0n) m.delete(id);
    else m.set(id, { t: x.t, c });
  }
  return { m, k: a.k + s * b.k };
}
function scale(a: Lin, s: bigint): Lin {
  const m = new Map<number, { t: Term; c: bigint }>();
  for (const x of a.m.values()) m.set(x.t.id, { t: x.t, c: x.c * s });
  return { m, k: a.k * s };
}

/** f + k. Forms are never changed once made, so the sum shares f's map (the same atoms in
 *  the same order as add(f, {k}) gives). */
const shift = (f: Lin, k: bigint): Lin => ({ m: f.m, k: f.k + k });

/** Work done by the current simplifyUnder (atoms visited by `range`), against its budget. */
let work = 0;
let workLimit = Infinity;
/** Work done by chains of two facts (nonNeg), which try pairs of relations: past a quarter
 *  of the budget they are no longer tried, so they cannot use up the budget of the
 *  simplification they serve (crc32 `hex32`'s UB part gave up with them; bounds.test.ts). */
let chainWork = 0;

function range(ctx: Ctx, f: Lin): Iv {
  work += f.m.size + 1;
  if (work > workLimit) throw new OutOfSteps();
  let lo = f.k;
  let hi = f.k;
  for (const { t, c } of f.m.values()) {
    const r = ctx.interval(t);
    if (c === 1n) {
      lo += r.lo;
      hi += r.hi;
    } else if (c === -1n) {
      lo -= r.hi;
      hi -= r.lo;
    } else if (c > 0n) {
      lo += c * r.lo;
      hi += c * r.hi;
    } else {
      lo += c * r.hi;
      hi += c * r.lo;
    }
  }
  return { lo, hi };
}

/** The upper (`hi`) or lower end of c·x for x in r; ±1 without a product (most
 *  coefficients are: a BigInt product was much of the time of the sums below). */
function endOfTerm(c: bigint, r: Iv, hi: boolean): bigint {
  if (c === 1n) return hi ? r.hi : r.lo;
  if (c === -1n) return hi ? -r.lo : -r.hi;
  return c * (c > 0n === hi ? r.hi : r.lo);
}

/** One end of range(add(a, b, s)) from `ea`, the same end of a's range, without building the
 *  sum: the same value (only b's atoms change a's ends) and the same work counted (the
 *  sum's atoms + 1). nonNeg's tries of one fact after another were mostly these sums. */
function endOfSum(ctx: Ctx, a: Lin, ea: bigint, b: Lin, s: bigint, hi: boolean): bigint {
  let size = a.m.size;
  let v = ea + s * b.k;
  for (const x of b.m.values()) {
    const sc = s * x.c;
    const y = a.m.get(x.t.id);
    if (y === undefined) {
      if (sc === 0n) continue;
      size++;
      v += endOfTerm(sc, ctx.interval(x.t), hi);
    } else {
      const c = y.c + sc;
      if (c === 0n) size--;
      if (sc === 0n) continue; // a's term as it was
      const r = ctx.interval(x.t);
      if (c === 0n) v -= endOfTerm(y.c, r, hi);
      else v += endOfTerm(c, r, hi) - endOfTerm(y.c, r, hi);
    }
  }
  work += size + 1;
  if (work > workLimit) throw new OutOfSteps();
  return v;
}

/** The form of `t` under `ctx`: exact (no wrap-around in any model of ctx), or `t` as an atom. */
function lin(ctx: Ctx, t: Term): Lin {
  const hit = ctx.memo.get(t.id);
  if (hit) return hit;
  const r = linRaw(ctx, t);
  ctx.memo.set(t.id, r);
  return r;
}

function linRaw(ctx: Ctx, t: Term): Lin {
  if (!isApp(t)) return atom(t);
  const w = width(t);
  const a = t.args[0]!;
  let f: Lin | null = null;
  switch (t.op) {
    case 'bvadd':
      f = t.args.map((x) => lin(ctx, x)).reduce((p, q) => add(p, q));
      if (ctx.exact(t)) return f; // x <= x + z holds here: the sum does not wrap
      break;
    case 'bvsub':
      if (t.args.length === 2) {
        f = add(lin(ctx, a), lin(ctx, t.args[1]!), -1n);
        // a difference the relational facts put in [0, 2^w) (`size - off` where off <= size
        // is a fact but the intervals alone overlap) is exact: the term is f mod 2^w
        if (SUB_BY_FACTS && range(ctx, f).hi < 1n << BigInt(w) && nonNeg(ctx, f) === true) return f;
      }
      break;
    case 'bvmul': {
      const [x, y] = t.args as [Term, Term];
      if (t.args.length === 2 && y.kind === 'bv') f = scale(lin(ctx, x), y.value);
      else if (t.args.length === 2 && x.kind === 'bv') f = scale(lin(ctx, y), x.value);
      break;
    }
    case 'zero_extend':
      return lin(ctx, a); // the same integer (a's form is exact in [0, 2^w_a))
    case 'sign_extend': {
      const fa = lin(ctx, a);
      const r = range(ctx, fa);
      if (r.hi < 1n << BigInt(width(a) - 1)) return fa; // non-negative: the same integer
      break;
    }
    case 'extract': {
      // the low w bits of a value the context puts in [0, 2^w) are that value (Core's
      // 72-bit index `off + i` read back at 64 bits)
      if (!SUB_BY_FACTS || t.indices[1] !== 0) break;
      const fa = lin(ctx, a);
      const r = range(ctx, fa);
      if (r.lo >= 0n && r.hi < 1n << BigInt(w)) return fa;
      break;
    }
    case 'concat': {
      const [x, y] = t.args as [Term, Term];
      f = add(scale(lin(ctx, x), 1n << BigInt(width(y))), lin(ctx, y));
      break;
    }
    default:
      break;
  }
  if (!f) return atom(t);
  return normalise(ctx, f, w) ?? (MOD_DEFS ? byDefinitions(ctx, t, w) : null) ?? atom(t);
}

/** Σ c·atom + k with every coefficient and k reduced mod 2^w: the value of a ring term
 *  (bvadd, bvsub, bvneg, bvmul by a literal) mod 2^w, with no range condition — each such
 *  operation is exact mod 2^w. Other terms are atoms. */
function modLin(t: Term, w: number, memo: Map<number, Lin>): Lin {
  const hit = memo.get(t.id);
  if (hit) return hit;
  const p = 1n << BigInt(w);
  const red = (f: Lin): Lin => {
    const m = new Map<number, { t: Term; c: bigint }>();
    for (const [id, x] of f.m) {
      const c = ((x.c % p) + p) % p;
      if (c !== 0n) m.set(id, { t: x.t, c });
    }
    return { m, k: ((f.k % p) + p) % p };
  };
  let f: Lin = atom(t);
  if (isApp(t) && width(t) === w) {
    const [a, b] = t.args as [Term, Term];
    if (t.op === 'bvadd') f = t.args.map((x) => modLin(x, w, memo)).reduce((x, y) => add(x, y));
    else if (t.op === 'bvsub' && t.args.length === 2) f = add(modLin(a, w, memo), modLin(b, w, memo), -1n);
    else if (t.op === 'bvneg') f = scale(modLin(a, w, memo), -1n);
    else if (t.op === 'bvmul' && t.args.length === 2 && b.kind === 'bv') f = scale(modLin(a, w, memo), b.value);
    else if (t.op === 'bvmul' && t.args.length === 2 && a.kind === 'bv') f = scale(modLin(b, w, memo), a.value);
  }
  const r = red(f);
  memo.set(t.id, r);
  return r;
}

/** The signed representative of c mod 2^w (|c| <= 2^(w-1)). */
const signedMod = (c: bigint, w: number): bigint => (c >= 1n << BigInt(w - 1) ? c - (1n << BigInt(w)) : c);

/**
 * The form of a ring term that may wrap, rewritten through terms the context bounds (matmul_span
 * `trace`: the target's byte offset `8·off + 8·i + 24·i` where Core's index `i·3 + i` is
 * bounded by the facts but i is not; binary_search `find`: `8·off + 8·lo + 8·((hi - lo) / 2)`
 * beside Core's `lo + (hi - lo) / 2`). Proof: let M be t's form mod 2^w (modLin: t ≡ M), and A
 * a term with an interval in ctx whose form mod 2^w is M_A (so A ≡ M_A). If M = q·M_A + R
 * (coefficients mod 2^w), then t ≡ q·A + R. When the integer range of N = q·A + R (signed
 * representatives of q and R's coefficients, the atoms' intervals) lies in one period
 * [m·2^w, (m+1)·2^w), the value of t, itself in [0, 2^w) and ≡ N, is N - m·2^w. So the
 * returned form is exact in every model of ctx, as lin requires. FIDELITY_NO_MOD_DEFS=1 turns
 * it off.
 */
function byDefinitions(ctx: Ctx, t: Term, w: number): Lin | null {
  const memo = modMemo;
  let M = modLin(t, w, memo);
  if (M.m.size === 0) return null;
  const p = 1n << BigInt(w);
  let used = 0;
  for (let c: Ctx | null = ctx; c && used < MAX_DEFS; c = c.parent) {
    for (const A of c.ivTerm.values()) {
      if (A === t || width(A) !== w || !isApp(A) || used >= MAX_DEFS) continue;
      // counted as the rest of the simplification's work (its budget bounds the scans)
      if (++work > workLimit) throw new OutOfSteps();
      const MA = modLin(A, w, memo);
      if (MA.m.size === 0 || MA.m.has(A.id)) continue; // an atom itself
      // q from A's first atom, then every atom of A must have q times its coefficient in M
      const [id0, x0] = [...MA.m][0]!;
      const y0 = M.m.get(id0);
      if (!y0) continue;
      const a0 = signedMod(x0.c, w);
      const c0 = signedMod(y0.c, w);
      if (a0 === 0n || c0 % a0 !== 0n) continue;
      const q = c0 / a0;
      if ([...MA.m].some(([id, x]) => (((M.m.get(id)?.c ?? 0n) - q * x.c) % p + p) % p !== 0n)) continue;
      // M - q·M_A + q·A (mod 2^w)
      const next = add(add(M, MA, -q), atom(A), q);
      const m = new Map<number, { t: Term; c: bigint }>();
      for (const [id, x] of next.m) {
        const cc = ((x.c % p) + p) % p;
        if (cc !== 0n) m.set(id, { t: x.t, c: cc });
      }
      M = { m, k: ((next.k % p) + p) % p };
      used++;
    }
  }
  if (!used) return null;
  const signed: Lin = { m: new Map([...M.m].map(([id, x]) => [id, { t: x.t, c: signedMod(x.c, w) }])), k: signedMod(M.k, w) };
  return normalise(ctx, signed, w);
}

/** At most this many substitutions per term (each scans the context's bounded terms). */
const MAX_DEFS = 4;
let modMemo = new Map<number, Lin>();
let modMemoOf: TermFactory | null = null;

/** `f` shifted by a multiple of 2^w so that it equals the term's value, when its range
 *  lies in one period; null when it may wrap. */
function normalise(ctx: Ctx, f: Lin, w: number): Lin | null {
  const p = 1n << BigInt(w);
  const r = range(ctx, f);
  const m = r.lo >= 0n ? r.lo / p : -((-r.lo + p - 1n) / p);
  if (r.hi >= (m + 1n) * p) return null;
  return { m: f.m, k: f.k - m * p };
}

type Verdict = boolean | undefined;

/** Whether `d >= 0` is decided under ctx: by the range of d, or of d - F for a fact F >= 0. */
function nonNeg(ctx: Ctx, d: Lin, chains = TWO_FACTS): Verdict {
  const r = range(ctx, d);
  if (r.lo >= 0n) return true;
  if (r.hi < 0n) return false;
  const rels = ctx.relsFor(d);
  if (rels.length === 0) return undefined; // nothing below can decide it
  // -d - 1 - s·F is -(d + s·F) - 1: its lower end is >= 0 when d + s·F's upper end is < 0;
  // the ends of d - F and d + F are kept for the chains below
  const upLo: bigint[] = [];
  const downHi: bigint[] = [];
  for (const F of rels) {
    const lo = endOfSum(ctx, d, r.lo, F, -1n, false);
    if (lo >= 0n) return true; // d >= F >= 0
    const hi = endOfSum(ctx, d, r.hi, F, 1n, true);
    if (hi < 0n) return false; // -d - 1 >= F >= 0
    upLo.push(lo);
    downHi.push(hi);
  }
  if (SUB_BY_FACTS)
    for (const F of rels) {
      // a multiple of one fact (byte offsets: `4·off + 4·i <= 4·size` from `off + i < size`)
      const [id, x] = F.m.entries().next().value!;
      const y = d.m.get(id);
      if (!y || x.c === 0n || y.c % x.c !== 0n) continue;
      const c = y.c / x.c; // d's coefficient a multiple c of F's: d >= c·F (c > 1) or -d - 1 >= -c·F (c < -1)
      if (c > 1n && endOfSum(ctx, d, r.lo, F, -c, false) >= 0n) return true; // d >= c·F >= 0
      if (c < -1n && endOfSum(ctx, d, r.hi, F, -c, true) < 0n) return false; // -d - 1 >= -c·F >= 0
    }
  if (chains && chainWork < workLimit / 4) {
    const before = work;
    try {
      // two facts (a chain a < b, b + c <= s gives a + c < s: an index below a length, the
      // length within its block; ip_checksum `word`'s one query was 0.8 s of z3-wasm)
      for (let i = 0; i < rels.length; i++) {
        const F = rels[i]!;
        const up = add(d, F, -1n);
        for (const G of ctx.relsFor(up)) if (G !== F && endOfSum(ctx, up, upLo[i]!, G, -1n, false) >= 0n) return true; // d >= F + G >= 0
        // -d - 1 - F has the atoms of d + F, in the same order: -d - 1 - F - G >= 0 when d + F + G < 0
        const down = add(d, F, 1n);
        for (const G of ctx.relsFor(down)) if (G !== F && endOfSum(ctx, down, downHi[i]!, G, 1n, true) < 0n) return false; // -d - 1 >= F + G >= 0
      }
    } finally {
      chainWork += work - before;
    }
  }
  return undefined;
}


/** `b - a - strict >= 0` as a form (unsigned comparison a <= b, or a < b). */
const diff = (ctx: Ctx, a: Term, b: Term, strict: boolean): Lin => shift(add(lin(ctx, b), lin(ctx, a), -1n), strict ? -1n : 0n);

const lowHalf = (r: Iv, half: bigint): boolean => r.lo >= 0n && r.hi < half;
const highHalf = (r: Iv, half: bigint): boolean => r.lo >= half && r.hi < 2n * half;

/** A comparison as "form >= 0" (unsigned, or signed where both sides have one sign). */
function asNonNeg(ctx: Ctx, t: Extract<Term, { kind: 'app' }>): Lin | undefined {
  let [a, b] = t.args as [Term, Term];
  let op = t.op;
  if (op === 'bvuge' || op === 'bvugt' || op === 'bvsge' || op === 'bvsgt') {
    [a, b] = [b, a];
    op = op === 'bvuge' ? 'bvule' : op === 'bvugt' ? 'bvult' : op === 'bvsge' ? 'bvsle' : 'bvslt';
  }
  if (op === 'bvsle' || op === 'bvslt') {
    // signed order is the unsigned one when both values lie in the same half
    const half = 1n << BigInt(width(a) - 1);
    const ra = range(ctx, lin(ctx, a));
    const rb = range(ctx, lin(ctx, b));
    if (!((lowHalf(ra, half) && lowHalf(rb, half)) || (highHalf(ra, half) && highHalf(rb, half)))) return undefined;
  }
  return diff(ctx, a, b, op === 'bvult' || op === 'bvslt');
}

/** The value of an atom under ctx, if decided. */
function decide(ctx: Ctx, t: Term): Verdict {
  if (t.kind === 'bool') return t.value;
  const b = ctx.bool(t);
  if (b !== undefined) return b;
  if (!isApp(t)) return undefined;
  if (CMP.has(t.op) && t.args.length === 2) {
    const d = asNonNeg(ctx, t);
    return d ? nonNeg(ctx, d) : undefined;
  }
  if (t.op === '=' && t.args.length === 2 && t.args[0]!.sort.kind === 'bv') {
    const d = add(lin(ctx, t.args[0]!), lin(ctx, t.args[1]!), -1n);
    const r = range(ctx, d);
    if (r.lo > 0n || r.hi < 0n) return false;
    if (r.lo === 0n && r.hi === 0n) return true;
    if (nonNeg(ctx, shift(d, -1n)) === true || nonNeg(ctx, shift(scale(d, -1n), -1n)) === true) return false;
  }
  return undefined;
}

/** Narrows the interval of `t` (and of x where t = zext/sext x and the interval says so). */
function bound(ctx: Ctx, t: Term, lo: bigint, hi: bigint): void {
  const cur = ctx.interval(t);
  const n = { lo: lo > cur.lo ? lo : cur.lo, hi: hi < cur.hi ? hi : cur.hi };
  if (n.lo > n.hi) {
    ctx.inconsistent = true;
    return;
  }
  if (n.lo === cur.lo && n.hi === cur.hi) return;
  ctx.setInterval(t, n);
  ctx.ivTerm.set(t.id, t);
  ctx.touch(t.id);
  ctx.memo.clear();
  ctx.simp.clear();
  ctx.reads.clear();
  if (isApp(t) && (t.op === 'zero_extend' || t.op === 'sign_extend')) {
    const x = t.args[0]!;
    const half = 1n << BigInt(width(x) - 1);
    if (t.op === 'zero_extend' || n.hi < half) bound(ctx, x, n.lo, n.hi);
    // sext x read unsigned lies in [0, half) (x's sign bit clear: the value is x) or in
    // [2^w - half, 2^w) (set): an interval below the upper range puts x in the lower one
    // (a signed `0 <= sext i` of Core's 72-bit index arithmetic says i < 2^63)
    else if (SEXT_LOW && n.hi < (1n << BigInt(width(t))) - half) bound(ctx, x, n.lo, n.hi < half ? n.hi : half - 1n);
  }
}
/** The deductions of session 9 (a chain of two facts; a sign-extended interval; the second
 *  reading of an assumption): FIDELITY_BOUNDS_ONE_FACT=1 turns them off, to measure them
 *  (read at each simplifyUnder). */
let SEXT_LOW = true;
let TWO_FACTS = true;
/** Session 9, round 2 (cut-point parts, verifier/tv/core/cut-bounds.ts): a difference exact by
 *  the relational facts, the low bits of a form in range, a conjunction's atoms read again
 *  after its conditional assumptions, a fact the others contradict, a comparison decided by a
 *  multiple of one fact — FIDELITY_NO_SUB_BY_FACTS=1 turns them off. */
let SUB_BY_FACTS = true;
/** byDefinitions (session 10), only where the caller asks (`defs`: cut-bounds.ts's cut-point
 *  parts): in split.ts's bounded UB parts it made rle_region `pairs`' part 1 run out of its
 *  1 M units at unroll 2 (bounded(2) -> unknown in the CI tally). FIDELITY_NO_MOD_DEFS=1 turns
 *  it off. */
let MOD_DEFS = true;

/** Records `f >= 0`: an interval when f has one atom of coefficient ±1, else a relation. */
function fact(ctx: Ctx, f: Lin): void {
  const r = range(ctx, f);
  if (r.hi < 0n) {
    ctx.inconsistent = true;
    return;
  }
  if (r.lo >= 0n) return; // already known
  // f < 0 by the facts already there (`i - 1 >= size - off` beside `off + i < size`)
  // (without chains of two facts: this runs at every fact recorded, and their pairs of
  // relations made crc32 `hex32`'s UB part pass the work budget — bounds.test.ts)
  if (SUB_BY_FACTS && f.m.size > 1 && nonNeg(ctx, f, false) === false) {
    ctx.inconsistent = true;
    return;
  }
  if (f.m.size === 1) {
    const { t, c } = [...f.m.values()][0]!;
    if (c === 1n) return bound(ctx, t, -f.k, ctx.interval(t).hi);
    if (c === -1n) return bound(ctx, t, ctx.interval(t).lo, f.k);
  }
  ctx.addRel(f);
  ctx.simp.clear();
  ctx.reads.clear();
}

/** Adds what atom `t` (taken `pos`itively or negated) says to ctx. */
function assume(ctx: Ctx, t: Term, pos: boolean, again = false): void {
  if (ctx.inconsistent) return;
  if (t.kind === 'bool') {
    if (t.value !== pos) ctx.inconsistent = true;
    return;
  }
  const known = ctx.bool(t);
  if (known !== undefined) {
    if (known !== pos) ctx.inconsistent = true;
    // `again` (prepare's second round over the assumptions): a comparison whose form was
    // not exact the first time (its operands' ranges came from later facts) is read again
    if (known !== pos || !again || !SEXT_LOW) return;
  }
  if (isApp(t) && t.op === 'not') return assume(ctx, t.args[0]!, !pos, again);
  if (isApp(t) && t.op === 'and' && pos) return t.args.forEach((a) => assume(ctx, a, true, again));
  if (isApp(t) && t.op === 'or' && !pos) return t.args.forEach((a) => assume(ctx, a, false, again));
  ctx.setBool(t, pos);
  ctx.touch(t.id);
  ctx.simp.clear();
  ctx.reads.clear();
  if (!isApp(t)) return;
  if (CMP.has(t.op) && t.args.length === 2) {
    noWrapFact(ctx, t, pos);
    const d = asNonNeg(ctx, t);
    if (d) fact(ctx, pos ? d : shift(scale(d, -1n), -1n));
    else if (t.op.startsWith('bvs')) signedFact(ctx, t, pos);
  } else if (t.op === '=' && t.args.length === 2 && t.args[0]!.sort.kind === 'bv' && pos) {
    const d = add(lin(ctx, t.args[0]!), lin(ctx, t.args[1]!), -1n);
    fact(ctx, d);
    fact(ctx, scale(d, -1n));
  } else if (t.op === '=' && t.args.length === 2 && t.args[0]!.sort.kind === 'bv' && !pos && PATHS) {
    // a disequality at an end of the difference's range moves
    // that end: d != 0 and d >= 0 give d >= 1 (a variant tag in {0, 1} that is not 1 is 0 —
    // then the target's copy of the tag, equal to it, decides the target's path conditions;
    // binary_search showTemp's call members: an ite over the string blocks of both branches
    // left to the solver, 8.8 M -> 0.4 M z3-wasm units)
    const d = add(lin(ctx, t.args[0]!), lin(ctx, t.args[1]!), -1n);
    const r = range(ctx, d);
    if (r.lo === 0n) fact(ctx, shift(d, -1n));
    else if (r.hi === 0n) fact(ctx, shift(scale(d, -1n), -1n));
  }
}

/** `x <= x + z` or `x < x + z` (unsigned) holds only when x + z does not wrap around:
 *  then the sum's form is exact. */
function noWrapFact(ctx: Ctx, t: Extract<Term, { kind: 'app' }>, pos: boolean): void {
  let [a, b] = t.args as [Term, Term];
  const op = t.op;
  if (op !== 'bvule' && op !== 'bvult' && op !== 'bvuge' && op !== 'bvugt') return;
  if (op === 'bvuge' || op === 'bvugt') [a, b] = [b, a]; // a <= b or a < b
  if (!pos) [a, b] = [b, a]; // not (a <= b) is b < a; not (a < b) is b <= a
  if (isApp(b) && b.op === 'bvadd' && b.args.length === 2 && (b.args[0]!.id === a.id || b.args[1]!.id === a.id)) {
    ctx.noWrap.add(b.id);
    ctx.touch(b.id);
    ctx.memo.clear();
    ctx.simp.clear();
  ctx.reads.clear();
  }
}

/** Contexts nest at most this deep (a disjunction of conjunctions holding a disjunction of
 *  conjunctions: the UB of a read — the loop runs, and the index is in none of the blocks;
 *  deeper, the nested path conditions of unrolled loops would open a context per level). */
const MAX_DEPTH = 3;

/** At most this many relational facts (the nearest contexts' first) are propagated. */
const MAX_PROPAGATED = 64;

/** The upper ends of F's terms (scratch for propagate, which does not nest). */
const ends: bigint[] = [];

/** Atom intervals tightened from the relational facts F >= 0 (coefficients ±1). */
function propagate(ctx: Ctx): void {
  const list = ctx.firstRels(MAX_PROPAGATED);
  let unchanged = -1;
  let roundWork = 0;
  for (let round = 0; round < 2 && !ctx.inconsistent; round++) {
    // a second round after a first that changed no interval reads the same intervals: it
    // would change nothing either, and only its work is counted
    if (round === 1 && unchanged === ivChanges) {
      work += roundWork;
      if (work > workLimit) throw new OutOfSteps();
      return;
    }
    unchanged = ivChanges;
    roundWork = 0;
    for (const F of list) {
      // the upper end of F without t's term, as range(rest) would give it and count it: the
      // sum of F's other terms' ends, read again only after an interval has changed
      let total = 0n;
      let at = -1;
      let i = -1;
      for (const { t, c } of F.m.values()) {
        i++;
        if (c !== 1n && c !== -1n) continue;
        work += F.m.size; // the rest's atoms + 1
        roundWork += F.m.size;
        if (work > workLimit) throw new OutOfSteps();
        if (at !== ivChanges) {
          at = ivChanges;
          total = F.k;
          let j = 0;
          for (const x of F.m.values()) total += ends[j++] = endOfTerm(x.c, ctx.interval(x.t), true);
        }
        const hi = total - ends[i]!;
        const cur = ctx.interval(t);
        if (c === 1n) bound(ctx, t, -hi, cur.hi); // t >= -rest
        else bound(ctx, t, cur.lo, hi); // t <= rest
        if (ctx.inconsistent) return;
      }
    }
  }
}

/** A signed comparison of a term with a literal, when the unsigned reading needs the sign:
 *  `c <=s x` with c >= 0 puts x in [c, 2^(w-1)); `x <=s c` with x already non-negative (an
 *  earlier fact) puts it in [0, c]. */
function signedFact(ctx: Ctx, t: Extract<Term, { kind: 'app' }>, pos: boolean): void {
  let [a, b] = t.args as [Term, Term];
  let op = t.op;
  if (op === 'bvsge' || op === 'bvsgt') {
    [a, b] = [b, a];
    op = op === 'bvsge' ? 'bvsle' : 'bvslt';
  }
  // now a <= b or a < b (signed); negated: b < a or b <= a
  if (!pos) {
    [a, b] = [b, a];
    op = op === 'bvsle' ? 'bvslt' : 'bvsle';
  }
  const w = width(a);
  const half = 1n << BigInt(w - 1);
  const sv = (v: bigint) => (v >= half ? v - 2n * half : v);
  const strict = op === 'bvslt' ? 1n : 0n;
  if (a.kind === 'bv' && b.kind !== 'bv') {
    const c = sv(a.value) + strict; // b >=s c
    if (c >= 0n && c < half) bound(ctx, b, c, half - 1n);
  } else if (b.kind === 'bv' && a.kind !== 'bv') {
    const c = sv(b.value) - strict; // a <=s c
    const r = ctx.interval(a);
    if (r.hi < half) {
      if (c < 0n) ctx.inconsistent = true;
      else bound(ctx, a, r.lo, c);
    }
  }
}

const isAtom = (t: Term): boolean => !(isApp(t) && (t.op === 'and' || t.op === 'or' || t.op === 'not' || t.op === '=>' || (t.op === 'ite' && t.sort.kind === 'bool')));

/** `t` (an atom) with its reads of memory rewritten under ctx: a read of a store at an
 *  address that differs from the read's (decided under ctx: another block, or another
 *  offset) is a read of the memory before it; a read of an ite of memories whose condition
 *  ctx decides is a read of that branch. Only bit-vector and boolean subterms are visited,
 *  not arrays (a store chain is walked only from a read). Equivalent under ctx. */
function readsUnder(F: TermFactory, ctx: Ctx, x: Term, stats: BoundsStats): Term {
  if (!isApp(x) || x.sort.kind === 'array') return x;
  const hit = ctx.reads.get(x.id);
  if (hit) return hit;
  if (++stats.steps > stats.maxSteps) throw new OutOfSteps();
  let r: Term;
  const v = x.op === 'ite' && PATHS ? decideCond(ctx, x.args[0]!, 3) : undefined;
  if (v !== undefined) r = readsUnder(F, ctx, x.args[v ? 1 : 2]!, stats);
  else if (x.op === 'select') {
    const i = readsUnder(F, ctx, x.args[1]!, stats);
    r = selectUnder(F, ctx, x.args[0]!, i, new Map(), stats);
  } else {
    // the arguments in order; a new array only once one of them changes
    let args: Term[] | null = null;
    for (let k = 0; k < x.args.length; k++) {
      const a = readsUnder(F, ctx, x.args[k]!, stats);
      if (args) args.push(a);
      else if (a !== x.args[k]) (args = x.args.slice(0, k)).push(a);
    }
    r = args ? F.app(x.op as Parameters<TermFactory['app']>[0], args, x.indices) : x;
  }
  ctx.reads.set(x.id, r);
  return r;
}

function selectUnder(F: TermFactory, ctx: Ctx, arr: Term, i: Term, memo: Map<number, Term>, stats: BoundsStats): Term {
  const hit = memo.get(arr.id);
  if (hit) return hit;
  if (++stats.steps > stats.maxSteps) throw new OutOfSteps();
  let r: Term;
  if (isApp(arr) && arr.op === 'store') {
    const j = arr.args[1]!;
    if (j.id === i.id) r = arr.args[2]!;
    else if (distinctUnder(F, ctx, i, j)) r = selectUnder(F, ctx, arr.args[0]!, i, memo, stats);
    else r = F.select(arr, i);
  } else if (isApp(arr) && arr.op === 'ite') {
    const v = decideCond(ctx, arr.args[0]!, 3);
    if (v === true) r = selectUnder(F, ctx, arr.args[1]!, i, memo, stats);
    else if (v === false) r = selectUnder(F, ctx, arr.args[2]!, i, memo, stats);
    else {
      const a = selectUnder(F, ctx, arr.args[1]!, i, memo, stats);
      const b = selectUnder(F, ctx, arr.args[2]!, i, memo, stats);
      // keep the read of the ite unless both branches agree (no growth)
      r = a.id === b.id ? a : F.select(arr, i);
    }
  } else if (arr.kind === 'lambda') {
    // beta-reduced, its reads read under ctx in turn (a read of another block's address
    // through a runtime call's clear: symbolic-memory.ts callWrotePoison)
    // (its formula's atoms decided under ctx, as simplifyIn's would be: a clear of another
    // block's bytes is false here, the read then the inner array's, as through a store there)
    const simp = (t: Term): Term => {
      if (++stats.steps > stats.maxSteps) throw new OutOfSteps();
      if (isApp(t) && t.sort.kind === 'bool' && (t.op === 'and' || t.op === 'or' || t.op === 'not')) {
        const args = t.args.map(simp);
        return t.op === 'not' ? F.not(args[0]!) : t.op === 'and' ? F.and(...args) : F.or(...args);
      }
      const t2 = readsUnder(F, ctx, t, stats);
      if (t2.sort.kind !== 'bool' || t2.kind === 'bool') return t2;
      let v = decide(ctx, t2);
      if (v === undefined && isApp(t2) && t2.op === '=' && t2.args.length === 2) {
        const e = F.eq(t2.args[1]!, t2.args[0]!);
        if (e.kind !== 'bool') v = decide(ctx, e);
      }
      return v === undefined ? t2 : F.bool(v);
    };
    r = simp(F.substitute(arr.body, arr.vars[0]!, i));
  } else r = F.select(arr, i);
  memo.set(arr.id, r);
  return r;
}

/** The two deductions below (ite conditions that are not atoms, and a disequality at the
 *  end of a range) are off unless FIDELITY_PATH_BOUNDS=1 (read at each simplifyUnder): they
 *  decided no row of the corpus, and with them rle_region `pairs`' first part went out of
 *  1 M z3 units at unroll 2 (tests/verifier/tv/core/within-pins.test.ts). */
let PATHS = false;

/** An ite's condition decided under ctx: an atom as decide()
 *  does, and `not`/`and`/`or` of such (a conjunct decided false, a disjunct true) to `depth`
 *  levels — the target's path conditions are conjunctions of branch literals (binary_search
 *  showTemp: the string operand's block an ite over paths, and(t13, ...) with t13 decided). */
function decideCond(ctx: Ctx, c: Term, depth: number): Verdict {
  if (isAtom(c)) return decide(ctx, c);
  if (!PATHS) return undefined;
  if (!isApp(c) || depth <= 0) return undefined;
  if (c.op === 'not') {
    const v = decideCond(ctx, c.args[0]!, depth - 1);
    return v === undefined ? undefined : !v;
  }
  if (c.op !== 'and' && c.op !== 'or') return undefined;
  const stop = c.op === 'or'; // the value that decides the whole
  let all = true;
  for (const a of c.args) {
    const v = decideCond(ctx, a, depth - 1);
    if (v === stop) return stop;
    if (v === undefined) all = false;
  }
  return all ? !stop : undefined;
}

/** Whether addresses i and j differ wherever ctx holds: as words, or (block:offset
 *  addresses, one of them a concat) by block or by offset. */
function distinctUnder(F: TermFactory, ctx: Ctx, i: Term, j: Term): boolean {
  if (differ(F, ctx, i, j)) return true;
  // block:offset addresses (the semantics' 32:64-bit words): split as the concat does
  const lo = isCat(i) ? width((i as { args: Term[] }).args[1]!) : isCat(j) ? width((j as { args: Term[] }).args[1]!) : width(i) === 96 ? 64 : 0;
  if (!lo) return false;
  const w = width(i);
  return differ(F, ctx, addressPart(F, i, true, lo, w), addressPart(F, j, true, lo, w)) || differ(F, ctx, addressPart(F, i, false, lo, w), addressPart(F, j, false, lo, w));
}
/** a != b decided under ctx (either way round). */
function differ(F: TermFactory, ctx: Ctx, a: Term, b: Term): boolean {
  const e = F.eq(a, b);
  if (e.kind === 'bool') return !e.value;
  if (decide(ctx, e) === false) return true;
  const e2 = F.eq(b, a);
  return e2.kind !== 'bool' && decide(ctx, e2) === false;
}
const isCat = (x: Term): boolean => isApp(x) && x.op === 'concat' && x.args.length === 2;
/** The block (hi) or offset part of a `w`-bit address whose offset has `lo` bits. */
function addressPart(F: TermFactory, x: Term, hi: boolean, lo: number, w: number): Term {
  if (isCat(x) && width((x as { args: Term[] }).args[1]!) === lo) return (x as { args: Term[] }).args[hi ? 0 : 1]!;
  return hi ? F.extract(w - 1, lo, x) : F.extract(lo - 1, 0, x);
}

/** An atom or a negated atom: a fact of its own in a conjunction. */
const isLiteral = (t: Term): boolean => isAtom(t) || (isApp(t) && t.op === 'not' && isAtom(t.args[0]!));

export type BoundsStats = { contexts: number; decided: number; steps: number; gaveUp: boolean; maxSteps: number };

/** Conditional assumptions larger than this many nodes are not refined per context. */
const MAX_CONDITIONAL = 48;

class OutOfSteps extends Error {}

/** Nodes in `t` (as a DAG), up to `cap`. */
function sizeUpTo(t: Term, cap: number): number {
  const seen = new Set<number>();
  const stack = [t];
  while (stack.length && seen.size <= cap) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if (isApp(x)) stack.push(...x.args);
  }
  return seen.size;
}
/** Whether a conditional assumption is small enough to refine, by term id (of modMemoOf's
 *  factory): the parts of one query have most of their assumptions in common. */
let smallMemo = new Map<number, boolean>();
function isSmall(a: Term): boolean {
  let r = smallMemo.get(a.id);
  if (r === undefined) smallMemo.set(a.id, (r = sizeUpTo(a, MAX_CONDITIONAL) <= MAX_CONDITIONAL));
  return r;
}

/** `p` simplified under the assumptions `base` (equivalent wherever base holds). Contexts
 *  are opened at conjunctions, at most `maxContexts`; past `maxSteps` steps `p` is
 *  returned unchanged (the cost stays linear and small beside the solver's). */
export function simplifyUnder(F: TermFactory, base: Term[], p: Term, maxContexts = 8_000, maxSteps = 1_000_000, defs = false): { term: Term; stats: BoundsStats } {
  const stats: BoundsStats = { contexts: 0, decided: 0, steps: 0, gaveUp: false, maxSteps };
  work = 0;
  chainWork = 0;
  // 12 (was 8): the deductions of session 9 keep more relations per context, so each step
  // visits more; at 8 crc32 `hex32`'s UB part gave up (bounds.test.ts)
  workLimit = maxSteps * 12;
  SEXT_LOW = TWO_FACTS = process.env.FIDELITY_BOUNDS_ONE_FACT !== '1';
  SUB_BY_FACTS = process.env.FIDELITY_NO_SUB_BY_FACTS !== '1';
  PATHS = process.env.FIDELITY_PATH_BOUNDS === '1';
  MOD_DEFS = defs && process.env.FIDELITY_NO_MOD_DEFS !== '1';
  // forms by term id: ids are the factory's own
  if (modMemoOf !== F || modMemo.size > 100_000 || smallMemo.size > 100_000) {
    modMemo = new Map();
    smallMemo = new Map();
    modMemoOf = F;
  }
  if (prepared && (prepared.sessionNine !== SEXT_LOW || prepared.subByFacts !== SUB_BY_FACTS || prepared.paths !== PATHS || prepared.modDefs !== MOD_DEFS)) prepared = null;
  try {
    return { term: simplifyIn(F, base, p, maxContexts, maxSteps, stats), stats };
  } catch (e) {
    if (!(e instanceof OutOfSteps)) throw e;
    stats.gaveUp = true;
    return { term: p, stats };
  } finally {
    workLimit = Infinity;
  }
}

/** The root context of `base`: its literal facts, its small disjunctive assumptions and
 *  their index. Kept for the last `base` array (the parts of one query share it). */
type Prepared = { F: TermFactory; base: Term[]; root: Ctx; conditional: Term[]; condBy: Map<number, number[]>; sessionNine: boolean; subByFacts: boolean; paths: boolean; modDefs: boolean };
let prepared: Prepared | null = null;

function prepare(F: TermFactory, base: Term[]): Prepared {
  if (prepared && prepared.F === F && prepared.base === base) return prepared;
  prepared = null;
  const root = new Ctx(null);
  const conditional: Term[] = [];
  // the atoms of base first (twice: a later fact may make an earlier form exact)
  const flat: Term[] = [];
  const flatten = (a: Term): void => {
    if (isApp(a) && a.op === 'and') a.args.forEach(flatten);
    else flat.push(a);
  };
  base.forEach(flatten);
  for (let round = 0; round < 2; round++)
    for (const a of flat) {
      if (isAtom(a) || (isApp(a) && a.op === 'not')) assume(root, a, true, round > 0);
      else if (round === 0 && isApp(a) && (a.op === 'or' || a.op === '=>') && a.args.length <= 8 && isSmall(a)) conditional.push(a);
    }
  propagate(root);
  // the conditional assumptions by the terms they contain (each is small)
  const condBy = new Map<number, number[]>();
  conditional.forEach((a, k) => {
    const seen = new Set<number>();
    const stack = [a];
    while (stack.length) {
      const x = stack.pop()!;
      if (seen.has(x.id)) continue;
      seen.add(x.id);
      const l = condBy.get(x.id);
      if (l) l.push(k);
      else condBy.set(x.id, [k]);
      if (isApp(x)) stack.push(...x.args);
    }
  });
  return (prepared = { F, base, root, conditional, condBy, sessionNine: SEXT_LOW, subByFacts: SUB_BY_FACTS, paths: PATHS, modDefs: MOD_DEFS });
}

function simplifyIn(F: TermFactory, base: Term[], p: Term, maxContexts: number, maxSteps: number, stats: BoundsStats): Term {
  const { root, conditional, condBy } = prepare(F, base);
  if (root.inconsistent) return F.false;

  /** Facts the conditional assumptions reduce to under ctx: those that mention a term a
   *  fact of ctx is about (the others reduce as in the enclosing contexts), until none. */
  const refine = (ctx: Ctx) => {
    const done = new Set<number>();
    for (let at = 0; at < ctx.touched.length; at++) {
      for (const i of condBy.get(ctx.touched[at]!) ?? []) {
        if (ctx.inconsistent) return;
        if (done.has(i)) continue;
        done.add(i);
        const a = conditional[i]!;
        const s = go(a, ctx, false);
        let before = a.id; // what it reduced to in the enclosing contexts (their facts hold here)
        for (let c = ctx.parent; c; c = c.parent) {
          const x = c.cond.get(i);
          if (x !== undefined) {
            before = x;
            break;
          }
        }
        ctx.cond.set(i, s.id);
        if (s.id === before) continue;
        if (s.kind === 'bool' && !s.value) ctx.inconsistent = true;
        else if (s.kind !== 'bool') assume(ctx, s, true);
      }
    }
  };

  const go = (t: Term, ctx: Ctx, open: boolean): Term => {
    if (ctx.inconsistent) return F.false;
    if (++stats.steps > maxSteps) throw new OutOfSteps();
    const key = open ? t.id : -t.id;
    const hit = ctx.simp.get(key);
    if (hit) return hit;
    const r = step(t, ctx, open);
    if (!ctx.inconsistent) ctx.simp.set(key, r);
    return r;
  };
  const step = (t: Term, ctx: Ctx, open: boolean): Term => {
    if (isAtom(t)) {
      const t2 = readsUnder(F, ctx, t, stats);
      const v = decide(ctx, t2);
      if (v === undefined) return t2;
      stats.decided++;
      return F.bool(v);
    }
    const x = t as Extract<Term, { kind: 'app' }>;
    switch (x.op) {
      case 'not':
        return F.not(go(x.args[0]!, ctx, open));
      case '=>':
        return go(F.or(F.not(x.args[0]!), x.args[1]!), ctx, open);
      case 'or': {
        const ds: Term[] = [];
        for (const d of x.args) {
          const s = go(d, ctx, open);
          if (s.kind === 'bool' && s.value) return F.true;
          ds.push(s);
        }
        return F.or(...ds);
      }
      case 'and': {
        const atoms = x.args.filter(isLiteral);
        const rest = x.args.filter((a) => !isLiteral(a));
        if (!open || stats.contexts >= maxContexts || ctx.depth >= MAX_DEPTH) {
          // a conjunction of literals only: still each under the ones before it, in a
          // light context (no refinement, nothing nested: its cost is its size)
          const seq = rest.length === 0 && atoms.length >= 2 ? new Ctx(ctx) : null;
          const as: Term[] = [];
          for (const a of atoms) {
            const s = go(a, seq ?? ctx, false);
            if (s.kind === 'bool' && !s.value) return F.false;
            as.push(s);
            if (seq) {
              assume(seq, a, true);
              if (seq.inconsistent) return F.false;
            }
          }
          return F.and(...as, ...rest.map((r) => go(r, ctx, open)));
        }
        // each atom decided under the enclosing context and the atoms before it, then a
        // fact for the ones after it and for the other conjuncts
        stats.contexts++;
        const inner = new Ctx(ctx);
        const as: Term[] = [];
        for (const a of atoms) {
          const s = go(a, inner, open);
          if (s.kind === 'bool' && !s.value) return F.false;
          as.push(s);
          assume(inner, a, true);
          if (inner.inconsistent) return F.false;
        }
        refine(inner);
        propagate(inner);
        // the atoms read again: a fact the refined assumptions gave (`i >= 1`) makes an
        // atom's form exact (`i - 1`) where its first reading saw an atom of its own
        if (SUB_BY_FACTS && inner.touched.length) {
          for (const a of atoms) assume(inner, a, true, true);
          propagate(inner);
        }
        if (inner.inconsistent) return F.false;
        const rs: Term[] = [];
        for (const r of rest) {
          const s = go(r, inner, open);
          if (s.kind === 'bool' && !s.value) return F.false;
          rs.push(s);
        }
        return F.and(...as, ...rs);
      }
      case 'ite':
      default:
        return t;
    }
  };
  return go(p, root, true);
}
