// The translation-validation benchmark (issue 4, item 9): `fidelity validate` over the whole
// corpus — every pass of every program, the same check as the CLI — timed, with every SMT
// query dumped (--dump-smt) and then re-run through the native Debian z3 in the same run, so
// that our wall time can be set against the raw solver time on exactly the same queries.
// Prints wall time, the per-function median, unknowns and timeouts, and the ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEnd } from '../compiler/frontend.ts';
import { DEFAULT_PIPELINE, runPipeline } from '../compiler/passes/pipeline.ts';
import { parseMlir } from '../compiler/mlir/parse.ts';
import { CORE_TO_MLIR_NOTE, validateJobs, validateStages } from '../bin/cli/validate.ts';
import { startPool } from '../bin/cli/validate-pool.ts';
import { defaultBackend, disposeSolvers, setSolverDefaults } from '../verifier/smt/solver.ts';
import { Z3_PATH } from '../verifier/smt/native.ts';
import { sessionCpuMs } from '../verifier/smt/session.ts';
import type { PassVerdict } from '../bin/cli/verdicts.ts';
import { writeRows } from './tv-rows.ts'; // the rows file

const here = fileURLToPath(new URL('.', import.meta.url));
const corpusDir = join(here, '..', 'corpus');

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** One query as answered by the in-process solver during validation. */
/** reused: answered from the query cache (an identical earlier query), no solver call. */
export type SolvedQuery = { name: string; status: string; reason?: string; timeMs: number; reused?: boolean };

/** One dumped query re-run through the native z3. */
/** inProcess, inProcessMs: the in-process answer and time, from the dump's header. */
export type NativeRun = { file: string; status: string; wallMs: number; cpuMs: number | null; z3Ms?: number; inProcess?: string; inProcessMs?: number };

/** validateCpuMs: CPU time while validating, of this process (every thread, so the WASM z3
 *  too) and of the native z3 sessions it runs. */
export type ProgramTimes = { file: string; frontEndMs: number; pipelineMs: number; parseMs: number; validateMs: number; validateCpuMs: number; verdicts: PassVerdict[] };

/** One validation of the programs with `jobs` worker threads (1: none, in this thread). */
export type TvRun = { jobs: number; programs: ProgramTimes[]; queries: SolvedQuery[] };

export type TvBench = {
  /** The first run is the one whose dumped queries the native z3 re-runs (and whose details
   *  are printed); by default jobs 1, then the CLI's default number of jobs. Each program is validated by every run before the next program
   *  (the runs' order alternates from one program to the next), so load falls on all alike. */
  runs: TvRun[];
  native: NativeRun[] | null;
  /** Native process wall time of the dumps whose answer validation reused (an identical
   *  earlier query): not run again, each counted at its original's time; and how many. */
  nativeRepeats: { count: number; wallMs: number };
  wallMs: number;
  /** The solvers' versions, as they report them. */
  versions: { inProcess: string; native: string | null };
  unroll: number;
  timeoutMs: number;
  upstreamOnly?: boolean;
  /** Set when the time budget (BENCH_TV_MINUTES) ended the run before every program. */
  stoppedAfter?: { done: number; of: number };
};

function smtFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...smtFiles(p));
    else if (name.endsWith('.smt2')) out.push(p);
  }
  return out;
}

/** CPU time of the children this process has waited for (Linux: /proc/self/stat cutime +
 *  cstime, 10 ms ticks); null elsewhere. Wall time on a shared machine says little. */
function childCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return null;
  }
}

/** Runs one dumped query through the native z3 with the same time limit; `-st` makes z3
 *  print its own :total-time, which leaves out process start-up. The file is the script the
 *  in-process z3 was given (dump.ts: a query over EQUATIONS_FROM has its definitions as
 *  equations there too), the same rule for every query: the raw solver time is that of the
 *  same text. Until the dumps did so, the native z3 got the define-funs of those queries and
 *  spent its hard stop (-T, over twice the limit) parsing them, which flattered the ratio. */
