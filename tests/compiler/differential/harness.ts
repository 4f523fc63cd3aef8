// Runs a generated program both ways — the reference interpreter with the wrapping
// semantics (`checks: false`) and the native binary from core-to-mlir, the real mlir-opt
// pipeline and clang -O2 — and says where their outputs part.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontEndText } from '../../../compiler/frontend.ts';
import { coreToMlir } from '../../../compiler/codegen/core-to-mlir.ts';
import { buildNative } from '../../../compiler/codegen/native.ts';
import { formatViolation, runCore } from '../../../verifier/semantics/run.ts';
import { programOf, type GeneratedUnit } from '../../../compiler/gen/program.ts';
import type { CoreProgram } from '../../../compiler/core/core.ts';

export type Outcome = { stdout: string; code: number | null; problem: string | null };

/** Generated programs are small; more steps than this means the generator lost a bound. */
export const MAX_STEPS = 50_000_000;

export const workDir = mkdtempSync(join(tmpdir(), 'clef-differential-'));
process.on('exit', () => {
  if (!process.env.KEEP_DIFFERENTIAL) rmSync(workDir, { recursive: true, force: true });
});

export function interpret(core: CoreProgram): Outcome {
  let stdout = '';
  const r = runCore(core, { checks: false, args: [], stdin: '', write: (s) => (stdout += s), maxSteps: MAX_STEPS });
  if ('exitCode' in r) return { stdout, code: r.exitCode, problem: null };
  return { stdout, code: null, problem: formatViolation(r.violation) };
}

export function runExe(exe: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(exe, [], { timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) =>
      resolve({ stdout, code, problem: signal ? `killed by ${signal}` : stderr ? `stderr: ${stderr.trim()}` : null }),
    );
    child.on('error', (e) => resolve({ stdout, code: null, problem: String(e) }));
    child.stdin.end();
  });
}

/** `mutate` changes the MLIR before the build: a simulated code generation bug, to check
 *  that the comparison would catch one. */
export async function compileAndRun(core: CoreProgram, name: string, mutate: (mlir: string) => string = (m) => m): Promise<Outcome> {
  const exe = join(workDir, name);
  await buildNative(mutate(coreToMlir(core)), exe);
  return runExe(exe);
}

/** Output split into the sections each unit prints after its `== pN` line. */
export function sections(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  let cur = '';
  for (const line of stdout.split('\n')) {
    const m = /^== (p\d+)$/.exec(line);
    if (m) cur = m[1]!;
    out.set(cur, (out.get(cur) ?? '') + line + '\n');
  }
  return out;
}

export function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: interpreter ${JSON.stringify(la[i] ?? '<end>')}, native ${JSON.stringify(lb[i] ?? '<end>')}`;
  }
  return 'no difference';
}

export type Comparison = {
  file: string;
  interp: Outcome;
  native: Outcome;
  /** Empty when the two agree (and neither had a problem). */
  disagreements: string[];
};

/** Builds one program of `units`, runs it both ways, and compares unit by unit. */
export async function compareUnits(units: GeneratedUnit[], name: string, mutate?: (mlir: string) => string): Promise<Comparison> {
  const text = programOf(units, name);
  const file = join(workDir, `${name}.clef`);
  writeFileSync(file, text);
  const { core } = frontEndText(file, text);
  const interp = interpret(core);
  const native = await compileAndRun(core, name, mutate);
  const disagreements: string[] = [];
  if (interp.problem) disagreements.push(`interpreter: ${interp.problem}`);
  if (native.problem) disagreements.push(`native: ${native.problem}`);
  const si = sections(interp.stdout);
  const sn = sections(native.stdout);
  for (const u of units) {
    const a = si.get(`p${u.id}`) ?? '';
    const b = sn.get(`p${u.id}`) ?? '';
    if (a !== b) disagreements.push(`unit p${u.id} (seed ${u.seed}): ${firstDifference(a, b)}`);
  }
  if (disagreements.length === 0 && interp.stdout !== native.stdout) disagreements.push(`stdout: ${firstDifference(interp.stdout, native.stdout)}`);
  if (interp.code !== native.code) disagreements.push(`exit code: interpreter ${interp.code}, native ${native.code}`);
  return { file, interp, native, disagreements };
}
