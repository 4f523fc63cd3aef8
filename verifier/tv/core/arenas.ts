// The arena correspondence of core-to-mlir (compiler/codegen/memory.ts, README "Arena:
// (memref<?xi8>, memref<1xi64>)"). Core's arena is an id with a capacity and the bytes in use
// (semantics/symbolic/memory.ts `acap`, `aused`), and each Arena.alloc a block of its own;
// core-to-mlir's arena is a byte block and a one-cell i64 counter, and each allocation a view
// at a byte offset of the block (the used bytes rounded up to the element size — the same
// offset Core computes, recorded by semantics/symbolic/arena-starts.ts).
//
// An `Arena` parameter (at most one per function) corresponds to:
//   - the byte block: an argument block of `acap` bytes, memref (start, 0, acap, 1);
//   - the counter: an argument block of 8 bytes holding `aused` (little-endian), memref
//     (start, 0, 1, 1); both distinct from each other and from every other argument block
//     (assumed: no span argument is a view into an arena argument's block — a precondition
//     every Clef call site is checked against: arena-alias.ts).
// At the return (observable memory): the counter holds Core's final `aused`; the allocation
// the result is a span of (the only one the caller can see: spans cannot be stored in memory)
// holds Core's elements at start + i * size, if still alive (no reset since); if the arena
// was not reset, its bytes below the initial `aused` (the caller's earlier allocations) are
// unchanged. Bytes above are not observable in Core (a later allocation starts afresh). An
// arena the function creates itself is private memory (each side reads what it wrote), like
// a stack array.
// Calls in a function with arena memory: region and runtime events write no arena byte;
// Clef callees not handed the arena cannot reach it (kept across them: calls.ts); callees
// handed it, and allocations handed as spans: arena-calls.ts (core-calls engineer). Not
// mapped: elements that are records (memory.ts elementOf: integers, chars, floats, bools).
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { mlirTypes } from '../../../compiler/codegen/lower-types.ts';
import type { TermFactory } from '../../smt/factory.ts';
import { bvSort, type Term } from '../../smt/term.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import { OFF_BITS } from '../../semantics/mlir/values.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';
import { cellsOf, meta, sel } from '../../semantics/symbolic/memory.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
import { arenaAllocsOf, type ArenaAllocRecord } from '../../semantics/symbolic/arena-starts.ts';
import type { ArgLayout } from '../pair.ts';
import { elementOf } from './memory.ts';
import { NotMapped } from './unmapped.ts';
import { isRegionEvent } from '../../semantics/symbolic/region-events.ts';
import { isRuntimeEvent } from '../../semantics/symbolic/strings.ts';
import { arenaStarts, type ArenaObj, type Block } from '../../semantics/memory.ts';
import { ZERO_SOURCE, type CBlock, type ConcreteMemory } from '../../semantics/mlir/concrete-memory.ts';
import type { Scalar } from '../../semantics/mlir/values.ts';
import type { Model } from '../../smt/model.ts';
import { insideArena } from './arena-span-lift.ts';

/** An arena parameter: Core's arena id and its initial capacity/used; the MLIR blocks. */
export type ArenaPair = {
  name: string; core: Term; cap: Term; used0: Term; epoch0: Term; buf: Term; used: Term;
  /** The counter's initial bytes in the target's memory (equal to used0 by assumption). */
  used0Bytes: Term;
};

/** A block the target's memrefs may point into for a Core block: the MLIR block id and
 *  the byte offset of element 0 (argument blocks and statics: 0; arena allocations: start). */
export type Target = { core: Term; bid: Term; off: Term; pc: Term };

/** The number of MLIR argument slots of each Core parameter (a memref is five). */
function slotCounts(prog: CoreProgram, fn: CoreFn): number[] {
  return fn.params.map((p) => mlirTypes(prog.types, p.ty, fn.span).reduce((n, t) => n + (t.startsWith('memref<') ? 5 : 1), 0));
}

/** Links the arena parameters (at most one): the MLIR slots of its two memrefs become
 *  descriptors over their own argument blocks, sized from Core's arena; the counter's bytes
 *  are Core's initial `aused` (pushed on `pre`). */
