#!/usr/bin/env node
// Runs every tests/**/*.test.ts file (uvu), two processes at a time, plus the type check, and
// ends with the one plain line CI reads: `N passed, N failed`. The slowest files and those
// that start commands or test the process itself run in a process of their own; the others
// in batches of several files to a process (scripts/test-batch.mjs), one after the other.
// Each file's line shows its wall time and, on Linux, the CPU time (user + system) of its
// whole process tree: wall time depends on whatever else the machine runs, CPU time much less.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const filter = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures') out.push(...findTests(p));
    }
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// The slowest files start first, longest first, so that no long file starts last and runs
// alone while the other worker idles. Order: every file over 12 s of CPU in the run of 28 Nov
// (/tmp/ci4.log: 987 s wall, 1878 s CPU), by its CPU — upstream-miscompiles (34 s), missing
// from the list before, started last and ran alone at the end — then the former groups.
const SLOW_FIRST = [
  'tests/verifier/tv/core/corpus.test.ts',
  'tests/verifier/tv/corpus.test.ts',
  'tests/compiler/differential/random.test.ts',
  'tests/verifier/tv/core/event-memory.test.ts',
  'tests/verifier/tv/pairs.test.ts',
  'tests/corpus/bugs.test.ts',
  'tests/verifier/tv/upstream-miscompiles.test.ts',
  'tests/verifier/tv/core/probe-late-difference.test.ts',
  'tests/verifier/tv/core/copy-trace-reads.test.ts',
  'tests/verifier/tv/core/vacuous.test.ts',
  'tests/verifier/tv/core/cut-unreached.test.ts',
  'tests/verifier/tv/core/probe-poison-cut.test.ts',
  'tests/verifier/tv/core/probe-copy-loops.test.ts',
  'tests/compiler/mlir/corpus-stages.test.ts',
  'tests/cli/validate-jobs.test.ts',
  'tests/verifier/tv/probe-invariant-scope.test.ts',
  'tests/cli/validate-faults.test.ts',
  'tests/verifier/mutants/equivalents.test.ts',
  'tests/verifier/tv/core/probe-callee-lengths.test.ts',
  'tests/verifier/tv/core/cut-stacks.test.ts',
  'tests/verifier/semantics/mlir/corpus-run.test.ts',
  'tests/corpus/prove-corpus.test.ts',
  'tests/verifier/tv/core/probe-string-loop-frames.test.ts',
  'tests/cli/rlimit.test.ts',
  'tests/verifier/tv/core/probe-poison-memory.test.ts',
  'tests/cli/tv.test.ts',
  'tests/verifier/tv/core/cutpoints.test.ts',
  'tests/cli/compile-native.test.ts',
  'tests/cli/cli.test.ts',
  'tests/verifier/semantics/mlir/float-domain.test.ts',
  'tests/verifier/tv/core/string-loops.test.ts',
  'tests/cli/prove.test.ts',
  'tests/verifier/tv/core/copy-loops.test.ts',
  'tests/verifier/tv/core/pieces.test.ts',
  'tests/verifier/tv/core/probe-floats.test.ts',
  'tests/verifier/tv/core/strings.test.ts',
  'tests/verifier/tv/core/',
  'tests/cli/',
  'tests/verifier/tv/invariants-relations.test.ts',
  'tests/verifier/safety/exact-loops.test.ts',
  'tests/verifier/mutants/',
  'tests/verifier/safety/corpus.test.ts',
  'tests/corpus/bad.test.ts',
];
const rank = (f) => {
  const i = SLOW_FIRST.findIndex((x) => relative(root, f).startsWith(x));
  return i < 0 ? SLOW_FIRST.length : i;
};
// FIDELITY_TEST_DIR: the test files of another folder (the runner's own tests run the files
// of tests/fixtures/runner, which the usual run skips: no folder named fixtures is searched)
const files = findTests(join(root, process.env.FIDELITY_TEST_DIR || 'tests'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .map((f, i) => ({ f, i }))
  .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
  .map((x) => x.f);
// `node --import tsx FILE` rather than the `tsx` command, which starts a second node process
// for every file. A file's fixed start (27 Nov, CPU): node 0.05 s; tsx's loader 0.2 s more (its
// hooks run in a thread of their own); the project's modules about 0.05 s; z3, in a file that
// asks a query, 0.6-0.8 s more — of which its threads' own copy of tsx was about 0.3 s and V8's
// up-front validation of the 35 MB module 0.1 s, both now avoided (verifier/smt/z3-glue.ts).
// Since 28 Nov the test files run under scripts/ts-loader.mjs (esbuild with a disk cache, the
// same transform as tsx's): 0.17 s of CPU at a file's start instead of 0.37 s, about 65 s of
// the suite's CPU over its 340 files. FIDELITY_TEST_TSX=1 runs them under tsx as before.
// The commands the files start (bin/fidelity, its worker threads) take the same loader from
// FIDELITY_TEST_LOADER=1 (0.9 -> 0.6 s of CPU for a `fidelity check`).
const useTsx = process.env.FIDELITY_TEST_TSX === '1';
const tsxLoader = useTsx ? ['--import', 'tsx'] : ['--import', join(root, 'scripts', 'ts-loader.mjs')];
const tsc = join(root, 'node_modules', '.bin', 'tsc');

// CPU time of the children this process has waited for (Linux: /proc/self/stat cutime +
// cstime, in clock ticks of 10 ms); null elsewhere. Read when each child has exited, the
// growth since the previous reading is that child's whole process tree.
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}
let lastCpu = childCpuMs();

// FIDELITY_TEST_LIMIT_S: another limit (the runner's own test of a hang)
const FILE_LIMIT_MS = Number(process.env.FIDELITY_TEST_LIMIT_S || 20 * 60) * 1000;
const EXIT_GRACE_MS = 60_000;

function run(cmd, args, doneRe = /Duration:\s/) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', FIDELITY_TEST_LOADER: useTsx ? '' : '1' } });
    let out = '';
    // a file whose tests have ended (uvu's summary) but whose process stays alive (a timer or
    // a thread left running) is stopped after a grace period and counted as failed, and so is
    // a file over the whole limit: a hang must not eat the CI run's 90 minutes (session 18: a
    // z3 keep-alive timer held one 7 minutes)
    let stopped = null;
    let grace = null;
    const stop = (why) => {
      if (stopped) return;
      stopped = why;
      child.kill('SIGKILL');
    };
    const limit = setTimeout(() => stop(`still running after ${FILE_LIMIT_MS / 1000} s`), FILE_LIMIT_MS);
    const onData = (d) => {
      out += d;
      if (!grace && doneRe.test(strip(out))) grace = setTimeout(() => stop(`its tests ended but the process did not exit within ${EXIT_GRACE_MS / 1000} s (a timer or thread left alive)`), EXIT_GRACE_MS);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let cpuMs = null;
    child.on('exit', () => {
      const now = childCpuMs();
      if (now !== null && lastCpu !== null) cpuMs = now - lastCpu;
      lastCpu = now;
    });
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      if (grace) clearTimeout(grace);
      resolve({ code: code ?? 128, signal, out, ms: Date.now() - t0, cpuMs, stopped });
    });
  });
}

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
const failures = [];
const timings = [];
const cpuText = (r) => (r.cpuMs === null ? '' : `, cpu ${r.cpuMs} ms`);

