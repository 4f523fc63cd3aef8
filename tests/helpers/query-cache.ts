// A query cache around one check (solver.ts QueryCache), as `fidelity validate` keeps one per
// run (bin/cli/validate-pool.ts): an answer is reused only for the same SMT-LIB text, back end
// and limits. A reused answer counts as asked (`asAsked`: its units and time go to the check's
// budget and resource shares), so the verdicts and details are exactly those without the
// cache; only the solver's work on repeated queries is saved.
import { getSolverDefaults, setSolverDefaults } from '../../verifier/smt/solver.ts';

export async function withQueryCache<T>(check: () => Promise<T>): Promise<T> {
  const before = getSolverDefaults().cache;
  setSolverDefaults({ cache: { answers: new Map(), asAsked: true } });
  try {
    return await check();
  } finally {
    setSolverDefaults({ cache: before });
  }
}
