// The tv bench's record of every row that is not `proved` (issue 4 item 8: each such row is
// documented with its exact reason): bench/tv-rows.md, the rows grouped by pass and then by
// a short cause class read off the detail text, and bench/tv-rows.json, every row (proved
// too) with its time, so that the medians can be recomputed offline. Both are derived from a
// run's verdicts only; nothing here names a program or a function.
import { renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PassVerdict } from '../bin/cli/verdicts.ts';

/** Where the primary reason ends and the cut-point proof's reason begins. */
const NO_CUT = '; no unbounded proof: ';

/** A detail's wording made generic: function names, numbers and line numbers out, so that
 *  rows failing for the same reason share a class. */
export function generic(text: string): string {
  return text
    .replace(/ \(line \d+\)/g, '')
    .replace(/@[\w.$]+/g, '@f')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The detail without its verdict prefix ("unknown: ", "bounded(8): "), split into the
 *  primary reason and the cut-point proof's reason (when there is one). */
export function splitDetail(v: { verdict: string; detail: string }): { primary: string; cut?: string } {
  const d = v.detail.startsWith(`${v.verdict}: `) ? v.detail.slice(v.verdict.length + 2) : v.detail;
  const at = d.indexOf(NO_CUT);
  return at < 0 ? { primary: d } : { primary: d.slice(0, at), cut: d.slice(at + NO_CUT.length) };
}

/** The reasons an undecided or unsupported row gives, most specific first: a regular
 *  expression over the primary reason and the class it names. */
const RULES: { re: RegExp; cls: (m: RegExpExecArray) => string }[] = [
  { re: /^engine bug/, cls: () => 'engine bug: a counterexample did not replay' },
  { re: /^(timeout|resource limit|canceled)\b.*budget of \d+ time limits ran out/, cls: (m) => `${m[1]}: the budget of the mismatch's parts ran out` },
  { re: /^(timeout|resource limit|canceled)\b.*\(part (\d+) of \d+/, cls: (m) => `${m[1]} in part ${m[2]} of the mismatch` },
  { re: /^(timeout|resource limit|canceled)\b/, cls: (m) => `${m[1]} (the query as one)` },
  { re: /budget of the check of \S+ \(([^)]*)\) ran out/, cls: (m) => `the check's budget ran out (${generic(m[1]!)})` },
  { re: /^query too large at unroll \d+: ([^(]*)/, cls: (m) => `query too large: ${generic(m[1]!)}` },
  {
    re: /^a loop runs more than \d+ iterations on every execution; nothing was checked(.*builds strings)?/,
    cls: (m) => `nothing was checked: a loop always runs past k${m[1] ? ' (a string builder, not unrolled deeper)' : ''}`,
  },
  { re: /^every execution runs a loop\b.*nothing was checked/, cls: () => 'nothing was checked: every execution runs a loop past k' },
  // a proof whose assumptions no input satisfies (verifier/tv/vacuity.ts): usually a model bug
  { re: /^vacuous: the source is UB on every execution( that returns)?/, cls: (m) => `vacuous: the source is UB on every execution${m[1] ?? ''}` },
  { re: /^no difference within \d+ iterations.*undecided \(([^)]*)\)/, cls: (m) => `no difference within k, whether any execution stays within k undecided (${generic(m[1]!)})` },
  { re: /^counterexample not replayed/, cls: () => 'a model past the replay\'s limits' },
];

/** The first clause of a reason (up to a colon, semicolon, parenthesis or comma), generic. */
const firstClause = (text: string) => generic(text.split(/[:;(,]/)[0]!) || generic(text);

/** The short cause class of a row that is not `proved`, from its verdict and detail. */
export function causeOf(v: { verdict: string; detail: string }): string {
  const { primary, cut } = splitDetail(v);
  if (v.verdict.startsWith('bounded')) return `bounded: no unbounded proof: ${cut ? generic(cut).replace(/cut points: .*slot \S+/, 'cut points: a carried pointer slot') : 'no reason given'}`;
  if (v.verdict === 'refuted') return v.detail.startsWith('refuted (concrete test') ? 'refuted by a concrete test' : 'refuted';
  if (v.verdict === 'unsupported') return `unsupported: ${firstClause(primary.replace(/^unsupported: /, ''))}`;
  for (const r of RULES) {
    const m = r.re.exec(primary);
    if (m) return r.cls(m);
  }
  return `${v.verdict}: ${firstClause(primary)}`;
}

/** One row of the JSON file: every check, `proved` too. */
export type RowRecord = { program: string; pass: string; function: string; verdict: string; time_ms: number; cause?: string; detail?: string };

export type RowsRun = {
  /** ISO date of the run, the commit checked out (null: unknown), the bench's settings. */
  date: string;
  commit: string | null;
  unroll: number;
  timeoutMs: number;
  jobs: number;
  /** The programs validated (their base names), and whether that is the whole corpus. */
  programs: string[];
  wholeCorpus: boolean;
  upstreamOnly: boolean;
  stoppedAfter?: { done: number; of: number };
};

const program = (v: PassVerdict) => basename(v.file ?? '?', '.clef');

export function rowRecords(checks: readonly PassVerdict[]): RowRecord[] {
  return checks.map((v) => ({
    program: program(v),
    pass: v.pass ?? '?',
    function: v.name,
    verdict: v.verdict,
    time_ms: Math.round(v.timeMs * 10) / 10,
    ...(v.verdict === 'proved' ? {} : { cause: causeOf(v), detail: v.detail }),
  }));
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const verdictKind = (v: string) => (v.startsWith('bounded') ? 'bounded' : v);
const KINDS = ['proved', 'bounded', 'refuted', 'unknown', 'unsupported', 'inconsistent'];

function counts(rows: readonly RowRecord[]): string {
  const n = (k: string) => rows.filter((r) => verdictKind(r.verdict) === k).length;
  return KINDS.filter((k) => k !== 'inconsistent' || n(k) > 0).map((k) => `${n(k)} ${k}`).join(', ');
}

/** Groups in order of size (largest first), then by name. */
function groupBy<T>(xs: readonly T[], key: (x: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A detail on one markdown line. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** bench/tv-rows.md's text. */
export function rowsMarkdown(run: RowsRun, rows: readonly RowRecord[]): string {
  const open = rows.filter((r) => r.verdict !== 'proved');
  const perFunction = new Map<string, number>();
  for (const r of rows) perFunction.set(`${r.program}:${r.function}`, (perFunction.get(`${r.program}:${r.function}`) ?? 0) + r.time_ms);
  const out: string[] = [
    '# Translation validation: every row that is not `proved`',
    '',
    'Generated by the tv benchmark (`npm run bench tv`, bench/tv.ts, bench/tv-rows.ts) from the run\'s verdicts; do not edit.',
    'Every row\'s time is in tv-rows.json beside this file.',
    '',
    `- run: ${run.date}, commit ${run.commit ?? '(unknown)'} (with the working tree as it was), unroll ${run.unroll}, timeout ${run.timeoutMs} ms, the rows of the run with ${run.jobs} job${run.jobs === 1 ? '' : 's'}`,
    `- programs: ${run.wholeCorpus && !run.stoppedAfter ? `the whole corpus (${run.programs.length})` : `${run.programs.length}, not the whole corpus: ${run.programs.join(', ')}`}` +
      `${run.upstreamOnly ? '; the upstream passes only (no core-to-mlir checks)' : ''}` +
      `${run.stoppedAfter ? `; STOPPED by the time budget after ${run.stoppedAfter.done} of ${run.stoppedAfter.of} programs` : ''}`,
    `- checks (pass x function): ${rows.length} — ${counts(rows)}`,
    `- median per check ${median(rows.filter((r) => r.verdict !== 'unsupported').map((r) => r.time_ms)).toFixed(1)} ms; per function, all passes together, ${median([...perFunction.values()]).toFixed(1)} ms`,
    '',
    '## Causes',
    '',
    '| cause | rows | verdicts | passes |',
    '|---|---:|---|---|',
  ];
  for (const [cause, rs] of groupBy(open, (r) => r.cause!)) {
    const verdicts = groupBy(rs, (r) => verdictKind(r.verdict)).map(([k, x]) => `${x.length} ${k}`).join(', ');
    out.push(`| ${cause.replace(/\|/g, '\\|')} | ${rs.length} | ${verdicts} | ${[...new Set(rs.map((r) => r.pass))].join(', ')} |`);
  }
  if (open.length === 0) out.push('| (none: every row is proved) | 0 | | |');
  // passes in the order the run met them (the pipeline's)
  for (const pass of [...new Set(rows.map((r) => r.pass))]) {
    const all = rows.filter((r) => r.pass === pass);
    const mine = open.filter((r) => r.pass === pass);
    if (mine.length === 0) continue;
    out.push('', `## ${pass}: ${mine.length} of ${all.length} checks not proved (${counts(all)})`);
    for (const [cause, rs] of groupBy(mine, (r) => r.cause!)) {
      out.push('', `### ${cause} (${rs.length})`, '');
      for (const r of rs) out.push(`- ${r.program} \`@${r.function}\`: ${r.verdict}, ${seconds(r.time_ms)} — ${oneLine(r.detail ?? '')}`);
    }
  }
  return out.join('\n') + '\n';
}

/** bench/tv-rows.json's text: the run's settings, then the rows, one a line (a diff of two
 *  runs then shows the rows that changed). */
export function rowsJson(run: RowsRun, rows: readonly RowRecord[]): string {
  const head = {
    date: run.date,
    commit: run.commit,
    unroll: run.unroll,
    timeout_ms: run.timeoutMs,
    jobs: run.jobs,
    programs: run.programs,
    whole_corpus: run.wholeCorpus,
    upstream_only: run.upstreamOnly,
    ...(run.stoppedAfter ? { stopped_after: run.stoppedAfter } : {}),
  };
  const fields = Object.entries(head).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return ['{', ...fields, ' "rows": [', rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n'), ' ]', '}'].join('\n') + '\n';
}

/** Writes `text` to `path` through a temporary file and a rename: a reader (or a commit)
 *  sees the old file or the new one, never half of one. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Writes `<stem>.md` and `<stem>.json` for the checks of one run (notes that are not checks
 *  already left out by the caller). */
export function writeRows(stem: string, run: RowsRun, checks: readonly PassVerdict[]): { md: string; json: string } {
  const rows = rowRecords(checks);
  const files = { md: `${stem}.md`, json: `${stem}.json` };
  writeAtomic(files.json, rowsJson(run, rows));
  writeAtomic(files.md, rowsMarkdown(run, rows));
  return files;
}
