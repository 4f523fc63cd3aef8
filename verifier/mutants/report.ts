// The mutation report: a row per operator, the loud list of every mutant that escaped
// without a documented reason, one summary line, and the same as JSON.
import { LOUD } from './classify.ts';
import type { HarnessResult, MutantRecord } from './harness.ts';
import type { MutationOperator } from './types.ts';

const COLUMNS = ['killed', 'equivalent', 'equivalent-bounded', 'survived', 'refuted-equivalent', 'unknown', 'unsupported', 'skipped', 'invalid', 'not-validated'] as const;
const SHORT: Record<(typeof COLUMNS)[number], string> = {
  killed: 'killed', equivalent: 'equiv', 'equivalent-bounded': 'equiv<=k', survived: 'SURVIVED', 'refuted-equivalent': 'EQ-REFUTED', unknown: 'unknown',
  unsupported: 'unsupp', skipped: 'skipped', invalid: 'INVALID', 'not-validated': 'unvalidated',
};

export type OperatorRow = { name: string; family: string; expect: string; sites: number; mutants: number } & Record<(typeof COLUMNS)[number], number>;

export function operatorRows(result: HarnessResult, operators: readonly MutationOperator[]): OperatorRow[] {
  return operators.map((o) => {
    const mine = result.records.filter((r) => r.operator === o.name);
    const row = { name: o.name, family: o.family, expect: o.expect, sites: result.sites[o.name] ?? 0, mutants: mine.length } as OperatorRow;
    for (const c of COLUMNS) row[c] = mine.filter((r) => r.outcome === c).length;
    return row;
  });
}

export type Summary = {
  generated: number;
  killed: number;
  equivalent: number;
  /** Documented equivalent, validated only up to the unrolling bound. */
  equivalentBounded: number;
  survived: number;
  /** Survivors by verdict: proved claims equivalence outright; bounded(k) only up to k iterations. */
  survivedProved: number;
  survivedBounded: number;
  /** Survivors whose native run printed something else: certainly not equivalent. */
  survivedNativeDiffers: number;
  refutedEquivalent: number;
  unknown: number;
  unsupported: number;
  skipped: number;
  invalid: number;
  missingOrError: number;
  notValidated: number;
  /** killed / (mutants expected to die that got a decided verdict), null with none. */
  killRate: number | null;
  loud: number;
};

export function summary(records: readonly MutantRecord[]): Summary {
  const n = (o: string) => records.filter((r) => r.outcome === o).length;
  const killed = n('killed');
  const decidedKillable = records.filter((r) => r.expect === 'killed' && (r.outcome === 'killed' || r.outcome === 'survived')).length;
  return {
    generated: records.length,
    killed,
    equivalent: n('equivalent'),
    equivalentBounded: n('equivalent-bounded'),
    survived: n('survived'),
    survivedProved: records.filter((r) => r.outcome === 'survived' && r.verdict === 'proved').length,
    survivedBounded: records.filter((r) => r.outcome === 'survived' && (r.verdict ?? '').startsWith('bounded')).length,
    survivedNativeDiffers: records.filter((r) => r.outcome === 'survived' && r.native && r.native.kind !== 'same' && r.native.kind !== 'build-failed').length,
    refutedEquivalent: n('refuted-equivalent'),
    unknown: n('unknown'),
    unsupported: n('unsupported'),
    skipped: n('skipped'),
    invalid: n('invalid'),
    missingOrError: n('missing') + n('error'),
    notValidated: n('not-validated'),
    killRate: decidedKillable === 0 ? null : killed / decidedKillable,
    loud: records.filter((r) => LOUD.has(r.outcome as never)).length,
  };
}

export function summaryLine(s: Summary): string {
  const rate = s.killRate === null ? 'n/a' : `${(100 * s.killRate).toFixed(1)}%`;
  return (
    `mutants: ${s.generated} generated, ${s.killed} killed, ${s.equivalent} equivalent` +
    (s.equivalentBounded ? ` (+${s.equivalentBounded} documented but only bounded)` : '') +
    `, ${s.survived} survived` +
    (s.survived ? ` (${s.survivedProved} proved, ${s.survivedBounded} bounded; ${s.survivedNativeDiffers} change the native output)` : '') +
    ', ' +
    `${s.refutedEquivalent} equivalent-but-refuted, ${s.unknown} unknown, ${s.unsupported} unsupported, ${s.skipped} skipped, ` +
    `${s.invalid} invalid, ${s.missingOrError} missing/error` +
    (s.notValidated ? `, ${s.notValidated} not validated` : '') +
    ` — kill rate ${rate}`
  );
}

