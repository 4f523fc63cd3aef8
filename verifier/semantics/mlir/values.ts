// Run-time values of MLIR, generic in the domain (V: bit-vectors, B: booleans).
// - integers of every width (index is 64 bits, i1 is 1 bit), with a poison flag;
// - floats as their IEEE bit pattern (32 or 64 bits): moving them needs no float semantics;
// - pointers: (block id, byte offset), the memory model of memory.ts;
// - aggregates: an LLVM struct or array, field by field;
// - memrefs: their descriptor exactly as the LLVM lowering lays it out (allocated pointer,
//   aligned pointer, offset, sizes, strides), so a memref at one stage and its
//   `!llvm.struct<(ptr, ptr, i64, array<r x i64>, array<r x i64>)>` at the next are the
//   same values.
// `undef` marks a scalar that came from `llvm.mlir.undef` (see README: undef is modelled as
// poison, and a source function that computes with it is reported unsupported). `fresh` is
// the same idea decided per execution: a condition under which the scalar is a read of
// memory nobody wrote (LLVM undef, read as poison) and not poison otherwise (no byte of it
// poison for another reason: README "A result that is undef"), set by loads on both sides
// (the source's uses of it are tracked, symexec.ts; a result's mark decides whether a
// target's poison refines it, verifier/tv/query.ts).
import type { Type } from '../../../compiler/mlir/ir.ts';
import { printType } from '../../../compiler/mlir/print-type-attr.ts';
import type { Dom } from './domain.ts';

/** Static blocks a pointer may point into (symbolic execution only): keys of blocks; the
 *  key OBS stands for every block the outside world can reach (symbolic-memory.ts). */
export type PointsTo = number[];
export const OBS = -1;

export type IntV<V, B> = { kind: 'int'; w: number; v: V; poison: B; undef?: boolean; fresh?: B };
export type FloatV<V, B> = { kind: 'float'; w: 16 | 32 | 64; v: V; poison: B; undef?: boolean; fresh?: B };
export type PtrV<V, B> = { kind: 'ptr'; bid: V; off: V; poison: B; undef?: boolean; fresh?: B; pts?: PointsTo };
export type AggV<V, B> = { kind: 'agg'; fields: Val<V, B>[] };
export type MemRefV<V, B> = {
  kind: 'memref';
  alloc: PtrV<V, B>;
  aligned: PtrV<V, B>;
  offset: IntV<V, B>;
  sizes: IntV<V, B>[];
  strides: IntV<V, B>[];
};
export type Val<V, B> = IntV<V, B> | FloatV<V, B> | PtrV<V, B> | AggV<V, B> | MemRefV<V, B>;
export type Scalar<V, B> = IntV<V, B> | FloatV<V, B> | PtrV<V, B>;

export const BID_BITS = 32;
export const OFF_BITS = 64;

export class Unsupported extends Error {
  constructor(readonly what: string) {
    super(`unsupported: ${what}`);
  }
}

export function intV<V, B>(D: Dom<V, B>, v: V, w: number, poison?: B): IntV<V, B> {
  return { kind: 'int', w, v, poison: poison ?? D.bool(false) };
}
export function litInt<V, B>(D: Dom<V, B>, v: bigint, w: number): IntV<V, B> {
  return { kind: 'int', w, v: D.lit(v, w), poison: D.bool(false) };
}
export function ptrV<V, B>(D: Dom<V, B>, bid: V, off: V, pts?: PointsTo, poison?: B): PtrV<V, B> {
  const p: PtrV<V, B> = { kind: 'ptr', bid, off, poison: poison ?? D.bool(false) };
  if (pts) p.pts = pts;
  return p;
}
export function nullPtr<V, B>(D: Dom<V, B>): PtrV<V, B> {
  return ptrV(D, D.lit(0n, BID_BITS), D.lit(0n, OFF_BITS), []);
}

export function floatWidth(t: Type): 16 | 32 | 64 | null {
  if (t.kind !== 'float') return null;
  if (t.name === 'f32') return 32;
  if (t.name === 'f64') return 64;
  if (t.name === 'f16' || t.name === 'bf16') return 16;
  return null;
}

/** The bit width of an integer-like type (integers, index), else null. */
export function intWidth(t: Type): number | null {
  if (t.kind === 'integer') return t.width;
  if (t.kind === 'index') return 64;
  return null;
}

