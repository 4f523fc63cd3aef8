// The catalogue against real pass outputs: every operator has sites in the stages of the
// default programs, and its mutants print, parse back to the same module, and pass the
// real mlir-opt verifier.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMlir, printMlir, sameData } from '../../../compiler/mlir/index.ts';
import { CATALOGUE } from '../../../verifier/mutants/catalogue.ts';
import { candidates, generateMutants, makeMutant, pickSites, sitesFor } from '../../../verifier/mutants/generate.ts';
import { corpusProgram, DEFAULT_PROGRAMS, passPairs, programStages, variantPair, type PassPair } from '../../../verifier/mutants/pairs.ts';
import type { Mutant } from '../../../verifier/mutants/types.ts';
import { verifyWithMlirOpt } from '../../../verifier/mutants/verify-mlir.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mutants-test-'));
const pairs: PassPair[] = [];
const variants: PassPair[] = [];

test.before(async () => {
  for (const name of DEFAULT_PROGRAMS) {
    const p = corpusProgram(join(root, 'corpus', `${name}.clef`));
    pairs.push(...passPairs(p, await programStages(p, work)));
  }
  // the flagged variant of one program's pairs is enough for the flag-dropping operators
  for (const pair of pairs.filter((x) => x.program === DEFAULT_PROGRAMS[0])) variants.push(await variantPair(pair, 'overflow-flags'));
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test('the catalogue: at least 40 operators, unique names, a reason for each expected equivalence', () => {
  assert.ok(CATALOGUE.length >= 40, `${CATALOGUE.length} operators`);
  assert.is(new Set(CATALOGUE.map((o) => o.name)).size, CATALOGUE.length);
  for (const o of CATALOGUE) {
    assert.match(o.name, /^[a-z]+(-[a-z0-9]+)+$/);
    assert.ok(o.description.length > 10, o.name);
    if (o.expect === 'equivalent') assert.ok((o.equivalentReason ?? '').length > 20, `${o.name} needs a reason`);
  }
  // distinct mutations, counting an arith and an llvm instance of one idea once
  const kinds = new Set(CATALOGUE.filter((o) => o.expect === 'killed').map((o) => o.name.replace(/^(arith|llvm|memref|cf|func)-/, '')));
  assert.ok(kinds.size >= 40, `${kinds.size} distinct killing mutations`);
  // the list: swapped operands of non-commutative ops, signed<->unsigned predicates and
  // divisions, constant +-1, loop bound off by one, dropped or duplicated store, swapped branch
  // targets, wrong GEP index, wrong shift kind, nsw in the wrong direction
  for (const k of ['swap-sub', 'swap-div', 'swap-rem', 'swap-shift', 'swap-cmp', 'cmp-signedness', 'div-signedness', 'rem-signedness',
    'const-inc', 'const-dec', 'loop-bound', 'drop-store', 'store-shifted', 'swap-cond-br', 'gep-index', 'shr-kind', 'add-nsw', 'swap-overflow-flag']) {
    assert.ok(kinds.has(k), `mutation ${k}`);
  }
  for (const d of ['memref', 'llvm']) assert.ok(CATALOGUE.some((o) => o.name === `${d}-dup-store`), `${d}-dup-store`);
  const families = new Set(CATALOGUE.map((o) => o.family));
  for (const f of ['swap-operands', 'predicate', 'loop-bound', 'signedness', 'shift-kind', 'constant', 'store', 'index', 'branch', 'call', 'overflow-flags', 'width', 'aggregate', 'allocation']) {
    assert.ok(families.has(f), `family ${f}`);
  }
});

const chosen: { mutant: Mutant; original: string }[] = [];

test('every operator applies somewhere in the default programs\' pass outputs', () => {
  const cands = new Map([...pairs, ...variants].map((p) => [p, candidates(p.tgt)]));
  const missing: string[] = [];
  for (const op of CATALOGUE) {
    const pool = op.variant ? variants : pairs;
    let taken = 0;
    for (const pair of pool) {
      if (taken >= 2) break;
      const sites = pickSites(sitesFor(op, cands.get(pair)!), 1);
      for (const s of sites) {
        chosen.push({ mutant: makeMutant(pair.tgt, op, s), original: printMlir(pair.tgt) });
        taken++;
      }
    }
    if (taken === 0) missing.push(op.name);
  }
  assert.equal(missing, [], 'operators without a site');
});

test('each mutant differs from its original, leaves it untouched, and parses back to itself', () => {
  for (const { mutant, original } of chosen) {
    const text = printMlir(mutant.module);
    assert.is.not(text, original, `${mutant.operator.name} at ${mutant.key} changed nothing`);
    assert.ok(sameData(parseMlir(text), mutant.module), `${mutant.operator.name} at ${mutant.key} does not parse back to itself`);
  }
  const pair = pairs[0]!;
  assert.is(printMlir(pair.tgt), printMlir(parseMlir(printMlir(pair.tgt))));
});

test('each mutant passes the real mlir-opt verifier', async () => {
  const problems = await verifyWithMlirOpt(chosen.map((c) => printMlir(c.mutant.module)));
  const bad = problems.flatMap((p, k) => (p ? [`${chosen[k]!.mutant.operator.name} ${chosen[k]!.mutant.key}: ${p}`] : []));
  assert.equal(bad, []);
});

test('mutant generation is deterministic', () => {
  const pair = pairs.find((p) => p.pass === 'convert-scf-to-cf')!;
  const a = generateMutants(pair.tgt, { operators: CATALOGUE, cap: 2 });
  const b = generateMutants(parseMlir(printMlir(pair.tgt)), { operators: CATALOGUE, cap: 2 });
  assert.equal(a.map((m) => `${m.operator.name}/${m.key}`), b.map((m) => `${m.operator.name}/${m.key}`));
  assert.ok(a.length > 40);
  for (let k = 0; k < a.length; k += 7) assert.is(printMlir(a[k]!.module), printMlir(b[k]!.module));
});

test.run();
