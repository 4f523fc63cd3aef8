// The z3 options the WASM back end (z3wasm.ts) sends before every query. They change z3's
// search only, never its answer (a sat answer's model is still checked and replayed).
// Measured by bench/solver-settings.ts (figures in verifier/smt/README.md).

/** SMT-LIB `set-option` lines, sent after `(reset)` and before the query's own limits. */
export const WASM_SETTINGS = '';
