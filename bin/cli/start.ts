import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { parseFlags } from './args.ts';
import { corpusPrograms, runCorpusProgram } from './corpus-run.ts';

export const startHelp = `Usage: fidelity start [--corpus DIR] [--tv]

The main job: runs every program of the corpus in the reference interpreter with all
runtime checks on (output and exit code compared with the expected files), then proves
the corpus ('fidelity prove'). The dashboard comes in a later issue.

Options:
  --corpus DIR   the corpus folder (default: the project's corpus/)
  --tv           also validate every pass of every program (slow: minutes per program)
  -h, --help     show this help`;

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('start', argv, { corpus: { type: 'string' }, tv: { type: 'boolean' } });
  if (values.help) return (console.log(startHelp), 0);
  const dir = typeof values.corpus === 'string' ? values.corpus : join(projectRoot, 'corpus');
  const files = corpusPrograms(dir);
  let failed = 0;
  for (const f of files) {
    const r = runCorpusProgram(f);
    if (!r.ok) failed++;
    console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${relative(process.cwd(), f).padEnd(40)} ${r.ms.toFixed(0).padStart(5)} ms${r.problem ? `  ${r.problem}` : ''}`);
  }
  console.log(`corpus: ${files.length - failed} of ${files.length} programs match their expected output and exit code\n`);
  const { proveCommand } = await import('./prove.ts');
  const proved = await proveCommand([...files, ...(values.tv ? [] : ['--no-tv'])]);
  return failed ? 1 : proved;
}
