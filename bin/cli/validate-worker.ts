// A validation worker thread (validate-pool.ts): runs one check at a time with its own
// solver, set up as the main thread's; forwards every solver answer (for the main thread's
// totals and onResult hook) and, asked to stop, releases its solver before it exits.
import { parentPort } from 'node:worker_threads';
import { backendByName, disposeSolvers, setSolverDefaults, type SolverResult } from '../../verifier/smt/solver.ts';
import { sessionCpuMs } from '../../verifier/smt/session.ts';
import { runTask } from './validate-tasks.ts';
import type { FromWorker, ToWorker } from './validate-pool.ts';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

// the back end's name as checkQuery counts it (z3-auto's answers say z3-native or z3-wasm)
let counted = 'z3-wasm';
// the query cache of the run the current task belongs to (validate-pool.ts): answers kept
// here go to the main thread, which passes them on to the other workers
let epoch = -1;
let answers = new Map<string, SolverResult>();
setSolverDefaults({
  onResult: (name, _q, r) => {
    const { model: _m, answers: _a, ...result } = r;
    post({ kind: 'query', name, counted, result });
  },
});

port.on('message', async (m: ToWorker) => {
  switch (m.kind) {
    case 'run': {
      const backend = backendByName(m.solver.backend);
      counted = backend.name;
      if (m.epoch !== epoch) {
        epoch = m.epoch;
        answers = new Map();
      }
      const run = epoch;
      const cache = { answers, onStore: (key: string, result: SolverResult) => post({ kind: 'answer', epoch: run, key, result }) };
      setSolverDefaults({ backend, timeoutMs: m.solver.timeoutMs, rlimit: m.solver.rlimit, dumpTo: m.solver.dumpTo, cache });
      try {
        const verdict = await runTask(m.task, true);
        post({ kind: 'done', id: m.id, verdict, sessionCpuMs: sessionCpuMs() });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        post({ kind: 'failed', id: m.id, message: err.message, ...(err.stack ? { stack: err.stack } : {}), sessionCpuMs: sessionCpuMs() });
      }
      return;
    }
    case 'answer':
      if (m.epoch === epoch) answers.set(m.key, m.result);
      else if (m.epoch > epoch) {
        // an answer of a run whose first task has not reached this worker yet
        epoch = m.epoch;
        answers = new Map([[m.key, m.result]]);
      }
      return;
    case 'dispose':
      await disposeSolvers();
      post({ kind: 'disposed' });
      port.close();
      process.exit(0);
  }
});
