// Core's reads of the initial memory of a related block, rewritten as the target's bytes.
// A Core load of element i of a block both sides see is, by the memory correspondence
// (memory.ts), the little-endian bytes of element i of the MLIR block — the very terms the
// target's load builds (both use the MLIR domain's address arithmetic). Putting them in
// Core's terms makes the two sides' computations on loaded values syntactically equal,
// instead of two circuits the solver must prove equivalent (a remainder or a product of
// loaded values is hard to prove equal by bit-blasting, trivial when it is the same term).
// Sound: it applies the correspondence, which the query assumes (agreement), to reads that
// happen only where Core's bounds obligations hold; the original reads stay in the
// agreement instances, so models still give Core's cells for the replay.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import { sel } from '../../semantics/symbolic/memory.ts';
import { asCore, elementBytes, type BlockPair } from './memory.ts';

/** Rewrites every term: block variables in `fixed` become their block's id, and a select
 *  of element i from a related block's initial row becomes the target's bytes of it. */
export function rewriteReads(
  F: TermFactory,
  D: Dom<Term, Term>,
  roots: Term[],
  fixed: Map<number, Term>,
  pairs: BlockPair[],
  initialCells: (key: string) => Term,
  U0: Term,
): Term[] {
  const rows = new Map<number, BlockPair>();
  for (const p of pairs) rows.set(sel(F, initialCells(p.key), p.core).id, p);
  if (rows.size === 0 && fixed.size === 0) return roots;
  return rewriteTerms(F, roots, {
    onVar: (x) => fixed.get(x.id),
    onApp: (x, args) => {
      if (x.op !== 'select') return undefined;
      const p = rows.get(args[0]!.id);
      return p ? asCore(F, p, elementBytes(F, D, U0, p.bid, args[1]!, p.sz, p.base)) : sel(F, args[0]!, args[1]!); // asCore: bools (core-memory); p.base: a span inside its arena (arena-span-lift.ts)
    },
  });
}
