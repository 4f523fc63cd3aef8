// The argument correspondence: Core's parameters and the MLIR function's argument slots
// (verifier/tv/pair.ts: one unknown per scalar slot; a memref is five slots — allocated
// pointer, aligned pointer, offset, size, stride).
// - A scalar or aggregate parameter: its scalars (slots.ts) ARE the slots, not poison.
// - A `Span<T>` (block, off, len) or `nativeptr<T>` (block, off) of integers: a
//   `memref<?xT, strided<[1], offset: ?>>` whose aligned pointer is the start of the MLIR
//   block that corresponds to Core's block, offset = off, size = len (a pointer: the
//   elements from off to the end of its block, as core-to-mlir's PtrAdd keeps it).
// Block ids: Core's argument blocks are symbolic (they may alias); here each is one of a
// fixed set of names — A_j for the j-th aligned-pointer slot, or a static the function
// names — and the MLIR block is then ARG_BASE + j, or that static's global. Choosing names
// loses nothing (Core only compares block ids), and two parameters may share a block only
// when their elements have the same type (a Core block has one element type).
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { showType } from '../../../compiler/types/types.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { Shared, SymResult } from '../../semantics/symbolic/function.ts';
import { I64 } from '../../semantics/symbolic/domain.ts';
import { meta } from '../../semantics/symbolic/memory.ts';
import { ARG_BASE } from '../../semantics/mlir/memory.ts';
import { BID_BITS, OFF_BITS } from '../../semantics/mlir/values.ts';
import type { ArgLayout, PairEnv } from '../pair.ts';
import { elementOf, type BlockPair } from './memory.ts';
import { memoryParam } from './scope.ts';
import { coreSlots } from './slots.ts';
import { NotMapped } from './unmapped.ts';
import { isRecordElement, linkRecordSpans, recordSlotCount, type RecordParam } from './records.ts';
import { coreParts, holdsStrings } from './strings.ts';
import { unknownContents } from '../../semantics/symbolic/strings.ts';
import { bvSort } from '../../smt/term.ts';
import { coversArenaSpan, insideArena } from './arena-span-lift.ts';

/** Core names for argument blocks: above every static id, below OWN_BASE. */
const ARG_NAME_BASE = 0x1000;
/** Argument blocks hold fewer elements than this (so byte sizes fit in 64 bits). */
const MAX_ELEMS = 1n << 40n;

/** Links the arguments (pushing assumptions on `pre`) and returns the blocks both sides
 *  can see: argument blocks and the statics the function names. */
/** Aliasing: `counts` receives the number of blocks each memory parameter may be in (in
 *  parameter order); with `pick`, each parameter is in its picked block (one query per
 *  configuration: block ids become literals and both sides' terms simplify), otherwise in
 *  any of them (one query with the disjunction). */
export type Aliasing = { counts: number[]; pick?: number[] };

