// Source to native executable through the pass pipeline, cached by content hash: the
// second build of the same program with the same pipeline and tools reuses the binary.
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreProgram } from '../core/core.ts';
import { coreToMlir } from '../codegen/core-to-mlir.ts';
import { linkExecutable, RUNTIME_SOURCE } from '../codegen/native.ts';
import { runPipeline, type PipelineResult } from '../passes/pipeline.ts';
import { cacheDir, sha256 } from './cache.ts';
import { missingToolsMessage, toolFingerprint } from './tools.ts';
import { PipelineError } from '../passes/pipeline.ts';

export type BuildResult = { exe: string; cached: boolean; pipeline: PipelineResult | null };

/** The cache key of a build: what the binary depends on, and nothing else. */
export function buildKey(core: CoreProgram, passes: string[]): string {
  return sha256(coreToMlir(core), passes.join(','), readFileSync(RUNTIME_SOURCE), toolFingerprint()).slice(0, 32);
}

export async function buildExecutable(core: CoreProgram, passes: string[], opts: { stagesDir?: string } = {}): Promise<BuildResult> {
  const missing = missingToolsMessage();
  if (missing) throw new PipelineError(missing);
  const key = buildKey(core, passes);
  const exe = join(cacheDir('exe'), key);
  if (existsSync(exe) && !opts.stagesDir) return { exe, cached: true, pipeline: null };
  const work = opts.stagesDir ?? cacheDir('work', `${key}-${process.pid}`);
  try {
    const pipeline = await runPipeline(core, passes, work);
    const last = pipeline.stages[pipeline.stages.length - 1]!;
    if (last.kind !== 'llvm-ir') throw new PipelineError(`the pipeline ends at ${last.kind}, not LLVM IR`);
    const tmp = `${exe}.${process.pid}.tmp`;
    try {
      await linkExecutable(last.text, tmp);
    } catch (e) {
      const f = (e as { failure?: { stderr: string } }).failure;
      throw new PipelineError(`clang failed on stage ${last.file}:\n${(f?.stderr ?? String(e)).trim()}`);
    }
    renameSync(tmp, exe);
    return { exe, cached: false, pipeline };
  } finally {
    if (!opts.stagesDir) rmSync(work, { recursive: true, force: true });
  }
}

/** Copies a built binary to where the user asked for it (atomically). */
export function installExecutable(exe: string, out: string): void {
  const tmp = `${out}.${process.pid}.tmp`;
  copyFileSync(exe, tmp);
  renameSync(tmp, out);
}
