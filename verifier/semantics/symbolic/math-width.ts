// The width M of the bit-vectors that stand for mathematical integers (contract expressions,
// `math` prims). Contracts are finite expression trees over fixed-width leaves, so a bound
// on the magnitude of every intermediate value is known statically: a leaf of a fixed type
// fits in 65 signed bits, `a + b` needs one bit more than the wider operand, `a * b` the sum
// of both, and so on. M is the largest such bound in the program plus a margin, so M-bit
// two's complement arithmetic never wraps on any contract value: it IS integer arithmetic.
import type { CExpr, CoreProgram } from '../../../compiler/core/core.ts';
import { childrenOf } from '../../../compiler/core/walk.ts';

/** Never narrower than this: indices and bounds are compared in M bits too (65 needed). */
export const MIN_MATH_BITS = 72;

function bitLength(n: bigint): number {
  const m = n < 0n ? -n : n;
  return m.toString(2).length + 1;
}

/** Signed bits needed by the values of `e` (and, through `max`, by every sub-expression). */
function bitsOf(e: CExpr, quantVars: Map<string, number>, max: { v: number }): number {
  const sub = (x: CExpr) => bitsOf(x, quantVars, max);
  let r: number;
  switch (e.kind) {
    case 'Const':
      r = typeof e.value === 'bigint' ? bitLength(e.value) : 65;
      break;
    case 'Var':
      r = quantVars.get(e.name) ?? 65;
      break;
    case 'Quant': {
      const b = Math.max(sub(e.from), sub(e.to));
      quantVars.set(e.var, b);
      sub(e.body);
      r = 1;
      break;
    }
    case 'If':
      sub(e.cond);
      r = Math.max(sub(e.then), sub(e.else));
      break;
    case 'Prim': {
      const a = e.args.map(sub);
      const x = a[0] ?? 65;
      const y = a[1] ?? x;
      if (!e.math) {
        r = 65;
        break;
      }
      switch (e.op) {
        case 'add':
        case 'sub':
          r = Math.max(x, y) + 1;
          break;
        case 'mul':
          r = x + y;
          break;
        case 'div':
        case 'neg':
          r = x + 1;
          break;
        case 'rem':
          r = Math.min(x, y);
          break;
        case 'shl': {
          const t = e.args[0]!.ty;
          r = x + (t.kind === 'int' ? t.bits : 64);
          break;
        }
        default:
          r = Math.max(x, y);
      }
      break;
    }
    default:
      for (const c of childrenOf(e)) sub(c);
      r = 65;
  }
  if (r > max.v) max.v = r;
  return r;
}

/** The math width for a program: a multiple of 8, at least MIN_MATH_BITS. */
export function mathBitsFor(prog: CoreProgram): number {
  const max = { v: 0 };
  for (const f of prog.functions) {
    const q = new Map<string, number>();
    for (const e of [...f.requires, ...f.ensures, ...(f.decreases ? [f.decreases] : []), f.body]) bitsOf(e, q, max);
  }
  const need = Math.max(MIN_MATH_BITS, max.v + 2);
  return Math.ceil(need / 8) * 8;
}
