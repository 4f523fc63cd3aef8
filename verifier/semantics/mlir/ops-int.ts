// The meaning of the integer ops of arith and llvm, once: arithmetic with the overflow flags
// (nsw/nuw -> poison), division (UB on a zero or poison divisor and on signed MIN / -1),
// shifts (poison when the amount is >= the width), comparisons, select, casts. Poison
// propagates through every operand; undefined behaviour is reported through the context.
import type { Operation } from '../../../compiler/mlir/ir.ts';
import { getAttr, opAttr } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import * as d from './domain.ts';
import { Unsupported, flatten, iteVal, type IntV, type Val } from './values.ts';

export type IntBinKind =
  | 'add' | 'sub' | 'mul' | 'and' | 'or' | 'xor' | 'shl' | 'lshr' | 'ashr'
  | 'udiv' | 'sdiv' | 'urem' | 'srem' | 'smin' | 'smax' | 'umin' | 'umax'
  | 'ceildivsi' | 'ceildivui' | 'floordivsi';

export type IntFlags = { nsw: boolean; nuw: boolean; exact: boolean; disjoint: boolean };

/** Which ops MLIR 19 gives an inherent `overflowFlags` (mlir-opt-19 --mlir-print-op-generic
 *  prints it in `<{...}>`). Elsewhere (llvm.trunc, arith.trunci, divisions) an attribute of
 *  that name is a discardable one, which convert-arith-to-llvm and mlir-translate-19 drop: read
 *  as a flag it made `trunc {overflowFlags = nsw}; sext` proved equal to the argument. */
const OVERFLOW_FLAG_OPS = new Set(['llvm.add', 'llvm.sub', 'llvm.mul', 'llvm.shl', 'arith.addi', 'arith.subi', 'arith.muli', 'arith.shli']);
/** MLIR 19 has no exact / disjoint / nneg at all (as properties mlir-opt-19 rejects them; in an
 *  attribute dictionary they are discardable and the LLVM IR has a plain udiv, or, zext). Only
 *  the LLVM dialect's keyword forms of later MLIR (`llvm.udiv exact`, `llvm.or disjoint`,
 *  `llvm.zext nneg`), which the parser reads into properties, carry LLVM's meaning; the
 *  same names in an attribute dictionary stay discardable attributes (custom-llvm.ts) and mean
 *  nothing, as for mlir-translate-19 (scratch/review20: `lshr {isExact}; shl` was proved equal
 *  to the argument, natively 2 vs 3). */
const KEYWORD_FLAG_OPS: Record<string, 'isExact' | 'isDisjoint' | 'nonNeg'> = {
  'llvm.udiv': 'isExact', 'llvm.sdiv': 'isExact', 'llvm.lshr': 'isExact', 'llvm.ashr': 'isExact',
  'llvm.or': 'isDisjoint', 'llvm.zext': 'nonNeg',
};

/** A keyword flag of the op (KEYWORD_FLAG_OPS): only from its properties, only on its ops. */
export function keywordFlag(op: Operation, name: 'isExact' | 'isDisjoint' | 'nonNeg'): boolean {
  if (KEYWORD_FLAG_OPS[op.name] !== name) return false;
  const a = getAttr(op.properties, name);
  return a !== undefined && !(a.kind === 'bool' && !a.value);
}

/** Reads the flags of an op: `overflowFlags = #arith.overflow<nsw, nuw>` / `#llvm.overflow<...>`
 *  where MLIR 19 defines it, and the keyword flags exact / disjoint. */
export function intFlags(op: Operation): IntFlags {
  const f = OVERFLOW_FLAG_OPS.has(op.name) ? opAttr(op, 'overflowFlags') : undefined;
  const text = f && f.kind === 'opaque' ? f.text : '';
  const m = /<([^>]*)>/.exec(text);
  const list = m ? m[1]!.split(',').map((s) => s.trim()) : [];
  return {
    nsw: list.includes('nsw'),
    nuw: list.includes('nuw'),
    exact: keywordFlag(op, 'isExact'),
    disjoint: keywordFlag(op, 'isDisjoint'),
  };
}

