// The pass registry: every pass by name. Upstream passes are real `mlir-opt` runs, one
// process per pass, so each intermediate stage exists as text.
import type { Pass, TextPass } from './pass.ts';
import { coreToMlirWithWitness } from '../codegen/core-to-mlir.ts';
import { runTool } from '../toolchain/tools.ts';
import { mlirOptFlag } from './mlir-opt-flag.ts';

/** The lowering from core-to-mlir's dialects to the LLVM dialect (the Composer pipeline). */
export const UPSTREAM_LOWERING = [
  'convert-scf-to-cf',
  'convert-cf-to-llvm',
  'convert-arith-to-llvm',
  'expand-strided-metadata',
  'finalize-memref-to-llvm',
  'convert-func-to-llvm',
  'reconcile-unrealized-casts',
] as const;

/** Optimisation passes a user may add with `--passes +NAME` (any mlir-opt pass works;
 *  these are the ones we document and test). */
export const KNOWN_OPTIMISATIONS = ['canonicalize', 'cse', 'sccp', 'loop-invariant-code-motion', 'symbol-dce', 'control-flow-sink'];

const PASS_NAME = /^[a-z][a-z0-9-]*(\{[^{}]*\})?$/;

export function isPassName(name: string): boolean {
  return PASS_NAME.test(name);
}

/** A real `mlir-opt --NAME` run on the input stage file. */
export function mlirOptPass(name: string, from: 'mlir' | 'llvm-mlir', to: 'mlir' | 'llvm-mlir', summary: string): TextPass {
  return {
    kind: 'text',
    name,
    from,
    to,
    origin: 'upstream',
    summary,
    run: (_input, ctx) => runTool(name, 'mlir-opt', [mlirOptFlag(name), ctx.inputFile]),
  };
}

const coreToMlir: Pass = {
  kind: 'core',
  name: 'core-to-mlir',
  from: 'core',
  to: 'mlir',
  origin: 'ours',
  summary: 'Core to func/arith/scf/memref MLIR (our code generator)',
  run: (core) => coreToMlirWithWitness(core),
};

const translate: TextPass = {
  kind: 'text',
  name: 'mlir-translate',
  from: 'llvm-mlir',
  to: 'llvm-ir',
  origin: 'trusted',
  summary: 'mlir-translate --mlir-to-llvmir (trusted; covered by differential execution)',
  run: (_input, ctx) => runTool('mlir-translate', 'mlir-translate', ['--mlir-to-llvmir', ctx.inputFile]),
};

/** Looks a pass up by name; an unknown name that looks like an mlir-opt pass becomes one. */
export function lookupPass(name: string): Pass | null {
  if (name === 'core-to-mlir') return coreToMlir;
  if (name === 'mlir-translate') return translate;
  const i = (UPSTREAM_LOWERING as readonly string[]).indexOf(name);
  if (i >= 0) {
    // Up to convert-func-to-llvm the module still mixes dialects; after it, all is llvm.
    const from = i >= UPSTREAM_LOWERING.indexOf('convert-func-to-llvm') + 1 ? 'llvm-mlir' : 'mlir';
    const to = i >= UPSTREAM_LOWERING.indexOf('convert-func-to-llvm') ? 'llvm-mlir' : 'mlir';
    return mlirOptPass(name, from, to, `upstream lowering: mlir-opt --${name}`);
  }
  if (isPassName(name)) return mlirOptPass(name, 'mlir', 'mlir', `optimisation: mlir-opt --${name}`);
  return null;
}