export function linkArguments(F: TermFactory, sh: Shared, fn: CoreFn, core: SymResult, pair: PairEnv, layout: ArgLayout, pre: Term[], fixed: Map<number, Term>, aliasing: Aliasing, strBlocks: Term[] = []): BlockPair[] {
  const prog = sh.prog;
  const CD = sh.D;
  const mem0 = core.initialMemory;
  const statics = namedStatics(sh, fn, pair);
  const out: BlockPair[] = statics.map(({ global: _g, ...s }) => s);
  const ptrIndex = new Map<number, number>();
  layout.slots.forEach((s, i) => s.kind === 'ptr' && ptrIndex.set(i, ptrIndex.size));
  // first pass: where each memory parameter's slots are, and its element
  type Mem = { name: string; value: SymResult['params'][number]['value']; at: number; key: string; sz: number; bool?: boolean; span: boolean };
  const mems: Mem[] = [];
  let arenaAt: { at: number; id: Term } | null = null; // the Arena parameter's slots (arena-span-lift.ts)
  let at = 0;
  const recs: RecordParam[] = [];
  for (const p of core.params) {
    // core-memory engineer: spans and pointers of records, tuples, unions (records.ts)
    if ((p.ty.kind === 'ptr' || p.ty.kind === 'span') && isRecordElement(prog.types, p.ty.elem)) {
      recs.push({ name: p.name, value: p.value, at, ty: p.ty });
      at += recordSlotCount(prog.types, CD, p.ty.elem);
      continue;
    }
    if (memoryParam(p.ty) && (p.ty.kind === 'ptr' || p.ty.kind === 'span')) {
      const el = elementOf(prog.types, CD, p.ty.elem);
      mems.push({ name: p.name, value: p.value, at, ...el, span: p.ty.kind === 'span' });
      at += 5;
      continue;
    }
    // strings: a string is a memref<?xi8> over its own argument block
    // holding its bytes; a Span<string> is (first, length) into the command line
    if (holdsStrings(prog.types, p.ty)) {
      at = linkStringParam(F, prog, p, layout, at, ptrIndex, fixed, strBlocks);
      continue;
    }
    // core-memory engineer: an Arena is two memrefs, linked by arenas.ts
    if (p.ty.kind === 'arena') {
      if (p.value.k === 'arena') arenaAt = { at, id: p.value.id };
      at += 10;
      continue;
    }
    const slots = coreSlots(F, prog.types, p.ty, p.value);
    slots.forEach((s, k) => {
      const m = layout.values[at + k];
      if (!m || m.kind === 'ptr' || m.w !== s.w) throw new NotMapped(`argument slot ${at + k} of ${p.name}: a Core ${s.w}-bit scalar vs MLIR ${m ? (m.kind === 'ptr' ? 'pointer' : `${m.w}-bit`) : 'nothing'}`);
      // the target computes from Core's very terms (shared terms fold more often)
      layout.values[at + k] = { kind: m.kind, w: m.w, v: s.t, poison: F.false } as typeof m;
    });
    at += slots.length;
  }
  if (at !== layout.values.length) throw new NotMapped(`a signature with ${at} Core argument scalars and ${layout.values.length} MLIR argument slots`);
  const coreName = (j: number) => F.bv(ARG_NAME_BASE + j, BID_BITS);
  for (const m of mems) {
    const v = m.value;
    if (v.k !== 'span' && v.k !== 'ptr') throw new NotMapped(`memory parameter ${m.name} as a ${v.k}`);
    const [alloc, aligned, offset, size, stride] = layout.values.slice(m.at, m.at + 5);
    if (alloc?.kind !== 'ptr' || aligned?.kind !== 'ptr' || offset?.kind !== 'int' || size?.kind !== 'int' || stride?.kind !== 'int') {
      throw new NotMapped(`memory parameter ${m.name}: its MLIR argument is not a rank-1 memref`);
    }
    const j = ptrIndex.get(m.at + 1)!;
    // which block: one of the argument blocks of this element type, or a named static
    const options: { core: Term; bid: Term; key: number }[] = [];
    for (const o of mems) {
      if (o.key !== m.key) continue;
      const jo = ptrIndex.get(o.at + 1)!;
      options.push({ core: coreName(jo), bid: F.bv(ARG_BASE + jo, BID_BITS), key: layout.argBlocks[jo]! });
    }
    // a span only: a nativeptr comes from NativePtr.stackalloc (CLEF.md), never from a static —
    // a model placing one there would refute for no Clef caller (the replay places it: placedStatics)
    for (const s of statics) if (s.key === m.key && m.span) options.push({ core: s.core, bid: s.bid, key: pair.env.globalKeys.get(s.global)! });
    // the span inside the Arena parameter's block, as one more placement (arena-span-lift.ts):
    // only as a picked configuration (its Core name is the parameter's own, so the
    // disjunction below could not tell it apart), never in cut-point mode
    const lift = arenaAt && coversArenaSpan(prog, fn) ? arenaAt : null;
    if (lift && options.length + 1 > MAX_PLACEMENTS) throw new NotMapped(`the span parameter ${m.name} inside its arena, next to ${options.length} other placements`);
    const mi = aliasing.counts.length;
    aliasing.counts.push(options.length + (lift ? 1 : 0));
    if (lift && aliasing.pick && aliasing.pick[mi] === options.length) {
      if (pair.env.cutpoints) throw new NotMapped(`cut points: the span parameter ${m.name} inside its arena (an aliasing configuration the loop relation does not cover)`);
      out.push(spanInsideArena(F, core, layout, pre, fixed, m, coreName(ptrIndex.get(m.at + 1)!), lift, ptrIndex));
      continue;
    }
    const picked = aliasing.pick ? options[aliasing.pick[mi]!]! : options.length === 1 ? options[0]! : null;
    let bid: Term;
    let block = v.block;
    if (picked) {
      // in one block: its block id is that block's (reads.ts rewrites Core's terms with it)
      pre.push(F.eq(v.block, picked.core));
      if (v.block.kind === 'var') fixed.set(v.block.id, picked.core);
      bid = picked.bid;
      block = picked.core;
    } else {
      pre.push(F.or(...options.map((o) => F.eq(v.block, o.core))));
      bid = options[options.length - 1]!.bid;
      for (let k = options.length - 2; k >= 0; k--) bid = F.ite(F.eq(v.block, options[k]!.core), options[k]!.bid, bid);
    }
    // the target's descriptor, made of Core's terms
    const ptr = { kind: 'ptr' as const, bid, off: F.bv(0, OFF_BITS), poison: F.false, pts: picked ? [picked.key] : options.map((o) => o.key) };
    const int = (t: Term) => ({ kind: 'int' as const, w: 64, v: t, poison: F.false });
    layout.values[m.at] = { ...ptr };
    layout.values[m.at + 1] = ptr;
    layout.values[m.at + 2] = int(v.off);
    layout.values[m.at + 3] = int(v.k === 'span' ? v.len : F.app('bvsub', [meta(F, mem0, 'size', block), v.off]));
    layout.values[m.at + 4] = int(F.bv(1, 64));
    void alloc; void aligned; void offset; void size; void stride;
    // the MLIR block A_j stands for
    const key = layout.argBlocks[j]!;
    const n = meta(F, mem0, 'size', coreName(j));
    pre.push(F.app('bvult', [n, CD.lit(MAX_ELEMS, I64)]));
    // its size in bytes is Core's in elements; it is alive (Core assumes its arguments are)
    const blk = { ...layout.memory.blocks[key]!, size: F.app('bvmul', [n, F.bv(m.sz, OFF_BITS)]), alive: F.true };
    layout.memory.blocks[key] = blk;
    if (!out.some((p) => p.bid === blk.bid)) out.push({ what: `the block of ${m.name}`, core: coreName(j), bid: blk.bid, key: m.key, sz: m.sz, size: n, ...(m.bool ? { bool: true } : {}) }); // bool: core-memory
  }
  if (recs.length) out.push(...linkRecordSpans(F, CD, prog.types, core, layout, pre, fixed, aliasing, recs, ptrIndex, coreName, MAX_ELEMS));
  return out;
}

