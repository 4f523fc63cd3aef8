// The MLIR symbols core-to-mlir gives Core functions (compiler/codegen: `@clef.<core name>`),
// in a file of their own so that the checks that name them (validate.ts, entry.ts) need not
// import each other.

/** The MLIR symbol core-to-mlir gives a Core function (without '@'). */
export const mlirName = (core: string) => `clef.${core}`;
