// The real MLIR verifier as the judge of a mutant's well-formedness: every mutant is printed
// and handed to `mlir-opt` (many per process with --split-input-file), so a mutant that
// reaches the validator is a module upstream MLIR itself accepts.
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOLS, missingToolsMessage } from '../../compiler/toolchain/tools.ts';

const SEPARATOR = '// -----';
const BATCH_BYTES = 8 << 20;

/** For each text: null when `mlir-opt` verifies it, else mlir-opt's first message about it. */
export async function verifyWithMlirOpt(texts: string[]): Promise<(string | null)[]> {
  const missing = missingToolsMessage(['mlir-opt']);
  if (missing) throw new Error(missing);
  const out: (string | null)[] = new Array(texts.length).fill(null);
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-mutants-'));
  try {
    let start = 0;
    let batchNo = 0;
    while (start < texts.length) {
      let end = start;
      let bytes = 0;
      while (end < texts.length && (end === start || bytes + texts[end]!.length < BATCH_BYTES)) bytes += texts[end++]!.length;
      const file = join(dir, `batch${batchNo++}.mlir`);
      await verifyBatch(texts.slice(start, end), file, (k, msg) => {
        out[start + k] ??= msg;
      });
      start = end;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function verifyBatch(texts: string[], file: string, report: (k: number, msg: string) => void): Promise<void> {
  // The line each chunk's split starts at, as mlir-opt names it: 1 for the first chunk,
  // the separator's line for the others.
  const startLine: number[] = [];
  let line = 1;
  const parts: string[] = [];
  texts.forEach((t, k) => {
    const body = t.endsWith('\n') ? t : t + '\n';
    if (k > 0) {
      startLine.push(line);
      parts.push(SEPARATOR + '\n');
      line += 1;
    } else startLine.push(1);
    parts.push(body);
    line += body.split('\n').length - 1;
  });
  writeFileSync(file, parts.join(''));
  const r = await execa(TOOLS['mlir-opt'], ['--split-input-file', file, '-o', '/dev/null'], { reject: false, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.exitCode === 0) return;
  const stderr = String(r.stderr);
  const chunkAt = new Map(startLine.map((l, k) => [l, k]));
  let found = false;
  for (const m of stderr.matchAll(/within split at [^\n]*?:(\d+) offset :(\d+:\d+: error: [^\n]*)/g)) {
    const k = chunkAt.get(Number(m[1]));
    if (k !== undefined) {
      report(k, m[2]!);
      found = true;
    }
  }
  if (!found) {
    // a message without a split position (a crash, an unknown option): every chunk failed
    const msg = stderr.trim().split('\n')[0] ?? `mlir-opt exited with ${r.exitCode}`;
    texts.forEach((_, k) => report(k, msg));
  }
}
