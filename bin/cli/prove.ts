import { badInputExits } from './bad-input.ts';
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags, UsageError } from './args.ts';
import { printDiagnostics, reportError } from './output.ts';
import { expandSources } from './files.ts';
import { exitCodeOf, progress, progressDone, toJson, type PassVerdict } from './verdicts.ts';
import { validateStages, CORE_TO_MLIR_NOTE } from './validate.ts';
import { frontEnd } from '../../compiler/frontend.ts';
import { runPipeline, DEFAULT_PIPELINE, PipelineError } from '../../compiler/passes/pipeline.ts';
import { cacheDir } from '../../compiler/toolchain/cache.ts';
import { proveObligations, type ProofResult } from '../../verifier/safety/prove.ts';
import { checkProfile, isTarget, TARGETS, DEFAULT_MEMORY_BUDGET, type Target } from '../../verifier/profiles/index.ts';
import { emitFstar, writeFstar, runFstar } from '../../fstar/index.ts';
import { disposeSolvers } from '../../verifier/smt/solver.ts';
import type { Category } from '../../compiler/core/core.ts';

export const proveHelp = `Usage: fidelity prove FILES|DIRS [options]

Proves every safety obligation of each Clef program (bounds, overflow, div-by-zero,
match-exhaustive, precondition, postcondition, assertion, invariant, termination,
stack-escape, arena-capacity, use-after-reset, region-escape, use-after-release,
double-release, leak, stack-budget) with Z3, emits the same program and obligations as an
F* module, and validates every pass of the compiler pipeline (as 'fidelity validate').
Prints a summary per category and per pass, then every item that is not proved with its
place, reason and counterexample (replayed in the reference interpreter).

Options:
  --target P          embedded | mid | server (default server). embedded rejects Region,
                      needs Contract.decreases on recursion and proves the stack budget
  --memory-budget N   the embedded stack + static budget in bytes (default ${DEFAULT_MEMORY_BUDGET})
  --unroll K          loop unrolling for bounded checks (default 4 for obligations, 8 for passes)
  --timeout MS        solver time limit per query (default 10000)
  --no-tv             skip translation validation of the pipeline
  --fstar-out DIR     write each program's F* module (Clef.<Name>.fst) and its obligation
                      table (Clef.<Name>.json) into DIR
  --fstar             also run F* on the module (fstar.exe on PATH, or FSTAR_EXE); without
                      F* installed its status is 'not run'
  --json              print {"obligations":[...],"passes":[...],"fstar":[...]}
  -h, --help          show this help

Exit status: 0 nothing refuted or unknown; 1 something refuted (or the target rejects
the program); 2 only unknown/unsupported beyond that; 3 bad input.`;

const CATEGORIES: Category[] = [
  'bounds', 'overflow', 'div-by-zero', 'match-exhaustive', 'precondition', 'postcondition', 'assertion',
  'invariant', 'termination', 'stack-escape', 'arena-capacity', 'use-after-reset', 'region-escape',
  'use-after-release', 'double-release', 'leak', 'stack-budget',
];
const COLUMNS = ['proved', 'bounded', 'refuted', 'unknown', 'unsupported'] as const;

type ObRecord = ProofResult & { file: string };
type FstarRecord = { file: string; module: string; status: string; detail: string; fst: string | null; obligations: number };

function column(verdict: string): (typeof COLUMNS)[number] {
  if (verdict.startsWith('bounded')) return 'bounded';
  return (COLUMNS as readonly string[]).includes(verdict) ? (verdict as (typeof COLUMNS)[number]) : 'unknown';
}

function table(title: string, rows: [string, { verdict: string }[]][]): string[] {
  const w = Math.max(title.length, ...rows.map(([k]) => k.length));
  const out = [`${title.padEnd(w)}  ${'total'.padStart(6)}  ${COLUMNS.map((c) => c.padStart(11)).join(' ')}`];
  for (const [k, vs] of rows) {
    if (vs.length === 0) continue;
    const counts = COLUMNS.map((c) => vs.filter((v) => column(v.verdict) === c).length);
    out.push(`${k.padEnd(w)}  ${String(vs.length).padStart(6)}  ${counts.map((n) => String(n).padStart(11)).join(' ')}`);
  }
  return out;
}

/** `fidelity prove`; exit codes as for `validate` (issue 5 item 5), so a bad flag or value is
 *  bad input, exit 3, like a missing file (bad-input.ts). */
export function proveCommand(argv: string[]): Promise<number> {
  return badInputExits('prove', () => prove(argv));
}