export function runNativeZ3(file: string, timeoutMs: number): NativeRun {
  const t0 = performance.now();
  const c0 = childCpuMs();
  // -t: is z3's own (soft) limit per check, as the workbench sets it; -T: a hard stop in case
  // z3 overruns it (seen with 4.8.12)
  const hardS = Math.ceil((2 * timeoutMs) / 1000) + 5;
  const r = spawnSync(Z3_PATH, ['-st', `-t:${timeoutMs}`, `-T:${hardS}`, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  const c1 = childCpuMs();
  const cpuMs = c0 === null || c1 === null ? null : c1 - c0;
  const out = r.stdout ?? '';
  const answer = /^(sat|unsat|unknown|timeout)$/m.exec(out);
  // an (error ...) before the answer means z3 skipped a command (Debian's 4.8.12 rejects
  // `(as const ...)` under QF_ABV and then says sat about what is left): not an answer
  const error = /^\(error .*$/m.exec(out);
  const status = answer && !(error && error.index < answer.index) ? answer[1]! : `error: ${(error?.[0] ?? (r.stderr || out).trim().split('\n')[0]) ?? ''}`;
  const z3s = /:total-time\s+([\d.]+)/.exec(out);
  // the dump's header records the in-process answer: the two must agree
  const head = /^; result \([^)]*\): (\w+)(?: \([^)]*\))?, ([\d.]+) ms/m.exec(readFileSync(file, 'utf8').slice(0, 4000));
  const run: NativeRun = z3s ? { file, status, wallMs, cpuMs, z3Ms: Number(z3s[1]) * 1000 } : { file, status, wallMs, cpuMs };
  if (head) {
    run.inProcess = head[1]!;
    run.inProcessMs = Number(head[2]);
  }
  return run;
}

/** Validates every corpus program with `fidelity validate`'s own code (validateStages),
 *  dumping every query, once per entry of `jobs` (worker threads; default: 1 and the CLI's
 *  default), then re-runs the first run's dumped queries through the native z3. */
export async function runTvBench(opts: { unroll?: number; timeoutMs?: number; files?: string[]; upstreamOnly?: boolean; jobs?: number[]; minutes?: number } = {}): Promise<TvBench> {
  const unroll = opts.unroll ?? 8;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const jobsList = opts.jobs ?? [...new Set([1, validateJobs()])];
  const files = opts.files ?? readdirSync(corpusDir).filter((f) => f.endsWith('.clef')).sort().map((f) => join(corpusDir, f));
  const work = mkdtempSync(join(tmpdir(), 'clef-bench-tv-'));
  const runs: TvRun[] = jobsList.map((jobs) => ({ jobs, programs: [], queries: [] }));
  let current: TvRun = runs[0]!;
  // the solver `fidelity validate` uses by default, the in-process WASM z3, unless
  // FIDELITY_SOLVER names another (FIDELITY_SOLVER=z3-auto: native z3 sessions, else WASM);
  // answers from worker threads reach this hook too
  setSolverDefaults({
    onResult: (name, _q, r) => current.queries.push({ name, status: r.status, timeMs: r.timeMs, ...(r.reason ? { reason: r.reason } : {}), ...(r.reused ? { reused: true } : {}) }),
  });
  // every run's workers start now: they load the same code as this thread (the tree may
  // change while a long run goes on), and their start-up is not charged to one program
  for (const jobs of jobsList) startPool(jobs);
  const t0 = performance.now();
  let stoppedAfter: { done: number; of: number } | undefined;
  try {
    for (const [n, file] of files.entries()) {
      const name = basename(file, '.clef');
      const t1 = performance.now();
      const fe = frontEnd(file);
      const t2 = performance.now();
      const { stages } = await runPipeline(fe.core, DEFAULT_PIPELINE, join(work, 'stages', name));
      const t3 = performance.now();
      // parsing the stage texts is part of validateStages; time it again on its own to show its share
      let parseMs = 0;
      for (const s of stages.filter((x) => x.kind === 'mlir' || x.kind === 'llvm-mlir')) {
        const p0 = performance.now();
        parseMlir(s.text, s.file);
        parseMs += performance.now() - p0;
      }
      const order = runs.map((_, i) => i);
      if (n % 2 === 1) order.reverse();
      for (const i of order) {
        current = runs[i]!;
        process.stderr.write(`\r\x1b[Kvalidating ${name} (jobs ${current.jobs}) ...`);
        const v0 = performance.now();
        const cpu0 = process.cpuUsage();
        const child0 = (childCpuMs() ?? 0) + sessionCpuMs();
        // with the Core program, as the CLI passes it: the core-to-mlir rows are real checks
        // upstreamOnly: without the Core program the core-to-mlir rows are a note, not checks
        const verdicts = await validateStages(stages, { unroll, timeoutMs, dumpSmt: join(work, `smt-${i}`, name) }, file, undefined, opts.upstreamOnly ? undefined : fe.core, current.jobs);
        const v1 = performance.now();
        // process.cpuUsage counts every thread: the workers' and the WASM z3's too
        const cpu = process.cpuUsage(cpu0);
        // the native z3 sessions are other processes: their CPU time counts too
        const childMs = (childCpuMs() ?? 0) + sessionCpuMs() - child0;
        current.programs.push({ file, frontEndMs: t2 - t1, pipelineMs: t3 - t2, parseMs, validateMs: v1 - v0, validateCpuMs: (cpu.user + cpu.system) / 1000 + childMs, verdicts });
      }
      // a line per program (kept on stderr): a run stopped early still has figures
      const line = runs.map((r) => {
        const p = r.programs[r.programs.length - 1]!;
        const k = (pred: (v: PassVerdict) => boolean) => p.verdicts.filter((v) => v.detail !== CORE_TO_MLIR_NOTE && pred(v)).length;
        return `jobs ${r.jobs}: ${(p.validateMs / 1000).toFixed(1)} s wall, ${(p.validateCpuMs / 1000).toFixed(1)} s CPU, ${k((v) => v.verdict === 'proved')} proved, ${k((v) => v.verdict.startsWith('bounded'))} bounded, ${k((v) => v.verdict === 'unknown')} unknown`;
      });
      process.stderr.write(`\r\x1b[K${name}: ${line.join('; ')}\n`);
      // a time budget (BENCH_TV_MINUTES): no new program after it, the rest still runs
      if (opts.minutes !== undefined && performance.now() - t0 > opts.minutes * 60_000 && n + 1 < files.length) {
        stoppedAfter = { done: n + 1, of: files.length };
        break;
      }
    }
    const wallMs = performance.now() - t0;
    process.stderr.write('\r\x1b[K');
    const backend = defaultBackend();
    const inProcess = `${backend.name}: ${await backend.version()}`;
    await disposeSolvers();
    const nativeVersion = existsSync(Z3_PATH) ? spawnSync(Z3_PATH, ['--version'], { encoding: 'utf8' }).stdout.trim() : null;
    let native: NativeRun[] | null = null;
    const nativeRepeats = { count: 0, wallMs: 0 };
    if (existsSync(Z3_PATH)) {
      native = [];
      // a query validation answered from its cache (the same text asked before, dump header
      // "; reused:") is not run natively either: the raw solver time is that of the queries
      // validation solved; what the repeats would cost natively is their originals' time
      const byText = new Map<string, number>();
      const repeats: string[] = [];
      for (const f of smtFiles(join(work, 'smt-0'))) {
        const text = readFileSync(f, 'utf8');
        const body = text.replace(/^;.*\n/gm, '');
        if (/^; reused:/m.test(text)) repeats.push(body);
        else {
          const run = runNativeZ3(f, timeoutMs);
          native.push(run);
          byText.set(body, run.wallMs);
        }
      }
      for (const body of repeats) {
        nativeRepeats.count++;
        nativeRepeats.wallMs += byText.get(body) ?? 0;
      }
    }
    return { ...(stoppedAfter ? { stoppedAfter } : {}), runs, native, nativeRepeats, wallMs, versions: { inProcess, native: nativeVersion }, unroll, timeoutMs, upstreamOnly: opts.upstreamOnly ?? false };
  } finally {
    setSolverDefaults({ onResult: undefined, backend: undefined });
    rmSync(work, { recursive: true, force: true });
  }
}

/** The queries a run's solver really solved: answers reused from the query cache (an
 *  identical earlier query) cost no solver time — their timeMs is the original's. */
const solved = (r: TvRun) => r.queries.filter((q) => !q.reused);

const num = (x: number, n = 9, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-').padStart(n);

export function printTvBench(b: TvBench): void {
  // the details are those of the first run: the native z3 re-ran its dumped queries, whose
  // headers hold its answers; every run's main figures are side by side at the end
  const main = b.runs[0]!;
  if (b.stoppedAfter) console.log(`STOPPED by the time budget (BENCH_TV_MINUTES) after ${b.stoppedAfter.done} of ${b.stoppedAfter.of} programs: the figures below are for those only`);
  console.log(`(details: the run with ${main.jobs} job${main.jobs === 1 ? '' : 's'}; runs side by side at the end)`);
  const checks = main.programs.flatMap((p) => p.verdicts).filter((v) => v.detail !== CORE_TO_MLIR_NOTE);
  const count = (pred: (v: PassVerdict) => boolean) => checks.filter(pred).length;
  const validateMs = sum(main.programs.map((p) => p.validateMs));
  const wasmMs = sum(solved(main).map((q) => q.timeMs));
  console.log(`translation validation, as 'fidelity validate' does: ${main.programs.length} programs, ${b.upstreamOnly ? 'the upstream passes (no core-to-mlir checks: BENCH_TV_UPSTREAM=1)' : 'every pass'} (unroll ${b.unroll}, timeout ${b.timeoutMs} ms)`);
  console.log(`  checks (pass x function): ${checks.length} — ${count((v) => v.verdict === 'proved')} proved, ${count((v) => v.verdict.startsWith('bounded'))} bounded, ` +
    `${count((v) => v.verdict === 'refuted')} refuted, ${count((v) => v.verdict === 'unknown')} unknown, ${count((v) => v.verdict === 'unsupported')} unsupported`);
  // the upstream passes (mlir-opt runs) on their own, and why their bounded rows have no
  // unbounded proof, grouped by the reason the cut-point proof gave
  const up = checks.filter((v) => v.pass !== 'core-to-mlir');
  const upCount = (pred: (v: PassVerdict) => boolean) => up.filter(pred).length;
  const upTimeouts = upCount((v) => v.verdict === 'unknown' && /timeout|resource limit|canceled/.test(v.detail));
  console.log(`  upstream passes: ${up.length} checks — ${upCount((v) => v.verdict === 'proved')} proved, ${upCount((v) => v.verdict.startsWith('bounded'))} bounded, ` +
    `${upCount((v) => v.verdict === 'refuted')} refuted, ${upCount((v) => v.verdict === 'unknown')} unknown (${upTimeouts} timeouts), ${upCount((v) => v.verdict === 'unsupported')} unsupported; ` +
    `median ${num(median(up.filter((v) => v.verdict !== 'unsupported').map((v) => v.timeMs)), 0)} ms per check`);
  const why = new Map<string, string[]>();
  for (const v of up.filter((x) => x.verdict.startsWith('bounded'))) {
    const reason = (v.detail.split('no unbounded proof: ')[1] ?? v.detail).replace(/loop \d+/g, 'loop N').replace(/cut points: .*slot \S+/, 'cut points: a carried pointer slot');
    why.set(reason, [...(why.get(reason) ?? []), `${basename(v.file ?? '', '.clef')} @${v.name} (${v.pass})`]);
  }
  for (const [reason, rows] of [...why].sort((a, c) => c[1].length - a[1].length)) console.log(`    bounded ${String(rows.length).padStart(3)}: ${reason} — e.g. ${rows.slice(0, 2).join('; ')}`);
  const timeouts = count((v) => v.verdict === 'unknown' && /timeout|resource limit|canceled/.test(v.detail));
  console.log(`  unknown: ${count((v) => v.verdict === 'unknown')} (of which timeouts: ${timeouts}) — goal 0 timeouts ${timeouts === 0 ? 'met' : 'NOT met'}`);
  for (const v of checks.filter((x) => x.verdict === 'unknown' || x.verdict === 'refuted')) console.log(`    ${basename(v.file ?? '')} ${v.pass} @${v.name}: ${v.detail}`);
  console.log(`  wall time: ${num(b.wallMs / 1000, 0)} s in all; front end ${num(sum(main.programs.map((p) => p.frontEndMs)) / 1000, 0)} s, ` +
    `pipeline (mlir-opt runs) ${num(sum(main.programs.map((p) => p.pipelineMs)) / 1000, 0)} s, validation ${num(validateMs / 1000, 0)} s ` +
    `(of which parsing the stages' MLIR ${num(sum(main.programs.map((p) => p.parseMs)) / 1000, 0)} s)`);
  const perCheck = checks.filter((v) => v.verdict !== 'unsupported').map((v) => v.timeMs);
  const perFunction = new Map<string, number>();
  for (const v of checks) perFunction.set(`${v.file}:${v.name}`, (perFunction.get(`${v.file}:${v.name}`) ?? 0) + v.timeMs);
  const m = median(perCheck);
  console.log(`  per function and pass: median ${num(m, 0)} ms, max ${num(Math.max(...perCheck), 0)} ms`);
  console.log(`  sum of the per-check times ${num(sum(checks.map((v) => v.timeMs)) / 1000, 0)} s (the rest of validation: reading modules, pairing, the CLI's bookkeeping)`);
  // item 9's "median per function" read strictly: a function's time is that of every pass's
  // check of it (the per-check median above is the lenient reading, and far lower)
  const fm = median([...perFunction.values()]);
  const under = [...perFunction.values()].filter((t) => t < 100).length;
  console.log(`  per function, all passes together: median ${num(fm, 0)} ms — goal < 100 ms ${fm < 100 ? 'met' : 'NOT met'} (${under} of ${perFunction.size} functions under 100 ms)`);
  console.log(`  by pass: ${'pass'.padEnd(27)} ${'checks'.padStart(6)} ${'total s'.padStart(8)} ${'median ms'.padStart(9)}`);
  for (const pass of [...new Set(checks.map((v) => v.pass ?? '?'))]) {
    const ts = checks.filter((v) => v.pass === pass).map((v) => v.timeMs);
    console.log(`           ${pass.padEnd(27)} ${String(ts.length).padStart(6)} ${num(sum(ts) / 1000, 8)} ${num(median(ts), 9)}`);
  }
  const slow = [...checks].sort((a, c) => c.timeMs - a.timeMs).slice(0, 5);
  console.log(`  slowest checks: ${slow.map((v) => `${basename(v.file ?? '', '.clef')} ${v.pass} @${v.name} ${v.timeMs.toFixed(0)} ms`).join('; ')}`);
  const decided = main.queries.filter((q) => q.status === 'sat' || q.status === 'unsat').length;
  console.log(`  solver queries: ${main.queries.length} (${decided} decided; the other checks were settled by term simplification, no query); ` +
    `${main.queries.length - solved(main).length} answered from the cache of identical queries (same text, solver and limits)`);
  console.log(`  validation's solver (${b.versions.inProcess}): ${num(wasmMs / 1000, 0, 2)} s in all on ${solved(main).length} queries solved, median ${num(median(solved(main).map((q) => q.timeMs)), 0)} ms per query`);
  if (!b.native) {
    console.log(`  native z3: ${Z3_PATH} not found — raw-solver ratio not measured`);
    printRuns(b, null, null);
    return;
  }
  const nativeWall = sum(b.native.map((r) => r.wallMs));
  const nativeZ3 = sum(b.native.map((r) => r.z3Ms ?? r.wallMs));
  const decidedStatus = (s?: string) => s === 'sat' || s === 'unsat';
  const disagree = b.native.filter((r) => decidedStatus(r.status) && decidedStatus(r.inProcess) && r.status !== r.inProcess);
  console.log(`  native z3 (${Z3_PATH}, ${b.versions.native}) on the ${b.native.length} dumped queries: ${num(nativeWall / 1000, 0, 2)} s process wall, ${num(nativeZ3 / 1000, 0, 2)} s z3 :total-time, ` +
    `median ${num(median(b.native.map((r) => r.wallMs)), 0)} ms per query; unknown/timeout ${b.native.filter((r) => r.status !== 'sat' && r.status !== 'unsat').length}`);
  console.log(`  answers: ${disagree.length} sat/unsat disagreements between the two z3s`);
  for (const r of disagree) console.log(`  WARNING: ${r.file}: native z3 says ${r.status}, validation's solver said ${r.inProcess}`);
  const undecided = b.native.filter((x) => x.status !== 'sat' && x.status !== 'unsat');
  for (const r of undecided.slice(0, 8)) console.log(`    native z3 ${r.status} after ${r.wallMs.toFixed(0)} ms on ${r.file.split('/smt/')[1] ?? r.file} (validation: ${r.inProcess ?? '?'})`);
  if (undecided.length > 8) console.log(`    ... and ${undecided.length - 8} more`);
  const both = b.native.filter((r) => decidedStatus(r.status) && decidedStatus(r.inProcess) && r.inProcessMs !== undefined);
  if (both.length) {
    const inMs = sum(both.map((r) => r.inProcessMs!));
    const natMs = sum(both.map((r) => r.wallMs));
    console.log(`  on the ${both.length} queries both decide: validation's solver ${num(inMs / 1000, 0, 2)} s, native ${num(natMs / 1000, 0, 2)} s wall ` +
      `(${num(sum(both.map((r) => r.z3Ms ?? r.wallMs)) / 1000, 0, 2)} s z3 :total-time) — validation's / native ${num(inMs / natMs, 0, 2)}x`);
  }
  const ratio = validateMs / nativeWall;
  const validateCpu = sum(main.programs.map((p) => p.validateCpuMs));
  const nativeCpu = b.native.every((r) => r.cpuMs !== null) ? sum(b.native.map((r) => r.cpuMs!)) : null;
  if (b.nativeRepeats.count) {
    console.log(`  ${b.nativeRepeats.count} dumps were answers reused from identical queries: not run natively; had they been (one z3 process each, as before the cache), ` +
      `native ${num((nativeWall + b.nativeRepeats.wallMs) / 1000, 0, 2)} s — ratio ${num(validateMs / (nativeWall + b.nativeRepeats.wallMs), 0, 2)}x`);
  }
  console.log(`  ratios: validation wall / native z3 wall ${num(ratio, 0, 1)}x (goal <= 1.3x ${ratio <= 1.3 ? 'met' : 'NOT met'}); ` +
    `whole run wall / native z3 wall ${num(b.wallMs / nativeWall, 0, 1)}x; validation's solver / native z3 ${num(wasmMs / nativeWall, 0, 2)}x`);
  if (nativeCpu !== null) {
    console.log(`  by CPU time (steadier on a shared machine): validation ${num(validateCpu / 1000, 0)} s, native z3 ${num(nativeCpu / 1000, 0, 2)} s — ratio ${num(validateCpu / nativeCpu, 0, 1)}x`);
  }
  // the upstream passes alone: their checks' wall time against native z3 on their dumps
  const upNative = b.native.filter((r) => !r.file.includes('/1-core-to-mlir/'));
  const upNativeWall = sum(upNative.map((r) => r.wallMs));
  const upMs = sum(up.map((v) => v.timeMs));
  const upInProcess = sum(upNative.filter((r) => r.inProcessMs !== undefined).map((r) => r.inProcessMs!));
  console.log(`  upstream passes only: checks ${num(upMs / 1000, 0)} s wall, validation's solver ${num(upInProcess / 1000, 0, 2)} s on ${upNative.length} queries, ` +
    `native z3 ${num(upNativeWall / 1000, 0, 2)} s wall — ratio ${num(upMs / upNativeWall, 0, 1)}x; outside any solver ${num((100 * (upMs - upInProcess)) / upMs, 0, 0)} %`);
  console.log(`  validation wall / its solver's time ${num(validateMs / wasmMs, 0, 1)}x`);
  console.log(`  time outside any solver during validation: ${num((validateMs - wasmMs) / 1000, 0)} s (${num((100 * (validateMs - wasmMs)) / validateMs, 0, 0)} %)`);
  printRuns(b, nativeWall, nativeCpu);
}

/** The runs side by side: the same programs with 1 job and with more (worker threads). */
function printRuns(b: TvBench, nativeWall: number | null, nativeCpu: number | null): void {
  console.log(`  side by side (each program validated by every run before the next program; native z3: the first run's dumps):`);
  console.log(`    ${'jobs'.padStart(4)} ${'checks'.padStart(6)} ${'proved'.padStart(6)} ${'bounded'.padStart(7)} ${'unknown'.padStart(7)} ${'timeouts'.padStart(8)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ` +
    `${'/native wall'.padStart(12)} ${'/native CPU'.padStart(11)} ${'ms/check'.padStart(8)} ${'ms/function'.padStart(11)} ${'solver s'.padStart(8)}`);
  const rowsOf = (r: TvRun) => r.programs.flatMap((p) => p.verdicts).filter((v) => v.detail !== CORE_TO_MLIR_NOTE);
  for (const r of b.runs) {
    const checks = rowsOf(r);
    const wall = sum(r.programs.map((p) => p.validateMs));
    const cpu = sum(r.programs.map((p) => p.validateCpuMs));
    const perFunction = new Map<string, number>();
    for (const v of checks) perFunction.set(`${v.file}:${v.name}`, (perFunction.get(`${v.file}:${v.name}`) ?? 0) + v.timeMs);
    const timeouts = checks.filter((v) => v.verdict === 'unknown' && /timeout|resource limit|canceled/.test(v.detail)).length;
    console.log(`    ${String(r.jobs).padStart(4)} ${String(checks.length).padStart(6)} ${String(checks.filter((v) => v.verdict === 'proved').length).padStart(6)} ` +
      `${String(checks.filter((v) => v.verdict.startsWith('bounded')).length).padStart(7)} ${String(checks.filter((v) => v.verdict === 'unknown').length).padStart(7)} ${String(timeouts).padStart(8)} ` +
      `${num(wall / 1000, 7)} ${num(cpu / 1000, 7)} ${nativeWall ? num(wall / nativeWall, 11, 2) + 'x' : '-'.padStart(12)} ${nativeCpu ? num(cpu / nativeCpu, 10, 2) + 'x' : '-'.padStart(11)} ` +
      `${num(median(checks.filter((v) => v.verdict !== 'unsupported').map((v) => v.timeMs)), 8)} ${num(median([...perFunction.values()]), 11)} ${num(sum(solved(r).map((q) => q.timeMs)) / 1000, 8)}`);
  }
  // verdicts that differ between runs (only timeouts under different load should)
  const first = new Map(rowsOf(b.runs[0]!).map((v) => [`${basename(v.file ?? '')} ${v.pass} @${v.name}`, v.verdict]));
  for (const r of b.runs.slice(1)) {
    const diff = rowsOf(r).filter((v) => first.get(`${basename(v.file ?? '')} ${v.pass} @${v.name}`) !== v.verdict);
    console.log(`    verdicts of jobs ${r.jobs} vs jobs ${b.runs[0]!.jobs}: ${diff.length ? `${diff.length} differ` : 'identical'}`);
    for (const v of diff.slice(0, 10)) console.log(`      ${basename(v.file ?? '')} ${v.pass} @${v.name}: ${first.get(`${basename(v.file ?? '')} ${v.pass} @${v.name}`)} -> ${v.verdict}`);
  }
}

/** The job counts to run side by side: `--jobs 1,2` or BENCH_TV_JOBS=1,2 (default: 1 and
 *  the CLI's default, validateJobs()). */
export function benchJobs(flag: string | undefined): number[] | undefined {
  const text = flag ?? process.env['BENCH_TV_JOBS'];
  if (!text) return undefined;
  const list = text.split(',').map(Number);
  if (!list.every((n) => Number.isSafeInteger(n) && n >= 1)) throw new Error(`--jobs: expected numbers >= 1 separated by commas, got '${text}'`);
  return list;
}

/** `files`: .clef programs to validate instead of the whole corpus. */
export async function benchTv(files?: string[], jobs?: number[]): Promise<void> {
  // BENCH_TV_UPSTREAM=1: the upstream passes only (the mlir-opt runs; no core-to-mlir checks)
  const upstreamOnly = process.env.BENCH_TV_UPSTREAM === '1';
  const list = jobs ?? benchJobs(undefined);
  // BENCH_TV_MINUTES=N: start no new program after N minutes (the whole corpus takes hours
  // on a loaded 2-core machine); the programs done are compared as usual
  const minutes = process.env['BENCH_TV_MINUTES'] ? Number(process.env['BENCH_TV_MINUTES']) : undefined;
  // BENCH_TV_PROGRAMS=debounce,luhn: those corpus programs only
  const chosen = files && files.length ? files : benchPrograms(process.env['BENCH_TV_PROGRAMS']);
  const started = runStart();
  const b = await runTvBench({ ...(chosen ? { files: chosen } : {}), upstreamOnly, ...(list ? { jobs: list } : {}), ...(minutes && minutes > 0 ? { minutes } : {}) });
  printTvBench(b);
  const written = writeTvRows(b, !chosen, started);
  console.log(`  rows not proved, by pass and cause: ${written.md} (every row's time: ${written.json})`);
}

/** The corpus programs named by BENCH_TV_PROGRAMS (base names, commas between); undefined
 *  when unset. A name that is no corpus program is an error, not an empty run. */
export function benchPrograms(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  return text.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
    const file = join(corpusDir, `${basename(n, '.clef')}.clef`);
    if (!existsSync(file)) throw new Error(`BENCH_TV_PROGRAMS: no corpus program '${n}' (${file})`);
    return file;
  });
}

