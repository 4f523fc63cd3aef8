// The harness and its report with stand-in validators: how verdicts become outcomes, that a
// survivor without a documented reason is loud, and that a documented one is not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printMlir } from '../../../compiler/mlir/index.ts';
import type { Module } from '../../../compiler/mlir/ir.ts';
import { operatorByName } from '../../../verifier/mutants/catalogue.ts';
import { classify } from '../../../verifier/mutants/classify.ts';
import { addedLines, valueNames } from '../../../verifier/mutants/equivalents.ts';
import { runHarness, type HarnessOptions } from '../../../verifier/mutants/harness.ts';
import { functionsOf, symbolName } from '../../../verifier/mutants/locate.ts';
import { corpusProgram } from '../../../verifier/mutants/pairs.ts';
import { formatReport, summary } from '../../../verifier/mutants/report.ts';
import type { Validator } from '../../../verifier/mutants/validator.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mutants-harness-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

const bodies = (m: Module) => new Map(functionsOf(m).map((f) => [symbolName(f.fn), printMlir({ kind: 'Module', ops: [f.fn] })]));

/** Refutes exactly the functions whose text changed: a perfect killer, and a sloppy judge
 *  of equivalent mutants (it refutes them too). The unmutated pair must come out proved,
 *  so the comparison is with the first target it saw for each function. */
function textDiffValidator(): Validator {
  const first = new Map<string, string>();
  return async (_src, tgt) =>
    [...bodies(tgt)].map(([name, text]) => {
      if (!first.has(name)) first.set(name, text);
      return { name, verdict: first.get(name) === text ? 'proved' : 'refuted', detail: '', timeMs: 1 };
    });
}

const proveAll: Validator = async (_src, tgt) => [...bodies(tgt).keys()].map((name) => ({ name, verdict: 'bounded(8)', detail: '', timeMs: 1 }));

const ops = ['arith-swap-sub', 'arith-cmp-eq-ne', 'memref-dup-store', 'memref-drop-dead-store'].map((n) => operatorByName(n)!);

function options(validator: Validator | null, extra: Partial<HarnessOptions> = {}): HarnessOptions {
  return {
    programs: [corpusProgram(join(root, 'corpus', 'luhn.clef'))],
    passes: ['convert-scf-to-cf'],
    operators: ops, cap: 2, maxPerOperator: 2, unroll: 4, timeoutMs: 1000,
    validator, native: 'none', workDir: work, ...extra,
  };
}

test('classify: verdicts against expectations', () => {
  assert.equal(classify('killed', 'refuted', null), { outcome: 'killed', reason: null });
  assert.equal(classify('killed', 'proved', null), { outcome: 'survived', reason: null });
  assert.equal(classify('killed', 'bounded(8)', 'r'), { outcome: 'equivalent-bounded', reason: 'r' });
  assert.equal(classify('killed', 'proved', 'r'), { outcome: 'equivalent', reason: 'r' });
  assert.equal(classify('equivalent', 'bounded(8)', 'r'), { outcome: 'equivalent-bounded', reason: 'r' });
  assert.equal(classify('equivalent', 'proved', 'r'), { outcome: 'equivalent', reason: 'r' });
  assert.equal(classify('equivalent', 'refuted', 'r').outcome, 'refuted-equivalent');
  assert.is(classify('killed', 'unknown: timeout', null).outcome, 'unknown');
  assert.is(classify('killed', 'unsupported: llvm.frobnicate', null).outcome, 'unsupported');
});

test('a perfect killer kills every killable mutant; it refutes the equivalent ones, loudly', async () => {
  const r = await runHarness(options(textDiffValidator()));
  const by = (op: string) => r.records.filter((x) => x.operator === op).map((x) => x.outcome);
  assert.equal(by('arith-swap-sub'), ['killed', 'killed']);
  assert.equal(by('arith-cmp-eq-ne'), ['killed', 'killed']);
  assert.equal(by('memref-dup-store'), ['refuted-equivalent', 'refuted-equivalent']);
  assert.ok(r.baseline.length > 0 && r.baseline.every((b) => b.verdict === 'proved'));
  const s = summary(r.records);
  assert.is(s.killed, 4);
  assert.is(s.loud, 4);
  assert.is(s.killRate, 1);
  const text = formatReport(r, ops);
  assert.match(text, /!!! REFUTED-EQUIVALENT: luhn convert-scf-to-cf/);
  assert.match(text, /mutants: 8 generated, 4 killed/);
});

const proveAllUnbounded: Validator = async (_src, tgt) => [...bodies(tgt).keys()].map((name) => ({ name, verdict: 'proved', detail: '', timeMs: 1 }));

