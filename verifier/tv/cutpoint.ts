// Unbounded refinement by cut points (DESIGN.md "Unbounded"). Each side runs every loop for
// one iteration only, from a havoc state at the loop's header whose unknowns are named by
// the loop's number — the same names on both sides, so the simulation relation at a header
// is equality of the header values, of memory contents, block liveness and the call trace.
// Loops are matched structurally: the n-th loop a side reaches is the n-th of the other
// (scf.for / scf.while and the cf header block they become keep their order, and the
// header's block arguments keep the order of the loop-carried values). Where the two headers
// carry different values (lift-cf-to-scf adds some), the relation compares only the slots
// cutpoint-slots.ts relates; every other slot is an unknown of its own side.
//
// The query is the bounded refinement query (no loop is ever cut here) plus, for every
// recorded arrival at a header and every back edge: both sides get there under the same
// condition, with equal values and memory, and with each side's values meeting what its
// havoc state assumed (static memref fields; an scf.for induction variable is not poison).
// Unsat means: the relation holds on entering every loop and is preserved by every
// iteration, and every segment between headers refines — so tgt refines src for executions
// of any length. Why one query with the source's UB assumed absent everywhere is sound: a
// real mismatch happens in some segment; taking each header's unknowns to be the real
// source state of the last visit before it (and of the real first visit for headers that
// come later), every source path that is enabled in the query is a real one, so the
// assumption holds and the mismatch is a model.
//
// A model of this query may be an unreachable header state, so it is never shown as a
// counterexample: failing here only means the bounded verdict stands.
import type { TermFactory } from '../smt/factory.ts';
import { bvSort, type Term } from '../smt/term.ts';
import { ADDR_SORT, inSummary, summaryAlive, summarySize, type Summary } from '../semantics/mlir/symbolic-memory.ts';
import { BID_BITS, OFF_BITS, Unsupported } from '../semantics/mlir/values.ts';
import type { Dom } from '../semantics/mlir/domain.ts';
import { blockGroups, type CutRecord, type SideResult, type SScalar } from '../semantics/mlir/symexec.ts';
import { initialLive, initialWord, initialWordPoison } from '../semantics/mlir/symexec.ts';
import { extraNaN, refinementQuery, type SourceUndef } from './query.ts';
import type { SlotMatch } from './cutpoint-slots.ts';

function scalarDiffer(f: TermFactory, s: SScalar, t: SScalar): Term {
  if (s.kind === 'ptr' && t.kind === 'ptr') return f.or(f.not(f.eq(s.bid, t.bid)), f.not(f.eq(s.off, t.off)), f.not(f.eq(s.poison, t.poison)));
  if (s.kind === 'ptr' || t.kind === 'ptr' || s.kind !== t.kind || s.w !== t.w) return f.true;
  return f.or(f.not(f.eq(s.v, t.v)), f.not(f.eq(s.poison, t.poison)), extraNaN(f, s.v, t.v));
}

/** The two header states differ (values, memory, liveness, calls). Arrays are compared at
 *  witness indices (one unknown each, existential in a model): the call trace only below
 *  the call count — entries above it are never read, and the next call overwrites them —
 *  which is what lets the havoc state share whole arrays. `unread(id)`: a private block no
 *  access of either side's run may read (SideResult.privateReads); its bytes are left out. */
