// validateCoreToMlir: the check of core-to-mlir, function by function — every Core function
// against `@clef.<name>` of the MLIR text core-to-mlir emitted for the program (README.md:
// the refinement statement). Verdicts as everywhere: proved (no loop cut), bounded(k),
// refuted (only after a concrete replay on both sides), unknown, unsupported: <what>.
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { Module } from '../../../compiler/mlir/ir.ts';
import { checkQuery, getSolverDefaults } from '../../smt/solver.ts';
import { withQueryBudget } from '../../smt/budget.ts';
import { withIncrementalBases } from '../../smt/incremental.ts';
import { QueryTooLarge } from './too-large.ts';
import { appendFileSync } from 'node:fs';
import { moduleInfo, type FuncInfo, type ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { Unsupported } from '../../semantics/mlir/values.ts';
import { TermLimit } from '../../semantics/mlir/symexec.ts';
import { freeVars } from '../query.ts';
import type { FunctionVerdict, ValidateOptions } from '../verdict.ts';
import { coreAlwaysCut, coreQuery, VacuousCore, type CoreQuery } from './query.ts';
import { replayCoreCounterexample } from './replay.ts';
import { UNDEF_USE } from '../replay.ts';
import { SEALED } from '../sealed-globals.ts';
import { wideOffsetUnknown } from '../wide-offset.ts';
import { smallInputs } from '../../semantics/symbolic/replay.ts';
import { outOfScope } from './scope.ts';
import { staticInitProblem } from './statics.ts';
import { NotMapped } from './unmapped.ts';
import { longerTexts } from './replay-strings.ts';
import { checkInParts } from './split.ts';
import { someExecutionWithinBound } from './within-bound.ts';
import { refuteByDivergence } from './diverges.ts';
import { noCutReached } from './cut-unreached.ts';
import { printCustomOp } from '../../../compiler/mlir/print-custom.ts';
import { hasLoop, proveByCutpoints } from './cut-validate.ts';
import { freshZ3Context } from '../../smt/z3wasm.ts';
import { solveFloatAbstraction } from './floats.ts';
import { tidyArenaArithmetic } from './low-bits.ts';
import { withoutComplements } from './complements.ts';
import { meta } from '../../semantics/symbolic/memory.ts';
import { replayLimitDetail } from './replay-limits.ts';
import { closedRun } from './closed-run.ts';
import { validateEntry } from './entry.ts';
import { mlirName } from './names.ts';
import { sourceDefinedSomewhere, VACUOUS } from '../vacuity.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';

/** Loops with a fixed trip count above the unrolling depth are retried deeper, up to this. */
const MAX_UNROLL = 256;
/** ... while the next query stays below this many terms (core-loops). */
const MAX_TERMS = 400_000;
/** ... and while building the next one should take less than this (4x the last build). */
const MAX_BUILD_MS = 8_000;

export { mlirName } from './names.ts';

export async function validateCoreToMlir(prog: CoreProgram, module: Module, opts: ValidateOptions): Promise<FunctionVerdict[]> {
  let info: ModuleInfo;
  try {
    info = moduleInfo(module);
  } catch (e) {
    if (e instanceof Unsupported) return [{ name: '(module)', verdict: 'unsupported', detail: `unsupported: ${e.message}`, timeMs: 0 }];
    throw e;
  }
  const out: FunctionVerdict[] = [];
  for (const fn of prog.functions) out.push(await validateCoreFunction(prog, fn, module, info, opts));
  // the wrapper the runtime calls, against Core's definition of a program run (entry.ts)
  const entry = await validateEntry(prog, module, info, opts);
  if (entry) out.push(entry);
  return out;
}

/** A check's budget (verifier/smt/budget.ts), in query time limits (or resource limits,
 *  when queries have one) and in queries: the most any part of the check asks is the cut
 *  points' 4 limits plus 2 per aliasing placement of the bounded check (split.ts); a check
 *  that would spend more ends `unknown: ... the budget of the check of clef.f ... ran out`
 *  (tiny_vm `run`: 2674 s in the whole-corpus bench of 26 Nov at 10 s per query). */
export const CHECK_BUDGET = { limits: 16, queries: 300 };
/** A Core -> MLIR query of more distinct terms than this is not sent (budget.ts): z3-wasm does
 *  not stop near its limit on such queries — sensor_selftest `main`'s part 1 at unroll 8
 *  without the frame cap (11 MB, 68 k definitions, 202 k assertions, some 470 k terms): 12.7 s
 *  to parse and 69 s more in `check-sat` on a 10 s limit (the native z3: 17 s wall); the CI
 *  test's largest query has 138 k terms and takes 5-6 s on its 3 s limit. */
export const MAX_CORE_QUERY_NODES = 400_000;

export type CoreCheckOptions = ValidateOptions & { budget?: Partial<typeof CHECK_BUDGET> };

export async function validateCoreFunction(prog: CoreProgram, fn: CoreFn, module: Module, info: ModuleInfo, opts: CoreCheckOptions): Promise<FunctionVerdict> {
  const t0 = performance.now();
  const b = { ...CHECK_BUDGET, ...opts.budget };
  const rlimit = getSolverDefaults().rlimit;
  const limits = { queries: b.queries, solverMs: b.limits * opts.timeoutMs, ...(rlimit ? { units: b.limits * rlimit } : {}), what: `the check of ${mlirName(fn.name)}`, maxNodes: MAX_CORE_QUERY_NODES };
  // a check's queries that share a base are asked incrementally first (verifier/smt/incremental.ts)
  const { result, budget } = await withQueryBudget(limits, () => withIncrementalBases(() => checkWithClosedRun(prog, fn, module, info, opts)));
  if (process.env.FIDELITY_BUDGET_LOG) appendFileSync(process.env.FIDELITY_BUDGET_LOG, JSON.stringify({ file: process.env.FIDELITY_TEST_FILE ?? process.argv[1], fn: result.name, verdict: result.verdict, ms: Math.round(performance.now() - t0), ...budget.spent, solverMs: Math.round(budget.spent.solverMs), ...(budget.reason ? { spent: budget.reason } : {}) }) + '\n');
  return { ...result, timeMs: Math.round((performance.now() - t0) * 10) / 10 };
}

/** FIDELITY_CLOSED_RUN: `first` (default) tries a function without inputs by its one
 *  execution before the symbolic check, `last` only where that check ends below `proved` or
 *  `refuted`, `off` never (closed-run.ts; README.md "Closed functions: one execution"). */
const closedRunMode = () => process.env.FIDELITY_CLOSED_RUN ?? 'first';

async function checkWithClosedRun(prog: CoreProgram, fn: CoreFn, module: Module, info: ModuleInfo, opts: ValidateOptions): Promise<FunctionVerdict> {
  const t0 = performance.now();
  const mode = closedRunMode();
  const closed = (): FunctionVerdict | null => {
    const fi = info.funcs.get(mlirName(fn.name));
    if (!fi?.body || mode === 'off') return null;
    const c = closedRun(prog, fn, module, info, fi);
    const timeMs = Math.round((performance.now() - t0) * 10) / 10;
    if (c.kind === 'open') return null; // not closed, or not exact: the symbolic check, unchanged
    if (c.kind === 'refuted') return { name: mlirName(fn.name), verdict: 'refuted', detail: `refuted: ${c.cex.difference}`, counterexample: c.cex, timeMs };
    return { name: mlirName(fn.name), verdict: c.kind, detail: c.detail, timeMs };
  };
  if (mode === 'first') {
    const c = closed();
    if (c) return c;
  }
  const v = await checkCoreFunction(prog, fn, module, info, opts);
  if (mode === 'last' && (v.verdict === 'unknown' || v.verdict.startsWith('bounded'))) return closed() ?? v;
  return v;
}

async function checkCoreFunction(prog: CoreProgram, fn: CoreFn, module: Module, info: ModuleInfo, opts: ValidateOptions): Promise<FunctionVerdict> {
  const t0 = performance.now();
  const name = mlirName(fn.name);
  const done = (v: Omit<FunctionVerdict, 'name' | 'timeMs'>): FunctionVerdict => ({ name, ...v, timeMs: Math.round((performance.now() - t0) * 10) / 10 });
  // a proof whose assumptions no input satisfies (Core fails an obligation or traps on every
  // execution) holds for any target: far more often a model bug than a real program
  // (../vacuity.ts), so `unknown`; undecided, the proof stands (a vacuous proof is still one).
  // Witness: every variable at its default (Core's arguments 0, strings and spans empty).
  const provedUnlessVacuous = async (detail: string, vac: { f: TermFactory; sets: Term[][] } | undefined): Promise<FunctionVerdict> => {
    if (vac) {
      const v = await sourceDefinedSomewhere(vac.f, vac.sets, () => [new Map()], opts.timeoutMs, `core.${fn.name}`);
      if (v.kind === 'vacuous') return done({ verdict: 'unknown', detail: `unknown: ${VACUOUS}` });
    }
    return done({ verdict: 'proved', detail });
  };
  const fi = info.funcs.get(name);
  if (!fi?.body) return done({ verdict: 'unsupported', detail: `unsupported: the MLIR has no body for @${name}` });
  const scope = outOfScope(prog, fn);
  if (scope) return done({ verdict: 'unsupported', detail: `unsupported: ${scope}` });
  const init = staticInitProblem(prog, fn, info);
  if (init?.kind === 'unmapped') return done({ verdict: 'unsupported', detail: `unsupported: ${init.what}` });
  if (init?.kind === 'differs') return done({ verdict: 'refuted', detail: `refuted: ${init.cex.difference}`, counterexample: init.cex });
  // cut points: loops proved for any number of iterations (cut-validate.ts);
  // a function whose only loops are the target's copy loops (cut-copy.ts) is tried after its
  // bounded check holds (below): where that check times out or refutes, the unbounded one
  // would only spend its budget (43 of the corpus's 202 functions are such string code)
  const copyOnly = !hasLoop(fn);
  const cut = copyOnly ? null : await proveByCutpoints(prog, fn, info, fi, opts);
  if (cut?.proved) return provedUnlessVacuous(`Core refines to the MLIR for executions of any length (${cut.why})`, cut.vac);
  let noCut = cut ? `; no unbounded proof: ${cut.why}` : '';
  let q: CoreQuery;
  let unroll = opts.unroll;
  const buildsStrings = printCustomOp(fi.op, '').includes('memref.alloc(');
  try {
    // core-loops / lead: a deeper unrolling is built only while its predicted size and build
    // time stay within MAX_TERMS and MAX_BUILD_MS. The depth doubles, and the prediction is
    // the growth of the last doubling, so paths that multiply with every iteration (string-
    // building mains: a query of 65 ms at depth 2 took minutes at depth 8) stop the retry early.
    let t = performance.now();
    // no deeper retry for a string builder, so a vacuous query there is the verdict: stop
    // before the target's symbolic run (date_arith's main: 114 s and 1.8 GB to learn it)
    try {
      q = coreQuery(prog, fn, info, fi, unroll, undefined, false, buildsStrings);
    } catch (e) {
      if (e instanceof QueryTooLarge) return done({ verdict: 'unknown', detail: `unknown: query too large at unroll ${unroll}: ${e.message}${noCut}` });
      if (!(e instanceof VacuousCore)) throw e;
      // a string builder whose Core always passes the depth: Core's run alone finds the depth
      // its loops need (milliseconds); the whole query is built there only while the target's
      // run stays within MAX_TERMS terms (symexec.ts TermLimit: debounce's main passed 500 k
      // at depth 4, date_arith's 5 M at 16) and its call frames within MAX_FRAME_FACTS
      // — with FIDELITY_STRING_RETRY=1 only: measured 27 Nov at the depth Core needs (CLI
      // settings), the 13 such rows of the corpus all stayed `unknown` (debounce at the term
      // limit in 6 s; the others a timeout or a query too large after 14-85 s, date_arith
      // 285 s), against milliseconds without the retry (README.md "Closed mains")
      const d = coreDepth(prog, fn, info, unroll);
      const deeper = d === null || !STRING_RETRY ? null : deeperQuery(prog, fn, info, fi, d);
      if (d === null || deeper === null || typeof deeper === 'string') return done({ verdict: 'unknown', detail: `unknown: a loop runs more than ${unroll} iterations on every execution; nothing was checked (${coreDepthNeeded(d, deeper)})${noCut}` });
      q = deeper;
      unroll = d;
    }
    let built = performance.now() - t;
    const q0size = q.pair.env.f.size;
    let growth = { time: 1, size: 1 };
    // a function that builds strings on the heap (memref.alloc'ed buffers filled by copy
    // loops) is not retried: its paths grow without a usable prediction (debounce's main:
    // 86 ms at depth 3, over 40 s at depth 4)
    while (q.vacuous && !buildsStrings && unroll < MAX_UNROLL && q.pair.env.f.size * growth.size <= MAX_TERMS && built * growth.time <= MAX_BUILD_MS) {
      const last = { built, size: q.pair.env.f.size, unroll };
      // the first step deepens by one iteration: its growth per iteration tells whether the
      // paths multiply (then the next doubling is predicted as that growth squared and more)
      const next = last.size === q0size ? unroll + 1 : Math.min(MAX_UNROLL, unroll * 2);
      const steps = next - unroll;
      unroll = next;
      t = performance.now();
      // a deeper query too large to build ends the retries (too-large.ts)
      try {
        q = coreQuery(prog, fn, info, fi, unroll);
      } catch (e) {
        if (!(e instanceof QueryTooLarge)) throw e;
        unroll = last.unroll;
        break;
      }
      built = performance.now() - t;
      const per = (a: number, b: number) => Math.pow(Math.max(1, a) / Math.max(1, b), 1 / steps);
      const ahead = Math.min(MAX_UNROLL, unroll * 2) - unroll; // iterations the next step adds
      growth = { time: Math.max(2, Math.pow(per(built, last.built), ahead)), size: Math.max(2, Math.pow(per(q.pair.env.f.size, last.size), ahead)) };
    }
  } catch (e) {
    if (e instanceof VacuousCore) return done({ verdict: 'unknown', detail: vacuousDetail(unroll, buildsStrings, noCut) });
    if (e instanceof NotMapped) return done({ verdict: 'unsupported', detail: e.message });
    if (e instanceof Unsupported) return done({ verdict: 'unsupported', detail: e.message.startsWith('unsupported') ? e.message : `unsupported: ${e.message}` });
    throw e;
  }
  const holds = async (): Promise<FunctionVerdict> => {
    if (q.vacuous) return done({ verdict: 'unknown', detail: vacuousDetail(unroll, buildsStrings, noCut) });
    if (!q.cut) return provedUnlessVacuous('Core refines to the MLIR (no loop was cut)', { f: q.pair.env.f, sets: [q.assertions.slice(0, -1)] });
    return done({ verdict: `bounded(${unroll})`, detail: `the MLIR refines Core for executions within ${unroll} iterations of each loop${noCut}` });
  };
  if (q.vacuous) return holds(); // Core assumes it never reaches a cut it always reaches: nothing to solve
  // one query per aliasing configuration of the memory parameters when there are few
  // (literal block ids simplify both sides), otherwise one query over all of them
  const configs = configurations(q.blockChoices);
  const queries: CoreQuery[] = [];
  try {
    if (configs.length > 1 && configs.length <= MAX_CONFIGS) for (const pick of configs) queries.push(coreQuery(prog, fn, info, fi, unroll, pick));
    else queries.push(q);
  } catch (e) {
    if (e instanceof NotMapped) return done({ verdict: 'unsupported', detail: e.message });
    if (e instanceof Unsupported) return done({ verdict: 'unsupported', detail: e.message.startsWith('unsupported') ? e.message : `unsupported: ${e.message}` });
    if (e instanceof QueryTooLarge) return done({ verdict: 'unknown', detail: `unknown: query too large at unroll ${unroll}: ${e.message}${noCut}` });
    throw e;
  }
  let unknown: string | null = null;
  for (const [k, qk] of queries.entries()) {
    const r = await solveOne(prog, fn, module, fi, qk, opts, queries.length > 1 ? `core.${fn.name}.alias${k}` : `core.${fn.name}`);
    if (r.kind === 'unsat') continue;
    if (r.kind === 'refuted') return done(r.verdict);
    // the verdict can be no better than unknown now; the remaining placements would only
    // cost more time (a refutation among them is left unsearched)
    unknown = queries.length > 1 ? `${r.detail} (aliasing placement ${k + 1} of ${queries.length})` : r.detail;
    break;
  }
  if (unknown) return done({ verdict: 'unknown', detail: `${unknown}${noCut}` }); // noCut: core-loops
  // cuts that no execution reaches (a copy loop over a text the assumptions keep short):
  // the bounded check covered every execution (cut-unreached.ts)
  // (the within-bound answer is asked once: here, or below for bounded(k))
  let within: Awaited<ReturnType<typeof someExecutionWithinBound>> | null = null;
  const withinBound = async () => (within ??= await someExecutionWithinBound(q, opts.timeoutMs, `core.${fn.name}`));
  if (await noCutReached(q, opts.timeoutMs, `core.${fn.name}`) && (await withinBound()).kind === 'some') return done({ verdict: 'proved', detail: `Core refines to the MLIR (no loop was cut: no execution reaches a cut at unroll ${unroll})` });
  // bounded by the target's copy loops alone: try them for any length
  if (copyOnly && q.cut && !q.vacuous) {
    await freshZ3Context(); // (z3-wasm: a context's history slows it down)
    const c = await proveByCutpoints(prog, fn, info, fi, opts);
    if (c?.proved) return provedUnlessVacuous(`Core refines to the MLIR for executions of any length (${c.why})`, c.vac);
    if (c) noCut = `; no unbounded proof: ${c.why}`;
  }
  // a target that never returns where Core returns: refuted by a replay that sees it come
  // back to a loop head in an earlier state (diverges.ts); else bounded or unknown, below
  if (q.cut && !q.vacuous) {
    const d = await refuteByDivergence(prog, fn, module, fi, q, opts.timeoutMs, `core.${fn.name}`);
    if (d) return done(d);
  }
  // bounded(k) only if some execution within k was checked (within-bound.ts)
  if (q.cut && !q.vacuous) {
    const w = await withinBound();
    if (w.kind === 'none') return done({ verdict: 'unknown', detail: `unknown: every execution runs a loop (of Core or the target) more than ${unroll} iterations; nothing was checked${noCut}` });
    if (w.kind === 'undecided') return done({ verdict: 'unknown', detail: `unknown: no difference within ${unroll} iterations, but whether any execution stays within them is undecided (${w.reason})${noCut}` });
  }
  return holds();
}

// deeper unrolling of string builders
/** The least doubling of `unroll` at which Core's loops do not always pass the bound, by
 *  Core's symbolic run alone (milliseconds); null past MAX_UNROLL. */
function coreDepth(prog: CoreProgram, fn: CoreFn, info: ModuleInfo, unroll: number): number | null {
  let d = unroll;
  do d = Math.min(MAX_UNROLL, d * 2);
  while (d < MAX_UNROLL && coreAlwaysCut(prog, fn, info, d));
  return coreAlwaysCut(prog, fn, info, d) ? null : d;
}

/** The query of a string builder at depth `d`, or why it is not built: the target's copy
 *  loops can make it large and slow (measured 26 Nov, unroll 8 -> 16/32: hdlc_framer,
 *  lcg_random, float_format, insertion_sort, fir_q15 `main` each built in 1-3 s; date_arith's
 *  main has 5 M terms at 16), so the target's run stops at MAX_TERMS terms. */
function deeperQuery(prog: CoreProgram, fn: CoreFn, info: ModuleInfo, fi: FuncInfo, d: number): CoreQuery | string {
  try {
    return coreQuery(prog, fn, info, fi, d, undefined, false, false, MAX_TERMS);
  } catch (e) {
    if (e instanceof TermLimit || e instanceof QueryTooLarge) return e.message;
    throw e;
  }
}

function coreDepthNeeded(d: number | null, why: string | null | CoreQuery): string {
  if (d === null) return `Core's loops pass ${MAX_UNROLL} iterations too`;
  if (typeof why === 'string') return `Core's loops need unroll ${d}; the query there is too large: ${why}`;
  return `Core's loops need unroll ${d}; unrolling deeper is not tried for a function that builds strings: its copy loops make the query too large`;
}

/** FIDELITY_STRING_RETRY=1: string builders are retried at the depth Core's loops need. */
const STRING_RETRY = process.env.FIDELITY_STRING_RETRY === '1';

/** Aliasing configurations: one block index per memory parameter. */
function configurations(counts: number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of counts) out = out.flatMap((c) => Array.from({ length: n }, (_, i) => [...c, i]));
  return out;
}

