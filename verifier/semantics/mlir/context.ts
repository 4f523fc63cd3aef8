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
  /** Concrete float semantics for the ops with no FloatingPoint encoding (remf, the min/max
   *  family): false symbolically, where those are unsupported (ops-float.ts). */
  readonly concreteFloats: boolean;
  call(op: Operation, callee: string, args: Val<V, B>[], resultTypes: Type[]): Val<V, B>[];
}

export function unsupported(what: string): never {
  throw new Unsupported(what);
}
