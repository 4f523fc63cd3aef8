// The verdicts of translation validation, as every front end (CLI, JSON, dashboard, SARIF)
// shows them.

export type Verdict = 'proved' | `bounded(${number})` | 'refuted' | 'unknown' | 'unsupported';

export type Counterexample = {
  /** The function's arguments, slot by slot (a memref is its descriptor's scalars). */
  inputs: { name: string; value: string }[];
  /** Argument memory and other unknowns the run read (call results, external writes). */
  memory: string[];
  src: string;
  tgt: string;
  /** The first observable difference. */
  difference: string;
};

export type FunctionVerdict = {
  name: string;
  verdict: Verdict;
  detail: string;
  timeMs: number;
  counterexample?: Counterexample;
};

export type ValidateOptions = {
  unroll: number;
  timeoutMs: number;
  /** Directory for the SMT-LIB text of every query. */
  dumpSmt?: string;
  /** When a loop was cut, ask the solver whether any execution reaches the cut at all
   *  (unreachable: `proved` instead of `bounded(k)`). Off by default: one more query per
   *  function with a loop, often with nonlinear arithmetic. */
  checkCutReachable?: boolean;
  /** Try the unbounded cut-point proof when loops were cut (default: yes). */
  cutpoints?: boolean;
  /** Try the cut-point proof before the bounded query when a loop was cut (default: yes;
   *  the bounded query then runs only when that proof fails). Off: the bounded query first,
   *  as a harness that expects most pairs to be refuted may prefer. */
  cutFirst?: boolean;
  /** When the verdict would be bounded(k), look for a target that loops forever where the
   *  source returns (lasso.ts; default: yes). */
  lasso?: boolean;
  /** When the solver did not decide (a timeout, or bounded(k) without an unbounded proof),
   *  run both sides on a handful of concrete inputs (concrete-tests.ts; default: yes). Only
   *  a replayed difference refutes; testing never proves. */
  concreteTests?: boolean;
  // a test (or a harness) that must not depend on wall time sets
  // `ms: Infinity` and a deterministic `steps` budget instead (concrete-tests.ts)
  /** The concrete tests' budget: wall time (default 3000 ms) and the sum of the per-input
   *  step caps handed out (default: no such limit). */
  concreteBudget?: { ms?: number; steps?: number };
  /** When the cut-point proof fails, look for inductive facts of the source's loop headers
   *  and retry with them assumed (invariants.ts; default: yes). */
  invariants?: boolean;
};
