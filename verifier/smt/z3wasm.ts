// z3 in process (the z3-solver WASM build): the default back end, present wherever Node is.
// One context per process, reused; each query runs as an SMT-LIB script that starts with
// `(reset)` (unless its context has run nothing yet), so nothing leaks from one query to the
// next. The bindings allow one long-running
// call at a time, so checks are serialised here. A watchdog on this thread interrupts a call
// at its time limit (z3's own `timeout` costs a timer thread per check: `z3Timer` below).
import { createRequire } from 'node:module';
import type { Backend, CheckOptions, Query, SolverResult } from './solver.ts';
import { EQUATIONS_FROM, resultFromOutput, scriptFor } from './answer.ts';
import type { Term } from './term.ts';
import { incrementalWanted, newNames, printAssertions, type Names } from './incremental.ts';
import { glueModule } from './z3-glue.ts';
import { definitionsAsLets } from './z3-lets.ts';
import { watchModule, Z3Gone, type Gone, type Watch } from './z3-crash.ts';

type Z3Api = import('z3-solver/build/low-level/index.js').Z3LowLevel;
/** `watch`: whether the module has died (z3-crash.ts); a dead one is never called again. */
type Instance = { api: Z3Api; ctx: ReturnType<Z3Api['Z3']['mk_context_rc']>; watch?: Watch };

/** The parts of the Emscripten module used to call z3 with a heap-allocated script. */
type Em = {
  _malloc(n: number): number;
  _free(p: number): void;
  HEAPU8: Uint8Array;
  async_call(f: () => void): Promise<string>;
  _async_Z3_eval_smtlib2_string(ctx: unknown, str: number): void;
};

const encoder = new TextEncoder();

/**
 * Z3_eval_smtlib2_string on z3's worker thread. The binding's own `eval_smtlib2_string` passes
 * the script on the Emscripten stack, which is released as soon as the thread is started: on
 * a loaded machine the thread then reads a script whose tail has been overwritten (seen: the
 * last command cut short). Here the script lives in malloc'd memory until the call is over.
 */
async function evalScript(inst: Instance, script: string): Promise<string> {
  calls++;
  const em = inst.api.em as unknown as Em;
  const bytes = encoder.encode(script);
  const ptr = em._malloc(bytes.length + 1);
  if (!ptr) throw new Error('out of WASM memory for the query text');
  em.HEAPU8.set(bytes, ptr);
  em.HEAPU8[ptr + bytes.length] = 0;
  const keepAlive: ReturnType<typeof setTimeout>[] = [];
  try {
    // the module may die instead of answering (z3-crash.ts): `gone` rejects then
    const call = timersMadeBy(keepAlive, () => em.async_call(() => em._async_Z3_eval_smtlib2_string(inst.ctx, ptr)));
    return await (inst.watch ? Promise.race([call, inst.watch.gone]) : call);
  } finally {
    if (!inst.watch?.dead()) em._free(ptr);
    // z3's own end of the call clears it; a call that never ends would keep the process
    // alive for 10 more minutes
    else {
      for (const t of keepAlive) clearTimeout(t);
      clearKeepAlive(em);
    }
  }
}

/** Clears every keep-alive timer of a dead module's calls (z3-glue.ts exposes them; with the
 *  stock glue only those timersMadeBy saw are cleared). */
function clearKeepAlive(em: unknown): void {
  const timers = (em as { threadTimeouts?: ReturnType<typeof setTimeout>[] }).threadTimeouts;
  if (Array.isArray(timers)) for (const t of timers.splice(0)) clearTimeout(t);
}

/**
 * `f()`, noting in `into` the timers it starts. z3-solver's async wrapper starts a 600 s timer
 * per call that only the call's end clears (it keeps Node alive while z3's thread works);
 * a call whose module died (z3-crash.ts) never ends, and its timer held the process 10 min
 * after its last row (scratch/r1).
 */
function timersMadeBy<T>(into: ReturnType<typeof setTimeout>[], f: () => T): T {
  const plain = globalThis.setTimeout;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    const t = plain(...args);
    into.push(t);
    return t;
  }) as typeof setTimeout;
  try {
    return f();
  } finally {
    globalThis.setTimeout = plain;
  }
}

/** Calls into z3's thread so far (each costs 1-2 ms beside the work: together.ts). */
let calls = 0;
export function z3WasmCalls(): number {
  return calls;
}

