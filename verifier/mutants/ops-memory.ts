// Memory mutations at the memref level (before finalize-memref-to-llvm) and the LLVM level
// (after it): dropped, duplicated and misplaced stores, wrong load/store indices, wrong
// allocation sizes, wrong GEP indices and element types, wrong aggregate fields.
import type { Attr, Operation, Type, Value } from '../../compiler/mlir/ir.ts';
import { getAttr, i as intType } from '../../compiler/mlir/ir.ts';
import { freshNamer, insertBefore, intWidth, offsetOps, op, sameType, setProp } from './build.ts';
import { certainlyEqual, defsOf, fieldObserved, insertedAt, positionOf, samePos, vkey } from './facts.ts';
import { editAt } from './locate.ts';
import { shiftedStoreOverwritten } from './overwrite.ts';
import type { MutationOperator } from './types.ts';

const DYNAMIC = -2147483648n; // rawConstantIndices marker: the index is the next operand

const DEAD_STORE_REASON =
  'the store writes a stack block of this function that is never read and never escapes (core-to-mlir\'s scope marker): no caller can observe it';
const DUP_STORE_REASON = 'the same value stored twice in a row to the same address: the second store changes nothing';

function removeOp(m: Parameters<MutationOperator['mutate']>[0], site: Parameters<MutationOperator['mutate']>[1]) {
  return editAt(m, site, ({ block, index }) => {
    block.ops.splice(index, 1);
  });
}

function storeOps(dialect: 'memref' | 'llvm', storeName: string): MutationOperator[] {
  const d = dialect;
  return [
    {
      name: `${d}-drop-store`, family: 'store', dialect: d, expect: 'killed',
      description: `a ${storeName} removed (one whose block is read or escapes)`,
      applies: (o, ctx) => o.name === storeName && !ctx.facts.deadStores.has(o),
      mutate: removeOp,
    },
    {
      name: `${d}-drop-dead-store`, family: 'store', dialect: d, expect: 'equivalent', equivalentReason: DEAD_STORE_REASON,
      description: `a ${storeName} into a local block that nothing reads, removed`,
      applies: (o, ctx) => o.name === storeName && ctx.facts.deadStores.has(o),
      mutate: removeOp,
    },
    {
      name: `${d}-dup-store`, family: 'store', dialect: d, expect: 'equivalent', equivalentReason: DUP_STORE_REASON,
      description: `a ${storeName} repeated right after itself`,
      applies: (o, ctx) => o.name === storeName && !ctx.facts.deadStores.has(o),
      mutate: (m, site) => editAt(m, site, ({ op: o, block, index }) => insertBefore(block, index + 1, [structuredClone(o)])),
    },
  ];
}

/** memref.load / memref.store: the last index + 1. */
function shiftIndex(name: string, opName: 'memref.load' | 'memref.store', firstIndex: number, desc: string): MutationOperator {
  return {
    name, family: 'index', dialect: 'memref', expect: 'killed', description: desc,
    applies: (o) => o.name === opName && o.operands.length > firstIndex,
    mutate: (m, site) =>
      editAt(m, site, ({ op: o, block, index }, fn) => {
        const k = o.operands.length - 1;
        const { ops, result } = offsetOps('arith', freshNamer(fn), o.operands[k]!, 1n);
        insertBefore(block, index, ops);
        o.operands[k] = result;
      }),
  };
}

const memrefStoreShifted: MutationOperator = {
  name: 'memref-store-shifted', family: 'store', dialect: 'memref', expect: 'killed',
  description: 'a memref.store duplicated one element further on (last index + 1): a neighbour is clobbered or the store leaves the buffer (not where a later store overwrites that neighbour before any read)',
  applies: (o, ctx) => o.name === 'memref.store' && o.operands.length > 2 && !shiftedStoreOverwritten(ctx.block, ctx.index, ctx.facts.defs),
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const k = o.operands.length - 1;
      const { ops, result } = offsetOps('arith', freshNamer(fn), o.operands[k]!, 1n);
      const copy = structuredClone(o);
      copy.operands[k] = result;
      insertBefore(block, index + 1, [...ops, copy]);
    }),
};

const memrefAllocSize: MutationOperator = {
  name: 'memref-alloc-size', family: 'allocation', dialect: 'memref', expect: 'killed',
  description: 'memref.alloc/alloca with a dynamic size: one element fewer',
  applies: (o) => (o.name === 'memref.alloc' || o.name === 'memref.alloca') && o.operands.length > 0,
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const { ops, result } = offsetOps('arith', freshNamer(fn), o.operands[0]!, -1n);
      insertBefore(block, index, ops);
      o.operands[0] = result;
    }),
};

/** The operand index of the first dynamic size of a memref.reinterpret_cast, or -1. */
function dynamicSizeOperand(o: Operation): number {
  const seg = getAttr(o.properties, 'operandSegmentSizes');
  if (!seg || seg.kind !== 'denseArray' || seg.values.length !== 4) return -1;
  const [src, offs, sizes] = seg.values.map((v) => Number(v));
  return sizes! > 0 ? src! + offs! : -1;
}