async function runFile(file) {
  const r = await run(process.execPath, [...tsxLoader, file]);
  const out = strip(r.out);
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const name = relative(root, file);
  timings.push({ name, ms: r.ms, cpuMs: r.cpuMs });
  if (r.stopped) {
    // the tests that passed before it was stopped count; the hang is one failure more
    const okN = Number.isNaN(ok) ? 0 : ok;
    passed += okN;
    failed += (Number.isNaN(total) ? 0 : Math.max(0, total - okN)) + 1;
    failures.push({ name, out: `${out}\n(stopped: ${r.stopped})\n` });
    console.log(`FAIL ${name} (stopped: ${r.stopped}) ${r.ms} ms${cpuText(r)}`);
    return;
  }
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    failed += 1;
    failures.push({ name, out });
    console.log(`FAIL ${name} (crashed, exit ${r.code}) ${r.ms} ms${cpuText(r)}`);
    return;
  }
  // (uvu's total leaves the skipped tests out; review 41 F1: subtracting them hid as many failures)
  const bad = total - ok;
  passed += ok;
  failed += bad;
  if (bad > 0 || r.code !== 0) {
    if (bad === 0) failed += 1; // a non-zero exit with all tests passing is still a failure
    failures.push({ name, out });
  }
  console.log(`${bad > 0 || r.code !== 0 ? 'FAIL' : 'ok  '} ${name}: ${ok}/${total} ${r.ms} ms${cpuText(r)}`);
}

/** A batch (scripts/test-batch.mjs): each file's counts from its `@@fidelity-test` line;
 *  files the process did not report (it crashed or was stopped) run again one by one. */
