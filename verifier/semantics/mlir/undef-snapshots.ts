// The "may be unwritten" marks of the observable memory an external call sees (undef
// engineer). The call's snapshot (Trace snapU/snapUP) keeps bytes and poison bits only; a
// byte nobody wrote of an escaping block of a literal size is poison there
// (symbolic-memory.ts freshObservablePoison), so a target leaving real poison in it passed
// the comparison — but the source's byte is LLVM's undef, which poison does not refine (the
// callee may compute `and x, 0` with it). Here, per block, the call index -> the block's id
// and its `fresh` array at that call; query.ts compares them with the target's poison. The
// target's own marks excuse its poison, including an undef it stored there (SymBlock.moved:
// its `fresh` array counts such a store as a write), else a pair moving the same unwritten
// read on both sides would differ at the call.
// Recorded only for a block whose marks are not literally all false and whose unwritten bytes
// are poison in UP (a larger or symbolic size keeps one defined value there, shared by both
// sides, which the plain snapshot comparison already holds to a defined target byte): a
// function whose escaping blocks are written before every call gets no new term at all.
import type { TermFactory } from '../../smt/factory.ts';
import { bvSort, type Term } from '../../smt/term.ts';
import type { Dom } from './domain.ts';
import { FRESH_POISON_MAX, splitAddr, type SymBlock } from './symbolic-memory.ts';
import { BID_BITS, OFF_BITS } from './values.ts';

/** Per block key: call index -> its id, call index -> its size, call index -> its `fresh`
 *  array (offset -> Bool; all false at a call where it was not recorded); on the target also
 *  its `moved` marks (SymBlock.moved: stored undef reads, which its `fresh` array drops). A
 *  mark counts only below the size: a `fresh` array is true past its block too, where the
 *  address is no byte of it (the memory at entry there may be poison, mem.UP0: a byte 2 of a
 *  2-byte block was "undef in the source, poison in the target" at a call, a model that did
 *  not replay). */
export type FreshSnapshots = ({ bid: Term; size: Term; fresh: Term; moved?: Term } | undefined)[];

const noBid = (f: TermFactory) => f.constArray(bvSort(64), f.bv(0, BID_BITS));
const noSize = (f: TermFactory) => f.constArray(bvSort(64), f.bv(0, OFF_BITS));
const noMarks = (f: TermFactory) => f.constArray(bvSort(64), f.constArray(bvSort(OFF_BITS), f.false));
const isFalseArray = (t: Term) => t.kind === 'constArray' && t.value.kind === 'bool' && !t.value.value;

/** The snapshots after call n, given the blocks at it; undefined while none was recorded. */
export function recordFreshSnapshots(f: TermFactory, D: Dom<Term, Term>, prev: FreshSnapshots | undefined, n: Term, blocks: (SymBlock | undefined)[]): FreshSnapshots | undefined {
  let out = prev;
  for (const b of blocks) {
    if (!b || b.key < 0 || !b.inU || !b.fresh || b.freshIsPoison || (isFalseArray(b.fresh) && (!b.moved || isFalseArray(b.moved)))) continue;
    const size = D.known(b.size);
    if (size === null || size > FRESH_POISON_MAX) continue;
    // a block of a merged path that this path never allocated: its id may name another block
    const guard = (arr: Term) => (b.allocated === undefined || (b.allocated.kind === 'bool' && b.allocated.value) ? arr : f.ite(b.allocated, arr, f.constArray(bvSort(OFF_BITS), f.false)));
    out = out === prev ? (prev ?? []).slice() : out!;
    const old = out[b.key];
    out[b.key] = {
      bid: f.store(old?.bid ?? noBid(f), n, b.bid),
      size: f.store(old?.size ?? noSize(f), n, b.size),
      fresh: f.store(old?.fresh ?? noMarks(f), n, guard(b.fresh)),
      ...(b.moved || old?.moved ? { moved: f.store(old?.moved ?? noMarks(f), n, guard(b.moved ?? f.constArray(bvSort(OFF_BITS), f.false))) } : {}),
    };
  }
  return out;
}

