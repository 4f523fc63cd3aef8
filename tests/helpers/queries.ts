// The names of the solver queries a check asks, for tests that pin how many a check needs or
// that a rewrite decided a part before any solver (the solver's onResult hook).
import { getSolverDefaults, setSolverDefaults } from '../../verifier/smt/solver.ts';

/** Runs `check` and returns its result with the names of the queries it asked, in order;
 *  the hook that was set before is still called and is restored afterwards. */
export async function queriesOf<T>(check: () => Promise<T>): Promise<{ result: T; names: string[] }> {
  const before = getSolverDefaults().onResult;
  const names: string[] = [];
  setSolverDefaults({ onResult: (name, q, r) => {
    names.push(name);
    before?.(name, q, r);
  } });
  try {
    return { result: await check(), names };
  } finally {
    setSolverDefaults({ onResult: before });
  }
}
