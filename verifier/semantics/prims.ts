// Concrete evaluation of Prim and Convert nodes: the numeric cases run the shared
// semantics of ops.ts over the BigInt / number domains and then decide their faults.
import type { CExpr } from '../../compiler/core/core.ts';
import type { Type } from '../../compiler/types/types.ts';
import { bigIntDomain as D, norm, numberFloatDomain as Fl } from './concrete.ts';
import type { Fault, Width } from './domain.ts';
import { internal, widthOf, type Machine } from './machine.ts';
import { convert, floatArith, floatCompare, intArith, intCompare, intShift, type CompareOp, type NumTy } from './ops.ts';
import { utf8Length } from './format.ts';
import { valueCompare, valueEquals, type Value } from './values.ts';
import { hasObligation, obligationSpan, stop } from './violation.ts';

type PrimNode = CExpr & { kind: 'Prim' };
type ConvertNode = CExpr & { kind: 'Convert' };

/** A trapping fault always stops (native code traps too); a non-trapping one (signed
 *  overflow, float -> int out of range) stops only with checks on and when the node
 *  carries that obligation — its absence means the operation wraps by design. */
function decide(m: Machine, e: PrimNode | ConvertNode, faults: Fault<boolean>[]): void {
  for (const f of faults) {
    if (!f.when) continue;
    const at = obligationSpan(e.obs, f.category) ?? e.span;
    if (f.traps || (m.checks && hasObligation(e.obs, f.category))) stop(f.category, at, f.what);
  }
}

function isCompare(op: string): op is CompareOp {
  return op === 'eq' || op === 'ne' || op === 'lt' || op === 'le' || op === 'gt' || op === 'ge';
}

function compareGeneric(op: CompareOp, a: Value, b: Value): boolean {
  if (op === 'eq') return valueEquals(a, b);
  if (op === 'ne') return !valueEquals(a, b);
  const c = valueCompare(a, b);
  switch (op) {
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
  }
}

export function applyPrim(m: Machine, e: PrimNode, vs: Value[]): Value {
  const opTy: Type = e.args[0]?.ty ?? e.ty;
  const op = e.op;
  switch (op) {
    case 'not':
      return !(vs[0] as boolean);
    case 'strcat':
      return (vs[0] as string) + (vs[1] as string);
    case 'strlen': {
      const w = widthOf(e.ty);
      return norm(BigInt(utf8Length(vs[0] as string)), w ?? 'math');
    }
    default:
      break;
  }
  const iw = widthOf(opTy);
  if (iw) {
    const w: Width = e.math ? 'math' : iw;
    if (isCompare(op)) return intCompare(D, op, w, vs[0] as bigint, vs[1] as bigint);
    if (op === 'shl' || op === 'shr') {
      const countW = e.math ? 'math' : (widthOf(e.args[1]!.ty) ?? 'math');
      return intShift(D, op, w, iw.bits, vs[0] as bigint, vs[1] as bigint, countW);
    }
    const out = intArith(D, op, w, vs as bigint[]);
    decide(m, e, out.faults);
    return out.value;
  }
  if (opTy.kind === 'float') {
    if (isCompare(op)) return floatCompare(Fl, D, op, vs[0] as number, vs[1] as number);
    if (op === 'add' || op === 'sub' || op === 'mul' || op === 'div' || op === 'rem' || op === 'neg') {
      return floatArith(Fl, op, opTy.bits, vs as number[]);
    }
    return internal(e.span, `${op} on float`);
  }
  if (isCompare(op)) return compareGeneric(op, vs[0]!, vs[1]!);
  return internal(e.span, `${op} on ${opTy.kind}`);
}

function numTy(t: Type): NumTy | null {
  if (t.kind === 'float') return { kind: 'float', bits: t.bits };
  const w = widthOf(t);
  return w ? { kind: 'int', w } : null;
}

export function applyConvert(m: Machine, e: ConvertNode, v: Value): Value {
  const from = numTy(e.arg.ty);
  const to = numTy(e.ty);
  if (!from || !to) return internal(e.span, `conversion from ${e.arg.ty.kind} to ${e.ty.kind}`);
  const out = convert(D, Fl, from, to, v as bigint | number);
  decide(m, e, out.faults);
  return out.value;
}
