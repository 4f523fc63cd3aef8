// A WASM z3 that dies or does not stop under a call (verifier/smt/z3-crash.ts, z3wasm.ts) gives
// `unknown` with a named reason, in bounded time, and the next query gets a new module:
// - out of memory: z3's `memory_max_size` (FIDELITY_Z3_MEMORY_MB) makes this build exit(101) on
//   z3's thread; the heap's own 2 GB limit aborts the thread (tvfuzz seed 81 pair 102, which
//   killed the process after 206 s: scratch/review27 R1) — both `unknown: solver out of memory`;
// - a check that ignores the interrupt (that pair: smt::context::internalize_formula_core) is
//   ended stuckAfterMs after its limit: `unknown: timeout`, and no 600 s keep-alive timer of
//   the dead call holds the process;
// - `fidelity tv` on that pair prints its row, with no stack; an abort that would still escape
//   ends the CLI with one line (bin/main.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort } from '../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers, type Query } from '../../../verifier/smt/solver.ts';
import { stuckAfterMs } from '../../../verifier/smt/z3wasm.ts';
import { watchModule, Z3Gone, type Gone } from '../../../verifier/smt/z3-crash.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { cli } from '../../helpers/cli.ts';
import { tsImport } from '../../helpers/loader.ts';

const here = join(fileURLToPath(import.meta.url), '..');
const src = join(here, 'fixtures', 'z3-stuck.src.mlir');
const tgt = join(here, 'fixtures', 'z3-stuck.tgt.mlir');

const f = new TermFactory();
/** A 1024-bit factoring: far more than 60 MB of z3's memory once bit-blasted. */
function bigQuery(): Query {
  const n = 1024;
  const [a, b] = ['fa', 'fb'].map((v) => f.var(v, bvSort(n)));
  return {
    assertions: [
      f.eq(f.app('bvmul', [a!, b!]), f.bv((1n << 1023n) + 12345n, n)),
      f.app('bvugt', [a!, f.bv(1, n)]), f.app('bvugt', [b!, f.bv(1, n)]),
      f.app('bvult', [a!, f.bv(1n << 512n, n)]), f.app('bvult', [b!, f.bv(1n << 512n, n)]),
    ],
    wantModel: [],
  };
}
function smallQuery(): Query {
  const x = f.var('sx', bvSort(8));
  return { assertions: [f.eq(f.app('bvmul', [x, x]), f.bv(4, 8))], wantModel: [x] };
}

// first in the file: the cap is read when a module is made
test('over z3 memory cap: unknown (solver out of memory), then the next query is answered by a new module', async () => {
  process.env.FIDELITY_Z3_MEMORY_MB = '60';
  try {
    const r = await checkQuery(bigQuery(), { timeoutMs: 60_000 });
    assert.is(r.status, 'unknown');
    assert.is(r.reason, 'solver out of memory');
  } finally {
    delete process.env.FIDELITY_Z3_MEMORY_MB;
  }
  assert.is(process.exitCode, undefined, "the glue's exit(101) does not become the process's exit code");
  const next = await checkQuery(smallQuery(), { timeoutMs: 60_000 });
  assert.is(next.status, 'sat');
});

test('a check z3 does not stop at its interrupt: unknown (timeout) soon after its limit; z3 answers the next query', async () => {
  const limit = 1000;
  const rows = await validatePair(parseMlir(readFileSync(src, 'utf8'), src), parseMlir(readFileSync(tgt, 'utf8'), tgt), { unroll: 2, timeoutMs: limit });
  assert.is(rows.length, 1);
  const row = rows[0]!;
  assert.is(row.verdict, 'unknown');
  assert.match(row.detail ?? '', /: timeout$/);
  // the whole row: its few quick queries, the stuck one ended at limit + stuckAfterMs
  assert.ok(row.timeMs < limit + stuckAfterMs(limit) + 5000, `${row.timeMs} ms`);
  const next = await checkQuery(smallQuery(), { timeoutMs: 60_000 });
  assert.is(next.status, 'sat');
  await disposeSolvers();
  // the dead call's keep-alive timer (600 s) was cleared: nothing holds the process
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(process.getActiveResourcesInfo().filter((x) => x === 'Timeout'), []);
});

test('watchModule: an abort or a worker error rejects `gone` with its kind, once; the exit message restores the exit code', async () => {
  const seen: Gone[] = [];
  const oom = watchModule((g) => seen.push(g));
  oom.overrides.onAbort('Cannot enlarge memory arrays to size 2160594944 bytes (OOM). Either (1) compile with ...');
  oom.overrides.onAbort('native code called abort()');
  const e = await oom.gone.catch((x: unknown) => x);
  assert.ok(e instanceof Z3Gone);
  assert.is((e as Z3Gone).gone.kind, 'out of memory');
  assert.is(seen.length, 1);

  // the glue's own onerror rethrows (the process died): attach replaces it, on the workers
  // there and on those made later
  type W = { onerror?: (e: { message?: string }) => void };
  const old: W = { onerror: () => { throw new Error('rethrown'); } };
  const made: W[] = [];
  const pt = { runningWorkers: [old], unusedWorkers: [] as W[], loadWasmModuleToWorker: (w: W) => { w.onerror = () => { throw new Error('rethrown'); }; made.push(w); return Promise.resolve(); } };
  const crash = watchModule(() => undefined);
  crash.attach({ PThread: pt });
  const later: W = {};
  await pt.loadWasmModuleToWorker(later);
  later.onerror!({ message: 'RuntimeError: unreachable' });
  old.onerror!({ message: 'another' });
  const c = await crash.gone.catch((x: unknown) => x);
  assert.is((c as Z3Gone).gone.kind, 'crashed');
  assert.match((c as Z3Gone).gone.detail, /unreachable/);

  const exit = watchModule(() => undefined);
  const before = process.exitCode;
  exit.overrides.printErr('program exited (with status: 101), but keepRuntimeAlive() is set (counter=1) ...');
  process.exitCode = 101; // what the glue's quit_ does next
  await Promise.resolve();
  assert.is(process.exitCode, before);
  assert.is(((await exit.gone.catch((x: unknown) => x)) as Z3Gone).gone.kind, 'out of memory');
});

test('fidelity tv on the pair: its row unknown (timeout), exit 2, no stack', async () => {
  const r = await cli(['tv', src, tgt, '--unroll', '2', '--timeout', '1000']);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stdout, /@f\s+unknown/);
  assert.match(r.stdout, /timeout/);
  assert.not.match(r.stderr, /\n\s+at /);
});

const runFixture = (name: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...tsImport(), join(here, 'fixtures', name)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });

test('the CLI: a WASM abort that still escapes from an event ends the run with one line and status 4', async () => {
  const r = await runFixture('escaping-abort.ts');
  assert.is(r.code, 4, r.stderr);
  assert.match(r.stderr, /^fidelity: the solver \(z3, WASM\) crashed: Aborted\(Cannot enlarge memory arrays/);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('the CLI: any other error escaping from an event is an internal error, status 4 (not 1, which reads as refuted), no stack', async () => {
  const r = await runFixture('escaping-error.ts');
  assert.is(r.code, 4, r.stderr);
  assert.match(r.stderr, /^fidelity: internal error: an escaped bug/);
  assert.not.match(r.stderr, /\n\s+at /);
});

test.run();