/** Up to this many aliasing configurations are checked one by one. */
const MAX_CONFIGS = 16;

type Solved = { kind: 'unsat' } | { kind: 'refuted'; verdict: Omit<FunctionVerdict, 'name' | 'timeMs'> } | { kind: 'unknown'; detail: string };

async function solveOne(prog: CoreProgram, fn: CoreFn, module: Module, fi: FuncInfo, q: CoreQuery, opts: ValidateOptions, name: string): Promise<Solved> {
  if (q.mismatch.kind === 'bool' && !q.mismatch.value) return { kind: 'unsat' };
  // a member beside its negation in an and/or folded (complements.ts: identities, so the same
  // models; a part that folds to false is no query)
  q = { ...q, assertions: withoutComplements(q.pair.env.f, q.assertions) };
  const last = q.assertions[q.assertions.length - 1]!;
  if (last.kind === 'bool' && !last.value) return { kind: 'unsat' };
  const wantModel = freeVars(q.assertions);
  // core-memory engineer: x / 2^p, x * 2^p as bit operations (pow2.ts: identities)
  // then the low bits of Core's wide arena arithmetic in 64 bits (low-bits.ts)
  q = { ...q, assertions: tidyArenaArithmetic(q.pair.env.f, q.assertions) };
  // core-memory engineer: float computations as unknown functions first (floats.ts): UNSAT
  // there is UNSAT here; a model there is only a candidate, refuting only if it replays
  const abs = await solveFloatAbstraction(q.pair.env.f, q.assertions, wantModel, opts.timeoutMs, name, opts.dumpSmt);
  if (abs.kind === 'unsat') return { kind: 'unsat' };
  if (abs.kind === 'sat') {
    for (const model of abs.models) {
      const rep = replayCoreCounterexample(prog, fn, module, fi, q, model);
      if (rep.kind === 'refuted') return { kind: 'refuted', verdict: { verdict: 'refuted', detail: `refuted: ${rep.cex.difference}`, counterexample: rep.cex } };
    }
  }
  // the mismatch part by part (split.ts), each with its own time limit
  const r = await checkInParts(
    q.pair.env.f, q.assertions, wantModel, `counterexample to core-to-mlir of ${fn.name}`,
    opts.dumpSmt ? { timeoutMs: opts.timeoutMs, dumpTo: opts.dumpSmt, name } : { timeoutMs: opts.timeoutMs, name },
  );
  if (r.status === 'unsat') return { kind: 'unsat' };
  if (r.status === 'unknown' || r.status === 'inconsistent') return { kind: 'unknown', detail: `unknown: ${r.reason ?? r.status}` };
  // a part the bounds simplification folded to `true` (a mismatch on every
  // input the assumptions allow) leaves no variable to name in a model: the unsimplified
  // query gives one; with no free variable at all, any input is one (the empty model). Only
  // a replayed difference refutes, as for every model.
  let model = r.model;
  if (!model) {
    const again = await checkQuery({ assertions: q.assertions, wantModel, description: `a model of core-to-mlir of ${fn.name} (its query simplified to true)` }, { timeoutMs: opts.timeoutMs, name: `${name}.whole-model` });
    if (again.status === 'sat') model = again.model ?? (wantModel.length === 0 ? new Map() : undefined);
  }
  if (!model) return { kind: 'unknown', detail: `unknown: the solver gave no model (${r.reason ?? ''})` };
  let rep = replayCoreCounterexample(prog, fn, module, fi, q, model);
  // strings: runtime strings of at least two bytes (an empty line or
  // argument hides a wrong length or index)
  const texts = rep.kind === 'no' ? longerTexts(q) : null;
  if (rep.kind === 'no' && (texts || fn.params.some((p) => p.ty.kind === 'ptr' || p.ty.kind === 'span' || p.ty.kind === 'arena'))) {
    // the solver likes huge blocks; ask again for argument blocks of at most 64 elements
    // (and arenas of at most 4096 bytes: core-memory engineer)
    const F = q.pair.env.f;
    const smallArenas = q.core.params.flatMap((p) => (p.value.k === 'arena' ? [F.app('bvule', [meta(F, q.core.initialMemory, 'acap', p.value.id), F.bv(4096, 64)])] : []));
    const small = await checkQuery(
      { assertions: [...q.assertions, smallInputs(q.shared, q.core), ...smallArenas, ...(texts ? [texts] : [])], wantModel, description: `a small counterexample to core-to-mlir of ${fn.name}` },
      { timeoutMs: opts.timeoutMs, name: `${name}.small` },
    );
    if (small.status === 'sat' && small.model) rep = replayCoreCounterexample(prog, fn, module, fi, q, small.model);
  }
  if (rep.kind === 'refuted') return { kind: 'refuted', verdict: { verdict: 'refuted', detail: `refuted: ${rep.cex.difference}`, counterexample: rep.cex } };
  if (rep.why.startsWith(UNDEF_USE)) return { kind: 'unknown', detail: `unknown: ${rep.why}` }; // undef engineer: replay.ts undefConfirmed
  if (rep.why.startsWith(SEALED)) return { kind: 'unknown', detail: `unknown: ${rep.why}` }; // replay-sealed.ts
  // a model past the replay's own limits is its own unknown (replay-limits.ts)
  const limit = replayLimitDetail(rep.why);
  if (limit) return { kind: 'unknown', detail: limit };
  if (q.core.calls.length > 0) {
    return { kind: 'unknown', detail: `unknown: counterexample did not replay (the check takes callees as unknown functions; the replay runs their bodies): ${rep.why}` };
  }
  const wide = wideOffsetUnknown(rep.why); // soundness reviewer: ../wide-offset.ts
  if (wide) return { kind: 'unknown', detail: wide };
  return { kind: 'unknown', detail: `unknown: engine bug: counterexample did not replay: ${rep.why}` };
}

function vacuousDetail(unroll: number, buildsStrings: boolean, noCut: string): string {
  const deeper = unroll < MAX_UNROLL ? ` (unrolling deeper ${buildsStrings ? 'is not tried for a function that builds strings' : 'would exceed the query size or build time limit'})` : '';
  return `unknown: a loop runs more than ${unroll} iterations on every execution; nothing was checked${deeper}${noCut}`;
}
