import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { parseFlags } from './args.ts';
import { corpusPrograms, runCorpusProgram } from './corpus-run.ts';

export const startHelp = `Usage: fidelity start [--corpus DIR]

The main job: checks and runs every program of the corpus in the reference interpreter
with all runtime checks on, and compares output and exit code with the expected files.
(Later: proves the corpus and serves the dashboard.)

Options:
  --corpus DIR   the corpus folder (default: the project's corpus/)
  -h, --help     show this help`;

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function startCommand(argv: string[]): number {
  const { values } = parseFlags('start', argv, { corpus: { type: 'string' } });
  if (values.help) return (console.log(startHelp), 0);
  const dir = typeof values.corpus === 'string' ? values.corpus : join(projectRoot, 'corpus');
  const files = corpusPrograms(dir);
  let failed = 0;
  for (const f of files) {
    const r = runCorpusProgram(f);
    if (!r.ok) failed++;
    console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${relative(process.cwd(), f).padEnd(40)} ${r.ms.toFixed(0).padStart(5)} ms${r.problem ? `  ${r.problem}` : ''}`);
  }
  console.log(`corpus: ${files.length - failed} of ${files.length} programs match their expected output and exit code`);
  return failed ? 1 : 0;
}
