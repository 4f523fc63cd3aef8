import { rmSync, statSync } from 'node:fs';
import { parseFlags, UsageError } from './args.ts';
import { printDiagnostics, reportError } from './output.ts';
import { describe, exitCodeOf, progress, progressDone, summaryLine, type PassVerdict } from './verdicts.ts';
import { tvFlags, tvOptions, type TvOptions } from './tv.ts';
import { assertReadableFile, assertWritableDir, badInputExits, fsReason } from './bad-input.ts';
import { expandSources } from './files.ts';
import { frontEnd } from '../../compiler/frontend.ts';
import { parseMlir } from '../../compiler/mlir/parse.ts';
import { runPipeline, pipelineFromFlag, PipelineError } from '../../compiler/passes/pipeline.ts';
import { runTool } from '../../compiler/toolchain/tools.ts';
import { isPassName } from '../../compiler/passes/registry.ts';
import { mlirOptFlag } from '../../compiler/passes/mlir-opt-flag.ts';
import { coreToMlir } from '../../compiler/codegen/core-to-mlir.ts';
import { cacheDir } from '../../compiler/toolchain/cache.ts';
import { injectedPlanFault, planCore, planPair, type Planned } from './validate-tasks.ts';
import { runPlans, validateJobs, type PassPlan } from './validate-jobs.ts';
import { startPool } from './validate-pool.ts';
import { calleesOf, jsonWithReliance, passCallees, passKey, relianceNotes } from './validate-callees.ts';

export { validateJobs } from './validate-jobs.ts';
import type { CoreProgram } from '../../compiler/core/core.ts';
import { disposeSolvers } from '../../verifier/smt/solver.ts';
import type { Stage } from '../../compiler/passes/pass.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const validateHelp = `Usage: fidelity validate FILE.clef [options]

Compiles the program and validates every pass of its pipeline, function by function:
each stage's MLIR against the next (the same check as 'fidelity tv'). Prints a table
pass x function -> verdict, then every verdict that is not 'proved' with its reason and
counterexample.

Options:
  --stages DIR      keep the stage files in DIR (default: a temporary folder)
  --passes LIST     change the pipeline, as for 'fidelity compile'
  --unroll K        loop unrolling depth for bounded checks (default 8)
  --timeout MS      solver time limit per query (default 10000)
  --rlimit N        also stop each query after N z3 resource units (load-independent)
  --json            print {"functions":[{"pass","name","verdict","detail","time_ms",...}]};
                    a row resting on callees not proved carries "unproved_callees"
  --dump-smt DIR    write every SMT query as SMT-LIB 2 into DIR
  --solver NAME     z3-wasm (default), z3-native, z3-auto or cvc5 (see 'fidelity tv --help')
  --jobs N          check N functions at a time, each in a worker thread with its own solver
                    (default: one per core, fewer when memory is short; 1: no worker thread;
                    never more threads than checks)
  -h, --help        show this help

The first step, core-to-mlir (our code generator), is validated against Core's semantics
(verifier/tv/core/README.md); functions it does not map yet say 'unsupported: <what>'.
mlir-translate and clang are trusted (covered by differential execution).

Solver: z3 in process (WASM) unless --solver NAME or FIDELITY_SOLVER=NAME picks another
(z3-native, z3-auto, cvc5: see 'fidelity tv --help'). FIDELITY_JOBS=N is --jobs N. The
table, the JSON and the verdicts are the same whatever the number of jobs.

A check that fails inside the workbench (a bug: its worker thread died, or it threw) is the
row 'unknown: internal error [in worker]: <message>' (also on stderr), and the run goes on.

Checks are modular: a call of a function with a body is taken as that function's own row
of the same pass shows. A proved or bounded row resting on a callee's row (directly or not)
that is not proved gets a note under the table naming it (in --json, the row's
"unproved_callees": [{"name","verdict"}]).

Exit status: as 'fidelity tv' (0 / 1 refuted / 2 unknown or unsupported / 3 bad input:
a bad flag or value, a file that cannot be read, a program with errors, a --stages or
--dump-smt folder that cannot be written).`;

export const auditHelp = `Usage: fidelity audit --pass NAME FILES|DIRS [options]

