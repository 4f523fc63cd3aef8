// `fidelity validate` / `tv` / `audit` run their checks on worker threads (--jobs N,
// FIDELITY_JOBS; bin/cli/validate-pool.ts): the rows, their order and their verdicts are
// those of a one-at-a-time run in the main thread, and the process ends cleanly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEnd } from '../../compiler/frontend.ts';
import { pipelineFromFlag, runPipeline } from '../../compiler/passes/pipeline.ts';
import { parseMlir } from '../../compiler/mlir/parse.ts';
import { coreToMlir } from '../../compiler/codegen/core-to-mlir.ts';
import { runTool } from '../../compiler/toolchain/tools.ts';
import { readFileSync } from 'node:fs';
import { validateJobs, validateStages } from '../../bin/cli/validate.ts';
import { validatePairJobs } from '../../bin/cli/validate-jobs.ts';
import { disposePool, poolThreads } from '../../bin/cli/validate-pool.ts';
import { parsed, planPair } from '../../bin/cli/validate-tasks.ts';
import { toJson } from '../../bin/cli/verdicts.ts';
import { validatePair } from '../../verifier/tv/validate.ts';
import { disposeSolvers, setSolverDefaults, solverTotals } from '../../verifier/smt/solver.ts';
import { cli } from '../helpers/cli.ts';

const opts = { unroll: 2, timeoutMs: 10_000 };
const fx = (n: string) => join('tests', 'cli', 'fixtures', n);

// Test 1's rows, one check at a time in this thread: the CLI's --jobs 2 run (test 4) is
// compared with them, so the CLI runs once, not once per --jobs value (26 Nov: the file took
// 21 s CPU with gcd_lcm in test 1 and two CLI runs each in tests 4 and 5)
let inThread: { rows: Record<string, unknown>[] } | undefined;
const gcd = fx('gcd.clef');