export function checkUndef<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): void {
  if (!ctx.undefIsUnsupported) return;
  for (const a of args) if (flatten(a).some((x) => x.undef)) throw new Unsupported(`${op.name} computes with an llvm.mlir.undef value in the source function`);
}

export function asInt<V, B>(v: Val<V, B> | undefined, what: string): IntV<V, B> {
  if (!v || v.kind !== 'int') throw new Unsupported(`${what}: expected an integer operand`);
  return v;
}

export function intBin<V, B>(ctx: Ctx<V, B>, kind: IntBinKind, a: IntV<V, B>, b: IntV<V, B>, flags: IntFlags, what: string): IntV<V, B> {
  const D = ctx.D;
  const w = a.w;
  let poison = D.orB(a.poison, b.poison);
  const extra: B[] = [];
  let v: V;
  const divGuard = (signed: boolean) => {
    // UB: a poison or zero divisor; signed MIN / -1 (also when the dividend may be MIN: poison)
    ctx.ub(D.orB(b.poison, d.isZero(D, b.v, w)), `division by zero in ${what}`);
    if (signed) {
      const minus1 = D.eq(b.v, d.allOnes(D, w), w);
      ctx.ub(D.andB(minus1, D.orB(a.poison, D.eq(a.v, d.minSigned(D, w), w))), `signed overflow (MIN / -1) in ${what}`);
    }
    poison = a.poison;
  };
  switch (kind) {
    case 'add':
      v = D.add(a.v, b.v, w);
      if (flags.nsw) extra.push(d.saddOverflow(D, a.v, b.v, w));
      if (flags.nuw) extra.push(d.uaddOverflow(D, a.v, b.v, w));
      break;
    case 'sub':
      v = D.sub(a.v, b.v, w);
      if (flags.nsw) extra.push(d.ssubOverflow(D, a.v, b.v, w));
      if (flags.nuw) extra.push(d.usubOverflow(D, a.v, b.v, w));
      break;
    case 'mul':
      v = D.mul(a.v, b.v, w);
      if (flags.nsw) extra.push(d.smulOverflow(D, a.v, b.v, w));
      if (flags.nuw) extra.push(d.umulOverflow(D, a.v, b.v, w));
      break;
    case 'and':
      v = D.and(a.v, b.v, w);
      break;
    case 'or':
      v = D.or(a.v, b.v, w);
      if (flags.disjoint) extra.push(d.neq(D, D.and(a.v, b.v, w), D.lit(0n, w), w));
      break;
    case 'xor':
      v = D.xor(a.v, b.v, w);
      break;
    case 'shl':
    case 'lshr':
    case 'ashr': {
      const big = D.ule(D.lit(BigInt(w), w), b.v, w);
      extra.push(big);
      v = kind === 'shl' ? D.shl(a.v, b.v, w) : kind === 'lshr' ? D.lshr(a.v, b.v, w) : D.ashr(a.v, b.v, w);
      if (kind === 'shl' && flags.nsw) extra.push(d.neq(D, D.ashr(v, b.v, w), a.v, w));
      if (kind === 'shl' && flags.nuw) extra.push(d.neq(D, D.lshr(v, b.v, w), a.v, w));
      if (kind !== 'shl' && flags.exact) extra.push(d.neq(D, D.shl(v, b.v, w), a.v, w));
      break;
    }
    case 'udiv':
    case 'urem':
      divGuard(false);
      v = kind === 'udiv' ? D.udiv(a.v, b.v, w) : D.urem(a.v, b.v, w);
      if (kind === 'udiv' && flags.exact) extra.push(d.neq(D, D.urem(a.v, b.v, w), D.lit(0n, w), w));
      break;
    case 'sdiv':
    case 'srem':
      divGuard(true);
      v = kind === 'sdiv' ? D.sdiv(a.v, b.v, w) : D.srem(a.v, b.v, w);
      if (kind === 'sdiv' && flags.exact) extra.push(d.neq(D, D.srem(a.v, b.v, w), D.lit(0n, w), w));
      break;
    case 'ceildivui': {
      divGuard(false);
      const q = D.udiv(a.v, b.v, w);
      const r = D.urem(a.v, b.v, w);
      v = D.ite(d.isZero(D, r, w), q, D.add(q, D.lit(1n, w), w), w);
      break;
    }
    case 'ceildivsi':
    case 'floordivsi': {
      divGuard(true);
      const q = D.sdiv(a.v, b.v, w);
      const r = D.srem(a.v, b.v, w);
      const sameSign = d.eqB(D, d.signBit(D, r, w), d.signBit(D, b.v, w));
      const nz = D.notB(d.isZero(D, r, w));
      v = kind === 'ceildivsi'
        ? D.ite(D.andB(nz, sameSign), D.add(q, D.lit(1n, w), w), q, w)
        : D.ite(D.andB(nz, D.notB(sameSign)), D.sub(q, D.lit(1n, w), w), q, w);
      break;
    }
    case 'smin':
      v = d.smin(D, a.v, b.v, w);
      break;
    case 'smax':
      v = d.smax(D, a.v, b.v, w);
      break;
    case 'umin':
      v = d.umin(D, a.v, b.v, w);
      break;
    case 'umax':
      v = d.umax(D, a.v, b.v, w);
      break;
    default: {
      const _never: never = kind;
      return _never;
    }
  }
  return { kind: 'int', w, v, poison: extra.length ? D.orB(poison, ...extra) : poison };
}

