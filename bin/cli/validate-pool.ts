// Real parallelism for translation validation: checks (one function of one pass, see
// validate-tasks.ts) run in worker threads, each with its own solver instance (its own WASM
// z3, or its own native z3 sessions), so a long synchronous symbolic run in one thread no
// longer holds back another check's solver answers. The workers live as long as the process
// (start-up — loading the verifier and z3 — is paid once) and are shut down by
// disposeSolvers(). Results come back in task order, whatever order they finish in.
import { Worker } from 'node:worker_threads';
import { availableParallelism, freemem } from 'node:os';
import { BACKEND_NAMES, backendByName, defaultBackend, getSolverDefaults, noteRemoteResult, onDisposeSolvers, setSolverDefaults, type BackendName, type SolverResult } from '../../verifier/smt/solver.ts';
import { setRemoteSessionCpuMs } from '../../verifier/smt/session.ts';
import type { FunctionVerdict } from '../../verifier/tv/validate.ts';
import { internalErrorRow, runTask, type CheckTask } from './validate-tasks.ts';

/** What a worker needs to set up its solver as this thread's is (setSolverDefaults). */
export type SolverSetup = { backend: BackendName; timeoutMs: number; rlimit?: number; dumpTo?: string };

/** `epoch`: the run (runTasks call) whose query cache a task or an answer belongs to. */
export type ToWorker =
  | { kind: 'run'; id: number; task: CheckTask; solver: SolverSetup; epoch: number }
  | { kind: 'answer'; epoch: number; key: string; result: SolverResult }
  | { kind: 'dispose' };

/** A solver answer as forwarded by a worker: without the model (validation has used it). */
export type RemoteResult = Omit<SolverResult, 'model' | 'answers'>;

export type FromWorker =
  | { kind: 'query'; name: string; counted: string; result: RemoteResult }
  | { kind: 'answer'; epoch: number; key: string; result: SolverResult }
  | { kind: 'done'; id: number; verdict: FunctionVerdict; sessionCpuMs: number }
  | { kind: 'failed'; id: number; message: string; stack?: string; sessionCpuMs: number }
  | { kind: 'disposed' };

/** Memory one worker may need at most (its JS heap and a WASM z3 at its largest seen). */
const WORKER_MEMORY = 1.5 * 2 ** 30;

/**
 * The default number of worker threads: one per core, fewer when free memory is short; 1
 * means no worker (checks run in this thread, one at a time, as before the pool existed).
 */
export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(freemem() / WORKER_MEMORY)));
}

// A check never rejects: a worker thread that dies while running it, or a check that throws
// (in a worker or here), gives that check the row `unknown: internal error ...`
// (validate-tasks.ts internalErrorRow) and the run goes on — the exit code then says
// unknown (2), never proved. `reject` is left for the pool's own failures.
type Running = { id: number; task: CheckTask; resolve(v: FunctionVerdict): void; reject(e: Error): void };
type Slot = { n: number; worker: Worker; running: Running | null; exited: Promise<void> };
type Waiting = { task: CheckTask; started?: () => void; resolve(v: FunctionVerdict): void; reject(e: Error): void };

const slots: Slot[] = [];
const waiting: Waiting[] = [];
let nextId = 0;
let nextSlot = 0;
let size = 0;
let registered = false;
// the query cache of the current run, shared by this thread and every worker: an answer kept
// by one (solver.ts QueryCache) is sent to all the others
let epoch = 0;
let answers = new Map<string, SolverResult>();

/** The solver this thread would use, as a worker can re-create it; null when it cannot (a
 *  back end that is not one of the named ones). */
function solverSetup(): SolverSetup | null {
  const d = getSolverDefaults();
  const backend = d.backend ?? defaultBackend();
  const name = BACKEND_NAMES.find((n) => backendByName(n) === backend);
  if (!name) return null;
  const s: SolverSetup = { backend: name, timeoutMs: d.timeoutMs };
  if (d.rlimit !== undefined) s.rlimit = d.rlimit;
  if (d.dumpTo !== undefined) s.dumpTo = d.dumpTo;
  return s;
}

function startSlot(): Slot {
  const n = nextSlot++;
  const worker = new Worker(new URL('./validate-worker.mjs', import.meta.url));
  const slot: Slot = { n, worker, running: null, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
  worker.on('message', (m: FromWorker) => onMessage(slot, m));
  const died = (why: string) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    setRemoteSessionCpuMs(`worker-${n}`, 0);
    const r = slot.running;
    slot.running = null;
    r?.resolve(internalErrorRow(r.task, `the worker thread stopped (${why})`, true));
    pump();
  };
  worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
  worker.on('exit', (code) => died(`exit code ${code}`));
  worker.unref();
  slots.push(slot);
  return slot;
}

