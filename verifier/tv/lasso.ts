// Non-termination ("lasso") refutations. Bounded refinement drops every path past the
// unrolling bound on both sides, so a target that loops forever where the source returns is
// only ever `bounded(k)`. But a deterministic execution that comes back to a loop header in
// exactly the state it had at an earlier visit of that header (same header values, memory,
// call count — no call in between, so no outside influence) repeats that cycle forever.
// This query asks for inputs under which the source returns within the bound, without UB, while the unrolled target reaches some header at visits i < j of one
// entry into the loop with equal states. Its model is only a candidate: lasso-replay.ts runs
// the target concretely and shows `refuted` only when the concrete run really repeats a
// state (and the source's concrete run returns).
import type { TermFactory } from '../smt/factory.ts';
import type { Term } from '../smt/term.ts';
import type { Dom } from '../semantics/mlir/domain.ts';
import type { HeaderVisit, SideResult, SScalar } from '../semantics/mlir/symexec.ts';
import type { SymMemState } from '../semantics/mlir/symbolic-memory.ts';
import { BID_BITS, OFF_BITS } from '../semantics/mlir/values.ts';

/** At most this many visit pairs in one query (k = 8 gives up to 45 per loop entry), not
 *  counting those that fold to false. */
export const MAX_LASSO_PAIRS = 400;

export type LassoQuery = { assertions: Term[]; pairs: number };

/** The lasso query, or null when the target reached no loop header twice in one entry.
 *  `sourceReturns`: the source returns within the bound (the first try); without it (the
 *  second), only that the source has no UB within the bound — for a source whose loops run
 *  past k before it returns (a copy loop of a 9-byte literal at k = 8), or that stops in a
 *  call that does not return, where the replay must show concretely that it does. */
export function lassoQuery(f: TermFactory, D: Dom<Term, Term>, pre: Term[], src: SideResult, tgt: SideResult, sourceReturns = true): LassoQuery | null {
  const groups = new Map<string, HeaderVisit[]>();
  for (const v of tgt.headerVisits) {
    const k = `${v.header}#${v.entry}`;
    const g = groups.get(k) ?? [];
    g.push(v);
    groups.set(k, g);
  }
  const cycles: Term[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.visit - b.visit);
    for (let j = 1; j < g.length; j++) {
      for (let i = 0; i < j && cycles.length < MAX_LASSO_PAIRS; i++) {
        // visit j's path passes through visit i (one entry of the loop), so its condition is
        // enough; pairs whose states differ by construction (i vs i + 1) fold away uncounted
        const c = f.and(g[j]!.st.pc, statesEqual(f, D, g[i]!, g[j]!));
        if (!(c.kind === 'bool' && !c.value)) cycles.push(c);
      }
    }
  }
  const lasso = f.or(...cycles);
  if (lasso.kind === 'bool' && !lasso.value) return null;
  const source = sourceReturns ? [f.not(src.ub), f.not(src.cut), src.returned] : [f.not(src.ub)];
  return { assertions: [...pre, ...source, lasso], pairs: cycles.length };
}

function statesEqual(f: TermFactory, D: Dom<Term, Term>, a: HeaderVisit, b: HeaderVisit): Term {
  if (a.vals.length !== b.vals.length) return f.false;
  return f.and(...a.vals.map((x, k) => scalarEqual(f, D, x, b.vals[k]!)), f.eq(a.st.calls, b.st.calls), memEqual(f, a.st.mem, b.st.mem));
}

/** Equal value and equal poison flag (a search condition: the replay decides). */
function scalarEqual(f: TermFactory, D: Dom<Term, Term>, x: SScalar, y: SScalar): Term {
  const p = f.eq(x.poison, y.poison);
  if (x.kind === 'ptr' && y.kind === 'ptr') return f.and(p, D.eq(x.bid, y.bid, BID_BITS), D.eq(x.off, y.off, OFF_BITS));
  if (x.kind !== 'ptr' && y.kind !== 'ptr' && x.w === y.w) return f.and(p, D.eq(x.v, y.v, x.w));
  return f.false;
}

/** The same memory: observable contents, allocation counters, and every block's liveness and
 *  (private blocks) contents; a block on one side only must be dead (not allocated). */
function memEqual(f: TermFactory, a: SymMemState, b: SymMemState): Term {
  const out: Term[] = [f.eq(a.U, b.U), f.eq(a.UP, b.UP), f.eq(a.allocCount, b.allocCount), f.eq(a.privateCount, b.privateCount), f.eq(a.stackCount, b.stackCount)];
  const n = Math.max(a.blocks.length, b.blocks.length);
  for (let k = 0; k < n; k++) {
    const x = a.blocks[k];
    const y = b.blocks[k];
    if (x && y) {
      out.push(f.eq(x.alive, y.alive));
      if (x.data && y.data) out.push(f.eq(x.data, y.data));
      if (x.poison && y.poison) out.push(f.eq(x.poison, y.poison));
    } else if (x || y) out.push(f.not((x ?? y)!.alive));
  }
  return f.and(...out);
}