export function stateDiffer(f: TermFactory, D: Dom<Term, Term>, s: CutRecord, t: CutRecord, unread: (id: number) => boolean = () => false, slots?: SlotMatch): Term {
  const out: Term[] = [];
  // header values: slot k with slot k, or only the pairs a match relates (cutpoint-slots.ts:
  // an unrelated slot is an unknown of its own side's havoc state, so nothing is assumed of it)
  // (the pairs must be those the havoc states share names by: SymEnv.cutSlots, same match)
  if (slots && (t.vals.length !== slots.tgt.length || slots.pairs.some(([i, k]) => !s.vals[i] || slots.tgt[k] !== i))) return f.true;
  if (slots) for (const [i, k] of slots.pairs) out.push(scalarDiffer(f, s.vals[i]!, t.vals[k]!));
  else if (s.vals.length !== t.vals.length) return f.true;
  else s.vals.forEach((v, i) => out.push(scalarDiffer(f, v, t.vals[i]!)));
  const S = s.st;
  const T = t.st;
  const a = f.var('w.cut.addr', ADDR_SORT);
  // (extraNaN, query.ts: a NaN the target computes from operands the source's does not is a
  // difference here too — the model's canonical NaN makes the states equal, and a loop-carried
  // value or store would carry the target's payload past the header unseen)
  const differAt = (x: Term, y: Term, i: Term) => f.or(f.not(f.eq(f.select(x, i), f.select(y, i))), extraNaN(f, x, y));
  out.push(differAt(S.mem.U, T.mem.U, a), differAt(S.mem.UP, T.mem.UP, a));
  // blocks correspond by their ids (blockName), whatever their keys
  const o = f.var('w.cut.off', bvSort(OFF_BITS));
  const gs = blockGroups(f, S.mem.blocks);
  const gt = blockGroups(f, T.mem.blocks);
  for (const [id, x] of gs) {
    const y = gt.get(id);
    if (!y) continue;
    out.push(f.not(f.eq(x.alive, y.alive)));
    const [a, b] = [x.members[0]!, y.members[0]!];
    // A private block whose bytes nothing reads (the scope marker core-to-mlir stores into):
    // its contents cannot influence anything either side does, nor are they observable (a
    // private block never escapes, and stack blocks die with the frame), so two states
    // that differ only there behave alike from the header on. Every access a run can make
    // was met by the symbolic run (each loop body runs once from its havoc state) and
    // recorded with all its candidate blocks, so "no read met" covers every execution.
    if (!a.inU && !b.inU && unread(id)) continue;
    if (x.members.length === 1 && y.members.length === 1 && a.data && b.data && a.poison && b.poison && !a.readonly && !b.readonly && !a.inU && !b.inU) {
      out.push(differAt(a.data, b.data, o), differAt(a.poison, b.poison, o));
    }
  }
  out.push(summariesDiffer(f, D, s, t));
  out.push(f.not(f.eq(S.calls, T.calls)));
  const c = f.var('w.cut.call', bvSort(64));
  const trace: Term[] = [differAt(S.tr.callee, T.tr.callee, c)];
  const nw = Math.max(S.tr.words.length, T.tr.words.length);
  for (let j = 0; j < nw; j++) {
    trace.push(differAt(S.tr.words[j] ?? initialWord(f), T.tr.words[j] ?? initialWord(f), c));
    trace.push(differAt(S.tr.wpoison[j] ?? initialWordPoison(f), T.tr.wpoison[j] ?? initialWordPoison(f), c));
  }
  trace.push(f.not(f.eq(f.select(f.select(S.tr.snapU, c), a), f.select(f.select(T.tr.snapU, c), a))), extraNaN(f, S.tr.snapU, T.tr.snapU));
  trace.push(f.not(f.eq(f.select(f.select(S.tr.snapUP, c), a), f.select(f.select(T.tr.snapUP, c), a))));
  // call liveness (query.ts liveDiff): no call so far saw a block live in the source only
  if (S.tr.live) trace.push(f.and(f.select(S.tr.live, c), f.not(f.select(T.tr.live ?? initialLive(f), c))));
  out.push(f.and(f.app('bvult', [c, S.calls]), f.or(...trace)));
  return f.or(...out);
}

/** The query in parts, cheapest first (each its own check; all unsat: proved): for each
 *  loop its arrivals and back edges, then the refinement of the paths that return. */
/** The summaries of earlier iterations' allocations differ: ranges, or the size or liveness
 *  of a summarised block (at a witness id). At a back edge, the loop's own summary stands
 *  for the next iteration's: the blocks this iteration allocated are folded in. */
function summariesDiffer(f: TermFactory, D: Dom<Term, Term>, s: CutRecord, t: CutRecord): Term {
  const ss = s.st.mem.summaries ?? [];
  const ts = t.st.mem.summaries ?? [];
  if (ss.length !== ts.length || s.own.join() !== t.own.join()) return f.true;
  const w = f.var('w.cut.bid', bvSort(BID_BITS));
  const out: Term[] = [];
  ss.forEach((a, i) => {
    const b = ts[i]!;
    const eff = (r: CutRecord, sm: Summary) => {
      const own = r.own.includes(i);
      const hi = !own ? sm.hi : sm.base === 'local' ? r.st.mem.allocCount : D.trunc(r.st.calls, 64, BID_BITS);
      let size = summarySize(f, sm, w);
      let alive = summaryAlive(f, sm, w);
      // The blocks this iteration allocated, whatever order a side's run created them in:
      // entries of blocks allocated on other paths are dead here, and id terms that differ
      // may still be equal (two calls' results on exclusive paths), so the live entry at w
      // decides — at most one is live, as one path allocates each id once — and w is an
      // earlier block only when no entry has its id
      if (own) {
        const news = [...blockGroups(f, r.newBlocks.filter((b) => (b.kind === 'ext') === (sm.base === 'ext'))).values()].sort((x, y) => x.members[0]!.bid.id - y.members[0]!.bid.id);
        const at = news.map((g) => f.eq(w, g.members[0]!.bid));
        size = news.reduceRight((acc, g, k) => f.ite(f.and(at[k]!, g.alive), g.size, acc), size);
        alive = f.or(...news.map((g, k) => f.and(at[k]!, g.alive)), f.and(f.not(f.or(...at)), alive));
      }
      return { hi, size, alive, inRange: inSummary(f, D, { ...sm, hi }, w) };
    };
    const x = eff(s, a);
    const y = eff(t, b);
    // the size of a dead block is never read (every access checks liveness first): compared
    // where the block is alive — a block allocated and freed within the iteration has, among
    // entries sharing its id, whichever size a side's run met last
    out.push(f.not(f.eq(a.lo, b.lo)), f.not(f.eq(x.hi, y.hi)), f.and(x.inRange, f.or(f.not(f.eq(x.alive, y.alive)), f.and(x.alive, f.not(f.eq(x.size, y.size))))));
  });
  return f.or(...out);
}

