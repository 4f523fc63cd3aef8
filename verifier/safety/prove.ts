// Safety obligations of a Core program, decided with the symbolic executor and a solver.
//
// Per function, up to three symbolic executions (Ints, calls by contract):
//  A. every loop by cut point, with the user's invariants plus automatic candidates that
//     Houdini has proved inductive (candidates.ts): no unrolling, so UNSAT is `proved`;
//  A'. (only for what A could not prove, when A over-approximated a product or quotient of
//     two unknowns) A again with exact non-linear integers;
//  B. (only for what A could not prove) every loop unrolled k times: a violation found here
//     or in A is `refuted` only if its model REPLAYS in the interpreter (same category, same
//     place); an UNSAT answer is `proved` when no unrolling was cut on a reachable path,
//     `bounded(k)` when one was cut before the obligation, and `unknown` ("needs a loop
//     invariant for ...") when the obligation is inside a loop that was cut.
// Everything else is `unknown` with the reason (solver timeout, a model that does not replay,
// an unsupported construct). Program-wide, the implicit liveness contracts of calls are
// checked and a liveness proof that relied on one that fails is withdrawn; termination of
// mutual recursion is not established modularly (unknown). Every query gets explicit
// instances of its quantifiers at the indices it reads (instantiate.ts).
import type { Category, CExpr, CoreFn, CoreProgram, Obligation } from '../../compiler/core/core.ts';
import type { Span } from '../../compiler/syntax/ast.ts';
import { childrenOf, fnObligations, forEachNode } from '../../compiler/core/walk.ts';
import { checkQuery, type Query, type SolverResult } from '../smt/solver.ts';
import type { Model } from '../smt/model.ts';
import { evaluateQ } from '../semantics/symbolic/evalq.ts';
import type { Term } from '../smt/term.ts';
import { loopCandidates } from './candidates.ts';
import { loopKey, type Candidate, type Check } from '../semantics/symbolic/context.ts';
import { sharedFor, symExecFunction, type Shared, type SymResult } from '../semantics/symbolic/function.ts';
import { failureQuery, reachQuery } from './query.ts';
import { instantiate } from './instantiate.ts';
import { loopNesting, mayRunAfter } from './cut-order.ts';
import { floatVariants, replay, smallInputs, type ReplayResult } from '../semantics/symbolic/replay.ts';
import { freeVars } from '../smt/smtlib.ts';

export type Verdict = 'proved' | 'refuted' | 'unknown' | `bounded(${number})`;

export type ProofResult = {
  id: string;
  fn: string;
  category: Category;
  span: Span;
  verdict: Verdict;
  detail: string;
  /** For `refuted`: the arguments that replay, and the interpreter's stop. */
  counterexample?: { args: string[]; outcome: string };
  /** Solver time attributed to this obligation. */
  timeMs: number;
};

export type ProveOptions = {
  /** Iterations of an unrolled loop (default 4). */
  unroll?: number;
  /** Per query (default 10 s). */
  timeoutMs?: number;
  /** Only these functions (default: all). */
  functions?: string[];
  /** Automatic loop invariants (default true). */
  houdini?: boolean;
  /** The last retry with IEEE floats for functions with floats (default true); without it
   *  floats stay opaque throughout (float-dependent facts end `unknown`). */
  ieeeFloats?: boolean;
  /** Explicit instances of the queries' quantifiers at the indices they read (instantiate.ts;
   *  default true). */
  instantiate?: boolean;
  /** The solver (default: verifier/smt checkQuery). */
  check?: (q: Query, opts: { timeoutMs: number }) => Promise<SolverResult>;
};

/** Categories the symbolic executor does not decide (profile analyses). */
const NOT_MODELLED = new Set<Category>(['stack-budget']);
const LIVENESS = new Set<Category>(['use-after-reset', 'use-after-release']);

type Answer = { status: 'unsat' } | { status: 'sat'; model: Model | null } | { status: 'unknown'; reason: string };

