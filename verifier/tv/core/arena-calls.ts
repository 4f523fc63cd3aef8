// Clef calls handed an Arena (core-calls engineer; tlv_parser `decode` -> `parseField`,
// arena_queue `main` -> `runFrame`). core-to-mlir passes an arena as two memrefs: its byte
// block (offset 0, size = capacity, stride 1) and its one-cell i64 counter (arenas.ts). The
// arena is the function's Arena parameter (arenas.ts ArenaPair) or one it created with
// Arena.create (two `memref.alloca`s, `%arena_N` and `%used_N`, related to Core's arena by
// creation order as stacks.ts relates stack arrays: one Arena.create per site, none under a
// branch or a loop, literal ids on both sides).
//
// At the call: the target's words are the two memrefs over the arena's MLIR blocks with
// Core's capacity, and its counter holds Core's used bytes. After it — what the callee's own
// check proves of its arena parameter (arenas.ts arenaMemoryMismatch): the counter holds
// Core's used bytes after the call, and unless the callee reset the arena (Core's epoch
// moved), every byte below the used count at the call (the caller's allocations) is as it
// was (a frame). Bytes above are the callee's allocations, which the caller cannot see.
// The caller's other blocks are as for any Clef call.
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import type { FuncInfo } from '../../semantics/mlir/module-info.ts';
import type { SideResult } from '../../semantics/mlir/symexec.ts';
import { callArrays } from '../../semantics/mlir/symexec.ts';
import type { CallRecord } from '../../semantics/symbolic/context.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';
import { meta } from '../../semantics/symbolic/memory.ts';
import { OFF_BITS } from '../../semantics/mlir/values.ts';
import { bytesAt, paramAllocations, startOf, type ArenaPair } from './arenas.ts';
import type { Frame } from './runtime.ts';
import { allocaSites, allocNodes, coreOwnIds, storesKind, type StackPair } from './stacks.ts';
import { elementOf } from './memory.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
import { KIND } from '../../semantics/symbolic/memory.ts';

/** An arena both sides know: Core's arena id, the MLIR blocks of its bytes and its counter. */
export type ArenaLink = {
  core: Term; buf: Term; used: Term; what: string;
  /** An arena the function creates: its allocas' sizes in bytes (at least Core's capacity
   *  and 8; a parameter's blocks are sized from Core's by assumption: arenas.ts). */
  bytes?: { buf: Term; used: Term };
};

/** The function's arena parameters and the arenas it creates (where they can be related). */
export function arenaLinks(F: TermFactory, fn: CoreFn, fi: FuncInfo, core: SymResult, T: SideResult['final'], params: ArenaPair[]): ArenaLink[] {
  const out: ArenaLink[] = params.map((a) => ({ core: a.core, buf: a.buf, used: a.used, what: `the arena parameter ${a.name}` }));
  const nodes = allocNodes(fn.body, 'ArenaCreate');
  if (!nodes.length || nodes.some((n) => n.conditional) || !fi.body) return out;
  const bufs = allocaSites(fi.body, 'arena_');
  const useds = allocaSites(fi.body, 'used_');
  if (bufs.length !== nodes.length || useds.length !== nodes.length) return out;
  const ids = coreOwnIds(core, 'acap');
  nodes.forEach((_, k) => {
    const id = ids[k];
    const b = T.mem.blocks.filter((x) => x && x.site === bufs[k]);
    const u = T.mem.blocks.filter((x) => x && x.site === useds[k]);
    // related only where each site made one observable block of a fixed id (it escapes:
    // the arena is handed to a call)
    if (id === undefined || b.length !== 1 || u.length !== 1 || !b[0]!.inU || !u[0]!.inU || b[0]!.bid.kind !== 'bv' || u[0]!.bid.kind !== 'bv') return;
    out.push({ core: F.bv(id, 32), buf: b[0]!.bid, used: u[0]!.bid, what: `the arena ${k} of ${fn.name}`, bytes: { buf: b[0]!.size, used: u[0]!.size } });
  });
  return out;
}

/** The call words of an arena operand (two memrefs: allocated pointer, aligned pointer as
 *  block and offset, offset, size, stride); the allocated pointers are not compared. */
