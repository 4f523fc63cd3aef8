// Native solvers as child processes: the script on stdin, the answer on stdout. z3 runs in
// long-lived sessions (session.ts, `(reset)` between queries); cvc5 one process per query.
// The solver's own time limit ends a hard query; if the process outlives it by a grace
// period it is killed, and the answer is `unknown: timeout`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Backend, CheckOptions, Query, SolverResult } from './solver.ts';
import { resultFromOutput, scriptFor, type Dialect } from './answer.ts';
import { closeSessions, runInSession } from './session.ts';
import { forStockZ3 } from './dump.ts';
import { hasLambda, withoutLambdaReads } from './smtlib.ts';

export const Z3_PATH = process.env['FIDELITY_Z3'] ?? '/usr/bin/z3';
export const CVC5_PATH = process.env['FIDELITY_CVC5'] ?? '/usr/bin/cvc5';

type RunResult = { stdout: string; stderr: string; timedOut: boolean; timeMs: number; code: number | null; spawnError?: string };

// at most one solver process per core at a time
let running = 0;
const waiting: (() => void)[] = [];
const limit = Math.max(1, availableParallelism());
const live = new Set<ReturnType<typeof spawn>>();

async function slot<T>(f: () => Promise<T>): Promise<T> {
  if (running >= limit) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await f();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs `bin args` with `input` on stdin; kills it after `hardMs`. */
export function runProcess(bin: string, args: string[], input: string, hardMs: number): Promise<RunResult> {
  return slot(
    () =>
      new Promise<RunResult>((resolve) => {
        const t0 = performance.now();
        const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        live.add(child);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let timedOut = false;
        let spawnError: string | undefined;
        const killer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, hardMs);
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.stdin.on('error', () => undefined); // a solver that exits early closes its stdin
        child.on('error', (e) => {
          spawnError = e.message;
        });
        child.on('close', (code) => {
          clearTimeout(killer);
          live.delete(child);
          const r: RunResult = {
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
            timedOut,
            timeMs: performance.now() - t0,
            code,
          };
          if (spawnError) r.spawnError = spawnError;
          resolve(r);
        });
        child.stdin.end(input);
      }),
  );
}

function graceMs(timeoutMs: number): number {
  return Math.max(1000, Math.min(timeoutMs, 5000));
}

async function runDialect(name: string, bin: string, dialect: Dialect, args: string[], q: Query, opts: CheckOptions): Promise<SolverResult> {
  const script = scriptFor(q, opts, dialect);
  const r = await runProcess(bin, args, script, opts.timeoutMs + graceMs(opts.timeoutMs));
  if (r.spawnError) return { status: 'unknown', reason: `solver error: cannot run ${bin}: ${r.spawnError}`, timeMs: r.timeMs, backend: name };
  const info = { backend: name, timeMs: r.timeMs, timedOut: r.timedOut, stderr: r.stderr };
  return resultFromOutput(r.stdout, q, opts.rlimit === undefined ? info : { ...info, rlimit: opts.rlimit });
}

const versions = new Map<string, Promise<string>>();
function versionOf(bin: string, args: string[]): Promise<string> {
  let v = versions.get(bin);
  if (!v) {
    v = runProcess(bin, args, '', 10_000).then((r) => (r.spawnError ? 'unavailable' : r.stdout.split('\n')[0]!.trim()));
    versions.set(bin, v);
  }
  return v;
}

async function killAll(): Promise<void> {
  for (const c of live) c.kill('SIGKILL');
  closeSessions();
}

/** z3 in a long-lived `z3 -in` process (session.ts): `(reset)` before each query, so the
 *  answers and resource counts are those of a fresh process, without its start-up. */
async function checkNativeZ3(q: Query, opts: CheckOptions): Promise<SolverResult> {
  const script = forStockZ3(scriptFor(q, opts, 'z3'));
  // z3 4.8 sometimes overruns its own timeout by seconds; a session is cheap to replace, so
  // it is killed soon after the limit (a process per query waited for graceMs)
  const r = await runInSession(Z3_PATH, ['-in', '-smt2'], script, opts.timeoutMs + Math.max(200, Math.min(opts.timeoutMs / 10, 1000)));
  if (r.spawnError) return { status: 'unknown', reason: `solver error: cannot run ${Z3_PATH}: ${r.spawnError}`, timeMs: r.timeMs, backend: 'z3-native' };
  const stderr = [r.stderr.trim(), r.died ? `z3 ${r.died}` : ''].filter(Boolean).join('\n');
  const info = { backend: 'z3-native', timeMs: r.timeMs, timedOut: r.timedOut, stderr };
  return resultFromOutput(r.stdout, q, opts.rlimit === undefined ? info : { ...info, rlimit: opts.rlimit });
}

export const z3NativeBackend: Backend = {
  name: 'z3-native',
  version: () => versionOf(Z3_PATH, ['--version']),
  check: checkNativeZ3,
  available: async () => existsSync(Z3_PATH),
  dispose: killAll,
};

export const cvc5Backend: Backend = {
  name: 'cvc5',
  version: () => versionOf(CVC5_PATH, ['--version']),
  check: async (q, opts) => {
    // cvc5 reads `lambda` only in its higher-order logics: a query that holds one once its
    // reads are rewritten (an array the semantics built as a lambda, used whole) is not asked
    if (hasLambda(withoutLambdaReads(q.assertions))) return { status: 'unknown', reason: 'incomplete: a lambda array (not asked of cvc5)', timeMs: 0, backend: 'cvc5' };
    const args = ['--lang', 'smt2', '--produce-models', `--tlimit-per=${Math.max(1, Math.round(opts.timeoutMs))}`];
    if (opts.rlimit !== undefined) args.push(`--rlimit-per=${opts.rlimit}`);
    return runDialect('cvc5', CVC5_PATH, 'cvc5', args, q, opts);
  },
  available: async () => existsSync(CVC5_PATH),
  dispose: killAll,
};
