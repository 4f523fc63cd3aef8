// The native-code benchmark: kernels written both in Clef (bench/native/NAME.clef, through
// our whole pipeline: core-to-mlir, each upstream mlir-opt pass, mlir-translate, clang -O2)
// and in C (bench/native/NAME.c, clang -O2), run side by side — interleaved, several runs,
// the median of each one's CPU time — with the ratio Clef/C per kernel and overall. Then the
// compile time of each pipeline stage over the corpus.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEnd } from '../compiler/frontend.ts';
import { coreToMlir } from '../compiler/codegen/core-to-mlir.ts';
import { buildNative, CLANG, linkExecutable, runTool } from '../compiler/codegen/native.ts';
import { DEFAULT_PIPELINE, runPipeline } from '../compiler/passes/pipeline.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const kernelDir = join(here, 'native');
const corpusDir = join(here, '..', 'corpus');

export type Kernel = { name: string; what: string };

export const KERNELS: readonly Kernel[] = [
  { name: 'sieve', what: 'sieve of Eratosthenes, 2e6 bytes of static storage' },
  { name: 'crc32', what: 'table-driven CRC-32 over 4 MiB' },
  { name: 'isort', what: 'insertion sort of 3000 int32 on a stack array' },
  { name: 'fir', what: '32-tap Q15 FIR filter over 1 Mi samples' },
  { name: 'collatz', what: 'longest Collatz chain below 3e6 (uint64)' },
  { name: 'matmul', what: '160x160 int32 matrix product' },
  { name: 'fnv1a', what: '64-bit FNV-1a over 1 MiB' },
];

/** Medians in milliseconds: CPU time (user + system) decides the ratio; wall time is
 *  shown beside it. */
export type KernelResult = {
  name: string;
  cMs: number;
  clefMs: number;
  ratio: number;
  cWallMs: number;
  clefWallMs: number;
  output: string;
  runs: number;
};

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

type Run = { cpuMs: number; wallMs: number; stdout: string };