/** The snapshots of two merged paths (c: the first's). */
export function mergeFreshSnapshots(f: TermFactory, c: Term, a: FreshSnapshots | undefined, b: FreshSnapshots | undefined): FreshSnapshots | undefined {
  if (!a && !b) return undefined;
  if (a === b) return a;
  const out: FreshSnapshots = [];
  for (let k = 0; k < Math.max(a?.length ?? 0, b?.length ?? 0); k++) {
    const x = a?.[k];
    const y = b?.[k];
    if (!x && !y) continue;
    out[k] = {
      bid: f.ite(c, x?.bid ?? noBid(f), y?.bid ?? noBid(f)),
      size: f.ite(c, x?.size ?? noSize(f), y?.size ?? noSize(f)),
      fresh: f.ite(c, x?.fresh ?? noMarks(f), y?.fresh ?? noMarks(f)),
      ...(x?.moved || y?.moved ? { moved: f.ite(c, x?.moved ?? noMarks(f), y?.moved ?? noMarks(f)) } : {}),
    };
  }
  return out;
}

/** At call n, the byte at address a (block id ++ offset) is marked unwritten; false when
 *  nothing was recorded. */
export function markedAtCall(f: TermFactory, s: FreshSnapshots | undefined, n: Term, a: Term): Term {
  if (!s) return f.false;
  const { off } = splitAddr(f, a);
  return f.or(...s.flatMap((x) => {
    if (!x) return [];
    const at = atRecord(f, x, n, a);
    return [f.and(at.same, at.within, f.or(f.select(f.select(x.fresh, n), off), ...(x.moved ? [f.select(f.select(x.moved, n), off)] : [])))];
  }));
}

/** At call n, the address lies past the end of a block recorded there (its id, an offset
 *  at or beyond its size): no byte of that block. Where the target's block is smaller than
 *  the source's, its "poison" there is the memory at entry's (mem.UP0) seen through an id
 *  that names no byte of it — not a byte a call sees (a 1-byte block passed with the 32-byte
 *  block's size word to clef_arg_copy(-1), which copies nothing, was refuted). */
export function pastRecorded(f: TermFactory, s: FreshSnapshots | undefined, n: Term, a: Term): Term {
  if (!s) return f.false;
  return f.or(...s.flatMap((x) => {
    if (!x) return [];
    const at = atRecord(f, x, n, a);
    return [f.and(at.same, f.not(at.within))];
  }));
}

/** Is the address in the block a record names at call n (`same`: its id), and below that
 *  block's size (`within`)? */
function atRecord(f: TermFactory, x: NonNullable<FreshSnapshots[number]>, n: Term, a: Term): { same: Term; within: Term } {
  const { bid, off } = splitAddr(f, a);
  return { same: f.eq(f.select(x.bid, n), bid), within: f.app('bvult', [off, f.select(x.size, n)]) };
}

/** The source's snapshots less those a target snapshot surely covers: the same id array and
 *  the same marks array (one term each: both sides allocated and wrote the block alike), so
 *  the target marks every byte the source does and the comparison is false there. Undefined
 *  when none is left: the query then has no such disjunct at all (its cost, for pairs that
 *  treat their unwritten bytes alike, is nil). */
export function uncoveredSnapshots(s: FreshSnapshots | undefined, t: FreshSnapshots | undefined): FreshSnapshots | undefined {
  if (!s) return undefined;
  const covered = new Set((t ?? []).flatMap((y) => (y ? [`${y.bid.id}:${y.size.id}:${y.fresh.id}`] : [])));
  const out = s.map((x) => (x && !covered.has(`${x.bid.id}:${x.size.id}:${x.fresh.id}`) ? x : undefined));
  return out.some(Boolean) ? out : undefined;
}