/** Rank of a memref type (unranked memrefs are not supported). */
export function memrefRank(t: Type): number {
  if (t.kind !== 'memref') throw new Unsupported(`memref value of type ${t.kind}`);
  return t.shape.length;
}

/** A value of type `t` whose every scalar is poison (llvm.mlir.poison) or undef. */
export function poisonOf<V, B>(D: Dom<V, B>, t: Type, undef: boolean): Val<V, B> {
  const P = D.bool(true);
  const mark = <T extends Scalar<V, B>>(x: T): T => (undef ? { ...x, undef: true } : x);
  const w = intWidth(t);
  if (w !== null) return mark({ kind: 'int', w, v: D.lit(0n, w), poison: P });
  const fw = floatWidth(t);
  if (fw !== null) return mark({ kind: 'float', w: fw, v: D.lit(0n, fw), poison: P });
  switch (t.kind) {
    case 'llvm.ptr':
      return mark({ kind: 'ptr', bid: D.lit(0n, BID_BITS), off: D.lit(0n, OFF_BITS), poison: P, pts: [] });
    case 'llvm.struct':
      if (!Array.isArray(t.body)) throw new Unsupported('opaque or named llvm.struct');
      return { kind: 'agg', fields: t.body.map((f) => poisonOf(D, f, undef)) };
    case 'llvm.array':
      return { kind: 'agg', fields: Array.from({ length: t.size }, () => poisonOf(D, t.element, undef)) };
    case 'memref': {
      const r = memrefRank(t);
      const p = poisonOf(D, { kind: 'llvm.ptr', addressSpace: 0 }, undef) as PtrV<V, B>;
      const i = poisonOf(D, { kind: 'index' }, undef) as IntV<V, B>;
      return { kind: 'memref', alloc: p, aligned: p, offset: i, sizes: Array(r).fill(i), strides: Array(r).fill(i) };
    }
    default:
      throw new Unsupported(`values of type ${printType(t)}`);
  }
}

/** The zero value of a type (llvm.mlir.zero). */
export function zeroOf<V, B>(D: Dom<V, B>, t: Type): Val<V, B> {
  const w = intWidth(t);
  if (w !== null) return litInt(D, 0n, w);
  const fw = floatWidth(t);
  if (fw !== null) return { kind: 'float', w: fw, v: D.lit(0n, fw), poison: D.bool(false) };
  switch (t.kind) {
    case 'llvm.ptr':
      return nullPtr(D);
    case 'llvm.struct':
      if (!Array.isArray(t.body)) throw new Unsupported('opaque or named llvm.struct');
      return { kind: 'agg', fields: t.body.map((f) => zeroOf(D, f)) };
    case 'llvm.array':
      return { kind: 'agg', fields: Array.from({ length: t.size }, () => zeroOf(D, t.element)) };
    default:
      throw new Unsupported(`llvm.mlir.zero of type ${t.kind}`);
  }
}

// ------------------------------------------------------------------------ merging

// A poison integer's bits are never read: every use of a value either checks its poison mark
// first (UB on a poison branch, divisor, bound, address) or carries the mark on (results,
// stores, call words), and the refinement query compares bits only where the source's value
// is not poison (query.ts poisonAware). So a join of a plain poison (ub.poison, an unused
// yield slot: no undef/fresh mark) with a value takes that value's bits, not the poison's
// placeholder 0. Why: lift-cf-to-scf yields ub.poison in the slots an arm does not set, and
// `a3 * ite(c, s, ite(d, 0, a2))` against the source's `a3 * ite(c, s, a2)` (d excluded by
// the path) asked z3 to prove two multipliers equal: review 27's C1 back-edge query ran out
// of 10 s (9.2 M units) in z3-wasm and 60 s in native z3; as `a3 * ite(c, s, a2)` it is
// unsat in 0.3 s. FIDELITY_POISON_BITS_ZERO=1 keeps the placeholder (for A/B).
const POISON_BITS_ZERO = process.env.FIDELITY_POISON_BITS_ZERO === '1';
function joinBits<V, B>(D: Dom<V, B>, c: B, a: IntV<V, B>, y: IntV<V, B>): V {
  if (!POISON_BITS_ZERO) {
    const plain = (x: IntV<V, B>) => D.knownB(x.poison) === true && !x.undef && !x.fresh;
    if (plain(y) && !plain(a)) return a.v;
    if (plain(a) && !plain(y)) return y.v;
  }
  return D.ite(c, a.v, y.v, a.w);
}

