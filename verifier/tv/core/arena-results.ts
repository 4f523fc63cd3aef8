// A span returned by a Clef callee handed an arena (step 2 of lifting the arena precondition:
// rle_region `main` gets `encode`'s copy and `decode`'s output, both allocations of the arena
// it created). Core's result may be a block the callee allocated from that arena: a fresh
// block of id >= CALLEE_BASE, owned by the arena (semantics/symbolic/exec-call.ts
// resultRefs). What the callee's own check proves of such a result (results.ts
// spanResultMismatch with arenas.ts arenaTargets, and arenaMemoryMismatch): its memref is the
// arena's byte block at the allocation's start, Core's offset and length, stride 1; the
// allocation's elements are Core's at the return; the counter is Core's used bytes. And by
// Core's arena (allocations bump the counter, only a reset lowers it), where the callee did
// not reset the arena: the start lies at or above the counter at the call and the allocation
// ends at or below the counter after it. Assumed here, as a scalar result's equality is.
//
// The caller then relates the block like an allocation of its arena (arena-calls.ts
// allocPairs): a block pair over the arena's byte block at that start, compared at every
// later Clef call while alive and agreed on after each (query.ts), its range left out of the
// frames of calls handed it (calls.ts), and handed with its arena only to a callee whose
// check covers a span inside its arena (arena-span-lift.ts), under the obligation that it is
// alive and below the counter.
//   - a reset by the creating call (Core's epoch moved): no relation at all (a model then
//     reads unrelated cells: not proved);
//   - a later reset: the pair is dead from then on (no comparison, no agreement), and a later
//     allocation over its bytes is then the newer block's;
//   - a later allocation while alive: above the counter after the creating call, so apart.
import type { Type } from '../../../compiler/types/types.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { CallRecord } from '../../semantics/symbolic/context.ts';
import { CALLEE_BASE, meta, type SymMemory } from '../../semantics/symbolic/memory.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
import type { CoreProgram } from '../../../compiler/core/core.ts';
import type { ArenaLink } from './arena-calls.ts';
import { elementOf } from './memory.ts';
import type { StackPair } from './stacks.ts';
import { NotMapped } from './unmapped.ts';

/** What a call's result placement needs: the one arena the call is handed, the result's
 *  element type, and where the new block pair goes. */
export type ArenaResult = { link: ArenaLink; elem: Type; prog: CoreProgram; CD: SymIntDomain; what: string; out: StackPair[] };

/** The disjuncts "Core's result is the callee's fresh allocation, placed as above" (one per
 *  fresh leaf of the result's block term; in practice one), and the block pairs they make. */
export function arenaResultPlace(F: TermFactory, c: CallRecord, block: Term, res: (j: number) => Term, a: ArenaResult): Term[] {
  // this call's own block (a handed block may be an earlier call's fresh block)
  const fresh = freshLeaves(block).filter((f) => !setsKind(c.memBefore.kind, f) && setsKind(c.memAfter.kind, f));
  if (!fresh.length) return [];
  if (fresh.length > 1) throw new NotMapped(`${a.what}: a result that may be one of several fresh blocks`);
  const f = fresh[0]!;
  const l = a.link;
  const el = elementOf(a.prog.types, a.CD, a.elem);
  const size = meta(F, c.memAfter, 'size', f);
  const start = res(3);
  const usedBefore = meta(F, c.memBefore, 'aused', l.core);
  const usedAfter = meta(F, c.memAfter, 'aused', l.core);
  const notReset = F.eq(meta(F, c.memAfter, 'aepoch', l.core), meta(F, c.memBefore, 'aepoch', l.core));
  // start + size * elem <= usedAfter, without wrapping (72 bits)
  const bytes = F.app('bvmul', [F.zext(8, size), F.bv(el.sz, 72)]);
  const hi = F.app('bvadd', [start, F.app('bvmul', [size, F.bv(el.sz, 64)])]);
  // ... and the same as a 64-bit sum (implied: the 72-bit product fits, so neither the
  // product nor the sum wraps); a target's access bound `start + i < cap` then follows
  // without rediscovering that (handOn's check in arena-span-lift.test.ts: 14.7 M -> 3.6 M z3 units)
  const fits = F.and(F.app('bvule', [start, usedAfter]), F.app('bvule', [bytes, F.zext(8, F.app('bvsub', [usedAfter, start]))]), F.app('bvule', [hi, usedAfter]));
  const isFresh = F.eq(block, f);
  a.out.push({
    pair: { what: `${a.what} (an allocation of ${l.what})`, core: f, bid: l.buf, key: el.key, sz: el.sz, size, base: start, ...(el.bool ? { bool: true } : {}) },
    allocated: (m) => setsKind(m.kind, f),
    alive: (m: SymMemory) => F.and(c.pc, isFresh, notReset, F.eq(meta(F, m, 'bepoch', f), meta(F, m, 'aepoch', l.core))),
    arena: { core: l.core, buf: l.buf, lo: start, hi },
  });
  return [F.and(isFresh, F.eq(F.extract(31, 0, res(2)), l.buf), F.implies(notReset, F.and(F.app('bvule', [usedBefore, start]), fits)))];
}

/** The literal block ids >= CALLEE_BASE among a block term's leaves (through ites). */
function freshLeaves(t: Term, out: Term[] = []): Term[] {
  if (t.kind === 'app' && t.op === 'ite') {
    freshLeaves(t.args[1]!, out);
    freshLeaves(t.args[2]!, out);
  } else if (t.kind === 'bv' && t.value >= CALLEE_BASE && !out.some((x) => x.id === t.id)) out.push(t);
  return out;
}

/** Whether a Core memory's `kind` array has a store at block `id` (the call that made the
 *  block happened before it, on every path: an ite must have it in both arms). */
function setsKind(a: Term, id: Term): boolean {
  if (a.kind === 'app' && a.op === 'store') {
    if (a.args[1]!.id === id.id) return true;
    return a.args[1]!.kind === 'bv' && setsKind(a.args[0]!, id);
  }
  if (a.kind === 'app' && a.op === 'ite') return setsKind(a.args[1]!, id) && setsKind(a.args[2]!, id);
  return false;
}