let instance: Promise<Instance> | null = null;
let queue: Promise<unknown> = Promise.resolve();
// z3's rlimit counter is cumulative over the context's life: a query's count is the difference
let lastRlimit = 0;
/** Plain queries the main context has answered since it was made. */
let usedSinceFresh = 0;
/** Whether the main context has run no script yet (made by freshContext, not by getInstance,
 *  whose warm-up runs one): a plain query then skips its `(reset)`, which costs ~0.8 ms of CPU
 *  in a new context, a fifth of a trivial query (scratch/z3timer/ctxcost.ts) and resets nothing
 *  there. FIDELITY_Z3_ALWAYS_RESET=1 sends it anyway. */
let mainUnused = false;
/** Main contexts made to replace an earlier one (z3wasm-history.test.ts). */
let contextsMade = 0;
export function z3WasmContextsMade(): number {
  return contextsMade;
}

/** z3's WASM threads running now (between calls: none; a timer thread, once z3 has started one,
 *  keeps running — z3wasm-timer.test.ts). */
export async function z3WasmRunningThreads(): Promise<number> {
  const inst = instance ? await instance.catch(() => null) : null;
  return inst ? (inst.api.em as unknown as { PThread: { runningWorkers: unknown[] } }).PThread.runningWorkers.length : 0;
}

let glueEdited: boolean | null = null;
/** Whether z3 runs on the edited glue (z3-glue.ts); null before the first query. */
export function z3WasmGlueEdited(): boolean | null {
  return glueEdited;
}

function getInstance(): Promise<Instance> {
  if (instance) return instance;
  const made: Promise<Instance> = (async () => {
    // the low-level bindings over the glue without its hot debug checks (z3-glue.ts)
    const { init } = await import('z3-solver/build/low-level/wrapper.__GENERATED__.js');
    const { initModule, overrides, edited } = glueModule();
    glueEdited = edited;
    // a module that dies (out of memory, an abort, a call z3 does not stop) is forgotten:
    // the next query starts a new one (z3-crash.ts)
    const watch = watchModule((g) => forget(made, api.em, g));
    const api = await init(initModule, { ...overrides, ...watch.overrides });
    watch.attach(api.em as unknown as Parameters<Watch['attach']>[0]);
    const cap = memoryCapMb();
    if (cap) api.Z3.global_param_set('memory_max_size', String(cap));
    const cfg = api.Z3.mk_config();
    api.Z3.set_param_value(cfg, 'model', 'true');
    const ctx = api.Z3.mk_context_rc(cfg);
    api.Z3.del_config(cfg);
    // the first check (and the first timer thread) costs a few hundred ms of worker start-up:
    // pay it here, not in the first query's time
    const warm = await evalScript({ api, ctx, watch }, `(reset)\n(set-option :timeout ${z3Timer() ? 60000 : 0})\n(declare-fun b () Bool)\n(assert b)\n(check-sat)\n(get-info :all-statistics)\n`);
    lastRlimit = Number(/:rlimit-count\s+(\d+)/.exec(warm)?.[1] ?? 0);
    mainUnused = false; // the warm-up ran in it
    return { api, ctx, watch };
  })();
  instance = made;
  made.catch((e) => {
    if (e instanceof Z3Gone && instance === made) instance = null;
  });
  return made;
}

/** Drops a module that died (z3-crash.ts) with everything kept about its contexts, and stops
 *  its threads (a thread z3 did not stop is stopped by terminating its worker). */
function forget(made: Promise<Instance>, em: Z3Api['em'], g: Gone): void {
  modulesGone.push(g);
  clearKeepAlive(em);
  if (instance === made) {
    instance = null;
    resetModuleState();
  }
  void stopThreads(em as unknown as Parameters<typeof stopThreads>[0]).catch(() => undefined);
}

/** The modules that died in this process, and why (z3-crash.ts): a run can say so. */
const modulesGone: Gone[] = [];
export function z3WasmModulesGone(): readonly Gone[] {
  return modulesGone;
}

function resetModuleState(): void {
  lastRlimit = 0;
  usedSinceFresh = 0;
  mainUnused = false;
  incContexts = [];
  lastBase = null;
  lastBaseCount = 0;
}

/**
 * z3's own memory limit (`memory_max_size`, MB of what z3 itself has allocated; the global
 * parameter, set once per module): FIDELITY_Z3_MEMORY_MB, none when unset or 0. Going over it
 * does not end in a clean `unknown` in this build: z3 exits (status 101) or aborts in a
 * destructor that allocates while the error unwinds — z3-crash.ts turns both into
 * `unknown: solver out of memory` / `solver crashed`, like the heap's own 2 GB abort.
 */