/** `c ? a : b`, component by component (a and b have the same shape). */
export function iteVal<V, B>(D: Dom<V, B>, c: B, a: Val<V, B>, b: Val<V, B>): Val<V, B> {
  if (a === b) return a;
  const k = D.knownB(c);
  if (k !== null) return k ? a : b;
  switch (a.kind) {
    case 'int': {
      const y = b as IntV<V, B>;
      const r: IntV<V, B> = { kind: 'int', w: a.w, v: joinBits(D, c, a, y), poison: D.iteB(c, a.poison, y.poison) };
      if (a.undef || y.undef) r.undef = true;
      return withFresh(D, c, r, a, y);
    }
    case 'float': {
      const y = b as FloatV<V, B>;
      const r: FloatV<V, B> = { kind: 'float', w: a.w, v: D.ite(c, a.v, y.v, a.w), poison: D.iteB(c, a.poison, y.poison) };
      if (a.undef || y.undef) r.undef = true;
      return withFresh(D, c, r, a, y);
    }
    case 'ptr':
      return itePtr(D, c, a, b as PtrV<V, B>);
    case 'agg': {
      const y = b as AggV<V, B>;
      return { kind: 'agg', fields: a.fields.map((f, i) => iteVal(D, c, f, y.fields[i]!)) };
    }
    case 'memref': {
      const y = b as MemRefV<V, B>;
      return {
        kind: 'memref',
        alloc: itePtr(D, c, a.alloc, y.alloc),
        aligned: itePtr(D, c, a.aligned, y.aligned),
        offset: iteVal(D, c, a.offset, y.offset) as IntV<V, B>,
        sizes: a.sizes.map((s, i) => iteVal(D, c, s, y.sizes[i]!) as IntV<V, B>),
        strides: a.strides.map((s, i) => iteVal(D, c, s, y.strides[i]!) as IntV<V, B>),
      };
    }
  }
}

export function itePtr<V, B>(D: Dom<V, B>, c: B, a: PtrV<V, B>, b: PtrV<V, B>): PtrV<V, B> {
  if (a === b) return a;
  const r: PtrV<V, B> = {
    kind: 'ptr',
    bid: D.ite(c, a.bid, b.bid, BID_BITS),
    off: D.ite(c, a.off, b.off, OFF_BITS),
    poison: D.iteB(c, a.poison, b.poison),
  };
  const pts = unionPts(a.pts, b.pts);
  if (pts) r.pts = pts;
  if (a.undef || b.undef) r.undef = true;
  return withFresh(D, c, r, a, b);
}

/** r (c ? a : b) with the `fresh` marks of a and b merged under c: a merge never drops a
 *  mark (a read of unwritten memory that reaches a join is still one after it). */
function withFresh<V, B, T extends Scalar<V, B>>(D: Dom<V, B>, c: B, r: T, a: Scalar<V, B>, b: Scalar<V, B>): T {
  if (a.fresh === undefined && b.fresh === undefined) return r;
  r.fresh = D.iteB(c, a.fresh ?? D.bool(false), b.fresh ?? D.bool(false));
  return r;
}

/** Union of two points-to sets; undefined (unknown) absorbs everything. */
export function unionPts(a: PointsTo | undefined, b: PointsTo | undefined): PointsTo | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return a;
  return [...new Set([...a, ...b])];
}

// ------------------------------------------------------------------------ flattening

/** The scalar slots of a type, in the order convert-func-to-llvm passes them: a memref is
 *  allocated pointer, aligned pointer, offset, sizes, strides; a struct its fields. */
export type SlotKind = { kind: 'int'; w: number } | { kind: 'float'; w: 16 | 32 | 64 } | { kind: 'ptr' };

