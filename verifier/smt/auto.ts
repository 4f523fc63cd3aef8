// `z3-auto`: the fastest z3 this machine has. The native z3 (long-lived sessions, session.ts)
// when its binary is present, the in-process WASM z3 otherwise — and also for a query the
// native z3 could not take (a solver error or an `incomplete` unknown: Debian's z3 4.8
// lacks a few things z3 5 has). A timeout or resource limit is final: asking again would
// double the time of every hard query. On the translation-validation queries of the corpus
// the native z3 decides every query the WASM build decides, several times faster on the
// large ones (bench/README.md, "Why the in-process z3 is slower").
import type { Backend, CheckOptions, Query, SolverResult } from './solver.ts';
import { z3NativeBackend } from './native.ts';
import { z3WasmBackend } from './z3wasm.ts';

let nativeHere: Promise<boolean> | null = null;

function nativeAvailable(): Promise<boolean> {
  nativeHere ??= z3NativeBackend.available?.() ?? Promise.resolve(true);
  return nativeHere;
}

/** Answers the native z3 gives that another z3 may improve on. */
export function worthAskingAgain(r: SolverResult): boolean {
  return r.status === 'unknown' && !!r.reason && /^(solver error|incomplete)/.test(r.reason);
}

async function check(q: Query, opts: CheckOptions): Promise<SolverResult> {
  if (!(await nativeAvailable())) return z3WasmBackend.check(q, opts);
  const first = await z3NativeBackend.check(q, opts);
  if (!worthAskingAgain(first)) return first;
  const second = await z3WasmBackend.check(q, opts);
  // both times count: this is what the query cost
  const timeMs = first.timeMs + second.timeMs;
  if (second.status === 'unknown') return { ...second, timeMs, reason: `${second.reason}; z3-native: ${first.reason}` };
  return { ...second, timeMs };
}

export const z3AutoBackend: Backend = {
  name: 'z3-auto',
  async version() {
    return (await nativeAvailable()) ? `${await z3NativeBackend.version()}, else ${await z3WasmBackend.version()}` : z3WasmBackend.version();
  },
  check,
  available: async () => true,
  async dispose() {
    await z3NativeBackend.dispose?.();
    await z3WasmBackend.dispose?.();
  },
};