export function linkArenas(F: TermFactory, D: Dom<Term, Term>, prog: CoreProgram, fn: CoreFn, core: SymResult, layout: ArgLayout, pre: Term[]): ArenaPair[] {
  const counts = slotCounts(prog, fn);
  const ptrIndex = new Map<number, number>();
  layout.slots.forEach((s, i) => s.kind === 'ptr' && ptrIndex.set(i, ptrIndex.size));
  const out: ArenaPair[] = [];
  let at = 0;
  fn.params.forEach((p, i) => {
    const here = at;
    at += counts[i]!;
    if (p.ty.kind !== 'arena') return;
    if (out.length) throw new NotMapped(`a second Arena parameter (${p.name}: arenas that may be one arena)`);
    const v = core.params[i]!.value;
    if (v.k !== 'arena') throw new NotMapped(`the arena parameter ${p.name} as a ${v.k}`);
    const m0 = core.initialMemory;
    const cap = meta(F, m0, 'acap', v.id);
    const used0 = meta(F, m0, 'aused', v.id);
    const jBuf = ptrIndex.get(here + 1);
    const jUsed = ptrIndex.get(here + 6);
    if (jBuf === undefined || jUsed === undefined || counts[i] !== 10) throw new NotMapped(`the arena parameter ${p.name}: its MLIR arguments are not two memrefs`);
    const keyBuf = layout.argBlocks[jBuf]!;
    const keyUsed = layout.argBlocks[jUsed]!;
    const buf = layout.memory.blocks[keyBuf]!;
    const used = layout.memory.blocks[keyUsed]!;
    layout.memory.blocks[keyBuf] = { ...buf, size: cap, alive: F.true };
    layout.memory.blocks[keyUsed] = { ...used, size: F.bv(8, OFF_BITS), alive: F.true };
    const ptr = (bid: Term, key: number) => ({ kind: 'ptr' as const, bid, off: F.bv(0, OFF_BITS), poison: F.false, pts: [key] });
    const int = (t: Term) => ({ kind: 'int' as const, w: 64, v: t, poison: F.false });
    const one = F.bv(1, 64);
    const zero = F.bv(0, 64);
    const slots = [ptr(buf.bid, keyBuf), ptr(buf.bid, keyBuf), int(zero), int(cap), int(one), ptr(used.bid, keyUsed), ptr(used.bid, keyUsed), int(zero), int(one), int(one)];
    slots.forEach((s, k) => (layout.values[here + k] = s));
    const used0Bytes = bytesAt(F, D, layout.memory.U, used.bid, F.bv(0, OFF_BITS), 8);
    pre.push(F.eq(used0Bytes, used0));
    out.push({ name: p.name, core: v.id, cap, used0, epoch0: meta(F, m0, 'aepoch', v.id), buf: buf.bid, used: used.bid, used0Bytes });
  });
  linked.set(core, { pairs: out, U0: layout.memory.U });
  return out;
}

/** What linkArenas linked for a Core run (the replay needs the MLIR block ids). */
const linked = new WeakMap<SymResult, { pairs: ArenaPair[]; U0: Term }>();

/** For each arena parameter in order, the bytes the model gives its block. */
export function staleArenaBytes(core: SymResult, model: Model): Map<bigint, number>[] {
  const l = linked.get(core);
  if (!l) return [];
  return l.pairs.map((p) => (p.buf.kind === 'bv' ? modelBytes(model, l.U0, p.buf.value) : new Map()));
}

/** The allocations Core made from the arena parameters: Arena.alloc (zero-filled) and
 *  Region.copyOut (Core's semantics now gives the copy the source's cells: exec-memory.ts
 *  copyContents; a source at another offset than 0 leaves the copy unknown — sound, and a
 *  model that needs other contents does not replay). */
export function paramAllocations(F: TermFactory, arenas: ArenaPair[]): (ArenaAllocRecord & { pair: ArenaPair })[] {
  const out: (ArenaAllocRecord & { pair: ArenaPair })[] = [];
  for (const r of arenaAllocsOf(F)) {
    const pair = arenas.find((a) => a.core.id === r.arena.id);
    if (pair) out.push({ ...r, pair });
  }
  return out;
}

