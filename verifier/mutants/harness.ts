// The mutation run: real programs through the real pipeline, mutants of each pass's output,
// each checked by mlir-opt and then validated against the pass's untouched input.
import { printMlir } from '../../compiler/mlir/index.ts';
import type { Module } from '../../compiler/mlir/ir.ts';
import { classify, LOUD, type Outcome } from './classify.ts';
import { mutantDiff } from './explain.ts';
import { documentedReason, KNOWN_EQUIVALENTS, type KnownEquivalent } from './equivalents.ts';
import { focusModule } from './focus.ts';
import { candidates, pickSites, siteKey } from './generate.ts';
import { runNative, type NativeOutcome } from './native-diff.ts';
import { passPairs, programStages, variantPair, type PassPair, type Program } from './pairs.ts';
import type { MutationOperator, Site } from './types.ts';
import { verdictKind, type Counterexample, type FunctionResult, type Validator } from './validator.ts';
import { verifyWithMlirOpt } from './verify-mlir.ts';

export type HarnessOptions = {
  programs: Program[];
  /** Upstream passes to mutate the output of (default: all of them). */
  passes?: readonly string[];
  operators: readonly MutationOperator[];
  /** Sites per operator in one pass pair. */
  cap: number;
  /** Mutants per operator over the whole run (spread evenly over what the caps allow). */
  maxPerOperator: number;
  unroll: number;
  /** Re-validate a survivor whose verdict is bounded(unroll) with this larger bound (0: never). */
  escalateUnroll?: number;
  /** Re-validate a mutant whose verdict is unknown (a timeout) with this smaller bound (0:
   *  never): a shorter unrolling is a smaller query, and a refutation found there is replayed
   *  like any other, so it kills the mutant just as well. */
  shallowUnroll?: number;
  timeoutMs: number;
  /** null: generate and verify only. */
  validator: Validator | null;
  /** Build and run mutants natively: all of them, only survivors, or none. */
  native: 'all' | 'survivors' | 'none';
  workDir: string;
  equivalents?: readonly KnownEquivalent[];
  /** Attach the diff to every record, not only to loud ones. */
  diffs?: boolean;
  /** Run only this shard's share of the pass pairs (the plan is the same in every shard, so
   *  the shards together run exactly the mutants one process would). */
  shard?: { index: number; count: number };
  log?: (line: string) => void;
};

export type MutantRecord = {
  program: string;
  pass: string;
  variant: string | null;
  operator: string;
  family: string;
  expect: 'killed' | 'equivalent';
  fn: string;
  site: string;
  description: string;
  /** mlir-opt's message when it rejected the mutant. */
  invalid: string | null;
  verdict: string | null;
  detail: string | null;
  timeMs: number | null;
  outcome: Outcome | 'skipped';
  reason: string | null;
  native: NativeOutcome | null;
  /** For a killed mutant: the validator's replayed counterexample (inputs, both results, the
   *  first difference). */
  counterexample?: Counterexample;
  /** For a survivor, an equivalent-bounded mutant, or a documentation that does not fit its
   *  mutant: what is known about it, in words (see `survivorWhy`). */
  why?: string;
  /** The changed lines of the function, for loud outcomes (and every mutant with --diffs). */
  diff?: string;
};

export type BaselineRecord = { program: string; pass: string; variant: string | null; fn: string; verdict: string; detail: string };

export type HarnessResult = {
  records: MutantRecord[];
  baseline: BaselineRecord[];
  /** Applicable sites per operator over every pair (before caps): 0 means never exercised. */
  sites: Record<string, number>;
  validated: boolean;
};

type Planned = { operator: MutationOperator; pair: PassPair; site: Site };

