// The memory model (as in Alive2 / mlir-tv): memory is a set of blocks, each with an id,
// a size in elements, a liveness and a kind. Pointers and spans name their block; every
// access checks the block is alive and the element is inside it.
// - stack: NativePtr.stackalloc; dies when its frame returns (later use: stack-escape).
// - arena: one block per Arena.alloc, inside the arena's byte budget. The arena records
//   its epoch; Arena.reset bumps it, so a block from an older epoch is dead
//   (use-after-reset). The arena itself lives in its creating frame (stack-escape).
// - region: one block per Region.alloc; dead once the region is released (use-after-release).
// - static: top-level arrays; arg: main's argument strings. These never die.
// Cells are stored sparsely; a cell never written reads as zero of the element type.
import type { Category } from '../../compiler/core/core.ts';
import type { Type, TypeTable } from '../../compiler/types/types.ts';
import { alignUp, sizeOf } from './layout.ts';
import { zeroOf, type Value } from './values.ts';

export type BlockKind = 'stack' | 'arena' | 'region' | 'static' | 'arg';

export type ArenaObj = {
  kind: 'arena';
  id: number;
  capacity: number; // bytes
  used: number; // bytes, including alignment padding
  epoch: number;
  alive: boolean; // false once its frame has returned
  depth: number; // frame depth of its owner
};

export type RegionObj = { kind: 'region'; id: number; alive: boolean; depth: number };

export type Block = {
  id: number;
  kind: BlockKind;
  elem: Type;
  size: number; // elements
  cells: Map<number, Value>;
  /** Stack blocks: false once the frame returned (other kinds derive it, see deadness). */
  alive: boolean;
  /** Frame depth the block's lifetime is tied to: 0 for static/arg, the owning frame's
   *  depth for stack and arena memory, the creating frame's for a region. */
  depth: number;
  arena: ArenaObj | null;
  epoch: number; // the arena epoch this block was allocated in
  region: RegionObj | null;
};

export type Problem = { category: Category; message: string };

export type Memory = { nextId: number; types: TypeTable; empty: Block };

export function newMemory(types: TypeTable): Memory {
  const empty: Block = blockOf(0, 'static', { kind: 'unit' }, 0, 0);
  return { nextId: 1, types, empty };
}

function blockOf(id: number, kind: BlockKind, elem: Type, size: number, depth: number): Block {
  return { id, kind, elem, size, cells: new Map(), alive: true, depth, arena: null, epoch: 0, region: null };
}

export function allocBlock(mem: Memory, kind: BlockKind, elem: Type, size: number, depth: number): Block {
  return blockOf(mem.nextId++, kind, elem, size, depth);
}

/** Why a block can no longer be used, or null while it is alive. */
export function deadness(b: Block): Problem | null {
  switch (b.kind) {
    case 'stack':
      return b.alive ? null : { category: 'stack-escape', message: 'stack memory used after its frame returned' };
    case 'arena': {
      const a = b.arena!;
      if (!a.alive) return { category: 'stack-escape', message: 'arena memory used after the frame that created the arena returned' };
      if (a.epoch !== b.epoch) return { category: 'use-after-reset', message: 'arena memory used after Arena.reset' };
      return null;
    }
    case 'region':
      return b.region!.alive ? null : { category: 'use-after-release', message: 'region memory used after the region was released' };
    case 'static':
    case 'arg':
      return null;
    default: {
      const _never: never = b.kind;
      return _never;
    }
  }
}

/** Checks that element `i` of `b` may be read or written. */
export function checkAccess(b: Block, i: number): Problem | null {
  const dead = deadness(b);
  if (dead) return dead;
  if (!(i >= 0 && i < b.size)) return { category: 'bounds', message: `element ${i} is outside its block of ${b.size}` };
  return null;
}

export function readCell(mem: Memory, b: Block, i: number): Value {
  const v = b.cells.get(i);
  return v === undefined ? zeroOf(b.elem, mem.types, mem.empty) : v;
}

export function writeCell(b: Block, i: number, v: Value): void {
  b.cells.set(i, v);
}

export function arenaCreate(mem: Memory, capacity: number, depth: number): ArenaObj {
  return { kind: 'arena', id: mem.nextId++, capacity, used: 0, epoch: 0, alive: true, depth };
}

function arenaProblem(a: ArenaObj): Problem | null {
  return a.alive ? null : { category: 'stack-escape', message: 'arena used after the frame that created it returned' };
}

/** `count` elements of `elem` from the arena, starting at the next multiple of the
 *  element size; an allocation that does not fit is `arena-capacity`. */
export function arenaAlloc(mem: Memory, a: ArenaObj, elem: Type, count: number): Block | Problem {
  const dead = arenaProblem(a);
  if (dead) return dead;
  const size = sizeOf(elem, mem.types);
  const start = alignUp(a.used, size);
  const end = start + count * size;
  if (!(count >= 0) || end > a.capacity) {
    return { category: 'arena-capacity', message: `allocating ${count} x ${size} bytes at offset ${start} exceeds the arena's ${a.capacity} bytes` };
  }
  a.used = end;
  const b = allocBlock(mem, 'arena', elem, count, a.depth);
  b.arena = a;
  b.epoch = a.epoch;
  arenaStarts.set(b, start); // core-memory engineer: for the Core -> MLIR replay
  return b;
}

/** The byte offset in its arena where an arena block starts (the Core -> MLIR replay relates
 *  it to core-to-mlir's view of the arena's bytes; verifier/tv/core/arenas.ts). */
export const arenaStarts = new WeakMap<Block, number>();

export function arenaRemaining(a: ArenaObj): number | Problem {
  return arenaProblem(a) ?? a.capacity - a.used;
}

export function arenaReset(a: ArenaObj): Problem | null {
  const dead = arenaProblem(a);
  if (dead) return dead;
  a.used = 0;
  a.epoch++;
  return null;
}

export function regionCreate(mem: Memory, depth: number): RegionObj {
  return { kind: 'region', id: mem.nextId++, alive: true, depth };
}

export function regionAlloc(mem: Memory, r: RegionObj, elem: Type, count: number): Block | Problem {
  if (!r.alive) return { category: 'use-after-release', message: 'allocation from a released region' };
  if (!(count >= 0)) return { category: 'bounds', message: `negative allocation size ${count}` };
  const b = allocBlock(mem, 'region', elem, count, r.depth);
  b.region = r;
  return b;
}

export function regionRelease(r: RegionObj): Problem | null {
  if (!r.alive) return { category: 'double-release', message: 'region released twice' };
  r.alive = false;
  return null;
}

export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && 'category' in x && 'message' in x;
}
