// `--dump-smt DIR`: every query as a stand-alone SMT-LIB 2 file that a stock z3 or cvc5 can
// re-run (`z3 DIR/name.smt2`). Files are written atomically (temp file + rename) so a reader
// never sees half a query, and named after what they check.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Query, SolverResult } from './solver.ts';
import { createHash } from 'node:crypto';
import { printQueryOnce } from './smtlib.ts';
import { z3QueryText } from './answer.ts';

/** A file-name-safe version of a query name: [A-Za-z0-9._-] only, at most 120 characters. */
export function sanitizeName(name: string): string {
  let s = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').replace(/_+$/, '');
  if (s.length > 120) s = s.slice(0, 120);
  return s || 'query';
}

// names already written in this process, per directory: a repeated name gets -2, -3, ...
const used = new Map<string, Set<string>>();

function uniqueName(dir: string, name: string): string {
  let set = used.get(dir);
  if (!set) used.set(dir, (set = new Set()));
  let candidate = name;
  for (let i = 2; set.has(candidate); i++) candidate = `${name}-${i}`;
  set.add(candidate);
  return candidate;
}

function header(name: string, q: Query, result?: SolverResult): string {
  const lines = [`; fidelity query: ${name}`];
  for (const l of (q.description ?? 'satisfiability of the assertions below').split('\n')) lines.push(`; asks: ${l}`);
  lines.push('; sat = the assertions have a model (for a refinement check: a counterexample); unsat = they have none');
  if (q.wantModel.length) lines.push(`; model wanted for: ${q.wantModel.map((v) => (v.kind === 'var' ? v.name : '?')).join(' ')}`);
  if (result) {
    const res = result.resources === undefined ? '' : `, ${result.resources} resource units`;
    lines.push(`; result (${result.backend ?? 'solver'}): ${result.status}${result.reason ? ` (${result.reason})` : ''}, ${result.timeMs.toFixed(1)} ms${res}`);
    if (result.reused) lines.push('; reused: the answer of an identical earlier query (same text, solver and limits), not solved again');
  }
  return lines.join('\n') + '\n';
}

function writeAtomic(path: string, text: string): void {
  // worker threads share the pid: the thread id keeps their temp files apart
  const tmp = `${path}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

// a query checked under a resource limit carries it as an
// option, so a stock z3 re-running the file stops where the check stopped (the same z3
// version counts the same units; another version counts roughly alike). The wall timeout is
// not written: a re-run should not depend on the machine's load.
/** The limits a query was checked under that a dumped file repeats. */
export type DumpLimits = { rlimit?: number };

function limitLines(limits: DumpLimits | undefined): string {
  return limits?.rlimit ? `(set-option :rlimit ${Math.round(limits.rlimit)})\n` : '';
}

/** A script a stock z3 takes: z3 4.8 (Debian 12's) rejects constant arrays under QF_ABV
 *  ("unknown constant const") and then answers about what is left; ALL has them, and z3 5
 *  takes both. The dumps are for stock solvers (issue 4 item 5), so they say ALL too. */
export function forStockZ3(script: string): string {
  return script.includes('(as const ') ? script.replace('(set-logic QF_ABV)', '(set-logic ALL)') : script;
}

/** The body of a dump: the query as z3 was given it (answer.ts z3QueryText: a large query's
 *  definitions as equations, which a stock z3 parses in linear time — as define-funs the
 *  native z3 4.8.12 did not finish parsing a 2.5 MB query in 25 s), with a note and the hash
 *  of the query's normal form (its text with the definitions, what the caches key on) when
 *  the text differs from it. */
function body(q: Query): string {
  const printed = printQueryOnce(q).text;
  const text = z3QueryText(printed);
  if (text === printed) return forStockZ3(printed);
  const hash = createHash('sha256').update(printed).digest('hex');
  return `; shared terms as equations (declare-fun, assert =), as z3 was given them; the normal form, sha256 ${hash}, has them as define-fun\n` + forStockZ3(text);
}

/** Writes `dir/<name>.smt2` and returns its path. */
export function dumpQuery(dir: string, name: string, q: Query, result?: SolverResult, limits?: DumpLimits): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${uniqueName(dir, sanitizeName(name))}.smt2`);
  writeAtomic(file, header(name, q, result) + limitLines(limits) + body(q));
  return file;
}

/** Re-writes an already dumped query with its answer in the header. */
export function dumpResult(file: string, name: string, q: Query, result: SolverResult, limits?: DumpLimits): void {
  writeAtomic(file, header(name, q, result) + limitLines(limits) + body(q));
}