async function prove(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags('prove', argv, {
    target: { type: 'string' },
    'memory-budget': { type: 'string' },
    unroll: { type: 'string' },
    timeout: { type: 'string' },
    'no-tv': { type: 'boolean' },
    'fstar-out': { type: 'string' },
    fstar: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) return (console.log(proveHelp), 0);
  if (positionals.length === 0) throw new UsageError(`no files given (see 'fidelity prove --help')`);
  const target = (values.target as string | undefined) ?? 'server';
  if (!isTarget(target)) throw new UsageError(`--target must be one of ${TARGETS.join(', ')}`);
  const num = (name: string, min: number): number | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} needs a whole number >= ${min}`);
    return n;
  };
  const memoryBudget = num('memory-budget', 1) ?? DEFAULT_MEMORY_BUDGET;
  const unroll = num('unroll', 0);
  const timeoutMs = num('timeout', 1) ?? 10_000;
  const { files, missing } = expandSources(positionals);
  for (const m of missing) process.stderr.write(`fidelity: cannot read ${m}: no such file or directory\n`);
  if (missing.length) return 3;
  if (files.length === 0) {
    process.stderr.write(`fidelity prove: no .clef or .fs files found\n`);
    return 3;
  }

  const obligations: ObRecord[] = [];
  const passes: PassVerdict[] = [];
  const fstar: FstarRecord[] = [];
  let badInput = false;
  let rejected = false;
  try {
    for (const [n, file] of files.entries()) {
      // no progress line with --json (issue 5 item 5; tests/cli/prove-profile.test.ts)
      const step = (what: string) => {
        if (!values.json) progress(`[${n + 1}/${files.length}] ${file}: ${what} ...`);
      };
      step('front end');
      let fe;
      try {
        fe = frontEnd(file);
      } catch (e) {
        progressDone();
        reportError(e, file);
        badInput = true;
        continue;
      }
      if (!values.json) printDiagnostics(fe.warnings);
      const profile = checkProfile(fe.core, { target: target as Target, memoryBudget });
      if (profile.errors.length) {
        progressDone();
        printDiagnostics(profile.errors);
        rejected = true;
      }
      step('safety obligations');
      const results = await proveObligations(fe.core, { unroll, timeoutMs });
      for (const r of results) obligations.push({ ...r, file });
      const sb = profile.stackBudget;
      if (sb) {
        obligations.push({ id: sb.id, fn: sb.location.fn, category: 'stack-budget', span: sb.location.span, verdict: sb.verdict, detail: sb.detail, timeMs: 0, file });
      }
      step('F* emission');
      const m = emitFstar(fe.core);
      let fst: string | null = null;
      let dir: string | null = null;
      if (typeof values['fstar-out'] === 'string') fst = writeFstar(m, values['fstar-out']).fst;
      else if (values.fstar) {
        dir = mkdtempSync(join(tmpdir(), 'fidelity-fstar-'));
        fst = writeFstar(m, dir).fst;
      }
      const run = values.fstar && fst ? await runFstar(fst, { table: m.table }) : { status: 'not run', detail: values.fstar ? '' : 'F* not requested (--fstar)' };
      if (dir) rmSync(dir, { recursive: true, force: true });
      fstar.push({ file, module: m.module, status: run.status, detail: run.detail, fst: typeof values['fstar-out'] === 'string' ? fst : null, obligations: m.table.length });
      if (!values['no-tv']) {
        step('translation validation');
        const work = cacheDir('work', `prove-${process.pid}-${n}`);
        try {
          const { stages } = await runPipeline(fe.core, DEFAULT_PIPELINE, work);
          passes.push(...(await validateStages(stages, { unroll: unroll ?? 8, timeoutMs }, file, undefined, fe.core)));
        } catch (e) {
          progressDone();
          if (e instanceof PipelineError) process.stderr.write(`${file}: error: ${e.message}\n`);
          else reportError(e, file);
          badInput = true;
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      }
    }
    progressDone();
  } finally {
    await disposeSolvers();
  }

  if (values.json) {
    console.log(
      JSON.stringify(
        {
          obligations: obligations.map((o) => ({
            id: o.id,
            function: o.fn,
            category: o.category,
            file: o.file,
            line: o.span.line,
            col: o.span.col,
            verdict: o.verdict,
            detail: o.detail,
            time_ms: Math.round(o.timeMs * 10) / 10,
            ...(o.counterexample ? { counterexample: o.counterexample } : {}),
          })),
          passes: passes.map(toJson),
          fstar,
        },
        null,
        1,
      ),
    );
  } else {
    const lines: string[] = [];
    lines.push(...table('category', CATEGORIES.map((c) => [c, obligations.filter((o) => o.category === c)])));
    if (passes.length) {
      lines.push('');
      lines.push(...table('pass', [...new Set(passes.map((p) => p.pass!))].map((p) => [p, passes.filter((v) => v.pass === p)])));
      if (passes.some((p) => p.detail === CORE_TO_MLIR_NOTE)) lines.push(`note: core-to-mlir: ${CORE_TO_MLIR_NOTE.replace('unsupported: ', '')}`);
    }
    lines.push('');
    for (const f of fstar) lines.push(`F* ${f.module}: ${f.obligations} obligations emitted; F* ${f.status}${f.detail && f.status !== 'not run' ? `: ${f.detail}` : ''}${f.fst ? ` (${f.fst})` : ''}`);
    const notProved = obligations.filter((o) => o.verdict !== 'proved');
    if (notProved.length) lines.push('', 'not proved:');
    for (const o of notProved) {
      lines.push(`${o.span.file}:${o.span.line}:${o.span.col}: ${o.category}: ${o.verdict}: ${o.detail}  [${o.id}]`);
      if (o.counterexample) lines.push(`    counterexample: ${o.counterexample.args.join(', ') || '(no arguments)'} -> ${o.counterexample.outcome}`);
    }
    const passNotProved = passes.filter((p) => p.verdict !== 'proved' && !p.verdict.startsWith('bounded') && p.pass !== 'core-to-mlir');
    for (const p of passNotProved) lines.push(`${p.file}: pass ${p.pass} @${p.name}: ${p.verdict}: ${p.detail}`);
    const all = [...obligations, ...passes.filter((p) => p.detail !== CORE_TO_MLIR_NOTE)];
    const count = (c: string) => all.filter((v) => column(v.verdict) === c).length;
    lines.push('', `${obligations.length} obligations and ${passes.length} pass checks: ${COLUMNS.map((c) => `${count(c)} ${c}`).join(', ')}`);
    console.log(lines.join('\n'));
  }
  if (badInput) return 3;
  const code = exitCodeOf([...obligations, ...passes.filter((p) => p.detail !== CORE_TO_MLIR_NOTE)]);
  return rejected ? Math.max(1, code === 2 ? 1 : code) : code;
}
