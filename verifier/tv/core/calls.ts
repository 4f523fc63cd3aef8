// Calls between the two sides. Core's symbolic execution records every call (callee,
// arguments, path condition, a fresh result) in execution order; the MLIR side records the
// n-th call of a path in its trace (callee id, argument words, the observable memory) and
// takes its results from unknowns indexed by n (symexec.ts `callArrays`). The i-th Core
// call happens at position n_i = (number of earlier Core calls whose path condition holds);
// there the target must make the same call — same callee `@clef.<name>`, the same argument
// scalars (slots.ts), no observable memory change of its own before it — and its results
// ARE the Core call's results (assumed: a Clef callee is one function, validated on its own).
import type { CoreProgram } from '../../../compiler/core/core.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';
import { callArrays, initialWord, initialWordPoison, type SideResult } from '../../semantics/mlir/symexec.ts';
import { coreSlots } from './slots.ts';
import { differ, differAll, elementPoison, otherBytesDiffer, snapPoison, snapPoisonOutsideOwn, type BlockPair } from './memory.ts';
import { NotMapped } from './unmapped.ts';
import { ownBlock, summaryRanges } from './cut-strings.ts';
import { ADDR_SORT } from '../../semantics/mlir/symbolic-memory.ts';
import { OFF_BITS } from '../../semantics/mlir/values.ts';
import { bvSort } from '../../smt/term.ts';
import { constantBlocks, holdsStrings, wordBid, type TgtStr } from './strings.ts';
import { clefCallFrame, stringCallResult, stringCallWords } from './string-calls.ts';
import { EVENT_CALLS, linkRuntimeEvent, type Frame } from './runtime.ts';
import { positionUnder } from './positions.ts';
import type { EventPosition } from './frame-positions.ts';
import { linkRegionEvent, newRegionState } from './regions.ts';
import { isRegionEvent } from '../../semantics/symbolic/region-events.ts';
import { isRuntimeEvent } from '../../semantics/symbolic/strings.ts';
import { cellsOf, meta, type SymMemory } from '../../semantics/symbolic/memory.ts';
import type { SV } from '../../semantics/symbolic/values.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import { skipZeroCalls } from './zero-calls.ts';
import type { StackPair } from './stacks.ts';
import { spanCallResult, type Handed } from './span-calls.ts';
import { memoryParam } from './scope.ts';
import { arenaAtCall, arenaWords, type ArenaLink } from './arena-calls.ts';
import { arenaAliasHits, arenaAliasProblem, arenaSpanObligation, leafIds } from './arena-alias.ts';
import { coversArenaSpan } from './arena-span-lift.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
export type CallLink = {
  /** Assumptions: the callee returns, its results on both sides are the same unknowns. */
  assume: Term[];
  /** Some Core call is not matched by the target's call at the same position. */
  mismatch: Term;
  /** The number of calls Core makes (on the path that happens). */
  count: Term;
};

const one64 = (F: TermFactory) => F.bv(1, 64);

/** The target's observable memory before its n-th call when the function itself writes
 *  nothing observable: the initial memory, or what the previous call left. */
export function expectedMemory(F: TermFactory, U0: Term, n: Term): Term {
  const A = callArrays(F);
  return F.ite(F.eq(n, F.bv(0, 64)), U0, F.select(A.havoc, F.app('bvsub', [n, one64(F)])));
}

/** Memory as both sides see it at one point: Core's cells (per leaf key) and the target's
 *  observable bytes, related on the blocks both see (memory.ts). */
export type MemPoint = { pc: Term; cells: (key: string) => Term; U: Term; /** Core's memory there (which stack arrays exist: stacks.ts) */ mem?: SymMemory };

