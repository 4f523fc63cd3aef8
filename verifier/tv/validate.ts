// validatePair: the refinement check of every function two modules share (paired by name).
// For each pair: symbolic execution of both sides over shared inputs (pair.ts), the
// refinement query (query.ts), the solver, and for a counterexample a concrete replay on
// both sides (replay.ts) — only a replayed mismatch is `refuted`.
import { walk, type Module, type Region } from '../../compiler/mlir/ir.ts';
import { BOOL, type Term } from '../smt/term.ts';
import type { TermFactory } from '../smt/factory.ts';
import { checkQuery } from '../smt/solver.ts';
import { moduleInfo, type FuncInfo, type ModuleInfo } from '../semantics/mlir/module-info.ts';
import { UP_SORT } from '../semantics/mlir/symbolic-memory.ts';
import { freesMemory, SymExec, textOrderLoops, WidenPts, type SideResult } from '../semantics/mlir/symexec.ts';
import { sameSlots, slotsOf, slotText, unflatten, Unsupported } from '../semantics/mlir/values.ts';
import { argLayout, pairEnv, type ArgLayout, type PairEnv } from './pair.ts';
import type { Model } from '../smt/model.ts';
import { cutpointQuery } from './cutpoint.ts';
import { loopSlotMatches } from './cutpoint-slots.ts';
import { findInvariants } from './invariants.ts';
import { freeVars, nanSetHolds, refinementQuery, withoutNanSet } from './query.ts';
import { notNaNTerm, otherNanPattern } from './nan-patterns.ts';
import { ALLOC_ORDER, BIG_FRESH, CALL_UNWRITTEN, NAN_ONLY, replayCounterexample, sourceEndsCleanly, UNDEF_USE } from './replay.ts';
import { UNSPECIFIED } from './unspecified-choice.ts';
import { forallSourceChoices } from './source-choices.ts';
import { wideOffsetUnknown } from './wide-offset.ts';
import { SEALED } from './sealed-globals.ts';
import { lassoQuery } from './lasso.ts';
import { concreteRefutation } from './concrete-tests.ts';
import { sourceUndefVerdict } from './undef.ts';
import { attributeProblem } from './attributes.ts';
import { mallocNullProblem } from './malloc-null.ts';
import { pointerPunProblem } from './pointer-puns.ts';
import { executionWithinBound } from './within-bound.ts';
import { mlirWitnesses, sourceDefinedSomewhere, VACUOUS, VACUOUS_ENDING } from './vacuity.ts';
import { globalDifferences, namedGlobal, replaceableConstants } from './globals.ts';
import type { Counterexample, FunctionVerdict, ValidateOptions } from './verdict.ts';

export type { FunctionVerdict, ValidateOptions } from './verdict.ts';

/** What a proof assumed of the source, to ask whether it is vacuous (vacuity.ts): the
 *  assumptions of its query and the argument layout its witnesses are built on; for a
 *  cut-point proof also `ends`, where the source's run ends (returns or stops in a call that
 *  does not return), when that is not literally false (a loop with no exit). */
type VacInput = { f: TermFactory; sets: Term[][]; pair: PairEnv; layout: ArgLayout; ends?: Term };

/** Interpreter steps of a concrete source run that may show a proof is not vacuous. */
const VACUITY_STEPS = 100_000;
type CutProof = { proved: boolean; why: string; vac?: VacInput };

/** What validatePair checks, in its order: a row known without a check (a module it cannot
 *  read, a body on one side only) or a function pair to check. The worker pool splits a pass
 *  by the same list (bin/cli/validate-tasks.ts planPair). */
export type PairItem =
  | { kind: 'row'; row: FunctionVerdict }
  | { kind: 'fn'; si: ModuleInfo; ti: ModuleInfo; s: FuncInfo; t: FuncInfo };

export function pairFunctions(src: Module, tgt: Module): PairItem[] {
  let si: ModuleInfo;
  let ti: ModuleInfo;
  try {
    si = moduleInfo(src);
    ti = moduleInfo(tgt);
  } catch (e) {
    if (e instanceof Unsupported) return [{ kind: 'row', row: { name: '(module)', verdict: 'unsupported', detail: e.message, timeMs: 0 } }];
    throw e;
  }
  const out: PairItem[] = [];
  // globals both modules define must agree (globals.ts)
  const differing = globalDifferences(si, ti);
  for (const [g, what] of differing) out.push({ kind: 'row', row: { name: `${g} (global)`, verdict: 'unsupported', detail: `unsupported: the global @${g} differs between the modules: ${what}`, timeMs: 0 } });
  // and constants whose initializer is not definitive (globals.ts replaceableConstants)
  const replaceable = new Map([...replaceableConstants(si), ...replaceableConstants(ti)]);
  for (const name of [...new Set([...si.funcs.keys(), ...ti.funcs.keys()])].sort()) {
    const s = si.funcs.get(name);
    const t = ti.funcs.get(name);
    if (!s?.body && !t?.body) continue; // declarations on both sides (or one): nothing to validate
    if (!s?.body || !t?.body) {
      out.push({ kind: 'row', row: { name, verdict: 'unsupported', detail: `unsupported: @${name} has a body only in the ${s?.body ? 'source' : 'target'}`, timeMs: 0 } });
      continue;
    }
    // a global that differs (globals.ts), attributes the semantics does
    // not model (attributes.ts)
    const g = namedGlobal(s, differing) ?? namedGlobal(t, differing);
    const w = namedGlobal(s, replaceable) ?? namedGlobal(t, replaceable);
    const attr = g ? `unsupported: @${name} refers to the global @${g}, whose definition differs between the modules (${differing.get(g)})` : w ? `unsupported: @${name} reads the constant @${w}, whose bytes are not known (${replaceable.get(w)})` : attributeProblem(si, ti, s, t) ?? mallocNullProblem(s, t) ?? pointerPunProblem(s, t); // pointerPun: soundness fixer, session 9
    if (attr) {
      out.push({ kind: 'row', row: { name, verdict: 'unsupported', detail: attr, timeMs: 0 } });
      continue;
    }
    out.push({ kind: 'fn', si, ti, s, t });
  }
  return out;
}