export async function runHarness(opts: HarnessOptions): Promise<HarnessResult> {
  const log = opts.log ?? (() => {});
  const sites: Record<string, number> = Object.fromEntries(opts.operators.map((o) => [o.name, 0]));
  const plannedByOp = new Map<string, Planned[]>(opts.operators.map((o) => [o.name, []]));
  const variantsNeeded = new Set(opts.operators.flatMap((o) => (o.variant ? [o.variant] : [])));

  // 1. plan: sites of every operator in every pair, each pair capped
  const pairs: PassPair[] = [];
  for (const program of opts.programs) {
    const stages = await programStages(program, opts.workDir);
    for (const plain of passPairs(program, stages, opts.passes)) {
      const forms: PassPair[] = [plain];
      for (const v of variantsNeeded) forms.push(await variantPair(plain, v));
      for (const pair of forms) {
        pairs.push(pair);
        const cands = candidates(pair.tgt);
        for (const operator of opts.operators) {
          if ((operator.variant ?? null) !== pair.variant) continue;
          const all = cands.filter((c) => operator.applies(c.op, c.ctx)).map((c) => c.site);
          sites[operator.name]! += all.length;
          for (const site of pickSites(all, opts.cap)) plannedByOp.get(operator.name)!.push({ operator, pair, site });
        }
      }
    }
    log(`${program.name}: ${stages.length - 1} stages compiled`);
  }

  // 2. at most maxPerOperator per operator, spread over programs and passes
  const chosen = new Set<Planned>();
  for (const list of plannedByOp.values()) {
    const idx = pickSites(list.map((_, k) => ({ path: [k], fn: '', opName: '', ordinal: k })), opts.maxPerOperator);
    for (const s of idx) chosen.add(list[s.ordinal]!);
  }

  // 3. per pair: build, verify, validate
  const records: MutantRecord[] = [];
  const baseline: BaselineRecord[] = [];
  const mine = opts.shard ? shardPairs(pairs, chosen, opts.shard) : new Set(pairs);
  for (const pair of pairs) {
    if (!mine.has(pair)) continue;
    const todo = [...chosen].filter((p) => p.pair === pair);
    if (todo.length === 0) continue;
    const mutants = todo.map((p) => ({ plan: p, module: p.operator.mutate(pair.tgt, p.site) }));
    const problems = await verifyWithMlirOpt(mutants.map((mu) => printMlir(focusModule(mu.module, mu.plan.site.fn))));
    const base = new Map<string, FunctionResult>();
    const pairRecords: MutantRecord[] = [];
    for (const [k, mu] of mutants.entries()) {
      const { operator, site } = mu.plan;
      const rec: MutantRecord = {
        program: pair.program, pass: pair.pass, variant: pair.variant, operator: operator.name, family: operator.family,
        expect: operator.expect, fn: site.fn, site: siteKey(site), description: operator.description,
        invalid: problems[k] ?? null, verdict: null, detail: null, timeMs: null,
        outcome: 'not-validated', reason: null, native: null,
      };
      const diff = mutantDiff(pair.tgt, mu.module, rec.fn);
      if (rec.invalid) rec.outcome = 'invalid';
      else if (opts.validator) await validateOne(opts, pair, mu.module, diff, rec, base, baseline);
      if (opts.diffs || LOUD.has(rec.outcome as never)) rec.diff = diff;
      pairRecords.push(rec);
    }
    if (opts.native !== 'none') {
      for (const [k, rec] of pairRecords.entries()) {
        if (rec.invalid) continue;
        // every mutant of a killing operator that the validator let through, documented or not:
        // a documented one whose output differs has a wrong reason (and the validator a bug)
        const letThrough = rec.outcome === 'survived' || rec.outcome === 'equivalent-bounded' || (rec.outcome === 'equivalent' && rec.expect === 'killed');
        if (opts.native === 'survivors' && !letThrough) continue;
        const program = opts.programs.find((p) => p.name === pair.program)!;
        rec.native = await runNative(program, pair.pass, mutants[k]!.module);
      }
    }
    for (const rec of pairRecords) {
      if (rec.outcome === 'survived' || rec.outcome === 'equivalent-bounded') rec.why = survivorWhy(rec, opts.unroll, rec.why);
      const nat = rec.native;
      if (rec.outcome === 'equivalent' && nat && nat.kind !== 'same' && nat.kind !== 'build-failed') {
        // proved "equivalent", yet it runs differently: loud, whatever the reason says
        rec.outcome = 'survived';
        rec.why = `PROVED and documented equivalent, yet native run: ${nat.kind}${'detail' in nat ? ` (${nat.detail})` : ''}: the reason is wrong and the validator unsound here`;
      }
    }
    records.push(...pairRecords);
    log(`${pair.program} ${pair.pass}${pair.variant ? ` [${pair.variant}]` : ''}: ${summarise(pairRecords)}`);
  }
  return { records, baseline, sites, validated: opts.validator !== null };
}

/** The pairs of one shard: pairs dealt largest first to the least loaded shard, by their
 *  number of mutants (the same deal in every shard, as the plan is the same). */
