// Memory holding records, tuples and unions (of integers, chars, floats and bools): core-to-mlir
// makes a span or pointer of records a record of spans — one `memref<?xS, strided<[1],
// offset: ?>>` per scalar S of the element, in flattening order (lower-types.ts
// `elementScalars`), all with Core's offset and length — so one Core block is several MLIR
// blocks, one per leaf (Core stores elements leaf by leaf too: semantics/symbolic/memory.ts
// `leavesOf`, the same order). Each leaf is its own block pair (memory.ts `BlockPair`: the
// same Core block id, the leaf's key, the field's MLIR block), so the agreement, the reads
// and the final comparison are those of scalar memory, leaf by leaf.
// Aliasing: two parameters of the same element type may be one block (all their leaves
// then share their MLIR blocks); different types never alias. Not mapped: statics of
// records (core-to-mlir has none), a call passing such a span, a returned one.
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { ARG_BASE } from '../../semantics/mlir/memory.ts';
import { BID_BITS, OFF_BITS, type Scalar } from '../../semantics/mlir/values.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
import { I64 } from '../../semantics/symbolic/domain.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';
import { leavesOf, meta } from '../../semantics/symbolic/memory.ts';
import type { Block } from '../../semantics/memory.ts';
import type { Value } from '../../semantics/values.ts';
import { ZERO_SOURCE, type CBlock, type ConcreteMemory } from '../../semantics/mlir/concrete-memory.ts';
import type { ArgLayout } from '../pair.ts';
import type { Aliasing } from './arguments.ts';
import type { BlockPair } from './memory.ts';
import { NotMapped } from './unmapped.ts';
import { concreteSlots } from './replay.ts';

/** A record, tuple or union whose leaves are all scalars (a memory element of several MLIR
 *  blocks). */
export function isRecordElement(types: TypeTable, t: Type): boolean {
  if (t.kind !== 'record' && t.kind !== 'tuple' && t.kind !== 'union') return false;
  try {
    return scalarLeaves(types, t);
  } catch {
    return false;
  }
}

function scalarLeaves(types: TypeTable, t: Type, seen: string[] = []): boolean {
  switch (t.kind) {
    case 'int':
    case 'char':
    case 'float':
    case 'bool':
      return true;
    case 'record':
    case 'tuple':
    case 'union': {
      const k = showType(t);
      if (seen.includes(k)) return false;
      const parts = t.kind === 'union' ? unionParts(types, t) : t.kind === 'tuple' ? t.elems : types.records.get(t.name)?.fields.map((f) => f.ty) ?? null;
      return !!parts && parts.length > 0 && parts.every((p) => scalarLeaves(types, p, [...seen, k]));
    }
    default:
      return false;
  }
}

function unionParts(types: TypeTable, t: Type & { kind: 'union' }): Type[] {
  const info = types.unions.get(t.name);
  if (!info) return [];
  return info.cases.flatMap((c) => c.fields.map((f) => f.ty));
}

/** A span/pointer parameter of records: its Core value and where its slots start. */
export type RecordParam = { name: string; value: SymResult['params'][number]['value']; at: number; ty: Type & { kind: 'span' | 'ptr' } };

/** The leaves of an element type: key, byte size, bool. */
export function elementLeaves(types: TypeTable, D: SymIntDomain, elem: Type): { key: string; sz: number; bool?: boolean }[] {
  return leavesOf(types, D, elem).map((l) => {
    if (l.sort.kind === 'bool') return { key: l.key, sz: 1, bool: true };
    if (l.sort.kind !== 'bv') throw new NotMapped(`memory holding ${showType(elem)} elements (a leaf of sort ${l.sort.kind})`);
    return { key: l.key, sz: Math.max(1, l.sort.width / 8) };
  });
}

/** The number of MLIR argument slots of a span/pointer of `elem` (five per leaf). */
export function recordSlotCount(types: TypeTable, D: SymIntDomain, elem: Type): number {
  return 5 * elementLeaves(types, D, elem).length;
}