/** The most placements a parameter of a lifted function may have: validate.ts and
 *  cut-validate.ts check up to 16 configurations one by one, and the lifted one exists only
 *  as such (arena-span-lift.ts). */
const MAX_PLACEMENTS = 16;

/** The configuration "the span lies inside the Arena parameter's block" (arena-span-lift.ts):
 *  Core's block is the parameter's own name; the target's memref a view into the arena's
 *  byte block at a byte start `o` with o + size * elem <= used0; the block pair over the
 *  arena's block at base o (its initial elements are then the arena's bytes there). */
function spanInsideArena(
  F: TermFactory, core: SymResult, layout: ArgLayout, pre: Term[], fixed: Map<number, Term>,
  m: { name: string; value: SymResult['params'][number]['value']; at: number; key: string; sz: number; bool?: boolean },
  name: Term, arena: { at: number; id: Term }, ptrIndex: Map<number, number>,
): BlockPair {
  const v = m.value;
  if (v.k !== 'span' && v.k !== 'ptr') throw new NotMapped(`memory parameter ${m.name} as a ${v.k}`);
  const mem0 = core.initialMemory;
  const keyBuf = layout.argBlocks[ptrIndex.get(arena.at + 1)!]!;
  const buf = layout.memory.blocks[keyBuf]!.bid;
  const used0 = meta(F, mem0, 'aused', arena.id);
  const n = meta(F, mem0, 'size', name);
  const o = F.var(`arenaSpan.${m.name}.start`, bvSort(OFF_BITS));
  pre.push(F.eq(v.block, name));
  if (v.block.kind === 'var') fixed.set(v.block.id, name);
  pre.push(F.app('bvult', [n, F.bv(MAX_ELEMS, 64)]));
  // below the counter: o <= used0 and size * elem <= used0 - o (no wrap: size < 2^40)
  pre.push(F.app('bvule', [o, used0]), F.app('bvule', [F.app('bvmul', [n, F.bv(m.sz, 64)]), F.app('bvsub', [used0, o])]));
  const hi = F.app('bvadd', [o, F.app('bvmul', [n, F.bv(m.sz, 64)])]);
  // the same fact as a sum (implied by the two above, no wrap): an access's bound `o + i <
  // cap` then follows without the solver rediscovering that the sum does not wrap (peek's
  // check: 3.8 M -> 1.7 M z3 units)
  pre.push(F.app('bvule', [hi, used0]));
  const ptr = { kind: 'ptr' as const, bid: buf, off: o, poison: F.false, pts: [keyBuf] };
  const int = (t: Term) => ({ kind: 'int' as const, w: 64, v: t, poison: F.false });
  layout.values[m.at] = { ...ptr };
  layout.values[m.at + 1] = ptr;
  layout.values[m.at + 2] = int(v.off);
  layout.values[m.at + 3] = int(v.k === 'span' ? v.len : F.app('bvsub', [n, v.off]));
  layout.values[m.at + 4] = int(F.bv(1, 64));
  insideArena.set(core, { name: m.name, buf, lo: o, hi });
  return { what: `the block of ${m.name} (inside the arena)`, core: name, bid: buf, key: m.key, sz: m.sz, size: n, base: o, ...(m.bool ? { bool: true } : {}) };
}

