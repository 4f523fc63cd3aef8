// What core-to-mlir tells translation validation about its own output, as plain data:
// for each function, which Core parameter became which block argument; for each Core
// `While`, which Core variable became which `scf.while` iteration value. With it the
// validator matches loop cut points without searching for them.
import type { Span } from '../syntax/ast.ts';

/** One flattened component of a Core variable: `part` indexes its components (a record
 *  or union has several, see lower-types.ts). */
export type VarPart = { var: string; part: number; ty: string };

export type FnWitness = {
  /** The Core function name and its MLIR symbol (with '@'). */
  fn: string;
  symbol: string;
  /** Block argument i of the function's entry block is params[i]. */
  params: (VarPart & { arg: number })[];
  /** The MLIR result types (the flattened Core return value). */
  results: string[];
};

export type LoopWitness = {
  fn: string;
  symbol: string;
  /** The n-th `scf.while` of the function in text order (0-based); equally the n-th Core
   *  `While` of the function body in pre-order. */
  index: number;
  span: Span;
  /** Iteration value i (the i-th init operand, before-region argument, after-region
   *  argument and result) carries carried[i]. */
  carried: (VarPart & { iter: number })[];
  /** The SSA name of the loop's results (`%name` or `%name:n` in the text). */
  result: string | null;
};

export type CodegenWitness = { functions: FnWitness[]; loops: LoopWitness[] };

export type CodegenResult = { text: string; witness: CodegenWitness };
