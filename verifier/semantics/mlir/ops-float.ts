// The meaning of float ops (arith and llvm), written once over the domain: concretely with
// JS numbers (float.ts), symbolically with the SMT-LIB FloatingPoint theory (symbolic-float.ts).
// Floats are bit patterns between ops; a NaN result is the canonical NaN. The min/max family
// is compares and selects over the domain (`minMax`). Sources for each decision: README.md.
import type { Operation } from '../../../compiler/mlir/ir.ts';
import { opAttr } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import type { Dom } from './domain.ts';
import { CANONICAL_NAN, type FArith, type FW } from './float.ts';
import { signBit } from './domain.ts';
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
  // reassoc, contract, arcp, afn, nsz (and fast, which has them) allow
  // results other than the IEEE one; computed exactly, a transformation they allow would be
  // refuted (tests/verifier/tv/probe-fastmath.test.ts)
  const loose = fm.find((f) => f !== 'nnan' && f !== 'ninf' && f !== 'none');
  if (loose) throw new Unsupported(`${op.name} with the fast-math flag ${loose}`);
  return { nnan: fm.includes('nnan') || fm.includes('fast'), ninf: fm.includes('ninf') || fm.includes('fast') };
}

/** LLVM-dialect float ops without fast-math flags in MLIR 19 (no `fastmathFlags` property:
 *  mlir-opt-19 --mlir-print-op-generic keeps one written in the dictionary discardable, and
 *  mlir-translate-19 drops it). */
const NO_FASTMATH_LLVM = new Set(['llvm.fpext', 'llvm.fptrunc', 'llvm.sitofp', 'llvm.uitofp', 'llvm.fptosi', 'llvm.fptoui']);

/** The fast-math flags an op carries (`none` when written so; empty when absent): arith's
 *  `fastmath`, the LLVM dialect's `fastmathFlags`, each only under its own dialect's name and
 *  only where MLIR 19 defines it. An attribute of the other name (or on an op without flags)
 *  is discardable and dropped by the lowering and mlir-translate-19: read as nnan, `llvm.fadd
 *  {fastmath = nnan}; fcmp uno` was proved false (natively true for a NaN; scratch/review20). */
export function fastmathFlags(op: Operation): string[] {
  if (NO_FASTMATH_LLVM.has(op.name)) return [];
  const a = opAttr(op, op.name.startsWith('arith.') ? 'fastmath' : 'fastmathFlags');
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

export type MinMax = 'maximum' | 'minimum' | 'maxnum' | 'minnum';

/** The min/max family, one definition over the domain (so concrete and symbolic agree bit for
 *  bit), from compares and selects of the operand bits:
 *  - maximumf/minimumf = llvm.maximum/minimum (MLIR arith docs; LLVM 19 LangRef
 *    "'llvm.maximum.*' Intrinsic"): a NaN operand gives NaN (the canonical NaN, as every op
 *    here, README "Floating point"); otherwise the greater (lesser), -0.0 < +0.0.
 *  - maxnumf/minnumf = llvm.maxnum/minnum (MLIR arith docs; LLVM 19 LangRef "'llvm.maxnum.*'
 *    Intrinsic", IEEE-754-2008 maxNum/minNum, libm fmax/fmin): a NaN operand (quiet or
 *    signaling alike: "does not distinguish") gives the other operand, NaN only when both
 *    are; operands that compare equal give "either one of the operands" — only +0.0 and
 *    -0.0 make that choice visible. That choice is unspecified: on the target side it is a
 *    fresh boolean (`Ctx.choice`: every choice is checked), on the source side and concretely
 *    it is the IEEE-754-2019 maximumNumber/minimumNumber one (+0.0 for max, -0.0 for min;
 *    JS Math.max/min) — fewer source behaviours, sound for a proof; a refutation that needs
 *    the target's other choice does not replay and is not shown as refuted. */
function minMax<V, B>(ctx: Ctx<V, B>, op: Operation, a: FloatV<V, B> & { w: FW }, b: FloatV<V, B> & { w: FW }, kind: MinMax): V {
  const D = ctx.D;
  const w = a.w;
  if (b.w !== w) throw new Unsupported(`${op.name}: operands of two formats`);
  const nanA = D.fisNaN(a.v, w);
  const nanB = D.fisNaN(b.v, w);
  const nan = D.lit(CANONICAL_NAN[w], w);
  const lt = D.fcmp(4, a.v, b.v, w); // olt
  const gt = D.fcmp(4, b.v, a.v, w);
  const max = kind === 'maximum' || kind === 'maxnum';
  // neither NaN nor ordered: equal values, identical bits unless they are +0.0 and -0.0
  const negA = signBit(D, a.v, w);
  const ordered = max ? D.ite(negA, b.v, a.v, w) : D.ite(negA, a.v, b.v, w);
  const other = max ? D.ite(negA, a.v, b.v, w) : D.ite(negA, b.v, a.v, w);
  // the choice shows only for +0.0 and -0.0 (equal otherwise means identical bits); asked
  // only where it may show, so a concrete run reports exactly the runs that made it
  const zeros = D.andB(D.fcmp(1, a.v, D.lit(0n, w), w), D.fcmp(1, b.v, D.lit(0n, w), w), D.notB(D.eq(a.v, b.v, w)));
  const free = (kind === 'maxnum' || kind === 'minnum') && ctx.choice && D.knownB(zeros) !== false;
  const equal = free ? D.ite(ctx.choice!(`${kind} of +0.0 and -0.0`), ordered, other, w) : ordered;
  const num = D.ite(lt, max ? b.v : a.v, D.ite(gt, max ? a.v : b.v, equal, w), w);
  if (kind === 'maximum' || kind === 'minimum') return D.ite(D.orB(nanA, nanB), nan, num, w);
  return D.ite(nanA, D.ite(nanB, nan, b.v, w), D.ite(nanB, a.v, num, w), w);
}

export function floatBinary<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], kind: FArith | MinMax): Val<V, B>[] {
  const D = ctx.D;
  const a = asFloat(args[0], op);
  const b = asFloat(args[1], op);
  defaultRounding(op);
  const arith = kind === 'add' || kind === 'sub' || kind === 'mul' || kind === 'div' || kind === 'rem';
  const v = arith ? D.farith(kind, a.v, b.v, a.w) : minMax(ctx, op, a, b, kind);
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

/** A rounding mode other than to_nearest_even (arith.truncf `downward`, ...: MLIR arith docs,
 *  "rounded using the provided rounding mode") is not modelled: every op here rounds to
 *  nearest even, so a target that changes the mode was proved. */
function defaultRounding(op: Operation): void {
  const rm = opAttr(op, 'roundingmode');
  if (rm !== undefined && !(rm.kind === 'int' && rm.value === 0n)) throw new Unsupported(`${op.name} with a rounding mode other than to_nearest_even`);
}

/** extf/truncf, fpext/fptrunc: one rounding to the result width. */
export function floatResize<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Val<V, B>[] {
  const D = ctx.D;
  defaultRounding(op);
  const a = asFloat(args[0], op);
  const w = resultFormat(op);
  const v = D.fresize(a.v, a.w, w);
  const bad = fastmathPoison(D, op, [a, { v, w }]);
  return [{ kind: 'float', w, v, poison: D.orB(a.poison, bad) }];
}

export function intToFloatOp<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], signed: boolean): Val<V, B>[] {
  const D = ctx.D;
  defaultRounding(op);
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
