// The solver layer's front door: a query (assertions + the variables whose values we want) goes
// to a back end and comes back as sat (with a model), unsat, or unknown with a reason. A
// timeout, a resource limit, a solver error or an unreadable answer is always `unknown` —
// never sat or unsat. Back ends: z3 in process (WASM, the default), native z3, cvc5.
import { createHash } from 'node:crypto';
import type { Term } from './term.ts';
import type { ModelValue } from './model.ts';
import { printQueryOnce } from './smtlib.ts';
import { dumpQuery, dumpResult } from './dump.ts';
import { z3WasmBackend } from './z3wasm.ts';
import { cvc5Backend, z3NativeBackend } from './native.ts';
import { z3AutoBackend } from './auto.ts';
import { charge, refusal } from './budget.ts';

export type { ArrayModel, ModelValue } from './model.ts';

export type Query = {
  assertions: Term[];
  /** Variables whose values a `sat` answer should carry (empty: no model wanted). */
  wantModel: Term[];
  /** What the query asks, in words: written as a comment at the top of a dumped query. */
  description?: string;
};

export type SolverStatus = 'sat' | 'unsat' | 'unknown' | 'inconsistent';

export type SolverResult = {
  status: SolverStatus;
  /** For unknown: 'timeout', 'resource limit', 'incomplete: ...', 'solver error: ...', 'solver out of memory',
   *  'solver crashed: ...' (the WASM z3's module died: z3-crash.ts); otherwise notes (e.g. why no model). */
  reason?: string;
  /** For sat: the values of `wantModel` (by variable name). */
  model?: Map<string, ModelValue>;
  /** Wall time of the check, including the solver's parsing of the query. */
  timeMs: number;
  /** The solver's deterministic effort counter (z3 rlimit-count, cvc5 resource units). */
  resources?: number;
  /** The back end that answered. */
  backend?: string;
  /** For crossCheck: each back end's own answer. */
  answers?: SolverResult[];
  /** The answer of an identical earlier query (same text, back end and limits), not solved
   *  again; `timeMs` is then that query's. */
  reused?: boolean;
  /** z3-wasm's incremental try for a query that shares its base with the one before
   *  (incremental.ts): 'unsat' answered it; 'asked again': it did not, the query was then
   *  asked the usual way and `timeMs` counts both. */
  incremental?: 'unsat' | 'asked again';
};

export type CheckOptions = { timeoutMs: number; rlimit?: number };

export type Backend = {
  name: string;
  version(): Promise<string>;
  check(q: Query, opts: CheckOptions): Promise<SolverResult>;
  /** Whether the back end can run here (binary present, WASM loads); assume yes when absent. */
  available?(): Promise<boolean>;
  /** Releases threads/processes so the Node process can exit. */
  dispose?(): Promise<void>;
};

export type SolverDefaults = {
  timeoutMs: number;
  rlimit?: number;
  backend?: Backend;
  /** Directory for `--dump-smt`: every checked query is written there. */
  dumpTo?: string;
  /** Called after every checkQuery (for progress, benchmarks, the proof store). */
  onResult?: (name: string, q: Query, r: SolverResult) => void;
  /** Answers to reuse for byte-identical queries (validation sets one per run: a function's
   *  queries are often the same in consecutive passes). */
  cache?: QueryCache;
};

/**
 * Answers by query: the key is queryCacheKey (the SMT-LIB text, the back end's name and both
 * limits), so an answer is only reused for the same text asked of the same solver under the
 * same limits. Kept: sat (with its model — the same text has the same variables), unsat, and
 * unknown by timeout or resource limit; never a solver error or an incomplete answer.
 * `onStore` is told of every answer kept (to share it with other threads).
 */
export type QueryCache = {
  answers: Map<string, SolverResult>;
  onStore?: (key: string, r: SolverResult) => void;
  /** A reused answer counts as if the query had been asked again (its resources and time, in
   *  the check's budget, the resource shares and the totals; not marked `reused`), so a run
   *  with the cache decides exactly as one without it: for the tests, whose expectations were
   *  measured without one (tests/verifier/tv/core/corpus.test.ts). Sound for any query: the
   *  same text, back end and limits. */
  asAsked?: boolean;
};