/** When the run started and the commit checked out then (the tree is committed while a long
 *  run goes on; the run's code is the one loaded at its start). */
function runStart(): { date: string; commit: string | null } {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' });
  return { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), commit: commit.status === 0 ? commit.stdout.trim() || null : null };
}

/** Where the rows file goes: bench/tv-rows for a whole-corpus run of every pass that
 *  finished; any other run (some programs, the upstream passes only, stopped by the time
 *  budget) in the temporary directory, so that it does not replace the record of the whole
 *  corpus. BENCH_TV_ROWS=PATH/STEM chooses the place (STEM.md, STEM.json). */
export function rowsStem(b: Pick<TvBench, 'stoppedAfter' | 'upstreamOnly'>, wholeCorpus: boolean): string {
  const complete = wholeCorpus && !b.stoppedAfter && !b.upstreamOnly;
  return process.env['BENCH_TV_ROWS'] || (complete ? join(here, 'tv-rows') : join(tmpdir(), 'tv-rows'));
}

/** Writes the first run's rows (the run whose details are printed; without the core-to-mlir
 *  notes of an upstream-only run, which are no checks) to rowsStem's .md and .json. */
export function writeTvRows(b: TvBench, wholeCorpus: boolean, started: { date: string; commit: string | null }): { md: string; json: string } {
  const main = b.runs[0]!;
  return writeRows(rowsStem(b, wholeCorpus), {
    ...started,
    unroll: b.unroll,
    timeoutMs: b.timeoutMs,
    jobs: main.jobs,
    programs: main.programs.map((p) => basename(p.file, '.clef')),
    wholeCorpus,
    upstreamOnly: b.upstreamOnly ?? false,
    ...(b.stoppedAfter ? { stoppedAfter: b.stoppedAfter } : {}),
  }, main.programs.flatMap((p) => p.verdicts).filter((v) => v.detail !== CORE_TO_MLIR_NOTE));
}

// `npx tsx bench/tv.ts [--jobs 1,2] [FILE.clef ...]`: the whole corpus, or the programs named
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--jobs');
  const jobs = at >= 0 ? benchJobs(args.splice(at, 2)[1]) : undefined;
  await benchTv(args, jobs);
}