function shardPairs(pairs: PassPair[], chosen: Set<Planned>, shard: { index: number; count: number }): Set<PassPair> {
  const load = new Map<PassPair, number>(pairs.map((p) => [p, 0]));
  for (const c of chosen) load.set(c.pair, load.get(c.pair)! + 1);
  const order = pairs.map((p, k) => ({ p, k, n: load.get(p)! })).sort((a, b) => b.n - a.n || a.k - b.k);
  const totals = new Array(shard.count).fill(0);
  const out = new Set<PassPair>();
  for (const { p, n } of order) {
    let best = 0;
    for (let s = 1; s < shard.count; s++) if (totals[s] < totals[best]) best = s;
    totals[best] += n;
    if (best === shard.index) out.add(p);
  }
  return out;
}

async function validateOne(
  opts: HarnessOptions, pair: PassPair, mutant: Module, diff: string, rec: MutantRecord,
  base: Map<string, FunctionResult>, baseline: BaselineRecord[],
): Promise<void> {
  const validator = opts.validator!;
  const vopts = { unroll: opts.unroll, timeoutMs: opts.timeoutMs };
  const src = focusModule(pair.src, rec.fn);
  let b = base.get(rec.fn);
  if (!b) {
    b = await resultFor(validator, src, focusModule(pair.tgt, rec.fn), rec.fn, vopts);
    base.set(rec.fn, b);
    baseline.push({ program: pair.program, pass: pair.pass, variant: pair.variant, fn: rec.fn, verdict: b.verdict, detail: b.detail });
  }
  const bk = verdictKind(b.verdict);
  if (bk !== 'proved' && bk !== 'bounded') {
    // the unmutated pair is not validated: a verdict on the mutant would say nothing
    rec.outcome = 'skipped';
    rec.detail = `the unmutated pair is ${b.verdict}${b.detail ? `: ${b.detail}` : ''}`;
    return;
  }
  const r = await resultFor(validator, src, focusModule(mutant, rec.fn), rec.fn, vopts);
  rec.verdict = r.verdict;
  rec.detail = r.detail;
  rec.timeMs = r.timeMs;
  if (r.counterexample) rec.counterexample = r.counterexample;
  if (r.verdict === 'missing' || r.verdict === 'error') {
    rec.outcome = r.verdict;
    return;
  }
  const op = opts.operators.find((o) => o.name === rec.operator)!;
  let reason: string | null = null;
  if (op.expect === 'equivalent') reason = op.equivalentReason!;
  else {
    const doc = documentedReason({ operator: rec.operator, program: rec.program, pass: rec.pass, fn: rec.fn, site: rec.site }, diff, opts.equivalents ?? KNOWN_EQUIVALENTS);
    if (doc && 'reason' in doc) reason = doc.reason;
    // an entry that does not fit its mutant documents nothing: say so beside the verdict
    else if (doc) rec.why = `its equivalents.ts entry does not fit this mutant: ${doc.mismatch}`;
  }
  let c = classify(op.expect, r.verdict, reason);
  const more = opts.escalateUnroll ?? 0;
  if (c.outcome === 'survived' && verdictKind(r.verdict) === 'bounded' && more > opts.unroll) {
    // a difference may need more iterations than the bound: try a deeper one
    const r2 = await resultFor(validator, src, focusModule(mutant, rec.fn), rec.fn, { unroll: more, timeoutMs: opts.timeoutMs });
    rec.timeMs = (rec.timeMs ?? 0) + (r2.timeMs ?? 0);
    const c2 = r2.verdict === 'missing' || r2.verdict === 'error' ? null : classify(op.expect, r2.verdict, reason);
    if (c2 && c2.outcome !== 'unknown' && c2.outcome !== 'unsupported') {
      c = c2;
      rec.verdict = r2.verdict;
      rec.detail = `at unroll ${more}: ${r2.detail}`;
      if (r2.counterexample) rec.counterexample = r2.counterexample;
    } else {
      // the deeper run said less than the bounded verdict we had: keep that one
      rec.detail = `${r.detail}; at unroll ${more}: ${r2.verdict}${r2.detail ? ` (${r2.detail})` : ''}`;
    }
  }
  const shallow = opts.shallowUnroll ?? 0;
  if (c.outcome === 'unknown' && shallow > 0 && shallow < opts.unroll) {
    const r3 = await resultFor(validator, src, focusModule(mutant, rec.fn), rec.fn, { unroll: shallow, timeoutMs: opts.timeoutMs });
    rec.timeMs = (rec.timeMs ?? 0) + (r3.timeMs ?? 0);
    const k3 = verdictKind(r3.verdict);
    // a refutation or a proof is as good at any bound; bounded(shallow) only confirms a
    // documented equivalent (equivalent-bounded, its `unroll` field: luhn main's entries),
    // and the detail names the smaller bound
    if (k3 === 'refuted' || k3 === 'proved' || (k3 === 'bounded' && reason !== null)) {
      c = classify(op.expect, r3.verdict, reason);
      rec.verdict = r3.verdict;
      rec.detail = `at unroll ${shallow} (unroll ${opts.unroll}: ${r.detail}): ${r3.detail}`;
      if (r3.counterexample) rec.counterexample = r3.counterexample;
    } else {
      // only a refutation says more than the timeout: a bounded verdict at a smaller bound is weaker
      rec.detail = `${r.detail}; at unroll ${shallow}: ${r3.verdict}${r3.detail ? ` (${r3.detail.slice(0, 120)})` : ''}`;
    }
  }
  rec.outcome = c.outcome;
  rec.reason = c.reason;
}

