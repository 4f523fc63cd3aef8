// Turns a solver's printed answer into a SolverResult, and builds the script each back end is
// fed (the normalised query text plus the back end's own limits and info requests). The one
// rule that matters: anything short of a clean sat/unsat is `unknown` with a reason.
import type { CheckOptions, Query, SolverResult } from './solver.ts';
import { parseSolverOutput } from './output.ts';
import { printQueryOnce } from './smtlib.ts';

export type Dialect = 'z3' | 'cvc5';

/** The script for one check: limits first (z3 takes them in-band), then the query, then info requests. */
export function scriptFor(q: Query, opts: CheckOptions, dialect: Dialect, prefix = ''): string {
  const text = printQueryOnce(q).text;
  let head = prefix;
  if (dialect === 'z3') {
    // always both: in the WASM context options outlive (reset), so a limit must never be inherited
    head += `(set-option :timeout ${Math.max(1, Math.round(opts.timeoutMs))})\n`;
    head += `(set-option :rlimit ${opts.rlimit ?? 0})\n`;
  }
  return head + text + '(get-info :reason-unknown)\n(get-info :all-statistics)\n';
}

export function resultFromOutput(
  output: string,
  q: Query,
  info: {
    backend: string;
    timeMs: number;
    timedOut?: boolean;
    stderr?: string;
    /** The resource limit the check ran under (tells a z3 'canceled' by rlimit from a timeout). */
    rlimit?: number;
    /** The solver's resource counter before this check, when the counter is cumulative. */
    resourceBase?: number;
  },
): SolverResult {
  const base = { timeMs: info.timeMs, backend: info.backend };
  const p = parseSolverOutput(output, q.wantModel);
  let resources = p.resources;
  if (resources !== undefined && info.resourceBase !== undefined && resources >= info.resourceBase) resources -= info.resourceBase;
  const withRes = resources === undefined ? base : { ...base, resources };
  // killed by us, or by z3's own whole-process limit (-T:), which prints a bare `timeout`
  const killed = info.timedOut || (p.status === null && /^timeout\s*$/m.test(output));
  if (killed && p.status !== 'sat' && p.status !== 'unsat') return { ...withRes, status: 'unknown', reason: 'timeout' };
  if (p.status === null || p.errorsBeforeStatus.length) {
    const why = [...p.errorsBeforeStatus, ...(p.status === null ? p.errors : [])];
    const stderr = info.stderr?.trim();
    const text = why.length ? why.join('; ') : stderr ? stderr.split('\n').slice(0, 3).join(' ') : 'no answer';
    return { ...withRes, status: 'unknown', reason: `solver error: ${text}` };
  }
  if (p.status === 'unknown') {
    let reason = unknownReason(p.reasonUnknown);
    // z3 reports an exhausted rlimit as 'canceled' from some of its procedures
    if (reason === 'timeout' && info.rlimit && resources !== undefined && resources >= info.rlimit) reason = 'resource limit';
    return { ...withRes, status: 'unknown', reason };
  }
  if (p.status === 'unsat') return { ...withRes, status: 'unsat' };
  if (q.wantModel.length === 0) return { ...withRes, status: 'sat' };
  if (p.model) return { ...withRes, status: 'sat', model: p.model };
  return { ...withRes, status: 'sat', reason: `model unavailable: ${p.modelError ?? p.errors.join('; ') ?? 'no get-value answer'}` };
}

export function unknownReason(raw: string | undefined): string {
  const r = (raw ?? '').trim();
  if (/timeout|cancel|interrupt/i.test(r)) return 'timeout';
  if (/resource|rlimit/i.test(r)) return 'resource limit';
  if (/memory/i.test(r)) return 'memory limit';
  return r ? `incomplete: ${r}` : 'incomplete';
}
