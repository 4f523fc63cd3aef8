// The meaning of the memref dialect over descriptors (values.ts) and the block memory
// (memory.ts). Static sizes, strides and offsets come from the type, dynamic ones from the
// descriptor — exactly what finalize-memref-to-llvm does, so both levels compute the same
// addresses. Accesses are UB outside the memref's sizes (MLIR) and outside the block
// (memory.ts), with a poison index or descriptor, or misaligned for the element type.
import type { Attr, Operation, Type } from '../../../compiler/mlir/ir.ts';
import { getAttr, opAttr } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import { implicitAlign, layoutOf } from './layout.ts';
import { memrefAllocAlign } from './alloc-align.ts';
import { ADDRESS_UNMODELLED, loadValue, storeValue } from './memory.ts'; // ADDRESS_UNMODELLED: soundness reviewer
import { asInt } from './ops-int.ts';
import { OFF_BITS, Unsupported, litInt, ptrV, type IntV, type MemRefV, type PtrV, type Val } from './values.ts';

const DYN = -9223372036854775808n;

type MemRefType = Extract<Type, { kind: 'memref' }>;

export function asMemRefType(t: Type, what: string): MemRefType {
  if (t.kind !== 'memref') throw new Unsupported(`${what} on ${t.kind}`);
  if (t.memorySpace !== null) throw new Unsupported(`${what} on a memref in a memory space`);
  return t;
}

export function asMemRef<V, B>(v: Val<V, B> | undefined, what: string): MemRefV<V, B> {
  if (!v || v.kind !== 'memref') throw new Unsupported(`${what}: expected a memref operand`);
  return v;
}

/** The static strides and offset of a memref type (null where dynamic): identity layout
 *  (row-major, offset 0) or `strided<[...], offset: ...>`. */
export function staticLayout(t: MemRefType): { strides: (bigint | null)[]; offset: bigint | null } {
  if (t.layout === null) {
    const strides: (bigint | null)[] = [];
    let acc: bigint | null = 1n;
    for (let k = t.shape.length - 1; k >= 0; k--) {
      strides.unshift(acc);
      const dim = t.shape[k];
      acc = acc !== null && dim !== null && dim !== undefined ? acc * BigInt(dim) : null;
    }
    return { strides, offset: 0n };
  }
  if (t.layout.kind === 'strided') {
    return { strides: t.layout.strides.map((s) => (s === null ? null : BigInt(s))), offset: t.layout.offset === null ? null : BigInt(t.layout.offset) };
  }
  throw new Unsupported(`memref layout ${t.layout.kind === 'affineMap' ? `affine_map<${t.layout.text}>` : t.layout.kind}`);
}

/** Offset, sizes and strides in effect: the type's static values, else the descriptor's. */
export function viewParams<V, B>(ctx: Ctx<V, B>, t: MemRefType, m: MemRefV<V, B>): { offset: IntV<V, B>; sizes: IntV<V, B>[]; strides: IntV<V, B>[] } {
  const D = ctx.D;
  const lay = staticLayout(t);
  return {
    offset: lay.offset !== null ? litInt(D, lay.offset, 64) : m.offset,
    sizes: t.shape.map((s, k) => (s !== null ? litInt(D, BigInt(s), 64) : m.sizes[k]!)),
    strides: lay.strides.map((s, k) => (s !== null ? litInt(D, s, 64) : m.strides[k]!)),
  };
}

/** Row-major strides for the given sizes. */
export function rowMajor<V, B>(ctx: Ctx<V, B>, sizes: IntV<V, B>[]): IntV<V, B>[] {
  const D = ctx.D;
  const out: IntV<V, B>[] = [];
  let acc = litInt(D, 1n, 64);
  for (let k = sizes.length - 1; k >= 0; k--) {
    out.unshift(acc);
    acc = { kind: 'int', w: 64, v: D.mul(acc.v, sizes[k]!.v, 64), poison: D.orB(acc.poison, sizes[k]!.poison) };
  }
  return out;
}