export function slotsOf(t: Type): SlotKind[] {
  const w = intWidth(t);
  if (w !== null) return [{ kind: 'int', w }];
  const fw = floatWidth(t);
  if (fw !== null) return [{ kind: 'float', w: fw }];
  switch (t.kind) {
    case 'llvm.ptr':
      return [{ kind: 'ptr' }];
    case 'llvm.struct':
      if (!Array.isArray(t.body)) throw new Unsupported('opaque or named llvm.struct');
      return t.body.flatMap(slotsOf);
    case 'llvm.array':
      return Array.from({ length: t.size }, () => slotsOf(t.element)).flat();
    case 'memref': {
      const r = memrefRank(t);
      const i64: SlotKind = { kind: 'int', w: 64 };
      return [{ kind: 'ptr' }, { kind: 'ptr' }, i64, ...Array(2 * r).fill(i64)];
    }
    case 'llvm.void':
    case 'none':
      return [];
    default:
      throw new Unsupported(`values of type ${printType(t)}`);
  }
}

export function sameSlots(a: SlotKind[], b: SlotKind[]): boolean {
  return a.length === b.length && a.every((s, i) => s.kind === b[i]!.kind && ('w' in s ? s.w === (b[i] as { w: number }).w : true));
}

export function slotText(s: SlotKind): string {
  return s.kind === 'ptr' ? 'ptr' : s.kind === 'int' ? `i${s.w}` : `f${s.w}`;
}

/** The scalars of a value, in slot order. */
export function flatten<V, B>(v: Val<V, B>): Scalar<V, B>[] {
  switch (v.kind) {
    case 'int':
    case 'float':
    case 'ptr':
      return [v];
    case 'agg':
      return v.fields.flatMap((f) => flatten(f));
    case 'memref':
      return [v.alloc, v.aligned, v.offset, ...v.sizes, ...v.strides];
  }
}

/** Rebuilds a value of type `t` from scalars (consumed from `xs` starting at `at.i`). */
export function unflatten<V, B>(t: Type, xs: Scalar<V, B>[], at: { i: number } = { i: 0 }): Val<V, B> {
  const next = (): Scalar<V, B> => {
    const x = xs[at.i++];
    if (!x) throw new Unsupported('value shapes do not match');
    return x;
  };
  const w = intWidth(t);
  if (w !== null) {
    const x = next();
    if (x.kind !== 'int' || x.w !== w) throw new Unsupported(`value shapes do not match (i${w})`);
    return x;
  }
  const fw = floatWidth(t);
  if (fw !== null) {
    const x = next();
    if (x.kind !== 'float' || x.w !== fw) throw new Unsupported(`value shapes do not match (f${fw})`);
    return x;
  }
  switch (t.kind) {
    case 'llvm.ptr': {
      const x = next();
      if (x.kind !== 'ptr') throw new Unsupported('value shapes do not match (ptr)');
      return x;
    }
    case 'llvm.struct':
      if (!Array.isArray(t.body)) throw new Unsupported('opaque or named llvm.struct');
      return { kind: 'agg', fields: t.body.map((f) => unflatten(f, xs, at)) };
    case 'llvm.array':
      return { kind: 'agg', fields: Array.from({ length: t.size }, () => unflatten(t.element, xs, at)) };
    case 'memref': {
      const r = memrefRank(t);
      const ptr = () => {
        const x = next();
        if (x.kind !== 'ptr') throw new Unsupported('value shapes do not match (memref pointer)');
        return x;
      };
      const int = () => {
        const x = next();
        if (x.kind !== 'int' || x.w !== 64) throw new Unsupported('value shapes do not match (memref field)');
        return x;
      };
      const alloc = ptr();
      const aligned = ptr();
      const offset = int();
      const sizes = Array.from({ length: r }, int);
      const strides = Array.from({ length: r }, int);
      return { kind: 'memref', alloc, aligned, offset, sizes, strides };
    }
    default:
      throw new Unsupported(`values of type ${printType(t)}`);
  }
}

/** Does any scalar of the value carry the undef mark? */
export function hasUndef<V, B>(v: Val<V, B>): boolean {
  return flatten(v).some((x) => x.undef === true);
}

/** Whether a type's values can hold a pointer (for the escape analysis). */
export function carriesPointer(t: Type): boolean {
  switch (t.kind) {
    case 'llvm.ptr':
    case 'memref':
    case 'unrankedMemref':
      return true;
    case 'llvm.struct':
      return Array.isArray(t.body) && t.body.some(carriesPointer);
    case 'llvm.array':
      return carriesPointer(t.element);
    default:
      return false;
  }
}
