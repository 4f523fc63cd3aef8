import { parseFlags } from './args.ts';
import { expandSources } from './files.ts';
import { printDiagnostics, reportError } from './output.ts';
import { frontEnd } from '../../compiler/frontend.ts';

export const checkHelp = `Usage: fidelity check FILES|DIRS [options]

Parses, type-checks and elaborates Clef sources (.clef, .fs; directories are searched
recursively). Errors and warnings go to stderr as FILE:LINE:COL: error: MESSAGE.

Options:
  -q, --quiet    print only diagnostics, not the summary line
  -h, --help     show this help

Exit status: 0 when every file is valid (warnings allowed), 1 when any has an error.`;

export function checkCommand(argv: string[]): number {
  const { values, positionals } = parseFlags('check', argv, { quiet: { type: 'boolean', short: 'q' } });
  if (values.help) return (console.log(checkHelp), 0);
  if (positionals.length === 0) {
    process.stderr.write(`fidelity check: no files given (see 'fidelity check --help')\n`);
    return 2;
  }
  const { files, missing } = expandSources(positionals);
  let failed = 0;
  let warnings = 0;
  for (const m of missing) {
    process.stderr.write(`fidelity: cannot read ${m}: no such file or directory\n`);
    failed++;
  }
  let worst = 0;
  for (const f of files) {
    try {
      const r = frontEnd(f);
      printDiagnostics(r.warnings);
      warnings += r.warnings.length;
    } catch (e) {
      failed++;
      worst = Math.max(worst, reportError(e, f));
    }
  }
  if (!values.quiet) {
    process.stderr.write(
      `checked ${files.length} file${files.length === 1 ? '' : 's'}: ${files.length + missing.length - failed} ok, ${failed} with errors, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
    );
  }
  if (files.length === 0 && missing.length === 0) {
    process.stderr.write(`fidelity check: no .clef or .fs files found\n`);
    return 1;
  }
  return failed ? Math.max(1, worst) : 0;
}
