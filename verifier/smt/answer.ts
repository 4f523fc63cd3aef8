// Turns a solver's printed answer into a SolverResult, and builds the script each back end is
// fed (the normalised query text plus the back end's own limits and info requests). The one
// rule that matters: anything short of a clean sat/unsat is `unknown` with a reason.
import type { CheckOptions, Query, SolverResult } from './solver.ts';
import { parseSolverOutput } from './output.ts';
import { printQueryOnce } from './smtlib.ts';

export type Dialect = 'z3' | 'cvc5';

/** The script for one check: limits first (z3 takes them in-band), then the query, then info requests. */
export function scriptFor(q: Query, opts: CheckOptions, dialect: Dialect, prefix = ''): string {
  const printed = printQueryOnce(q).text;
  const text = dialect === 'z3' ? z3QueryText(printed) : printed;
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

/** Scripts longer than this (characters) give z3 their definitions as equations: 1 MB is
 *  some 10 k nested definitions, seconds of parsing (a 3000-deep chain, 0.3 MB: 2 s); the
 *  largest query of the Core -> MLIR CI test is 4 MB (138 k terms), the next ones, by their
 *  term counts (44 k, 33 k), about 1.3 and 1 MB. */
export const EQUATIONS_FROM = 1_000_000;

/**
 * The script's shared terms `(define-fun tN () S e)` as `(declare-fun tN () S)` and
 * `(assert (= tN e))` — for z3 only; the query's text (its hash, the dump) keeps the
 * definitions. z3 treats a define-fun as a macro and rebuilds its whole body at every use,
 * so nested definitions (memories after memories) cost far more than linear — and all of it
 * while parsing, before the `timeout` starts: base64_hex `main`'s 4 MB query (37 k
 * definitions, 61 k assertions) ran 189 s in z3-wasm on a 3 s limit, and the native z3 had not
 * finished parsing it after minutes; as equations it parses in 0.4 s and stops at its
 * limit. Equisatisfiable (each tN is a fresh constant equal to its term), and a model of the
 * variables asked for is the same. (reviewer, round 7) Also under quantifiers: smtlib.ts
 * hoists only closed terms to define-fun (a term with a bound variable free is a `let` inside
 * its quantifier), so a tN used in a forall body names one value for every instance, as the
 * macro did; and a line this rewrite garbles is a parse error, which answer.ts reads as unknown.
 */
export function definitionsAsEquations(text: string): string {
  // (only for large scripts, EQUATIONS_FROM: on small ones the definitions are cheap, and the
  // equations can cost z3 its simplifications — date_arith `toDays`, 6 KB: unsat in 122 ms
  // with definitions, a 3 s timeout as equations)
  if (!text.includes('(define-fun ')) return text;
  return text
    .split('\n')
    .map((line) => {
      const d = constantDefinition(line);
      return d ? `(declare-fun ${d.name} () ${d.sort})\n(assert (= ${d.name} ${d.body}))` : line;
    })
    .join('\n');
}

/** The query text as z3 is given it: above EQUATIONS_FROM, its definitions as equations.
 *  scriptFor uses it, and so do the dumps (dump.ts), so that a stock z3 re-running a dump
 *  (bench/tv.ts's raw solver time, a user) gets the script the check's z3 got — as
 *  definitions, the native z3 4.8.12 had not finished parsing base64_hex's 2.5 and 3.9 MB
 *  queries when its hard stop (-T) came, after more than twice the time limit. */
export function z3QueryText(printed: string): string {
  return printed.length > EQUATIONS_FROM ? definitionsAsEquations(printed) : printed;
}

/** The name, sort and body of a one-line zero-ary `(define-fun N () S e)`, or null (also read
 *  by z3-lets.ts). */
export function constantDefinition(line: string): { name: string; sort: string; body: string } | null {
  if (!line.startsWith('(define-fun ') || !line.endsWith(')')) return null;
  const name = line.indexOf(' () ', 12);
  if (name < 0) return null;
  const sortAt = name + 4;
  const sortEnd = line[sortAt] === '(' ? closing(line, sortAt) + 1 : line.indexOf(' ', sortAt);
  if (sortEnd <= sortAt) return null;
  return { name: line.slice(12, name), sort: line.slice(sortAt, sortEnd), body: line.slice(sortEnd + 1, -1) };
}

/** The index of the parenthesis closing the one at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
