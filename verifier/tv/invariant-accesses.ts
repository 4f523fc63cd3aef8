// Invariant candidates read off the source's memory accesses (invariants.ts keeps them only
// when they hold on arrival and survive every back edge, like every other candidate). A loop
// that indexes memory with a loop value x has, among the source's UB conditions, the
// comparisons that keep the access in bounds — `x <=u 31` for a 32-byte block, `dim <=u x`
// for a memref dimension — and the address sums `t + x` it indexes with. Since the source
// has no UB, the access was in bounds in every iteration so far, which gives two shapes of
// fact at the header:
//
// - a bound: after `x := x + 1` past an access in bounds of t, x <= t (of a literal c in
//   `x <=u c`, x <= c + 1). luhn main's copy loop over a 32-byte format buffer keeps its
//   counter <= 32, so its exit test `x >= len` bounds the length the formatter returned, and
//   the next loop's `len + i` stays far from overflow.
// - no wrap: `t + x <=u 2^w - 1`: the sum the loop indexes with has not wrapped,
//   so the next iteration's `t + x + 1` does not either while the access before it was in
//   bounds (a block is smaller than 2^64 bytes). That is what an added `nuw` on `t + x`
//   needs, as luhn main's `length + counter` store index.
//
// Only guesses: a wrong one is dropped by the fixpoint, never assumed.
import type { TermFactory } from '../smt/factory.ts';
import type { Term } from '../smt/term.ts';

/** By the term id of a havoc slot unknown (`cp.J.sK.iW`): terms free of loop J that the
 *  source's UB conditions compare it with (`bounds`) or add it to (`sums`). */
export type AccessHints = { bounds: Map<number, Term[]>; sums: Map<number, Term[]> };

const CMP = new Set(['bvslt', 'bvsle', 'bvsgt', 'bvsge', 'bvult', 'bvule', 'bvugt', 'bvuge']);
/** `x op t` with x on the small side: the access is in bounds when x <= t (x < t after
 *  normalising the operands); for a literal t the loop's next value may be t + 1. */
const AT_MOST = new Set(['bvsle', 'bvule']);
/** Nodes walked over all UB conditions together (their path conditions share most terms). */
const WALK_LIMIT = 200_000;
/** Hints kept per slot and kind (the first met). */
const MAX_HINTS = 6;

const slotLoop = (t: Term): number | null => {
  if (t.kind !== 'var') return null;
  const m = /^cp\.(\d+)\.s\d+\.i\d+$/.exec(t.name);
  return m ? Number(m[1]) : null;
};

export function accessHints(f: TermFactory, ubs: Term[], loopsOf: (t: Term) => Set<number>): AccessHints {
  const bounds = new Map<number, Map<number, Term>>();
  const sums = new Map<number, Map<number, Term>>();
  const add = (to: Map<number, Map<number, Term>>, x: Term, t: Term) => {
    let m = to.get(x.id);
    if (!m) to.set(x.id, (m = new Map()));
    if (m.size < MAX_HINTS) m.set(t.id, t);
  };
  const seen = new Set<number>();
  const stack = [...ubs];
  while (stack.length && seen.size < WALK_LIMIT) {
    const t = stack.pop()!;
    if (seen.has(t.id) || t.kind !== 'app') continue;
    seen.add(t.id);
    stack.push(...t.args);
    if (t.args.length !== 2 || t.args[0]!.sort.kind !== 'bv') continue;
    const [a, b] = t.args as [Term, Term];
    for (const [x, other, left] of [[a, b, true], [b, a, false]] as const) {
      const j = slotLoop(x);
      if (j === null || loopsOf(other).has(j)) continue;
      if (CMP.has(t.op)) {
        add(bounds, x, other);
        // x <= c in bounds (x on the left of <=, or on the right of >=): the next x is c + 1
        const atMost = left ? AT_MOST.has(t.op) : t.op === 'bvsge' || t.op === 'bvuge';
        if (atMost && other.kind === 'bv' && other.value + 1n < 1n << BigInt(other.width)) add(bounds, x, f.bv(other.value + 1n, other.width));
      } else if (t.op === 'bvadd') add(sums, x, other);
    }
  }
  const flat = (m: Map<number, Map<number, Term>>) => new Map([...m].map(([k, v]) => [k, [...v.values()]]));
  return { bounds: flat(bounds), sums: flat(sums) };
}
