// The low bits of wide arithmetic, computed in the width they are read at. Core computes an
// arena allocation's start and end in a width wider than 64 bits (exec-memory.ts `wide`:
// exact, so that the capacity check cannot wrap), and the addresses of the allocation's
// elements are the low 64 bits of that: extract(63, 0, (sext(used) + 3) / 4 * 4 + 32) in
// 104 bits against the target's (used + 3) / 4 * 4 + 32 in 64 bits (after pow2.ts, both
// divisions are bit selections). The solver had to bit-blast both and prove every address
// equal (arena_queue runFrame timed out). The bits h..l of a sum, difference, product or
// bitwise operation depend only on the bits h..0 of its operands, so
//   extract(h, l, a op b)        = extract(h, l, extract(h, 0, a) op extract(h, 0, b))
//   extract(h, 0, sext/zext(x))  = extract(h, 0, x)            when h < width(x)
//   extract(h, l, concat(a, b))  = the part of a or b (or both) it selects
//   extract(h, l, extract(_, m, x)) = extract(h + m, l + m, x)
//   extract(w - 1, 0, x)         = x
//   concat(extract(h, m + 1, x), extract(m, l, x)) = extract(h, l, x)
// Identities of bit-vector arithmetic: every model of the original is a model of the result
// and back, over the same variables, so verdicts and replays are unchanged. After them the
// Core address is the target's term itself (the factory shares equal terms). Comparisons
// (the capacity check) stay wide: only extracts are pushed down, into arithmetic only when
// it is wider than 64 bits.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';
import { arenaAllocsOf } from '../../semantics/symbolic/arena-starts.ts';
import { rewritePow2 } from './pow2.ts';

const RING = new Set(['bvadd', 'bvsub', 'bvmul', 'bvneg', 'bvand', 'bvor', 'bvxor', 'bvnot']);

function width(t: Term): number {
  return t.sort.kind === 'bv' ? t.sort.width : 0;
}

/** extract(h, l, x), pushed into x as far as the identities above allow. */
export function lowBits(F: TermFactory, h: number, l: number, x: Term, memo: Map<string, Term>): Term {
  const w = width(x);
  if (l === 0 && h === w - 1) return x;
  const key = `${x.id}:${h}:${l}`;
  const hit = memo.get(key);
  if (hit) return hit;
  let r: Term | null = null;
  // arithmetic is narrowed only in Core's wide terms: below 65 bits the terms are the
  // target's own (splitting a 64-bit counter's bytes apart would hide that they are one
  // value again); bit selections are followed at any width
  if (x.kind === 'app') {
    const [a, b] = x.args;
    if (RING.has(x.op) && w > 64) {
      const args = x.args.map((y) => lowBits(F, h, 0, y, memo));
      const y = F.app(x.op as Parameters<TermFactory['app']>[0], args); // h + 1 bits wide
      r = l === 0 ? y : F.extract(h, l, y);
    } else if ((x.op === 'sign_extend' || x.op === 'zero_extend') && h < width(a!)) {
      r = lowBits(F, h, l, a!, memo);
    } else if (x.op === 'concat') {
      const wb = width(b!);
      if (h < wb) r = lowBits(F, h, l, b!, memo);
      else if (l >= wb) r = lowBits(F, h - wb, l - wb, a!, memo);
      else r = F.app('concat', [lowBits(F, h - wb, 0, a!, memo), lowBits(F, wb - 1, l, b!, memo)]);
    } else if (x.op === 'extract') {
      r = lowBits(F, h + x.indices[1]!, l + x.indices[1]!, a!, memo);
    }
  }
  r ??= F.extract(h, l, x);
  memo.set(key, r);
  return r;
}

/** Every extract of the roots narrowed (lowBits), adjacent extracts joined. */
export function narrowLowBits(F: TermFactory, roots: Term[]): Term[] {
  const memo = new Map<string, Term>();
  return rewriteTerms(F, roots, {
    onApp: (x, args) => {
      if (x.op === 'extract') return lowBits(F, x.indices[0]!, x.indices[1]!, args[0]!, memo);
      if (x.op === 'concat') {
        // adjacent bit ranges of one term are that term's range (a value stored as bytes
        // and read back is the value again)
        const [a, b] = args as [Term, Term];
        if (a.kind === 'app' && b.kind === 'app' && a.op === 'extract' && b.op === 'extract' && a.args[0] === b.args[0] && a.indices[1] === b.indices[0]! + 1) {
          return lowBits(F, a.indices[0]!, b.indices[1]!, a.args[0]!, memo);
        }
      }
      return undefined;
    },
  });
}

/** A query's assertions with its arena arithmetic as bit operations (pow2.ts) read at the
 *  width it is used at (narrowLowBits) — only when Core allocated from an arena (factory
 *  `F` recorded an allocation). FIDELITY_NO_LOWBITS=1 keeps the wide terms, for measuring. */
export function tidyArenaArithmetic(F: TermFactory, roots: Term[]): Term[] {
  if (!arenaAllocsOf(F).length) return roots;
  const p = rewritePow2(F, roots);
  return process.env.FIDELITY_NO_LOWBITS ? p : narrowLowBits(F, p);
}
