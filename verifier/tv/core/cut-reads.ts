// Core's reads of a related block in a loop's havoc state, rewritten as the target's bytes of
// the havoc state (reads.ts does the same for the initial memory). The relation at the head
// says Core's element i is the MLIR bytes of element i (cut-query.ts, assumed as instances);
// reading the very bytes the target's loads read makes the two sides' computations on them
// the same terms, which the solver no longer has to prove equal by bit-blasting. Sound as
// reads.ts: it applies the assumed correspondence, to reads Core's bounds obligations keep
// inside the block; the agreement instances keep the original reads.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import { elementBytes, type BlockPair } from './memory.ts';

/** A row (Core's array of a related block's elements, after the query's rewriting) and the
 *  target's bytes it stands for. */
export type HavocRow = { row: Term; U: Term; p: BlockPair };

export function rewriteHavocReads(F: TermFactory, D: Dom<Term, Term>, roots: Term[], rows: HavocRow[]): Term[] {
  const byRow = new Map<number, HavocRow>();
  for (const r of rows) if (r.row.kind === 'var') byRow.set(r.row.id, r);
  if (byRow.size === 0) return roots;
  const memo = new Map<number, Term>();
  const go = (x: Term): Term => {
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Term = x;
    if (x.kind === 'app') {
      const args = x.args.map(go);
      const h = x.op === 'select' ? byRow.get(args[0]!.id) : undefined;
      if (h) r = elementBytes(F, D, h.U, h.p.bid, args[1]!, h.p.sz);
      else if (args.some((a, i) => a !== x.args[i])) r = F.app(x.op as Parameters<TermFactory['app']>[0], args, x.indices);
    } else if (x.kind === 'quant') {
      const body = go(x.body);
      if (body !== x.body) r = F.quant(x.q, x.vars, body);
    } else if (x.kind === 'constArray') {
      const v = go(x.value);
      if (v !== x.value) r = F.constArray((x.sort as { index: Term['sort'] }).index, v);
    }
    memo.set(x.id, r);
    return r;
  };
  return roots.map(go);
}

/** Replaces variables by terms everywhere (through the factory: folding applies), one memo
 *  for all roots; a replacement is itself rewritten (a nested loop's arrival memory may name
 *  the outer loop's havoc memory). Used to eliminate the target's havoc unknowns that the
 *  relation defines by an equation: equisatisfiable with asserting the equation, and the
 *  two sides' computations become the same terms. */
export function substituteAll(F: TermFactory, roots: Term[], map: Map<number, Term>): Term[] {
  if (map.size === 0) return roots;
  const memo = new Map<number, Term>();
  const go = (x: Term): Term => {
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Term = x;
    if (x.kind === 'var') {
      const to = map.get(x.id);
      if (to) r = go(to);
    } else if (x.kind === 'app') {
      const args = x.args.map(go);
      if (args.some((a, i) => a !== x.args[i])) r = F.app(x.op as Parameters<TermFactory['app']>[0], args, x.indices);
    } else if (x.kind === 'quant') {
      const body = go(x.body);
      if (body !== x.body) r = F.quant(x.q, x.vars, body);
    } else if (x.kind === 'constArray') {
      const v = go(x.value);
      if (v !== x.value) r = F.constArray((x.sort as { index: Term['sort'] }).index, v);
    }
    memo.set(x.id, r);
    return r;
  };
  return roots.map(go);
}
