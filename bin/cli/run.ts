import { readFileSync } from 'node:fs';
import { parseFlags, UsageError } from './args.ts';
import { printDiagnostics, reportError } from './output.ts';
import { frontEnd } from '../../compiler/frontend.ts';
import { runCore } from '../../verifier/semantics/run.ts';
import { spawnSync } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { buildExecutable } from '../../compiler/toolchain/build.ts';
import { pipelineFromFlag, PipelineError } from '../../compiler/passes/pipeline.ts';

export const runHelp = `Usage: fidelity run [--interp] FILE [options] [-- ARGS...]

Runs a Clef program: by default compiled to native code through the whole pipeline
(cached by content hash, so a second run does not recompile); with --interp in the
reference interpreter. ARGS after '--' are passed to main's argv.

Options:
  --interp          run in the reference interpreter, every runtime check on
  --no-checks       (--interp) plain native semantics: signed arithmetic wraps, contracts
                    are not evaluated (memory errors still stop the program). Native code
                    always has these semantics.
  --max-steps N     (--interp) stop after N evaluation steps (default: no limit)
  --passes LIST     (native) change the pipeline, as for 'fidelity compile'
  -h, --help        show this help

Exit status: the program's exit code (main's result); 70 when a runtime check fails
(printed as 'runtime error: <category> at FILE:LINE:COL'); 1 when the program does not
compile; 2 for a usage error.`;

export const RUNTIME_ERROR_EXIT = 70;

export async function runNative(file: string, args: string[], passesFlag: string | undefined): Promise<number> {
  let passes: string[];
  try {
    passes = pipelineFromFlag(passesFlag);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let exe: string;
  try {
    const fe = frontEnd(file);
    printDiagnostics(fe.warnings);
    if (!fe.core.entry) {
      process.stderr.write(`${file}: error: no entry point: define 'main' or mark a function [<EntryPoint>]\n`);
      return 1;
    }
    exe = (await buildExecutable(fe.core, passes)).exe;
  } catch (e) {
    if (e instanceof PipelineError) {
      process.stderr.write(`${file}: error: ${e.message}\n`);
      return 1;
    }
    return reportError(e, file);
  }
  const r = spawnSync(exe, args, { stdio: 'inherit' });
  if (r.error) return reportError(r.error, file);
  if (r.signal) {
    const n = osConstants.signals[r.signal as keyof typeof osConstants.signals] ?? 0;
    process.stderr.write(`fidelity: ${file}: the program was killed by ${r.signal}\n`);
    return 128 + n;
  }
  return r.status ?? 1;
}

export function runCommand(argv: string[]): number | Promise<number> {
  const { values, positionals, rest } = parseFlags('run', argv, {
    interp: { type: 'boolean' },
    'no-checks': { type: 'boolean' },
    'max-steps': { type: 'string' },
    passes: { type: 'string' },
  });
  if (values.help) return (console.log(runHelp), 0);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE (see 'fidelity run --help')`);
  if (!values.interp) return runNative(positionals[0]!, rest, values.passes as string | undefined);
  let maxSteps: number | undefined;
  if (values['max-steps'] !== undefined) {
    maxSteps = Number(values['max-steps']);
    if (!Number.isSafeInteger(maxSteps) || maxSteps <= 0) throw new UsageError(`--max-steps needs a positive whole number`);
  }
  const file = positionals[0]!;
  let fe;
  try {
    fe = frontEnd(file);
  } catch (e) {
    return reportError(e, file);
  }
  printDiagnostics(fe.warnings);
  if (!fe.core.entry) {
    process.stderr.write(`${file}: error: no entry point: define 'main' or mark a function [<EntryPoint>]\n`);
    return 1;
  }
  // Read stdin only for programs that ask for it, so a terminal is never blocked for nothing.
  const stdin = fe.text.includes('Console.readln') ? readStdin() : '';
  const out: string[] = [];
  let pending = 0;
  const write = (s: string) => {
    out.push(s);
    pending += s.length;
    if (pending > 1 << 16) flush();
  };
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
    pending = 0;
  };
  try {
    const r = runCore(fe.core, { checks: !values['no-checks'], args: rest, stdin, write, maxSteps });
    flush();
    if ('violation' in r) {
      const v = r.violation;
      process.stderr.write(`runtime error: ${v.category} at ${v.span.file}:${v.span.line}:${v.span.col}${v.message ? `: ${v.message}` : ''}\n`);
      return RUNTIME_ERROR_EXIT;
    }
    return r.exitCode;
  } catch (e) {
    flush();
    return reportError(e, file);
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}
