// Loop invariants found automatically (Houdini) to strengthen the cut-point proof
// (cutpoint.ts). The simulation relation says only "corresponding values and memories are
// equal", so a mutant that is equivalent because of a fact about the values (divui -> divsi
// of a counter that is never negative, nsw on an increment bounded by the loop's test) is not
// proved. Here, for each loop header of the SOURCE side, candidate facts about its havoc
// values (the unknowns both sides share at the header) are kept only when they hold on every
// arrival and are preserved by every back edge (each checked by the solver; a failing
// candidate is dropped and every check repeated until nothing changes); the survivors are
// then assumed, under the havoc state's path condition, in the cut-point query.
//
// Candidates, for an integer slot x of loop j (each "where x is not poison"): x >=s 0; x
// against its arrival value (==, <=s, <=u, >=s, >=u); x against every value its loop's back
// edge compares it with that does not depend on the loop (the loop's bounds); and "x is not
// poison". After them, facts relating two slots (invariant-relations.ts): a value growing
// by a bounded step, bounded by a counter or by a value divided every iteration. A check
// sees unsigned divisions by literals as their quotient and remainder unknowns
// (divisions.ts: the same models, far cheaper for z3).
//
// Why this is sound. Claim: in every execution of the source without UB, at every visit of
// a header the facts kept hold. Take the first visit t where one fails; it is reached from
// the function's entry or from the previous header visit t' by one real path, which is the
// enabled path of the record (arrival or back edge) checked for that loop. Give every loop k
// whose havoc unknowns that check mentions (its dependencies, closed under the facts and
// path conditions assumed for them) the real state of k's last visit before t — a loop whose
// state flows into the record was visited before it, so the facts hold there — and every
// other loop its real first visit (or anything, if never visited), as cutpoint.ts's own
// argument does. Every assumption of the check is then true (no source UB; the facts only of
// the dependencies, where they hold by minimality of t) and the candidate fails: a model,
// contradicting the unsat answer. Facts of a loop are never assumed in the check of its own
// first arrival (its havoc is not a dependency there): assuming them there, together with
// "the source has no UB" in the loop body, could make the arrival vacuous (a body whose
// every run from a state meeting the fact has UB) and keep a fact that the real first visit
// breaks. In the cut-point query the facts are assumed for every loop, guarded by the path
// condition of its havoc state: every header's unknowns are a real visit there, where they
// hold. Only the source side's facts are assumed; the target's header state equals the
// source's by the relation the same query checks.
import type { TermFactory } from '../smt/factory.ts';
import { BOOL, type Term } from '../smt/term.ts';
import type { SolverResult } from '../smt/solver.ts';
import type { CutRecord, SideResult, SScalar } from '../semantics/mlir/symexec.ts';
import { relationalCandidates, type Candidate } from './invariant-relations.ts';
import { splitDivisions } from './divisions.ts';
import { accessHints, type AccessHints } from './invariant-accesses.ts';
import { stronglyConnected } from '../scc.ts';

export type LoopInvariants = {
  /** `havoc pc -> facts` per loop: to be assumed in the cut-point query. */
  assumptions: Term[];
  /** The facts kept, in words (`loop 0: %2 >=s 0`). */
  facts: string[];
  /** Solver checks made. */
  checks: number;
};

/** A check of the invariant search: sat with the indicators' values, unsat, or not decided. */
export type InvariantCheck = (assertions: Term[], wantModel: Term[], what: string, timeLeftMs: number) => Promise<SolverResult>;

const CMP = new Set(['bvslt', 'bvsle', 'bvsgt', 'bvsge', 'bvult', 'bvule', 'bvugt', 'bvuge', '=']);
/** At most this many candidates per loop (a long header with many bounds), and rounds. */
const MAX_CANDIDATES = 160;
const MAX_ROUNDS = 12;

function varName(t: Term): string {
  return t.kind === 'var' ? t.name : '';
}