const pad = (s: string | number, w: number) => String(s).padStart(w);

export function formatReport(result: HarnessResult, operators: readonly MutationOperator[]): string {
  const rows = operatorRows(result, operators);
  const shown = COLUMNS.filter((c) => rows.some((r) => r[c] > 0) || c === 'killed' || c === 'survived');
  const w = Math.max(...rows.map((r) => r.name.length), 8);
  const lines: string[] = [];
  lines.push(`${'operator'.padEnd(w)}  expect      sites  mutants ${shown.map((c) => pad(SHORT[c], 12)).join('')}`);
  for (const r of rows) {
    lines.push(`${r.name.padEnd(w)}  ${r.expect.padEnd(10)} ${pad(r.sites, 6)} ${pad(r.mutants, 8)} ${shown.map((c) => pad(r[c] || '.', 12)).join('')}`);
  }
  const never = rows.filter((r) => r.sites === 0);
  if (never.length > 0) lines.push('', `operators with no site in these programs: ${never.map((r) => r.name).join(', ')}`);

  const loud = result.records.filter((r) => LOUD.has(r.outcome as never));
  if (loud.length > 0) {
    lines.push('', `!!!!!!!! ${loud.length} MUTANT(S) NOT ACCOUNTED FOR — each is a validator weakness, an undocumented equivalent mutant, or a catalogue bug !!!!!!!!`);
    for (const r of loud) {
      lines.push(`!!! ${r.outcome.toUpperCase()}${tag(r)}: ${describe(r)}`);
      if (r.why) lines.push(`      why: ${r.why}`);
      if (r.diff) lines.push(...r.diff.split('\n').map((l) => `      ${l}`));
    }
  }
  const eq = result.records.filter((r) => r.outcome === 'equivalent');
  if (eq.length > 0) {
    lines.push('', 'equivalent mutants (proved, with the reason they are equivalent):');
    const byReason = new Map<string, MutantRecord[]>();
    for (const r of eq) byReason.set(`${r.operator}: ${r.reason}`, [...(byReason.get(`${r.operator}: ${r.reason}`) ?? []), r]);
    for (const [reason, list] of byReason) lines.push(`  ${list.length} x ${reason}`);
  }
  const eqb = result.records.filter((r) => r.outcome === 'equivalent-bounded');
  if (eqb.length > 0) {
    lines.push('', 'documented equivalent, but only bounded (no proof for every trip count):');
    for (const r of eqb) lines.push(`  ${describe(r)}`, `      reason: ${r.reason}`, ...(r.why ? [`      why: ${r.why}`] : []));
  }
  const bad = result.baseline.filter((b) => b.verdict !== 'proved' && !b.verdict.startsWith('bounded'));
  if (bad.length > 0) {
    lines.push('', `unmutated pairs not validated (their mutants are skipped): ${bad.length}`);
    for (const b of bad.slice(0, 30)) lines.push(`  ${b.program} ${b.pass}${b.variant ? ` [${b.variant}]` : ''} ${b.fn}: ${b.verdict}${b.detail ? ` — ${b.detail.slice(0, 120)}` : ''}`);
    if (bad.length > 30) lines.push(`  ... and ${bad.length - 30} more (see the JSON report)`);
  }
  const unk = result.records.filter((r) => r.outcome === 'unknown' || r.outcome === 'unsupported');
  if (unk.length > 0) {
    lines.push('', `unknown/unsupported verdicts on mutants (never counted as killed): ${unk.length}`);
    for (const r of unk.slice(0, 20)) lines.push(`  ${describe(r)}`);
    if (unk.length > 20) lines.push(`  ... and ${unk.length - 20} more (see the JSON report)`);
  }
  if (!result.validated) lines.push('', 'NOT VALIDATED (--no-validate, or verifier/tv has no validatePair): mutants were generated and checked by mlir-opt only.');
  lines.push('', summaryLine(summary(result.records)));
  return lines.join('\n');
}

