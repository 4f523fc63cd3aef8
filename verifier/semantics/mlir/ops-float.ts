// The meaning of float ops (arith and llvm), written once over the domain: concretely with
// JS numbers (float.ts), symbolically with the SMT-LIB FloatingPoint theory (symbolic-float.ts).
// Floats are bit patterns between ops; a NaN result is the canonical NaN. The min/max family
// runs concretely only (unsupported symbolically). Sources for each decision: README.md.
import type { Operation } from '../../../compiler/mlir/ir.ts';
import { opAttr } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import type { Dom } from './domain.ts';
import { bitsToNumber, canonicalBits, fbin, type FArith, type FBinOp, type FW } from './float.ts';
import { predicateOf } from './ops-int.ts';
import { floatWidth, intWidth, Unsupported, type FloatV, type IntV, type Val } from './values.ts';

function asFloat<V, B>(v: Val<V, B> | undefined, op: Operation): FloatV<V, B> & { w: FW } {
  if (!v || v.kind !== 'float') throw new Unsupported(`${op.name}: expected a float operand`);
  if (v.w === 16) throw new Unsupported(`${op.name} on f16`);
  return v as FloatV<V, B> & { w: FW };
}

function resultFormat(op: Operation): FW {
  const w = floatWidth(op.results[0]!.type);
  if (w === null || w === 16) throw new Unsupported(`${op.name} to ${op.results[0]!.type.kind}`);
  return w;
}

function fastmath(op: Operation): { nnan: boolean; ninf: boolean } {
  const fm = fastmathFlags(op);
  // >>> soundness reviewer: reassoc, contract, arcp, afn, nsz (and fast, which has them) allow
  // results other than the IEEE one; computed exactly, a transformation they allow would be
  // refuted (tests/verifier/tv/probe-fastmath.test.ts)
  const loose = fm.find((f) => f !== 'nnan' && f !== 'ninf' && f !== 'none');
  if (loose) throw new Unsupported(`${op.name} with the fast-math flag ${loose}`);
  // <<< soundness reviewer
  return { nnan: fm.includes('nnan') || fm.includes('fast'), ninf: fm.includes('ninf') || fm.includes('fast') };
}

/** The fast-math flags an op carries (`none` when written so; empty when absent). */
export function fastmathFlags(op: Operation): string[] {
  const a = opAttr(op, 'fastmath') ?? opAttr(op, 'fastmathFlags');
  const m = a && a.kind === 'opaque' ? /<([^>]*)>/.exec(a.text) : null;
  return m ? m[1]!.split(',').map((s) => s.trim()) : [];
}

/** LangRef fast-math flags: with nnan (ninf) an operand or a result that is a NaN (an
 *  infinity) makes the result poison. */
function fastmathPoison<V, B>(D: Dom<V, B>, op: Operation, vals: { v: V; w: FW }[]): B {
  const fm = fastmath(op);
  const bad: B[] = [];
  for (const x of vals) {
    if (fm.nnan) bad.push(D.fisNaN(x.v, x.w));
    if (fm.ninf) bad.push(D.fisInf(x.v, x.w));
  }
  return D.orB(...bad);
}

/** The min/max family: concrete only. */
function concreteBinary<V, B>(ctx: Ctx<V, B>, op: Operation, a: FloatV<V, B> & { w: FW }, b: FloatV<V, B> & { w: FW }, kind: FBinOp): V {
  if (!ctx.concreteFloats) throw new Unsupported(`${op.name} (floating point)`);
  const D = ctx.D as unknown as Dom<bigint, boolean>;
  const x = fbin(kind, bitsToNumber(D.known(a.v as bigint)!, a.w), bitsToNumber(D.known(b.v as bigint)!, b.w));
  return D.lit(canonicalBits(x, a.w), a.w) as unknown as V;
}

export function floatBinary<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], kind: FBinOp): Val<V, B>[] {
  const D = ctx.D;
  const a = asFloat(args[0], op);
  const b = asFloat(args[1], op);
  const arith = kind === 'add' || kind === 'sub' || kind === 'mul' || kind === 'div' || kind === 'rem';
  const v = arith ? D.farith(kind as FArith, a.v, b.v, a.w) : concreteBinary(ctx, op, a, b, kind);
  const bad = fastmathPoison(D, op, [a, b, { v, w: a.w }]);
  return [{ kind: 'float', w: a.w, v, poison: D.orB(a.poison, b.poison, bad) }];
}

/** negf / fneg flip the sign bit only, NaN payload included (LangRef: fneg is a bit operation). */
export function floatNeg<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  const D = ctx.D;
  const a = asFloat(args[0], op);
  const v = D.xor(a.v, D.lit(1n << BigInt(a.w - 1), a.w), a.w);
  const bad = fastmathPoison(D, op, [a, { v, w: a.w }]);
  return [{ kind: 'float', w: a.w, v, poison: D.orB(a.poison, bad) }];
}

export function floatCompare<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  const D = ctx.D;
  const a = asFloat(args[0], op);
  const b = asFloat(args[1], op);
  const bad = fastmathPoison(D, op, [a, b]);
  const r: IntV<V, B> = { kind: 'int', w: 1, v: D.fromBool(D.fcmp(predicateOf(op), a.v, b.v, a.w)), poison: D.orB(a.poison, b.poison, bad) };
  return [r];
}

/** extf/truncf, fpext/fptrunc: one rounding to the result width. */
export function floatResize<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  const D = ctx.D;
  const a = asFloat(args[0], op);
  const w = resultFormat(op);
  const v = D.fresize(a.v, a.w, w);
  const bad = fastmathPoison(D, op, [a, { v, w }]);
  return [{ kind: 'float', w, v, poison: D.orB(a.poison, bad) }];
}

export function intToFloatOp<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], signed: boolean): Val<V, B>[] {
  const D = ctx.D;
  const a = args[0];
  if (!a || a.kind !== 'int') throw new Unsupported(`${op.name}: expected an integer operand`);
  const w = resultFormat(op);
  return [{ kind: 'float', w, v: D.itofp(a.v, a.w, w, signed), poison: a.poison }];
}

/** fptosi/fptoui: truncation toward zero; poison when the value does not fit (or NaN, inf). */
export function floatToIntOp<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], signed: boolean): Val<V, B>[] {
  const D = ctx.D;
  const a = asFloat(args[0], op);
  const w = intWidth(op.results[0]!.type);
  if (w === null) throw new Unsupported(`${op.name} to ${op.results[0]!.type.kind}`);
  const r = D.fptoi(a.v, a.w, w, signed);
  return [{ kind: 'int', w, v: r.v, poison: D.orB(a.poison, D.notB(r.fits)) }];
}
