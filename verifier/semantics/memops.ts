// Concrete evaluation of the memory nodes of Core (their operands already evaluated, in
// order): allocation, pointer and span arithmetic, loads and stores, arenas and regions.
// Every memory fault stops the run, with or without checks: native code would read or
// write garbage there, and the reference interpreter never does.
import type { CExpr, Obligation } from '../../compiler/core/core.ts';
import type { Span } from '../../compiler/syntax/ast.ts';
import {
  arenaAlloc, arenaCreate, arenaRemaining, arenaReset, checkAccess, deadness, isProblem, readCell,
  regionAlloc, regionCreate, regionRelease, writeCell, type ArenaObj, type Block, type Problem, type RegionObj,
} from './memory.ts';
import { stopWith, toIndex, type Frame, type Machine } from './machine.ts';
import { someReference, type PtrV, type SpanV, type Value } from './values.ts';
import { hasObligation, obligationSpan, stop } from './violation.ts';

export type MemoryKind =
  | 'StackAlloc' | 'PtrAdd' | 'Load' | 'Store' | 'SpanOfPtr' | 'SpanSlice' | 'SpanLength' | 'Extent'
  | 'ArenaCreate' | 'ArenaAlloc' | 'ArenaRemaining' | 'ArenaReset'
  | 'RegionCreate' | 'RegionAlloc' | 'RegionRelease' | 'RegionCopyOut';
type MemNode = CExpr & { kind: MemoryKind };

const MEMORY_KINDS = new Set<string>([
  'StackAlloc', 'PtrAdd', 'Load', 'Store', 'SpanOfPtr', 'SpanSlice', 'SpanLength', 'Extent',
  'ArenaCreate', 'ArenaAlloc', 'ArenaRemaining', 'ArenaReset',
  'RegionCreate', 'RegionAlloc', 'RegionRelease', 'RegionCopyOut',
]);

export function isMemoryNode(e: CExpr): e is MemNode {
  return MEMORY_KINDS.has(e.kind);
}

function boundsStop(e: CExpr, at: Span, message: string): never {
  return stopWith({ category: 'bounds', message }, e, at);
}

/** The block and element that `target.[index]` designates, after checking the access:
 *  the block must be alive, the index inside the span (for a span) and the block. */
function element(e: MemNode, target: Value, index: Value): { block: Block; i: number } {
  const t = target as PtrV | SpanV;
  const k = toIndex(index);
  const dead = deadness(t.block);
  if (dead) stopWith(dead, e, e.span);
  if (t.kind === 'span' && !(k >= 0 && k < t.length)) boundsStop(e, e.span, `index ${index} is outside a span of length ${t.length}`);
  // a pointer's extent starts at the pointer (CLEF.md: indexing outside the extent is a bounds
  // fault), as the memref view core-to-mlir makes of it: a negative index is out of bounds even
  // when the element lies in the block before the pointer
  if (t.kind === 'ptr' && k < 0) boundsStop(e, e.span, `index ${index} is before the pointer`);
  const i = t.offset + k;
  const p = checkAccess(t.block, i);
  if (p) stopWith(p, e, e.span);
  return { block: t.block, i };
}

/** The frame depth a reference must not outlive, and what outliving it is called. */
function lifetime(r: PtrV | SpanV | ArenaObj | RegionObj): { category: 'stack-escape' | 'region-escape'; depth: number } | null {
  switch (r.kind) {
    case 'ptr':
    case 'span':
      if (r.block.kind === 'stack' || r.block.kind === 'arena') return { category: 'stack-escape', depth: r.block.depth };
      if (r.block.kind === 'region') return { category: 'region-escape', depth: r.block.depth };
      return null;
    case 'arena':
      return { category: 'stack-escape', depth: r.depth };
    case 'region':
      return { category: 'region-escape', depth: r.depth };
  }
}

/** With checks on: stops when `v` holds a reference to memory that dies before `depth`'s
 *  frame does (stored into longer-lived memory, or returned from its own frame). */
export function checkEscape(v: Value, depth: number, obs: readonly Obligation[], at: Span): void {
  for (const category of ['stack-escape', 'region-escape'] as const) {
    if (!hasObligation(obs, category)) continue;
    if (someReference(v, (r) => { const l = lifetime(r); return l !== null && l.category === category && l.depth > depth; })) {
      stop(category, obligationSpan(obs, category) ?? at, `a reference to ${category === 'stack-escape' ? 'stack' : 'region'} memory outlives its scope`);
    }
  }
}

function asSpan(block: Block, length: number): SpanV {
  return { kind: 'span', block, offset: 0, length };
}

function checked<T>(r: T | Problem, e: MemNode): T {
  if (isProblem(r)) stopWith(r, e, e.span);
  return r as T;
}