function onMessage(slot: Slot, m: FromWorker): void {
  switch (m.kind) {
    case 'query':
      noteRemoteResult(m.name, m.counted, m.result);
      return;
    case 'answer':
      if (m.epoch !== epoch || answers.has(m.key)) return;
      answers.set(m.key, m.result);
      for (const other of slots) if (other !== slot) other.worker.postMessage(m satisfies ToWorker);
      return;
    case 'done':
    case 'failed': {
      setRemoteSessionCpuMs(`worker-${slot.n}`, m.sessionCpuMs);
      const r = slot.running;
      if (!r || r.id !== m.id) return;
      slot.running = null;
      slot.worker.unref();
      if (m.kind === 'done') r.resolve(m.verdict);
      else r.resolve(internalErrorRow(r.task, m.message, true, m.stack));
      pump();
      return;
    }
    case 'disposed':
      return;
  }
}

/** Hands waiting tasks to idle workers, starting workers up to the pool's size. */
function pump(): void {
  while (waiting.length) {
    let slot = slots.find((s) => !s.running);
    if (!slot && slots.length < size) slot = startSlot();
    if (!slot) return;
    const setup = solverSetup();
    const w = waiting.shift()!;
    if (!setup) {
      w.reject(new Error('the solver back end cannot be re-created in a worker thread'));
      continue;
    }
    const id = ++nextId;
    slot.running = { id, task: w.task, resolve: w.resolve, reject: w.reject };
    slot.worker.ref();
    w.started?.();
    const msg: ToWorker = { kind: 'run', id, task: w.task, solver: setup, epoch };
    slot.worker.postMessage(msg);
  }
}

/**
 * Starts `jobs` worker threads now (with jobs <= 1, none), so that they load the verifier
 * and their solver while this thread does something else (the front end, the mlir-opt
 * runs). runTasks starts them anyway when needed.
 */
export function startPool(jobs: number): void {
  if (jobs <= 1) return;
  if (!registered) {
    registered = true;
    onDisposeSolvers(disposePool);
  }
  size = Math.max(size, jobs);
  while (slots.length < size) startSlot();
}

/**
 * Runs the tasks on `jobs` worker threads (with jobs <= 1, or a solver a worker cannot
 * re-create: here, one at a time). `started(i)` is called as task i starts, in task order.
 * The result is in task order; a check that fails (its worker dies, or it throws) is an
 * `unknown: internal error ...` row, and the others run on.
 */
export async function runTasks(tasks: CheckTask[], jobs: number, started?: (i: number) => void): Promise<FunctionVerdict[]> {
  // a fresh query cache per run (solver.ts QueryCache): a function's queries repeat from one
  // pass to the next, rarely from one program to another
  epoch++;
  answers = new Map();
  const before = getSolverDefaults().cache;
  setSolverDefaults({ cache: { answers } });
  try {
    // one check (`tv` of a single function pair, say) runs here unless workers were started
    // already: a worker loads the verifier and its own solver, about 1.5 s of CPU each, and
    // the pool started `jobs` of them for it (28 Nov: `fidelity tv` of one pair 1.9 s CPU)
    if (jobs <= 1 || tasks.length === 0 || (tasks.length === 1 && size === 0) || !solverSetup()) {
      const out: FunctionVerdict[] = [];
      for (let i = 0; i < tasks.length; i++) {
        started?.(i);
        try {
          out.push(await runTask(tasks[i]!));
        } catch (e) {
          out.push(internalErrorRow(tasks[i]!, e instanceof Error ? e.message : String(e), false, e instanceof Error ? e.stack : undefined));
        }
      }
      return out;
    }
    // no more workers than checks (a pool started earlier keeps its size)
    startPool(Math.min(jobs, tasks.length));
    const all = tasks.map((task, i) => new Promise<FunctionVerdict>((resolve, reject) => waiting.push({ task, started: () => started?.(i), resolve, reject })));
    pump();
    // every task settles before this returns (a failure does not leave others running unseen)
    const settled = await Promise.allSettled(all);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return settled.map((s) => (s as PromiseFulfilledResult<FunctionVerdict>).value);
  } finally {
    setSolverDefaults({ cache: before });
  }
}

/** How many worker threads the pool has now (tests). */
export function poolThreads(): number {
  return slots.length;
}

/** Stops every worker: each releases its solver (z3's threads, native sessions) first. */
export async function disposePool(): Promise<void> {
  size = 0;
  const stopping = slots.splice(0);
  await Promise.all(
    stopping.map(async (s) => {
      s.worker.ref();
      s.worker.postMessage({ kind: 'dispose' } satisfies ToWorker);
      // a worker that does not stop within 10 s (a solver call that ignores its limit) is cut off
      const timer = setTimeout(() => void s.worker.terminate(), 10_000);
      await s.exited;
      clearTimeout(timer);
      setRemoteSessionCpuMs(`worker-${s.n}`, 0);
    }),
  );
}