type Run = {
  /** Integers as SMT Ints (domain.ts: index, bound and overflow reasoning is linear). */
  sh: Shared;
  /** Ints with exact products, quotients and remainders (non-linear; same term factory). */
  shExact: Shared;
  /** Bit-vectors: exact where the Int representation over-approximates (same term factory). */
  shBv: Shared;
  /** Bit-vectors and IEEE FloatingPoint floats (floats.ts), the last retry of a function that
   *  computes with floats: the other three keep floats opaque (FloatingPoint costs seconds). */
  shFloat: Shared;
  opts: Required<Omit<ProveOptions, 'functions' | 'check'>> & { check: NonNullable<ProveOptions['check']> };
  time: Map<string, number>;
};

async function solve(run: Run, q: Term, wantModel: boolean): Promise<Answer & { ms: number }> {
  if (q.kind === 'bool') return q.value ? { status: 'sat', model: new Map(), ms: 0 } : { status: 'unsat', ms: 0 };
  const asked = run.opts.instantiate ? instantiate(run.sh.F, q) : q;
  const r = await run.opts.check({ assertions: [asked], wantModel: wantModel ? freeVars([q]) : [] }, { timeoutMs: run.opts.timeoutMs });
  if (r.status === 'unsat') return { status: 'unsat', ms: r.timeMs };
  if (r.status === 'sat') return { status: 'sat', model: r.model ?? null, ms: r.timeMs };
  return { status: 'unknown', reason: `solver: ${r.reason ?? r.status}`, ms: r.timeMs };
}

/** Whether the model satisfies `t` (false when it cannot be evaluated). */
function holds(t: Term, model: Model): boolean {
  try {
    return evaluateQ(t, model) === true;
  } catch {
    return false;
  }
}

/** Decides "some check of the group fails" for every group, batching: one query for all;
 *  a model settles every group it violates; what it cannot settle is asked alone. */
async function decideGroups(run: Run, res: SymResult, groups: Map<string, Failing[]>, batch = true): Promise<Map<string, Answer>> {
  const F = run.sh.F;
  const out = new Map<string, Answer>();
  const charge = (ids: string[], ms: number) => {
    for (const id of ids) run.time.set(id, (run.time.get(id) ?? 0) + ms / Math.max(1, ids.length));
  };
  let remaining = [...groups.keys()];
  while (remaining.length && !batch) {
    const id = remaining.shift()!;
    const one = await solve(run, failureQuery(F, res.facts, groups.get(id)!), true);
    charge([id], one.ms);
    out.set(id, one);
  }
  while (remaining.length) {
    const q = failureQuery(F, res.facts, remaining.flatMap((id) => groups.get(id)!));
    const r = await solve(run, q, true);
    charge(remaining, r.ms);
    if (r.status === 'unsat') {
      for (const id of remaining) out.set(id, r);
      return out;
    }
    if (r.status === 'sat' && r.model) {
      const model = r.model;
      const hits = remaining.filter((id) => holds(failureQuery(F, res.facts, groups.get(id)!), model));
      if (hits.length) {
        for (const id of hits) out.set(id, { status: 'sat', model });
        remaining = remaining.filter((id) => !hits.includes(id));
        continue;
      }
    }
    if (remaining.length === 1) {
      out.set(remaining[0]!, r);
      return out;
    }
    for (const id of remaining) {
      const one = await solve(run, failureQuery(F, res.facts, groups.get(id)!), true);
      charge([id], one.ms);
      out.set(id, one);
    }
    return out;
  }
  return out;
}

type Failing = { pc: Term; violated: Term; at: number };