const memrefViewSize: MutationOperator = {
  name: 'memref-view-size', family: 'allocation', dialect: 'memref', expect: 'killed',
  description: 'memref.reinterpret_cast with a dynamic size: one element fewer (a view shorter than its buffer: a later access or length is wrong)',
  applies: (o) => o.name === 'memref.reinterpret_cast' && dynamicSizeOperand(o) >= 0,
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const k = dynamicSizeOperand(o);
      const { ops, result } = offsetOps('arith', freshNamer(fn), o.operands[k]!, -1n);
      insertBefore(block, index, ops);
      o.operands[k] = result;
    }),
};

// ------------------------------------------------------------------------------ LLVM level

function rawIndices(o: Operation): bigint[] {
  const a = getAttr(o.properties, 'rawConstantIndices');
  return a && a.kind === 'denseArray' ? a.values.map((v) => BigInt(v as bigint)) : [];
}

function elemType(o: Operation): Type | null {
  const a = getAttr(o.properties, 'elem_type');
  return a && a.kind === 'type' ? a.type : null;
}

/** `gep base[delta] : T`, a new op producing an address `delta` elements of T past `base`. */
function gepOp(name: string, base: Value, delta: number, t: Type): Operation {
  return op('llvm.getelementptr', [base], [{ name, index: null, type: base.type }], [
    { name: 'elem_type', value: { kind: 'type', type: t } },
    { name: 'rawConstantIndices', value: { kind: 'denseArray', elementType: intType(32), values: [BigInt(delta)] } },
  ]);
}

const llvmStoreShifted: MutationOperator = {
  name: 'llvm-store-shifted', family: 'store', dialect: 'llvm', expect: 'killed',
  description: 'an llvm.store duplicated one element further on (gep +1 of the stored type; not where a later store overwrites it before any read)',
  applies: (o, ctx) => o.name === 'llvm.store' && !shiftedStoreOverwritten(ctx.block, ctx.index, ctx.facts.defs),
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const g = gepOp(freshNamer(fn)(), o.operands[1]!, 1, o.operands[0]!.type);
      const copy = structuredClone(o);
      copy.operands[1] = g.results[0]!;
      insertBefore(block, index + 1, [g, copy]);
    }),
};

const llvmLoadShifted: MutationOperator = {
  name: 'llvm-load-shifted', family: 'index', dialect: 'llvm', expect: 'killed',
  description: 'an llvm.load reads one element further on (gep +1 of the loaded type)',
  applies: (o) => o.name === 'llvm.load',
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const g = gepOp(freshNamer(fn)(), o.operands[0]!, 1, o.results[0]!.type);
      insertBefore(block, index, [g]);
      o.operands[0] = g.results[0]!;
    }),
};

/** A GEP that only does pointer arithmetic (one index), the shape memref lowering emits. */
const isFlatGep = (o: Operation) => o.name === 'llvm.getelementptr' && rawIndices(o).length === 1;

const llvmGepIndex: MutationOperator = {
  name: 'llvm-gep-index', family: 'index', dialect: 'llvm', expect: 'killed',
  description: 'llvm.getelementptr: the last index + 1 (a dynamic index gets an add, a constant one changes)',
  applies: (o) => {
    if (o.name !== 'llvm.getelementptr') return false;
    const raw = rawIndices(o);
    return raw.length > 0 && (raw[raw.length - 1] === DYNAMIC || raw.length === 1);
  },
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const raw = rawIndices(o);
      if (raw[raw.length - 1] === DYNAMIC) {
        const k = o.operands.length - 1;
        const { ops, result } = offsetOps('llvm', freshNamer(fn), o.operands[k]!, 1n);
        insertBefore(block, index, ops);
        o.operands[k] = result;
      } else {
        raw[raw.length - 1]! += 1n;
        setProp(o, 'rawConstantIndices', { kind: 'denseArray', elementType: intType(32), values: raw });
      }
    }),
};

function otherElemType(t: Type): Type {
  if (t.kind === 'integer') return intType(t.width === 64 ? 32 : t.width === 8 ? 16 : t.width === 16 ? 8 : 64);
  if (t.kind === 'float') return { kind: 'float', name: t.name === 'f64' ? 'f32' : 'f64' };
  return intType(8);
}

const llvmGepElemType: MutationOperator = {
  name: 'llvm-gep-elem-type', family: 'index', dialect: 'llvm', expect: 'killed',
  description: 'llvm.getelementptr with the wrong element type (i64 <-> i32, i8 <-> i16, ...): the wrong stride',
  applies: (o, ctx) => {
    if (!isFlatGep(o)) return false;
    const raw = rawIndices(o)[0]!;
    if (raw !== DYNAMIC) return raw !== 0n;
    const idx = ctx.facts.defs.get(vkey(o.operands[1]!));
    return !(idx && idx.name === 'llvm.mlir.constant' && constAttrValue(idx) === 0n);
  },
  mutate: (m, site) =>
    editAt(m, site, ({ op: o }) => setProp(o, 'elem_type', { kind: 'type', type: otherElemType(elemType(o) ?? intType(8)) })),
};