/** Runs `exe` under the cputime stopwatch (bench/native/cputime.c). */
function runExe(stopwatch: string, exe: string): Run {
  const r = spawnSync(stopwatch, [exe], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.error) throw r.error;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^(\d+) (\d+)$/.exec(last);
  if (r.status !== 0 || !m) throw new Error(`${exe} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return { cpuMs: Number(m[1]) / 1000, wallMs: Number(m[2]) / 1000, stdout: r.stdout };
}

/** Builds both executables of a kernel into `dir`. */
async function buildKernel(k: Kernel, dir: string): Promise<{ c: string; clef: string }> {
  const clef = join(dir, `${k.name}-clef`);
  const c = join(dir, `${k.name}-c`);
  await buildNative(coreToMlir(frontEnd(join(kernelDir, `${k.name}.clef`)).core), clef);
  await runTool(`clang ${k.name}.c`, CLANG, ['-O2', join(kernelDir, `${k.name}.c`), '-o', c]);
  return { c, clef };
}

/** Runs every kernel `runs` times each way, interleaved (C first on even rounds, Clef
 *  first on odd ones) after one checked warm-up run. Throws if the outputs differ. */
export async function runKernels(runs = 5, kernels: readonly Kernel[] = KERNELS): Promise<KernelResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clef-bench-native-'));
  try {
    const stopwatch = join(dir, 'cputime');
    await runTool('clang cputime.c', CLANG, ['-O2', join(kernelDir, 'cputime.c'), '-o', stopwatch]);
    const exes: { c: string; clef: string }[] = [];
    for (const k of kernels) exes.push(await buildKernel(k, dir));
    const outputs = kernels.map((k, i) => {
      const c = runExe(stopwatch, exes[i]!.c).stdout;
      const clef = runExe(stopwatch, exes[i]!.clef).stdout;
      if (c !== clef) throw new Error(`${k.name}: the outputs differ\n  C:    ${c.trim()}\n  Clef: ${clef.trim()}`);
      return c.trim();
    });
    const times = kernels.map(() => ({ c: [] as Run[], clef: [] as Run[] }));
    for (let r = 0; r < runs; r++) {
      kernels.forEach((_, i) => {
        const order: ('c' | 'clef')[] = r % 2 === 0 ? ['c', 'clef'] : ['clef', 'c'];
        for (const which of order) times[i]![which].push(runExe(stopwatch, exes[i]![which]));
      });
    }
    return kernels.map((k, i) => {
      const t = times[i]!;
      const cMs = median(t.c.map((x) => x.cpuMs));
      const clefMs = median(t.clef.map((x) => x.cpuMs));
      return {
        name: k.name,
        cMs,
        clefMs,
        ratio: clefMs / cMs,
        cWallMs: median(t.c.map((x) => x.wallMs)),
        clefWallMs: median(t.clef.map((x) => x.wallMs)),
        output: outputs[i]!,
        runs,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type StageTimes = { programs: number; stages: { stage: string; medianMs: number; totalMs: number }[] };

/** Compile time of every stage (front end, core-to-mlir, each mlir-opt pass,
 *  mlir-translate, clang -O2 with the runtime) over the corpus programs. */
export async function corpusCompileTimes(): Promise<StageTimes> {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.clef')).sort();
  const dir = mkdtempSync(join(tmpdir(), 'clef-bench-compile-'));
  const per = new Map<string, number[]>();
  const add = (stage: string, ms: number) => per.set(stage, [...(per.get(stage) ?? []), ms]);
  try {
    await linkWarmup(dir);
    for (const f of files) {
      const t0 = performance.now();
      const { core } = frontEnd(join(corpusDir, f));
      add('front end', performance.now() - t0);
      const { stages } = await runPipeline(core, DEFAULT_PIPELINE, join(dir, f));
      for (const s of stages.slice(1)) add(s.pass, s.ms);
      const t1 = performance.now();
      await linkExecutable(stages[stages.length - 1]!.text, join(dir, `${f}.exe`));
      add('clang -O2', performance.now() - t1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    programs: files.length,
    stages: [...per].map(([stage, ms]) => ({ stage, medianMs: median(ms), totalMs: ms.reduce((a, b) => a + b, 0) })),
  };
}

/** The runtime object is compiled once and cached; do it before timing clang. */
async function linkWarmup(dir: string): Promise<void> {
  await linkExecutable('define i64 @clef_entry() {\n  ret i64 0\n}\n', join(dir, 'warmup'));
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, n = 8, d = 1) => x.toFixed(d).padStart(n);

export async function benchNative(runs = 5): Promise<void> {
  console.log(`native code: Clef (our pipeline + clang -O2) vs C (clang -O2), median of ${runs} interleaved runs`);
  const results = await runKernels(runs);
  const head = ['C cpu', 'Clef cpu', 'Clef/C', 'C wall', 'Clef wall'].map((h) => h.padStart(9)).join(' ');
  console.log(`  ${pad('kernel', 9)} ${head}  output (equal in both)`);
  for (const r of results) {
    const cols = [num(r.cMs, 9), num(r.clefMs, 9), num(r.ratio, 9, 2), num(r.cWallMs, 9), num(r.clefWallMs, 9)].join(' ');
    console.log(`  ${pad(r.name, 9)} ${cols}  ${r.output}`);
  }
  const m = median(results.map((r) => r.ratio));
  console.log(`  (ms; cpu = user + system time of the process, which decides the ratio)`);
  console.log(`  median ratio Clef/C: ${m.toFixed(2)} — goal <= 1.10 ${m <= 1.1 ? 'met' : 'NOT met'}`);
  const ct = await corpusCompileTimes();
  console.log(`compile time per stage over the corpus (${ct.programs} programs):`);
  console.log(`  ${pad('stage', 30)} ${'median ms'.padStart(10)} ${'total ms'.padStart(10)}`);
  for (const s of ct.stages) console.log(`  ${pad(s.stage, 30)} ${num(s.medianMs, 10)} ${num(s.totalMs, 10, 0)}`);
  const total = ct.stages.reduce((a, s) => a + s.medianMs, 0);
  console.log(`  ${pad('sum of the medians', 30)} ${num(total, 10)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchNative(Number(process.argv[2] ?? 5));
}