/** Predicates of arith.cmpi and llvm.icmp (the same numbering). */
export function intCompare<V, B>(ctx: Ctx<V, B>, pred: number, a: V, b: V, w: number): B {
  const D = ctx.D;
  switch (pred) {
    case 0: return D.eq(a, b, w);
    case 1: return d.neq(D, a, b, w);
    case 2: return D.slt(a, b, w);
    case 3: return D.sle(a, b, w);
    case 4: return D.slt(b, a, w);
    case 5: return D.sle(b, a, w);
    case 6: return D.ult(a, b, w);
    case 7: return D.ule(a, b, w);
    case 8: return D.ult(b, a, w);
    case 9: return D.ule(b, a, w);
  }
  throw new Unsupported(`integer comparison predicate ${pred}`);
}

export function predicateOf(op: Operation): number {
  const p = opAttr(op, 'predicate');
  if (p && p.kind === 'int') return Number(p.value);
  throw new Unsupported(`${op.name} without a predicate`);
}

/** select: the chosen value; a poison condition makes the whole result poison. */
export function selectValue<V, B>(ctx: Ctx<V, B>, c: IntV<V, B>, a: Val<V, B>, b: Val<V, B>): Val<V, B> {
  const D = ctx.D;
  const r = iteVal(D, D.toBool(c.v), a, b);
  if (D.knownB(c.poison) === false) return r;
  return addPoison(ctx, r, c.poison);
}

export function addPoison<V, B>(ctx: Ctx<V, B>, v: Val<V, B>, p: B): Val<V, B> {
  const D = ctx.D;
  switch (v.kind) {
    case 'int':
    case 'float':
    case 'ptr': {
      // undef engineer: a `fresh` mark means undef and not poison (values.ts): poison added
      // (a select on a poison condition) ends it there
      const r = { ...v, poison: D.orB(v.poison, p) };
      if (v.fresh !== undefined) r.fresh = D.andB(v.fresh, D.notB(p));
      return r;
    }
    case 'agg':
      return { kind: 'agg', fields: v.fields.map((f) => addPoison(ctx, f, p)) };
    case 'memref':
      return {
        kind: 'memref',
        alloc: addPoison(ctx, v.alloc, p) as typeof v.alloc,
        aligned: addPoison(ctx, v.aligned, p) as typeof v.aligned,
        offset: addPoison(ctx, v.offset, p) as IntV<V, B>,
        sizes: v.sizes.map((s) => addPoison(ctx, s, p) as IntV<V, B>),
        strides: v.strides.map((s) => addPoison(ctx, s, p) as IntV<V, B>),
      };
  }
}

