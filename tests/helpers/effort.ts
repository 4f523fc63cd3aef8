// Tests that expect a hard check decided (Core -> MLIR rows, the documented equivalent
// mutants) run it under a deterministic limit per query — z3's resource units (CheckOptions.rlimit, set as the solver default for the
// duration) — with a wall timeout far above what that work takes. The verdict then depends
// on the solver's work, not on the machine's load (CI runs two test files on two cores; a
// 10 s wall limit made strings_interp `levelName` bounded(8) in loaded runs).
import { getSolverDefaults, setSolverDefaults } from '../../verifier/smt/solver.ts';

/** Per query: 50 M units (measured 26 Nov: the hardest query of copy-loops.test.ts, bits
 *  `show`'s first copy loop's back edge, needs 10.8 M, ~7 s on a loaded machine) and a wall
 *  limit that only stops a solver that hangs. */
export const EFFORT = { rlimit: 50_000_000, timeoutMs: 180_000 };

/** Runs `check` with every query limited to `rlimit` units (restored afterwards). */
export async function withRlimit<T>(check: () => Promise<T>, rlimit = EFFORT.rlimit): Promise<T> {
  const before = getSolverDefaults().rlimit;
  setSolverDefaults({ rlimit });
  try {
    return await check();
  } finally {
    setSolverDefaults({ rlimit: before });
  }
}
