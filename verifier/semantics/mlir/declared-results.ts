// What a call of a declaration returns: values of the result types its call site names. A
// memref result's static sizes, strides and offset must hold in the descriptor the callee
// returns; where they do not, the call is undefined behaviour on that path (as for
// memref.cast to a static type), not an assumption. It was assumed, unguarded, on the
// shared call-result unknowns (`call.res`), which are numbered by call count, not by callee:
// a source calling `@g() -> memref<4xi32>` on one path and `@h() -> memref<?xi32>` on the
// other had h's size fixed at 4 too, and a target returning 4 for `memref.dim` of h's result
// was proved (review 19 R1; so was a target whose declaration of the same callee is more
// static than the source's). Shared by the symbolic run (symexec.ts) and the concrete one
// (interp.ts), so that a model whose only difference is this UB replays.
import type { Type } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import { staticLayout } from './ops-memref.ts';
import type { IntV, Val } from './values.ts';

export function declaredResultLayout<V, B>(ctx: Ctx<V, B>, callee: string, resultTypes: Type[], results: Val<V, B>[]): void {
  const D = ctx.D;
  resultTypes.forEach((t, i) => {
    const m = results[i];
    if (t.kind !== 'memref' || !m || m.kind !== 'memref') return;
    const lay = staticLayout(t);
    const bad: B[] = [];
    const fix = (x: IntV<V, B>, n: bigint | null | undefined) => {
      if (n !== null && n !== undefined) bad.push(D.orB(x.poison, D.notB(D.eq(x.v, D.lit(n, x.w), x.w))));
    };
    fix(m.offset, lay.offset);
    t.shape.forEach((n, k) => fix(m.sizes[k]!, n === null ? null : BigInt(n)));
    lay.strides.forEach((n, k) => fix(m.strides[k]!, n));
    if (bad.length) ctx.ub(D.orB(...bad), `call of @${callee}: result ${i} does not have the static layout of its type`);
  });
}
