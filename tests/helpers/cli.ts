// Runs the real `bin/fidelity` as a user would, capturing stdout, stderr and exit code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
export const fidelity = join(root, 'bin', 'fidelity');

export type CliResult = { code: number; stdout: string; stderr: string };

export function cli(args: string[], opts: { cwd?: string; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(fidelity, args, { cwd: opts.cwd ?? root, env: { ...process.env, FIDELITY_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs `fn` over items with at most `n` at a time, keeping order. */
export async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** A stack trace line as node prints it. */
export const STACK_LINE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