test('a validator that proves everything: killable mutants survive loudly unless documented', async () => {
  const r = await runHarness(options(proveAll));
  const survived = r.records.filter((x) => x.outcome === 'survived');
  assert.is(survived.length, 4);
  // the expected-equivalent operators have their reason, but bounded(8) does not confirm it for every trip count
  assert.ok(r.records.filter((x) => x.expect === 'equivalent').every((x) => x.outcome === 'equivalent-bounded' && x.reason));
  assert.match(formatReport(r, ops), /!!!!!!!! 4 MUTANT\(S\) NOT ACCOUNTED FOR/);
  assert.ok(survived.every((x) => /no difference within 8 iterations, not run natively/.test(x.why ?? '')), survived[0]!.why);
  const first = survived[0]!;
  const line = addedLines(first.diff!)[0]!;
  const value = valueNames(line)[0]!;
  const entry = { operator: first.operator, program: 'luhn', pass: 'convert-scf-to-cf', site: first.site, changed: line.trim().slice(0, 20), proof: 'proved' as const, reason: `checked by hand: ${value} ...` };
  const documented = await runHarness(options(proveAllUnbounded, { equivalents: [entry] }));
  const again = documented.records.find((x) => x.operator === first.operator && x.site === first.site)!;
  assert.is(again.outcome, 'equivalent');
  assert.is(again.reason, entry.reason);
  assert.is(summary(documented.records).survived, 3);
  // a reason that is not about this mutant documents nothing
  for (const bad of [{ ...entry, changed: 'no such text' }, { ...entry, reason: 'checked by hand, naming no value of the line' }]) {
    const r2 = await runHarness(options(proveAllUnbounded, { equivalents: [bad] }));
    const rec = r2.records.find((x) => x.operator === first.operator && x.site === first.site)!;
    assert.is(rec.outcome, 'survived');
    assert.match(rec.why ?? '', /equivalents\.ts entry does not fit this mutant/);
  }
});

test('an unvalidated baseline skips the function\'s mutants; no validator leaves them unvalidated', async () => {
  const unsupported: Validator = async (_s, tgt) => [...bodies(tgt).keys()].map((name) => ({ name, verdict: 'unsupported: memref.alloca', detail: '', timeMs: 1 }));
  const r = await runHarness(options(unsupported));
  assert.ok(r.records.every((x) => x.outcome === 'skipped' && /unmutated pair is unsupported/.test(x.detail ?? '')));
  const none = await runHarness(options(null));
  assert.ok(none.records.length > 0 && none.records.every((x) => x.outcome === 'not-validated' && x.invalid === null));
  assert.match(formatReport(none, ops), /NOT VALIDATED/);
});

test('--escalate: a bounded survivor is re-validated deeper and killed there', async () => {
  const seen = textDiffValidator();
  // stands for a validator whose counterexample needs more than 8 iterations
  const deep: Validator = async (src, tgt, o) =>
    (await seen(src, tgt, o)).map((v) => (v.verdict === 'refuted' && o.unroll < 16 ? { ...v, verdict: 'bounded(8)' } : v));
  const shallow = await runHarness(options(deep, { operators: [operatorByName('arith-swap-sub')!] }));
  assert.ok(shallow.records.every((r) => r.outcome === 'survived'));
  assert.match(formatReport(shallow, ops), /!!! SURVIVED \[bounded\]/);
  assert.match(formatReport(shallow, ops), /2 survived \(0 proved, 2 bounded; 0 change the native output\)/);
  const deeper = await runHarness(options(deep, { operators: [operatorByName('arith-swap-sub')!], escalateUnroll: 16 }));
  assert.ok(deeper.records.every((r) => r.outcome === 'killed' && /^at unroll 16/.test(r.detail ?? '')));
});

test('--shallow: a timeout is retried with a smaller bound; only a refutation there kills, anything else stays unknown', async () => {
  const seen = textDiffValidator();
  // stands for a validator whose query at unroll 4 times out and at 2 is small enough
  const slow: Validator = async (src, tgt, o) =>
    (await seen(src, tgt, o)).map((v) => (v.verdict === 'refuted' && o.unroll >= 4 ? { ...v, verdict: 'unknown', detail: 'unknown: timeout' } : v));
  const one = [operatorByName('arith-swap-sub')!];
  const plain = await runHarness(options(slow, { operators: one }));
  assert.ok(plain.records.every((r) => r.outcome === 'unknown'));
  const retried = await runHarness(options(slow, { operators: one, shallowUnroll: 2 }));
  assert.ok(retried.records.every((r) => r.outcome === 'killed' && /^at unroll 2 \(unroll 4: unknown: timeout\)/.test(r.detail ?? '')), retried.records[0]!.detail ?? '');
  // a shallower run that only says bounded(2) does not settle a timeout
  const weak: Validator = async (src, tgt, o) =>
    (await seen(src, tgt, o)).map((v) => (v.verdict === 'refuted' ? (o.unroll >= 4 ? { ...v, verdict: 'unknown', detail: 'unknown: timeout' } : { ...v, verdict: 'bounded(2)' }) : v));
  const still = await runHarness(options(weak, { operators: one, shallowUnroll: 2 }));
  assert.ok(still.records.every((r) => r.outcome === 'unknown' && /at unroll 2: bounded\(2\)/.test(r.detail ?? '')));
});

