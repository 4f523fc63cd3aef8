// A pass is a named step from one stage to the next. The pipeline is a list of passes
// (data), so a user can add optimisation passes and the verifier can validate each step.
import type { CoreProgram } from '../core/core.ts';

export type StageKind = 'core' | 'mlir' | 'llvm-mlir' | 'llvm-ir';

/** Where a pass comes from: ours (validated), upstream mlir-opt (validated), or a trusted
 *  step (mlir-translate, clang: covered by differential execution, listed in evidence). */
export type PassOrigin = 'ours' | 'upstream' | 'trusted';

export type PassContext = {
  /** The file holding this pass's input text (tools read it, so their messages name it). */
  inputFile: string;
};

export type TextPass = {
  kind: 'text';
  name: string;
  from: StageKind;
  to: StageKind;
  origin: PassOrigin;
  summary: string;
  run: (input: string, ctx: PassContext) => Promise<string>;
};

/** The one pass whose input is Core itself rather than text. */
export type CorePass = {
  kind: 'core';
  name: string;
  from: 'core';
  to: 'mlir';
  origin: 'ours';
  summary: string;
  run: (core: CoreProgram) => { text: string; witness: unknown };
};

export type Pass = TextPass | CorePass;

/** One stage of a compilation: the text after a pass (stage 0 is Core itself). */
export type Stage = { index: number; pass: string; kind: StageKind; text: string; file: string; ms: number };
