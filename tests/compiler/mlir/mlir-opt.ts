// Runs the real mlir-opt 19 on many small modules at once (`--split-input-file`), so a test
// can push every fixture through the upstream pipeline in a few tool runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MLIR_OPT = '/usr/lib/llvm-19/bin/mlir-opt';

/** The upstream lowering, in order; each pass is its own mlir-opt run on the previous output. */
export const PIPELINE = [
  'convert-scf-to-cf',
  'convert-cf-to-llvm',
  'convert-arith-to-llvm',
  'expand-strided-metadata',
  'finalize-memref-to-llvm',
  'convert-func-to-llvm',
  'reconcile-unrealized-casts',
];

const SEPARATOR = '// -----';
const dir = mkdtempSync(join(tmpdir(), 'mlir-test-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/**
 * Runs mlir-opt with `args` on each text (one split each) and returns the outputs in order.
 * Throws with mlir-opt's own messages if any split fails.
 */
export function mlirOptBatch(texts: string[], args: string[]): string[] {
  const file = join(dir, `batch${counter++}.mlir`);
  writeFileSync(file, texts.join(`\n${SEPARATOR}\n`));
  let out: string;
  try {
    out = execFileSync(MLIR_OPT, ['--split-input-file', ...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`mlir-opt ${args.join(' ')} failed on ${file}:\n${err.stderr ?? err.message}`);
  }
  const parts = out.split(`\n${SEPARATOR}\n`);
  if (parts.length !== texts.length) throw new Error(`expected ${texts.length} outputs from mlir-opt, got ${parts.length}`);
  return parts.map((part) => part.replace(/\n*$/, '\n'));
}

/**
 * Like mlirOptBatch, but a split that mlir-opt rejects gives null instead of failing the
 * batch (for inputs this package does not own, such as the code generator's output).
 */
export function mlirOptBatchLenient(texts: (string | null)[], args: string[]): (string | null)[] {
  const live = texts.map((t, k) => ({ t, k })).filter((x): x is { t: string; k: number } => x.t !== null);
  const file = join(dir, `batch${counter++}.mlir`);
  writeFileSync(file, live.map((x) => x.t).join(`\n${SEPARATOR}\n`));
  const r = spawnSync(MLIR_OPT, ['--split-input-file', ...args, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const parts = (r.stdout ?? '').split(`\n${SEPARATOR}\n`);
  const out: (string | null)[] = texts.map(() => null);
  if (parts.length !== live.length) return out;
  live.forEach((x, j) => {
    out[x.k] = parts[j]!.trim() === '' ? null : parts[j]!.replace(/\n*$/, '\n');
  });
  return out;
}

export function fixtures(fixtureDir: string): { name: string; text: string }[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.mlir'))
    .sort()
    .map((f) => ({ name: f.replace(/\.mlir$/, ''), text: readFileSync(join(fixtureDir, f), 'utf8') }));
}
