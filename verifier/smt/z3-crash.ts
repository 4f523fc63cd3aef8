// The WASM z3 can die under a running call, on its own thread, where no `await` sees it:
// - the heap (2 GB, fixed: the glue's INITIAL_MEMORY, no growth) is full: Emscripten aborts
//   the thread ("Cannot enlarge memory arrays ... (OOM)");
// - z3's own `memory_max_size` is exceeded: z3 throws out_of_memory_error, which in this build
//   either unwinds through a destructor that allocates again (std::terminate -> "native code
//   called abort()") or ends in exit(ERR_MEMOUT = 101) on the thread (scratch/r1);
// - z3 ignores the interrupt (smt::context::internalize_formula_core checks no cancel flag):
//   z3wasm.ts's watchdog gives up on the call.
// Left alone, an abort reached the main thread as an exception thrown from the worker's
// 'error' event and the process died with a stack; an exit left the call pending for ever and
// set process.exitCode to 101. Here every such end rejects `gone` with a Z3Gone naming it, and
// the caller drops the module (nothing may call into it again: a dead thread may hold malloc's
// lock) and starts a new one for the next query.

/** Why the module is no longer usable. */
export type Gone = { kind: 'out of memory' | 'crashed' | 'did not stop'; detail: string };

export class Z3Gone extends Error {
  constructor(readonly gone: Gone) {
    super(`z3 ${gone.kind}: ${gone.detail}`);
  }
}

/** z3's ERR_MEMOUT (util/error_codes.h), the status of its exit when out of memory. */
const ERR_MEMOUT = 101;

type Worker = { onerror?: (e: { message?: string }) => void };
/** The parts of Emscripten's PThread object used here. */
type PThreads = { runningWorkers: Worker[]; unusedWorkers: Worker[]; loadWasmModuleToWorker: (w: Worker) => Promise<unknown> };

export type Watch = {
  /** Module overrides for the glue's factory (the workers forward onAbort and printErr to them). */
  overrides: { onAbort: (what: unknown) => void; printErr: (text: string) => void };
  /** Replaces each worker's `onerror` (the glue's rethrows, which kills the process). */
  attach(em: { PThread: PThreads }): void;
  /** Rejects with a Z3Gone once the module is gone; never resolves. */
  gone: Promise<never>;
  /** Declares the module gone (the watchdog, when z3 does not stop). */
  kill(g: Gone): void;
  dead(): Gone | null;
};

const oneLine = (s: unknown) => String(s).split('\n')[0]!.slice(0, 200);

function kindOf(text: string): Gone['kind'] {
  return /Cannot enlarge memory|\(OOM\)|out of memory|Memory allocation failed/i.test(text) ? 'out of memory' : 'crashed';
}

/** A watch for one module; `onGone` runs once, when it dies. */
export function watchModule(onGone: (g: Gone) => void): Watch {
  let dead: Gone | null = null;
  let reject!: (e: Z3Gone) => void;
  const gone = new Promise<never>((_, r) => (reject = r));
  gone.catch(() => undefined); // nobody may be waiting
  const die = (g: Gone) => {
    if (dead) return;
    dead = g;
    reject(new Z3Gone(g));
    onGone(g);
  };
  const onWorkerError = (e: { message?: string }) => {
    const text = e?.message ?? String(e);
    die({ kind: kindOf(text), detail: oneLine(text) });
  };
  return {
    overrides: {
      onAbort: (what) => die({ kind: kindOf(String(what)), detail: oneLine(what) }),
      printErr: (text) => {
        const exit = /^program exited \(with status: (\d+)\)/.exec(text);
        if (exit) {
          // the glue's quit_ sets process.exitCode to the status right after this message
          const before = process.exitCode;
          queueMicrotask(() => (process.exitCode = before));
          const status = Number(exit[1]);
          die({ kind: status === ERR_MEMOUT ? 'out of memory' : 'crashed', detail: `z3 exited with status ${status}` });
          return;
        }
        if (dead) return; // the dead thread's stack and the glue's notes about it
        console.error(text);
      },
    },
    attach(em) {
      const pt = em.PThread;
      for (const w of [...pt.runningWorkers, ...pt.unusedWorkers]) w.onerror = onWorkerError;
      const load = pt.loadWasmModuleToWorker;
      // the glue sets a new worker's onerror inside this call; its node 'error' listener calls
      // whatever onerror holds when the error comes
      pt.loadWasmModuleToWorker = (w) => {
        const p = load(w);
        w.onerror = onWorkerError;
        return p;
      };
    },
    gone,
    kill: die,
    dead: () => dead,
  };
}
