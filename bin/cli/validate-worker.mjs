// Entry of a validation worker thread (validate-pool.ts): TypeScript through tsx, as
// bin/fidelity does for the main thread (harmless when the parent already loaded tsx), or
// through scripts/ts-loader.mjs under the test runner (FIDELITY_TEST_LOADER=1, as bin/fidelity).
if (process.env.FIDELITY_TEST_LOADER === '1') await import('../../scripts/ts-loader.mjs');
else (await import('tsx/esm/api')).register();
await import('./validate-worker.ts');