Runs one upstream mlir-opt pass (e.g. canonicalize, cse, sccp, loop-invariant-code-motion)
on the core-to-mlir output of each program and validates the result against its input.

Options:
  --pass NAME       the mlir-opt pass to audit (required)
  --unroll K, --timeout MS, --rlimit N, --json, --dump-smt DIR, --solver NAME, --jobs N
                    as for 'fidelity tv' (the checks of all the programs share the jobs)
  -h, --help        show this help

A check that fails inside the workbench (a bug) is the row 'unknown: internal error ...'; a
program whose validation fails before its checks (a bug, not bad input) gets one row
'(module)' 'unknown: internal error while validating FILE: <message>'. The other programs
are audited either way. As in 'fidelity validate', a proved or bounded row resting on a
callee's row that is not proved gets a note under the rows (in --json, the row's
"unproved_callees").

Exit status: as 'fidelity tv'; 3 also for a FILES|DIRS argument with no Clef source in it.`;

export const CORE_TO_MLIR_NOTE = 'unsupported: validation of core-to-mlir against Core semantics is not implemented yet';

/**
 * Validates every pass of a compiled program: core-to-mlir (with the Core program) and each
 * MLIR stage against the next, function by function. The checks are independent (each
 * function has its own term factory), so they run on `jobs` worker threads at once
 * (validateJobs); the rows come back in pipeline order, functions in the order a
 * one-at-a-time run gives them.
 */
export async function validateStages(stages: Stage[], opts: TvOptions, file: string, onPass?: (pass: string) => void, core?: CoreProgram, jobs = validateJobs()): Promise<PassVerdict[]> {
  const plans: PassPlan[] = [];
  const mlirStages = stages.filter((s) => s.kind === 'mlir' || s.kind === 'llvm-mlir');
  const dumpFor = (dir: string) => (opts.dumpSmt ? join(opts.dumpSmt, dir) : undefined);
  // core-to-mlir: Core against the MLIR it was compiled to. Callers
  // that do not pass the Core program still get the placeholder rows (not counted).
  if (stages[1]?.pass === 'core-to-mlir' && core) {
    const first = stages[1];
    const mlir = { text: first.text, file: first.file };
    plans.push({ pass: 'core-to-mlir', file, planned: planCore(core, parseMlir(first.text, first.file), mlir, { ...opts, dumpSmt: dumpFor(`${first.index}-core-to-mlir`) }) });
  } else if (stages[1]?.pass === 'core-to-mlir') {
    const planned: Planned[] = [];
    for (const fn of (stages[0] as Stage).text.matchAll(/^fn ([^\s(]+)\(/gm)) {
      planned.push({ kind: 'row', row: { name: `clef.${fn[1]!}`, verdict: 'unsupported', detail: CORE_TO_MLIR_NOTE, timeMs: 0 } });
    }
    plans.push({ pass: 'core-to-mlir', file, planned });
  }
  // upstream-tv: each stage is parsed once — the target of pass i is the source of pass
  // i+1 (validation never mutates a parsed module; its per-region analyses are cached by it)
  const parsed = mlirStages.map((s) => parseMlir(s.text, s.file));
  for (let i = 1; i < mlirStages.length; i++) {
    const a = mlirStages[i - 1]!;
    const b = mlirStages[i]!;
    const planned = planPair(parsed[i - 1]!, parsed[i]!, { text: a.text, file: a.file }, { text: b.text, file: b.file }, { ...opts, dumpSmt: dumpFor(`${b.index}-${b.pass}`) });
    plans.push({ pass: b.pass, file, planned });
  }
  return runPlans(plans, jobs, onPass);
}

function printTable(vs: PassVerdict[]): void {
  const passes = [...new Set(vs.map((v) => v.pass!))];
  const fns = [...new Set(vs.map((v) => v.name))];
  const cell = (p: string, f: string) => vs.find((v) => v.pass === p && v.name === f)?.verdict ?? '-';
  const w0 = Math.max(8, ...passes.map((p) => p.length));
  const widths = fns.map((f) => Math.max(f.length + 1, ...passes.map((p) => cell(p, f).length)));
  console.log(`${'pass'.padEnd(w0)}  ${fns.map((f, i) => ('@' + f).padEnd(widths[i]!)).join('  ')}`);
  for (const p of passes) console.log(`${p.padEnd(w0)}  ${fns.map((f, i) => cell(p, f).padEnd(widths[i]!)).join('  ')}`);
}

function report(vs: PassVerdict[], json: boolean, callees: Map<string, Map<string, string[]>>): number {
  // rows that rest on a callee's row that is not proved (validate-callees.ts)
  if (json) console.log(JSON.stringify({ functions: jsonWithReliance(vs, callees) }, null, 1));
  else {
    const notes = relianceNotes(vs, callees);
    const notProved = vs.filter((v) => v.verdict !== 'proved' && v.detail !== CORE_TO_MLIR_NOTE);
    if (notProved.length) console.log('');
    for (const v of notProved) console.log(describe(v));
    if (vs.some((v) => v.detail === CORE_TO_MLIR_NOTE)) console.log(`\nnote: core-to-mlir: ${CORE_TO_MLIR_NOTE.replace('unsupported: ', '')}`);
    if (notes.length) console.log(`\n${notes.join('\n')}`);
    console.log(`\n${summaryLine(vs)}`);
  }
  // The core-to-mlir rows are placeholders for a check that does not exist yet: printed,
  // never counted as a result either way.
  return exitCodeOf(vs.filter((v) => v.detail !== CORE_TO_MLIR_NOTE));
}

/** `fidelity validate`; bad input (flags and values too) is exit 3 (bad-input.ts). */
export function validateCommand(argv: string[]): Promise<number> {
  return badInputExits('validate', () => validate(argv));
}

async function validate(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags('validate', argv, { ...tvFlags, stages: { type: 'string' }, passes: { type: 'string' } });
  if (values.help) return (console.log(validateHelp), 0);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE.clef (see 'fidelity validate --help')`);
  const jobs = validateJobs(values.jobs);
  const opts = tvOptions(values);
  let passes: string[];
  try {
    passes = pipelineFromFlag(values.passes as string | undefined);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const file = positionals[0]!;
  assertReadableFile(file);
  if (typeof values.stages === 'string') assertWritableDir('--stages', values.stages);
  const dir = typeof values.stages === 'string' ? values.stages : cacheDir('work', `validate-${process.pid}`);
  try {
    // the workers load the verifier and their solver meanwhile (validate-pool.ts)
    startPool(jobs);
    const fe = frontEnd(file);
    printDiagnostics(fe.warnings);
    const { stages } = await runPipeline(fe.core, passes, dir);
    const vs = await validateStages(stages, opts, file, (p) => progress(`validating ${p} ...`), fe.core, jobs);
    progressDone();
    if (!values.json) printTable(vs);
    return report(vs, !!values.json, passCallees(stages, file));
  } catch (e) {
    progressDone();
    if (e instanceof PipelineError) {
      process.stderr.write(`${file}: error: ${e.message}\n`);
      return 3;
    }
    const code = reportError(e, file);
    return code === 1 ? 3 : code;
  } finally {
    if (typeof values.stages !== 'string') rmSync(dir, { recursive: true, force: true });
    await disposeSolvers();
  }
}