function memoryCapMb(): number {
  const v = Number(process.env.FIDELITY_Z3_MEMORY_MB ?? 0);
  return Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
}

/** The unknown reason for a call that threw (evalScript). */
function failureReason(e: unknown): string {
  if (e instanceof Z3Gone) return goneReason(e.gone);
  const message = (e as Error)?.message ?? String(e);
  // the async wrapper's own rejection when z3's allocation fails (std::bad_alloc)
  if (/Memory allocation failed/.test(message)) return 'solver out of memory';
  return `solver error: ${message}`;
}

function goneReason(g: Gone): string {
  switch (g.kind) {
    case 'out of memory':
      return 'solver out of memory';
    case 'did not stop':
      return 'timeout'; // it ran out of its time; only the way it was stopped differs
    case 'crashed':
      return `solver crashed: ${g.detail}`;
  }
}

/** Replaces the context by a new one, set up as getInstance does (the WASM module stays). */
function freshContext(inst: Instance): void {
  usedSinceFresh = 0;
  mainUnused = true;
  contextsMade++;
  const cfg = inst.api.Z3.mk_config();
  inst.api.Z3.set_param_value(cfg, 'model', 'true');
  const ctx = inst.api.Z3.mk_context_rc(cfg);
  inst.api.Z3.del_config(cfg);
  inst.api.Z3.del_context(inst.ctx);
  inst.ctx = ctx;
}

/** A new context for the checks that follow (the WASM module stays; nothing before the first
 *  query): z3's speed depends on its context's history — verifier/tv/core/validate.ts starts
 *  the copy loops' unbounded checks in a new one after the bounded check (strings_interp
 *  `levelName`: its back edges 1-2 s in a fresh context, over 10 s after the bounded check). */
export function freshZ3Context(): Promise<void> {
  return serialised(async () => {
    const inst = instance ? await instance.catch(() => null) : null;
    if (!inst) return;
    freshContext(inst);
    lastRlimit = 0;
    dropIncremental(inst);
  });
}

/** Runs `f` after every earlier call has finished (the WASM API is not re-entrant). */
function serialised<T>(f: () => Promise<T>): Promise<T> {
  const run = queue.then(f, f);
  queue = run.catch(() => undefined);
  return run;
}

function packageVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('z3-solver/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Extra time past the query's timeout before the watchdog interrupts z3 (z3's timer on). */
function graceMs(timeoutMs: number): number {
  return Math.max(500, Math.min(timeoutMs, 5000));
}

/**
 * Whether z3's own `timeout` stops a check (FIDELITY_Z3_TIMER=1). For each `check-sat` under a
 * `timeout` z3 starts a scoped timer — a thread of the WASM module — and after the check waits
 * for it, spinning on `sched_yield` until that thread wakes: about a tenth of z3's thread in a
 * typical Core -> MLIR check (verifier/tv/core/README.md "Parts the base's boolean facts
 * refute"), more under load. By default z3 gets `timeout 0` (no timer) and the watchdog
 * interrupts the call at the limit instead; a call of several parts keeps z3's timer, each part
 * its own limit (askIn). The limit then also covers parsing: it starts with the call.
 */
function z3Timer(): boolean {
  return process.env.FIDELITY_Z3_TIMER === '1';
}

/** The `timeout` option z3 gets for a check limited to `ms`: 0 (none) when the watchdog stops
 *  it. Always sent: a set-option is z3's global parameter and outlives the query (answer.ts). */
function timeoutOption(ms: number, z3Stops: boolean): string {
  return `(set-option :timeout ${z3Stops ? ms : 0})`;
}

/** Interrupting a call z3 cannot stop by itself is retried this often: an interrupt that lands
 *  before z3's thread has begun the script is lost (z3 clears the flag as a script starts;
 *  one while it parses stops the check-sat that follows: scratch/z3timer/idle.ts, lost.ts). */
const INTERRUPT_AGAIN_MS = 20;

/**
 * How long z3 may go on after the first interrupt before the watchdog gives up on the call
 * and ends the module (z3-crash.ts: `did not stop` -> `unknown: timeout`, a new module for the
 * next query). Some of z3's loops check no cancel flag: tvfuzz's fp.rem pair (scratch/review27
 * R1) ran 206 s in smt::context::internalize_formula_core under a 10 s limit, interrupted every
 * 20 ms, until the heap was full. An interrupted check normally stops within 0.1 s.
 */
export function stuckAfterMs(ms: number): number {
  return Math.max(2000, Math.min(ms, 10_000));
}

/** Interrupts `ctx` after `ms`, then every INTERRUPT_AGAIN_MS until stopped; ends the module
 *  (`inst.watch.kill`) when z3 has not stopped stuckAfterMs(ms) after the first. */
function watchdog(inst: Instance, ctx: Instance['ctx'], ms: number): { fired: () => boolean; stop: () => void } {
  const { api } = inst;
  let fired = false;
  let again: ReturnType<typeof setInterval> | undefined;
  let stuck: ReturnType<typeof setTimeout> | undefined;
  const first = setTimeout(() => {
    fired = true;
    api.Z3.interrupt(ctx);
    again = setInterval(() => api.Z3.interrupt(ctx), INTERRUPT_AGAIN_MS);
    stuck = setTimeout(() => {
      clearInterval(again);
      inst.watch?.kill({ kind: 'did not stop', detail: `still running ${stuckAfterMs(ms)} ms after its ${Math.round(ms)} ms limit` });
    }, stuckAfterMs(ms));
  }, ms);
  return {
    fired: () => fired,
    stop: () => {
      clearTimeout(first);
      if (again !== undefined) clearInterval(again);
      if (stuck !== undefined) clearTimeout(stuck);
    },
  };
}

/** A plain query's script: its shared terms as lets, not define-funs (z3-lets.ts: this z3
 *  never eliminates a constant used in a define-fun's body); FIDELITY_Z3_DEFINE_FUN=1 keeps
 *  the define-funs, to measure. */
function plainScript(q: Query, opts: CheckOptions): string {
  let script = scriptFor(q, opts, 'z3', '(reset)\n');
  if (!z3Timer()) {
    // scriptFor's head: `(reset)`, then the timeout
    const head = `(reset)\n${timeoutOption(Math.max(1, Math.round(opts.timeoutMs)), true)}\n`;
    if (!script.startsWith(head)) throw new Error('z3wasm: unexpected script head');
    script = `(reset)\n${timeoutOption(0, false)}\n` + script.slice(head.length);
  }
  return process.env.FIDELITY_Z3_DEFINE_FUN === '1' ? script : definitionsAsLets(script);
}

async function check(q: Query, opts: CheckOptions): Promise<SolverResult> {
  // a query whose base (all but its last assertion) the previous one had: incrementally
  // first (incremental.ts), its plain script only when needed
  const incremental = incrementalWanted() && q.assertions.length >= 2;
  // printing happens before the queue so that a bad term fails fast and alone
  let script = incremental ? '' : plainScript(q, opts);
  return serialised(async () => {
    const inst = await getInstance();
    let spent = 0; // an incremental try that did not answer unsat: its time is this query's too
    let askedAgain = false;
    if (incremental) {
      const tried = await tryIncrementally(inst, q, opts);
      if (tried.result) return tried.result;
      spent = tried.timeMs;
      askedAgain = tried.asked;
      // the module died in the try (z3-crash.ts): the plain query would most likely end the
      // same way, after its whole limit
      const gone = inst.watch?.dead();
      if (gone) return { status: 'unknown', reason: goneReason(gone), timeMs: spent, backend: 'z3-wasm' };
      script = plainScript(q, opts);
    }
    // a new context for every plain query: z3 keeps what a context's earlier scripts defined
    // past `(reset)`, and its equation solver (solve_eqs::filter_unsafe_vars) walks all of it
    // on every check — a third of z3's time in the corpus check (session 11, verifier/tv/README.md
    // "Order of the cut-point attempts"); a context costs ~2 ms to make. It also makes a
    // query's answer independent of what ran before it in the process; the Core -> MLIR corpus
    // test, which gained from its history, proves 3 functions fewer for any length (33 vs 36
    // at 500 k units) at 7% more CPU (session 11, both runs side by side).
    // FIDELITY_NO_FRESH_CONTEXT=1 keeps one context (as before), to measure.
    if (process.env.FIDELITY_NO_FRESH_CONTEXT !== '1' && usedSinceFresh > 0) {
      freshContext(inst);
      lastRlimit = 0; // the new context counts from 0
    }
    usedSinceFresh++;
    if (mainUnused && process.env.FIDELITY_Z3_ALWAYS_RESET !== '1' && script.startsWith('(reset)\n')) script = script.slice('(reset)\n'.length);
    mainUnused = false;
    const { api, ctx } = inst;
    const t0 = performance.now();
    const dog = watchdog(inst, ctx, z3Timer() ? opts.timeoutMs + graceMs(opts.timeoutMs) : opts.timeoutMs);
    let output: string;
    try {
      output = await evalScript(inst, script);
    } catch (e) {
      // an exception out of the WASM module (abort, out of memory, a call z3 did not stop:
      // z3-crash.ts) may leave it unusable: drop this instance so the next query starts a
      // fresh one (a dead one was dropped already)
      const timeMs = performance.now() - t0;
      if (!inst.watch?.dead()) {
        instance = null;
        resetModuleState();
        void stopThreads(api.em).catch(() => undefined);
      }
      return { status: 'unknown', reason: failureReason(e), timeMs: timeMs + spent, backend: 'z3-wasm' };
    } finally {
      dog.stop();
    }
    const interrupted = dog.fired();
    const timeMs = performance.now() - t0;
    // after a check that ran out of time, z3's context stays slow: the same byte-identical
    // query that takes 2.5 s in a fresh context timed out after one (arena_queue
    // convert-scf-to-cf @runFrame's back edge, after the Core -> MLIR check's timeouts in
    // the same thread; `(reset)` does not undo it). A new context (same WASM instance) does.
    const stale = interrupted || /timeout|canceled|resource limit/.test(output);
    const base = opts.rlimit === undefined ? { resourceBase: lastRlimit } : { resourceBase: lastRlimit, rlimit: opts.rlimit };
    const r = resultFromOutput(output, q, { backend: 'z3-wasm', timeMs, timedOut: interrupted, ...base });
    const total = /:rlimit-count\s+(\d+)/.exec(output);
    if (total) lastRlimit = Number(total[1]);
    if (stale) {
      freshContext(inst);
      lastRlimit = 0; // the new context counts from 0
    }
    return { ...r, timeMs: r.timeMs + spent, ...(askedAgain ? { incremental: 'asked again' as const } : {}) };
  });
}

// queries that share a base, asked incrementally (incremental.ts)
/** A context holding one base: its assertions asserted once, each part inside push/pop. */
type IncContext = { base: Term[]; ctx: Instance['ctx']; names: Names; part: Names; lastRlimit: number };
/** At most this many bases are kept (a check alternates between two: a part's byte-free
 *  abstraction and the part, a float abstraction and the part). */
const MAX_INC_CONTEXTS = 2;
/** The share of the query's limits an incremental try gets: an unsat part of a typical check
 *  takes far less; a harder one is asked again the usual way with the whole limit, so no
 *  answer is worse than without the try (a try that does not answer unsat costs this much). */
const INC_SHARE = 1 / 8;
let incContexts: IncContext[] = [];
/** The base of the last queries asked the usual way, and how many in a row had it. */
let lastBase: Term[] | null = null;
let lastBaseCount = 0;
/** The query that opens a context for its base is the one after this many with that base
 *  asked the usual way: opening costs about what a query costs, and checks of 2-5 queries
 *  were no faster incrementally (CPU, 82 checks asked both ways at unroll 8, opening at the
 *  second query: 2 queries 1.16x, 3-5 queries 1.36x, 6-10 0.94x, 11-30 0.56x, more 0.53x;
 *  verifier/tv/core/README.md "The typical check"). */
const OPEN_AFTER = 4;

const sameTerms = (a: Term[], b: Term[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** A script this long is not sent as definitions: z3 expands a define-fun at every use while
 *  it parses, before any limit counts (answer.ts: a 4 MB query ran 189 s on a 3 s limit); the
 *  usual way then sends it as equations. */
function tooLong(lines: string[]): boolean {
  let n = 0;
  for (const l of lines) if ((n += l.length + 1) > EQUATIONS_FROM) return true;
  return false;
}

/** What incremental.ts cannot print is asked the usual way (whose printer reports it). */
function printedOrNull(print: () => string[] | null): string[] | null {
  try {
    return print();
  } catch {
    return null;
  }
}

function dropIncremental(inst: Instance, keep: (c: IncContext) => boolean = () => false): void {
  // a dead module (z3-crash.ts) is not called again; its contexts went with it
  if (!inst.watch?.dead()) for (const c of incContexts) if (!keep(c)) inst.api.Z3.del_context(c.ctx);
  incContexts = incContexts.filter(keep);
}

/** An unsat answer from the context holding the query's base (opened now when the last
 *  OPEN_AFTER queries had the same base), or null and the time the try took. */
async function tryIncrementally(inst: Instance, q: Query, opts: CheckOptions): Promise<{ result: SolverResult | null; timeMs: number; asked: boolean }> {
  const base = q.assertions.slice(0, -1);
  let c = incContexts.find((x) => sameTerms(x.base, base));
  const t0 = performance.now();
  if (!c) {
    if (!lastBase || !sameTerms(lastBase, base)) {
      lastBase = base;
      lastBaseCount = 1;
      return { result: null, timeMs: 0, asked: false };
    }
    if (++lastBaseCount <= OPEN_AFTER) return { result: null, timeMs: 0, asked: false };
    c = (await openIncremental(inst, base)) ?? undefined;
    if (!c) {
      lastBaseCount = Number.NEGATIVE_INFINITY; // not printable (or too long): not tried again for this base
      return { result: null, timeMs: performance.now() - t0, asked: false };
    }
  }
  incContexts = [c, ...incContexts.filter((x) => x !== c)];
  const lines = printedOrNull(() => printAssertions([q.assertions[q.assertions.length - 1]!], c.part, c.names));
  c.part.known.clear(); // popped below
  if (!lines || tooLong(lines)) return { result: null, timeMs: performance.now() - t0, asked: false };
  const timeoutMs = Math.max(1, Math.round(opts.timeoutMs * INC_SHARE));
  const rlimit = opts.rlimit === undefined ? 0 : Math.max(1, Math.round(opts.rlimit * INC_SHARE));
  const z3Stops = z3Timer();
  const script = `(push 1)\n${timeoutOption(timeoutMs, z3Stops)}\n(set-option :rlimit ${rlimit})\n${lines.join('\n')}\n(check-sat)\n(get-info :reason-unknown)\n(get-info :all-statistics)\n(pop 1)\n`;
  const ctx = c.ctx;
  const dog = watchdog(inst, ctx, z3Stops ? timeoutMs + graceMs(timeoutMs) : timeoutMs);
  let output: string;
  const t1 = performance.now();
  try {
    output = await evalScript({ api: inst.api, ctx, watch: inst.watch }, script);
  } catch {
    dropIncremental(inst, (x) => x !== c);
    return { result: null, timeMs: performance.now() - t0, asked: true };
  } finally {
    dog.stop();
  }
  const interrupted = dog.fired();
  const timeMs = performance.now() - t1;
  const r = resultFromOutput(output, { assertions: q.assertions, wantModel: [] }, { backend: 'z3-wasm', timeMs, timedOut: interrupted, resourceBase: c.lastRlimit, ...(rlimit ? { rlimit } : {}) });
  const total = /:rlimit-count\s+(\d+)/.exec(output);
  if (total) c.lastRlimit = Number(total[1]);
  if (r.status === 'unsat') return { result: { ...r, timeMs: performance.now() - t0, incremental: 'unsat' }, timeMs: 0, asked: true };
  // out of time (the context stays slow: `stale` above), or an error: not kept, and this base
  // is not tried again (its parts are hard: each try would cost its share again)
  if (r.status !== 'sat') {
    dropIncremental(inst, (x) => x !== c);
    lastBase = base;
    lastBaseCount = Number.NEGATIVE_INFINITY;
  }
  return { result: null, timeMs: performance.now() - t0, asked: true };
}

/** A new context with `base` asserted (null when it cannot be printed or z3 rejects it), kept
 *  among the usual path's unless `keep` is false. */
async function openIncremental(inst: Instance, base: Term[], keep = true): Promise<IncContext | null> {
  const names = newNames('d');
  const lines = printedOrNull(() => printAssertions(base, names));
  if (!lines || tooLong(lines)) return null;
  const cfg = inst.api.Z3.mk_config();
  const ctx = inst.api.Z3.mk_context_rc(cfg);
  inst.api.Z3.del_config(cfg);
  let output: string;
  try {
    output = await evalScript({ api: inst.api, ctx, watch: inst.watch }, lines.join('\n') + '\n');
  } catch {
    if (!inst.watch?.dead()) inst.api.Z3.del_context(ctx);
    return null;
  }
  if (/^\(error/m.test(output)) {
    inst.api.Z3.del_context(ctx);
    return null;
  }
  const c: IncContext = { base, ctx, names, part: newNames('p'), lastRlimit: 0 };
  if (!keep) return c; // the caller's own (askFresh)
  incContexts = [c, ...incContexts];
  if (incContexts.length > MAX_INC_CONTEXTS) dropIncremental(inst, (x) => incContexts.indexOf(x) < MAX_INC_CONTEXTS);
  return c;
}

/**
 * Parts that share `base`, asked together (verifier/smt/together.ts) in the context the usual
 * path keeps for the base (null where the usual path would not yet use one: the caller asks
 * its part the usual way and tries again with the next one), each part inside its own
 * push/pop with its own limits — several parts to one call into z3's thread, whose fixed cost
 * (1-2 ms a call, against 0.3-0.6 ms a part inside one call: scratch/speed9/trivial2.ts) is
 * most of a small part's time. One answer per part, in order; null where a part could not be
 * asked (printing, an error). Nothing here is a verdict: the caller takes only `unsat`, which
 * is unsat of [...base, part] as asked alone.
 */
export function askTogether(base: Term[], parts: Term[], opts: CheckOptions): Promise<(SolverResult | null)[] | null> {
  return serialised(async () => {
    const inst = await getInstance();
    let c = incContexts.find((x) => sameTerms(x.base, base));
    const t0 = performance.now();
    if (!c) {
      // only where the usual path would ask this query in the base's context too (after
      // OPEN_AFTER queries with this base): z3's answers depend on its context's history, and
      // this keeps the history of the usual path — the first parts asked alone, then each part
      // in order in the context (opened at once, a binary_search `find` part that took 0.1 M
      // units there needed over 1 M after the other parts, and its proof failed)
      if (!lastBase || !sameTerms(lastBase, base) || lastBaseCount < OPEN_AFTER) return null;
      c = (await openIncremental(inst, base)) ?? undefined;
      if (!c) {
        lastBaseCount = Number.NEGATIVE_INFINITY; // as tryIncrementally
        return null;
      }
    }
    incContexts = [c, ...incContexts.filter((x) => x !== c)];
    const { out, stale, failed } = await askIn(inst, c, base, parts, opts, performance.now() - t0);
    // a part that ran out of time leaves the context slow (check above): not kept
    if (failed) dropIncremental(inst, (x) => x !== c);
    else if (stale) {
      dropIncremental(inst, (x) => x !== c);
      lastBase = base;
      lastBaseCount = Number.NEGATIVE_INFINITY;
    }
    return out;
  });
}

/**
 * The same in a context of their own, opened for this call and deleted after it, the usual
 * path's contexts and counts untouched: the parts in chunks of `first`, then twice as many
 * each time, until a chunk holds a part that is not unsat (the parts after it are not asked)
 * or `room` allows no more.
 * together.ts's first try of a whole cut-point proof.
 */
export function askFresh(base: Term[], parts: Term[], opts: CheckOptions, first: number, room: (spent: { asked: number; timeMs: number; resources: number }) => number): Promise<(SolverResult | null)[] | null> {
  return serialised(async () => {
    const inst = await getInstance();
    const t0 = performance.now();
    const c = await openIncremental(inst, base, false);
    if (!c) return null;
    let opened = performance.now() - t0;
    const out: (SolverResult | null)[] = parts.map(() => null);
    const spent = { asked: 0, timeMs: 0, resources: 0 };
    try {
      for (let from = 0, size = first; from < parts.length; from += size, size *= 2) {
        // `room`: how many more the caller's budget allows (budget.ts)
        size = Math.min(size, room(spent));
        if (size <= 0) break;
        const r = await askIn(inst, c, base, parts.slice(from, from + size), opts, opened);
        opened = 0;
        r.out.forEach((x, k) => (out[from + k] = x));
        for (const x of r.out) {
          spent.asked++;
          spent.timeMs += x?.timeMs ?? 0;
          spent.resources += x?.resources ?? 0;
        }
        if (r.failed || r.out.some((x) => x?.status !== 'unsat')) break;
      }
    } finally {
      if (!inst.watch?.dead()) inst.api.Z3.del_context(c.ctx);
    }
    return out;
  });
}

/** `parts` asked in context `c` (one call into z3's thread); `stale`: a part ran out of time or
 *  failed; `failed`: the call itself failed. */
async function askIn(inst: Instance, c: IncContext, base: Term[], parts: Term[], opts: CheckOptions, opened: number): Promise<{ out: (SolverResult | null)[]; stale: boolean; failed: boolean }> {
  const timeoutMs = Math.max(1, Math.round(opts.timeoutMs));
  const rlimit = opts.rlimit === undefined ? 0 : Math.max(1, Math.round(opts.rlimit));
  const printed: { i: number; lines: string[] }[] = [];
  for (const [i, t] of parts.entries()) {
    const lines = printedOrNull(() => printAssertions([t], c.part, c.names));
    c.part.known.clear(); // popped below
    if (!lines || tooLong(lines)) continue;
    printed.push({ i, lines });
  }
  const out: (SolverResult | null)[] = parts.map(() => null);
  if (!printed.length) return { out, stale: false, failed: false };
  // several parts: each stops at its own limit, so z3's timer (the watchdog only guards against a
  // check that does not stop); one part: the watchdog at its limit, as a plain query
  const z3Stops = z3Timer() || (printed.length > 1 && process.env.FIDELITY_Z3_PARTS_NO_TIMER !== '1');
  const asked = printed.map((p) => p.i);
  const chunks = printed.map(
    ({ lines }) => `(push 1)\n${timeoutOption(timeoutMs, z3Stops)}\n(set-option :rlimit ${rlimit})\n${lines.join('\n')}\n(check-sat)\n(get-info :reason-unknown)\n(get-info :all-statistics)\n(pop 1)\n(echo "${TOGETHER_END}")\n`,
  );
  const ctx = c.ctx;
  const dog = watchdog(inst, ctx, z3Stops ? asked.length * timeoutMs + graceMs(timeoutMs) : asked.length * timeoutMs);
  let output: string;
  const t1 = performance.now();
  try {
    output = await evalScript({ api: inst.api, ctx, watch: inst.watch }, chunks.join(''));
  } catch {
    return { out, stale: true, failed: true };
  } finally {
    dog.stop();
  }
  const interrupted = dog.fired();
  const each = (performance.now() - t1 + opened) / asked.length;
  const pieces = output.split(TOGETHER_END);
  let stale = interrupted;
  for (const [k, i] of asked.entries()) {
    const piece = pieces[k];
    if (piece === undefined) break;
    const r = resultFromOutput(piece, { assertions: [...base, parts[i]!], wantModel: [] }, { backend: 'z3-wasm', timeMs: each, timedOut: interrupted, resourceBase: c.lastRlimit, ...(rlimit ? { rlimit } : {}) });
    const total = /:rlimit-count\s+(\d+)/.exec(piece);
    if (total) c.lastRlimit = Number(total[1]);
    if (r.status !== 'sat' && r.status !== 'unsat') stale = true;
    out[i] = r.status === 'unsat' ? { ...r, incremental: 'unsat' } : r;
  }
  return { out, stale, failed: false };
}
/** Ends each part's answer in askTogether's output. */
const TOGETHER_END = 'fidelity-part-end';

export const z3WasmBackend: Backend = {
  name: 'z3-wasm',
  async version() {
    const { api } = await getInstance();
    return `z3-solver ${packageVersion()} (${api.Z3.get_full_version()})`;
  },
  check,
  async available() {
    try {
      await getInstance();
      return true;
    } catch {
      return false;
    }
  },
  async dispose() {
    if (!instance) return;
    const inst = await instance.catch(() => null);
    instance = null;
    lastRlimit = 0;
    if (!inst) return;
    await queue;
    dropIncremental(inst);
    lastBase = null;
    lastBaseCount = 0;
    if (!inst.watch?.dead()) inst.api.Z3.del_context(inst.ctx);
    await stopThreads(inst.api.em);
  },
};

// z3's threads stopped without a late complaint on stderr
/** Stops the WASM module's threads (z3-solver's killThreads). The thread of an async call
 *  reports its own end to this thread with a `cleanupThread` message after the call's
 *  answer; when the threads are stopped before that message is read (a dispose right after
 *  the last answer), Emscripten's stub for a stopped worker printed `received
 *  "cleanupThread" command from terminated worker: N` on stderr (tv, validate --jobs
 *  workers, tests). That thread had finished, so its message is dropped; any other message
 *  from a stopped worker is still reported by the stub. */
export async function stopThreads(em: { PThread: { runningWorkers: StoppedWorker[]; unusedWorkers: StoppedWorker[] } }): Promise<void> {
  const { killThreads } = await import('z3-solver');
  const workers = [...em.PThread.runningWorkers, ...em.PThread.unusedWorkers];
  // a stopped thread's call ends nothing any more: a keep-alive timer whose clearing was
  // still on its way from the thread would hold the process for 10 minutes
  clearKeepAlive(em);
  // killThreads stubs every worker's handler at once, then polls every 100 ms until they are
  // gone: the stubs are wrapped before that wait, since a late message can arrive during it
  // (review 43: 2 `fidelity tv` runs of 6 printed it when the wrapping came after the wait)
  const stopped = killThreads(em);
  for (const w of workers) {
    const stub = w.onmessage;
    w.onmessage = (e) => {
      if (e?.data?.cmd !== 'cleanupThread') stub?.(e);
    };
  }
  await stopped;
}
type StoppedWorker = { onmessage?: (e: { data?: { cmd?: string } }) => void };
