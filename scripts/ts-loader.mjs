// The test runner's TypeScript loader (scripts/test.mjs: `node --import ./scripts/ts-loader.mjs
// FILE`), in place of tsx's for the test files: the same transform (esbuild strips the types,
// with the project's tsconfig, inline source maps), without tsx's work at every process start.
// A test process with tsx's loader took 0.37 s of CPU for a file of plain checks, 0.17 s with
// this one (28 Nov, scratch/speed): the hooks thread loads one small file, not tsx's bundles
// (CommonJS interop, tsconfig paths, .js -> .ts resolution, which the project does not use:
// every import names its .ts file). The JavaScript of a file is kept in a disk cache by its
// path, its text and the transform's settings, so esbuild runs only for a changed file.
// bin/fidelity and the worker threads keep tsx (FIDELITY_TEST_TSX=1: the runner uses tsx too).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const esbuildVersion = JSON.parse(readFileSync(new URL('../node_modules/esbuild/package.json', import.meta.url), 'utf8')).version;
const tsconfigRaw = JSON.parse(readFileSync(new URL('../tsconfig.json', import.meta.url), 'utf8'));
const settings = { loader: 'ts', format: 'esm', target: `node${process.versions.node}`, sourcemap: 'inline', tsconfigRaw };
process.setSourceMapsEnabled(true);
register('./ts-hooks.mjs', import.meta.url, {
  data: { cacheDir: join(tmpdir(), 'fidelity-ts'), salt: JSON.stringify([esbuildVersion, settings]), settings },
});