/** Validates every function defined (with a body) in src or tgt; functions on one side only
 *  are listed as unsupported. */
export async function validatePair(src: Module, tgt: Module, opts: ValidateOptions): Promise<FunctionVerdict[]> {
  const out: FunctionVerdict[] = [];
  for (const it of pairFunctions(src, tgt)) out.push(it.kind === 'row' ? it.row : await validateFunction(it.si, it.ti, it.s, it.t, opts));
  return out;
}

export async function validateFunction(si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo, opts: ValidateOptions): Promise<FunctionVerdict> {
  const t0 = performance.now();
  const done = (v: Omit<FunctionVerdict, 'name' | 'timeMs'>): FunctionVerdict => ({ name: s.name, ...v, timeMs: Math.round((performance.now() - t0) * 10) / 10 });
  let q;
  let cutHappened = false;
  let pair;
  let layout;
  let srcSide: SideResult | undefined;
  let tgtSide: SideResult | undefined;
  // The cut-point proof stands on its own (cutpoint.ts: its last part is the refinement of
  // every path between headers and returns), so for a function with loops it is tried first,
  // before the bounded run: that run unrolls every loop `unroll` times (nested loops
  // multiply) and its query is often the largest of the function by far (tlv_parser's
  // decode: 27 s in native z3 against 0.4 s for all parts of the cut-point proof). The
  // bounded check runs only when the proof fails — its models are the counterexamples.
  let cutMemo: Promise<CutProof> | undefined;
  const cutProof = () =>
    (cutMemo ??= opts.cutpoints === false ? Promise.resolve({ proved: false, why: 'not tried (--no-cutpoints)' }) : proveByCutpoints(si, ti, s, t, opts, false));
  // the same proof with loop invariants (invariants.ts), only once the
  // bounded query found no difference (or gave up): a refuted pair never pays for the search
  let cutInvMemo: Promise<CutProof> | undefined;
  const cutProofInv = () =>
    (cutInvMemo ??= cutProof().then(async (plain) => {
      if (plain.proved || opts.cutpoints === false || opts.invariants === false) return plain;
      const inv = await proveByCutpoints(si, ti, s, t, opts, true);
      return inv.proved ? inv : { proved: false, why: `${plain.why}${inv.why ? `; ${inv.why}` : ''}` };
    }));
  // a proof whose assumptions no input satisfies (the source UB on every execution) holds
  // for any target: far more often a model bug than a real program (vacuity.ts), so `unknown`;
  // undecided, the proof stands (a vacuous proof is still one)
  // A cut-point query's havoc header states can pick a segment that avoids UB after a loop
  // (the back edge, not the exit), so there the question is first whether a defined segment
  // ends the run: if none does, whether any is defined at all says which vacuity it is.
  const provedUnlessVacuous = async (detail: string, vac: VacInput | undefined): Promise<FunctionVerdict> => {
    if (!vac) return done({ verdict: 'proved', detail });
    const concrete = { pre: vac.layout.pre, ends: (m: Model) => sourceEndsCleanly(si, s, vac.pair, vac.layout, m, VACUITY_STEPS) };
    const ask = (sets: Term[][]) => sourceDefinedSomewhere(vac.f, sets, () => mlirWitnesses(vac.layout, s.params), opts.timeoutMs, s.name, concrete);
    const v = await ask(vac.ends ? vac.sets.map((set) => [...set, vac.ends!]) : vac.sets);
    if (v.kind !== 'vacuous') return done({ verdict: 'proved', detail });
    const any = vac.ends ? await ask(vac.sets) : v;
    if (any.kind === 'vacuous') return done({ verdict: 'unknown', detail: `unknown: ${VACUOUS}` });
    if (any.kind === 'defined') return done({ verdict: 'unknown', detail: `unknown: ${VACUOUS_ENDING}` });
    return done({ verdict: 'proved', detail });
  };
  const provedAnyLength = (cut: CutProof) => provedUnlessVacuous(`refinement holds for executions of any length (${cut.why})`, cut.vac);
  try {
    const srcSlots = s.params.flatMap(slotsOf);
    const tgtSlots = t.params.flatMap(slotsOf);
    const srcRes = s.results.flatMap(slotsOf);
    const tgtRes = t.results.flatMap(slotsOf);
    if (!sameSlots(srcSlots, tgtSlots) || !sameSlots(srcRes, tgtRes)) {
      const show = (xs: typeof srcSlots) => `(${xs.map(slotText).join(', ')})`;
      return done({
        verdict: 'unsupported',
        detail: `unsupported: the signatures do not correspond under the memref-descriptor mapping: ${show(srcSlots)} -> ${show(srcRes)} vs ${show(tgtSlots)} -> ${show(tgtRes)}`,
      });
    }
    if (opts.cutFirst !== false && opts.cutpoints !== false && textOrderLoops(s.body!).ids.size + textOrderLoops(t.body!).ids.size > 0) {
      const cut = await cutProof();
      if (cut.proved) return provedAnyLength(cut);
    }
    pair = pairEnv(si, ti, opts.unroll);
    pair.env.recordHeaders = opts.lasso !== false; // the lasso query's header states (lasso.ts)
    ({ layout, srcSide, tgtSide } = runSides(si, ti, s, t, pair));
    cutHappened = srcSide.cutHappened || tgtSide.cutHappened;
    q = refinementQuery(pair.env.f, pair.env.D, lassoPre(layout, srcSide, tgtSide), srcSide, tgtSide);
  } catch (e) {
    if (e instanceof Unsupported) return done({ verdict: 'unsupported', detail: e.message });
    throw e;
  }
  const bound = `bounded(${opts.unroll})` as const;
  const unrolledFully = !cutHappened || (q.cutReachable.kind === 'bool' && !q.cutReachable.value);
  const holds = async (): Promise<FunctionVerdict> => {
    // the bounded query's assumptions: the source has no UB and stays within the bound
    const vac = { f: pair!.env.f, sets: [q!.assertions.slice(0, -1)], pair: pair!, layout: layout! };
    if (!cutHappened) return provedUnlessVacuous('refinement holds (no loop was cut)', vac);
    // every execution may still fit in the bound: then nothing was left out
    if (unrolledFully) return provedUnlessVacuous('refinement holds (loops fully unrolled)', vac);
    const cut = await cutProofInv();
    if (cut.proved) return provedAnyLength(cut);
    const boundedDetail = `refinement holds for executions within ${opts.unroll} iterations of each loop; no unbounded proof: ${cut.why}`;
    // a target that loops forever where the source returns: only a concretely repeated state
    const lasso = await lassoRefutation(si, ti, s, t, pair!, layout!, srcSide!, tgtSide!, opts);
    if (lasso.kind === 'refuted') return done({ verdict: 'refuted', detail: `refuted: ${lasso.cex.difference}`, counterexample: lasso.cex });
    // a difference beyond the bound may still show on a concrete input (never a proof)
    const tested = concreteTests();
    if (tested.kind === 'refuted') return tested.verdict;
    if (lasso.why) return boundedIfSomeWithin(`${boundedDetail}; ${lasso.why}`, tested.note);
    if (!opts.checkCutReachable) return boundedIfSomeWithin(boundedDetail, tested.note);
    const r = await checkQuery({ assertions: [q.cutReachable], wantModel: [], description: `can @${s.name} run past the unrolling bound?` }, queryOpts(opts, `${s.name}.cut`));
    if (r.status === 'unsat') return provedUnlessVacuous('refinement holds (loops fully unrolled)', vac);
    return boundedIfSomeWithin(boundedDetail, tested.note);
  };
  // `bounded(k)` must mean some execution was checked. The query assumes the
  // source within the bound and, where the target was cut, checks only its UB before the cut:
  // when no execution the assumptions allow stays within k on both sides (a loop whose trip
  // count is always above k), the unsat answer was about no execution (within-bound.ts).
  // (an unknown says what the concrete tests ran: they are all that looked past the bound)
  const boundedIfSomeWithin = async (detail: string, testedNote: string): Promise<FunctionVerdict> => {
    const w = await executionWithinBound(pair!.env.f, q!.assertions.slice(0, -1), pair!.env.f.not(tgtSide!.cut), opts.timeoutMs, s.name);
    // (some: a model of the assumptions, so the source has a defined execution — the
    // vacuity question of vacuity.ts is answered too)
    if (w.kind === 'some') return done({ verdict: bound, detail });
    if (w.kind === 'none') {
      // none within the bound: is it the loops, or a source with UB within its first k
      // iterations on every execution (cuts allowed)? Asked only here, where nothing was checked
      const vac = await sourceDefinedSomewhere(pair!.env.f, [[...lassoPre(layout!, srcSide!, tgtSide!), pair!.env.f.not(srcSide!.ub)]], () => mlirWitnesses(layout!, s.params), opts.timeoutMs, s.name);
      if (vac.kind === 'vacuous') return done({ verdict: 'unknown', detail: `unknown: ${VACUOUS}` });
      return done({ verdict: 'unknown', detail: `unknown: every execution runs a loop more than ${opts.unroll} iterations; nothing was checked (try a larger --unroll)${testedNote}` });
    }
    return done({ verdict: 'unknown', detail: `unknown: no difference within ${opts.unroll} iterations of each loop, but whether any execution stays within that bound is undecided (${w.reason}), so nothing may have been checked (try a larger --unroll)${testedNote}` });
  };
  // Concrete tests (concrete-tests.ts), only where the solver did not decide: a timeout, or
  // a bounded verdict the cut-point proof could not lift. Never run for a proved check.
  const concreteTests = (): { kind: 'refuted'; verdict: FunctionVerdict } | { kind: 'none'; note: string } => {
    if (opts.concreteTests === false) return { kind: 'none', note: '' };
    const c = concreteRefutation(si, ti, s, t, pair!, layout!, lassoPre(layout!, srcSide!, tgtSide!), opts);
    if (c.kind === 'refuted') {
      return { kind: 'refuted', verdict: done({ verdict: 'refuted', detail: `refuted (concrete test: ${c.input}): ${c.cex.difference}`, counterexample: c.cex }) };
    }
    return { kind: 'none', note: `; concrete tests found no difference (${c.tried} input${c.tried === 1 ? '' : 's'} run${c.inadmissible ? `, ${c.inadmissible} outside the query's assumptions` : ''}, ${c.ms} ms)` };
  };
  // a proof or a bound stands only if the source never computes with a
  // read of memory nobody wrote (undef.ts); a refutation needs no such check
  // (also before a `vacuous` verdict: reading unwritten memory as poison can make the source
  // UB everywhere where LLVM's undef would not — `1 / (x | 1)` — and then the honest
  // verdict is the undef one; tests/verifier/tv/undef-probes.test.ts)
  const holdsDefined = async (): Promise<FunctionVerdict> => {
    const v = await holds();
    const vacuous = v.verdict === 'unknown' && v.detail.startsWith('unknown: vacuous:');
    if (v.verdict !== 'proved' && !v.verdict.startsWith('bounded') && !vacuous) return v;
    const u = await sourceUndefVerdict(q!.undef, s.name, opts, `${s.name}.undef`);
    return u ? done(u) : v;
  };
  if (q.mismatch.kind === 'bool' && !q.mismatch.value) return holdsDefined();
  // soundness reviewer: the source's unspecified choices under a "for all" (source-choices.ts)
  // and its llvm.freeze values of poison (FREEZE_FORALL)
  let assertions = forallSourceChoices(pair.env.f, q.assertions, hasFreeze(s));
  let wantModel = freeVars(assertions);
  // the comparison of unwritten source bytes a call sees (query.ts
  // snapUndefSplit) is asked only when the rest of the mismatch is unsat: a model of the rest
  // is a model of the whole (mismatch = rest or part), so verdicts stay; only cost moves. Not
  // under a "for all" of source choices (for all c, rest or part is not the disjunction of
  // the two "for all"s), where the whole query is asked as before.
  const split = assertions === q.assertions ? q.snapUndefSplit : undefined;
  let r: Awaited<ReturnType<typeof checkQuery>>;
  if (!split) r = await checkQuery({ assertions, wantModel, description: `counterexample to the refinement of @${s.name}` }, queryOpts(opts, s.name));
  else {
    const pre = q.assertions.slice(0, -1);
    assertions = [...pre, split.rest];
    wantModel = freeVars(assertions);
    r = await checkQuery({ assertions, wantModel, description: `counterexample to the refinement of @${s.name} (other than unwritten bytes at a call)` }, queryOpts(opts, s.name));
    if (r.status === 'unsat') {
      assertions = [...pre, split.part];
      wantModel = freeVars(assertions);
      r = await checkQuery({ assertions, wantModel, description: `counterexample to the refinement of @${s.name}: an unwritten source byte a call sees` }, queryOpts(opts, `${s.name}.snap-undef`));
    }
  }
  if (r.status === 'unsat') return holdsDefined();
  if (r.status === 'unknown' || r.status === 'inconsistent') {
    // the search for a difference within the bound gave up; a target that loops forever may
    // still be shown by the (often smaller) lasso query, and only by its replay
    const lasso = tgtSide!.cutHappened ? await lassoRefutation(si, ti, s, t, pair!, layout!, srcSide!, tgtSide!, opts) : null;
    if (lasso?.kind === 'refuted') return done({ verdict: 'refuted', detail: `refuted: ${lasso.cex.difference}`, counterexample: lasso.cex });
    // concrete tests: a difference on a chosen input is as good as the solver's model
    const tested = concreteTests();
    if (tested.kind === 'refuted') return tested.verdict;
    // the cut-point proof stands on its own: with loop invariants it
    // may still prove — after the tests (at most 3 s), so that the invariant search (up to
    // INVARIANT_SEARCH's budget) is paid only where no input showed a difference
    if (cutHappened) {
      const cut = await cutProofInv();
      if (cut.proved) return provedAnyLength(cut);
    }
    return done({ verdict: 'unknown', detail: `unknown: ${r.reason ?? r.status}${tested.note}` });
  }
  if (!r.model && wantModel.length > 0) return done({ verdict: 'unknown', detail: `unknown: the solver gave no model (${r.reason ?? ''})` });
  let rep = replayCounterexample(si, ti, s, t, pair, layout, r.model ?? new Map(), opts);
  // a model whose only difference is between two NaNs (not shown as
  // refuted) hides a real one on other inputs (x + 0.0 folded to x differs at x = -0.0, but
  // the solver's first model was a NaN x): ask once more with no float argument a NaN
  // (tests/verifier/tv/probe-wrong-folds.test.ts)
  // a NaN the target computes from operands the source's does not (query.ts extraNaN): the
  // replay writes one canonical NaN on both sides, so its model shows no difference
  const nanSet = rep.kind === 'no' && rep.why.startsWith('both sides behave the same') && nanSetHolds(q.mismatch, r.model ?? new Map());
  if (rep.kind === 'no' && (rep.why.startsWith(NAN_ONLY) || nanSet)) {
    const F = pair.env.f;
    const notNaN = layout.values.flatMap((x) => notNaNTerm(F, x) ?? []);
    if (notNaN.length > 0) {
      const again = await checkQuery({ assertions: [...assertions, ...notNaN], wantModel, description: `counterexample to the refinement of @${s.name} without NaN arguments` }, queryOpts(opts, `${s.name}.no-nan`));
      if (again.status === 'sat' && again.model) {
        const rep2 = replayCounterexample(si, ti, s, t, pair, layout, again.model, opts);
        if (rep2.kind === 'refuted') rep = rep2;
      }
    }
  }
  // a real difference may need some float argument to be a NaN while another NaN argument
  // gives the payload-only model: ask for other NaN patterns of the arguments, each blocking
  // the ones seen (at most 3 more queries; review 17, nan-patterns.ts)
  const seen: Term[] = [];
  for (let i = 0, m = r.model; i < 3 && m && rep.kind === 'no' && rep.why.startsWith(NAN_ONLY); i++) {
    const other = otherNanPattern(pair.env.f, layout.values, m);
    if (!other) break;
    seen.push(other);
    const again = await checkQuery({ assertions: [...assertions, ...seen], wantModel, description: `counterexample to the refinement of @${s.name} with other NaN arguments` }, queryOpts(opts, `${s.name}.nan-pattern${i}`));
    if (again.status !== 'sat' || !again.model) break;
    m = again.model;
    const rep2 = replayCounterexample(si, ti, s, t, pair, layout, m, opts);
    if (rep2.kind === 'refuted') rep = rep2;
  }
  // the NaN-set condition is not guarded by the path that selects its op, so its model may
  // show nothing while a real difference exists elsewhere: ask for one without it (review 16)
  if (rep.kind !== 'refuted' && nanSet) {
    const rest = withoutNanSet(pair.env.f, assertions);
    const again = await checkQuery({ assertions: rest, wantModel: freeVars(rest), description: `counterexample to the refinement of @${s.name} other than a NaN payload` }, queryOpts(opts, `${s.name}.no-nan-set`));
    if (again.status === 'sat' && again.model) {
      const rep2 = replayCounterexample(si, ti, s, t, pair, layout, again.model, opts);
      if (rep2.kind === 'refuted') rep = rep2;
    }
  }
  if (rep.kind === 'refuted') return done({ verdict: 'refuted', detail: `refuted: ${rep.cex.difference}`, counterexample: rep.cex });
  if (nanSet) {
    return done({ verdict: 'unknown', detail: `unknown: ${NAN_ONLY}the target computes a NaN from operands the source's does not (its payload may be one the source's cannot have; ${rep.why})` });
  }
  // a modular difference the run with the bodies did not confirm: a concrete input may still
  // show one with the bodies run (replay.ts differsWithBodies; tlv_parser's clef_entry under
  // int-range-optimizations: the model's messages parse, the tests' do not — issue 4 U4);
  // so may one whose fresh blocks correspond otherwise (replay.ts correspondences: a pass
  // that swaps two escaping allocations and also the calls they are passed to)
  if (rep.why.startsWith('interprocedural:') || rep.why.startsWith(ALLOC_ORDER)) {
    const tested = concreteTests();
    if (tested.kind === 'refuted') return tested.verdict;
    return done({ verdict: 'unknown', detail: `unknown: ${rep.why}${tested.note}` });
  }
  if (rep.why.startsWith(NAN_ONLY) || rep.why.startsWith(UNDEF_USE) || rep.why.startsWith(CALL_UNWRITTEN)) return done( // UNDEF_USE, CALL_UNWRITTEN: undef engineer
    { verdict: 'unknown', detail: `unknown: ${rep.why}` });
  // a replay through an unspecified choice (unspecified-choice.ts)
  if (rep.why.startsWith(UNSPECIFIED)) return done({ verdict: 'unknown', detail: `unknown: ${rep.why}` });
  // a model that needs an external call to reach a global it cannot (sealed-globals.ts)
  if (rep.why.startsWith(SEALED)) return done({ verdict: 'unknown', detail: `unknown: ${rep.why}` });
  // a model that needs a large block's unwritten bytes in the source to be the model's values
  if (rep.why.startsWith(BIG_FRESH)) return done({ verdict: 'unknown', detail: `unknown: ${rep.why}` });
  // a model with a pointer 4 GiB or more into its block is past what
  // the replay's integer addresses can represent (wide-offset.ts)
  const wide = wideOffsetUnknown(rep.why);
  if (wide) return done({ verdict: 'unknown', detail: wide });
  return done({ verdict: 'unknown', detail: `unknown: engine bug: counterexample did not replay (${rep.why})` });
}

/** The invariant search's budget (invariants engineer), in z3 resource units so that its
 *  verdict does not depend on the machine's load: luhn main's 11 loops take ~130 checks, 8-10
 *  M units — 13 s at load 10, 50 s at load 13 (26 Nov). Each check at most 5 M units; the
 *  wall clock (ten time limits) only stops a search that a solver without resource counts
 *  would not. It runs only where the bounded check found no difference and the plain
 *  cut-point proof failed. */
const INVARIANT_SEARCH = { units: 50_000_000, checkUnits: 5_000_000, limits: 10 };

/** The cut-point proof (cutpoint.ts): proved, or why not (a model of this query may be an
 *  unreachable loop state, so it never refutes anything). */
async function proveByCutpoints(si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo, opts: ValidateOptions, invariants: boolean): Promise<CutProof> {
  // private allocation counters shared first (most passes keep allocations); if that fails,
  // each side's own (a lowering that adds allocas). Proved when either attempt proves, so
  // the order only moves cost: where the two bodies hold different numbers of stack
  // allocations (finalize-memref-to-llvm lowers memref.dim through an llvm.alloca), the
  // shared attempt as a rule fails, and its sat answers were the dearest queries of the
  // corpus check (region_stats @summary: 32 M z3 units, near the time limit) — each side's
  // own counters are tried first there. A failure still reports the shared attempt's reason.
  // FIDELITY_NO_APART_FIRST=1: always the shared counters first (as before), to measure.
  if (process.env.FIDELITY_NO_APART_FIRST !== '1' && stackAllocations(s.body!) !== stackAllocations(t.body!)) {
    const apart = await cutpointAttempt(si, ti, s, t, opts, false, invariants);
    // (not allocating: the two attempts are the same query; an attempt that stopped before
    // its query, unsupported, says nothing of the other)
    if (apart.proved || apart.allocating === false) return apart;
    return cutpointAttempt(si, ti, s, t, opts, true, invariants);
  }
  const first = await cutpointAttempt(si, ti, s, t, opts, true, invariants);
  if (first.proved || !first.allocating) return first;
  const second = await cutpointAttempt(si, ti, s, t, opts, false, invariants);
  return second.proved ? second : first;
}

/** The stack allocations a body's text holds (memref.alloca, llvm.alloca): only a hint for
 *  the order of the cut-point attempts. */
function stackAllocations(body: Region): number {
  let n = stackAllocCache.get(body);
  if (n === undefined) {
    n = 0;
    for (const op of walk(body.blocks.flatMap((b) => b.ops))) if (op.name === 'memref.alloca' || op.name === 'llvm.alloca') n++;
    stackAllocCache.set(body, n);
  }
  return n;
}
const stackAllocCache = new WeakMap<Region, number>();

async function cutpointAttempt(
  si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo, opts: ValidateOptions, sharedPrivate: boolean, invariants: boolean,
): Promise<CutProof & { allocating?: boolean }> {
  let run;
  const widenPts = new Set<string>();
  for (let attempt = 0; !run; attempt++) {
    try {
      const pair = pairEnv(si, ti, opts.unroll);
      pair.env.cutpoints = true;
      pair.env.sharedPrivateCounters = sharedPrivate;
      pair.env.widenPts = widenPts;
      pair.env.allocLoops = new Set([...textOrderLoops(s.body!).allocating, ...textOrderLoops(t.body!).allocating]);
      // headers carrying other values on the two sides (lift-cf-to-scf): the slots related
      const slots = loopSlotMatches(s.body!, t.body!);
      pair.env.cutSlots = slots;
      const { layout, srcSide, tgtSide } = runSides(si, ti, s, t, pair);
      const f = pair.env.f;
      run = { f, pair, layout, srcSide, tgtSide, slots, q: { ...cutpointQuery(f, pair.env.D, layout.pre, srcSide, tgtSide, sharedPrivate, slots), or: (ts: Term[]) => f.or(...ts) } };
    } catch (e) {
      if (e instanceof WidenPts && attempt < 8) widenPts.add(e.slot);
      else if (e instanceof Unsupported || e instanceof WidenPts) return { proved: false, why: e.message };
      else throw e;
    }
  }
  const q = run.q;
  const what = `cut points at ${q.loops} loop header${q.loops === 1 ? '' : 's'}, simulation checked inductively${q.unrelated.length ? `; ${q.unrelated.join('; ')}` : ''}`;
  const tag = `${s.name}.inductive${sharedPrivate ? '' : '-apart'}`;
  if (!invariants) {
    const first = await cutpointParts(run.f, s, q, opts, tag);
    return first.proved ? { proved: true, why: what, vac: vacOf(run.f, q.assumptions, run.pair, run.layout, run.srcSide) } : { proved: false, why: first.why, allocating: q.allocating };
  }
  // loop invariants (invariants.ts), asked for when the plain relation
  // failed — facts of the source's loop headers proved inductive, then assumed
  const { f, layout, srcSide, tgtSide, pair, slots } = run;
  // the whole search within INVARIANT_SEARCH's budget: a search that runs out proves nothing
  // and the verdict stays as it was
  const inv = await findInvariants(f, layout.pre, srcSide, (assertions, wantModel, description, left) =>
    checkQuery({ assertions, wantModel, description: `${description} of @${s.name}` }, { ...queryOpts(opts, `${tag}-inv`), timeoutMs: Math.min(opts.timeoutMs, left), rlimit: INVARIANT_SEARCH.checkUnits }), INVARIANT_SEARCH.limits * opts.timeoutMs, INVARIANT_SEARCH.units);
  if (inv.facts.length === 0) return { proved: false, why: '', allocating: q.allocating };
  const q2 = { ...cutpointQuery(f, pair.env.D, [...layout.pre, ...inv.assumptions], srcSide, tgtSide, sharedPrivate, slots), or: (ts: Term[]) => f.or(...ts) };
  // undef engineer: whether the source computes with unwritten memory is asked without the
  // invariants — they hold in executions with no UB anywhere, and a computation with an
  // unwritten read may come before UB that only its poison reading causes (undef.ts)
  const second = await cutpointParts(f, s, { ...q2, undef: q.undef }, opts, `${tag}-with-inv`);
  const facts = `${inv.facts.length} loop invariant${inv.facts.length === 1 ? '' : 's'} of the source found and proved inductive (${inv.facts.slice(0, 4).join('; ')}${inv.facts.length > 4 ? '; ...' : ''})`;
  // (vacuity is asked of the assumptions without the invariants: fewer assumptions, the same
  // answer where the invariants hold, as they do in every execution without UB)
  if (second.proved) return { proved: true, why: `${what}, with ${facts}`, vac: vacOf(f, q.assumptions, pair, layout, srcSide) };
  return { proved: false, why: `also with ${facts}: ${second.why}`, allocating: q.allocating };
}

/** A cut-point proof's vacuity question (VacInput). */
function vacOf(f: TermFactory, assumptions: Term[], pair: PairEnv, layout: ArgLayout, src: SideResult): VacInput {
  const ends = f.or(src.returned, src.exited);
  return { f, sets: [assumptions], pair, layout, ...(ends.kind === 'bool' && !ends.value ? {} : { ends }) };
}

/** The parts of a cut-point query: unsat for every part is the proof; otherwise why not. */
async function cutpointParts(f: TermFactory, s: FuncInfo, q: ReturnType<typeof cutpointQuery> & { or: (ts: Term[]) => Term }, opts: ValidateOptions, tag: string): Promise<{ proved: boolean; why: string }> {
  // The arrivals and back edges in one query first (each part is small, but each query
  // carries every assumption of the function: one query instead of two per loop); only when
  // that one is not unsat, part by part, to name the failing place. Its time limit is short:
  // a timeout only sends it to the parts.
  const loopParts = q.parts.slice(0, -1);
  let parts = q.parts.entries();
  if (loopParts.length > 1) {
    // each loop part named by a Boolean of the model: a sat answer says which part fails, so
    // a failing attempt costs one sat query, not two (region_stats @summary's first attempt in
    // finalize-memref-to-llvm: 2.3 M + 2.4 M z3 units before, the first alone now)
    // (reviewer, round 7) the flags are fresh, so this query is unsat exactly when every loop
    // part is; its model only names the part in the reason (a sat answer is no proof either way)
    const flags = loopParts.map(() => f.fresh('cut_part', BOOL));
    const all = await checkQuery(
      {
        assertions: [...q.assumptions, ...flags.map((b, i) => f.eq(b, loopParts[i]!.mismatch)), q.or(flags)],
        wantModel: flags,
        description: `inductive simulation of @${s.name}: every loop header (cut_part!N: the mismatch at the N-th)`,
      },
      { ...queryOpts(opts, `${tag}-loops`), timeoutMs: Math.min(opts.timeoutMs, 3000) },
    );
    if (all.status === 'unsat') parts = [...q.parts.entries()].slice(-1).values();
    if (all.status === 'sat') {
      const failing = loopParts.find((_, i) => { const b = flags[i]!; return b.kind === 'var' && all.model?.get(b.name) === true; });
      if (failing) return { proved: false, why: `the simulation relation (equal loop-header states) does not hold at ${failing.what}` };
    }
  }
  for (const [i, part] of parts) {
    const r = await checkQuery({ assertions: [...q.assumptions, part.mismatch], wantModel: [], description: `inductive simulation of @${s.name}: ${part.what}` }, queryOpts(opts, `${tag}${i}`));
    if (r.status === 'sat') return { proved: false, why: `the simulation relation (equal loop-header states) does not hold at ${part.what}` };
    if (r.status !== 'unsat') return { proved: false, why: `the inductive query for ${part.what} is ${r.status}${r.reason ? ` (${r.reason})` : ''}` };
  }
  const u = await sourceUndefVerdict(q.undef, s.name, opts, `${tag}-undef`);
  if (u) return { proved: false, why: u.detail.replace(/^(unsupported|unknown): /, 'from a loop-header state, ') };
  return { proved: true, why: '' };
}

/** The assumptions every query of the bounded run shares. */
function lassoPre(layout: ReturnType<typeof argLayout>, srcSide: SideResult, tgtSide: SideResult): Term[] {
  return [...layout.pre, ...srcSide.assume, ...tgtSide.assume];
}

/** The lasso check (lasso.ts): a model where the target repeats a header state while the
 *  source returns, replayed with the target watched for that repeat (lasso-replay.ts). Only
 *  a replayed difference refutes; `why` is set when a model did not replay (said in the
 *  bounded detail), empty when there was nothing to find. */
async function lassoRefutation(
  si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo, pair: ReturnType<typeof pairEnv>, layout: ReturnType<typeof argLayout>,
  srcSide: SideResult, tgtSide: SideResult, opts: ValidateOptions,
): Promise<{ kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string }> {
  if (opts.lasso === false || !tgtSide.cutHappened) return { kind: 'no', why: '' };
  const notes: string[] = [];
  for (const sourceReturns of [true, false]) {
    const lq = lassoQuery(pair.env.f, pair.env.D, lassoPre(layout, srcSide, tgtSide), srcSide, tgtSide, sourceReturns);
    if (!lq) return { kind: 'no', why: '' };
    const wantModel = freeVars(lq.assertions);
    const what = sourceReturns ? 'while the source returns' : 'while the source has no UB within the bound';
    const name = `${s.name}.lasso${sourceReturns ? '' : '-open'}`;
    const r = await checkQuery({ assertions: lq.assertions, wantModel, description: `non-termination of @${s.name}: the target back at a loop header in an earlier state ${what}` }, queryOpts(opts, name));
    if (r.status === 'unknown' || r.status === 'inconsistent') notes.push(`the non-termination (lasso) query ${what} is ${r.status}${r.reason ? ` (${r.reason})` : ''}`);
    if (r.status !== 'sat' || !r.model) continue;
    const rep = replayCounterexample(si, ti, s, t, pair, layout, r.model, opts, true);
    if (rep.kind === 'refuted') return rep;
    notes.push(`a non-termination (lasso) model ${what} did not replay (${rep.why})`);
  }
  return { kind: 'no', why: notes.join('; ') };
}

function queryOpts(opts: ValidateOptions, name: string) {
  return opts.dumpSmt ? { timeoutMs: opts.timeoutMs, dumpTo: opts.dumpSmt, name } : { timeoutMs: opts.timeoutMs, name };
}

/** Both sides run symbolically over the pair's shared arguments and initial memory. */
function runSides(si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo, pair: ReturnType<typeof pairEnv>) {
  const layout = argLayout(pair, s, t, true); // argument blocks may be read-only (pair.ts)
  pair.env.readOnlyResults = true; // and so may blocks external calls return (symexec.ts)
  pair.env.freeStarts = true; // their start addresses are inputs (symbolic-memory.ts BLOCK_START)
  pair.env.callLiveness = freesMemory(s.body) || freesMemory(t.body); // symexec.ts Trace.live
  // the memory the caller passes may hold poison (a stored poison loads back as poison,
  // LangRef; review 35 W1: a target branching on a loaded byte where the source selects on it
  // was proved), shared by the sides; Core -> MLIR keeps pair.ts's none (Core has no poison)
  layout.memory.UP = pair.env.f.var('mem.UP0', UP_SORT);
  const srcSide = new SymExec(pair.env, si, s, 'src', layout.memory).run(argValues(s, layout.values));
  const tgtSide = new SymExec(pair.env, ti, t, 'tgt', layout.memory).run(argValues(t, layout.values));
  return { layout, srcSide, tgtSide };
}

/** The function's arguments rebuilt from the shared slots, by its own parameter types. */
function argValues(fn: FuncInfo, slots: ReturnType<typeof argLayout>['values']) {
  const at = { i: 0 };
  return fn.params.map((t) => unflatten(t, slots, at));
}

/** Does the function's body hold an llvm.freeze (source-choices.ts FREEZE_FORALL)? */
function hasFreeze(f: FuncInfo): boolean {
  return [...walk(f.body?.blocks.flatMap((b) => b.ops) ?? [])].some((o) => o.name === 'llvm.freeze');
}
