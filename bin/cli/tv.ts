import { existsSync, readFileSync } from 'node:fs';
import { isToolFailure, MLIR_OPT, runTool } from '../../compiler/codegen/native.ts';
import { parseFlags, UsageError } from './args.ts';
import { printDiagnostics } from './output.ts';
import { assertWritableDir, badInputExits, fsReason } from './bad-input.ts';
import { describe, exitCodeOf, summaryLine } from './verdicts.ts';
import { calleesOf, jsonWithReliance, passKey, relianceNotes } from './validate-callees.ts';
import { parseMlir } from '../../compiler/mlir/parse.ts';
import { DiagnosticError } from '../../compiler/diagnostics.ts';
import { validateJobs, validatePairJobs } from './validate-jobs.ts';
import { BACKEND_NAMES, backendByName, disposeSolvers, setSolverDefaults, type BackendName } from '../../verifier/smt/solver.ts';
import type { Module } from '../../compiler/mlir/ir.ts';

export const tvHelp = `Usage: fidelity tv SRC.mlir TGT.mlir [options]

Translation validation of any two MLIR files: for every function present in both (paired
by name), checks that TGT refines SRC — no new undefined behaviour, the same results where
SRC's are not poison, the same final memory the caller can see. Functions on one side only
are listed. Counterexamples are replayed concretely on both sides before they are shown.

Options:
  --unroll K        loop unrolling depth for bounded checks (default 8)
  --timeout MS      solver time limit per query (default 10000)
  --rlimit N        also stop each query after N z3 resource units (z3's rlimit; cvc5's
                    resource units): a budget that does not depend on the machine's load,
                    for regression runs in CI; dumped queries carry it. Default: none
  --json            print {"functions":[{"name","verdict","detail","time_ms","counterexample"?,
                    "unproved_callees"?}]}; unproved_callees: on a proved or bounded
                    row, the [{"name","verdict"}] of the callees it rests on that are not proved
  --dump-smt DIR    write every SMT query as SMT-LIB 2 into DIR (re-run with a stock z3)
  --solver NAME     z3-wasm (in process, the default), z3-native (/usr/bin/z3 in long-lived
                    processes; several times faster on large queries), z3-auto (native when
                    installed, else WASM) or cvc5; FIDELITY_SOLVER=NAME does the same
  --jobs N          check N functions at a time, each in a worker thread with its own solver
                    (default: one per core, fewer when memory is short; FIDELITY_JOBS=N does
                    the same; 1: no worker thread; never more threads than checks, and a
                    single check runs without one). Output and verdicts do not depend on N
  -h, --help        show this help

Verdicts: proved (for executions of any length: loop-free, or loops proved by cut points
at their headers with the simulation checked inductively), bounded(K) (loops unrolled K
times: not a proof; the detail says why no unbounded proof was found; given only when some
execution stays within K, else unknown: nothing was checked), refuted (with a
replayed counterexample), unknown (timeout or solver unknown, with the reason; also
\`unknown: internal error ...\` for a check that failed inside the workbench, the run going
on), unsupported (names the op, attribute or construct not modelled).

Calls are modular: a call of a function with a body on both sides is taken to behave as
that function's own row says (same name, same function), so \`proved\` means proved given
the rows of the functions it calls; a note under the table names any of them not proved
(in --json, the row's "unproved_callees").

Memory nobody wrote (alloca, malloc) is LLVM's undef: the target reads it as poison; a SRC
computing with it, other than moving the value, is not proved; where SRC returns or stores
such a value unchanged, TGT may put any defined value there, but not poison.

Exit status: 0 nothing refuted or unknown; 1 something refuted; 2 only unknown/unsupported
beyond that; 3 bad input, named on stderr: a bad flag or value, a file that cannot be read,
malformed MLIR (reported as FILE:LINE:COL; also what mlir-opt's verifier rejects: an
operand of the wrong type, a redefined value, ...), a --dump-smt folder that cannot be written.`;

export type TvOptions = { unroll: number; timeoutMs: number; dumpSmt?: string };

