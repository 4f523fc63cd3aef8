// A Core -> MLIR query that would be too large to build or to solve: coreQuery throws
// QueryTooLarge instead of building on (validate.ts: `unknown: query too large: <what>`).
// Measured 26 Nov (scratch instrumentation of coreQuery at unroll 8): the call frames' facts
// (runtime.ts frameFacts: every byte read from memory after a call, against every frame a
// symbolic call position may be) were 150 k at unroll 4 and 1.3 M at unroll 8 in tiny_vm
// `run` (48 s to build, 67 MB of SMT-LIB that z3 did not finish parsing in minutes), 198 k in
// sensor_selftest `main` at unroll 8 — quadratic in calls x addresses read.
export class QueryTooLarge extends Error {}

/** More call-frame facts than this: the query is not built. A corpus query with this many
 *  was never decided within 10 s (README.md, "Where the time went"). */
export const MAX_FRAME_FACTS = 60_000;
