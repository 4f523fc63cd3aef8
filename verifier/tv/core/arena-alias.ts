// The precondition of every check with an Arena parameter: its
// span and pointer parameters are no views into the arena's byte block. arenas.ts links the
// arena's two MLIR blocks as argument blocks of their own, distinct from the blocks of the
// span and pointer parameters (arguments.ts), so a callee's `proved` says nothing about a
// call where a span operand lies in the arena handed with it. There the target may see
// aliasing Core does not: in the callee's Core the span's cells are a block of their own,
// while in the target a write through the arena (after a reset: a new allocation over the
// old bytes) changes the span's bytes — tests/verifier/tv/core/arena-alias.test.ts has such
// a callee, proved under the precondition.
//
// Callers are checked against it here, at every Clef call handed an Arena: a span or pointer
// operand whose Core block may be an allocation of that arena breaks it, and the call is not
// mapped (`unsupported`, never proved) unless the callee's check covers it (below). "May be" is read off the block term's leaves through
// ites: a span a Clef call returned is an ite of the blocks that call was handed and an older
// block (semantics/symbolic/exec-call.ts resultRefs), so `first b` is caught like `b`.
// The other operands keep the precondition:
//   - the caller's own span and pointer parameters lie outside its Arena parameter (the same
//     precondition, checked at its own callers) and outside any arena it creates (fresh
//     allocas);
//   - stack arrays and statics are blocks of their own;
//   - `Arena.alloc`s of an arena the caller creates are not related as call operands at all
//     (calls.ts callWords: `unsupported`); spans a callee handed one arena returned are
//     (arena-results.ts), as allocations of that arena, and so checked here like the others.
// Lifted where the callee's check covers a span inside its arena (arena-span-lift.ts:
// rle_region `main` hands `decode` the arena and `encode`'s copy in it): there the refusal is
// an obligation of the caller instead (arenaSpanObligation: the allocation alive and below
// the counter at the call), and the arena's frame of the call leaves its range out
// (arena-calls.ts arenaAtCall).
import type { Term } from '../../smt/term.ts';
import type { SV } from '../../semantics/symbolic/values.ts';
import type { StackPair } from './stacks.ts';
import type { TermFactory } from '../../smt/factory.ts';
import { meta, type SymMemory } from '../../semantics/symbolic/memory.ts';

/** The operands of a call handed the arenas `arenas` (Core ids) that may be an allocation of
 *  one of them, among the arena allocations `allocs` the caller relates: each operand with
 *  every allocation it may be (empty: the call keeps the precondition). */
export function arenaAliasHits(args: SV[], arenas: Term[], allocs: StackPair[]): { i: number; st: StackPair }[] {
  if (!arenas.length) return [];
  const ids = new Set(arenas.map((a) => a.id));
  const mine = allocs.filter((st) => st.arena && ids.has(st.arena.core.id));
  const out: { i: number; st: StackPair }[] = [];
  for (const [i, a] of args.entries()) {
    if (a.k !== 'span' && a.k !== 'ptr') continue;
    const leaves = leafIds(a.block);
    for (const st of mine) if (leaves.has(st.pair.core.id)) out.push({ i, st });
  }
  return out;
}

/** Why such a call breaks the precondition (for a callee whose check does not cover a span
 *  inside its arena: arena-span-lift.ts). */
export function arenaAliasProblem(callee: string, hits: { i: number; st: StackPair }[]): string {
  const h = hits[0]!;
  return `a call of ${callee} handed an Arena and a span of one of its allocations (operand ${h.i + 1}, ${h.st.pair.what}): ${callee}'s check assumes its span and pointer parameters lie outside its Arena parameter's block (arena-alias.ts)`;
}

/** The caller's obligation at a call of a callee whose check covers its span inside its arena
 *  (arena-span-lift.ts: a view at byte o with o + size * elem <= the counter at entry): where the
 *  operand is one of the allocations, that allocation is alive (no reset since: its bytes are
 *  its own) and ends at or below the arena's used bytes at the call. A term true where it
 *  fails (a mismatch of the call). */
export function arenaSpanObligation(F: TermFactory, args: SV[], hits: { i: number; st: StackPair }[], m: SymMemory): Term {
  return F.or(...hits.map(({ i, st }) => {
    const a = args[i] as SV & { k: 'span' | 'ptr' };
    const r = st.arena!;
    const ok = F.and(st.alive ? st.alive(m) : F.true, F.app('bvule', [r.hi, meta(F, m, 'aused', r.core)]));
    return F.and(F.eq(a.block, st.pair.core), F.not(ok));
  }));
}

/** The block ids a Core block term may be: its literal leaves through ites. */
export function leafIds(t: Term, out = new Set<number>()): Set<number> {
  if (t.kind === 'app' && t.op === 'ite') {
    leafIds(t.args[1]!, out);
    leafIds(t.args[2]!, out);
  } else out.add(t.id);
  return out;
}
