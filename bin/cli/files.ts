// Expands FILES|DIRS arguments into the Clef sources below them, in a stable order.
import { readdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join, extname, dirname, basename } from 'node:path';

export const SOURCE_EXTS = new Set(['.clef', '.fs']);

export function expandSources(args: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (SOURCE_EXTS.has(extname(name))) files.push(p);
    }
  };
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) walk(a);
    else files.push(a);
  }
  return { files, missing };
}

/** Writes a file so that a reader never sees it half-written: temp file, then rename. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
