// The stack frame of a Core function, in the model the embedded profile budgets against.
//
//   frame = FRAME_OVERHEAD                       return address, saved frame pointer and the
//                                                six callee-saved registers of x86-64 SysV
//         + 8-byte slots for every parameter     (aggregates: their layout size, rounded up
//           and every `let` of the function        to 8) — what a spill of each may take
//         + every stack allocation of constant size (`NativePtr.stackalloc`, local arrays),
//           rounded up to 16 bytes
//         + every arena's block (its capacity, rounded up to 16) and its 8-byte counter.
//
// A stack allocation whose count is not a constant, or that sits inside a loop (each
// iteration takes new stack: `memref.alloca` is not hoisted), has no bound here: the frame
// is then `unknown`, with the reason.
//
// `must` is a lower bound: the bytes the function surely pushes when it runs — the
// minimal call overhead plus the allocations it makes unconditionally (not under a branch
// or a loop). It is what a refutation may rely on.
import { childrenOf } from '../../compiler/core/walk.ts';
import type { CExpr, CoreFn, CoreProgram } from '../../compiler/core/core.ts';
import type { Span } from '../../compiler/syntax/ast.ts';
import { layoutOf, sizeOf } from '../semantics/layout.ts';

export const FRAME_OVERHEAD = 64;
/** Return address and saved frame pointer: what any call surely pushes. */
export const MIN_CALL_OVERHEAD = 16;

export type Frame = {
  fn: string;
  /** Upper bound in bytes, or null with `unknown` saying why. */
  bytes: number | null;
  must: number;
  /** Functions this one surely calls when it runs (calls not under a branch or a loop). */
  mustCalls: string[];
  /** The allocations it surely makes, in order (their bytes are part of `must`). */
  mustAllocs: { bytes: number; span: Span }[];
  /** What a frame surely holds whenever it calls another function: the call overhead and
   *  the unconditional allocations made before any call of its body. */
  beforeCalls: number;
  unknown: string | null;
};

function roundUp(n: number, k: number): number {
  return Math.ceil(n / k) * k;
}

export function frameOf(p: CoreProgram, fn: CoreFn): Frame {
  const types = p.types;
  const consts = new Map<string, bigint>();
  let slots = 0;
  for (const prm of fn.params) slots += roundUp(Math.max(layoutOf(prm.ty, types).size, 1), 8);
  let allocs = 0;
  let must = MIN_CALL_OVERHEAD;
  let unknown: string | null = null;
  const mustCalls: string[] = [];
  const mustAllocs: { bytes: number; span: Span }[] = [];
  let beforeCalls = MIN_CALL_OVERHEAD;
  let sawCall = false;
  const where = (e: CExpr) => `${e.span.line}:${e.span.col}`;
  const countOf = (c: CExpr): bigint | null => {
    if (c.kind === 'Const' && typeof c.value === 'bigint') return c.value;
    if (c.kind === 'Var') return consts.get(c.name) ?? null;
    return null;
  };
  const visit = (e: CExpr, inLoop: boolean, conditional: boolean): void => {
    if (e.kind === 'Let') {
      slots += roundUp(layoutOf(e.init.ty, types).size, 8);
      if (!e.mutable && e.init.kind === 'Const' && typeof e.init.value === 'bigint') consts.set(e.name, e.init.value);
    }
    if (e.kind === 'StackAlloc' || e.kind === 'ArenaCreate') {
      const what = e.kind === 'StackAlloc' ? 'NativePtr.stackalloc' : 'Arena.create';
      const bytes =
        e.kind === 'ArenaCreate'
          ? roundUp(Number(e.capacity), 16) + 8
          : ((n) => (n === null ? null : roundUp(Number(n > 0n ? n : 0n) * sizeOf(e.elem, types), 16)))(countOf(e.count));
      if (bytes === null) unknown ??= `${what} of a non-constant count at ${where(e)}`;
      else if (inLoop) unknown ??= `${what} inside a loop at ${where(e)} (each iteration takes new stack)`;
      else {
        allocs += bytes;
        if (!conditional) {
          must += bytes;
          mustAllocs.push({ bytes, span: e.span });
          if (!sawCall) beforeCalls += bytes;
        }
      }
    }
    if (e.kind === 'Call') sawCall = true;
    if (e.kind === 'Call' && !conditional && !mustCalls.includes(e.fn)) mustCalls.push(e.fn);
    switch (e.kind) {
      case 'If':
        visit(e.cond, inLoop, conditional);
        visit(e.then, inLoop, true);
        visit(e.else, inLoop, true);
        return;
      case 'While':
        visit(e.cond, inLoop, conditional);
        e.invariants.forEach((x) => visit(x, true, true));
        visit(e.body, true, true);
        return;
      default:
        for (const c of childrenOf(e)) visit(c, inLoop, conditional);
    }
  };
  visit(fn.body, false, false);
  return { fn: fn.name, bytes: unknown ? null : FRAME_OVERHEAD + slots + allocs, must, mustCalls, mustAllocs, beforeCalls, unknown };
}

/** Bytes of static storage (top-level arrays). */
export function staticBytes(p: CoreProgram): number {
  return p.statics.reduce((n, s) => n + s.values.length * sizeOf(s.elem, p.types), 0);
}
