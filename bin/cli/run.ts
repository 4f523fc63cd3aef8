import { readFileSync } from 'node:fs';
import { parseFlags, UsageError } from './args.ts';
import { printDiagnostics, reportError } from './output.ts';
import { frontEnd } from '../../compiler/frontend.ts';
import { runCore } from '../../verifier/semantics/run.ts';

export const runHelp = `Usage: fidelity run --interp FILE [options] [-- ARGS...]

Runs a Clef program. ARGS after '--' are passed to main's argv.

Options:
  --interp          run in the reference interpreter (native code comes with the compiler)
  --no-checks       plain native semantics: signed arithmetic wraps, contracts are not
                    evaluated (memory errors still stop the program)
  --max-steps N     stop after N evaluation steps (default: no limit)
  -h, --help        show this help

Exit status: the program's exit code (main's result); 70 when a runtime check fails
(printed as 'runtime error: <category> at FILE:LINE:COL'); 1 when the program does not
compile; 2 for a usage error.`;

export const RUNTIME_ERROR_EXIT = 70;

export function runCommand(argv: string[]): number {
  const { values, positionals, rest } = parseFlags('run', argv, {
    interp: { type: 'boolean' },
    'no-checks': { type: 'boolean' },
    'max-steps': { type: 'string' },
  });
  if (values.help) return (console.log(runHelp), 0);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE (see 'fidelity run --help')`);
  if (!values.interp) {
    throw new UsageError(`native execution is not built yet: use 'fidelity run --interp FILE'`);
  }
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
