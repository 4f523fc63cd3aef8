// Module hooks of scripts/ts-loader.mjs (they run in Node's hooks thread): a .ts or .mts file
// becomes the JavaScript esbuild makes of it, read from the disk cache when it is there.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cacheDir = '';
let salt = '';
let settings = {};
let esbuild;

export function initialize(data) {
  ({ cacheDir, salt, settings } = data);
  mkdirSync(cacheDir, { recursive: true });
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !/\.m?ts$/.test(new URL(url).pathname)) return next(url, context);
  const file = fileURLToPath(url);
  const src = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(salt).update('\0').update(file).update('\0').update(src).digest('hex');
  const cached = join(cacheDir, `${key}.mjs`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    esbuild ??= await import('esbuild');
    code = (await esbuild.transform(src, { ...settings, sourcefile: file })).code;
    // written whole, then renamed: a process reading the cache sees the file or none
    const tmp = `${cached}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, cached);
  }
  return { format: 'module', source: code, shortCircuit: true };
}
