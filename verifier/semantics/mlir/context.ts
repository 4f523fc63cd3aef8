// What the meaning of an op may use: the domain, the memory, a way to report undefined
// behaviour on the current path, and calls (which the driver resolves: interpreted body,
// runtime model, counterexample oracle, or an uninterpreted call in symbolic execution).
import type { Operation, Type } from '../../../compiler/mlir/ir.ts';
import type { Dom } from './domain.ts';
import type { Memory } from './memory.ts';
import { Unsupported, type Val } from './values.ts';

export interface Ctx<V, B> {
  readonly D: Dom<V, B>;
  readonly mem: Memory<V, B>;
  /** Undefined behaviour happens (on the current path) when `cond` holds. */
  ub(cond: B, what: string): void;
  /** Symbolic source side: a computation with an undef value is reported unsupported
   *  (undef is modelled as poison, which is only sound on the target side). */
  readonly undefIsUnsupported: boolean;
  /** Whether floats run concretely (no op depends on it any more: remf and the min/max
   *  family have symbolic meanings too). */
  readonly concreteFloats: boolean;
  /** soundness reviewer: an unspecified choice an op makes (maxnum/minnum of +0.0 and -0.0),
   *  true for its documented default. Symbolically a fresh boolean: free on the target side
   *  (every choice checked), under a "for all" in the source's (verifier/tv/source-choices.ts;
   *  where that cannot be done it stays free, which is stricter). Concretely asked only when
   *  the choice shows (interp.ts `onChoice`: the replay records it, runs the other one). */
  readonly choice?: (hint: string) => B;
  /** `llvm.freeze` (ops-freeze.ts): the arbitrary value of `w` bits a freeze of a slot gives
   *  where `poison` holds, asked once per execution of the op and slot (poison or not, so
   *  that both drivers count the same executions). Symbolically a fresh unknown (the
   *  target's by the path's count of freezes, symexec.ts; the source's under a "for all",
   *  verifier/tv/source-choices.ts); concretely the interpreter's `onFreeze`. */
  readonly freeze?: (w: number, poison: B) => V;
  /** What a copy call (`clef_readln_copy`, `clef_arg_copy`) copies before the size word
   *  clamps it: the line's or the argument's length, an input of the run (runtime-env.ts);
   *  undefined: unknown here, and the whole size word must be writable. */
  readonly copyLength?: (callee: string, args: Val<V, B>[]) => V | undefined;
  call(op: Operation, callee: string, args: Val<V, B>[], resultTypes: Type[]): Val<V, B>[];
}

export function unsupported(what: string): never {
  throw new Unsupported(what);
}
