// The refinement condition of one Core function and its core-to-mlir MLIR function, as one
// SMT query whose models are counterexamples (README.md states it in words). Both sides run
// symbolically over one term factory: Core by verifier/semantics/symbolic (bit-vector
// integers, calls uninterpreted, loops unrolled), the MLIR by verifier/semantics/mlir/symexec
// over the shared argument slots of verifier/tv/pair.ts.
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { Term } from '../../smt/term.ts';
import type { TermFactory } from '../../smt/factory.ts';
import { sharedFor, symExecFunction, type SymResult } from '../../semantics/symbolic/function.ts';
import type { FuncInfo, ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { SymExec, type SideResult, type SScalar } from '../../semantics/mlir/symexec.ts';
import { unflatten } from '../../semantics/mlir/values.ts';
import { argLayout, pairEnv, type ArgLayout, type PairEnv } from '../pair.ts';
import { expectedMemory, linkCalls } from './calls.ts';
import { coreSlots } from './slots.ts';
import { linkArguments, type Aliasing } from './arguments.ts';
import { rewriteReads } from './reads.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';
import { agreeAt, differ, indicesRead, otherBytesDiffer, smallIndices, type BlockPair } from './memory.ts';
import { cellsOf, sel } from '../../semantics/symbolic/memory.ts';
import { walk } from '../../smt/smtlib.ts';
import { NotMapped } from './unmapped.ts';
import { coreCutLoops, type CoreCuts } from './cut-loop.ts';
import { callCut, finalAddr, linkCuts, loopIndex, loopWitness } from './cut-query.ts';
import { hasCopyLoops, instantiateCopies } from './cut-copy.ts';
import { stringLoops, summaryPlaces } from './cut-strings.ts';
import { rewriteHavocReads, substituteAll } from './cut-reads.ts';
import { constantBlocks, holdsStrings, resultPlaces, setPieceIndices, stringResultMismatch } from './strings.ts';
import { frameFacts } from './runtime.ts';
import { callOrder } from './frame-positions.ts';
import { MAX_FRAME_FACTS } from './too-large.ts';
import { propagateUnits } from './units.ts';
import { globalsReachable } from './string-calls.ts';
import { sameFloat } from '../../semantics/symbolic/floats.ts';
import { spanResultMismatch } from './results.ts';
import { arenaBlocks, arenaCallsProblem, arenaMemoryMismatch, arenaTargets, linkArenas } from './arenas.ts';
import { clearArenaAllocs } from '../../semantics/symbolic/arena-starts.ts';
import { memoryParam } from './scope.ts';
import { hasQuantifier, quantifierAbstraction } from './quantifiers.ts';
import { zeroCallsOf } from './zero-calls.ts';
import { printCustomOp } from '../../../compiler/mlir/print-custom.ts';
import { coreOwnIds, stackPairsPassed } from './stacks.ts';
import { KIND, OWN_BASE } from '../../semantics/symbolic/memory.ts';
import { allocPairs, arenaLinks } from './arena-calls.ts';

export type CoreQuery = {
  core: SymResult;
  tgt: SideResult;
  pair: PairEnv;
  layout: ArgLayout;
  shared: ReturnType<typeof sharedFor>;
  /** The assumptions and the mismatch; a model is a counterexample candidate. */
  assertions: Term[];
  mismatch: Term;
  /** The kinds of mismatch, each as a term (which one a model satisfies says what differs). */
  parts: { what: string; t: Term }[];
  /** Some loop was cut on either side (the verdict can then only be bounded). */
  cut: boolean;
  /** How many blocks each memory parameter may be in (aliasing configurations). */
  blockChoices: number[];
  /** Core was cut where it always reaches the cut (a loop with more than `unroll` fixed
   *  iterations): the query says nothing, unroll further. */
  vacuous: boolean;
  /** Cut-point mode (core-loops): the arrival and back-edge mismatches, each its own check
   *  against `assertions` without the last one (the paths' mismatch). */
  cutParts: { what: string; t: Term; alone?: boolean }[]; // alone: checked without the assertions (cut-copy.ts)
  /** Core variables replaced by target terms (block names, string contents, runtime
   *  results: arguments.ts, runtime.ts); the replay evaluates Core's terms through it. */
  subst: Map<number, Term>; // --- strings
  /** the target stays within the unrolling depth (no target cut), rewritten as
   *  the assertions are; with the assertions but the last (the mismatch) it is satisfiable
   *  iff some execution within the bound exists, so a bounded verdict checked something. */
  withinK: Term;
  /** The argument blocks both sides see and the target's initial memory, as the model's
   *  terms (block variables, cut substitutions and units applied): the replay's second try
   *  takes Core's initial cells from the target's bytes (replay-cells.ts). */
  pairs: BlockPair[];
  U0: Term;
};

/** Symbolic execution of both sides and the query. Throws NotMapped or the engines'
 *  Unsupported for what is not modelled. */
/** Thrown by coreQuery when asked to stop as soon as Core always reaches a cut (the query
 *  would be vacuous): the target's symbolic run is then not built at all. */
export class VacuousCore extends Error {}

/** Does Core reach a loop cut on every execution at this depth? Core's symbolic run alone
 *  (milliseconds, where the target's run of a string builder can take minutes): validate.ts
 *  finds the depth worth building the whole query at. */
export function coreAlwaysCut(prog: CoreProgram, fn: CoreFn, info: ModuleInfo, unroll: number): boolean {
  const pair = pairEnv(info, info, unroll);
  const F = pair.env.f;
  const shared = sharedFor(prog, { F, repr: 'bv', floats: 'ieee' });
  clearArenaAllocs(F);
  const core = symExecFunction(prog, fn.name, { unroll, callMode: 'uninterpreted', loops: 'unroll' }, shared);
  return !core.unsupported && core.cuts.some((c) => c.pc.kind === 'bool' && c.pc.value);
}

export function coreQuery(prog: CoreProgram, fn: CoreFn, info: ModuleInfo, fi: FuncInfo, unroll: number, pick?: number[], cut = false, stopWhenVacuous = false, maxTerms?: number): CoreQuery {
  const pair = pairEnv(info, info, unroll);
  if (maxTerms !== undefined) pair.env.maxTerms = maxTerms; // the target's run stops there (symexec.ts TermLimit)
  pair.env.declaredResultsAssumed = true; // Clef callees' memref results (symexec.ts)
  const F = pair.env.f;
  setPieceIndices(unroll, cut); // a string piece's index cases for this query (strings.ts)
  // cut points: Core's loops by cut-loop.ts, the MLIR's in cut mode
  const heads: CoreCuts = { heads: [] };
  const index = cut ? loopIndex(prog, fn, fi) : null;
  if (cut) {
    pair.env.cutpoints = true;
    // no allocation summaries but for Core loops whose iterations allocate string buffers
    // (core-loops, round 8: cut-strings.ts); a loop that allocates otherwise is not mapped
    // (cut-query.ts)
    pair.env.allocLoops = stringLoops(prog, fn, fi);
    // the target's copy loops keep the trace (cut-copy.ts); only without Core loops, whose
    // relation resets the call positions at every head (calls.ts CallCut), or with copy loops
    // among them (core-loops, round 8: such functions were not tried before)
    if (loopWitness(prog, fn).length === 0 || hasCopyLoops(fi)) pair.env.keepTraceWithoutCalls = true;
  }
  const shared = sharedFor(prog, { F, repr: 'bv', floats: 'ieee' }); // floats: core-memory engineer (floats.ts)
  clearArenaAllocs(F); // core-memory engineer: arena-starts.ts
  const core0 = symExecFunction(prog, fn.name, { unroll, callMode: 'uninterpreted', loops: 'unroll', ...(index ? { onLoop: coreCutLoops(index, heads) } : {}) }, shared);
  if (core0.unsupported) throw new NotMapped(core0.unsupported);
  // core-memory engineer: quantified contracts as fresh booleans (quantifiers.ts)
  const unq = quantifierAbstraction(F);
  const core: SymResult = hasQuantifier(core0.facts) || core0.ub.some((u) => hasQuantifier([u.pc, u.cond])) || hasQuantifier(core0.cuts.map((c) => c.pc))
    ? { ...core0, facts: core0.facts.map(unq), ub: core0.ub.map((u) => ({ ...u, pc: unq(u.pc), cond: unq(u.cond) })), cuts: core0.cuts.map((c) => ({ ...c, pc: unq(c.pc) })) }
    : core0;
  // a vacuous query is known before the target runs (string-building mains: minutes of the
  // target's symbolic execution only to check nothing)
  if (stopWhenVacuous && core.cuts.some((c) => c.pc.kind === 'bool' && c.pc.value)) throw new VacuousCore();
  // core-calls engineer: memory the function allocated handed to a call is not mapped in
  // cut-point mode; said before the target's symbolic run (stacks.ts, arena-calls.ts) — but
  // stack arrays, which R_j relates at the loop heads (cut-query.ts)
  if (cut) {
    const stackIds = new Set(coreOwnIds(core, 'kind', BigInt(KIND.stack)));
    const regionIds = new Set(coreOwnIds(core, 'kind', BigInt(KIND.region)));
    for (const c of core.calls)
      for (const a of c.args)
        if ((a.k === 'span' || a.k === 'ptr') && a.block.kind === 'bv' && a.block.value >= OWN_BASE && !stackIds.has(a.block.value))
          throw new NotMapped(`cut points: ${regionIds.has(a.block.value) ? 'a region' : 'an arena'} allocation passed to a call (${c.callee})`);
  }
  const layout = argLayout(pair, fi, fi);
  const pre: Term[] = [...layout.pre];
  const fixed = new Map<number, Term>();
  const aliasing: Aliasing = pick ? { counts: [], pick } : { counts: [] };
  const strParams: Term[] = []; // the blocks of string parameters (a result string may lie there)
  const pairs = linkArguments(F, shared, fn, core, pair, layout, pre, fixed, aliasing, strParams);
  // core-memory engineer: arena parameters (arenas.ts)
  const arenas = linkArenas(F, pair.env.D, prog, fn, core, layout, pre);
  const arenaCalls = arenaCallsProblem(core, arenas, F, prog);
  if (arenaCalls) throw new NotMapped(arenaCalls);
  const at = { i: 0 };
  pair.env.callsDefined = true; // symexec.ts: Core has no poison (calls.ts poisonAt)
  const tgt = new SymExec(pair.env, info, fi, 'tgt', layout.memory).run(fi.params.map((t) => unflatten(t, layout.values, at)));
  const U0 = layout.memory.U;
  const T = tgt.final;
  // strings: blocks the target allocates on the heap (string buffers) are
  // private too: the caller sees them only through the strings compared byte by byte
  const stack = T.mem.blocks.filter((b) => b && b.inU && (b.kind === 'stack' || b.kind === 'heap')).map((b) => b!.bid);
  stack.push(...arenaBlocks(arenas)); // core-memory engineer: compared by arenaMemoryMismatch
  const cc = cut ? callCut(F, heads, tgt) : undefined;
  // core-memory engineer: clef_zero_S calls the target kept in its trace (zero-calls.ts)
  const zeroCalls = [...pair.callees.keys()].some((k) => k.startsWith('clef_zero_')) ? zeroCallsOf(pair.callees, printCustomOp(fi.op, ''), unroll) : undefined;
  // core-calls engineer: the stack arrays Clef calls are handed (stacks.ts)
  const stacks0 = stackPairsPassed(F, shared.D, prog, fn, fi, core, T);
  // and the allocations from the Arena parameter they are handed (arena-calls.ts)
  const handedBlocks = new Set(core.calls.flatMap((c) => c.args.flatMap((a) => (a.k === 'span' || a.k === 'ptr' ? [a.block.id] : []))));
  const stacks = { ...stacks0, pairs: [...stacks0.pairs, ...allocPairs(F, shared.D, pair.env.D, prog, arenas, handedBlocks)] };
  if (cut && stacks.pairs.length > stacks0.pairs.length) throw new NotMapped('cut points: an arena allocation passed to a call');
  const links = arenaLinks(F, fn, fi, core, T, arenas); // core-calls engineer: arenas handed to calls (arena-calls.ts)
  const localArenas = links.filter((l) => !arenas.some((a) => a.core.id === l.core.id)).flatMap((l) => [l.buf, l.used]);
  const calls = linkCalls(F, prog, core, tgt, pair.env.calleeId, { D: pair.env.D, pairs, U0, stack, strings: strParams, literalsOf: (f) => globalsReachable(info, f), ...(zeroCalls ? { zeroCalls } : {}), keptAcrossCalls: [...arenaBlocks(arenas), ...localArenas], stacks: stacks.pairs, stackWhy: stacks.why, arenaLinks: links, CD: shared.D }, fixed, cc); // strings, literalsOf: core-strings; stacks: core-calls; CD: arena-results.ts
  // what Core assumes: its facts (requires, every obligation checked so far passed), no
  // fault without an obligation, no loop beyond the bound
  const coreOk: Term[] = [
    ...core.facts,
    ...core.ub.map((u) => F.not(F.and(u.pc, u.cond))),
    ...core.cuts.map((c) => F.not(c.pc)),
  ];
  const coreReturned = core.ret ? core.ret.pc : F.false;
  // a target with no path to a return (a loop without exit, an abort on every path) has no
  // result slots: nothing to compare, and 'returns differently' holds wherever Core returns
  const tgtNeverReturns = tgt.returned.kind === 'bool' && !tgt.returned.value && tgt.rets.length === 0;
  // strings: a result holding strings compares them byte by byte
  const results = core.ret && !tgtNeverReturns
    ? holdsStrings(prog.types, fn.ret)
      ? stringResultMismatch(F, prog.types, fn.ret, core.ret.value, tgt.rets, constantBlocks(T.mem.blocks), T.mem.U, [...resultPlaces(F, T.mem.blocks, strParams, globalsReachable(info, `clef.${fn.name}`)), ...summaryPlaces(F, pair.env.D, T.mem)], T.mem.UP)
      // core-memory engineer: a returned span or pointer (results.ts)
      : memoryParam(fn.ret) ? spanResultMismatch(F, fn.ret, core.ret.value, tgt.rets, pairs, core.finalMemory, arenaTargets(F, pair.env.D, arenas))
      : resultMismatch(F, prog, fn, core, tgt.rets)
    : F.false;
  // observable memory at the return: the related blocks element by element, every other
  // byte as it was (initially, or after the last call)
  const memory0 = pairs.length
    ? F.or(
        ...pairs.map((p, k) => differ(F, pair.env.D, cellsOf(core.finalMemory, p.key), T.mem.U, p, `w.core.elem.${k}`, T.mem.UP)),
        otherBytesDiffer(F, T.mem.U, expectedMemory(F, U0, T.calls), pairs.map((p) => p.bid), stack, 'w.core.addr', T.mem.UP),
      )
    : stack.length || cut // --- strings; cut (core-loops): at a witness address, where the loop relation is instantiated
      ? otherBytesDiffer(F, T.mem.U, expectedMemory(F, U0, T.calls), [], stack, 'w.core.addr', T.mem.UP)
      : F.or(F.not(F.eq(T.mem.U, expectedMemory(F, U0, T.calls))), otherBytesDiffer(F, T.mem.U, T.mem.U, [], [], 'w.core.addr', T.mem.UP));
  // core-memory engineer: the arena parameters' counters and allocations (arenas.ts)
  const memory = arenas.length ? F.or(memory0, arenaMemoryMismatch(F, pair.env.D, shared.D, prog, core, T.mem.U, expectedMemory(F, U0, T.calls), arenas)) : memory0;
  let mismatch = F.or( // let: core-loops (the copy loops' back edges, below)
    ...tgt.ubList.map((u) => u.cond),
    F.and(
      F.not(tgt.cut),
      F.or(
        F.not(F.eq(coreReturned, tgt.returned)),
        calls.mismatch,
        F.and(coreReturned, F.or(F.not(F.eq(T.calls, calls.count)), results, memory)),
      ),
    ),
  );
  // the memories agree on the related blocks at entry and after every call, at every index
  // the query reads
  const agreement: Term[] = [];
  // cut points: the relation at every loop head (cut-query.ts)
  const cutLink = cut
    ? linkCuts({ F, D: pair.env.D, prog, fn, core, heads, tgt, pairs, U0, stack, finalAddr: finalAddr(F), nAt: cc!.nAt, witnessRoots: [mismatch], fi, info, stacks: stacks0.pairs })
    : { assume: [], subst: new Map<number, Term>(), points: [], parts: [], copies: [], copyBacks: [], carriesString: false };
  // a target path that took a copy loop's back edge ends there (cut-copy.ts): only target UB
  // on it is a mismatch of the paths part
  const noBack = cutLink.copyBacks.length ? F.not(F.or(...cutLink.copyBacks)) : F.true;
  if (cutLink.copyBacks.length) mismatch = F.or(...tgt.ubList.map((u) => u.cond), F.and(noBack, mismatch));
  // ... and what the target's run assumed of its havoc states (a counter not poison, static
  // memref fields: checked at every arrival and back edge, CutRecord.inv) and of call results
  if (cutLink.copies.length) pre.push(...tgt.assume);
  const cutTerms = [...cutLink.assume, ...cutLink.parts.map((p) => p.t)];
  const roots = [...pre, ...coreOk, ...calls.assume, mismatch, ...cutTerms];
  const points = [{ pc: F.true, cells: (key: string) => core.initialMemory.init(key), U: U0 }, ...calls.after, ...cutLink.points];
  for (const p of pairs) {
    const at = indicesRead(roots, p.bool ? 1 : p.sz * 8); // bool: core-memory engineer
    for (const m of points) {
      // contents Core knows (a static nothing writes): Core's reads of them fold to
      // constants, so every element is related, not only the indices Core's terms read
      const row = sel(F, m.cells(p.key), p.core);
      const all = p.size.kind === 'bv' && p.size.value <= MAX_KNOWN && isGround(row);
      const idx = all ? [...Array.from({ length: Number((p.size as { value: bigint }).value) }, (_, i) => F.bv(i, 64)), ...at] : at;
      agreement.push(...agreeAt(F, pair.env.D, m.cells(p.key), m.U, p, idx).map((a) => F.implies(m.pc, a)));
    }
  }
  // core-calls engineer: the stack arrays after each Clef call made once they exist
  // (and allocations of a handed arena callees returned: arena-results.ts)
  for (const st of [...stacks.pairs, ...calls.resultPairs]) {
    const p = st.pair;
    const at = [...(smallIndices(F, p) ?? []), ...indicesRead(roots, p.bool ? 1 : p.sz * 8)];
    // cut points: and at the havoc states of the loop heads where R_j relates it (cut-query.ts)
    const heads = (cutLink.stackPoints ?? []).filter((h) => h.pairs.includes(st)).map((h) => h.point);
    for (const m of [...calls.after, ...heads]) {
      if (!m.mem || !st.allocated(m.mem)) continue;
      const alive = st.alive ? st.alive(m.mem) : F.true; // an arena allocation: not reset since
      agreement.push(...agreeAt(F, pair.env.D, m.cells(p.key), m.U, p, at).map((a) => F.implies(F.and(m.pc, alive), a)));
    }
  }
  // Core's reads of the related blocks' initial elements as the target's bytes (reads.ts)
  const partTerms: [string, Term][] = [
    ['target UB', F.or(...tgt.ubList.map((u) => u.cond))],
    ['returns differently', F.and(noBack, F.not(F.eq(coreReturned, tgt.returned)))], // noBack: core-loops
    ['calls', F.and(noBack, calls.mismatch)],
    ['call count', F.and(noBack, coreReturned, F.not(F.eq(T.calls, calls.count)))],
    ['results', F.and(noBack, coreReturned, results)],
    ['memory', F.and(noBack, coreReturned, memory)],
  ];
  let all0 = rewriteReads(F, pair.env.D, [...cutTerms, ...coreOk, ...calls.assume, mismatch, ...partTerms.map((p) => p[1])], fixed, pairs, (key) => core.initialMemory.init(key), U0);
  // cut points: reads of the havoc states' related rows as the target's bytes
  if (cut) {
    const row = (cells: Term, p: (typeof pairs)[number]) => rewriteReads(F, pair.env.D, [sel(F, cells, p.core)], fixed, pairs, (key) => core.initialMemory.init(key), U0)[0]!;
    all0 = rewriteHavocReads(F, pair.env.D, all0, cutLink.points.flatMap((m) => pairs.map((p) => ({ row: row(m.cells(p.key), p), U: m.U, p }))));
    all0 = substituteAll(F, all0, cutLink.subst);
  }
  // cut points: the relation's assumptions go with the others, the
  // arrival/back-edge mismatches are returned apart
  const cutAssume = all0.slice(0, cutLink.assume.length);
  const cutParts = cutLink.parts.map((p, k) => ({ what: p.what, t: all0[cutLink.assume.length + k]!, ...(p.alone ? { alone: true } : {}) }));
  const all = [...cutAssume, ...all0.slice(cutTerms.length)];
  const body = all.slice(0, all.length - partTerms.length);
  const mismatchR = body[body.length - 1]!;
  const parts = partTerms.map(([what], k) => ({ what, t: all[body.length + k]! }));
  // strings: unit propagation (units.ts: the call trace's ites on "call
  // n returned" fold away), then the frame facts, placed before the mismatch so that it
  // stays the last assertion (cut-validate.ts checks the others against each part)
  const unitQ = propagateUnits(F, substituteAll(F, [...pre, ...agreement, ...body], cutLink.subst), [...parts, ...cutParts].map((p) => p.t)); // substituteAll (cut points): core-loops
  // cut points: the copy loops' relations at the addresses the terms read
  // (cut-copy.ts), before the frames, which then cover the calls' memories those reads reach
  const rw = unitQ.rewrite;
  let uA = unitQ.assertions;
  let uAlso = unitQ.also;
  if (cutLink.copies.length) {
    // the last assertion (the paths' mismatch) is checked in parts too (cut-validate.ts)
    const ic = instantiateCopies(F, cutLink.copies, uA.slice(0, -1), [uA[uA.length - 1]!, ...uAlso], (t) => rw(substituteAll(F, [t], cutLink.subst)[0]!));
    uA = [...ic.base, ic.parts[0]!];
    uAlso = ic.parts.slice(1);
    // a part checked alone: as built (unit propagation rewrote it with the assertions' atoms,
    // which it is checked without), with the argument facts and its own instances
    // (core-loops, round 8: with a Core loop carrying a string, also what the calls assume —
    // a callee's result string is placed, which tells its block from the destination's)
    const own = substituteAll(F, cutLink.carriesString ? [...pre, ...calls.assume] : pre, cutLink.subst);
    // (the loop's own relation at the part's reads: the loop's step needs no other loop's)
    cutLink.parts.forEach((p, k) => {
      if (!p.alone) return;
      const rels = cutLink.copies.filter((r) => r.j === p.loop);
      uAlso[parts.length + k] = instantiateCopies(F, rels, [], [F.and(cutParts[k]!.t, ...own)], (t) => substituteAll(F, [t], cutLink.subst)[0]!, false).parts[0]!;
    });
  }
  const partsU0 = parts.map((p, k) => ({ what: p.what, t: uAlso[k]! }));
  const cutPartsU0 = cutParts.map((p, k) => ({ ...p, t: uAlso[parts.length + k]! }));
  // the calls' frames at the addresses the (propagated) terms read, where the positions of
  // the calls are mostly literals
  const framesU = calls.frames.map((fr) => ({ pc: rw(fr.pc), n: rw(fr.n), snap: rw(fr.snap), keep: (b: Term) => rw(fr.keep(b)), ...(fr.zero ? { zero: { bid: rw(fr.zero.bid), lo: rw(fr.zero.lo), hi: rw(fr.zero.hi) } } : {}), ...(fr.keepAt ? { keepAt: (a: Term) => rw(fr.keepAt!(a)) } : {}), ...(fr.at ? { at: fr.at } : {}) })); // zero: core-memory engineer; keepAt: core-calls engineer; at: calls engineer
  // frames are not instantiated at memories after other events (frame-positions.ts)
  const order = callOrder(calls.positions.map((p) => ({ ...p, n: rw(p.n) })));
  const frames = frameFacts(F, framesU, [...uA, ...uAlso], MAX_FRAME_FACTS, order); // MAX_FRAME_FACTS: speed engineer (too-large.ts)
  const finalAssertions0 = [...uA.slice(0, -1), ...frames, uA[uA.length - 1]!];
  // core-memory engineer: a quantifier that reached the query another way (a path condition
  // under a contract's `&&`) is abstracted with the same memo (quantifiers.ts)
  const quantsLeft = hasQuantifier([...finalAssertions0, ...partsU0.map((p) => p.t), ...cutPartsU0.map((p) => p.t)]);
  const finalAssertions = quantsLeft ? finalAssertions0.map(unq) : finalAssertions0;
  const partsU = quantsLeft ? partsU0.map((p) => ({ ...p, t: unq(p.t) })) : partsU0;
  const cutPartsU = quantsLeft ? cutPartsU0.map((p) => ({ ...p, t: unq(p.t) })) : cutPartsU0;
  void mismatchR;
  const toModel = (t: Term): Term => rw(substituteAll(F, rewriteTerms(F, [t], { onVar: (x) => fixed.get(x.id) }), cutLink.subst)[0]!);
  return {
    core,
    tgt,
    pair,
    layout,
    shared,
    assertions: finalAssertions,
    mismatch: finalAssertions[finalAssertions.length - 1]!, // the last assertion (was mismatchR)
    parts: partsU,
    cut: core.cuts.length > 0 || tgt.cutHappened,
    blockChoices: aliasing.counts,
    vacuous: core.cuts.some((c) => c.pc.kind === 'bool' && c.pc.value),
    cutParts: cutPartsU, // with the units propagated
    subst: fixed, // --- strings
    withinK: quantsLeft ? unq(rw(F.not(tgt.cut))) : rw(F.not(tgt.cut)), // target-only terms (no Core read to rewrite)
    pairs: pairs.map((p) => ({ ...p, core: toModel(p.core), bid: toModel(p.bid), size: toModel(p.size), ...(p.base ? { base: toModel(p.base) } : {}) })),
    U0: toModel(U0),
  };
}

/** Statics up to this many elements whose contents Core knows are related element by element. */
const MAX_KNOWN = 4096n;

/** A term without variables. */
function isGround(t: Term): boolean {
  let ground = true;
  walk([t], (x) => {
    if (x.kind === 'var') ground = false;
  });
  return ground;
}

/** The target returns other scalars than Core (where they mean something), or poison. */
function resultMismatch(F: TermFactory, prog: CoreProgram, fn: CoreFn, core: SymResult, rets: SScalar[]): Term {
  const slots = coreSlots(F, prog.types, fn.ret, core.ret!.value);
  if (slots.length !== rets.length) throw new NotMapped(`a result with ${slots.length} Core scalars and ${rets.length} MLIR results`);
  return F.or(
    ...slots.map((s, i) => {
      const r = rets[i]!;
      if (r.kind === 'ptr' || r.w !== s.w) throw new NotMapped(`result slot ${i}: Core ${s.w}-bit scalar vs MLIR ${r.kind}`);
      // core-memory engineer: a Core float is a JS number, every NaN the same value
      if (s.float) return F.and(s.guard, F.or(r.poison, F.not(sameFloat(F, s.t, r.v, s.w === 32 ? 32 : 64))));
      return F.and(s.guard, F.or(r.poison, F.not(F.eq(s.t, r.v))));
    }),
  );
}