/** What calls need of the memory correspondence (query.ts). */
export type CallMemory = {
  D: Dom<Term, Term>;
  pairs: BlockPair[];
  /** The initial observable bytes. */
  U0: Term;
  /** Stack blocks of the target (gone after a return, never compared). */
  stack: Term[];
  /** The blocks of string parameters (core-strings: kept by Clef calls, clefCallFrame). */
  strings?: Term[];
  /** The constant globals a Clef callee may return a view of (core-strings). */
  literalsOf?: (callee: string) => Set<string>;
  /** core-memory engineer: the clef_zero_S calls the target's trace holds (callee id, element
   *  bytes) and how many may come in a row (zero-calls.ts). */
  zeroCalls?: { ids: { id: number; es: number }[]; maxRun: number };
  /** core-memory engineer: blocks no Clef call changes (an arena parameter's: arenas.ts
   *  arenaCallsProblem says why), kept across each by a frame. */
  keptAcrossCalls?: Term[];
  /** core-calls engineer: the stack arrays Clef calls are handed (stacks.ts), compared at
   *  every Clef call once allocated; why others could not be related. */
  stacks?: StackPair[];
  stackWhy?: string | null;
  /** core-calls engineer: the arenas a Clef call may be handed (arena-calls.ts). */
  arenaLinks?: ArenaLink[];
  /** Core's integer domain (element types of returned arena allocations: arena-results.ts). */
  CD?: SymIntDomain;
};

export type CallLinkMem = CallLink & {
  /** Memory right after each call: both sides agree on the related blocks (assumed). */
  after: MemPoint[];
  /** Runtime calls that write a buffer (runtime.ts frameFacts; core-strings). */
  frames: Frame[];
  /** every Core event's trace positions (frame-positions.ts
   *  callOrder), none in cut-point mode. */
  positions: EventPosition[];
  /** Allocations of a handed arena that callees returned (arena-results.ts): related like the
   *  arena allocations of `stacks`, agreed on after each call while alive (query.ts). */
  resultPairs: StackPair[];
};

/** Cut-point mode (core-loops, cut-query.ts): a loop's havoc state sets the call count to
 *  its unknown (`reset`, applied before each call and at the end), and the havoc drops the
 *  target's trace of earlier calls, so each call is checked in the target state of the
 *  first loop head after it on its path, or the final one (`view`). */
export type CallCut = { reset: (ci: number, n: Term) => Term; view: (ci: number) => SideResult['final'] };

