// Where each Core arena allocation starts in its arena's bytes, for the Core -> MLIR check
// (verifier/tv/core/arenas.ts): Core's allocation is a block of its own, core-to-mlir's is a
// view at a byte offset of the arena's block; relating them needs that offset, which Core's
// semantics computes (exec-memory.ts arenaAllocate: the used bytes rounded up to the element
// size) and does not keep. Recorded per term factory (one per Core -> MLIR query), in
// execution order; nothing else reads it.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { Type } from '../../../compiler/types/types.ts';

export type ArenaAllocRecord = {
  /** The new block (a literal own id), its arena, the start in bytes and the element count
   *  (64-bit), the element type, whether it was zero-filled (Arena.alloc; Region.copyOut's
   *  copies are not tracked), and the path condition of the allocation. */
  block: Term;
  arena: Term;
  start: Term;
  /** The arena's used bytes before the allocation (64-bit) and the element size in bytes. */
  used: Term;
  size: bigint;
  count: Term;
  elem: Type;
  zeroed: boolean;
  pc: Term;
};

const records = new WeakMap<TermFactory, ArenaAllocRecord[]>();

export function recordArenaAlloc(F: TermFactory, r: ArenaAllocRecord): void {
  let list = records.get(F);
  if (!list) records.set(F, (list = []));
  list.push(r);
}

/** The allocations recorded with this factory since the last `clearArenaAllocs`. */
export function arenaAllocsOf(F: TermFactory): ArenaAllocRecord[] {
  return records.get(F) ?? [];
}

export function clearArenaAllocs(F: TermFactory): void {
  records.delete(F);
}