/** Why `path` cannot be looked at (expandSources lists it as missing without saying why). */
function statReason(path: string): string {
  try {
    statSync(path);
    return 'no such file or directory';
  } catch (e) {
    return fsReason(e);
  }
}

/** `fidelity audit`; bad input (flags and values too) is exit 3 (bad-input.ts). */
export function auditCommand(argv: string[]): Promise<number> {
  return badInputExits('audit', () => audit(argv));
}

async function audit(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags('audit', argv, { ...tvFlags, pass: { type: 'string' } });
  if (values.help) return (console.log(auditHelp), 0);
  const pass = values.pass;
  if (typeof pass !== 'string') throw new UsageError(`--pass NAME is required (see 'fidelity audit --help')`);
  if (!isPassName(pass)) throw new UsageError(`--pass: '${pass}' is not a pass name`);
  if (positionals.length === 0) throw new UsageError(`no files given (see 'fidelity audit --help')`);
  const jobs = validateJobs(values.jobs);
  const opts = tvOptions(values);
  // each argument on its own, so that a folder that cannot be listed names itself
  const files: string[] = [];
  let unreadable = false;
  for (const arg of positionals) {
    try {
      const { files: found, missing } = expandSources([arg]);
      for (const m of missing) {
        process.stderr.write(`fidelity: cannot read ${m}: ${statReason(m)}\n`);
        unreadable = true;
      }
      files.push(...found);
    } catch (e) {
      process.stderr.write(`fidelity: cannot read ${arg}: ${fsReason(e)}${e && typeof e === 'object' && 'path' in e && e.path !== arg ? ` (${String(e.path)})` : ''}\n`);
      unreadable = true;
    }
  }
  for (const f of files) {
    try {
      assertReadableFile(f);
    } catch (e) {
      process.stderr.write(`fidelity: ${(e as Error).message}\n`);
      unreadable = true;
    }
  }
  if (unreadable) return 3;
  // a folder with no Clef source in it audits nothing: that is not a pass
  if (files.length === 0) throw new UsageError(`no Clef sources (.clef, .fs) in ${positionals.join(', ')}`);
  let bad = false;
  const callees = new Map<string, Map<string, string[]>>(); // validate-callees.ts
  const dir = cacheDir('work', `audit-${process.pid}`);
  try {
    // every program's pair is planned first, then all their checks run together on the workers
    const plans: PassPlan[] = [];
    for (const file of files) {
      progress(`auditing ${pass} on ${file} ...`);
      try {
        injectedPlanFault(file); // tests only (FIDELITY_TEST_FAULT)
        const fe = frontEnd(file);
        const before = join(dir, 'before.mlir');
        const src = { text: coreToMlir(fe.core), file: `${file}:core-to-mlir` };
        writeFileSync(before, src.text);
        const tgt = { text: await runTool(pass, 'mlir-opt', [mlirOptFlag(pass), before]), file: `${file}:${pass}` };
        const srcModule = parseMlir(src.text, src.file);
        plans.push({ pass, file, planned: planPair(srcModule, parseMlir(tgt.text, tgt.file), src, tgt, opts) });
        callees.set(passKey(file, pass), calleesOf(srcModule)); // validate-callees.ts
      } catch (e) {
        progressDone();
        const msg = e instanceof Error && 'toolMessage' in e ? String((e as { toolMessage: string }).toolMessage).trim() : null;
        if (msg !== null) {
          bad = true;
          process.stderr.write(`${file}: error: pass ${pass} failed:\n${msg}\n`);
        } else if (reportError(e, file) === 4) {
          // a bug in the workbench on this file (already on stderr): its row says so, and the
          // other programs are still audited (bad input stays exit 3, below)
          const what = e instanceof Error ? e.message : String(e);
          plans.push({ pass, file, planned: [{ kind: 'row', row: { name: '(module)', verdict: 'unknown', detail: `unknown: internal error while validating ${file}: ${what}`, timeMs: 0 } }] });
        } else bad = true;
      }
    }
    progress(`validating ${pass} ...`);
    const all = await runPlans(plans, jobs);
    progressDone();
    if (!values.json) {
      const w = Math.max(10, ...all.map((v) => `${v.file} @${v.name}`.length));
      for (const v of all) console.log(`${`${v.file} @${v.name}`.padEnd(w)}  ${v.verdict.padEnd(12)} ${v.timeMs.toFixed(0).padStart(6)} ms`);
    }
    const code = report(all, !!values.json, callees);
    return bad ? 3 : code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await disposeSolvers();
  }
}