export function arenaWords(F: TermFactory, l: ArenaLink, c: CallRecord): { t: Term; guard: Term }[] {
  const zero = F.bv(0, 64);
  const one = F.bv(1, 64);
  const b = F.zext(32, l.buf);
  const u = F.zext(32, l.used);
  const cap = meta(F, c.memBefore, 'acap', l.core);
  return [b, zero, b, zero, zero, cap, one, u, zero, u, zero, zero, one, one].map((t, k) => ({ t, guard: k % 7 < 2 ? F.false : F.true }));
}

/** At the call at trace position n (snapshot `snap`): the counter's mismatch, the
 *  assumption after it, and the frame of the caller's allocations. */
export function arenaAtCall(F: TermFactory, D: Dom<Term, Term>, l: ArenaLink, c: CallRecord, n: Term, snap: Term, handed: { buf: Term; lo: Term; hi: Term }[] = []): { bad: Term; assume: Term; frame: Frame } {
  const A = callArrays(F);
  const counter = (U: Term) => bytesAt(F, D, U, l.used, F.bv(0, OFF_BITS), 8);
  const usedBefore = meta(F, c.memBefore, 'aused', l.core);
  const notReset = F.eq(meta(F, c.memAfter, 'aepoch', l.core), meta(F, c.memBefore, 'aepoch', l.core));
  return {
    bad: F.or(
      F.not(F.eq(counter(snap), usedBefore)),
      ...(l.bytes ? [F.app('bvult', [l.bytes.buf, meta(F, c.memBefore, 'acap', l.core)]), F.app('bvult', [l.bytes.used, F.bv(8, 64)])] : []),
    ),
    assume: F.implies(c.pc, F.eq(counter(F.select(A.havoc, n)), meta(F, c.memAfter, 'aused', l.core))),
    // `handed`: allocations handed with the arena as spans (arena-span-lift.ts) — the callee may
    // write them, so their bytes are not kept (both sides agree on them after the call)
    frame: { pc: c.pc, n, snap, keep: (bid) => F.eq(bid, l.buf), keepAt: (addr) => F.and(notReset, F.app('bvult', [F.extract(63, 0, addr), usedBefore]), ...handed.filter((r) => r.buf.id === l.buf.id).map((r) => F.not(F.and(F.app('bvule', [r.lo, F.extract(63, 0, addr)]), F.app('bvult', [F.extract(63, 0, addr), r.hi]))))) },
  };
}

/** Allocations from the Arena parameter handed (as spans) to Clef calls: each a block pair of
 *  Core's allocation and the arena's MLIR byte block at the allocation's start (arenas.ts
 *  startOf), related at the calls while alive (no reset since: then no two of them overlap,
 *  allocations being bumped), like a stack array (stacks.ts). */
export function allocPairs(F: TermFactory, CD: SymIntDomain, D: Dom<Term, Term>, prog: CoreProgram, arenas: ArenaPair[], passed: Set<number>): StackPair[] {
  const out: StackPair[] = [];
  paramAllocations(F, arenas).forEach((r, k) => {
    if (!passed.has(r.block.id) || r.block.kind !== 'bv') return;
    if (r.elem.kind !== 'int' && r.elem.kind !== 'char' && r.elem.kind !== 'float' && r.elem.kind !== 'bool') return;
    const el = elementOf(prog.types, CD, r.elem);
    const base = startOf(D, r);
    const known = new Map<number, boolean>();
    out.push({
      pair: { what: `the allocation ${k} of ${r.pair.name}`, core: r.block, bid: r.pair.buf, key: el.key, sz: el.sz, size: r.count, base, ...(el.bool ? { bool: true } : {}) },
      allocated: (m) => storesKind(m.kind, r.block, known, BigInt(KIND.arena)),
      alive: (m) => F.eq(meta(F, m, 'bepoch', r.block), meta(F, m, 'aepoch', r.pair.core)),
      arena: { core: r.pair.core, buf: r.pair.buf, lo: base, hi: D.add(base, D.mul(r.count, D.lit(BigInt(el.sz), 64), 64), 64) },
    });
  });
  return out;
}

/** Whether a callee is handed an arena (for the scope check's message). */
export function takesArena(prog: CoreProgram, callee: string): boolean {
  return !!prog.functions.find((f) => f.name === callee)?.params.some((p) => p.ty.kind === 'arena');
}
