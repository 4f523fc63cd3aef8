// The region correspondence: Core's region events (semantics/symbolic/region-events.ts) and
// the runtime calls core-to-mlir makes for them (compiler/codegen/memory.ts; README
// "Regions"): Region.create is `clef_region_create()` returning an opaque i64 handle,
// Region.alloc a `memref.alloc` byte block handed to `clef_region_track(handle, block)`,
// the release `clef_region_release(handle)`. Each event meets the call at its trace position
// (calls.ts counts it as one position): the same callee, and the handle word of track and
// release is the handle the create of the same Core region returned. Region blocks are
// private on both sides (each side reads what it wrote; the target's heap blocks are not
// compared, query.ts); corresponding by allocation order is what the positions give.
// The runtime's contract (trusted, with the others in runtime.ts): each of the three returns
// and writes no observable memory; create returns a handle no other region of this function
// has; create and track free nothing; release frees the blocks tracked with its handle
// before it (so a target that touches them afterwards has undefined behaviour) and no block
// both sides see (whether it frees anything else is left open: more target behaviours).
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { BID_BITS } from '../../semantics/mlir/values.ts';
import type { CallRecord } from '../../semantics/symbolic/context.ts';
import type { RegionEvent } from '../../semantics/symbolic/region-events.ts';
import { callArrays, initialWord, initialWordPoison, type SideResult } from '../../semantics/mlir/symexec.ts';
import { NotMapped } from './unmapped.ts';

/** What the linker remembers between events of one function (in Core's execution order). */
export type RegionState = {
  /** Created regions: Core's region id, the handle the target got, under which path. */
  creates: { id: Term; handle: Term; pc: Term }[];
  /** Tracked blocks: the handle word and the block word of the track call, its path. */
  tracks: { handle: Term; bid: Term; pc: Term }[];
};

export function newRegionState(): RegionState {
  return { creates: [], tracks: [] };
}

const CALLEE: Record<RegionEvent, string> = {
  'rg:create': 'clef_region_create',
  'rg:track': 'clef_region_track',
  'rg:release': 'clef_region_release',
};

export type RegionLink = { bad: Term; assume: Term[]; after: Term };

/** The event `c` (the ci-th Core call) at trace position n. `related`: the MLIR ids of the
 *  blocks both sides see (a release frees none of them). */
export function linkRegionEvent(F: TermFactory, T: SideResult['final'], calleeId: (name: string) => number, st: RegionState, c: CallRecord, n: Term, related: Term[]): RegionLink {
  const A = callArrays(F);
  const ev = c.callee as RegionEvent;
  const word = (k: number) => F.select(T.tr.words[k] ?? initialWord(F), n);
  const wpoison = (k: number) => F.select(T.tr.wpoison[k] ?? initialWordPoison(F), n);
  const bad: Term[] = [F.not(F.app('bvult', [n, T.calls])), F.not(F.eq(F.select(T.tr.callee, n), F.bv(calleeId(CALLEE[ev]), 32)))];
  // returns, and writes no observable memory
  const assume: Term[] = [F.select(A.ret, n), F.eq(F.select(A.havoc, n), F.select(T.tr.snapU, n))];
  const region = c.args[0];
  if (!region || region.k !== 'region') throw new NotMapped(`a region event on a ${region?.k ?? 'missing'} operand`);
  const handleOf = (id: Term): Term => {
    // the handle of the create of this Core region (an own id, or an ite of them)
    const hit = st.creates.find((x) => x.id.id === id.id);
    if (hit) return hit.handle;
    if (id.kind === 'app' && id.op === 'ite') return F.ite(id.args[0]!, handleOf(id.args[1]!), handleOf(id.args[2]!));
    throw new NotMapped('a region the function did not create (a Region parameter or result)');
  };
  const noFree = F.eq(F.select(A.free, n), F.constArray(F.bv(0, BID_BITS).sort, F.false));
  switch (ev) {
    case 'rg:create': {
      const h = F.select(A.res(0), n);
      // a handle no other region created here has (where both creates happened)
      for (const o of st.creates) assume.push(F.implies(o.pc, F.not(F.eq(o.handle, h))));
      st.creates.push({ id: region.id, handle: h, pc: c.pc });
      assume.push(noFree);
      break;
    }
    case 'rg:track': {
      const h = handleOf(region.id);
      bad.push(F.or(wpoison(0), F.not(F.eq(word(0), h))));
      // words: handle, then the block's memref: allocated (bid, off), aligned (bid, off), ...
      st.tracks.push({ handle: h, bid: F.extract(BID_BITS - 1, 0, word(1)), pc: c.pc });
      assume.push(noFree);
      break;
    }
    case 'rg:release': {
      const h = handleOf(region.id);
      bad.push(F.or(wpoison(0), F.not(F.eq(word(0), h))));
      const freed = F.select(A.free, n);
      for (const t of st.tracks) assume.push(F.implies(F.and(t.pc, F.eq(t.handle, h)), F.select(freed, t.bid)));
      for (const b of related) assume.push(F.not(F.select(freed, b)));
      break;
    }
  }
  return { bad: F.or(...bad), assume: assume.map((a) => F.implies(c.pc, a)), after: F.select(A.havoc, n) };
}
