// Clef calls that return a span or a pointer (core-calls engineer; matmul_span's
// `row c i`). Core's result is a fresh span whose block is one the callee was handed or an
// older one (semantics/symbolic/exec-call.ts resultRefs); the target's is the memref in the
// call's result words (symexec.ts: allocated and aligned pointer as block and offset, then
// offset, size, stride). The callee's own check (results.ts spanResultMismatch) proves that
// its memref starts at the MLIR block of Core's block — one of its span and pointer
// parameters' blocks, or a static it names — with Core's offset and length and stride 1.
// So, for a callee that (transitively) names no static and has no Arena or Region parameter,
// Core's block is one of the blocks the caller handed it, and the target's memref is over
// the MLIR block the caller handed for that one, from the same aligned pointer (the block's
// start; an arena allocation's start in the arena's block: arena-calls.ts): assumed here,
// like a scalar result's equality. The caller may then pass the result on or read through it (calls.ts accepts
// its block as related).
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import { showType, type Type } from '../../../compiler/types/types.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { CallRecord } from '../../semantics/symbolic/context.ts';
import { callArrays } from '../../semantics/mlir/symexec.ts';
import { meta } from '../../semantics/symbolic/memory.ts';
import type { SV } from '../../semantics/symbolic/values.ts';
import { NotMapped } from './unmapped.ts';
import { arenaResultPlace, type ArenaResult } from './arena-results.ts';

/** A span or pointer operand of the call: Core's value, its type, the MLIR block it is
 *  passed as (the block id calls.ts compares the aligned pointer with). */
export type Handed = { v: SV; ty: Type; bid: Term; /** the aligned pointer's byte offset (an arena allocation's start; else 0) */ start: Term };

/** Assumptions (to be guarded by the call's path condition) relating Core's returned span or
 *  pointer to the target's result words at trace position n; `related` gets Core's result
 *  block (a later operand of a call may be it). */
export function spanCallResult(F: TermFactory, prog: CoreProgram, callee: CoreFn, c: CallRecord, n: Term, handed: Handed[], related: Set<number>, arena?: ArenaResult): Term[] {
  const ret = callee.ret;
  const r = c.result;
  const why = (what: string) => new NotMapped(`a call of ${callee.name}, which returns ${showType(ret)} (${what})`);
  if ((ret.kind !== 'span' && ret.kind !== 'ptr') || (r.k !== 'span' && r.k !== 'ptr')) throw why('not a span or pointer value');
  if (callee.params.some((p) => p.ty.kind === 'region')) throw why('it may return an allocation of its region');
  if (callee.params.some((p) => p.ty.kind === 'arena') && !arena) throw why('it may return an allocation of its arena');
  if (namesStatics(prog, callee.name)) throw why('it may return a view of a static');
  const elem = showType(ret.elem);
  const cands = handed.filter((h) => (h.ty.kind === 'span' || h.ty.kind === 'ptr') && showType(h.ty.elem) === elem && (h.v.k === 'span' || h.v.k === 'ptr'));
  if (!cands.length && !arena) throw why('it is handed no block of that element type');
  const A = callArrays(F);
  const res = (j: number) => F.select(A.res(j), n);
  const len = r.k === 'span' ? r.len : F.app('bvsub', [meta(F, c.memAfter, 'size', r.block), r.off]);
  related.add(r.block.id);
  // a callee handed an arena: its result may also be a fresh allocation of it (arena-results.ts)
  const fresh = arena ? arenaResultPlace(F, c, r.block, res, arena) : [];
  return [
    F.or(...cands.map((h) => F.and(F.eq(r.block, (h.v as SV & { k: 'span' | 'ptr' }).block), F.eq(F.extract(31, 0, res(2)), h.bid), F.eq(res(3), h.start))), ...fresh),
    F.eq(res(4), r.off),
    F.eq(res(5), len),
    F.eq(res(6), F.bv(1, 64)),
  ];
}

/** Whether `fn` or a function it calls (transitively) names a static. */
function namesStatics(prog: CoreProgram, fn: string): boolean {
  const seen = new Set<string>();
  const todo = [fn];
  while (todo.length) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const f = prog.functions.find((g) => g.name === name);
    if (!f) return true; // unknown: assume the worst
    let hit = false;
    forEachNode(f.body, (e) => {
      if (e.kind === 'Static') hit = true;
      if (e.kind === 'Call') todo.push(e.fn);
    });
    if (hit) return true;
  }
  return false;
}