/** Links the record span parameters: per leaf, the memref slots over that leaf's MLIR block;
 *  returns one block pair per (block, leaf). */
export function linkRecordSpans(
  F: TermFactory, D: SymIntDomain, types: TypeTable, core: SymResult, layout: ArgLayout, pre: Term[], fixed: Map<number, Term>, aliasing: Aliasing,
  recs: RecordParam[], ptrIndex: Map<number, number>, coreName: (j: number) => Term, maxElems: bigint,
): BlockPair[] {
  const out: BlockPair[] = [];
  const mem0 = core.initialMemory;
  for (const m of recs) {
    const v = m.value;
    if (v.k !== 'span' && v.k !== 'ptr') throw new NotMapped(`memory parameter ${m.name} as a ${v.k}`);
    const leaves = elementLeaves(types, D, m.ty.elem);
    const jOf = (r: RecordParam, l: number) => ptrIndex.get(r.at + 5 * l + 1)!;
    // which block: a parameter of the same element type (its leaves' blocks)
    const options = recs.filter((o) => showType(o.ty.elem) === showType(m.ty.elem));
    const mi = aliasing.counts.length;
    aliasing.counts.push(options.length);
    const picked = aliasing.pick ? options[aliasing.pick[mi]!]! : options.length === 1 ? options[0]! : null;
    let block = v.block;
    if (picked) {
      pre.push(F.eq(v.block, coreName(jOf(picked, 0))));
      if (v.block.kind === 'var') fixed.set(v.block.id, coreName(jOf(picked, 0)));
      block = coreName(jOf(picked, 0));
    } else pre.push(F.or(...options.map((o) => F.eq(v.block, coreName(jOf(o, 0))))));
    const len = v.k === 'span' ? v.len : F.app('bvsub', [meta(F, mem0, 'size', block), v.off]);
    const own = coreName(jOf(m, 0));
    const n = meta(F, mem0, 'size', own);
    pre.push(F.app('bvult', [n, D.lit(maxElems, I64)]));
    leaves.forEach((leaf, l) => {
      const base = m.at + 5 * l;
      const [alloc, aligned, offset, size, stride] = layout.values.slice(base, base + 5);
      if (alloc?.kind !== 'ptr' || aligned?.kind !== 'ptr' || offset?.kind !== 'int' || size?.kind !== 'int' || stride?.kind !== 'int') {
        throw new NotMapped(`memory parameter ${m.name}: leaf ${l} of its MLIR argument is not a rank-1 memref`);
      }
      let bid: Term;
      if (picked) bid = F.bv(ARG_BASE + jOf(picked, l), BID_BITS);
      else {
        bid = F.bv(ARG_BASE + jOf(options[options.length - 1]!, l), BID_BITS);
        for (let k = options.length - 2; k >= 0; k--) bid = F.ite(F.eq(v.block, coreName(jOf(options[k]!, 0))), F.bv(ARG_BASE + jOf(options[k]!, l), BID_BITS), bid);
      }
      const keys = (picked ? [picked] : options).map((o) => layout.argBlocks[jOf(o, l)]!);
      const ptr = { kind: 'ptr' as const, bid, off: F.bv(0, OFF_BITS), poison: F.false, pts: keys };
      const int = (t: Term) => ({ kind: 'int' as const, w: 64, v: t, poison: F.false });
      layout.values[base] = { ...ptr };
      layout.values[base + 1] = ptr;
      layout.values[base + 2] = int(v.off);
      layout.values[base + 3] = int(len);
      layout.values[base + 4] = int(F.bv(1, 64));
      // this parameter's own leaf block: Core's element count times the leaf's size
      const key = layout.argBlocks[jOf(m, l)]!;
      const blk = { ...layout.memory.blocks[key]!, size: F.app('bvmul', [n, F.bv(leaf.sz, OFF_BITS)]), alive: F.true };
      layout.memory.blocks[key] = blk;
      out.push({ what: `leaf ${l} of the block of ${m.name}`, core: own, bid: blk.bid, key: leaf.key, sz: leaf.sz, size: n, ...(leaf.bool ? { bool: true } : {}) });
    });
  }
  return out;
}

