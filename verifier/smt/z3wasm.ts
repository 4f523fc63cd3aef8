// z3 in process (the z3-solver WASM build): the default back end, present wherever Node is.
// One context per process, reused; each query runs as an SMT-LIB script that starts with
// `(reset)`, so nothing leaks from one query to the next. The bindings allow one long-running
// call at a time, so checks are serialised here. z3's own `timeout` stops a check; if it ever
// fails to, a watchdog interrupts the context.
import { createRequire } from 'node:module';
import type { Backend, CheckOptions, Query, SolverResult } from './solver.ts';
import { resultFromOutput, scriptFor } from './answer.ts';

type Z3Api = Awaited<ReturnType<typeof import('z3-solver').init>>;
type Instance = { api: Z3Api; ctx: ReturnType<Z3Api['Z3']['mk_context_rc']> };

let instance: Promise<Instance> | null = null;
let queue: Promise<unknown> = Promise.resolve();
// z3's rlimit counter is cumulative over the context's life: a query's count is the difference
let lastRlimit = 0;

function getInstance(): Promise<Instance> {
  instance ??= (async () => {
    const { init } = await import('z3-solver');
    const api = await init();
    const cfg = api.Z3.mk_config();
    api.Z3.set_param_value(cfg, 'model', 'true');
    const ctx = api.Z3.mk_context_rc(cfg);
    api.Z3.del_config(cfg);
    // the first check (and the first timer thread) costs a few hundred ms of worker start-up:
    // pay it here, not in the first query's time
    const warm = await api.Z3.eval_smtlib2_string(ctx, '(reset)\n(set-option :timeout 60000)\n(declare-fun b () Bool)\n(assert b)\n(check-sat)\n(get-info :all-statistics)\n');
    lastRlimit = Number(/:rlimit-count\s+(\d+)/.exec(warm)?.[1] ?? 0);
    return { api, ctx };
  })();
  return instance;
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

/** Extra time past the query's timeout before the watchdog interrupts z3. */
function graceMs(timeoutMs: number): number {
  return Math.max(500, Math.min(timeoutMs, 5000));
}

async function check(q: Query, opts: CheckOptions): Promise<SolverResult> {
  // printing happens before the queue so that a bad term fails fast and alone
  const script = scriptFor(q, opts, 'z3', '(reset)\n');
  return serialised(async () => {
    const { api, ctx } = await getInstance();
    const t0 = performance.now();
    let interrupted = false;
    const watchdog = setTimeout(() => {
      interrupted = true;
      api.Z3.interrupt(ctx);
    }, opts.timeoutMs + graceMs(opts.timeoutMs));
    let output: string;
    try {
      output = await api.Z3.eval_smtlib2_string(ctx, script);
    } catch (e) {
      const timeMs = performance.now() - t0;
      return { status: 'unknown', reason: `solver error: ${(e as Error).message ?? String(e)}`, timeMs, backend: 'z3-wasm' };
    } finally {
      clearTimeout(watchdog);
    }
    const timeMs = performance.now() - t0;
    const r = resultFromOutput(output, q, { backend: 'z3-wasm', timeMs, timedOut: interrupted });
    if (r.resources !== undefined) {
      const total = r.resources;
      r.resources = total >= lastRlimit ? total - lastRlimit : total;
      lastRlimit = total;
    }
    return r;
  });
}

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
    inst.api.Z3.del_context(inst.ctx);
    const { killThreads } = await import('z3-solver');
    await killThreads(inst.api.em);
  },
};