/** The statics `fn` names, as block pairs (Core id <-> the MLIR global `static.<name>`);
 *  also the written statics a function `fn` calls names (transitively) whose element type is
 *  that of one of `fn`'s span parameters: a caller may hand `fn` that static as the
 *  parameter (statics are spans), and the callee's store then changes the parameter's
 *  memory — with only `fn`'s own statics as placements, Core kept the parameter across the
 *  call and a target reusing a load from before it was proved (review 21, S1). */
function namedStatics(sh: Shared, fn: CoreFn, pair: PairEnv): (BlockPair & { global: string })[] {
  const names = new Set<string>();
  forEachNode(fn.body, (e) => {
    if (e.kind === 'Static') names.add(e.name);
  });
  // spans only (as the placements in linkArguments)
  const elems = new Set(fn.params.flatMap((p) => (p.ty.kind === 'span' ? [showType(p.ty.elem)] : [])));
  for (const name of calleeStatics(sh.prog, fn)) {
    const s = sh.prog.statics.find((x) => x.name === name);
    if (s && !sh.facts.statics.get(name)?.immutable && elems.has(showType(s.elem))) names.add(name);
  }
  const out: (BlockPair & { global: string })[] = [];
  const F = pair.env.f;
  sh.prog.statics.forEach((s) => {
    if (!names.has(s.name)) return;
    const info = sh.facts.statics.get(s.name)!;
    const gid = pair.ids.get(`static.${s.name}`);
    if (gid === undefined) throw new NotMapped(`the static ${s.name} (no MLIR global static.${s.name})`);
    const el = elementOf(sh.prog.types, sh.D, s.elem);
    out.push({ what: `static ${s.name}`, global: `static.${s.name}`, core: F.bv(info.id, BID_BITS), bid: F.bv(gid, BID_BITS), key: el.key, sz: el.sz, size: F.bv(s.values.length, 64) });
  });
  return out;
}