/** Integer resize: trunc / sext / zext, with LLVM's nneg (zext) and nsw/nuw (trunc) flags. */
export function intCast<V, B>(ctx: Ctx<V, B>, a: IntV<V, B>, to: number, signed: boolean, op: Operation): IntV<V, B> {
  const D = ctx.D;
  const v = d.resize(D, a.v, a.w, to, signed);
  const extra: B[] = [];
  if (to > a.w && !signed && keywordFlag(op, 'nonNeg')) extra.push(d.signBit(D, a.v, a.w));
  if (to < a.w) {
    const f = intFlags(op);
    if (f.nuw) extra.push(d.neq(D, D.zext(v, to, a.w), a.v, a.w));
    if (f.nsw) extra.push(d.neq(D, D.sext(v, to, a.w), a.v, a.w));
  }
  return { kind: 'int', w: to, v, poison: extra.length ? D.orB(a.poison, ...extra) : a.poison };
}

/** The ops that give a second result beside the wrapped one: arith's `*_extended` (MLIR 19
 *  arith docs) and LLVM's `*.with.overflow` intrinsics (LangRef). */
export type IntPairKind = 'addui_extended' | 'mului_extended' | 'mulsi_extended' | 'uadd' | 'sadd' | 'usub' | 'ssub' | 'umul' | 'smul';

/**
 * The two results of an IntPairKind op on N-bit a and b. `addui_extended`: the N-bit sum and
 * the carry of the (N+1)-bit sum of the zero-extended operands (an i1). `mului_extended` /
 * `mulsi_extended`: the low and the high N bits of the 2N-bit product of the zero- / sign-
 * extended operands (the low half is `arith.muli`'s result). `*.with.overflow`: the wrapped
 * result and whether the exact one leaves the unsigned / signed range (an i1). Poison in
 * either operand makes both results poison (LangRef for the intrinsics; arith's lowering,
 * convert-arith-to-llvm, computes both from the operands with those intrinsics and llvm.mul).
 */
export function intPair<V, B>(ctx: Ctx<V, B>, kind: IntPairKind, a: IntV<V, B>, b: IntV<V, B>, what: string): [IntV<V, B>, IntV<V, B>] {
  const D = ctx.D;
  const w = a.w;
  if (b.w !== w) throw new Unsupported(`${what}: operands of two widths`);
  const poison = D.orB(a.poison, b.poison);
  const int = (v: V, width: number): IntV<V, B> => ({ kind: 'int', w: width, v, poison });
  const bit = (c: B) => int(D.fromBool(c), 1);
  switch (kind) {
    case 'mului_extended':
    case 'mulsi_extended': {
      const ext = (x: V) => (kind === 'mulsi_extended' ? D.sext(x, w, 2 * w) : D.zext(x, w, 2 * w));
      const p = D.mul(ext(a.v), ext(b.v), 2 * w);
      return [int(D.extract(p, w - 1, 0, 2 * w), w), int(D.extract(p, 2 * w - 1, w, 2 * w), w)];
    }
    case 'addui_extended':
    case 'uadd':
      return [int(D.add(a.v, b.v, w), w), bit(d.uaddOverflow(D, a.v, b.v, w))];
    case 'sadd':
      return [int(D.add(a.v, b.v, w), w), bit(d.saddOverflow(D, a.v, b.v, w))];
    case 'usub':
      return [int(D.sub(a.v, b.v, w), w), bit(d.usubOverflow(D, a.v, b.v, w))];
    case 'ssub':
      return [int(D.sub(a.v, b.v, w), w), bit(d.ssubOverflow(D, a.v, b.v, w))];
    case 'umul':
      return [int(D.mul(a.v, b.v, w), w), bit(d.umulOverflow(D, a.v, b.v, w))];
    case 'smul':
      return [int(D.mul(a.v, b.v, w), w), bit(d.smulOverflow(D, a.v, b.v, w))];
    default: {
      const _never: never = kind;
      return _never;
    }
  }
}
