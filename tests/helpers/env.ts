// A switch of the engine's (an environment variable such as FIDELITY_NO_MOD_DEFS) set to 1 for
// the duration of one synchronous call, for tests that compare a deduction on and off.

/** Runs `f` with `process.env[k] = '1'`, then removes `k` again. */
export function withEnv<T>(k: string, f: () => T): T {
  process.env[k] = '1';
  try {
    return f();
  } finally {
    delete process.env[k];
  }
}