/** What kind of survivor: a proved one contradicts the mutant's non-equivalence outright; a
 *  bounded one may differ only beyond the bound; a native difference settles it. */
function tag(r: MutantRecord): string {
  if (r.outcome !== 'survived') return '';
  const nat = r.native && r.native.kind !== 'same' && r.native.kind !== 'build-failed';
  if (r.verdict === 'proved') return nat ? ' [PROVED, yet the native run differs: UNSOUND]' : ' [proved]';
  return nat ? ' [bounded; the native run differs: not equivalent, the difference lies beyond the bound]' : ' [bounded]';
}

function describe(r: MutantRecord): string {
  const where = `${r.program} ${r.pass}${r.variant ? ` [${r.variant}]` : ''} ${r.site}`;
  const what = `${r.operator} (${r.description})`;
  const v = r.invalid ? `mlir-opt: ${r.invalid}` : `verdict ${r.verdict ?? '-'}${r.detail ? ` — ${r.detail.slice(0, 200)}` : ''}`;
  const nat = r.native ? `; native run: ${r.native.kind}${'detail' in r.native ? ` (${r.native.detail})` : ''}` : '';
  return `${where}: ${what}: ${v}${nat}`;
}

export function jsonReport(result: HarnessResult, operators: readonly MutationOperator[], options: Record<string, unknown>): unknown {
  return {
    options,
    summary: summary(result.records),
    operators: operatorRows(result, operators).map((row) => {
      const o = operators.find((x) => x.name === row.name)!;
      return { ...row, dialect: o.dialect, description: o.description, equivalentReason: o.equivalentReason ?? null, variant: o.variant ?? null };
    }),
    baseline: result.baseline,
    mutants: result.records,
  };
}

/** The per-operator table as Markdown (for a README): operators with mutants only, then
 *  every equivalent's reason, every survivor's why and every unknown, by operator. */
export function markdownReport(result: HarnessResult, operators: readonly MutationOperator[]): string {
  const rows = operatorRows(result, operators).filter((r) => r.mutants > 0);
  const lines = [
    '| operator | expect | sites | mutants | killed | equivalent | equivalent (bounded) | survived | unknown | other |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const other = r.unsupported + r.skipped + r.invalid + r['refuted-equivalent'] + r['not-validated'];
    const cell = (n: number) => (n ? String(n) : '.');
    lines.push(`| ${r.name} | ${r.expect} | ${r.sites} | ${r.mutants} | ${cell(r.killed)} | ${cell(r.equivalent)} | ${cell(r['equivalent-bounded'])} | ${cell(r.survived)} | ${cell(r.unknown)} | ${cell(other)} |`);
  }
  const where = (r: MutantRecord) => `\`${r.program} ${r.pass}${r.variant ? ` [${r.variant}]` : ''} ${r.site}\` (${r.operator}, ${r.verdict ?? '-'})`;
  const eq = result.records.filter((r) => (r.outcome === 'equivalent' || r.outcome === 'equivalent-bounded') && r.expect === 'killed');
  if (eq.length > 0) lines.push('', 'Equivalent mutants of killing operators (equivalents.ts):', '', ...eq.map((r) => `- ${where(r)}: ${r.reason}`));
  const sv = result.records.filter((r) => r.outcome === 'survived' || LOUD.has(r.outcome as never));
  if (sv.length > 0) lines.push('', 'Survivors and other loud mutants:', '', ...sv.map((r) => `- ${r.outcome} ${where(r)}: ${r.why ?? r.detail ?? ''}`));
  const un = result.records.filter((r) => r.outcome === 'unknown' || r.outcome === 'unsupported');
  if (un.length > 0) lines.push('', 'Unknown (never counted as killed):', '', ...un.map((r) => `- ${where(r)}: ${(r.detail ?? '').slice(0, 140)}`));
  lines.push('', summaryLine(summary(result.records)));
  return lines.join('\n');
}