/** The loop numbers whose havoc unknowns (`cp.J.*`) a term mentions. */
function loopsOf(t: Term, memo: Map<number, Set<number>>): Set<number> {
  const hit = memo.get(t.id);
  if (hit) return hit;
  const out = new Set<number>();
  const stack = [t];
  const seen = new Set<number>();
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    const m = memo.get(x.id);
    if (m && x !== t) {
      m.forEach((j) => out.add(j));
      continue;
    }
    if (x.kind === 'var') {
      const r = /^cp\.(\d+)\./.exec(x.name);
      if (r) out.add(Number(r[1]));
    } else if (x.kind === 'app') stack.push(...x.args);
    else if (x.kind === 'constArray') stack.push(x.value);
    else if (x.kind === 'quant' || x.kind === 'lambda') stack.push(x.body);
  }
  memo.set(t.id, out);
  return out;
}

/** Comparisons in a path condition between the term `x` and a term free of loop j's
 *  unknowns: the other operands (the loop's bounds). Walks at most `limit` nodes. */
function boundsOf(pc: Term, x: Term, j: number, memo: Map<number, Set<number>>, limit = 20000): Term[] {
  const out = new Map<number, Term>();
  const seen = new Set<number>();
  const stack = [pc];
  while (stack.length && seen.size < limit) {
    const t = stack.pop()!;
    if (seen.has(t.id) || t.kind !== 'app') continue;
    seen.add(t.id);
    if (CMP.has(t.op) && t.args.length === 2 && t.args[0]!.sort.kind === 'bv') {
      const [a, b] = t.args as [Term, Term];
      const other = a.id === x.id ? b : b.id === x.id ? a : null;
      if (other && !loopsOf(other, memo).has(j)) out.set(other.id, other);
    }
    stack.push(...t.args);
  }
  return [...out.values()];
}

/** Literal operands of width w near the top of a term (at most 4 levels, 8 constants); for a
 *  remainder by c also c - 1, its largest result. */
function constantsOf(f: TermFactory, t: Term, w: number): Term[] {
  const out = new Map<number, Term>();
  const walk = (x: Term, depth: number) => {
    if (x.kind !== 'app' || depth > 4 || out.size >= 8) return;
    for (const a of x.args) {
      if (a.kind === 'bv' && a.width === w) {
        out.set(a.id, a);
        if (x.op === 'bvurem' && a === x.args[1] && a.value > 0n) out.set(f.bv(a.value - 1n, w).id, f.bv(a.value - 1n, w));
      } else walk(a, depth + 1);
    }
  };
  walk(t, 0);
  return [...out.values()];
}