/** Where the target's memrefs point for Core's arena allocations from parameters. */
export function arenaTargets(F: TermFactory, D: Dom<Term, Term>, arenas: ArenaPair[]): Target[] {
  return paramAllocations(F, arenas).map((r) => ({ core: r.block, bid: r.pair.buf, off: startOf(D, r), pc: r.pc }));
}

/** The byte where an allocation starts, as core-to-mlir computes it — (used + size - 1) /
 *  size * size in 64 bits, from the counter's initial bytes for the first allocation — so
 *  that the addresses are the target's own terms. It is Core's start (arena-starts.ts) too:
 *  Core rounds the same way in exact arithmetic, and its used bytes stay below 2^40 (the
 *  capacity), where 64 bits are exact; in any case it is the correspondence's definition
 *  of where the elements lie, and the result's memref must point there. */
export function startOf(D: Dom<Term, Term>, r: ArenaAllocRecord & { pair: ArenaPair }): Term {
  const used = r.used.id === r.pair.used0.id ? r.pair.used0Bytes : r.used;
  if (r.size <= 1n) return used;
  const k = D.lit(r.size, 64);
  return D.mul(D.udiv(D.add(used, D.lit(r.size - 1n, 64), 64), k, 64), k, 64);
}

/** The little-endian bytes [off, off + sz) of block `bid` in `U`, addresses in the MLIR
 *  domain's arithmetic (as the target's loads build them). */
export function bytesAt(F: TermFactory, D: Dom<Term, Term>, U: Term, bid: Term, off: Term, sz: number): Term {
  let v: Term | null = null;
  for (let k = sz - 1; k >= 0; k--) {
    const o = k === 0 ? off : D.add(off, D.lit(BigInt(k), OFF_BITS), OFF_BITS);
    const b = F.select(U, F.app('concat', [bid, o]));
    v = v === null ? b : F.app('concat', [v, b]);
  }
  return v!;
}

/** Mismatch at the return, for each arena parameter: the counter, the elements of the
 *  allocation the result is a span of (a fresh witness index; the only allocation the
 *  caller can see: a span cannot be stored in memory, and calls are not mapped here), the
 *  caller's bytes below the initial `aused` (unless the function reset the arena). */
export function arenaMemoryMismatch(F: TermFactory, D: Dom<Term, Term>, CD: SymIntDomain, prog: CoreProgram, core: SymResult, U: Term, Uexpected: Term, arenas: ArenaPair[]): Term {
  const res = core.ret?.value;
  const returned = res && (res.k === 'span' || res.k === 'ptr') ? res.block : null;
  const m = core.finalMemory;
  const out: Term[] = [];
  const allocs = paramAllocations(F, arenas);
  arenas.forEach((a, ai) => {
    out.push(F.not(F.eq(bytesAt(F, D, U, a.used, F.bv(0, OFF_BITS), 8), meta(F, m, 'aused', a.core))));
    const reset = F.not(F.eq(meta(F, m, 'aepoch', a.core), a.epoch0));
    const e = F.var(`w.core.arena${ai}.below`, bvSort(OFF_BITS));
    const addr = F.app('concat', [a.buf, e]);
    // a span parameter inside the arena (arena-span-lift.ts): its range is compared by its block
    // pair (Core's final elements), not as unchanged bytes
    const inside = insideArena.get(core);
    const span = inside && inside.buf.id === a.buf.id ? F.and(F.app('bvule', [inside.lo, e]), F.app('bvult', [e, inside.hi])) : F.false;
    out.push(F.and(F.not(reset), F.app('bvult', [e, a.used0]), F.not(span), F.not(F.eq(F.select(U, addr), F.select(Uexpected, addr)))));
  });
  allocs.forEach((r, k) => {
    const { key, sz } = elementOf(prog.types, CD, r.elem);
    if (!returned) return;
    const alive = F.and(F.eq(returned, r.block), F.eq(meta(F, m, 'bepoch', r.block), meta(F, m, 'aepoch', r.pair.core)));
    const row = sel(F, cellsOf(m, key), r.block);
    const start = startOf(D, r);
    const differs = (i: Term) => F.not(F.eq(sel(F, row, i), bytesAt(F, D, U, r.pair.buf, D.add(start, D.mul(i, D.lit(BigInt(sz), OFF_BITS), OFF_BITS), OFF_BITS), sz)));
    // a small literal count: every element at a literal index (the addresses are then the
    // target's store addresses plus constants, which the solver compares without
    // bit-blasting adders); otherwise a fresh witness index
    if (r.count.kind === 'bv' && r.count.value <= SMALL) {
      for (let i = 0n; i < r.count.value; i++) out.push(F.and(r.pc, alive, differs(F.bv(i, 64))));
      return;
    }
    const e = F.var(`w.core.alloc${k}.elem`, bvSort(64));
    out.push(F.and(r.pc, alive, F.app('bvult', [e, r.count]), differs(e)));
  });
  return F.or(...out);
}