export function queryCacheKey(text: string, backendName: string, timeoutMs: number, rlimit: number | undefined): string {
  return certificateKey(text, backendName, '', rlimit === undefined ? { timeoutMs } : { timeoutMs, rlimit });
}

function cacheable(r: SolverResult): boolean {
  return !r.reused && (r.status === 'sat' || r.status === 'unsat' || (r.status === 'unknown' && (r.reason === 'timeout' || r.reason === 'resource limit')));
}

/** Running totals over every checkQuery of this process, per back end. */
/** `reused`: answers taken from the query cache (counted in queries, not in timeMs). */
export type SolverTotals = { queries: number; sat: number; unsat: number; unknown: number; timeMs: number; resources: number; reused: number };

const totals = new Map<string, SolverTotals>();

export function solverTotals(): ReadonlyMap<string, Readonly<SolverTotals>> {
  return totals;
}

function record(r: SolverResult, backend: string): void {
  let t = totals.get(backend);
  if (!t) totals.set(backend, (t = { queries: 0, sat: 0, unsat: 0, unknown: 0, timeMs: 0, resources: 0, reused: 0 }));
  t.queries++;
  if (r.status === 'sat') t.sat++;
  else if (r.status === 'unsat') t.unsat++;
  else t.unknown++;
  if (r.reused) t.reused++;
  else t.timeMs += r.timeMs;
  t.resources += r.resources ?? 0;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

const defaults: SolverDefaults = { timeoutMs: DEFAULT_TIMEOUT_MS };

/** Sets process-wide defaults (the CLI's --timeout / --dump-smt / solver choice) for checkQuery. */
export function setSolverDefaults(d: Partial<SolverDefaults>): void {
  Object.assign(defaults, d);
}

export function getSolverDefaults(): Readonly<SolverDefaults> {
  return defaults;
}

export const BACKEND_NAMES = ['z3-wasm', 'z3-native', 'cvc5', 'z3-auto'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function backendByName(name: BackendName): Backend {
  switch (name) {
    case 'z3-wasm':
      return z3WasmBackend;
    case 'z3-native':
      return z3NativeBackend;
    case 'cvc5':
      return cvc5Backend;
    case 'z3-auto':
      return z3AutoBackend;
  }
}

/** The in-process z3 (WASM); `FIDELITY_SOLVER=z3-native|cvc5|z3-auto` picks another for a whole run. */
export function defaultBackend(): Backend {
  if (defaults.backend) return defaults.backend;
  const env = process.env['FIDELITY_SOLVER'];
  if (env && (BACKEND_NAMES as readonly string[]).includes(env)) return backendByName(env as BackendName);
  return z3WasmBackend;
}

let dumpCounter = 0;

/**
 * Checks one query. Options fall back to the process defaults (setSolverDefaults). With
 * `dumpTo`, the query is written as `<dumpTo>/<name>.smt2` before solving and re-written with
 * the answer afterwards, so a query that hangs or crashes the solver is still on disk.
 */
export async function checkQuery(
  q: Query,
  opts: { timeoutMs?: number; rlimit?: number; backend?: Backend; dumpTo?: string; name?: string } = {},
): Promise<SolverResult> {
  const backend = opts.backend ?? defaultBackend();
  // the check's query budget and the size cap (budget.ts): a refused
  // query is `unknown` with the reason, before it is printed (printing alone can take minutes)
  const refused = refusal(q.assertions);
  if (refused) {
    const r: SolverResult = { status: 'unknown', reason: refused, timeMs: 0, backend: backend.name };
    record(r, backend.name);
    defaults.onResult?.(opts.name ?? `query-${++dumpCounter}`, q, r);
    return r;
  }
  const timeoutMs = opts.timeoutMs ?? defaults.timeoutMs;
  const rlimit = opts.rlimit ?? defaults.rlimit;
  const dumpTo = opts.dumpTo ?? defaults.dumpTo;
  const name = opts.name ?? `query-${++dumpCounter}`;
  const dumped = dumpTo ? dumpQuery(dumpTo, name, q, undefined, { rlimit }) : undefined; // rlimit: set-option in the file
  const cache = defaults.cache;
  const key = cache ? queryCacheKey(printQueryOnce(q).text, backend.name, timeoutMs, rlimit) : '';
  const hit = cache?.answers.get(key);
  let r: SolverResult;
  if (hit) {
    // a copy (the caller may keep or change its result), with the time of the check that
    // found it: callers that share a time budget among queries (tv/core/split.ts) then decide
    // as they did the first time; no resources were spent on it
    if (cache?.asAsked) r = { ...hit, ...(hit.model ? { model: new Map(hit.model) } : {}) };
    else {
      const { resources: _r, ...rest } = hit;
      r = { ...rest, ...(hit.model ? { model: new Map(hit.model) } : {}), reused: true };
    }
  } else {
    r = await backend.check(q, rlimit === undefined ? { timeoutMs } : { timeoutMs, rlimit });
    if (cache && cacheable(r)) {
      cache.answers.set(key, r);
      cache.onStore?.(key, r);
    }
  }
  if (dumped) dumpResult(dumped, name, q, r, { rlimit });
  charge(r); // budget.ts
  record(r, backend.name);
  defaults.onResult?.(name, q, r);
  return r;
}

/**
 * An answer found outside checkQuery (together.ts: parts asked together in z3-wasm), counted
 * as checkQuery counts one: the check's budget, the totals, the onResult hook.
 */
export function noteResult(name: string, q: Query, r: SolverResult, backend: string): void {
  charge(r);
  record(r, backend);
  defaults.onResult?.(name, q, r);
}

/**
 * Runs the query on several back ends (time = the sum of their times). Agreement gives that answer (the first sat one's model);
 * a sat/unsat disagreement is `inconsistent`; unknowns are ignored unless everyone is unknown.
 */
export async function crossCheck(q: Query, backends: Backend[], opts: CheckOptions = { timeoutMs: defaults.timeoutMs }): Promise<SolverResult> {
  // concurrently: native solvers are separate processes, and the WASM one queues its own calls
  const answers = await Promise.all(backends.map((b) => b.check(q, opts)));
  const timeMs = answers.reduce((s, a) => s + a.timeMs, 0);
  const decided = answers.filter((a) => a.status === 'sat' || a.status === 'unsat');
  const statuses = new Set(decided.map((a) => a.status));
  if (statuses.size > 1) {
    const list = answers.map((a) => `${a.backend}: ${a.status}${a.reason ? ` (${a.reason})` : ''}`).join('; ');
    return { status: 'inconsistent', reason: `solvers disagree: ${list}`, timeMs, answers, backend: 'crossCheck' };
  }
  if (decided.length === 0) {
    const reason = answers.map((a) => `${a.backend}: ${a.reason ?? 'unknown'}`).join('; ');
    return { status: 'unknown', reason, timeMs, answers, backend: 'crossCheck' };
  }
  const first = decided.find((a) => a.model) ?? decided[0]!;
  return { ...first, timeMs, answers, backend: 'crossCheck' };
}

/** The normalised text of a query: what is hashed, dumped, and fed to every back end. */
export function queryText(q: Query): string {
  return printQueryOnce(q).text;
}

/** A content address for a (query, solver, options) triple: the proof store's certificate key. */
export function certificateKey(text: string, backendName: string, version: string, opts: CheckOptions): string {
  const h = createHash('sha256');
  h.update(text);
  h.update('\0' + backendName + '\0' + version + '\0' + JSON.stringify({ timeoutMs: opts.timeoutMs, rlimit: opts.rlimit ?? null }));
  return h.digest('hex');
}

/**
 * A query checked in another thread (bin/cli/validate-pool.ts): counted in this thread's
 * totals under `counted` (the back end's name) and passed to the onResult hook as if it had
 * been checked here — with an empty query: its terms stayed in the other thread.
 */
export function noteRemoteResult(name: string, counted: string, r: SolverResult): void {
  record(r, counted);
  defaults.onResult?.(name, { assertions: [], wantModel: [], description: '(checked in a worker thread)' }, r);
}

const disposers = new Set<() => Promise<void>>();

/** Registers something disposeSolvers also stops (a pool of worker threads, each with solvers). */
export function onDisposeSolvers(f: () => Promise<void>): void {
  disposers.add(f);
}

/** Releases every back end's threads and child processes (call before exiting). */
export async function disposeSolvers(): Promise<void> {
  for (const f of disposers) await f();
  for (const n of BACKEND_NAMES) await backendByName(n).dispose?.();
}