/** The address of element `idx` of m, with memref-level bounds checks. */
export function elementPtr<V, B>(ctx: Ctx<V, B>, t: MemRefType, m: MemRefV<V, B>, idx: IntV<V, B>[], what: string): PtrV<V, B> {
  const D = ctx.D;
  const vp = viewParams(ctx, t, m);
  const es = BigInt(layoutOf(t.element).size);
  let lin = vp.offset.v;
  const poisons: B[] = [m.aligned.poison, vp.offset.poison];
  idx.forEach((i, k) => {
    const size = vp.sizes[k]!;
    const stride = vp.strides[k]!;
    poisons.push(i.poison, stride.poison);
    ctx.ub(D.orB(size.poison, D.ule(size.v, i.v, 64)), `${what}: index out of bounds of dimension ${k}`);
    lin = D.add(lin, D.mul(i.v, stride.v, 64), 64);
  });
  // the address's own poison, as its getelementptr lowering computes it
  ctx.ub(D.orB(...poisons), `${what}: poison index or descriptor`);
  return { ...m.aligned, off: D.add(m.aligned.off, D.mul(lin, D.lit(es, 64), 64), OFF_BITS) };
}

function denseI64(a: Attr | undefined): bigint[] {
  if (!a || a.kind !== 'denseArray') return [];
  return a.values.map((v) => BigInt(v as bigint));
}

function segments(op: Operation): number[] {
  const a = getAttr(op.properties, 'operandSegmentSizes');
  return a && a.kind === 'denseArray' ? a.values.map((v) => Number(v)) : [];
}

/** Mixed static/dynamic lists (offsets, sizes, strides of subview / reinterpret_cast). */
function mixed<V, B>(ctx: Ctx<V, B>, statics: bigint[], dyn: Val<V, B>[], what: string): IntV<V, B>[] {
  let k = 0;
  return statics.map((s) => (s === DYN ? asInt(dyn[k++], what) : litInt(ctx.D, s, 64)));
}