export type CutpointQuery = {
  assumptions: Term[]; parts: { what: string; mismatch: Term }[]; loops: number; allocating: boolean;
  /** The loops whose headers relate only some slots (cutpoint-slots.ts), said in a proof's detail. */
  unrelated: string[];
  /** The source computing with a read of unwritten memory from a header state (query.ts): reachable, no proof (undef engineer). */
  undef: SourceUndef;
};

/** A side's header records by kind and loop. A run records one arrival and one back edge per
 *  loop (the paths reaching a header are merged first, symexec.ts runLoopCut); a second
 *  record of either would be dropped by a map keyed so, and its state never compared with
 *  the other side's, so the attempt ends, named (Core -> MLIR throws "met twice" likewise,
 *  core/cut-query.ts). Unsupported: cutpointAttempt (validate.ts) reads it as the reason
 *  the cut-point proof was not made. */
export function recordsByLoop(side: 'source' | 'target', records: CutRecord[]): Map<string, CutRecord> {
  const out = new Map<string, CutRecord>();
  for (const r of records) {
    const k = `${r.kind}.${r.loop}`;
    if (out.has(k)) throw new Unsupported(`cut points: the ${side}'s run met ${r.kind === 'arrive' ? 'the entry of' : 'the back edge of'} loop ${r.loop} twice`);
    out.set(k, r);
  }
  return out;
}

export function cutpointQuery(f: TermFactory, D: Dom<Term, Term>, pre: Term[], src: SideResult, tgt: SideResult, sharedPrivate: boolean, slots: Map<number, SlotMatch> = new Map()): CutpointQuery {
  // a loop's allocation summary starts at the counter on arrival, equal on both sides there
  const los = [...src.summaryLo].flatMap(([j, lo]) => (tgt.summaryLo.has(j) ? [f.eq(lo, tgt.summaryLo.get(j)!)] : []));
  const base = refinementQuery(f, D, [...pre, ...src.assume, ...tgt.assume, ...los], src, tgt);
  const unread = (id: number) => !src.privateReads.has(id) && !tgt.privateReads.has(id);
  const S = recordsByLoop('source', src.cutRecords);
  const T = recordsByLoop('target', tgt.cutRecords);
  const parts: { what: string; mismatch: Term }[] = [];
  for (const k of [...new Set([...S.keys(), ...T.keys()])].sort()) {
    const s = S.get(k);
    const t = T.get(k);
    const [kind, loop] = k.split('.');
    const what = `${kind === 'arrive' ? 'entering' : 'the back edge of'} loop ${loop}`;
    if (!s || !t) {
      parts.push({ what, mismatch: (s ?? t)!.st.pc });
      continue;
    }
    // a loop that allocates shares its counter of observable allocations (equal on arrival
    // and at every back edge); other counters are each side's own
    const shared = src.summaryLo.has(s.loop) || tgt.summaryLo.has(s.loop);
    const counters = sharedPrivate ? (['allocCount', 'privateCount', 'stackCount'] as const) : (['allocCount', 'privateCount'] as const);
    const counter = shared ? f.or(...counters.map((c) => f.not(f.eq(s.st.mem[c], t.st.mem[c])))) : f.false;
    parts.push({ what, mismatch: f.or(f.not(f.eq(s.st.pc, t.st.pc)), f.and(s.st.pc, f.or(f.not(s.inv), f.not(t.inv), counter, stateDiffer(f, D, s, t, unread, slots.get(s.loop))))) });
  }
  parts.push({ what: 'the paths between loop headers and returns', mismatch: base.mismatch });
  const loops = new Set([...src.cutRecords, ...tgt.cutRecords].map((r) => r.loop)).size;
  const allocating = src.summaryLo.size + tgt.summaryLo.size > 0;
  const unrelated = [...slots].filter(([j]) => S.has(`arrive.${j}`) || T.has(`arrive.${j}`)).map(([j, m]) => {
    const ns = (S.get(`arrive.${j}`)?.vals.length ?? m.pairs.length) - m.pairs.length;
    const nt = m.tgt.length - m.pairs.length;
    return `loop ${j}: ${[ns ? `${ns} source` : '', nt ? `${nt} target` : ''].filter(Boolean).join(' and ')} slot${ns + nt === 1 ? '' : 's'} unrelated`;
  });
  return { assumptions: base.assertions.slice(0, -1), parts: parts.filter((p) => !(p.mismatch.kind === 'bool' && !p.mismatch.value)), loops, allocating, unrelated, undef: base.undef };
}
