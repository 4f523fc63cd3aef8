// From core-to-mlir's text to a native executable with the real LLVM 19 tools: each
// upstream lowering pass as its own mlir-opt run (so every intermediate stage exists as
// text for translation validation), mlir-translate to LLVM IR, clang -O2 with the runtime.
// The runtime object is compiled once per runtime source and cached on disk.
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mlirOptFlag } from '../passes/mlir-opt-flag.ts';

export const LLVM_BIN = '/usr/lib/llvm-19/bin';
export const MLIR_OPT = join(LLVM_BIN, 'mlir-opt');
export const MLIR_TRANSLATE = join(LLVM_BIN, 'mlir-translate');
export const CLANG = join(LLVM_BIN, 'clang');

/** The upstream lowering from core-to-mlir's dialects to the LLVM dialect, in order. */
export const UPSTREAM_PASSES = [
  'convert-scf-to-cf',
  'convert-cf-to-llvm',
  'convert-arith-to-llvm',
  'expand-strided-metadata',
  'finalize-memref-to-llvm',
  'convert-func-to-llvm',
  'reconcile-unrealized-casts',
] as const;

export const RUNTIME_SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'runtime', 'clef_rt.c');

/** A failing external tool: which step, the command, and the tool's own message. */
export type ToolFailure = { kind: 'ToolFailure'; step: string; command: string; stderr: string };

export function isToolFailure(x: unknown): x is ToolFailure {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'ToolFailure';
}

export function describeToolFailure(t: ToolFailure): string {
  return `${t.step} failed (${t.command}):\n${t.stderr.trim()}`;
}

/** Runs a tool with `input` on stdin (through execa, as every external tool here);
 *  resolves to its stdout, rejects with a ToolFailure (an Error whose `failure` holds the
 *  details, so a stack trace still reads well). */
export async function runTool(step: string, cmd: string, args: string[], input = ''): Promise<string> {
  const r = await execa(cmd, args, { input, reject: false, stripFinalNewline: false, maxBuffer: 1 << 28, encoding: 'utf8' });
  if (r.exitCode === 0 && !r.failed) return String(r.stdout);
  const failure: ToolFailure = {
    kind: 'ToolFailure',
    step,
    command: [cmd, ...args].join(' '),
    stderr: String(r.stderr || r.shortMessage || ''),
  };
  throw Object.assign(new Error(describeToolFailure(failure)), { failure });
}

/** One mlir-opt pass over MLIR text (`-` reads stdin). */
export function runPass(pass: string, mlirText: string): Promise<string> {
  return runTool(pass, MLIR_OPT, [mlirOptFlag(pass), '-'], mlirText);
}

/** Every stage of the lowering: [pass name, text after it], in pipeline order. */
export async function lowerStages(mlirText: string, passes: readonly string[] = UPSTREAM_PASSES): Promise<{ pass: string; text: string }[]> {
  const out: { pass: string; text: string }[] = [];
  let text = mlirText;
  for (const pass of passes) {
    text = await runPass(pass, text);
    out.push({ pass, text });
  }
  return out;
}

export function translateToLLVMIR(llvmDialectText: string): Promise<string> {
  return runTool('mlir-translate', MLIR_TRANSLATE, ['--mlir-to-llvmir', '-'], llvmDialectText);
}

function cacheDir(): string {
  const d = join(tmpdir(), 'fidelity-cache');
  mkdirSync(d, { recursive: true });
  return d;
}

let runtimeObjectPromise: Promise<string> | null = null;

/** The compiled runtime object, cached by the hash of its source (and the compiler). */
export function runtimeObject(): Promise<string> {
  runtimeObjectPromise ??= (async () => {
    const src = readFileSync(RUNTIME_SOURCE);
    const hash = createHash('sha256').update(src).update(CLANG).digest('hex').slice(0, 16);
    const obj = join(cacheDir(), `clef_rt-${hash}.o`);
    if (existsSync(obj)) return obj;
    const tmp = `${obj}.${process.pid}.tmp`;
    await runTool('clang (runtime)', CLANG, ['-O2', '-c', RUNTIME_SOURCE, '-o', tmp]);
    renameSync(tmp, obj); // atomic: parallel builds never see half an object
    return obj;
  })();
  return runtimeObjectPromise;
}

/** clang -O2 on LLVM IR text (read from stdin, so nothing is left beside the output),
 *  linked with the runtime and libm (frem becomes a call of fmod). */
export async function linkExecutable(llvmIR: string, outPath: string): Promise<void> {
  const rt = await runtimeObject();
  await runTool('clang', CLANG, ['-Wno-override-module', '-O2', rt, '-x', 'ir', '-', '-lm', '-o', outPath], llvmIR);
}

/** The tools this module needs that are missing (empty when all are installed). */
export function missingTools(): string[] {
  return [MLIR_OPT, MLIR_TRANSLATE, CLANG].filter((t) => !existsSync(t));
}

/** The whole native build of core-to-mlir output: lowering, translation, clang. */
export async function buildNative(mlirText: string, outPath: string): Promise<void> {
  const stages = await lowerStages(mlirText);
  const ir = await translateToLLVMIR(stages[stages.length - 1]!.text);
  await linkExecutable(ir, outPath);
}