export const memrefOps: Record<string, <V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]) => Val<V, B>[]> = {
  'memref.alloc': (ctx, op, args) => [allocate(ctx, op, args, 'heap')],
  'memref.alloca': (ctx, op, args) => [allocate(ctx, op, args, 'stack')],
  'memref.dealloc': (ctx, op, args) => {
    ctx.mem.free(asMemRef(args[0], op.name).alloc, op.name);
    return [];
  },
  'memref.load': (ctx, op, args) => {
    const t = asMemRefType(op.operands[0]!.type, op.name);
    const p = elementPtr(ctx, t, asMemRef(args[0], op.name), args.slice(1).map((a) => asInt(a, op.name)), op.name);
    return [loadValue(ctx.D, ctx.mem, p, t.element, implicitAlign(op, t.element), op.name)];
  },
  'memref.store': (ctx, op, args) => {
    const t = asMemRefType(op.operands[1]!.type, op.name);
    const p = elementPtr(ctx, t, asMemRef(args[1], op.name), args.slice(2).map((a) => asInt(a, op.name)), op.name);
    storeValue(ctx.D, ctx.mem, p, t.element, args[0]!, implicitAlign(op, t.element), op.name);
    return [];
  },
  'memref.get_global': (ctx, op) => {
    const D = ctx.D;
    const t = asMemRefType(op.results[0]!.type, op.name);
    const name = opAttr(op, 'name');
    if (!name || name.kind !== 'symbolRef') throw new Unsupported('memref.get_global without a name');
    if (t.shape.some((s) => s === null)) throw new Unsupported('memref.get_global of a dynamic shape');
    const sizes = t.shape.map((s) => litInt(D, BigInt(s!), 64));
    // finalize-memref-to-llvm puts 0xdeadbeef in the allocated-pointer field of a global's
    // descriptor (it must never be freed); the memref level holds the same value.
    const dead = ptrV(D, D.lit(0n, 32), D.lit(0xdeadbeefn, 64), []);
    return [{ kind: 'memref', alloc: dead, aligned: ctx.mem.global(name.root), offset: litInt(D, 0n, 64), sizes, strides: rowMajor(ctx, sizes) }];
  },
  'memref.cast': (ctx, op, args) => {
    const D = ctx.D;
    const m = asMemRef(args[0], op.name);
    const from = asMemRefType(op.operands[0]!.type, op.name);
    const to = asMemRefType(op.results[0]!.type, op.name);
    // a cast to a static size/stride/offset asserts it at run time (UB when it differs)
    // (a poison field fails the assertion too, as the cmpi + cf.assert of its runtime
    // verification (mlir-opt --generate-runtime-verification) does: read by its bits alone, a
    // poison size took the other arm's at a join, values.ts joinBits; review 30)
    const have = viewParams(ctx, from, m);
    const want = staticLayout(to);
    const differs = (x: IntV<typeof m.offset.v, typeof m.offset.poison>, s: bigint) => D.orB(x.poison, D.notB(D.eq(x.v, D.lit(s, 64), 64)));
    to.shape.forEach((s, k) => {
      if (s !== null && from.shape[k] === null) ctx.ub(differs(have.sizes[k]!, BigInt(s)), `${op.name}: dynamic size differs from the static one`);
    });
    want.strides.forEach((s, k) => {
      if (s !== null) ctx.ub(differs(have.strides[k]!, s), `${op.name}: dynamic stride differs from the static one`);
    });
    if (want.offset !== null) ctx.ub(differs(have.offset, want.offset), `${op.name}: dynamic offset differs from the static one`);
    // the descriptor carries the values in effect (the static ones included)
    return [{ ...m, offset: have.offset, sizes: have.sizes, strides: have.strides }];
  },
  'memref.reinterpret_cast': (ctx, op, args) => {
    const m = asMemRef(args[0], op.name);
    const seg = segments(op);
    const [nOff, nSize] = [seg[1] ?? 0, seg[2] ?? 0];
    const dyn = args.slice(1);
    const offs = mixed(ctx, denseI64(opAttr(op, 'static_offsets')), dyn.slice(0, nOff), op.name);
    const sizes = mixed(ctx, denseI64(opAttr(op, 'static_sizes')), dyn.slice(nOff, nOff + nSize), op.name);
    const strides = mixed(ctx, denseI64(opAttr(op, 'static_strides')), dyn.slice(nOff + nSize), op.name);
    return [{ kind: 'memref', alloc: m.alloc, aligned: m.aligned, offset: offs[0] ?? litInt(ctx.D, 0n, 64), sizes, strides }];
  },
  'memref.subview': (ctx, op, args) => {
    const D = ctx.D;
    const m = asMemRef(args[0], op.name);
    const srcT = asMemRefType(op.operands[0]!.type, op.name);
    const resT = asMemRefType(op.results[0]!.type, op.name);
    const seg = segments(op);
    const [nOff, nSize] = [seg[1] ?? 0, seg[2] ?? 0];
    const dyn = args.slice(1);
    const offs = mixed(ctx, denseI64(opAttr(op, 'static_offsets')), dyn.slice(0, nOff), op.name);
    const sizes = mixed(ctx, denseI64(opAttr(op, 'static_sizes')), dyn.slice(nOff, nOff + nSize), op.name);
    const steps = mixed(ctx, denseI64(opAttr(op, 'static_strides')), dyn.slice(nOff + nSize), op.name);
    const vp = viewParams(ctx, srcT, m);
    let off = vp.offset;
    offs.forEach((o, k) => {
      off = { kind: 'int', w: 64, v: D.add(off.v, D.mul(o.v, vp.strides[k]!.v, 64), 64), poison: D.orB(off.poison, o.poison, vp.strides[k]!.poison) };
    });
    let strides = steps.map((s, k) => ({ kind: 'int' as const, w: 64, v: D.mul(s.v, vp.strides[k]!.v, 64), poison: D.orB(s.poison, vp.strides[k]!.poison) }));
    let keptSizes = sizes;
    if (resT.shape.length !== srcT.shape.length) {
      // rank reduction: only the unambiguous case (every static unit size is dropped)
      const keep = denseI64(opAttr(op, 'static_sizes')).map((s) => s !== 1n);
      if (keep.filter(Boolean).length !== resT.shape.length) throw new Unsupported('memref.subview with an ambiguous rank reduction');
      keptSizes = sizes.filter((_, k) => keep[k]);
      strides = strides.filter((_, k) => keep[k]);
    }
    return [{ kind: 'memref', alloc: m.alloc, aligned: m.aligned, offset: off, sizes: keptSizes, strides }];
  },
  'memref.view': (ctx, op, args) => {
    const D = ctx.D;
    const m = asMemRef(args[0], op.name);
    const shift = asInt(args[1], op.name);
    const resT = asMemRefType(op.results[0]!.type, op.name);
    if (resT.layout !== null) throw new Unsupported('memref.view to a non-identity layout');
    const dyn = args.slice(2);
    let k = 0;
    const sizes = resT.shape.map((s) => (s === null ? asInt(dyn[k++], op.name) : litInt(D, BigInt(s), 64)));
    const aligned: PtrV<typeof shift.v, typeof shift.poison> = { ...m.aligned, off: D.add(m.aligned.off, shift.v, 64), poison: D.orB(m.aligned.poison, shift.poison) };
    return [{ kind: 'memref', alloc: m.alloc, aligned, offset: litInt(D, 0n, 64), sizes, strides: rowMajor(ctx, sizes) }];
  },
  'memref.extract_strided_metadata': (ctx, op, args) => {
    const m = asMemRef(args[0], op.name);
    const t = asMemRefType(op.operands[0]!.type, op.name);
    const vp = viewParams(ctx, t, m);
    const base: MemRefV<typeof m.offset.v, typeof m.offset.poison> = { kind: 'memref', alloc: m.alloc, aligned: m.aligned, offset: litInt(ctx.D, 0n, 64), sizes: [], strides: [] };
    return [base, vp.offset, ...vp.sizes, ...vp.strides];
  },
  'memref.extract_aligned_pointer_as_index': (ctx, op, args) => {
    const D = ctx.D;
    const m = asMemRef(args[0], op.name);
    const a = m.aligned;
    // only a null-based pointer's address is modelled (memory.ts)
    if (D.known(a.bid) !== 0n) throw new Unsupported(`${op.name} of a memref that may be in a memory block (${ADDRESS_UNMODELLED})`);
    return [{ kind: 'int', w: 64, v: D.add(D.shl(D.zext(a.bid, 32, 64), D.lit(32n, 64), 64), a.off, 64), poison: a.poison }];
  },
  'memref.dim': (ctx, op, args) => {
    const D = ctx.D;
    const t = asMemRefType(op.operands[0]!.type, op.name);
    const vp = viewParams(ctx, t, asMemRef(args[0], op.name));
    const i = asInt(args[1], op.name);
    const k = D.known(i.v);
    if (k !== null && D.knownB(i.poison) === false) {
      const s = vp.sizes[Number(k)];
      if (!s) {
        ctx.ub(D.bool(true), `${op.name}: dimension ${k} out of range`);
        return [litInt(D, 0n, 64)];
      }
      return [s];
    }
    ctx.ub(D.orB(i.poison, D.ule(D.lit(BigInt(t.shape.length), 64), i.v, 64)), `${op.name}: dimension out of range`);
    let r = vp.sizes[vp.sizes.length - 1] ?? litInt(D, 0n, 64);
    for (let j = vp.sizes.length - 2; j >= 0; j--) {
      const c = D.eq(i.v, D.lit(BigInt(j), 64), 64);
      r = { kind: 'int', w: 64, v: D.ite(c, vp.sizes[j]!.v, r.v, 64), poison: D.iteB(c, vp.sizes[j]!.poison, r.poison) };
    }
    return [r];
  },
  'memref.rank': (ctx, op) => [litInt(ctx.D, BigInt(asMemRefType(op.operands[0]!.type, op.name).shape.length), 64)],
  'memref.copy': (ctx, op, args) => {
    copyMemRef(ctx, op, args);
    return [];
  },
};

