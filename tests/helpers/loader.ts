// The node flags a test starts a TypeScript child with: the loader the test runner gives its
// own processes (scripts/ts-loader.mjs under FIDELITY_TEST_LOADER=1, as bin/fidelity does),
// else tsx (a file run by hand).
import { join } from 'node:path';

export function tsImport(): string[] {
  return ['--import', process.env.FIDELITY_TEST_LOADER === '1' ? join(import.meta.dirname, '..', '..', 'scripts', 'ts-loader.mjs') : 'tsx'];
}
