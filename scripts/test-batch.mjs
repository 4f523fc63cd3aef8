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
// file it happened in (or, arriving after it, the file then running), with its stack in
// `error`; so does a file that queued no suite while it ran (test.run not called, or called
// late: alone, uvu would not have printed its summary) and one that set process.exitCode
// (alone, its process would have exited with it). The batch goes on with the next file. The
// environment is put back as it was after each file (files set FIDELITY_* switches at their
// top level for their own tests), and FIDELITY_TEST_FILE names the file running (for logs
// that name the test, FIDELITY_BUDGET_LOG). After the last file, the line
//   @@fidelity-batch-end {"error"?}
// says what arrived after it (a late rejection or exit code), which fails the batch.
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
const env = { ...process.env };
/** process.env as it was before the first file. */
function restoreEnv() {
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (process.env[k] !== v) process.env[k] = v;
}
/** A non-zero process.exitCode a file left, as an error (and cleared: it is the file's). */
function exitCodeLeft() {
  const code = process.exitCode;
  if (code === undefined || code === 0) return;
  process.exitCode = undefined;
  note(`process.exitCode set to ${code}`);
}

for (let i = 0; i < files.length; i++) {
  const file = files[i];
  process.stdout.write(`\n@@fidelity-start ${file}\n`);
  process.env.FIDELITY_TEST_FILE = file;
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
    if (globalThis.UVU_QUEUE[i].length === 0) note(new Error('no suite was queued while the file ran (test.run() not called, or called later)'));
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
  exitCodeLeft();
  restoreEnv();
  if (errors) process.stdout.write(`\n${errors}\n`);
  const c = process.cpuUsage(c0);
  const error = stray.length ? stray.join('\n') : undefined;
  if (error) process.stdout.write(`\n${error}\n`);
  const row = { file, total, passed, skipped, ms: Date.now() - t0, cpuMs: Math.round((c.user + c.system) / 1000), ...(error ? { error: error.split('\n')[0] } : {}) };
  process.stdout.write(`\n@@fidelity-test ${JSON.stringify(row)}\n`);
}
// what the last file left running may still fail: a rejection or exit code due a moment later
stray = [];
await new Promise((r) => setTimeout(r, 200));
exitCodeLeft();
process.stdout.write(`\n@@fidelity-batch-end ${JSON.stringify(stray.length ? { error: stray.join('\n') } : {})}\n`);
