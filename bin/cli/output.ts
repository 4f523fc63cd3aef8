// Printing diagnostics and errors the same way in every command.
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../compiler/diagnostics.ts';
import { existsSync, readFileSync } from 'node:fs';

const textCache = new Map<string, string | null>();
function sourceOf(file: string): string | null {
  if (!textCache.has(file)) {
    try {
      textCache.set(file, existsSync(file) ? readFileSync(file, 'utf8') : null);
    } catch {
      textCache.set(file, null);
    }
  }
  return textCache.get(file) ?? null;
}

export function printDiagnostics(ds: Diagnostic[]): void {
  for (const d of ds) process.stderr.write(formatDiagnostic(d, sourceOf(d.span.file)) + '\n');
}

/** Reports any error from processing `file`; returns the exit code to use. */
export function reportError(e: unknown, file: string | null): number {
  if (e instanceof DiagnosticError) {
    printDiagnostics(e.diagnostics);
    return 1;
  }
  if (e && typeof e === 'object' && 'code' in e && (e as NodeJS.ErrnoException).code === 'ENOENT' && file) {
    process.stderr.write(`fidelity: cannot read ${file}: no such file\n`);
    return 1;
  }
  if (e && typeof e === 'object' && 'code' in e && (e as NodeJS.ErrnoException).code === 'EISDIR' && file) {
    process.stderr.write(`fidelity: cannot read ${file}: it is a directory\n`);
    return 1;
  }
  const what = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `fidelity: internal error${file ? ` while processing ${file}` : ''}: ${what}\n` +
      `This is a bug in the workbench, not in your program. Set FIDELITY_DEBUG=1 for details.\n`,
  );
  if (process.env.FIDELITY_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  return 4;
}
