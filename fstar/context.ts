// The program-wide state of one emission: names, types, analysis results, and the prelude
// pieces and declarations the emitted functions ask for.
import type { CoreProgram } from '../compiler/core/core.ts';
import type { Type } from '../compiler/types/types.ts';
import type { Analysis } from './analysis.ts';
import type { NameSpace } from './names.ts';
import type { FloatDecl } from './prelude.ts';
import type { TypeNames } from './types.ts';

export type StaticInfo = { buf: string; span: string; len: number; elem: Type };

export type ProgCx = {
  core: CoreProgram;
  moduleName: string;
  tn: TypeNames;
  analysis: Analysis;
  /** Top-level F* names (functions, statics, helpers, types). */
  top: NameSpace;
  fnNames: Map<string, string>;
  statics: Map<string, StaticInfo>;
  /** Prelude pieces requested (see prelude.ts). */
  pieces: Set<string>;
  floats: Map<string, FloatDecl>;
  /** Union types (by F* type text) whose tag function is needed. */
  tagFns: Map<string, Type>;
  /** User records/unions the emitted code mentions (`record:Name`, `union:Name`). */
  typeUses: Set<string>;
};

/** Raised where a construct has no counterpart in the F* model; the caller decides what to
 *  emit instead (never a silent approximation of an obligation). */
export class NotModelled extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'NotModelled';
  }
}