/** Allocations of at most this many elements (a literal count) are compared element by element. */
const SMALL = 64n;

/** The target's blocks that arenaMemoryMismatch compares itself (not "other bytes"). */
export function arenaBlocks(arenas: ArenaPair[]): Term[] {
  return arenas.flatMap((a) => [a.buf, a.used]);
}

/** A function with arena memory that makes calls other than region events and Clef calls
 *  not handed an arena is not mapped (the callee's effect on the arena's bytes is not
 *  related). A Clef callee without an Arena parameter cannot reach the caller's arena (Clef
 *  memory holds no pointers; a span into an allocation is not mapped as an operand,
 *  calls.ts), and its own check says its target changes no byte its Core cannot see: the
 *  arena's blocks are kept across it (calls.ts, a frame) — core-memory, round 3. */
export function arenaCallsProblem(core: SymResult, arenas: ArenaPair[], F: TermFactory, prog?: CoreProgram): string | null {
  // region events change no observable memory (regions.ts: the runtime's contract)
  const blind = (callee: string) => {
    const f = prog?.functions.find((g) => g.name === callee);
    return !!f && f.params.every((p) => p.ty.kind !== 'arena');
  };
  // core-calls engineer: runtime events too — Console/Format/argv calls write no arena byte
  // (the runtime's contract: only their buffers), and the arena's blocks are kept across
  // the ones that write a buffer unless it is the buffer (calls.ts, a frame)
  // and callees handed an arena (calls.ts, arena-calls.ts: core-calls engineer)
  const handedArena = (callee: string) => !!prog?.functions.find((g) => g.name === callee)?.params.some((p) => p.ty.kind === 'arena');
  if (core.calls.every((c) => isRegionEvent(c.callee) || isRuntimeEvent(c.callee) || blind(c.callee) || handedArena(c.callee))) return null;
  if (arenas.length || arenaAllocsOf(F).length) return 'a call in a function with arena memory (the callee\'s effect on arena bytes is not related yet)';
  return null;
}


// ---- replay (concrete): an arena argument as its two MLIR blocks

/** The bytes the model gives block `bid` in the initial observable memory `U0` (its
 *  explicit entries: a byte address is block id ++ 64-bit offset). */
export function modelBytes(model: Model, U0: Term, bid: bigint): Map<bigint, number> {
  const out = new Map<bigint, number>();
  const arr = U0.kind === 'var' ? model.get(U0.name) : undefined;
  if (!arr || typeof arr !== 'object') return out;
  for (const [k, v] of arr.entries) {
    if (typeof k !== 'bigint' || typeof v !== 'bigint') continue;
    if (k >> BigInt(OFF_BITS) === bid) out.set(k & ((1n << BigInt(OFF_BITS)) - 1n), Number(v));
  }
  return out;
}

/** An arena argument in the replay: Core's arena object and its MLIR blocks. */
export type ArenaInput = { arena: ArenaObj; buf: CBlock; used: CBlock; used0: number; epoch0: number; initial: Map<bigint, number> };

/** The MLIR blocks and descriptor scalars of a concrete Core arena (before Core runs): the
 *  byte block of its capacity, the counter holding its used bytes. */