export function linkCalls(F: TermFactory, prog: CoreProgram, core: SymResult, tgt: SideResult, calleeId: (name: string) => number, mem: CallMemory, subst: Map<number, Term> = new Map(), cut?: CallCut): CallLinkMem {
  const A = callArrays(F);
  const T0 = tgt.final; // T is per call below (CallCut)
  const U0 = mem.U0;
  const assume: Term[] = [];
  const bad: Term[] = [];
  const after: MemPoint[] = [];
  let n: Term = F.bv(0, 64);
  const consts = constantBlocks(T0.mem.blocks);
  const frames: Frame[] = [];
  // the caller's string blocks: heap buffers it allocated, blocks calls returned, its string
  // parameters' blocks (the frames of calls keep them: runtime.ts frameFacts)
  const strBlocks = [...T0.mem.blocks.filter((b) => b && b.inU && (b.kind === 'heap' || b.kind === 'ext')).map((b) => b!.bid), ...(mem.strings ?? [])];
  // the string buffers of earlier iterations of a Core loop carrying a
  // string (cut-strings.ts summaryRanges) are kept by every call, as the heap blocks above;
  // with no such block in the list, the null block (id 0: nothing lives there) makes the
  // runtime's frames exist, which the ranges then join (below)
  const ranges = cut ? summaryRanges(F, mem.D, tgt.havocs) : null;
  if (ranges && !strBlocks.length) strBlocks.push(F.bv(0, 32));
  const regionState = newRegionState();
  const resultBlocks = new Set<number>(); // core-calls engineer: blocks of returned spans (span-calls.ts)
  const resultPairs: StackPair[] = []; // allocations of a handed arena that callees returned (arena-results.ts)
  // core-memory engineer: the target's clef_zero_S calls Core has no event for (zero-calls.ts)
  const zeros = mem.zeroCalls && mem.zeroCalls.ids.length ? { ...mem.zeroCalls, k: 0 } : null;
  if (zeros && cut) throw new NotMapped('cut points: a clef_zero_S call of the target (a fill of a symbolic length)');
  // a byte poison at a runtime call, a region call or a zeroing call: after it the target's
  // memory has no poison (symexec.ts: UP false after every external call) while the runtime
  // kept the bytes (runtime.ts `unchanged`, the frames), so the poison would be forgotten — a
  // target that stored `select(c, x, ub.poison)` into the caller's span before
  // Console.writeln was proved, in a loop for any length (review 32). Not the function's own
  // blocks (string and format buffers, whose unwritten bytes are poison), but the live stack
  // arrays related to Core's, element by element (`before`: Core's memory at the call; none
  // at a zeroing call, which may be the one that zeroes a new alloca's poison bytes). A
  // mismatch under the call's condition.
  const poisonAt = (pc: Term, before: SymMemory | null, T: SideResult['final'], m: Term, name: string): void => {
    const up = snapPoison(F, T.tr.snapUP, m);
    if (!up) return;
    // outside the own blocks the stores into them do not matter (memory.ts snapPoisonOutsideOwn)
    const outUP = snapPoison(F, snapPoisonOutsideOwn(F, T.tr.snapUP), m);
    const a = F.var(`${name}.up`, ADDR_SORT);
    const outside = outUP ? [F.and(F.not(ownBlock(F, mem.D, a)), F.select(outUP, a))] : [];
    const stacks = before ? (mem.stacks ?? []).filter((st) => !st.arena && st.allocated(before)) : [];
    const inStack = stacks.map((st, j) => {
      const e = F.var(`${name}.stack${j}`, bvSort(OFF_BITS));
      return F.and(st.alive ? st.alive(before!) : F.true, F.app('bvult', [e, st.pair.size]), elementPoison(F, mem.D, up, st.pair.bid, e, st.pair.sz, st.pair.base));
    });
    bad.push(F.and(pc, F.or(...outside, ...inStack)));
  };
  const skip = (pc: Term, T: SideResult['final']): void => {
    if (!zeros) return;
    const r = skipZeroCalls(F, T, zeros, pc, n, { U0, related: mem.pairs.map((p) => p.bid), stack: mem.stack, at: zeros.k++ });
    n = r.n;
    assume.push(...r.assume);
    bad.push(r.bad);
    // each zeroing call is an event of one position (its frames share it)
    const from = frames.length;
    r.frames.forEach((fr, k) => poisonAt(fr.pc, null, T, fr.n, `w.core.zero${zeros.k - 1}.${k}`));
    frames.push(...r.frames);
    const slots = [...new Map(r.frames.map((fr) => [fr.n.id, fr.n])).values()];
    for (const s of slots) tag(from, [s]);
  };
  // each event's positions in trace order (and the one before it,
  // where expectedMemory reads), its frames tagged with them (frame-positions.ts callOrder)
  const positions: EventPosition[] = [];
  let seq = 0;
  const tag = (from: number, at: Term[]): void => {
    if (cut) return;
    const event = seq++;
    const w = at.length;
    at.forEach((t, k) => positions.push({ event, k, w, n: t }));
    positions.push({ event, k: -1, w, n: F.app('bvsub', [at[0]!, one64(F)]) });
    for (let f = from; f < frames.length; f++) {
      const k = at.findIndex((t) => t.id === frames[f]!.n.id);
      if (k >= 0) frames[f] = { ...frames[f]!, at: { event, k, w } };
    }
  };
  core.calls.forEach((c, ci) => {
    // the count after loop heads, the target state that holds this call
    if (cut) n = cut.reset(ci, n);
    const T = cut ? cut.view(ci) : T0;
    skip(c.pc, T);
    const framesFrom = frames.length; // this event's frames start here
    // regions: Region.create/alloc/release are runtime calls (regions.ts)
    if (isRegionEvent(c.callee)) {
      const r = linkRegionEvent(F, T, calleeId, regionState, c, n, mem.pairs.map((p) => p.bid));
      bad.push(F.and(c.pc, r.bad));
      poisonAt(c.pc, c.memBefore, T, n, `w.core.region${ci}`);
      assume.push(...r.assume);
      // core-calls engineer: no agreement point after it (the memory after is the memory at
      // it, by the runtime's contract; the target's stores before it were never checked here)
      tag(framesFrom, [n]);
      n = F.ite(c.pc, F.app('bvadd', [n, F.bv(1, 64)]), n);
      return;
    }
    // this call's position as a term equal to it under its path condition
    // (positions.ts; every use below, for runtime events and Clef calls, is under c.pc); `nRun` counts on where the call is not made
    const nRun = n;
    n = positionUnder(F, c.pc, n);
    // runtime events: Console/Format/argv/compare are runtime calls
    if (isRuntimeEvent(c.callee)) {
      const r = linkRuntimeEvent({ F, T, consts, calleeId, subst, frames, strBlocks }, c, ci, n);
      bad.push(F.and(c.pc, r.bad));
      for (let k = 0; k < r.width; k++) poisonAt(c.pc, c.memBefore, T, k === 0 ? n : F.app('bvadd', [n, F.bv(k, 64)]), `w.core.rt${ci}.${k}`);
      assume.push(...r.assume);
      // core-calls engineer: no agreement point after a runtime call. The related blocks are
      // not compared at it, so "both sides agree after it" was an unchecked assumption that
      // hid the target's wrong stores before it (a wrong `proved`: tests/verifier/tv/core/
      // event-memory.test.ts). Instead the related blocks are kept across the calls that
      // write a buffer (a frame: the runtime's contract, unless the buffer is one of them);
      // the others change no memory (runtime.ts `unchanged`).
      EVENT_CALLS[c.callee as keyof typeof EVENT_CALLS].forEach((name, k) => {
        const w = BUFFER_WORD[name];
        const related = [...mem.pairs.map((p) => p.bid), ...mem.keptAcrossCalls ?? [], ...(mem.stacks ?? []).filter((st) => !st.arena).map((st) => st.pair.bid)]; // stacks: core-calls
        if (w === undefined || !related.length) return;
        const m = k === 0 ? n : F.app('bvadd', [n, F.bv(k, 64)]);
        const buf = wordBid(F, F.select(T.tr.words[w] ?? initialWord(F), m));
        frames.push({ pc: c.pc, n: m, snap: F.select(T.tr.snapU, m), keep: (b) => F.and(F.or(...related.map((x) => F.eq(b, x))), F.not(F.eq(b, buf))), writes: [buf] }); // writes: reviewer, session 8 (runtime.ts Frame)
      });
      tag(framesFrom, Array.from({ length: r.width }, (_, k) => (k === 0 ? n : F.app('bvadd', [n, F.bv(k, 64)]))));
      n = F.ite(c.pc, F.app('bvadd', [n, F.bv(r.width, 64)]), nRun); // nRun: core-strings
      return;
    }
    const callee = prog.functions.find((f) => f.name === c.callee)!;
    // arguments, as the words of the target's call record
    // strings: string and Span<string> operands (strings.ts)
    const strExtra: Term[] = [];
    // core-calls engineer: the stack arrays Core has allocated by now (stacks.ts)
    const live = [...(mem.stacks ?? []), ...resultPairs].filter((st) => st.allocated(c.memBefore)); // resultPairs: arena-results.ts
    const callPairs = live.length ? [...mem.pairs, ...live.map((st) => st.pair)] : mem.pairs;
    const handed: TgtStr[] = [];
    const memArgs: number[] = []; // word positions of span and pointer operands
    const handedSpans: Handed[] = []; // core-calls engineer: span-calls.ts
    const words: { t: Term; guard: Term }[] = [];
    const handedArenas: ArenaLink[] = []; // core-calls engineer: arena-calls.ts
    c.args.forEach((a, i) => {
      const ty = callee.params[i]!.ty;
      // an Arena operand is two memrefs over the arena's blocks
      if (ty.kind === 'arena') {
        const l = a.k === 'arena' ? mem.arenaLinks?.find((x) => x.core.id === a.id.id) : undefined;
        if (!l) throw new NotMapped(`a call of ${callee.name} handed an Arena that is neither the function's Arena parameter nor one it creates outside branches and loops`);
        words.push(...arenaWords(F, l, c));
        handedArenas.push(l);
        return;
      }
      if (holdsStrings(prog.types, ty)) words.push(...stringCallWords(F, prog, ty, a, { consts, T, n, at: words.length, extra: strExtra, name: `w.core.call${ci}.arg${i}`, handed }));
      else {
        if (a.k === 'span' || a.k === 'ptr') memArgs.push(words.length);
        const ws = callWords(F, prog, ty, a, c.memBefore, callPairs, mem.stackWhy, resultBlocks);
        if (a.k === 'span' || a.k === 'ptr') handedSpans.push({ v: a, ty, bid: F.extract(31, 0, ws[2]!.t), start: ws[3]!.t });
        words.push(...ws);
      }
    });
    const differs: Term[] = [F.not(F.app('bvult', [n, T.calls])), F.not(F.eq(F.select(T.tr.callee, n), F.bv(calleeId(`clef.${callee.name}`), 32))), ...strExtra];
    words.forEach((s, k) => {
      const word = F.select(T.tr.words[k] ?? initialWord(F), n);
      const poison = F.select(T.tr.wpoison[k] ?? initialWordPoison(F), n);
      differs.push(F.and(s.guard, F.or(poison, F.not(F.eq(word, s.t)))));
    });
    // the observable memory at the call: the related blocks hold Core's elements, every
    // other byte is as it was (initially, or after the previous call)
    const snap = F.select(T.tr.snapU, n);
    // (and not poison: review 31, memory.ts elementPoison)
    const snapP = snapPoison(F, T.tr.snapUP, n);
    if (mem.pairs.length) {
      mem.pairs.forEach((p, k) => differs.push(differ(F, mem.D, cellsOf(c.memBefore, p.key), snap, p, `w.core.call${ci}.elem.${k}`, snapP)));
      differs.push(otherBytesDiffer(F, snap, expectedMemory(F, U0, n), mem.pairs.map((p) => p.bid), mem.stack, `w.core.call${ci}.addr`, snapP));
    } else if (mem.stack.length || cut) differs.push(otherBytesDiffer(F, snap, expectedMemory(F, U0, n), [], mem.stack, `w.core.call${ci}.addr`, snapP)); // --- strings
    else differs.push(F.or(F.not(F.eq(snap, expectedMemory(F, U0, n))), otherBytesDiffer(F, snap, snap, [], [], `w.core.call${ci}.addr`, snapP)));
    // core-calls engineer: the stack arrays hold Core's elements, in an alloca at least as large
    live.forEach((st, k) => {
      const alive = st.alive ? st.alive(c.memBefore) : F.true;
      differs.push(F.and(alive, differAll(F, mem.D, cellsOf(c.memBefore, st.pair.key), snap, st.pair, `w.core.call${ci}.stack.${k}`, snapP)));
      if (st.bytes && st.coreBytes) differs.push(F.app('bvult', [st.bytes, st.coreBytes]));
    });
    // core-calls engineer: a handed arena's counter at the call and after it, its bytes below
    // the counter kept unless the callee resets it (arena-calls.ts)
    // the callee's precondition (arena-alias.ts), over every related arena allocation (not only
    // the ones allocated by now): an allocation handed with its arena is refused, unless the
    // callee's check covers a span inside its arena (arena-span-lift.ts) — then it is an
    // obligation here (alive, below the counter), and the arena's frame leaves its range out
    const aliasHits = arenaAliasHits(c.args, handedArenas.map((l) => l.core), [...(mem.stacks ?? []), ...resultPairs]);
    if (aliasHits.length && !coversArenaSpan(prog, callee)) throw new NotMapped(arenaAliasProblem(callee.name, aliasHits));
    if (aliasHits.length) differs.push(arenaSpanObligation(F, c.args, aliasHits, c.memBefore));
    const aliasRanges = aliasHits.map((h) => h.st.arena!);
    for (const l of handedArenas) {
      const r = arenaAtCall(F, mem.D, l, c, n, snap, aliasRanges);
      differs.push(r.bad);
      assume.push(r.assume);
      frames.push(r.frame);
    }
    bad.push(F.and(c.pc, F.or(...differs)));
    // results
    // strings: a string result is the callee's memref (strings.ts)
    if (holdsStrings(prog.types, callee.ret)) {
      const names = mem.literalsOf?.(`clef.${callee.name}`) ?? new Set<string>();
      const literals = consts.filter((g) => names.has(g.origin.replace(/^@/, '')));
      stringCallResult(F, prog, callee.ret, c, n, subst, assume, literals, handed, literals);
    }
    // core-calls engineer: a returned span or pointer is the memref over a block it was handed
    else if (memoryParam(callee.ret)) {
      // a callee handed one arena may return an allocation of it (arena-results.ts)
      const ret = callee.ret as Type & { kind: 'span' | 'ptr' };
      if (cut && handedArenas.length) throw new NotMapped(`cut points: a span ${callee.name} returned, handed an arena`);
      const arenaRes = handedArenas.length === 1 && mem.CD ? { link: handedArenas[0]!, elem: ret.elem, prog, CD: mem.CD, what: `the span ${callee.name} returned (call ${ci})`, out: resultPairs } : undefined;
      assume.push(...spanCallResult(F, prog, callee, c, n, handedSpans, resultBlocks, arenaRes).map((a) => F.implies(c.pc, a)));
    }
    else {
    const resSlots = coreSlots(F, prog.types, callee.ret, c.result);
    resSlots.forEach((s, j) => {
      const r = F.select(A.res(j), n);
      assume.push(F.implies(c.pc, F.eq(s.t, s.w === 64 ? r : F.extract(s.w - 1, 0, r))));
    });
    } // --- strings
    assume.push(F.implies(c.pc, F.select(A.ret, n)));
    // a Clef function frees no block it was handed (regions are not mapped)
    for (const p of mem.pairs) assume.push(F.implies(c.pc, F.not(F.select(F.select(A.free, n), p.bid))));
    for (const b of mem.keptAcrossCalls ?? []) assume.push(F.implies(c.pc, F.not(F.select(F.select(A.free, n), b)))); // core-memory engineer: nor the arena's blocks
    // strings: nor any other block the caller sees (core-to-mlir emits no
    // dealloc: the string buffers the caller allocated, or earlier calls returned, stay alive)
    for (const b of T0.mem.blocks) if (b && b.inU && (b.kind === 'heap' || b.kind === 'ext')) assume.push(F.implies(c.pc, F.not(F.select(F.select(A.free, n), b.bid))));
    // core-solver: nor its string parameters' blocks (the same reason: no dealloc; a model
    // where the callee freed one was strings_interp padRight's UB that did not replay)
    for (const b of mem.strings ?? []) assume.push(F.implies(c.pc, F.not(F.select(F.select(A.free, n), b))));
    // and it leaves the caller's strings as they were (string-calls.ts clefCallFrame)
    const handedMem = memArgs.map((k) => wordBid(F, F.select(T.tr.words[k + 2] ?? initialWord(F), n)));
    const kept0 = clefCallFrame(F, c.pc, n, snap, strBlocks, handedMem);
    // core-memory engineer: the arena's blocks too (one frame per call: frameFacts
    // instantiates one frame per address and call)
    const ka = (mem.keptAcrossCalls ?? []).filter((b) => !handedArenas.some((l) => l.buf.id === b.id || l.used.id === b.id)); // not a handed arena's
    const arenaKeep = (b: Term) => F.or(...ka.map((x) => F.eq(b, x)));
    // core-calls engineer: the byte ranges of arena allocations handed to the call are not
    // kept (the callee may write them; both sides agree on them after it: query.ts)
    const handedRanges = live.filter((st) => st.arena && c.args.some((a) => (a.k === 'span' || a.k === 'ptr') && leafIds(a.block).has(st.pair.core.id))).map((st) => st.arena!);
    const outside = (addr: Term) => F.and(...handedRanges.map((r) => F.not(F.and(F.eq(F.extract(95, 64, addr), r.buf), F.app('bvule', [r.lo, F.extract(63, 0, addr)]), F.app('bvult', [F.extract(63, 0, addr), r.hi])))));
    const kept = ka.length && !handedRanges.length ? (kept0 ? { ...kept0, keep: (b: Term) => F.or(kept0.keep(b), arenaKeep(b)) } : { pc: c.pc, n, snap, keep: arenaKeep }) : kept0;
    if (kept) frames.push(kept);
    if (ka.length && handedRanges.length) frames.push({ pc: c.pc, n, snap, keep: arenaKeep, keepAt: outside });
    after.push({ pc: c.pc, cells: (key) => cellsOf(c.memAfter, key), U: F.select(A.havoc, n), mem: c.memAfter }); // mem: core-calls
    tag(framesFrom, [n]);
    n = F.ite(c.pc, F.app('bvadd', [n, one64(F)]), nRun); // nRun: core-strings
  });
  skip(F.true, T0); // core-memory engineer: zeroing calls after Core's last event
  // but not a block the call writes (runtime.ts Frame `writes`)
  const framesR = ranges ? frames.map((fr) => ({ ...fr, keep: (b: Term) => F.or(fr.keep(b), F.and(ranges(b), ...(fr.writes ?? []).map((w) => F.not(F.eq(b, w))))) })) : frames;
  return { assume, mismatch: F.or(...bad), count: cut ? cut.reset(core.calls.length, n) : n, after, frames: framesR, positions, resultPairs }; // resultPairs: arena-results.ts
}