test('--shallow: bounded(2) confirms a documented equivalent (equivalent-bounded, naming the bound); a proof there of an undocumented one is loud', async () => {
  const seen = textDiffValidator();
  // the changed functions: a timeout at unroll 4, `answer` at unroll 2
  const at2 = (answer: string): Validator => async (src, tgt, o) =>
    (await seen(src, tgt, o)).map((v) => (v.verdict === 'refuted' ? (o.unroll >= 4 ? { ...v, verdict: 'unknown', detail: 'unknown: timeout' } : { ...v, verdict: answer }) : v));
  // memref-dup-store expects equivalence: its reason documents every mutant
  const dup = await runHarness(options(at2('bounded(2)'), { operators: [operatorByName('memref-dup-store')!], shallowUnroll: 2 }));
  assert.ok(dup.records.length > 0);
  assert.ok(dup.records.every((r) => r.outcome === 'equivalent-bounded' && /^at unroll 2 \(unroll 4: unknown: timeout\)/.test(r.detail ?? '')), dup.records[0]!.detail ?? '');
  const sub = await runHarness(options(at2('proved'), { operators: [operatorByName('arith-swap-sub')!], shallowUnroll: 2 }));
  assert.ok(sub.records.length > 0);
  assert.ok(sub.records.every((r) => r.outcome === 'survived'), sub.records[0]!.outcome);
});

test('two shards together run exactly the mutants of one run, each pair once', async () => {
  const key = (r: { pass: string; variant: string | null; operator: string; site: string }) => `${r.pass}/${r.variant}/${r.operator}/${r.site}`;
  const all = await runHarness(options(null, { passes: undefined, cap: 1, maxPerOperator: 3 }));
  const a = await runHarness(options(null, { passes: undefined, cap: 1, maxPerOperator: 3, shard: { index: 0, count: 2 } }));
  const b = await runHarness(options(null, { passes: undefined, cap: 1, maxPerOperator: 3, shard: { index: 1, count: 2 } }));
  assert.ok(a.records.length > 0 && b.records.length > 0);
  assert.equal([...a.records, ...b.records].map(key).sort(), all.records.map(key).sort());
  const passesA = new Set(a.records.map((r) => `${r.pass}/${r.variant}`));
  assert.ok(b.records.every((r) => !passesA.has(`${r.pass}/${r.variant}`)));
});

test('survivors are run natively: a surviving swapped subtraction changes the program\'s output', async () => {
  const r = await runHarness(
    options(proveAll, {
      programs: [corpusProgram(join(root, 'corpus', 'fibonacci.clef'))],
      operators: [operatorByName('arith-swap-sub')!], cap: 1, maxPerOperator: 1, native: 'survivors',
    }),
  );
  assert.is(r.records.length, 1);
  assert.is(r.records[0]!.outcome, 'survived');
  assert.is(r.records[0]!.native?.kind, 'differs');
  assert.match(r.records[0]!.why ?? '', /not equivalent \(native run: differs/);
  // documented as equivalent and proved, yet it runs differently: loud, the reason is wrong
  const rec = r.records[0]!;
  const line = addedLines(rec.diff!)[0]!;
  const entry = { operator: rec.operator, program: 'fibonacci', pass: 'convert-scf-to-cf', site: rec.site, changed: line.trim(), proof: 'proved' as const, reason: `wrongly: ${valueNames(line)[0]} ...` };
  const wrong = await runHarness(
    options(proveAllUnbounded, {
      programs: [corpusProgram(join(root, 'corpus', 'fibonacci.clef'))], equivalents: [entry],
      operators: [operatorByName('arith-swap-sub')!], cap: 1, maxPerOperator: 1, native: 'survivors',
    }),
  );
  assert.is(wrong.records[0]!.outcome, 'survived');
  assert.match(wrong.records[0]!.why ?? '', /PROVED and documented equivalent, yet native run: differs/);
  assert.match(formatReport(wrong, ops), /\[PROVED, yet the native run differs: UNSOUND\]/);
});

test.run();