/** The candidates of one loop, from its havoc slots, its arrival values and its back edges. */
function candidates(f: TermFactory, j: number, havoc: SScalar[], arrivals: CutRecord[], backs: CutRecord[], memo: Map<number, Set<number>>, hints: AccessHints): Candidate[] {
  const out: Candidate[] = [];
  havoc.forEach((h, k) => {
    if (h.kind !== 'int' || h.v.kind !== 'var') return;
    const w = h.w;
    const slot = (vals: SScalar[]) => {
      const x = vals[k];
      return x && x.kind === 'int' && x.w === w ? x : null;
    };
    // a fact about the slot where it is not poison; a record whose slot does not fit fails it
    const fact = (what: string, p: (v: Term) => Term): Candidate => ({
      loop: j, what: `loop ${j}: slot ${k} ${what}`,
      at: (vals) => {
        const x = slot(vals);
        return x ? f.or(x.poison, p(x.v)) : f.false;
      },
    });
    out.push({ loop: j, what: `loop ${j}: slot ${k} is not poison`, at: (vals) => { const x = slot(vals); return x ? f.not(x.poison) : f.false; } });
    if (w < 2) return;
    out.push(fact('>=s 0', (v) => f.app('bvsle', [f.bv(0, w), v])));
    const bounds = new Map<number, { t: Term; from: string }>();
    for (const a of arrivals) {
      const x = slot(a.vals);
      if (x && !loopsOf(x.v, memo).has(j)) bounds.set(x.v.id, { t: x.v, from: x.v.kind === 'bv' ? `${x.v.value}` : 'its arrival value' });
    }
    for (const b of backs) for (const t of boundsOf(b.st.pc, h.v, j, memo)) if (!bounds.has(t.id)) bounds.set(t.id, { t, from: t.kind === 'bv' ? `${t.value}` : 'a loop bound' });
    // the constants of the value the back edge carries (`(b + a) remui 65521`: b <= 65520)
    for (const b of backs) {
      const x = slot(b.vals);
      if (x) for (const c of constantsOf(f, x.v, w)) if (!bounds.has(c.id)) bounds.set(c.id, { t: c, from: `${(c as { value: bigint }).value}` });
    }
    // the bounds of the source's accesses indexed by the slot (invariant-accesses.ts)
    for (const t of hints.bounds.get(h.v.id) ?? []) if (!bounds.has(t.id)) bounds.set(t.id, { t, from: t.kind === 'bv' ? `${t.value}` : 'an access bound' });
    for (const { t, from } of bounds.values()) {
      if (t.sort.kind !== 'bv' || t.sort.width !== w) continue;
      out.push(fact(`== ${from}`, (v) => f.eq(v, t)));
      for (const op of ['bvsle', 'bvule'] as const) {
        const s = op === 'bvsle' ? 's' : 'u';
        // x <= the largest value, x >= the smallest: facts of every state
        const [min, max] = op === 'bvsle' ? [1n << BigInt(w - 1), (1n << BigInt(w - 1)) - 1n] : [0n, (1n << BigInt(w)) - 1n];
        if (t.kind !== 'bv' || t.value !== max) out.push(fact(`<=${s} ${from}`, (v) => f.app(op, [v, t])));
        if (t.kind !== 'bv' || t.value !== min) out.push(fact(`>=${s} ${from}`, (v) => f.app(op, [t, v])));
      }
    }
    // an address sum t + x the source indexes with has not wrapped (invariant-accesses.ts)
    for (const t of hints.sums.get(h.v.id) ?? []) {
      if (t.sort.kind !== 'bv' || t.sort.width !== w) continue;
      // x <=u ~t, i.e. t + x <= 2^w - 1 (cheaper for z3 than t <=u t + x, the same fact)
      out.push(fact('added to an address base does not wrap unsigned', (v) => f.app('bvule', [v, f.app('bvnot', [t])])));
    }
  });
  // then facts relating two slots (a growing value bounded by a counter or by a shrinking
  // value), after the others: a long family (64 facts for n >> 1) never crowds them out
  out.push(...relationalCandidates(f, j, havoc, arrivals, backs, (t) => !loopsOf(t, memo).has(j)));
  // one candidate per distinct fact (x >=s 0 and x >=s its arrival 0 are one), none that
  // holds of every state
  const seen = new Set<number>();
  return out.filter((c) => {
    const t = c.at(havoc);
    if (seen.has(t.id) || (t.kind === 'bool' && t.value)) return false;
    seen.add(t.id);
    return true;
  }).slice(0, MAX_CANDIDATES);
}

/**
 * Houdini over the source side of a cut-point run: the loops' facts that hold on arrival
 * and are preserved by every back edge. `pre` are the pair's input assumptions.
 */