/** The target's call words for one Core argument: its scalars zero-extended to 64 bits; a
 *  span or pointer as its memref's words (allocated and aligned pointer as block and offset,
 *  offset, size, stride), its block one of the related blocks. */
function callWords(F: TermFactory, prog: CoreProgram, ty: Type, v: SV, m: SymMemory, pairs: BlockPair[], stackWhy?: string | null, results: Set<number> = new Set()): { t: Term; guard: Term }[] {
  if (v.k === 'span' || v.k === 'ptr') {
    const leaves = pairs;
    let bid: Term = F.bv(NO_BLOCK, 64);
    for (let k = leaves.length - 1; k >= 0; k--) bid = F.ite(F.eq(v.block, leaves[k]!.core), F.zext(32, leaves[k]!.bid), bid);
    if (!pairs.length || !refersToRelated(v.block, pairs, results)) throw new NotMapped(`a call passing memory that is not an argument block, a static or a stack array of the function (of ${ty.kind === 'span' || ty.kind === 'ptr' ? showType(ty) : ty.kind})${stackWhy ? `: ${stackWhy}` : ''}`);
    const zero = F.bv(0, 64);
    // core-calls engineer: an arena allocation's memref starts at its byte in the arena's block
    let start: Term = zero;
    if (leaves.some((p) => p.base)) for (let k = leaves.length - 1; k >= 0; k--) start = F.ite(F.eq(v.block, leaves[k]!.core), leaves[k]!.base ?? zero, start);
    const size = v.k === 'span' ? v.len : F.app('bvsub', [meta(F, m, 'size', v.block), v.off]);
    // The allocated pointer (the first two words) is not compared: only deallocation uses it,
    // which no Clef function does to a span it is handed, and a static's view carries
    // 0xdeadbeef there (memref.get_global, as the lowering does).
    return [bid, zero, bid, start, v.off, size, F.bv(1, 64)].map((t, k) => ({ t, guard: k < 2 ? F.false : F.true }));
  }
  return coreSlots(F, prog.types, ty, v).map((s) => ({ t: s.w === 64 ? s.t : F.zext(64 - s.w, s.t), guard: s.guard }));
}

