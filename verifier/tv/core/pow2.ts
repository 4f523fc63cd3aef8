// Division, remainder and multiplication by a literal power of two, rewritten as the bit
// operations they are: x udiv 2^p = 0^p ++ x[w-1:p], x urem 2^p = 0 ++ x[p-1:0],
// x * 2^p = x[w-1-p:0] ++ 0^p. Identities of bit-vector arithmetic (every model of the
// original is a model of the rewritten terms and back, with the same variables), so the
// verdicts and the models' replays are unchanged. Why: an arena allocation's start is
// "used rounded up to the element size", which Core computes in a wider exact arithmetic and
// core-to-mlir in 64 bits (`(used + 7) / 8 * 8`); as dividers and multipliers the solver must
// bit-blast both and prove them equal (z3-wasm timed out on a two-element Arena.alloc<int>),
// as shifts the two are adders over the same bits.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';

function log2(t: Term): number | null {
  if (t.kind !== 'bv' || t.value <= 1n) return null;
  const v = t.value;
  if ((v & (v - 1n)) !== 0n) return null;
  return v.toString(2).length - 1;
}

export function rewritePow2(F: TermFactory, roots: Term[]): Term[] {
  return rewriteTerms(F, roots, {
    onApp: (x, args) => {
      const w = x.sort.kind === 'bv' ? x.sort.width : 0;
      const p1 = args.length === 2 ? log2(args[1]!) : null;
      const p0 = args.length === 2 ? log2(args[0]!) : null;
      if (x.op === 'bvudiv' && p1 !== null && p1 < w) return F.app('concat', [F.bv(0, p1), F.extract(w - 1, p1, args[0]!)]);
      if (x.op === 'bvurem' && p1 !== null && p1 < w) return F.app('concat', [F.bv(0, w - p1), F.extract(p1 - 1, 0, args[0]!)]);
      if (x.op === 'bvmul' && (p1 !== null || p0 !== null)) {
        const [p, y] = p1 !== null ? [p1, args[0]!] : [p0!, args[1]!];
        return p >= w ? F.bv(0, w) : F.app('concat', [F.extract(w - 1 - p, 0, y), F.bv(0, p)]);
      }
      return undefined;
    },
  });
}


