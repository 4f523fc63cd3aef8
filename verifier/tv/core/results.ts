// A returned span or pointer (`Span<int>`, `nativeptr<int>` results): Core's (block, off, len)
// against the memref core-to-mlir returns — its aligned pointer at the start of the MLIR block
// that corresponds to Core's block (one of the blocks both sides see: an argument block or a
// static, memory.ts), offset = off, size = len (a pointer: the elements from off to the end
// of its block), stride 1, nothing poison. The allocated pointer is not compared (only
// deallocation uses it; a static's view carries 0xdeadbeef there). A span into memory the
// function made itself (an arena or region allocation, a stack array) is not mapped.
import type { Type } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { SScalar } from '../../semantics/mlir/symexec.ts';
import type { Scalar } from '../../semantics/mlir/values.ts';
import type { Block } from '../../semantics/memory.ts';
import type { CBlock, ConcreteMemory } from '../../semantics/mlir/concrete-memory.ts';
import { meta, type SymMemory } from '../../semantics/symbolic/memory.ts';
import type { SV } from '../../semantics/symbolic/values.ts';
import type { Value } from '../../semantics/values.ts';
import type { BlockPair } from './memory.ts';
import { NotMapped } from './unmapped.ts';
import { arenaSpanDifference, type ArenaInput, type Target } from './arenas.ts';

/** The target's returned memref differs from Core's span or pointer `v` (of type `ty`).
 *  `extra`: arena allocations from parameters (arenas.ts), whose memrefs start at a byte
 *  offset of the arena's block. */
export function spanResultMismatch(F: TermFactory, ty: Type, v: SV, rets: SScalar[], pairs: BlockPair[], m: SymMemory, extra: Target[] = []): Term {
  if (v.k !== 'span' && v.k !== 'ptr') throw new NotMapped(`a result of type ${showType(ty)} as a ${v.k}`);
  const [, aligned, offset, size, stride] = rets;
  if (rets.length !== 5 || aligned?.kind !== 'ptr' || offset?.kind !== 'int' || size?.kind !== 'int' || stride?.kind !== 'int') {
    throw new NotMapped(`a result of type ${showType(ty)} that is not one rank-1 memref`);
  }
  const targets: Target[] = [...pairs.map((p) => ({ core: p.core, bid: p.bid, off: p.base ?? F.bv(0, 64), pc: F.true })), ...extra]; // p.base: a span inside its arena (arena-span-lift.ts)
  if (!targets.length || !withinRelated(v.block, targets)) throw new NotMapped(`a result of type ${showType(ty)} in memory the function allocates (not an argument block, a static or an arena argument)`);
  // the MLIR block of Core's block and the byte offset of its element 0; an id no block has
  // when it is none of them
  let bid: Term = F.bv(0xffffffffn, 32);
  let start: Term = F.bv(0, 64);
  for (let k = targets.length - 1; k >= 0; k--) {
    const hit = F.eq(v.block, targets[k]!.core);
    bid = F.ite(hit, targets[k]!.bid, bid);
    start = F.ite(hit, targets[k]!.off, start);
  }
  const len = v.k === 'span' ? v.len : F.app('bvsub', [meta(F, m, 'size', v.block), v.off]);
  return F.or(
    aligned.poison, offset.poison, size.poison, stride.poison,
    F.not(F.eq(aligned.bid, bid)),
    F.not(F.eq(aligned.off, start)),
    F.not(F.eq(offset.v, v.off)),
    F.not(F.eq(size.v, len)),
    F.not(F.eq(stride.v, F.bv(1, 64))),
  );
}

/** Whether a Core block term is one of the targets' ids, an argument's block variable, or
 *  an ite of them. */
function withinRelated(t: Term, targets: Target[]): boolean {
  if (targets.some((p) => p.core.id === t.id)) return true;
  if (t.kind === 'var') return t.name.startsWith('arg.');
  if (t.kind === 'app' && t.op === 'ite') return withinRelated(t.args[1]!, targets) && withinRelated(t.args[2]!, targets);
  return false;
}

/** Replay: the first difference between Core's returned span or pointer and the MLIR
 *  memref (flattened scalars), or null. `blocks` relates the argument blocks. */
export function spanResultDifference(v: Value, scalars: Scalar<bigint, boolean>[], blocks: { core: Block; mlir: CBlock }[], memory?: ConcreteMemory, arenas: ArenaInput[] = []): string | null {
  const r = v as { kind?: string; block: Block; offset: number; length?: number };
  if (r.kind !== 'span' && r.kind !== 'ptr') return `Core returns no span or pointer`;
  const [, aligned, offset, size, stride] = scalars;
  if (aligned?.kind !== 'ptr' || offset?.kind !== 'int' || size?.kind !== 'int' || stride?.kind !== 'int') return 'the MLIR result is not a memref';
  if (aligned.poison || offset.poison || size.poison || stride.poison) return 'the MLIR result is poison';
  const b = blocks.find((x) => x.core === r.block);
  if (!b) {
    // an allocation from an arena argument (arenas.ts), or a block the replay does not relate
    // (a static): not a replayed difference
    const d = memory && r.kind === 'span' ? arenaSpanDifference(memory, arenas, { block: r.block, offset: r.offset, length: r.length! }, aligned, BigInt.asIntN(64, offset.v), BigInt.asIntN(64, size.v)) : undefined;
    return d ?? null;
  }
  const len = r.kind === 'span' ? r.length! : r.block.size - r.offset;
  if (aligned.bid !== BigInt(b.mlir.bid) || aligned.off !== 0n) return `the result points into another block (MLIR block ${aligned.bid} + ${aligned.off})`;
  if (BigInt.asIntN(64, offset.v) !== BigInt(r.offset)) return `the result's offset: Core ${r.offset}, MLIR ${BigInt.asIntN(64, offset.v)}`;
  if (BigInt.asIntN(64, size.v) !== BigInt(len)) return `the result's length: Core ${len}, MLIR ${BigInt.asIntN(64, size.v)}`;
  if (stride.v !== 1n) return `the result's stride: MLIR ${stride.v}`;
  return null;
}