function groupChecks(checks: Check[], key: (c: Check) => string | null): Map<string, Check[]> {
  const out = new Map<string, Check[]>();
  for (const c of checks) {
    const k = key(c);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

/** Houdini: the largest subset of the candidates that is inductive, and the run that uses it. */
async function withInductiveCandidates(run: Run, fn: CoreFn): Promise<{ res: SymResult; cands: Map<string, Candidate[]> }> {
  const all = run.opts.houdini ? loopCandidates(fn, run.sh.D) : new Map<string, Candidate[]>();
  let live = new Set<string>([...all.values()].flat().map((c) => `${c.loop}#${c.index}`));
  for (let round = 0; ; round++) {
    const cands = new Map<string, Candidate[]>();
    for (const [k, list] of all) cands.set(k, list.filter((c) => live.has(`${c.loop}#${c.index}`)));
    const res = symExecFunction(run.sh.prog, fn.name, { unroll: run.opts.unroll, callMode: 'contract', loops: 'havoc', candidates: cands }, run.sh);
    if (res.unsupported || live.size === 0) return { res, cands };
    const groups = groupChecks(res.checks, (c) => (c.internal?.kind === 'candidate' ? `${c.internal.loop}#${c.internal.index}` : null));
    const answers = await decideGroups(run, res, groups);
    const failed = [...answers].filter(([, a]) => a.status !== 'unsat').map(([k]) => k);
    if (failed.length === 0 || round >= 8) {
      if (failed.length === 0) return { res, cands };
      // give up on candidates that keep failing: none is used
      live = new Set();
      continue;
    }
    live = new Set([...live].filter((k) => !failed.includes(k)));
  }
}

/** Replays a model of check group `checks`; when its inputs are too large to build, asks
 *  for a model with small inputs and replays that. */
async function tryReplay(run: Run, sh: Shared, res: SymResult, checks: Failing[], model: Model, o: Obligation): Promise<ReplayResult> {
  const rp = replay(sh, res, model, o);
  if (rp.matches) return rp;
  for (const m of floatVariants(sh, res, model)) {
    const v = replay(sh, res, m, o);
    if (v.matches) return v;
  }
  if (!rp.tooLarge) return rp;
  const F = sh.F;
  const r = await solve(run, F.and(failureQuery(F, res.facts, checks), smallInputs(sh, res)), true);
  run.time.set(o.id, (run.time.get(o.id) ?? 0) + r.ms);
  return r.status === 'sat' && r.model ? replay(sh, res, r.model, o) : rp;
}

function lineOf(s: Span): string {
  return `line ${s.line}`;
}

type MakeResult = (o: Obligation, verdict: Verdict, detail: string, cex?: ProofResult['counterexample']) => ProofResult;

/** Every loop unrolled k times (representation of `sh`): refutations that replay, and the
 *  verdicts an exhaustive-up-to-k exploration gives (see the file comment). */
async function boundedPhase(run: Run, sh: Shared, fn: CoreFn, open: Obligation[], notes: Map<string, string>, result: MakeResult, k = run.opts.unroll): Promise<Map<string, ProofResult>> {
  const F = sh.F;
  const out = new Map<string, ProofResult>();
  const B = symExecFunction(sh.prog, fn.name, { unroll: k, callMode: 'contract', loops: 'unroll' }, sh);
  const groupsB = groupChecks(B.checks, (c) => (c.ob && open.some((o) => o.id === c.ob!.id) ? c.ob.id : null));
  const answersB = B.unsupported ? new Map<string, Answer>() : await decideGroups(run, B, groupsB, false);
  // reachable cuts, asked once each
  const reachable: typeof B.cuts = [];
  for (const c of B.cuts) {
    const r = await solve(run, reachQuery(F, B.facts, c.pc, c.at), false);
    if (r.status !== 'unsat') reachable.push(c);
  }
  const nesting = loopNesting(fn);
  const loopsOf = (id: string): Set<string> => nesting.aroundOb.get(id) ?? new Set();
  for (const o of open) {
    const note = notes.get(o.id);
    const b = answersB.get(o.id);
    if (b?.status === 'sat' && b.model) {
      const rp = await tryReplay(run, sh, B, groupsB.get(o.id)!, b.model, o);
      if (rp.matches) out.set(o.id, result(o, 'refuted', rp.outcome, { args: rp.args, outcome: rp.outcome }));
      else out.set(o.id, result(o, 'unknown', `counterexample did not replay: ${rp.outcome}${note ? `; ${note}` : ''}`));
      continue;
    }
    if (b?.status === 'unknown') {
      out.set(o.id, result(o, 'unknown', `${b.reason}${note ? `; ${note}` : ''}`));
      continue;
    }
    if (B.unsupported) {
      out.set(o.id, result(o, 'unknown', `unsupported: ${B.unsupported}`));
      continue;
    }
    // no violation within k iterations of every loop
    const last = Math.max(0, ...(groupsB.get(o.id) ?? []).map((c) => c.at));
    const inside = loopsOf(o.id);
    const cutHere = reachable.find((c) => inside.has(c.loop));
    if (cutHere) {
      const vars = cutHere.mutated.filter((v) => !v.endsWith('_more'));
      out.set(o.id, result(o, 'unknown', `needs a loop invariant${vars.length ? ` for ${vars.join(', ')}` : ''} at ${lineOf(cutHere.span)} (no violation within ${k} iterations)${note ? `; ${note}` : ''}`));
      continue;
    }
    // a cut after the last recorded check still hides the instances that would have run
    // after the cut loop (cut-order.ts)
    const before = reachable.filter((c) => c.at <= last || !groupsB.has(o.id) || mayRunAfter(nesting, o, c));
    if (before.length) {
      out.set(o.id, result(o, `bounded(${k})`, `no violation when every loop runs at most ${k} iterations (loop at ${lineOf(before[0]!.span)} can run longer)`));
      continue;
    }
    out.set(o.id, result(o, 'proved', 'no violation on any path (every loop exits within the unrolling)'));
  }
  return out;
}

/** The verdicts for one function's obligations. */
type Analysed = { res: SymResult | null; fn: string };

async function proveFunction(run: Run, fn: CoreFn, out: ProofResult[], internal: Analysed[]): Promise<void> {
  const obs = fnObligations(fn);
  if (!obs.length) {
    // no obligations of its own, but its calls still pass references to callees
    const res = symExecFunction(run.sh.prog, fn.name, { unroll: run.opts.unroll, callMode: 'contract', loops: 'havoc' }, run.sh);
    internal.push({ res: res.unsupported ? null : res, fn: fn.name });
    return;
  }
  const F = run.sh.F;
  const result: MakeResult = (o, verdict, detail, cex) => ({
    id: o.id,
    fn: o.fn,
    category: o.category,
    span: o.span,
    verdict,
    detail,
    ...(cex ? { counterexample: cex } : {}),
    timeMs: Math.round(run.time.get(o.id) ?? 0),
  });
  const approxStart = run.sh.D.approximations;
  const { res: A, cands } = await withInductiveCandidates(run, fn);
  const approx = run.sh.D.approximations - approxStart;
  if (A.unsupported) {
    for (const o of obs) out.push(result(o, 'unknown', `unsupported: ${A.unsupported}`));
    internal.push({ res: null, fn: fn.name });
    return;
  }
  internal.push({ res: A, fn: fn.name });
  const byId = groupChecks(A.checks, (c) => c.ob?.id ?? null);
  const answersA = await decideGroups(run, A, byId, false);
  const verdicts = new Map<string, ProofResult>();
  const open: Obligation[] = [];
  const notes = new Map<string, string>();
  for (const o of obs) {
    if (NOT_MODELLED.has(o.category)) {
      verdicts.set(o.id, result(o, 'unknown', `${o.category} is not decided by the symbolic engine`));
      continue;
    }
    const a = answersA.get(o.id);
    if (!a || a.status === 'unsat') {
      verdicts.set(o.id, result(o, 'proved', a ? 'no violation on any path (loops by invariants)' : 'unreachable or trivially safe'));
      continue;
    }
    if (a.status === 'sat' && a.model) {
      const rp = await tryReplay(run, run.sh, A, byId.get(o.id)!, a.model, o);
      if (rp.matches) {
        verdicts.set(o.id, result(o, 'refuted', rp.outcome, { args: rp.args, outcome: rp.outcome }));
        continue;
      }
      notes.set(o.id, `a violation the invariants allow did not replay (${rp.outcome})`);
    } else if (a.status === 'unknown') notes.set(o.id, a.reason);
    open.push(o);
  }
  // Where A over-approximated (products, quotients of two unknowns; domain.ts), ask the open
  // obligations again by cut points with exact (non-linear) integers: an UNSAT answer there
  // is a proof as good as A's (the same loops, invariants and inductive candidates — proved
  // inductive under the over-approximation, so inductive under the exact meaning too).
  // A model is not used: B below looks for refutations.
  if (open.length && approx > 0) {
    // the same candidates, built over the exact domain
    const kept = new Set([...cands.values()].flat().map((c) => `${c.loop}#${c.index}`));
    const exactCands = new Map<string, Candidate[]>();
    if (run.opts.houdini) for (const [k, list] of loopCandidates(fn, run.shExact.D)) exactCands.set(k, list.filter((c) => kept.has(`${c.loop}#${c.index}`)));
    const E = symExecFunction(run.shExact.prog, fn.name, { unroll: run.opts.unroll, callMode: 'contract', loops: 'havoc', candidates: exactCands }, run.shExact);
    if (!E.unsupported) {
      const groupsE = groupChecks(E.checks, (c) => (c.ob && open.some((o) => o.id === c.ob!.id) ? c.ob.id : null));
      const answersE = await decideGroups(run, E, groupsE, false);
      for (const o of [...open]) {
        const e = answersE.get(o.id);
        if (e && e.status !== 'unsat') continue;
        verdicts.set(o.id, result(o, 'proved', e ? 'no violation on any path (loops by invariants; exact integers)' : 'unreachable or trivially safe'));
        open.splice(open.indexOf(o), 1);
      }
    }
  }
  if (open.length) {
    const approxBefore = approx;
    // Refutations first with every loop run at most once: the query is a fraction of the
    // size of k unrollings of nested loops (insertion_sort_guard: 0.2 s against 5 s), and
    // most real violations need few iterations. Only replayed refutations are kept from it.
    let deep = open;
    if (run.opts.unroll > 1) {
      const quick = await boundedPhase(run, run.sh, fn, open, new Map(), result, 1);
      for (const [id, r] of quick) if (r.verdict === 'refuted') verdicts.set(id, r);
      deep = open.filter((o) => !verdicts.has(o.id));
    }
    const bv = deep.length ? await boundedPhase(run, run.sh, fn, deep, notes, result) : new Map<string, ProofResult>();
    for (const [id, r] of bv) verdicts.set(id, r);
    // Where the Int representation over-approximated (bitwise, non-linear), a violation may
    // not replay for that reason alone: ask again with exact semantics — first Ints with
    // exact non-linear products, quotients and remainders (z3 decides small non-linear
    // problems quickly: `i % n` with i = -2, n = 2 is 0, which the over-approximation
    // cannot tell), then bit-vectors (exact for the bitwise operations too).
    const again = () => open.filter((o) => verdicts.get(o.id)!.verdict === 'unknown' && /did not replay/.test(verdicts.get(o.id)!.detail));
    if (again().length && (approxBefore > 0 || run.sh.D.approximations > approxStart)) {
      const exact = await boundedPhase(run, run.shExact, fn, again(), notes, result);
      for (const [id, r] of exact) if (r.verdict !== 'unknown') verdicts.set(id, { ...r, detail: `${r.detail} (exact integers)` });
      const retry = again();
      if (retry.length) {
        const bits = await boundedPhase(run, run.shBv, fn, retry, notes, result);
        for (const [id, r] of bits) if (r.verdict !== 'unknown') verdicts.set(id, { ...r, detail: `${r.detail} (bit-vectors)` });
      }
    }
    // Floats are opaque above (a float -> int conversion's range test is a fresh Bool), so a
    // violation through one does not replay: ask once more with IEEE floats.
    if (run.opts.ieeeFloats && again().length && usesFloats(fn)) {
      const ieee = await boundedPhase(run, run.shFloat, fn, again(), notes, result);
      for (const [id, r] of ieee) if (r.verdict !== 'unknown') verdicts.set(id, { ...r, detail: `${r.detail} (IEEE floats)` });
    }
  }
  // mutual recursion: a measure is compared with the frame of another function's caller
  const comp = run.sh.facts.component.get(fn.name);
  for (const o of obs) {
    const v = verdicts.get(o.id)!;
    if (o.category === 'termination' && comp && comp.size > 1 && v.verdict === 'proved' && fn.obs.includes(o)) {
      verdicts.set(o.id, { ...v, verdict: 'unknown', detail: `mutual recursion (${[...comp].join(', ')}): termination is not decided modularly` });
    }
    out.push(verdicts.get(o.id)!);
  }
}

/** Whether the function computes with floats (a value of float type anywhere in its body). */
function usesFloats(fn: CoreFn): boolean {
  let found = false;
  forEachNode(fn.body, (e) => {
    if (e.ty.kind === 'float') found = true;
  });
  return found;
}

/** Withdraws liveness proofs that rely on an implicit contract some call breaks. */
async function implicitLiveness(run: Run, prog: CoreProgram, results: ProofResult[], runs: Analysed[]): Promise<void> {
  const resets = prog.functions.some((f) => run.sh.facts.effects.get(f.name)?.resets);
  let releases = false;
  const callsOf = new Map(prog.functions.map((f) => [f.name, new Set<string>()]));
  for (const f of prog.functions) {
    forEachNode(f.body, (e) => {
      if (e.kind === 'RegionRelease') releases = true;
      if (e.kind === 'Call' && e.fn !== f.name) callsOf.get(f.name)!.add(e.fn);
    });
  }
  if (!resets && !releases) return;
  const staleArgs = new Map<string, string>();
  const staleResults = new Set<string>();
  const seen = new Set(runs.map((r) => r.fn));
  const everyone: Analysed[] = [...runs, ...prog.functions.filter((f) => !seen.has(f.name)).map((f) => ({ res: null, fn: f.name }))];
  for (const { res, fn } of everyone) {
    if (!res) {
      // not analysed (unsupported): nothing is known about what its calls pass or it returns
      for (const g of callsOf.get(fn) ?? []) if (!staleArgs.has(g)) staleArgs.set(g, `${fn}, which is not analysed`);
      staleResults.add(fn);
      continue;
    }
    const groups = groupChecks(res.checks, (c) => {
      if (c.internal?.kind === 'arg-live') return `arg:${c.internal.callee}:${c.internal.span.line}`;
      if (c.internal?.kind === 'result-live') return 'result';
      return null;
    });
    const answers = await decideGroups(run, res, groups);
    for (const [k, a] of answers) {
      if (a.status === 'unsat') continue;
      if (k === 'result') staleResults.add(fn);
      else {
        const [, callee, line] = k.split(':');
        if (!staleArgs.has(callee!)) staleArgs.set(callee!, `${fn} at line ${line}`);
      }
    }
  }
  for (const r of results) {
    if (r.verdict !== 'proved' || !LIVENESS.has(r.category)) continue;
    const caller = staleArgs.get(r.fn);
    if (caller) {
      r.verdict = 'unknown';
      r.detail = `relies on ${r.fn}'s arguments being alive, which a call (in ${caller}) may not ensure`;
      continue;
    }
    const bad = [...(callsOf.get(r.fn) ?? [])].find((g) => staleResults.has(g));
    if (bad) {
      r.verdict = 'unknown';
      r.detail = `relies on ${bad} returning memory that is alive, which it may not`;
    }
  }
}

export async function proveObligations(prog: CoreProgram, options: ProveOptions = {}): Promise<ProofResult[]> {
  const sh = sharedFor(prog, { repr: 'int' });
  const run: Run = {
    sh,
    shExact: sharedFor(prog, { repr: 'int-exact', F: sh.F }),
    shBv: sharedFor(prog, { repr: 'bv', F: sh.F }),
    shFloat: sharedFor(prog, { repr: 'bv', floats: 'ieee', F: sh.F }),
    opts: {
      unroll: options.unroll ?? 4,
      timeoutMs: options.timeoutMs ?? 10_000,
      houdini: options.houdini ?? true,
      ieeeFloats: options.ieeeFloats ?? true,
      instantiate: options.instantiate ?? true,
      check: options.check ?? ((q, o) => checkQuery(q, o)),
    },
    time: new Map(),
  };
  const out: ProofResult[] = [];
  const runs: Analysed[] = [];
  for (const fn of prog.functions) {
    if (options.functions && !options.functions.includes(fn.name)) continue;
    await proveFunction(run, fn, out, runs);
  }
  await implicitLiveness(run, prog, out, runs);
  return out;
}
