// Pass pairs of real programs: a corpus program is compiled through the real pipeline (each
// upstream pass a real mlir-opt run) and every pass gives (its input, its output). Mutants
// strike the output; the validator compares each mutant with the untouched input.
import { existsSync, readFileSync } from 'node:fs';
import { mlirOptFlag } from '../../compiler/passes/mlir-opt-flag.ts';
import { basename, join } from 'node:path';
import { frontEnd } from '../../compiler/frontend.ts';
import type { Module } from '../../compiler/mlir/ir.ts';
import { parseMlir, printMlir } from '../../compiler/mlir/index.ts';
import { runPipeline } from '../../compiler/passes/pipeline.ts';
import { UPSTREAM_LOWERING } from '../../compiler/passes/registry.ts';
import type { Stage } from '../../compiler/passes/pass.ts';
import { runTool } from '../../compiler/toolchain/tools.ts';
import { applyVariant, type VariantName } from './variants.ts';

export type Program = {
  name: string;
  file: string;
  /** The program's expected behaviour, from the corpus files beside it. */
  stdin: string;
  expectedOut: string | null;
  expectedCode: number | null;
};

export type PassPair = {
  program: string;
  pass: string;
  /** Index of the output stage (01-core-to-mlir.mlir is 1). */
  stage: number;
  src: Module;
  tgt: Module;
  variant: VariantName | null;
};

export function corpusProgram(file: string): Program {
  const base = file.replace(/\.clef$/, '');
  const read = (ext: string) => (existsSync(base + ext) ? readFileSync(base + ext, 'utf8') : null);
  const code = read('.code');
  return { name: basename(base), file, stdin: read('.in') ?? '', expectedOut: read('.out'), expectedCode: code === null ? null : Number(code.trim()) };
}

export const LOWERING: readonly string[] = UPSTREAM_LOWERING;

/** Small programs that together give every operator a site (checked by the tests). */
export const DEFAULT_PROGRAMS = ['checksums', 'luhn', 'crc32', 'isqrt', 'fibonacci', 'insertion_sort'];

/** Compiles `program` to the LLVM dialect, every stage written into `dir`. */
export async function programStages(program: Program, dir: string): Promise<Stage[]> {
  const fe = frontEnd(program.file);
  const r = await runPipeline(fe.core, ['core-to-mlir', ...LOWERING], join(dir, program.name));
  return r.stages;
}

/** One pair per upstream pass (stage i-1 -> stage i), parsed; `passes` filters by name. */
export function passPairs(program: Program, stages: Stage[], passes?: readonly string[]): PassPair[] {
  const out: PassPair[] = [];
  for (let i = 2; i < stages.length; i++) {
    const st = stages[i]!;
    if (passes && !passes.includes(st.pass)) continue;
    out.push({
      program: program.name,
      pass: st.pass,
      stage: st.index,
      src: parseMlir(stages[i - 1]!.text, stages[i - 1]!.file),
      tgt: parseMlir(st.text, st.file),
      variant: null,
    });
  }
  return out;
}

/** The pair of the same pass run on a variant of its input (the real mlir-opt pass). */
export async function variantPair(pair: PassPair, v: VariantName): Promise<PassPair> {
  const src = applyVariant(v, pair.src);
  const text = await runTool(pair.pass, 'mlir-opt', [mlirOptFlag(pair.pass), '-'], { input: printMlir(src) });
  return { ...pair, src, tgt: parseMlir(text, `${pair.program}.${pair.pass}.${v}.mlir`), variant: v };
}
