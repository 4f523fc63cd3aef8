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
  info: { backend: string; timeMs: number; timedOut?: boolean; stderr?: string },
): SolverResult {
  const base = { timeMs: info.timeMs, backend: info.backend };
  const p = parseSolverOutput(output, q.wantModel);
  const withRes = p.resources === undefined ? base : { ...base, resources: p.resources };
  if (info.timedOut && p.status !== 'sat' && p.status !== 'unsat') return { ...withRes, status: 'unknown', reason: 'timeout' };
  if (p.status === null || p.errorsBeforeStatus.length) {
    const why = [...p.errorsBeforeStatus, ...(p.status === null ? p.errors : [])];
    const stderr = info.stderr?.trim();
    const text = why.length ? why.join('; ') : stderr ? stderr.split('\n').slice(0, 3).join(' ') : 'no answer';
    return { ...withRes, status: 'unknown', reason: `solver error: ${text}` };
  }
  if (p.status === 'unknown') return { ...withRes, status: 'unknown', reason: unknownReason(p.reasonUnknown) };
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