async function runBatch(batch) {
  const r = await run(process.execPath, [...tsxLoader, join(root, 'scripts', 'test-batch.mjs'), ...batch.map((f) => relative(root, f))], /@@fidelity-batch-end/);
  const out = strip(r.out);
  const parts = out.split(/\n@@fidelity-start /).slice(1);
  const reported = new Set();
  for (const part of parts) {
    const m = /\n@@fidelity-test (\{.*\})\n/.exec(part);
    if (!m) continue;
    const row = JSON.parse(m[1]);
    const file = join(root, row.file);
    reported.add(file);
    const text = part.slice(part.indexOf('\n') + 1, m.index);
    const name = row.file;
    timings.push({ name, ms: row.ms, cpuMs: row.cpuMs, inBatch: true });
    // (uvu's total leaves the skipped tests out)
    const bad = row.total - row.passed + (row.error ? 1 : 0);
    passed += row.passed;
    failed += bad;
    if (bad > 0) failures.push({ name, out: text });
    console.log(`${bad > 0 ? 'FAIL' : 'ok  '} ${name}: ${row.passed}/${row.total} ${row.ms} ms, cpu ${row.cpuMs} ms (in a batch)${row.error ? ` (outside its tests: ${row.error})` : ''}`);
  }
  batchCpu.push(r.cpuMs);
  let rest = batch.filter((f) => !reported.has(f));
  if (r.stopped) {
    // a hang: the file that was running fails (run alone it would hang as long again); the
    // files after it run one by one
    const running = rest.length && parts.length > reported.size ? rest.shift() : null;
    failed += 1;
    const name = running ? relative(root, running) : `batch of ${batch.length}`;
    failures.push({ name, out: `${(running ? parts[parts.length - 1] : out).slice(-4000)}\n(stopped: ${r.stopped})\n` });
    console.log(`FAIL ${name} (stopped in a batch: ${r.stopped})`);
  }
  // after its last file: a late rejection or exit code (@@fidelity-batch-end), or the
  // process's own exit status
  const end = /\n@@fidelity-batch-end (\{.*\})\n/.exec(out);
  const late = end ? JSON.parse(end[1]).error : undefined;
  if (!r.stopped && rest.length === 0 && (late || r.code !== 0)) {
    failed += 1;
    const name = `batch of ${batch.length} (${batch.map((f) => relative(root, f)).join(', ')})`;
    failures.push({ name, out: late ?? `exit ${r.code}` });
    console.log(`FAIL ${name}: ${late ? `after its last file: ${late.split('\n')[0]}` : `exit ${r.code}`}`);
  }
  if (rest.length) console.log(`(a batch ended before ${rest.map((f) => relative(root, f)).join(', ')}: ${r.stopped ?? `exit ${r.code}`}; run one by one)`);
  for (const f of rest) await runFile(f);
}
const batchCpu = [];

// In a process of their own: the files SLOW_FIRST names (long enough that a process's start
// does not count), the files that start commands, worker threads or z3 modules of their own
// and measure or stop them, and those that test the test runner or the process's exit.
const ALONE = [
  ...SLOW_FIRST.filter((x) => x.endsWith('.test.ts')),
  'tests/cli/',
  'tests/corpus/',
  'tests/dashboard/',
  'tests/verifier/smt/z3',
  'tests/compiler/differential/',
];
const alone = (f) => process.env.FIDELITY_TEST_ISOLATE === '1' || ALONE.some((x) => relative(root, f).startsWith(x));
/** Files to a batch: enough to spread a process's start over several files, few enough that
 *  the two workers still share the work evenly at the end. */
const BATCH = 8;
const items = [];
for (const f of files) {
  const last = items[items.length - 1];
  if (alone(f)) items.push([f]);
  else if (last && last.batch && last.length < BATCH) last.push(f);
  else items.push(Object.assign([f], { batch: true }));
}

const started = Date.now();

const queue = [...items];
const jobs = Math.max(1, Math.min(Number(process.env.TEST_JOBS) || os.cpus().length, 4));
const typecheck = filter.length === 0 ? run(tsc, ['--noEmit', '-p', '.']) : null;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let it = queue.shift(); it; it = queue.shift()) await (it.batch && it.length > 1 ? runBatch(it) : runFile(it[0]));
  }),
);
if (typecheck) {
  const r = await typecheck;
  if (r.code === 0) {
    passed++;
    console.log('ok   typecheck (tsc --noEmit)');
  } else {
    failed++;
    failures.push({ name: 'typecheck (tsc --noEmit)', out: r.out });
    console.log('FAIL typecheck (tsc --noEmit)');
  }
}
if (timings.length > 1) {
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 8);
  // every process's CPU (a batch's own start and end included), from the runner's children
  const all = [...timings.filter((t) => !t.inBatch).map((t) => t.cpuMs), ...batchCpu];
  const cpu = all.every((c) => c !== null) ? `, cpu ${(all.reduce((a, c) => a + c, 0) / 1000).toFixed(0)} s in all` : '';
  console.log(`\n${timings.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s wall (${jobs} processes at a time, ${items.length - items.filter((i) => i.batch && i.length > 1).length} files alone and ${items.filter((i) => i.batch && i.length > 1).length} batches${cpu}); slowest:`);
  for (const t of slowest) console.log(`  ${(t.ms / 1000).toFixed(1).padStart(6)} s${t.cpuMs === null ? '' : ` (cpu ${(t.cpuMs / 1000).toFixed(1)} s)`}  ${t.name}`);
}
for (const f of failures) {
  console.log(`\n---- ${f.name} ----\n${strip(f.out).trim().split('\n').slice(-60).join('\n')}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