export async function findInvariants(f: TermFactory, pre: Term[], src: SideResult, check: InvariantCheck, budgetMs = 10_000, budgetUnits = Infinity): Promise<LoopInvariants> {
  const deadline = performance.now() + budgetMs;
  // the solver's work so far (resource units): a budget that does not depend on the load
  let spent = 0;
  const checked = async (...args: Parameters<InvariantCheck>) => {
    const res = await check(...args);
    spent += res.resources ?? 0;
    return res;
  };
  const none: LoopInvariants = { assumptions: [], facts: [], checks: 0 };
  const memo = new Map<number, Set<number>>();
  // one havoc state per loop (a loop the run met twice has none: its unknowns are ambiguous)
  const count = new Map<number, number>();
  for (const h of src.havocs) count.set(h.loop, (count.get(h.loop) ?? 0) + 1);
  const havocs = new Map(src.havocs.filter((h) => count.get(h.loop) === 1).map((h) => [h.loop, h]));
  const alive = new Map<number, Candidate[]>();
  const hints = accessHints(f, src.ubList.map((u) => u.cond), (t) => loopsOf(t, memo));
  for (const [j, h] of havocs) {
    const recs = src.cutRecords.filter((r) => r.loop === j);
    const arrivals = recs.filter((r) => r.kind === 'arrive');
    // (reviewer, round 7) a fact of loop j may mention, besides j's own unknowns, only those
    // of loops its arrival path mentions (visited before every visit of j's header): a bound
    // taken from an inner or later loop (an inner loop's exit test `y >u x`, an access
    // `x + y` in a later loop) related j's header to a state that comes after it, which
    // "the last visit before" does not name; and through such a fact the dependencies of
    // j's own arrival check took in j's own facts (`x == 0` and `x == n` kept, the loop
    // never entered: tests/verifier/tv/probe-invariant-scope.test.ts)
    const before = new Set([j, ...loopsOf(h.st.pc, memo)]);
    // a candidate that an arrival's values make literally false needs no solver to be
    // dropped (dropping never assumes anything); each such check would drop only a few
    const cs = candidates(f, j, h.vals, arrivals, recs.filter((r) => r.kind === 'back'), memo, hints)
      .filter((c) => [...loopsOf(c.at(h.vals), memo)].every((k) => before.has(k)))
      .filter((c) => arrivals.every((r) => { const t = c.at(r.vals); return !(t.kind === 'bool' && !t.value); }));
    if (cs.length) alive.set(j, cs);
  }
  if (alive.size === 0) return none;
  const records = src.cutRecords.filter((r) => alive.has(r.loop));
  const base = [...pre, ...src.assume];
  // "no UB" of the record's own loop, its dependencies and the code outside loops: the UB of
  // a loop the record does not depend on is left out (an assumption less is never unsound,
  // and the later loops' UB is most of a long function's query)
  const ubLoops = src.ubList.map((u) => ({ cond: u.cond, loops: loopsOf(u.cond, memo) }));
  const noUb = (loops: Set<number>) => f.not(f.or(...ubLoops.filter((u) => [...u.loops].every((k) => loops.has(k))).map((u) => u.cond)));
  // loop k's facts on its havoc state, under the path condition that reaches it
  const assumed = (k: number): Term => {
    const h = havocs.get(k)!;
    const cs = alive.get(k) ?? [];
    return f.implies(h.st.pc, f.and(...cs.map((c) => c.at(h.vals))));
  };
  let checks = 0;
  // a record's dependencies: the loops the record and its facts mention, closed under what
  // is assumed of them (never the loop's own facts at its first arrival: see the top)
  const depsOf = (r: CutRecord, facts: Term[]): Set<number> => {
    const deps = new Set<number>();
    const todo = [...loopsOf(f.and(r.st.pc, ...facts), memo)];
    while (todo.length) {
      const k = todo.pop()!;
      if (deps.has(k) || !havocs.has(k)) continue;
      deps.add(k);
      todo.push(...loopsOf(assumed(k), memo));
    }
    return deps;
  };
  // a record whose check was unsat is not asked again while the candidates of its loop and of
  // its dependencies stay as they were: the query would be the same, and so its answer
  const version = new Map<number, number>();
  const setAlive = (k: number, cs: Candidate[]) => {
    alive.set(k, cs);
    version.set(k, (version.get(k) ?? 0) + 1);
  };
  const settled = new Map<CutRecord, string>();
  /** One check of a record: whether a candidate was dropped, or 'timeout' (the search is out
   *  of time: nothing proved). */
  const checkRecord = async (r: CutRecord): Promise<boolean | 'timeout'> => {
    const cs = alive.get(r.loop) ?? [];
    if (cs.length === 0) return false;
    const facts = cs.map((c) => c.at(r.vals));
    const marks = cs.map((_, i) => f.var(`inv.${r.loop}.${r.kind}.${i}`, BOOL));
    const goal = f.and(r.st.pc, f.not(f.and(...marks)));
    const deps = depsOf(r, facts);
    const signature = [r.loop, ...[...deps].sort((a, b) => a - b)].map((k) => `${k}:${version.get(k) ?? 0}`).join(' ');
    if (settled.get(r) === signature) return false;
    const common = [...base, noUb(new Set([...deps, r.loop])), ...[...deps].filter((k) => alive.get(k)?.length).map(assumed)];
    const assumptions = [...common, ...marks.map((m, i) => f.eq(m, facts[i]!))];
    const left = deadline - performance.now();
    if (left < 50 || spent >= budgetUnits) return 'timeout'; // out of time before the fixpoint: nothing proved
    checks++;
    const split = splitDivisions(f, [...assumptions, goal]);
    const res = await checked([...split.roots, ...split.defs], marks, `loop invariants: loop ${r.loop}, ${r.kind === 'arrive' ? 'on arrival' : 'preserved by the back edge'} (${cs.length} candidates)`, Math.round(left));
    if (res.status === 'unsat') {
      settled.set(r, signature);
      return false;
    }
    if (res.status === 'sat' && res.model) {
      const keep = cs.filter((_, i) => res.model!.get(varName(marks[i]!)) === true);
      // a model that falsifies none of them cannot be (the goal says one fails): drop all
      setAlive(r.loop, keep.length < cs.length ? keep : []);
      return true;
    }
    // Undecided: each candidate on its own (the disjunction "one of them fails" is what is
    // hard — luhn-like loops' back edges with two no-wrap facts took z3 10 M units together,
    // under 1 M each); a candidate is kept only if its own check is unsat
    const keep: Candidate[] = [];
    for (const [i, c] of cs.entries()) {
      const l = deadline - performance.now();
      if (l < 50 || spent >= budgetUnits) return 'timeout';
      if (cs.length === 1) break;
      checks++;
      const one = splitDivisions(f, [...common, f.and(r.st.pc, f.not(facts[i]!))]);
      const res1 = await checked([...one.roots, ...one.defs], [], `loop invariants: loop ${r.loop}, ${r.kind === 'arrive' ? 'on arrival' : 'preserved by the back edge'}: ${c.what}`, Math.round(l));
      if (res1.status === 'unsat') keep.push(c);
    }
    if (keep.length === cs.length) {
      settled.set(r, signature); // each fact holds, so all of them do
      return false;
    }
    setAlive(r.loop, keep);
    return true;
  };
  // Loops in the order of their dependencies, a group of loops that depend on each other
  // (nested loops) at a time, each to its fixpoint before the next: a record's check assumes
  // only facts of its dependencies, which are final once their group is done, so this is
  // the fixpoint of all records at once, without re-asking the later loops each time an
  // earlier one drops a fact. (The graph is taken with every candidate alive: dependencies
  // only shrink as candidates drop.)
  const edges = new Map<number, Set<number>>();
  for (const r of records) {
    const e = edges.get(r.loop) ?? new Set<number>();
    depsOf(r, (alive.get(r.loop) ?? []).map((c) => c.at(r.vals))).forEach((k) => e.add(k));
    edges.set(r.loop, e);
  }
  for (const group of dependencyOrder([...alive.keys()], edges)) {
    const recs = records.filter((r) => group.has(r.loop));
    let changed = true;
    for (let round = 0; changed && round < MAX_ROUNDS; round++) {
      changed = false;
      for (const r of recs) {
        const c = await checkRecord(r);
        if (c === 'timeout') return { ...none, checks };
        if (c) changed = true;
      }
    }
    // rounds ran out before a round changed nothing: no fixpoint, nothing proved
    if (changed) return { ...none, checks };
  }
  const loops = [...alive.keys()].filter((j) => alive.get(j)!.length).sort((a, b) => a - b);
  // the relations first in the words: the facts a proof's detail names first
  const facts = loops.flatMap((j) => alive.get(j)!).sort((a, b) => Number(b.relation === true) - Number(a.relation === true)).map((c) => c.what);
  return { assumptions: loops.map(assumed), facts, checks };
}

/** The strongly connected groups of a dependency graph (`edges`: a loop -> the loops it
 *  depends on), each after every group it depends on (Tarjan's algorithm emits them so). */
export function dependencyOrder(nodes: number[], edges: Map<number, Set<number>>): Set<number>[] {
  const inGraph = new Set(nodes);
  const next = (v: number) => [...(edges.get(v) ?? [])].filter((w) => inGraph.has(w));
  return stronglyConnected([...nodes].sort((a, b) => a - b), next).map((c) => new Set(c));
}
