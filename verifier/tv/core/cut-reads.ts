// Core's reads of a related block in a loop's havoc state, rewritten as the target's bytes of
// the havoc state (reads.ts does the same for the initial memory). The relation at the head
// says Core's element i is the MLIR bytes of element i (cut-query.ts, assumed as instances);
// reading the very bytes the target's loads read makes the two sides' computations on them
// the same terms, which the solver no longer has to prove equal by bit-blasting. Sound as
// reads.ts: it applies the assumed correspondence, to reads Core's bounds obligations keep
// inside the block; the agreement instances keep the original reads.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import { elementBytes, type BlockPair } from './memory.ts';

/** A row (Core's array of a related block's elements, after the query's rewriting) and the
 *  target's bytes it stands for. */
export type HavocRow = { row: Term; U: Term; p: BlockPair };

export function rewriteHavocReads(F: TermFactory, D: Dom<Term, Term>, roots: Term[], rows: HavocRow[]): Term[] {
  const byRow = new Map<number, HavocRow>();
  for (const r of rows) if (r.row.kind === 'var') byRow.set(r.row.id, r);
  if (byRow.size === 0) return roots;
  return rewriteTerms(F, roots, {
    onApp: (x, args) => {
      const h = x.op === 'select' ? byRow.get(args[0]!.id) : undefined;
      return h ? elementBytes(F, D, h.U, h.p.bid, args[1]!, h.p.sz) : undefined;
    },
  });
}

/** Replaces variables by terms everywhere (through the factory: folding applies), one memo
 *  for all roots; a replacement is itself rewritten (a nested loop's arrival memory may name
 *  the outer loop's havoc memory). Used to eliminate the target's havoc unknowns that the
 *  relation defines by an equation: equisatisfiable with asserting the equation, and the
 *  two sides' computations become the same terms. */
export function substituteAll(F: TermFactory, roots: Term[], map: Map<number, Term>): Term[] {
  if (map.size === 0) return roots;
  return rewriteTerms(F, roots, {
    onVar: (x, go) => {
      const to = map.get(x.id);
      return to ? go(to) : undefined;
    },
  });
}
