// The F* back end: `emitFstar` (a Core program as an F* module with its obligation table),
// `writeFstar` (the .fst and .json files) and `runFstar` (F*'s verdict when F* is installed).
export { emitFstar } from './emit.ts';
export type { FstarModule, FstarOptions, FstarTableEntry } from './emit.ts';
export { findFstar, runFstar, writeFstar } from './run.ts';
export type { FstarRun, FstarRunOptions, FstarStatus } from './run.ts';
