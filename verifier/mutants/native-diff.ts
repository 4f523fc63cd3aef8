// Differential execution of a mutant: the mutated stage goes through the rest of the real
// pipeline (mlir-opt passes, mlir-translate, clang -O2, the runtime) and runs on the corpus
// program's input. Output or exit code unlike the expected ones shows that the mutant
// changes behaviour; the same output shows nothing (the site may not be reached).
import { execa } from 'execa';
import { mlirOptFlag } from '../../compiler/passes/mlir-opt-flag.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkExecutable } from '../../compiler/codegen/native.ts';
import type { Module } from '../../compiler/mlir/ir.ts';
import { printMlir } from '../../compiler/mlir/index.ts';
import { runTool } from '../../compiler/toolchain/tools.ts';
import { LOWERING, type Program } from './pairs.ts';

export type NativeOutcome =
  | { kind: 'same' }
  | { kind: 'differs'; detail: string }
  | { kind: 'crashed'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'build-failed'; detail: string };

/** Lowers `m` (the output of `pass`) the rest of the way, builds and runs it. */
export async function runNative(program: Program, pass: string, m: Module, opts: { timeoutMs?: number } = {}): Promise<NativeOutcome> {
  const rest = LOWERING.slice(LOWERING.indexOf(pass) + 1);
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-mutant-exe-'));
  try {
    let text = printMlir(m);
    const exe = join(dir, 'a.out');
    try {
      for (const p of rest) text = await runTool(p, 'mlir-opt', [mlirOptFlag(p), '-'], { input: text });
      const ir = await runTool('mlir-translate', 'mlir-translate', ['--mlir-to-llvmir', '-'], { input: text });
      await linkExecutable(ir, exe);
    } catch (e) {
      return { kind: 'build-failed', detail: String((e as Error).message).split('\n').slice(0, 3).join(' ') };
    }
    const r = await execa(exe, [], { input: program.stdin, reject: false, timeout: opts.timeoutMs ?? 5000, encoding: 'utf8', stripFinalNewline: false });
    if (r.timedOut) return { kind: 'timeout' };
    if (r.signal) return { kind: 'crashed', detail: `signal ${r.signal}` };
    const out = String(r.stdout);
    if (program.expectedOut !== null && out !== program.expectedOut) return { kind: 'differs', detail: firstDifference(program.expectedOut, out) };
    if (program.expectedCode !== null && r.exitCode !== program.expectedCode) {
      return { kind: 'differs', detail: `exit code ${r.exitCode}, expected ${program.expectedCode}` };
    }
    return { kind: 'same' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstDifference(expected: string, got: string): string {
  const a = expected.split('\n');
  const b = got.split('\n');
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] !== b[k]) return `line ${k + 1}: expected ${JSON.stringify(a[k] ?? '<end>')}, got ${JSON.stringify((b[k] ?? '<end>').slice(0, 80))}`;
  }
  return 'output differs';
}
