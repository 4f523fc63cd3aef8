// Runs several test files in one process, one after the other (scripts/test.mjs's batches):
// `node --import ./scripts/ts-loader.mjs scripts/test-batch.mjs FILE...`. A test process
// spends about 2 s of CPU before its first test does anything of its own — the TypeScript
// loader's thread, the project's modules, z3's WASM module compiled function by function on
// first use — and most test files are only a few seconds long (28 Nov: 12 files of
// tests/verifier/tv/core, 128.9 s of CPU one process each, 100.7 s in one process).
//
// Each file is imported and its suites run before the next file is imported, so a file's
// top-level code and its tests keep their order, and its `test.after` hooks (which dispose the
// solvers) run before the next file starts. After each file one line
//   @@fidelity-test {"file","total","passed","skipped","ms","cpuMs","error"?}
// gives its counts; its own output (uvu's) comes before that line, after a line
//   @@fidelity-start FILE
// An exception outside any test (the file's top level, a rejection nobody awaited) fails the
// file it happened in, with its stack in `error`; the batch goes on with the next file.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// uvu reads this when it is first imported: suites are queued (test.run) and run here
globalThis.UVU_DEFER = 1;
globalThis.UVU_QUEUE = [];

let stray = [];
const note = (e) => stray.push(e instanceof Error ? e.stack ?? e.message : String(e));
process.on('uncaughtException', note);
process.on('unhandledRejection', note);

const files = process.argv.slice(2);
for (let i = 0; i < files.length; i++) {
  const file = files[i];
  process.stdout.write(`\n@@fidelity-start ${file}\n`);
  const t0 = Date.now();
  const c0 = process.cpuUsage();
  globalThis.UVU_QUEUE[i] = [];
  globalThis.UVU_INDEX = i;
  let total = 0;
  let passed = 0;
  let skipped = 0;
  let errors = '';
  stray = [];
  try {
    await import(pathToFileURL(resolve(file)).href);
    for (const run of globalThis.UVU_QUEUE[i]) {
      const [errs, ran, skip, max] = await run();
      total += max;
      passed += ran;
      skipped += skip;
      if (errs !== true) errors += errs;
    }
  } catch (e) {
    note(e);
  }
  if (errors) process.stdout.write(`\n${errors}\n`);
  const c = process.cpuUsage(c0);
  const error = stray.length ? stray.join('\n') : undefined;
  if (error) process.stdout.write(`\n${error}\n`);
  const row = { file, total, passed, skipped, ms: Date.now() - t0, cpuMs: Math.round((c.user + c.system) / 1000), ...(error ? { error: error.split('\n')[0] } : {}) };
  process.stdout.write(`\n@@fidelity-test ${JSON.stringify(row)}\n`);
}
process.stdout.write('\n@@fidelity-batch-end\n');