function copyMemRef<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): void {
  const D = ctx.D;
  const srcT = asMemRefType(op.operands[0]!.type, op.name);
  const dstT = asMemRefType(op.operands[1]!.type, op.name);
  const src = asMemRef(args[0], op.name);
  const dst = asMemRef(args[1], op.name);
  const sp = viewParams(ctx, srcT, src);
  const dp = viewParams(ctx, dstT, dst);
  const es = BigInt(layoutOf(srcT.element).size);
  // finalize-memref-to-llvm copies (product of the source's sizes) * element bytes with
  // llvm.intr.memcpy from aligned + offset (a non-contiguous type: a runtime call reading the
  // whole descriptor): a poison size or stride is a poison length, a poison offset a poison
  // address (LLVM 19 LangRef memcpy: "If <len> is not a well-defined value, the behavior is
  // undefined. If <len> is not zero, both <dest> and <src> should be well-defined"; ops.ts).
  // Read by their bits alone, a poison size took the other arm's bits at a join (values.ts
  // joinBits) and a copy of a poison length was proved equal to one of 4 bytes (review 30)
  ctx.ub(D.orB(...[...sp.sizes, ...dp.sizes, ...sp.strides, ...dp.strides].map((s) => s.poison)), `${op.name}: a poison size or stride`);
  sp.sizes.forEach((s, k) => ctx.ub(D.notB(D.eq(s.v, dp.sizes[k]!.v, 64)), `${op.name}: shapes differ`));
  const contiguous = (vp: typeof sp) => {
    const rm = rowMajor(ctx, vp.sizes);
    return vp.strides.every((s, k) => D.knownB(D.eq(s.v, rm[k]!.v, 64)) === true);
  };
  if (!contiguous(sp) || !contiguous(dp)) throw new Unsupported('memref.copy of a non-contiguous memref');
  let n = D.lit(es, 64);
  for (const s of sp.sizes) n = D.mul(n, s.v, 64);
  const at = (m: MemRefV<V, B>, off: IntV<V, B>): PtrV<V, B> => ({ ...m.aligned, off: D.add(m.aligned.off, D.mul(off.v, D.lit(es, 64), 64), 64), poison: D.orB(m.aligned.poison, off.poison) });
  ctx.mem.copy(at(dst, dp.offset), at(src, sp.offset), n, op.name);
}

function allocate<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[], kind: 'stack' | 'heap'): MemRefV<V, B> {
  const D = ctx.D;
  const t = asMemRefType(op.results[0]!.type, op.name);
  if (t.layout !== null) throw new Unsupported(`${op.name} with a non-identity layout`);
  const seg = segments(op);
  const dyn = args.slice(0, seg[0] ?? args.length);
  let k = 0;
  const sizes = t.shape.map((s) => (s === null ? asInt(dyn[k++], op.name) : litInt(D, BigInt(s), 64)));
  ctx.ub(D.orB(...sizes.map((s) => s.poison)), `${op.name}: poison size`);
  let bytes = D.lit(BigInt(layoutOf(t.element).size), 64);
  for (const s of sizes) bytes = D.mul(bytes, s.v, 64);
  const p = ctx.mem.alloc(kind, bytes, op, memrefAllocAlign(kind, op, t.element));
  return { kind: 'memref', alloc: p, aligned: p, offset: litInt(D, 0n, 64), sizes, strides: rowMajor(ctx, sizes) };
}