/** The statics the functions `fn` calls name, transitively (not `fn`'s own). */
function calleeStatics(prog: CoreProgram, fn: CoreFn): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>([fn.name]);
  const todo: string[] = [];
  const visit = (f: CoreFn, own: boolean) => forEachNode(f.body, (e) => {
    if (e.kind === 'Static' && !own) out.add(e.name);
    if (e.kind === 'Call' && !seen.has(e.fn)) {
      seen.add(e.fn);
      todo.push(e.fn);
    }
  });
  visit(fn, true);
  while (todo.length) {
    const name = todo.pop();
    const g = prog.functions.find((x) => x.name === name);
    if (g) visit(g, false);
  }
  return out;
}

/** A parameter holding strings (strings.ts parts): scalars as above; a string's five slots
 *  a memref over the argument block of its aligned-pointer slot, offset 0, size = Core's
 *  length, that block holding Core's bytes (Core's contents variables become the initial
 *  memory's bytes there; the block's id goes to `strBlocks`); a Span<string>'s two slots
 *  its window. Returns the next slot. */
function linkStringParam(F: TermFactory, prog: Shared['prog'], p: SymResult['params'][number], layout: ArgLayout, at: number, ptrIndex: Map<number, number>, fixed: Map<number, Term>, strBlocks: Term[]): number {
  const int = (t: Term, w = 64) => ({ kind: 'int' as const, w, v: t, poison: F.false });
  for (const part of coreParts(F, prog.types, p.ty, p.value)) {
    switch (part.kind) {
      case 'scalar': {
        const m = layout.values[at];
        if (!m || m.kind === 'ptr' || m.w !== part.slot.w) throw new NotMapped(`argument slot ${at} of ${p.name}: a Core ${part.slot.w}-bit scalar vs MLIR ${m ? (m.kind === 'ptr' ? 'pointer' : `${m.w}-bit`) : 'nothing'}`);
        layout.values[at] = { kind: m.kind, w: m.w, v: part.slot.t, poison: F.false } as typeof m;
        at += 1;
        break;
      }
      case 'argv': {
        const [a, b] = layout.values.slice(at, at + 2);
        if (a?.kind !== 'int' || b?.kind !== 'int' || a.w !== 64 || b.w !== 64) throw new NotMapped(`parameter ${p.name}: its MLIR arguments are not (i64, i64)`);
        layout.values[at] = int(part.off);
        layout.values[at + 1] = int(part.len);
        at += 2;
        break;
      }
      case 'str': {
        const [alloc, aligned] = layout.values.slice(at, at + 2);
        if (alloc?.kind !== 'ptr' || aligned?.kind !== 'ptr') throw new NotMapped(`parameter ${p.name}: its MLIR argument is not a memref`);
        const j = ptrIndex.get(at + 1)!;
        const key = layout.argBlocks[j]!;
        const blk = layout.memory.blocks[key]!;
        const len = part.v.len;
        const ptr = { kind: 'ptr' as const, bid: blk.bid, off: F.bv(0, OFF_BITS), poison: F.false, pts: [key] };
        layout.values[at] = { ...ptr };
        layout.values[at + 1] = ptr;
        layout.values[at + 2] = int(F.bv(0, 64));
        layout.values[at + 3] = int(len);
        layout.values[at + 4] = int(F.bv(1, 64));
        // writable: false — a caller may pass a literal (a constant global) and Core never
        // writes a string, so a target store there is UB (review 14, L2: a target writing a
        // parameter's byte back crashed natively on a literal and was bounded(4))
        layout.memory.blocks[key] = { ...blk, size: len, alive: F.true, writable: F.false };
        strBlocks.push(blk.bid);
        if (part.v.bytes || part.v.lit !== null || len.kind !== 'var') throw new NotMapped(`string parameter ${p.name} with known contents`);
        const u = unknownContents(F, len);
        fixed.set(u.U.id, layout.memory.U);
        fixed.set(u.bid.id, blk.bid);
        fixed.set(u.base.id, F.bv(0, OFF_BITS));
        at += 5;
        break;
      }
    }
  }
  return at;
}
