// The safety-proof benchmark (issue 5, item 8): every obligation of every top-level corpus
// program (corpus/*.clef, not bugs/ or bad/), proved as `fidelity prove --no-tv` proves it,
// in this process. Prints obligations per second, the median time per obligation, the
// verdict counts, and the solver's work: queries, their wall time and z3's deterministic
// resource count (rlimit-count; wall time is noisy on a shared machine, this is not).
// `npm run bench prove`; PROVE_BENCH_FILES=a,b limits it to those programs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEnd } from '../compiler/frontend.ts';
import { proveObligations, type ProofResult } from '../verifier/safety/prove.ts';
import { checkQuery, disposeSolvers, type Query, type SolverResult } from '../verifier/smt/solver.ts';
import { median } from './tv.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const corpusDir = join(here, '..', 'corpus');

export type ProveBenchFigures = {
  programs: number;
  obligations: number;
  wallMs: number;
  perSecond: number;
  medianMs: number;
  verdicts: Record<string, number>;
  queries: number;
  solverMs: number;
  resources: number;
  /** Queries whose answer carried no resource count (a back end that does not report it). */
  withoutResources: number;
  /** Every obligation not proved, as `program: id verdict: detail` (the corpus pins). */
  open: string[];
};

const column = (v: string) => (v.startsWith('bounded') ? 'bounded' : v);

export async function benchProveFigures(files?: string[]): Promise<ProveBenchFigures> {
  const names = files ?? readdirSync(corpusDir).filter((n) => n.endsWith('.clef')).sort();
  let queries = 0;
  let solverMs = 0;
  let resources = 0;
  let withoutResources = 0;
  const check = async (q: Query, o: { timeoutMs: number }): Promise<SolverResult> => {
    const r = await checkQuery(q, o);
    queries++;
    solverMs += r.timeMs;
    if (typeof r.resources === 'number') resources += r.resources;
    else withoutResources++;
    return r;
  };
  const all: ProofResult[] = [];
  const open: string[] = [];
  const t0 = performance.now();
  for (const n of names) {
    const fe = frontEnd(join(corpusDir, n));
    const rs = await proveObligations(fe.core, { timeoutMs: 10_000, check });
    for (const r of rs) if (r.verdict !== 'proved') open.push(`${n.replace(/\.clef$/, '')}: ${r.id} ${r.verdict}: ${r.detail}`);
    all.push(...rs);
  }
  const wallMs = performance.now() - t0;
  const verdicts: Record<string, number> = {};
  for (const r of all) verdicts[column(r.verdict)] = (verdicts[column(r.verdict)] ?? 0) + 1;
  return {
    programs: names.length,
    obligations: all.length,
    wallMs,
    perSecond: all.length / (wallMs / 1000),
    medianMs: median(all.map((r) => r.timeMs)),
    verdicts,
    queries,
    solverMs,
    resources,
    withoutResources,
    open,
  };
}

export async function benchProve(): Promise<void> {
  const only = process.env['PROVE_BENCH_FILES']?.split(',').map((s) => (s.endsWith('.clef') ? s : `${s}.clef`));
  const f = await benchProveFigures(only);
  console.log(`prove: ${f.programs} programs, ${f.obligations} obligations in ${(f.wallMs / 1000).toFixed(1)} s`);
  console.log(`  ${f.perSecond.toFixed(2)} obligations/s; median ${f.medianMs} ms of solver time per obligation (mean wall ${(f.wallMs / f.obligations).toFixed(0)} ms)`);
  console.log(`  verdicts: ${Object.entries(f.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  solver: ${f.queries} queries, ${(f.solverMs / 1000).toFixed(1)} s, ${f.resources} resource units${f.withoutResources ? ` (${f.withoutResources} queries without a count)` : ''}`);
  for (const o of f.open) console.log(`  not proved: ${o}`);
  await disposeSolvers();
}
