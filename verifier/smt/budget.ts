// Limits on what one check may ask of the solver, on top of each query's own time limit:
// - a query's size: z3 parses and asserts the whole SMT-LIB text before its `timeout` starts
//   counting, and neither its timer nor an interrupt stops the parser. A Core -> MLIR query of
//   1.8 M distinct terms (tiny_vm `run` at unroll 8: 67 MB of SMT-LIB, 26 s to print) ran for
//   minutes past its 10 s limit in z3-wasm; the native z3 spent 25 s of CPU only parsing it.
//   A query above MAX_QUERY_NODES distinct terms is not sent: `unknown: query too large`.
// - a check's queries: a budget (a number of queries and a total of solver time, or of z3
//   resource units when every query has a resource limit) scoped to one check through
//   AsyncLocalStorage (withQueryBudget); once it is spent, every further query of that check
//   is `unknown` with the budget named as the reason, so the check ends within it. A refused
//   query is never a sat or unsat answer: no verdict gets better for it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Term } from './term.ts';
import { walk } from './smtlib.ts';

/** Queries of more distinct terms than this are refused: 1.8 M terms were 67 MB of SMT-LIB,
 *  26 s to print and minutes to parse (verifier/tv/core/README.md "Where the time went");
 *  the largest query of the Core -> MLIR corpus test (unroll 2, 26 Nov) had 138 k terms. */
export const MAX_QUERY_NODES = 1_000_000;

export type BudgetLimits = {
  /** At most this many queries. */
  queries: number;
  /** At most this much solver time in all (ms), counted after each query. */
  solverMs: number;
  /** With a resource limit per query: at most this many z3 resource units in all, instead
   *  of solverMs (a verdict that does not depend on the machine's load). */
  units?: number;
  /** What the budget belongs to, for the reason ("the check of clef.f"). */
  what: string;
  /** The size cap for this check's queries (default MAX_QUERY_NODES). */
  maxNodes?: number;
};

/** spent.maxNodes: the largest query asked (distinct terms), for measurements. */
export type BudgetState = BudgetLimits & { spent: { queries: number; solverMs: number; units: number; maxNodes: number }; reason?: string };

const current = new AsyncLocalStorage<BudgetState>();

/** Runs `f` with its queries (checkQuery, in its async context) under the budget `limits`;
 *  returns its result and what it spent. */
export async function withQueryBudget<T>(limits: BudgetLimits, f: () => Promise<T>): Promise<{ result: T; budget: BudgetState }> {
  const state: BudgetState = { ...limits, spent: { queries: 0, solverMs: 0, units: 0, maxNodes: 0 } };
  const result = await current.run(state, f);
  return { result, budget: state };
}

/** The budget of the check this query belongs to (undefined outside withQueryBudget). */
export function currentBudget(): BudgetState | undefined {
  return current.getStore();
}

/** Distinct terms of a query, counting no further than `limit + 1`. */
export function queryNodes(assertions: Term[], limit = Infinity): number {
  let n = 0;
  walk(assertions, () => {
    n++;
  }, () => n <= limit);
  return n;
}

/** Why the query must not be sent (the budget is spent, or it is too large), or null. */
export function refusal(assertions: Term[]): string | null {
  const b = current.getStore();
  if (b?.reason) return b.reason;
  if (b && b.spent.queries >= b.queries) return (b.reason = `the budget of ${b.what} (${b.queries} queries) ran out`);
  const max = b?.maxNodes ?? MAX_QUERY_NODES;
  const n = queryNodes(assertions, max);
  if (b) b.spent.maxNodes = Math.max(b.spent.maxNodes, n);
  if (n > max) return `query too large (over ${max} distinct terms; z3 parses a query before its time limit starts)`;
  return null;
}

/** Counts a query's cost against the current budget (reused answers cost nothing). */
export function charge(r: { timeMs: number; resources?: number; reused?: boolean }): void {
  const b = current.getStore();
  if (!b || r.reused) return;
  b.spent.queries++;
  b.spent.solverMs += r.timeMs;
  b.spent.units += r.resources ?? 0;
  if (b.units !== undefined ? b.spent.units >= b.units : b.spent.solverMs >= b.solverMs) {
    b.reason = b.units !== undefined
      ? `the budget of ${b.what} (${b.units} resource units in all) ran out`
      : `the budget of ${b.what} (${Math.round(b.solverMs / 1000)} s of solver time in all) ran out`;
  }
}
