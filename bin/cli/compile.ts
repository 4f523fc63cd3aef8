import { parseFlags, UsageError } from './args.ts';
import { printDiagnostics, reportError } from './output.ts';
import { writeFileAtomic } from './files.ts';
import { frontEnd, readSource } from '../../compiler/frontend.ts';
import { parseProgram } from '../../compiler/syntax/parse.ts';
import { printCore } from '../../compiler/core/print.ts';

const EMITS = ['ast', 'core'] as const;
type Emit = (typeof EMITS)[number];

export const compileHelp = `Usage: fidelity compile FILE --emit ${EMITS.join('|')} [-o OUT]

Compiles a Clef program and prints one stage of it.

  --emit ast     the syntax tree as JSON (every node with its source span)
  --emit core    the typed Core IR, with every safety obligation marked
  -o, --out OUT  write to OUT (atomically) instead of stdout
  -h, --help     show this help

Exit status: 0 on success, 1 when the program has errors, 2 for a usage error.`;

export function compileCommand(argv: string[]): number {
  const { values, positionals } = parseFlags('compile', argv, {
    emit: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) return (console.log(compileHelp), 0);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE (see 'fidelity compile --help')`);
  const emit = values.emit as string | undefined;
  if (!emit) throw new UsageError(`--emit is required: one of ${EMITS.join(', ')}`);
  if (!(EMITS as readonly string[]).includes(emit)) throw new UsageError(`unknown --emit '${emit}': expected one of ${EMITS.join(', ')}`);
  const file = positionals[0]!;
  let text: string;
  try {
    text = emitStage(file, emit as Emit);
  } catch (e) {
    return reportError(e, file);
  }
  if (typeof values.out === 'string') writeFileAtomic(values.out, text);
  else process.stdout.write(text);
  return 0;
}

function emitStage(file: string, emit: Emit): string {
  switch (emit) {
    case 'ast':
      return JSON.stringify(parseProgram(file, readSource(file)), jsonReplacer, 1) + '\n';
    case 'core': {
      const fe = frontEnd(file);
      printDiagnostics(fe.warnings);
      return printCore(fe.core);
    }
  }
}

/** BigInt literals print as decimal strings; spans keep only line/col/offsets. */
function jsonReplacer(key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (key === 'file') return undefined;
  return value;
}
