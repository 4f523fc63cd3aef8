// The meaning of float ops (arith and llvm): concrete only. Symbolically every float
// computation is reported `unsupported: <op> (floating point)`; floats that are only moved,
// stored, loaded or selected are their bit patterns and need no float semantics.
import type { Operation } from '../../../compiler/mlir/ir.ts';
import { opAttr } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import type { Dom } from './domain.ts';
import { bitsToNumber, fbin, fcmp, floatToInt, intToFloat, numberToBits, roundTo, type FBinOp } from './float.ts';
import { predicateOf } from './ops-int.ts';
import { floatWidth, intWidth, Unsupported, type FloatV, type IntV, type Val } from './values.ts';

type CV = Val<bigint, boolean>;

/** The concrete view of a context whose domain is concrete (floats are only run there). */
function concrete<V, B>(ctx: Ctx<V, B>, op: Operation): Dom<bigint, boolean> {
  if (!ctx.concreteFloats) throw new Unsupported(`${op.name} (floating point)`);
  return ctx.D as unknown as Dom<bigint, boolean>;
}

function asFloat(v: CV | undefined, op: Operation): FloatV<bigint, boolean> {
  if (!v || v.kind !== 'float') throw new Unsupported(`${op.name}: expected a float operand`);
  if (v.w === 16) throw new Unsupported(`${op.name} on f16`);
  return v;
}

function fastmath(op: Operation): string[] {
  const a = opAttr(op, 'fastmath') ?? opAttr(op, 'fastmathFlags');
  const m = a && a.kind === 'opaque' ? /<([^>]*)>/.exec(a.text) : null;
  return m ? m[1]!.split(',').map((s) => s.trim()) : [];
}

function mk(x: number, w: 16 | 32 | 64, poison: boolean, op: Operation): FloatV<bigint, boolean> {
  const fm = fastmath(op);
  const bad = (fm.includes('nnan') || fm.includes('fast')) && Number.isNaN(x) || (fm.includes('ninf') || fm.includes('fast')) && !Number.isFinite(x) && !Number.isNaN(x);
  return { kind: 'float', w, v: numberToBits(roundTo(x, w), w), poison: poison || bad };
}

function num(v: FloatV<bigint, boolean>): number {
  return bitsToNumber(v.v, v.w);
}

export function floatBinary<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], kind: FBinOp): Val<V, B>[] {
  concrete(ctx, op);
  const a = asFloat(args[0] as CV, op);
  const b = asFloat(args[1] as CV, op);
  return [mk(fbin(kind, num(a), num(b)), a.w, a.poison || b.poison, op) as unknown as Val<V, B>];
}

export function floatNeg<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  concrete(ctx, op);
  const a = asFloat(args[0] as CV, op);
  const sign = a.w === 64 ? 1n << 63n : 1n << 31n;
  return [{ kind: 'float', w: a.w, v: a.v ^ sign, poison: a.poison } as unknown as Val<V, B>];
}

export function floatCompare<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  concrete(ctx, op);
  const a = asFloat(args[0] as CV, op);
  const b = asFloat(args[1] as CV, op);
  const r: IntV<bigint, boolean> = { kind: 'int', w: 1, v: fcmp(predicateOf(op), num(a), num(b)) ? 1n : 0n, poison: a.poison || b.poison };
  return [r as unknown as Val<V, B>];
}

/** extf/truncf, fpext/fptrunc: one rounding to the result width. */
export function floatResize<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  concrete(ctx, op);
  const a = asFloat(args[0] as CV, op);
  const w = floatWidth(op.results[0]!.type);
  if (w === null || w === 16) throw new Unsupported(`${op.name} to ${op.results[0]!.type.kind}`);
  return [mk(num(a), w, a.poison, op) as unknown as Val<V, B>];
}

export function intToFloatOp<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], signed: boolean): Val<V, B>[] {
  concrete(ctx, op);
  const a = args[0] as CV;
  if (a.kind !== 'int') throw new Unsupported(`${op.name}: expected an integer operand`);
  const w = floatWidth(op.results[0]!.type);
  if (w === null || w === 16) throw new Unsupported(`${op.name} to ${op.results[0]!.type.kind}`);
  const v = signed ? BigInt.asIntN(a.w, a.v) : a.v;
  return [{ kind: 'float', w, v: numberToBits(intToFloat(v, w), w), poison: a.poison } as unknown as Val<V, B>];
}

/** fptosi/fptoui: truncation toward zero; poison when the value does not fit (or NaN, inf). */
export function floatToIntOp<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], signed: boolean): Val<V, B>[] {
  concrete(ctx, op);
  const a = asFloat(args[0] as CV, op);
  const w = intWidth(op.results[0]!.type);
  if (w === null) throw new Unsupported(`${op.name} to ${op.results[0]!.type.kind}`);
  const r = floatToInt(num(a), w, signed);
  return [{ kind: 'int', w, v: r ?? 0n, poison: a.poison || r === null } as unknown as Val<V, B>];
}
