// `llvm.freeze` (LLVM 19 LangRef, "'freeze' Instruction"): "If the argument is undef or
// poison, 'freeze' returns an arbitrary, but fixed, value of type 'ty'. Otherwise, this
// instruction is a no-op and returns the input argument. All uses of a value returned by the
// same 'freeze' instruction are guaranteed to always observe the same value, while different
// 'freeze' instructions may yield different values." Aggregates are frozen field by field
// (LangRef: "each element ... is frozen"), each scalar slot an execution of its own here.
//
// The arbitrary value comes from the driver (Ctx.freeze), once per execution of the op and
// scalar slot: symbolically a fresh unknown — on the target an element of an array indexed by
// the path's count of freezes, so that the replay (verifier/tv/replay.ts) can pick exactly the
// value the model chose; on the source a fresh unknown that the refinement query puts under a
// "for all" where it can (verifier/tv/source-choices.ts) — concretely the replay's pick.
// The result is defined: no poison, no undef mark. A pointer that may be poison is not
// frozen (which block an arbitrary pointer points into is no part of the memory model).
import type { Operation } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import { flatten, unflatten, Unsupported, type Scalar, type Val } from './values.ts';

export function freeze<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  const { D } = ctx;
  const t = op.results[0]?.type;
  const x = args[0];
  if (!t || !x) throw new Unsupported('llvm.freeze without an operand or a result');
  if (!ctx.freeze) throw new Unsupported('llvm.freeze where no arbitrary value can be chosen');
  const out = flatten(x).map((s): Scalar<V, B> => {
    if (s.kind === 'ptr') {
      if (D.knownB(s.poison) !== false) throw new Unsupported('llvm.freeze of a pointer that may be poison');
      return { kind: 'ptr', bid: s.bid, off: s.off, poison: D.bool(false), ...(s.pts ? { pts: s.pts } : {}) };
    }
    const any = ctx.freeze!(s.w, s.poison);
    const v = D.ite(s.poison, any, s.v, s.w);
    return s.kind === 'int' ? { kind: 'int', w: s.w, v, poison: D.bool(false) } : { kind: 'float', w: s.w, v, poison: D.bool(false) };
  });
  return [unflatten(t, out)];
}