test('two worker threads give the rows of one check at a time in this thread, in the same order', async () => {
  const fe = frontEnd(gcd);
  const dir = mkdtempSync(join(tmpdir(), 'validate-jobs-'));
  try {
    // the pipeline and the Core program of `fidelity validate`: test 4 compares its JSON
    const { stages } = await runPipeline(fe.core, pipelineFromFlag(undefined), dir);
    const started: string[] = [];
    const startedTwo: string[] = [];
    // the solver answers of the workers reach this thread's hook and totals
    const names: string[] = [];
    let reused = 0;
    setSolverDefaults({ onResult: (name, _q, r) => (names.push(name), (reused += r.reused ? 1 : 0)) });
    const before = solverTotals().get('z3-wasm')?.queries ?? 0;
    const one = await validateStages(stages, opts, gcd, (p) => started.push(p), fe.core, 1);
    const inThreadQueries = names.length;
    // a function's queries repeat from one pass to the next: answered once (solver.ts QueryCache)
    assert.ok(reused > 0 && reused < inThreadQueries, `${reused} of ${inThreadQueries} reused`);
    const two = await validateStages(stages, opts, gcd, (p) => startedTwo.push(p), fe.core, 2);
    setSolverDefaults({ onResult: undefined });
    const rows = (vs: typeof one) => vs.map((v) => `${v.file} ${v.pass} @${v.name}: ${v.verdict} ${v.detail}`);
    assert.equal(rows(two), rows(one));
    // every pass of the pipeline, each reported once as its first check starts, in order
    const upstream = stages.filter((s) => s.kind === 'mlir' || s.kind === 'llvm-mlir').slice(1).map((s) => s.pass);
    assert.ok(upstream.length >= 6, upstream.join(' '));
    assert.equal(started, ['core-to-mlir', ...upstream]);
    assert.equal(startedTwo, started);
    assert.equal([...new Set(one.map((v) => v.pass))], started);
    assert.ok(one.filter((v) => v.pass !== 'core-to-mlir').length >= 3 * upstream.length, rows(one).join('\n'));
    assert.ok(one.every((v) => /^(proved|bounded\(2\))$/.test(v.verdict)), rows(one).join('\n'));
    // the workers' queries reach this thread's hook and totals (not necessarily the same
    // number as in this thread: the cut-point invariant search stops on a time budget)
    assert.ok(names.length > inThreadQueries);
    assert.ok(names.slice(inThreadQueries).includes(names[0]!), names.join(' '));
    assert.is((solverTotals().get('z3-wasm')?.queries ?? 0) - before, names.length);
    inThread = { rows: one.map(toJson) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tv on workers: the rows of validatePair, counterexample and one-sided function included', async () => {
  const read = (n: string) => ({ text: readFileSync(fx(n), 'utf8'), file: fx(n) });
  const src = read('add.src.mlir');
  const tgt = read('add.tgt.mlir');
  const want = await validatePair(parseMlir(src.text, src.file), parseMlir(tgt.text, tgt.file), opts);
  const got = await validatePairJobs(src, tgt, opts, 2);
  const strip = (vs: typeof want) => vs.map(({ timeMs: _t, ...v }) => v);
  assert.equal(strip(got), strip(want));
  assert.ok(got.some((v) => v.verdict === 'refuted' && v.counterexample));
  assert.ok(got.some((v) => v.verdict === 'unsupported'));
});

// a worker loads the verifier and its own solver (about 1.5 s of CPU): `fidelity tv` of one
// function pair took 2.7 s of CPU with the two workers it started, 1.1 s without (28 Nov)
test('no more worker threads than checks: one check runs in this thread, two start two workers', async () => {
  await disposePool();
  const read = (n: string) => ({ text: readFileSync(fx(n), 'utf8'), file: fx(n) });
  const tasks = (src: ReturnType<typeof read>, tgt: ReturnType<typeof read>) =>
    planPair(parseMlir(src.text, src.file), parseMlir(tgt.text, tgt.file), src, tgt, opts).filter((x) => x.kind === 'task').length;
  const strip = (vs: { timeMs?: number }[]) => vs.map(({ timeMs: _t, ...v }) => v);
  const [ls, lt] = [read('loop.src.mlir'), read('loop.tgt.mlir')];
  assert.is(tasks(ls, lt), 1);
  const one = await validatePairJobs(ls, lt, opts, 2);
  assert.is(poolThreads(), 0, 'a worker was started for one check');
  assert.equal(strip(one), strip(await validatePair(parseMlir(ls.text, ls.file), parseMlir(lt.text, lt.file), opts)));
  const [cs, ct] = [read('callee.src.mlir'), read('callee.tgt.mlir')];
  assert.is(tasks(cs, ct), 2);
  const two = await validatePairJobs(cs, ct, opts, 4);
  assert.is(poolThreads(), 2, 'one worker per check, not --jobs 4');
  assert.equal(strip(two), strip(await validatePair(parseMlir(cs.text, cs.file), parseMlir(ct.text, ct.file), opts)));
  await disposePool();
});

test('FIDELITY_JOBS and --jobs set how many worker threads run the checks', () => {
  const old = process.env['FIDELITY_JOBS'];
  try {
    process.env['FIDELITY_JOBS'] = '1';
    assert.is(validateJobs(), 1);
    assert.is(validateJobs('3'), 3);
    assert.throws(() => validateJobs('0'), /--jobs/);
    process.env['FIDELITY_JOBS'] = 'lots';
    assert.ok(validateJobs() >= 1);
  } finally {
    if (old === undefined) delete process.env['FIDELITY_JOBS'];
    else process.env['FIDELITY_JOBS'] = old;
  }
});

test('fidelity validate --json --jobs 2: the JSON verdicts of one check at a time (test 1), and a clean exit', async () => {
  assert.ok(inThread, 'test 1 ran');
  const two = await cli(['validate', gcd, '--json', '--unroll', '2', '--jobs', '2']);
  assert.is(two.code, 0, two.stderr);
  const strip = (rs: Record<string, unknown>[]) => rs.map(({ time_ms: _t, ...r }) => r);
  assert.equal(strip((JSON.parse(two.stdout) as { functions: Record<string, unknown>[] }).functions), strip(inThread!.rows));
  assert.ok(inThread!.rows.length >= 8);
  // z3's threads and the workers are stopped before exit: nothing printed on the way out
  assert.not.match(two.stderr, /cleanupThread|terminated worker/);
});

test('fidelity audit: the checks of every program share the jobs; with --jobs 2 the rows of validatePair, in order', async () => {
  const two = await cli(['audit', '--pass', 'cse', gcd, gcd, '--json', '--unroll', '2', '--jobs', '2']);
  assert.is(two.code, 0, two.stderr);
  type Row = { file: string; pass: string; name: string; verdict: string; detail: string; time_ms: number };
  const r = (JSON.parse(two.stdout) as { functions: Row[] }).functions.map(({ time_ms: _t, ...x }) => x);
  // the program twice: its rows twice, in order, each with its file and the pass
  assert.ok(r.length >= 4 && r.length % 2 === 0);
  assert.equal(r.slice(r.length / 2), r.slice(0, r.length / 2));
  assert.ok(r.every((x) => x.pass === 'cse' && x.file === gcd));
  // each half: the rows of one check at a time in this thread (in place of a --jobs 1 run
  // of the CLI: ~2 s CPU more)
  const src = coreToMlir(frontEnd(gcd).core);
  const dir = mkdtempSync(join(tmpdir(), 'validate-jobs-'));
  try {
    writeFileSync(join(dir, 'before.mlir'), src);
    const tgt = await runTool('cse', 'mlir-opt', ['--cse', join(dir, 'before.mlir')]);
    const want = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), opts);
    assert.equal(r.slice(0, r.length / 2), want.map(({ timeMs: _t, ...v }) => ({ file: gcd, pass: 'cse', ...v })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a thread parses a stage once per use: pair checks share the module, the core-to-mlir check has its own', () => {
  const s = { text: readFileSync(fx('add.src.mlir'), 'utf8'), file: fx('add.src.mlir') };
  // the Core check leaves state on the module objects it reads that changed an upstream
  // verdict of the same stage (arena_queue convert-scf-to-cf @runFrame: proved with a module
  // of its own, bounded(8) after the Core check in the same thread on the same object)
  assert.ok(parsed(s, 'pair').module === parsed(s, 'pair').module);
  assert.ok(parsed(s, 'core').module === parsed(s, 'core').module);
  assert.ok(parsed(s, 'core').module !== parsed(s, 'pair').module);
});

test('--jobs 0 is bad input (exit 3)', async () => {
  const r = await cli(['tv', fx('add.src.mlir'), fx('add.tgt.mlir'), '--jobs', '0']);
  assert.is(r.code, 3);
  assert.match(r.stderr, /--jobs/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
