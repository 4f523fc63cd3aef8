// Running F* on an emitted module, when F* is installed: `FSTAR_EXE` names it, or
// `fstar.exe` is on the PATH. Without it the status is `not run` — never a guessed verdict.
// F* reports errors as `FILE(L,C-L,C): (Error N) message`; with the obligation table, the
// lines of failed checks give the obligation ids F* could not prove.
import { accessSync, constants, writeFileSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import type { FstarModule, FstarTableEntry } from './emit.ts';

export type FstarStatus = 'not run' | 'verified' | 'failed';

export type FstarRun = {
  status: FstarStatus;
  detail: string;
  /** Obligation ids on the lines F* reported (with a table). */
  failedObligations?: string[];
  exe?: string;
  timeMs?: number;
};

export type FstarRunOptions = {
  table?: FstarTableEntry[];
  timeoutMs?: number;
  /** Extra arguments for fstar.exe (e.g. `--z3rlimit 20`). */
  args?: string[];
  env?: NodeJS.ProcessEnv;
};

/** The F* executable: `FSTAR_EXE`, else `fstar.exe` on the PATH, else null. */
export function findFstar(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.FSTAR_EXE;
  if (named) return isExecutable(named) ? resolve(named) : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, 'fstar.exe');
    if (isExecutable(p)) return p;
  }
  return null;
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes `<module>.fst` (and the table as `<module>.json`) into `dir`; returns the paths. */
export function writeFstar(m: FstarModule, dir: string): { fst: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const fst = join(dir, `${m.module}.fst`);
  const json = join(dir, `${m.module}.json`);
  writeFileSync(fst, m.text);
  writeFileSync(json, JSON.stringify({ module: m.module, obligations: m.table }, null, 2) + '\n');
  return { fst, json };
}

const ERROR_AT = /\((\d+),(\d+)-(\d+),(\d+)\)\s*:\s*\((Error|Warning)[^)]*\)/g;

export async function runFstar(path: string, opts: FstarRunOptions = {}): Promise<FstarRun> {
  const env = opts.env ?? process.env;
  const exe = findFstar(env);
  if (!exe) return { status: 'not run', detail: 'F* not found: set FSTAR_EXE or put fstar.exe on the PATH' };
  const started = performance.now();
  const r = await execa(exe, [...(opts.args ?? []), resolve(path)], {
    cwd: dirname(resolve(path)),
    reject: false,
    all: true,
    env,
    timeout: opts.timeoutMs ?? 600_000,
  });
  const timeMs = Math.round(performance.now() - started);
  const output = (r.all ?? '').trim();
  if (r.timedOut) return { status: 'failed', detail: `timed out after ${opts.timeoutMs ?? 600_000} ms`, exe, timeMs };
  if (r.exitCode === 0) return { status: 'verified', detail: lastLines(output) || 'verified', exe, timeMs };
  const failed = new Set<string>();
  if (opts.table) {
    const byLine = new Map<number, string[]>();
    for (const t of opts.table) byLine.set(t.line, [...(byLine.get(t.line) ?? []), t.id]);
    for (const m of output.matchAll(ERROR_AT)) {
      if (m[5] !== 'Error') continue;
      for (let line = Number(m[1]); line <= Number(m[3]); line++) for (const id of byLine.get(line) ?? []) failed.add(id);
    }
  }
  return {
    status: 'failed',
    detail: lastLines(output) || `fstar.exe exited with code ${r.exitCode ?? 'unknown'}`,
    failedObligations: [...failed],
    exe,
    timeMs,
  };
}

function lastLines(s: string, n = 20): string {
  return s.split('\n').slice(-n).join('\n');
}