export function tvOptions(values: Record<string, string | boolean | undefined>): TvOptions {
  const num = (name: string, dflt: number, min: number) => {
    const v = values[name];
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} needs a whole number >= ${min}`);
    return n;
  };
  const solver = values['solver'];
  if (typeof solver === 'string') {
    if (!(BACKEND_NAMES as readonly string[]).includes(solver)) throw new UsageError(`--solver: '${solver}' is not one of ${BACKEND_NAMES.join(', ')}`);
    setSolverDefaults({ backend: backendByName(solver as BackendName) });
  }
  // a deterministic budget beside the wall-clock one; the worker pool copies the defaults
  if (values['rlimit'] !== undefined) setSolverDefaults({ rlimit: num('rlimit', 0, 1) });
  const dumpSmt = typeof values['dump-smt'] === 'string' ? values['dump-smt'] : undefined;
  const opts = { unroll: num('unroll', 8, 0), timeoutMs: num('timeout', 10_000, 1), dumpSmt };
  // a folder the queries cannot be written into is bad input, named before any check runs
  if (dumpSmt !== undefined) assertWritableDir('--dump-smt', dumpSmt);
  return opts;
}

export const tvFlags = {
  unroll: { type: 'string' },
  timeout: { type: 'string' },
  rlimit: { type: 'string' },
  json: { type: 'boolean' },
  'dump-smt': { type: 'string' },
  solver: { type: 'string' },
  jobs: { type: 'string' }, // speed: worker threads (validate-jobs.ts)
} as const;

/** Reads and parses an MLIR file; bad input becomes exit code 3 with FILE:LINE:COL. */
export async function readMlir(file: string): Promise<Module | number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`fidelity: cannot read ${file}: ${fsReason(e)}\n`);
    return 3;
  }
  let m: Module;
  try {
    m = parseMlir(text, file);
  } catch (e) {
    if (e instanceof DiagnosticError) {
      printDiagnostics(e.diagnostics);
      return 3;
    }
    throw e;
  }
  return (await verifyWithMlirOpt(file)) ?? m;
}

/** Our parser reads syntax only: an operand of the wrong type, a redefined SSA name, a
 *  block without terminator or an out-of-range constant parsed and was even `proved` (exit
 *  0). Such a file is not MLIR: mlir-opt's verifier (the real one, where installed) decides,
 *  and its diagnostics already read FILE:LINE:COL. Ops of other dialects stay allowed
 *  (unregistered: `unsupported: <op>` is the answer for them). */
async function verifyWithMlirOpt(file: string): Promise<number | undefined> {
  if (!existsSync(MLIR_OPT)) return undefined;
  try {
    await runTool('mlir-opt (verifier)', MLIR_OPT, ['--allow-unregistered-dialect', '-o', '/dev/null', file]);
    return undefined;
  } catch (e) {
    const failure = (e as { failure?: unknown }).failure;
    if (!isToolFailure(failure)) throw e;
    // (the first diagnostic with its source line and caret; its notes dump the generic form)
    const msg = (failure.stderr || `${failure.command} failed`).trim().split('\n').slice(0, 3).join('\n');
    process.stderr.write(`${msg}\n${file}: not valid MLIR (mlir-opt's verifier rejects it)\n`);
    return 3;
  }
}

/** `fidelity tv`; bad input (flags and values too) is exit 3 (bad-input.ts). */
export function tvCommand(argv: string[]): Promise<number> {
  return badInputExits('tv', () => tv(argv));
}

async function tv(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags('tv', argv, tvFlags);
  if (values.help) return (console.log(tvHelp), 0);
  if (positionals.length !== 2) throw new UsageError(`expected SRC.mlir and TGT.mlir (see 'fidelity tv --help')`);
  const jobs = validateJobs(values.jobs);
  const opts = tvOptions(values);
  const src = await readMlir(positionals[0]!);
  if (typeof src === 'number') return src;
  const tgt = await readMlir(positionals[1]!);
  if (typeof tgt === 'number') return tgt;
  try {
    // the functions checked on --jobs worker threads (validate-jobs.ts)
    const text = (file: string) => ({ text: readFileSync(file, 'utf8'), file });
    const vs = await validatePairJobs(text(positionals[0]!), text(positionals[1]!), opts, jobs);
    // a row rests on its callees' rows (same name, same function): say where one is not proved
    const callees = new Map([[passKey(undefined, ''), calleesOf(src, tgt)]]);
    if (values.json) {
      console.log(JSON.stringify({ functions: jsonWithReliance(vs, callees) }, null, 1));
    } else {
      const w = Math.max(8, ...vs.map((v) => v.name.length + 1));
      for (const v of vs) console.log(`${('@' + v.name).padEnd(w)}  ${v.verdict.padEnd(12)} ${v.timeMs.toFixed(0).padStart(6)} ms`);
      const notProved = vs.filter((v) => v.verdict !== 'proved');
      if (notProved.length) console.log('');
      for (const v of notProved) console.log(describe(v));
      const notes = relianceNotes(vs, callees);
      if (notes.length) console.log(`\n${notes.join('\n')}`);
      console.log(`\n${summaryLine(vs)}`);
    }
    return exitCodeOf(vs);
  } finally {
    await disposeSolvers();
  }
}