export function arenaReplayInput(memory: ConcreteMemory, a: ArenaObj, bidBuf: number, bidUsed: number, stale: Map<bigint, number> = new Map()): { input: ArenaInput; scalars: Scalar<bigint, boolean>[] } {
  const buf = memory.addBlock({ bid: bidBuf, kind: 'arg', size: BigInt(a.capacity), alive: true, readonly: false, freeable: false, observable: true, source: ZERO_SOURCE });
  // the block's bytes as the model has them where it names them (above `used`: what earlier
  // allocations left, core-to-mlir does not clear an allocation; below: the caller's data)
  for (const [i, x] of stale) if (i < BigInt(a.capacity)) memory.writeByte(buf, i, x, false);
  const used = memory.addBlock({ bid: bidUsed, kind: 'arg', size: 8n, alive: true, readonly: false, freeable: false, observable: true, source: ZERO_SOURCE });
  for (let j = 0; j < 8; j++) memory.writeByte(used, BigInt(j), Number((BigInt(a.used) >> BigInt(8 * j)) & 0xffn), false);
  const int = (v: bigint): Scalar<bigint, boolean> => ({ kind: 'int', w: 64, v: BigInt.asUintN(64, v), poison: false });
  const ptr = (b: CBlock): Scalar<bigint, boolean> => ({ kind: 'ptr', bid: BigInt(b.bid), off: 0n, poison: false });
  return { input: { arena: a, buf, used, used0: a.used, epoch0: a.epoch, initial: stale }, scalars: [ptr(buf), ptr(buf), int(0n), int(BigInt(a.capacity)), int(1n), ptr(used), ptr(used), int(0n), int(1n), int(1n)] };
}

function readLE(memory: ConcreteMemory, b: CBlock, at: bigint, sz: number): bigint {
  let x = 0n;
  for (let k = sz - 1; k >= 0; k--) x = (x << 8n) | BigInt(memory.readByte(b, at + BigInt(k)).byte);
  return x;
}

/** After both runs: the first difference in an arena's counter, or null. */
export function arenaCounterDifference(memory: ConcreteMemory, inputs: ArenaInput[]): string | null {
  for (const a of inputs) {
    const got = readLE(memory, a.used, 0n, 8);
    if (got !== BigInt(a.arena.used)) return `the arena's used bytes after the call: Core ${a.arena.used}, MLIR ${got}`;
    // the caller's allocations (below the initial used bytes, zero in the replay) unchanged,
    // unless the function reset the arena
    if (a.arena.epoch !== a.epoch0) continue;
    const at = new Set<bigint>([...Array.from({ length: Math.min(a.used0, 4096) }, (_, i) => BigInt(i)), ...[...a.initial.keys()].filter((i) => i < BigInt(a.used0))]);
    for (const i of at) {
      const x = memory.readByte(a.buf, i).byte;
      const was = a.initial.get(i) ?? 0;
      if (x !== was) return `byte ${i} of the arena, below its initial ${a.used0} used bytes (the caller's allocations), was changed from ${was} to ${x}`;
    }
  }
  return null;
}

/** A returned span in an allocation from an arena argument: the first difference between
 *  Core's span and the MLIR memref (block, length, elements), or null; undefined when the
 *  span is not in such an allocation. */
export function arenaSpanDifference(memory: ConcreteMemory, inputs: ArenaInput[], r: { block: Block; offset: number; length: number }, aligned: { bid: bigint; off: bigint }, offset: bigint, size: bigint): string | null | undefined {
  const a = inputs.find((x) => x.arena === r.block.arena);
  if (!a) return undefined;
  const elem = r.block.elem;
  if (elem.kind !== 'int' && elem.kind !== 'char') return undefined;
  const sz = (elem.kind === 'int' ? elem.bits : 32) / 8;
  if (aligned.bid !== BigInt(a.buf.bid)) return `the result points into another block (MLIR block ${aligned.bid}) than the arena's`;
  const start = arenaStarts.get(r.block);
  if (start !== undefined && aligned.off !== BigInt(start)) return `the returned span starts at byte ${aligned.off} of the arena, Core's allocation at byte ${start} (other bytes than the ones the allocation owns)`;
  if (size !== BigInt(r.length)) return `the result's length: Core ${r.length}, MLIR ${size}`;
  for (let i = 0; i < r.length; i++) {
    const want = BigInt.asUintN(sz * 8, (r.block.cells.get(r.offset + i) as bigint | undefined) ?? 0n);
    const got = readLE(memory, a.buf, aligned.off + (offset + BigInt(i)) * BigInt(sz), sz);
    if (want !== got) return `element ${i} of the returned span: Core ${want}, MLIR ${got}`;
  }
  return null;
}
