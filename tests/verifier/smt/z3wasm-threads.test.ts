// Stopping the WASM z3's threads (verifier/smt/z3wasm.ts stopThreads). The thread of an async
// call reports its end after the call's answer; a dispose that came first used to make
// Emscripten print `received "cleanupThread" command from terminated worker: N` on stderr
// (seen in tv, the --jobs workers and tests, about one dispose in three). Which comes first
// is a race, so the late message is delivered here by hand to a stopped worker.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { init } from 'z3-solver';
import { stopThreads } from '../../../verifier/smt/z3wasm.ts';

type Worker = { onmessage?: (e: { data?: { cmd?: string } }) => void };

/** What Emscripten writes on stderr (fs.writeSync(2, ...)) while `f` runs. */
function stderrOf(f: () => void): string {
  const writeSync = fs.writeSync;
  let out = '';
  fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 2) return (out += String(data)), String(data).length;
    return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  try {
    f();
  } finally {
    fs.writeSync = writeSync;
  }
  return out;
}

type Em = { PThread: { runningWorkers: Worker[]; unusedWorkers: Worker[] } };

/** A WASM z3 module that has answered a query with a time limit, its context deleted: its
 *  threads, to stop (a timeout starts z3's timer thread: a worker that is running then). */
async function usedModule(): Promise<{ em: Em; workers: Worker[] }> {
  const api = await init();
  const cfg = api.Z3.mk_config();
  const ctx = api.Z3.mk_context_rc(cfg);
  api.Z3.del_config(cfg);
  assert.match(await api.Z3.eval_smtlib2_string(ctx, '(set-option :timeout 60000)(declare-fun b () Bool)(assert b)(check-sat)'), /sat/);
  const em = api.em as Em;
  const workers = [...em.PThread.runningWorkers, ...em.PThread.unusedWorkers];
  assert.ok(workers.length >= 1);
  api.Z3.del_context(ctx);
  return { em, workers };
}

test('a stopped thread\'s late cleanupThread message is dropped; another message is still reported', async () => {
  const { em, workers } = await usedModule();
  await stopThreads(em);
  const late = stderrOf(() => workers.forEach((w) => w.onmessage?.({ data: { cmd: 'cleanupThread' } })));
  assert.is(late, '');
  const other = stderrOf(() => workers[0]!.onmessage?.({ data: { cmd: 'checkMailbox' } }));
  assert.match(other, /received "checkMailbox" command from terminated worker/);
});

test('a cleanupThread message that arrives while the threads are being stopped is dropped too', async () => {
  const { em, workers } = await usedModule();
  const stopping = stopThreads(em);
  // z3-solver's killThreads polls every 100 ms until its workers are gone: this is inside that wait
  await new Promise((r) => setTimeout(r, 20));
  const during = stderrOf(() => workers.forEach((w) => w.onmessage?.({ data: { cmd: 'cleanupThread' } })));
  await stopping;
  assert.is(during, '');
});

test.run();