export function applyMemory(m: Machine, e: MemNode, f: Frame, vs: Value[]): Value {
  switch (e.kind) {
    case 'StackAlloc': {
      const n = toIndex(vs[0]!);
      // CLEF.md: the count must be positive; a negative one can never be allocated.
      if (!(n >= 0) || (m.checks && n === 0)) boundsStop(e, e.span, `NativePtr.stackalloc of ${vs[0]} elements`);
      const b: Block = { id: m.mem.nextId++, kind: 'stack', elem: e.elem, size: n, cells: new Map(), alive: true, depth: f.depth, arena: null, epoch: 0, region: null };
      f.stack.push(b);
      return { kind: 'ptr', block: b, offset: 0 };
    }
    case 'PtrAdd': {
      const p = vs[0] as PtrV;
      const offset = p.offset + toIndex(vs[1]!);
      // Pointer arithmetic itself is harmless natively; with checks on it must stay within
      // the block (one past the end allowed) when the node carries a bounds obligation.
      if (m.checks && hasObligation(e.obs, 'bounds') && !(offset >= 0 && offset <= p.block.size)) {
        boundsStop(e, e.span, `pointer moved to element ${offset} of a block of ${p.block.size}`);
      }
      return { kind: 'ptr', block: p.block, offset };
    }
    case 'Load': {
      const { block, i } = element(e, vs[0]!, vs[1]!);
      return readCell(m.mem, block, i);
    }
    case 'Store': {
      const { block, i } = element(e, vs[0]!, vs[1]!);
      if (m.checks) checkEscape(vs[2]!, block.depth, e.obs, e.span);
      writeCell(block, i, vs[2]!);
      return null;
    }
    case 'SpanOfPtr': {
      const p = vs[0] as PtrV;
      const n = toIndex(vs[1]!);
      if (!(n >= 0 && p.offset >= 0 && p.offset + n <= p.block.size)) {
        boundsStop(e, e.span, `Span.ofPtr of ${vs[1]} elements at element ${p.offset} of a block of ${p.block.size}`);
      }
      return { kind: 'span', block: p.block, offset: p.offset, length: n };
    }
    case 'SpanSlice': {
      const s = vs[0] as SpanV;
      const start = toIndex(vs[1]!);
      const len = toIndex(vs[2]!);
      // A slice is a view, not an access; with checks on, slicing dead memory is
      // reported here (the elaborator gives slices the liveness obligations of accesses).
      const dead = m.checks ? deadness(s.block) : null;
      if (dead) stopWith(dead, e, e.span);
      if (!(start >= 0 && len >= 0 && start + len <= s.length)) {
        boundsStop(e, e.span, `Span.slice ${vs[1]} ${vs[2]} of a span of length ${s.length}`);
      }
      return { kind: 'span', block: s.block, offset: s.offset + start, length: len };
    }
    case 'SpanLength':
      return BigInt((vs[0] as SpanV).length);
    case 'Extent': {
      const p = vs[0] as PtrV | SpanV;
      return BigInt(p.kind === 'span' ? p.length : p.block.size - p.offset);
    }
    case 'ArenaCreate': {
      const a = arenaCreate(m.mem, Number(e.capacity), f.depth);
      f.arenas.push(a);
      return a;
    }
    case 'ArenaAlloc': {
      const n = toIndex(vs[1]!);
      const b = checked<Block>(arenaAlloc(m.mem, vs[0] as ArenaObj, e.elem, n), e);
      return asSpan(b, n);
    }
    case 'ArenaRemaining':
      return BigInt(checked<number>(arenaRemaining(vs[0] as ArenaObj), e));
    case 'ArenaReset': {
      const p = arenaReset(vs[0] as ArenaObj);
      if (p) stopWith(p, e, e.span);
      return null;
    }
    case 'RegionCreate': {
      const r = regionCreate(m.mem, f.depth);
      f.regions.push(r);
      return r;
    }
    case 'RegionAlloc': {
      const n = toIndex(vs[1]!);
      return asSpan(checked<Block>(regionAlloc(m.mem, vs[0] as RegionObj, e.elem, n), e), n);
    }
    case 'RegionRelease': {
      const p = regionRelease(vs[0] as RegionObj);
      if (p) stopWith(p, e, e.span);
      return null;
    }
    case 'RegionCopyOut': {
      const src = vs[1] as SpanV;
      const items: Value[] = [];
      for (let k = 0; k < src.length; k++) {
        const { block, i } = element(e, src, BigInt(k));
        items.push(readCell(m.mem, block, i));
      }
      if (src.length === 0) {
        const dead = deadness(src.block);
        if (dead) stopWith(dead, e, e.span);
      }
      const elem = e.ty.kind === 'span' ? e.ty.elem : src.block.elem;
      const b = checked<Block>(arenaAlloc(m.mem, vs[0] as ArenaObj, elem, src.length), e);
      items.forEach((v, k) => writeCell(b, k, v));
      return asSpan(b, src.length);
    }
    default: {
      const _never: never = e;
      return _never;
    }
  }
}

/** The operands of a memory node, in evaluation order. */
export function memOperands(e: MemNode): CExpr[] {
  switch (e.kind) {
    case 'StackAlloc':
      return [e.count];
    case 'PtrAdd':
      return [e.ptr, e.offset];
    case 'Load':
      return [e.target, e.index];
    case 'Store':
      return [e.target, e.index, e.value];
    case 'SpanOfPtr':
      return [e.ptr, e.length];
    case 'SpanSlice':
      return [e.source, e.start, e.length];
    case 'SpanLength':
      return [e.source];
    case 'Extent':
      return [e.ptr];
    case 'ArenaCreate':
    case 'RegionCreate':
      return [];
    case 'ArenaAlloc':
      return [e.arena, e.count];
    case 'ArenaRemaining':
    case 'ArenaReset':
      return [e.arena];
    case 'RegionAlloc':
      return [e.region, e.count];
    case 'RegionRelease':
      return [e.region];
    case 'RegionCopyOut':
      return [e.arena, e.source];
    default: {
      const _never: never = e;
      return _never;
    }
  }
}
