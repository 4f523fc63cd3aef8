// Which call positions can be equal. runtime.ts frameFacts
// instantiates a call's frame ("the memory after the call at position n keeps the bytes it
// had at the call") at every byte read from a memory after some call x: a fact `x = n ∧ ... →
// ...`. Where x and n are different literals the fact was already skipped; where either is
// symbolic — Core's n_i = ite(pc_j, n_j + w_j, n_j) over the earlier calls, the target's count
// an ite of its branches' counts — every frame met every memory, and the facts grew as frames
// x memories x addresses (too-large.ts: eight checks at unroll 8 were not even built).
// A position term is made of literals, `bvadd` of literals and `ite`s (unrolled loops and
// branches): its possible values are a small set, computed here bottom-up. Two positions
// whose sets are disjoint are never equal, so a fact guarded by their equality is
// `false → ...`: dropping it leaves the query equivalent (not merely weaker). Where a term
// holds anything else (a cut point's havoc count, a call result) its set is unknown and
// the fact is kept. Arithmetic is modulo 2^64 exactly as bvadd is; no bound is assumed.
import type { Term } from '../../smt/term.ts';

/** Past this many values a set is given up (unknown): the union of two ites' arms is cheap,
 *  but a term's set must not grow with the number of paths. */
const MAX_VALUES = 256;

const MASK64 = (1n << 64n) - 1n;

/** Memoised per term id: frames share their position terms and their sub-terms. */
export type PositionValues = (t: Term) => ReadonlySet<bigint> | null;

export function positionValues(): PositionValues {
  const memo = new Map<number, ReadonlySet<bigint> | null>();
  const values = (t: Term): ReadonlySet<bigint> | null => {
    const had = memo.get(t.id);
    if (had !== undefined) return had;
    // iterative over deep ite/bvadd chains (a long unrolled loop makes them deep)
    const stack: Term[] = [t];
    while (stack.length) {
      const x = stack[stack.length - 1]!;
      if (memo.has(x.id)) {
        stack.pop();
        continue;
      }
      const kids = operands(x);
      const pending = kids.filter((k) => !memo.has(k.id));
      if (pending.length) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      memo.set(x.id, combine(x, kids.map((k) => memo.get(k.id)!)));
    }
    return memo.get(t.id)!;
  };
  return values;
}

/** The position sub-terms whose values decide `t`'s: an ite's arms, bvadd's operands. */
function operands(t: Term): Term[] {
  if (t.kind !== 'app' || t.sort.kind !== 'bv' || t.sort.width !== 64) return [];
  if (t.op === 'ite') return [t.args[1]!, t.args[2]!];
  if (t.op === 'bvadd') return t.args;
  return [];
}

function combine(t: Term, kids: (ReadonlySet<bigint> | null)[]): ReadonlySet<bigint> | null {
  if (t.kind === 'bv' && t.width === 64) return new Set([t.value & MASK64]);
  if (t.kind !== 'app' || t.sort.kind !== 'bv' || t.sort.width !== 64) return null;
  if (kids.some((k) => k === null)) return null;
  const sets = kids as ReadonlySet<bigint>[];
  if (t.op === 'ite') {
    const u = new Set([...sets[0]!, ...sets[1]!]);
    return u.size > MAX_VALUES ? null : u;
  }
  if (t.op === 'bvadd') {
    let acc: Set<bigint> = new Set([0n]);
    for (const s of sets) {
      const next = new Set<bigint>();
      for (const a of acc) for (const b of s) next.add((a + b) & MASK64);
      if (next.size > MAX_VALUES) return null;
      acc = next;
    }
    return acc;
  }
  return null;
}

/** False only when `a` and `b` have no value in common (each set known). */
export function mayBeEqual(values: PositionValues, a: Term, b: Term): boolean {
  if (a.id === b.id) return true;
  const va = values(a);
  const vb = values(b);
  if (!va || !vb) return true;
  const [small, large] = va.size <= vb.size ? [va, vb] : [vb, va];
  for (const v of small) if (large.has(v)) return true;
  return false;
}

/** A position term of an event: the event's k-th trace position plus nothing (0 <= k < w), or
 *  the position before the event (k = -1: `expectedMemory` reads the memory after the
 *  previous call there). `event` numbers the events in trace order — Core's events (calls.ts
 *  linkCalls: a runtime event takes one or two positions, a Clef call or a region event
 *  one) and the target's zeroing calls skipped before them (zero-calls.ts, one each) — and
 *  `n` equals that position wherever the event happens. */
export type EventPosition = { event: number; k: number; w: number; n: Term };

/** Ordered by path: along one execution the events take the positions [p_e, p_e + w_e) in
 *  order, each starting where the last one that happened ended (the running count is
 *  ite(happens, n + w, n) with literal w, from the literal 0, so nothing wraps). So when the
 *  events i < j both happen, p_j >= p_i + w_i, and p_i + a = p_j + b needs b - a <= -w_i.
 *  A memory after (or before) event j (`havoc[x]`, x a position term of j) is read only where
 *  j happens — Core's memory after a call is the ite arm of its path; the memory before a
 *  call is compared under the call's condition — so a frame of event i needs no instance at
 *  `havoc[x]` unless some (j, b) of x may equal its (i, a) on an execution where both happen.
 *  Where x is not such a term (the target's own count, a literal — the value sets decide
 *  those) the fact is kept. Dropping an instance only removes an assumption: it can never
 *  make a query unsat that was not, so this is sound whatever the terms are; it is meant to
 *  lose no model that matters (one where the read is dead). Not used in cut-point mode, where
 *  positions restart at a loop head's unknown count. */
export type CallOrder = { eventsAt: (x: Term) => readonly EventPosition[] | undefined };

export function callOrder(positions: EventPosition[]): CallOrder {
  const at = new Map<number, EventPosition[]>();
  for (const p of positions) {
    // literals are shared by unrelated positions (and by the target's counts): values decide them
    if (p.n.kind === 'bv') continue;
    const l = at.get(p.n.id) ?? [];
    l.push(p);
    at.set(p.n.id, l);
  }
  return { eventsAt: (x) => at.get(x.id) };
}

/** Whether the frame of event position `own` (term `n`) needs an instance at a memory after
 *  position `x` as far as the order tells (false: every event position x is cannot be own's
 *  where both happen). */
export function orderAllows(order: CallOrder | undefined, own: Omit<EventPosition, 'n'> | undefined, n: Term, x: Term): boolean {
  if (!order || !own || x.id === n.id) return true;
  const es = order.eventsAt(x);
  if (!es || !es.length) return true;
  return es.some((e) => mayMeet(own, e));
}

/** p_i + a = p_j + b possible for events i, j that both happen (see CallOrder). */
function mayMeet(f: Omit<EventPosition, 'n'>, x: Omit<EventPosition, 'n'>): boolean {
  if (f.event === x.event) return f.k === x.k;
  // i before j: p_j + b >= p_i + w_i + b > p_i + a when w_i + b > a
  if (f.event < x.event) return !(f.w + x.k > f.k);
  // j before i: p_i + a >= p_j + w_j + a > p_j + b when w_j + a > b
  return !(x.w + f.k > x.k);
}
