import { mkdirSync } from 'node:fs';
import { parseFlags, UsageError } from './args.ts';
import { printDiagnostics, reportError } from './output.ts';
import { writeFileAtomic } from './files.ts';
import { frontEnd, readSource } from '../../compiler/frontend.ts';
import { parseProgram } from '../../compiler/syntax/parse.ts';
import { printCore } from '../../compiler/core/print.ts';
import { coreToMlir } from '../../compiler/codegen/core-to-mlir.ts';
import { pipelineFromFlag, runPipeline, PipelineError, DEFAULT_PIPELINE } from '../../compiler/passes/pipeline.ts';
import { buildExecutable, installExecutable } from '../../compiler/toolchain/build.ts';
import { cacheDir } from '../../compiler/toolchain/cache.ts';
import { rmSync } from 'node:fs';

const EMITS = ['ast', 'core', 'mlir', 'llvm-mlir', 'llvm', 'exe'] as const;
type Emit = (typeof EMITS)[number];

export const compileHelp = `Usage: fidelity compile FILE --emit ${EMITS.join('|')} [-o OUT] [--passes LIST]
       fidelity compile FILE --stages DIR [--passes LIST]

Compiles a Clef program and prints one stage of it (text forms go to stdout without -o).

  --emit ast        the syntax tree as JSON (every node with its source span)
  --emit core       the typed Core IR, with every safety obligation marked
  --emit mlir       core-to-mlir's output: func/arith/scf/memref MLIR
  --emit llvm-mlir  the LLVM dialect after the whole upstream lowering
  --emit llvm       LLVM IR (mlir-translate --mlir-to-llvmir)
  --emit exe        a native executable (clang -O2 with the runtime); needs -o
  --stages DIR      write every stage, numbered: 00-core.txt, 01-core-to-mlir.mlir,
                    02-convert-scf-to-cf.mlir, ..., NN-mlir-translate.ll
  --passes LIST     change the pipeline: '+canonicalize,+cse' adds mlir-opt passes right
                    after core-to-mlir; '-NAME' removes one; a plain list replaces the
                    upstream passes. Default: ${DEFAULT_PIPELINE.join(' ')}
  -o, --out OUT     write to OUT (atomically) instead of stdout
  -h, --help        show this help

Exit status: 0 on success, 1 when the program has errors or a pass fails, 2 for a usage error.`;

export async function compileCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags('compile', argv, {
    emit: { type: 'string' },
    out: { type: 'string', short: 'o' },
    stages: { type: 'string' },
    passes: { type: 'string' },
  });
  if (values.help) return (console.log(compileHelp), 0);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE (see 'fidelity compile --help')`);
  const emit = values.emit as string | undefined;
  const stagesDir = values.stages as string | undefined;
  if (!emit && !stagesDir) throw new UsageError(`--emit or --stages is required (--emit one of ${EMITS.join(', ')})`);
  if (emit && !(EMITS as readonly string[]).includes(emit)) throw new UsageError(`unknown --emit '${emit}': expected one of ${EMITS.join(', ')}`);
  if (emit === 'exe' && typeof values.out !== 'string') throw new UsageError(`--emit exe needs -o OUT`);
  let passes: string[];
  try {
    passes = pipelineFromFlag(values.passes as string | undefined);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const file = positionals[0]!;
  try {
    if (stagesDir) {
      const fe = frontEnd(file);
      printDiagnostics(fe.warnings);
      mkdirSync(stagesDir, { recursive: true });
      const r = await runPipeline(fe.core, passes, stagesDir);
      for (const s of r.stages) process.stderr.write(`${s.file}  (${s.ms.toFixed(0)} ms)\n`);
      if (!emit) return 0;
    }
    if (emit === 'exe') {
      const fe = frontEnd(file);
      printDiagnostics(fe.warnings);
      const b = await buildExecutable(fe.core, passes);
      installExecutable(b.exe, values.out as string);
      return 0;
    }
    const text = await emitStage(file, emit as Exclude<Emit, 'exe'>, passes);
    if (typeof values.out === 'string') writeFileAtomic(values.out, text);
    else process.stdout.write(text);
    return 0;
  } catch (e) {
    if (e instanceof PipelineError) {
      process.stderr.write(`${file}: error: ${e.message}\n`);
      return 1;
    }
    return reportError(e, file);
  }
}

async function emitStage(file: string, emit: Exclude<Emit, 'exe'>, passes: string[]): Promise<string> {
  switch (emit) {
    case 'ast':
      return JSON.stringify(parseProgram(file, readSource(file)), jsonReplacer, 1) + '\n';
    case 'core':
    case 'mlir': {
      const fe = frontEnd(file);
      printDiagnostics(fe.warnings);
      return emit === 'core' ? printCore(fe.core) : coreToMlir(fe.core);
    }
    case 'llvm-mlir':
    case 'llvm': {
      const fe = frontEnd(file);
      printDiagnostics(fe.warnings);
      const dir = cacheDir('work', `emit-${process.pid}`);
      try {
        const until = emit === 'llvm' ? undefined : passes[passes.length - 2];
        const r = await runPipeline(fe.core, passes, dir, { until });
        return r.stages[r.stages.length - 1]!.text;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}

/** BigInt literals print as decimal strings; spans keep only line/col/offsets. */
function jsonReplacer(key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (key === 'file') return undefined;
  return value;
}