/** Runtime calls that write a buffer: the word holding the buffer's aligned block id
 *  (a memref is 7 words: allocated and aligned pointer as block and offset, offset, size,
 *  stride; runtime.ts reads the same words). */
const BUFFER_WORD: Record<string, number> = {
  clef_readln_copy: 2,
  clef_arg_copy: 3,
  clef_fmt_i64: 3, clef_fmt_u64: 3, clef_fmt_f64: 3, clef_fmt_f32: 3, clef_fmt_char: 3,
};

/** An id no block has: a Core block outside the related ones makes the words differ. */
const NO_BLOCK = 0xffffffffn;

/** Whether a Core block term is built only from the related blocks' ids and the arguments'
 *  block variables (ite of them), i.e. it certainly is one of the related blocks. */
function refersToRelated(t: Term, pairs: BlockPair[], results: Set<number>): boolean {
  if (pairs.some((p) => p.core.id === t.id)) return true;
  if (results.has(t.id)) return true; // a returned span's block, assumed one of them (span-calls.ts)
  if (t.kind === 'var') return t.name.startsWith('arg.');
  if (t.kind === 'app' && t.op === 'ite') return refersToRelated(t.args[1]!, pairs, results) && refersToRelated(t.args[2]!, pairs, results);
  return false;
}