async function resultFor(
  validator: Validator, src: Module, tgt: Module, fn: string, vopts: { unroll: number; timeoutMs: number },
): Promise<FunctionResult> {
  const t0 = performance.now();
  try {
    const all = await validator(src, tgt, vopts);
    // a module-level verdict (e.g. an op the semantics cannot read) stands for every function
    const r = all.find((x) => x.name === fn) ?? all.find((x) => x.name === '(module)');
    if (!r) return { name: fn, verdict: 'missing', detail: `no verdict for ${fn} (got: ${all.map((x) => x.name).join(', ') || 'none'})`, timeMs: null };
    return { ...r, timeMs: r.timeMs ?? performance.now() - t0 };
  } catch (e) {
    return { name: fn, verdict: 'error', detail: String((e as Error)?.stack ?? e).split('\n').slice(0, 4).join(' | '), timeMs: performance.now() - t0 };
  }
}

/** What is known about a mutant that was neither killed nor proved equivalent, from its
 *  verdict and its native run: the report's "survived (why)". */
export function survivorWhy(rec: MutantRecord, unroll: number, note?: string): string {
  const nat = rec.native;
  const differs = nat !== null && nat.kind !== 'same' && nat.kind !== 'build-failed';
  const natText = nat === null ? 'not run natively' : nat.kind === 'same' ? 'the native run on the corpus input prints the expected output' : `native run: ${nat.kind}${'detail' in nat ? ` (${nat.detail})` : ''}`;
  const parts: string[] = [];
  if (note) parts.push(note);
  if (rec.outcome === 'equivalent-bounded') {
    parts.push(`documented equivalent, but the validator only covers ${rec.verdict}`);
    if (differs) parts.push(`YET ${natText}: the documented reason is wrong`);
  } else if (rec.verdict === 'proved') {
    parts.push(differs ? `PROVED although ${natText}: a validator bug` : 'proved equivalent for every execution but no reason is written in equivalents.ts');
  } else {
    const k = /^bounded\((\d+)\)/.exec(rec.verdict ?? '')?.[1] ?? String(unroll);
    if (nat?.kind === 'timeout') {
      // a mutant that never leaves a loop: bounded refinement drops the paths past k on both
      // sides, and the lasso check (verifier/tv/lasso.ts) found no state the target repeats
      // within k iterations (or its query gave up)
      parts.push(`not equivalent: on the corpus input the target never finishes (native run timed out) where the program does; bounded refinement cannot see non-termination (here k = ${k}) and no repeated target state was found within the bound`);
    } else {
      parts.push(differs
        ? `not equivalent (${natText}): the difference needs more than ${k} iterations of a loop, and no unbounded proof exists`
        : `no difference within ${k} iterations, ${natText}`);
    }
    const cut = /no unbounded proof: (.*?)(; (a|the) non-termination \(lasso\).*)?$/.exec(rec.detail ?? '');
    if (cut?.[1]) parts.push(`the cut-point proof failed: ${cut[1].slice(0, 160)}`);
    if (cut?.[2]) parts.push(cut[2].slice(2, 240));
  }
  return parts.join('; ');
}

export function summarise(records: readonly MutantRecord[]): string {
  const n = (o: string) => records.filter((r) => r.outcome === o).length;
  const parts = [`${records.length} mutants`];
  for (const o of ['killed', 'equivalent', 'equivalent-bounded', 'survived', 'refuted-equivalent', 'unknown', 'unsupported', 'skipped', 'invalid', 'missing', 'error', 'not-validated']) {
    if (n(o) > 0) parts.push(`${n(o)} ${o}`);
  }
  return parts.join(', ');
}