function constAttrValue(o: Operation): bigint | null {
  const a = getAttr(o.properties, 'value');
  return a && a.kind === 'int' ? a.value : null;
}

// ---- aggregate fields (memref descriptors)

/** Every leaf position of an aggregate type, with its type. */
function leaves(t: Type, prefix: number[] = []): { pos: number[]; type: Type }[] {
  if (t.kind === 'llvm.struct' && Array.isArray(t.body)) return t.body.flatMap((f, k) => leaves(f, [...prefix, k]));
  if (t.kind === 'llvm.array') return Array.from({ length: t.size }, (_, k) => leaves(t.element, [...prefix, k])).flat();
  return prefix.length > 0 ? [{ pos: prefix, type: t }] : [];
}

/** The other position of the same type to read or write instead, skipping positions that
 *  visibly hold the same value (allocated == aligned pointer): those would be equivalent. */
function alternativePosition(o: Operation, defs: Map<string, Operation>, aggregate: Value, fieldType: Type): number[] | null {
  const pos = positionOf(o);
  const cands = leaves(aggregate.type).filter((l) => sameType(l.type, fieldType) && !samePos(l.pos, pos));
  if (o.name === 'llvm.insertvalue') return cands[0]?.pos ?? null;
  const here = insertedAt(defs, aggregate, pos);
  for (const c of cands) {
    const there = insertedAt(defs, aggregate, c.pos);
    if (here && there && certainlyEqual(defs, here, there)) continue;
    return c.pos;
  }
  return null;
}

function fieldOperator(opName: 'llvm.extractvalue' | 'llvm.insertvalue'): MutationOperator {
  const isExtract = opName === 'llvm.extractvalue';
  const parts = (o: Operation) => ({ aggregate: o.operands[0]!, field: isExtract ? o.results[0]!.type : o.operands[1]!.type });
  return {
    name: isExtract ? 'llvm-extractvalue-index' : 'llvm-insertvalue-index',
    family: 'aggregate', dialect: 'llvm', expect: 'killed',
    description: `${opName} at another field of the same type (size <-> stride, allocated <-> aligned pointer...)`,
    applies: (o, ctx) => {
      if (o.name !== opName) return false;
      if (!isExtract && !fieldObserved(o, ctx.facts.users)) return false;
      const { aggregate, field } = parts(o);
      return alternativePosition(o, ctx.facts.defs, aggregate, field) !== null;
    },
    mutate: (m, site) => {
      return editAt(m, site, ({ op: o }, fn) => {
        const { aggregate, field } = parts(o);
        const alt = alternativePosition(o, defsOf(fn), aggregate, field)!;
        setProp(o, 'position', { kind: 'denseArray', elementType: intType(64), values: alt.map(BigInt) });
      });
    },
  };
}

// ---- allocation sizes

const llvmAllocaSize: MutationOperator = {
  name: 'llvm-alloca-size', family: 'allocation', dialect: 'llvm', expect: 'killed',
  description: 'llvm.alloca of one element fewer',
  applies: (o) => o.name === 'llvm.alloca' && o.operands.length === 1,
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const { ops, result } = offsetOps('llvm', freshNamer(fn), o.operands[0]!, -1n);
      insertBefore(block, index, ops);
      o.operands[0] = result;
    }),
};

function callee(o: Operation): string | null {
  const a: Attr | undefined = getAttr(o.properties, 'callee');
  return a && a.kind === 'symbolRef' ? a.root : null;
}

const llvmMallocSize: MutationOperator = {
  name: 'llvm-malloc-size', family: 'allocation', dialect: 'llvm', expect: 'killed',
  description: 'malloc asked for one byte fewer',
  applies: (o) => o.name === 'llvm.call' && callee(o) === 'malloc' && o.operands.length === 1 && intWidth(o.operands[0]!.type) !== null,
  mutate: (m, site) =>
    editAt(m, site, ({ op: o, block, index }, fn) => {
      const { ops, result } = offsetOps('llvm', freshNamer(fn), o.operands[0]!, -1n);
      insertBefore(block, index, ops);
      o.operands[0] = result;
    }),
};


export function memoryOperators(): MutationOperator[] {
  return [
    ...storeOps('memref', 'memref.store'),
    memrefStoreShifted,
    shiftIndex('memref-load-index', 'memref.load', 1, 'memref.load: the last index + 1'),
    shiftIndex('memref-store-index', 'memref.store', 2, 'memref.store: the last index + 1'),
    memrefAllocSize,
    memrefViewSize,
    ...storeOps('llvm', 'llvm.store'),
    llvmStoreShifted,
    llvmLoadShifted,
    llvmGepIndex,
    llvmGepElemType,
    fieldOperator('llvm.extractvalue'),
    fieldOperator('llvm.insertvalue'),
    llvmAllocaSize,
    llvmMallocSize,
  ];
}
