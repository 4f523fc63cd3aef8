// Runs the corpus through the front end and the reference interpreter and compares each
// program with its expected files (NAME.out, NAME.code, optional NAME.in). Shared by
// `fidelity start` and the corpus test.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { frontEnd } from '../../compiler/frontend.ts';
import { runCore } from '../../verifier/semantics/run.ts';
import { DiagnosticError } from '../../compiler/diagnostics.ts';

export type CorpusOutcome = {
  name: string;
  file: string;
  ok: boolean;
  /** Why it failed, for a person: first differing line, exit codes, or the error. */
  problem: string | null;
  stdout: string;
  exitCode: number | null;
  ms: number;
};

export function corpusPrograms(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.clef'))
    .sort()
    .map((n) => join(dir, n));
}

export function runCorpusProgram(file: string, opts: { checks: boolean } = { checks: true }): CorpusOutcome {
  const name = basename(file, '.clef');
  const base = file.slice(0, -'.clef'.length);
  const t0 = performance.now();
  const expectedOut = existsSync(base + '.out') ? readFileSync(base + '.out', 'utf8') : null;
  const expectedCode = existsSync(base + '.code') ? Number(readFileSync(base + '.code', 'utf8').trim()) : null;
  const stdin = existsSync(base + '.in') ? readFileSync(base + '.in', 'utf8') : '';
  let stdout = '';
  let exitCode: number | null = null;
  let problem: string | null = null;
  try {
    const fe = frontEnd(file);
    const r = runCore(fe.core, { checks: opts.checks, args: [], stdin, write: (s) => (stdout += s), maxSteps: 50_000_000 });
    if ('violation' in r) {
      const v = r.violation;
      problem = `runtime error: ${v.category} at ${v.span.file}:${v.span.line}:${v.span.col} ${v.message ?? ''}`.trim();
    } else exitCode = r.exitCode;
  } catch (e) {
    problem = e instanceof DiagnosticError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!problem) problem = compareOutput(expectedOut, stdout, expectedCode, exitCode);
  return { name, file, ok: problem === null, problem, stdout, exitCode, ms: performance.now() - t0 };
}

export function compareOutput(expOut: string | null, out: string, expCode: number | null, code: number | null): string | null {
  if (expOut === null) return 'no expected output file (.out)';
  if (expCode === null || Number.isNaN(expCode)) return 'no expected exit code file (.code)';
  if (out !== expOut) {
    const a = expOut.split('\n');
    const b = out.split('\n');
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) return `stdout line ${i + 1}: expected ${JSON.stringify(a[i] ?? '<end>')}, got ${JSON.stringify(b[i] ?? '<end>')}`;
    }
  }
  if (code !== expCode) return `exit code: expected ${expCode}, got ${code}`;
  return null;
}
