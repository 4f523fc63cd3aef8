// Runs a pipeline (a list of pass names) from Core to LLVM IR, writing every stage to a
// numbered file: 00-core.txt, 01-core-to-mlir.mlir, 02-convert-scf-to-cf.mlir, ...
// Tools read the previous stage's file, so their own `file:line:col` messages name it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreProgram } from '../core/core.ts';
import { printCore } from '../core/print.ts';
import { ToolError } from '../toolchain/tools.ts';
import { lookupPass, isPassName, UPSTREAM_LOWERING } from './registry.ts';
import type { Pass, Stage, StageKind } from './pass.ts';

export const DEFAULT_PIPELINE: string[] = ['core-to-mlir', ...UPSTREAM_LOWERING, 'mlir-translate'];

export class PipelineError extends Error {}

/** `--passes +canonicalize,+cse` adds optimisation passes right after core-to-mlir (where
 *  the module is still func/arith/scf/memref); `-NAME` removes a pass; a list without
 *  signs replaces the upstream part of the pipeline. */
export function pipelineFromFlag(flag: string | undefined): string[] {
  if (!flag) return [...DEFAULT_PIPELINE];
  const items = flag.split(',').map((s) => s.trim()).filter(Boolean);
  const signed = items.every((s) => s.startsWith('+') || s.startsWith('-'));
  const unsigned = items.every((s) => !s.startsWith('+') && !s.startsWith('-'));
  if (!signed && !unsigned) throw new PipelineError(`--passes: use either +NAME/-NAME items or a plain list, not both`);
  for (const s of items) {
    const name = signed ? s.slice(1) : s;
    if (!isPassName(name)) throw new PipelineError(`--passes: '${name}' is not a pass name`);
  }
  if (unsigned) return ['core-to-mlir', ...items.filter((s) => s !== 'core-to-mlir' && s !== 'mlir-translate'), 'mlir-translate'];
  const out = [...DEFAULT_PIPELINE];
  const added = items.filter((s) => s.startsWith('+')).map((s) => s.slice(1));
  out.splice(1, 0, ...added);
  for (const s of items.filter((s) => s.startsWith('-')).map((s) => s.slice(1))) {
    if (s === 'core-to-mlir' || s === 'mlir-translate') throw new PipelineError(`--passes: ${s} cannot be removed`);
    const i = out.indexOf(s);
    if (i < 0) throw new PipelineError(`--passes: ${s} is not in the pipeline`);
    out.splice(i, 1);
  }
  return out;
}

const EXT: Record<StageKind, string> = { core: 'txt', mlir: 'mlir', 'llvm-mlir': 'mlir', 'llvm-ir': 'll' };

export type PipelineResult = { stages: Stage[]; witness: unknown };

/**
 * Runs `passes` over `core`, writing each stage into `dir`. `until` stops after the named
 * pass. A failing tool becomes a PipelineError naming the pass, the tool's message and the
 * stage file it read.
 */
export async function runPipeline(
  core: CoreProgram,
  passes: string[],
  dir: string,
  opts: { until?: string; onStage?: (s: Stage) => void } = {},
): Promise<PipelineResult> {
  mkdirSync(dir, { recursive: true });
  const resolved: Pass[] = passes.map((n) => {
    const p = lookupPass(n);
    if (!p) throw new PipelineError(`unknown pass '${n}'`);
    return p;
  });
  const stages: Stage[] = [];
  const file0 = join(dir, `00-core.${EXT.core}`);
  const coreText = printCore(core);
  writeFileSync(file0, coreText);
  stages.push({ index: 0, pass: 'elaborate', kind: 'core', text: coreText, file: file0, ms: 0 });
  opts.onStage?.(stages[0]!);
  let witness: unknown = null;
  for (const [i, pass] of resolved.entries()) {
    const prev = stages[stages.length - 1]!;
    const t0 = performance.now();
    let text: string;
    if (pass.kind === 'core') {
      if (i !== 0) throw new PipelineError(`${pass.name} must be the first pass`);
      const r = pass.run(core);
      text = r.text;
      witness = r.witness;
    } else {
      if (prev.kind === 'core') throw new PipelineError(`${pass.name} needs MLIR input: the pipeline must start with core-to-mlir`);
      if (prev.kind === 'llvm-ir') throw new PipelineError(`${pass.name} cannot run after mlir-translate`);
      try {
        text = await pass.run(prev.text, { inputFile: prev.file });
      } catch (e) {
        if (e instanceof ToolError) {
          throw new PipelineError(
            `pass ${pass.name} failed on stage ${prev.file}:\n${e.toolMessage.trim()}` +
              (e.exitCode === null ? '' : `\n(${e.command})`),
          );
        }
        throw e;
      }
    }
    const idx = String(stages.length).padStart(2, '0');
    const file = join(dir, `${idx}-${pass.name.replace(/[{}\s=]/g, '_')}.${EXT[pass.to]}`);
    writeFileSync(file, text);
    const st: Stage = { index: stages.length, pass: pass.name, kind: pass.to, text, file, ms: performance.now() - t0 };
    stages.push(st);
    opts.onStage?.(st);
    if (opts.until === pass.name) break;
  }
  return { stages, witness };
}
