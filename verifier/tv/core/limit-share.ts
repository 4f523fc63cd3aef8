// A part of a check that gets a share of the per-query time limit (split.ts: the whole part
// first with a quarter, the byte-free abstraction with half, the parts' budget of two limits)
// also gets the same share of the per-query resource limit, when queries have one (the solver
// default a test sets with withRlimit, tests/helpers/effort.ts), and what it spent is counted
// in units then. There the wall limit is only a guard against a hang: a share of it alone
// would leave every sub-query the full resource limit — a "quick" attempt as costly as a full
// one, a budget of two guards' worth of wall time — and a share decided by the clock would
// make the verdict depend on the machine's load again.
import { getSolverDefaults } from '../../smt/solver.ts';

export type Limits = { timeoutMs: number; rlimit?: number };

/** The query's resource limit: its own, else the solver default (undefined: none). */
const unitsOf = (opts: Limits): number | undefined => opts.rlimit ?? getSolverDefaults().rlimit;

/** The limits of a query that may use `ms` of the limits `opts` (ms of its timeoutMs, and
 *  the same share of its resource limit, when there is one). */
export function limitShare(opts: Limits, ms: number): Limits {
  const rlimit = unitsOf(opts);
  if (!rlimit || opts.timeoutMs <= 0) return { timeoutMs: ms };
  return { timeoutMs: ms, rlimit: Math.max(1, Math.round((rlimit * Math.min(ms, opts.timeoutMs)) / opts.timeoutMs)) };
}

/** What a query answered within `opts` cost, in ms of its time limit: with a resource limit,
 *  its units as that share of the limit (work, not the clock); else its wall time. */
export function costMs(opts: Limits, r: { timeMs: number; resources?: number }): number {
  const rlimit = unitsOf(opts);
  if (!rlimit || r.resources === undefined) return r.timeMs;
  return ((r.resources ?? 0) * opts.timeoutMs) / rlimit;
}
