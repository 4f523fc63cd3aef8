// The on-disk cache of compiled binaries and stage files, keyed by content hash.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheRoot(): string {
  const dir =
    process.env.FIDELITY_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'fidelity');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function cacheDir(...parts: string[]): string {
  const d = join(cacheRoot(), ...parts);
  mkdirSync(d, { recursive: true });
  return d;
}

export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}