// ---- replay

/** One MLIR block of the replay: Core's block, the MLIR block, the leaf's size, and (for a
 *  record element) which leaf of Core's element it holds. */
export type ReplayBlock = { core: Block; mlir: CBlock; sz: number; leaf?: number };

/** The replay's MLIR blocks of a record span's Core block (one per leaf, holding that leaf of
 *  every element), in leaf order; `bid0` the first MLIR block id to use. */
export function recordReplayBlocks(types: TypeTable, memory: ConcreteMemory, blk: Block, elem: Type, bid0: number): ReplayBlock[] {
  const sizes = leafSizes(types, elem);
  return sizes.map((sz, l) => {
    const mlir = memory.addBlock({ bid: bid0 + l, kind: 'arg', size: BigInt(blk.size * sz), alive: true, readonly: false, freeable: false, observable: true, source: ZERO_SOURCE });
    for (let k = 0; k < blk.size; k++) {
      const x = leafBitsOf(types, elem, blk.cells.get(k), l, sz);
      for (let j = 0; j < sz; j++) memory.writeByte(mlir, BigInt(k * sz + j), Number((x >> BigInt(8 * j)) & 0xffn), false);
    }
    return { core: blk, mlir, sz, leaf: l };
  });
}

/** Byte sizes of an element's leaves (core-to-mlir's scalars: i1 one byte). */
function leafSizes(types: TypeTable, elem: Type): number[] {
  const zero = concreteSlotsTyped(types, elem, null);
  return zero.map((s) => s.sz);
}

/** Leaf `l` of a Core element value as bits (inactive union fields: 0). */
export function leafBitsOf(types: TypeTable, elem: Type, v: Value | undefined, l: number, _sz: number): bigint {
  return concreteSlotsTyped(types, elem, v ?? null)[l]!.bits;
}

function concreteSlotsTyped(types: TypeTable, elem: Type, v: Value | null): { bits: bigint; sz: number }[] {
  const widths: number[] = [];
  const walkT = (t: Type): void => {
    switch (t.kind) {
      case 'int':
        widths.push(t.bits / 8);
        return;
      case 'char':
        widths.push(4);
        return;
      case 'float':
        widths.push(t.bits / 8);
        return;
      case 'bool':
        widths.push(1);
        return;
      case 'record':
      case 'tuple':
        (t.kind === 'tuple' ? t.elems : types.records.get(t.name)!.fields.map((f) => f.ty)).forEach(walkT);
        return;
      case 'union': {
        widths.push(4);
        const info = types.unions.get(t.name)!;
        [...info.cases].sort((a, b) => a.tag - b.tag).forEach((c) => c.fields.forEach((f) => walkT(f.ty)));
        return;
      }
      default:
        throw new NotMapped(`replay of memory holding ${showType(t)}`);
    }
  };
  walkT(elem);
  const bits = v === null ? widths.map(() => 0n) : concreteSlots(types, elem, v).map((x) => x ?? 0n);
  return widths.map((sz, i) => ({ bits: bits[i] ?? 0n, sz }));
}

/** The descriptor scalars of a record span over its leaf blocks. */
export function recordSpanScalars(blocks: ReplayBlock[], offset: number, len: number): Scalar<bigint, boolean>[] {
  const int = (v: bigint): Scalar<bigint, boolean> => ({ kind: 'int', w: 64, v: BigInt.asUintN(64, v), poison: false });
  return blocks.flatMap((b) => {
    const ptr: Scalar<bigint, boolean> = { kind: 'ptr', bid: BigInt(b.mlir.bid), off: 0n, poison: false };
    return [ptr, { ...ptr }, int(BigInt(offset)), int(BigInt(len)), int(1n)];
  });
}
