// Which operands of an op are COMPUTED with, as opposed to moved (undef engineer). A read of
// memory nobody wrote is LLVM's undef; moving it (casts of aggregates, select arms, call
// arguments, a stored value) keeps it undef, computing with it may make it defined (`and x,
// 0`), which the poison reading of this semantics would not. One classification for both
// interpretations: the symbolic source side reports such a use (symexec.ts), the concrete
// replay of the target side does (interp.ts `onFreshUse`, verifier/tv/replay.ts).
import { opAttr, type Operation } from '../../../compiler/mlir/ir.ts';
import { flatten, type Val } from './values.ts';

/** Ops that only move their operands (an llvm.mlir.undef through them stays undef). */
export const UNDEF_TRANSPARENT = new Set([
  'llvm.insertvalue', 'llvm.extractvalue', 'builtin.unrealized_conversion_cast', 'memref.cast',
  'arith.select', 'llvm.select', 'func.call', 'llvm.call',
  // freeze of undef is an arbitrary fixed value: exactly what llvm.freeze gives for poison
  'llvm.freeze',
]);

/** Which operands of an op only move their values (kept undef) rather than compute with them:
 *  none, all, all but the first (a select's condition is used), or the first (a store's value).
 *  (a tag, not a closure per call: tsx names every closure it creates) */
type Moved = 'none' | 'all' | 'all-but-first' | 'first';

function movedOperands(op: Operation): Moved {
  if (op.name === 'arith.select' || op.name === 'llvm.select') return 'all-but-first'; // the condition is used
  if (op.name === 'func.call' || op.name === 'llvm.call') {
    const c = opAttr(op, 'callee');
    const name = c && c.kind === 'symbolRef' ? c.root : '';
    // calls whose meaning is memory's use their arguments; others pass them on
    const memoryCall = name === 'malloc' || name === 'free' || name.startsWith('clef_zero_');
    return memoryCall ? 'none' : 'all';
  }
  if (UNDEF_TRANSPARENT.has(op.name)) return 'all';
  // a stored value's bytes stay fresh (the memory keeps the mark)
  if (op.name === 'memref.store' || op.name === 'llvm.store') return 'first';
  return 'none';
}

function isMoved(m: Moved, i: number): boolean {
  switch (m) {
    case 'none':
      return false;
    case 'all':
      return true;
    case 'all-but-first':
      return i > 0;
    case 'first':
      return i === 0;
  }
}

/** The `fresh` marks of the operands `op` computes with. */
export function usedFreshMarks<V, B>(op: Operation, args: Val<V, B>[]): B[] {
  const moved = movedOperands(op);
  if (moved === 'all') return [];
  return args.flatMap((a, i) => (isMoved(moved, i) ? [] : flatten(a).flatMap((x) => (x.fresh !== undefined ? [x.fresh] : []))));
}
