// The state of one run of the reference interpreter, shared by its parts.
import type { Span } from '../../compiler/syntax/ast.ts';
import type { CExpr, CoreFn, CoreProgram, Obligation } from '../../compiler/core/core.ts';
import type { Type } from '../../compiler/types/types.ts';
import type { Width } from './domain.ts';
import type { ArenaObj, Block, Memory, Problem, RegionObj } from './memory.ts';
import type { SpanV, Value } from './values.ts';
import { obligationSpan, stop } from './violation.ts';

/** One activation of a function. Names in Core are unique per function, so one flat
 *  environment per frame is enough. `depth` is 1 for the entry function. */
export type Frame = {
  fn: CoreFn | null;
  env: Map<string, Value>;
  depth: number;
  stack: Block[]; // stack blocks and arenas die when the frame returns
  arenas: ArenaObj[];
  regions: RegionObj[];
};

export type Machine = {
  prog: CoreProgram;
  fns: Map<string, CoreFn>;
  mem: Memory;
  /** Check obligations as the program runs (`--no-checks` turns this off). */
  checks: boolean;
  write: (s: string) => void;
  stdin: string[];
  stdinPos: number;
  steps: number;
  maxSteps: number;
  maxDepth: number;
  statics: Map<string, SpanV>;
  /** Per function with a `decreases`, the measures of its active frames (innermost last). */
  measures: Map<string, bigint[]>;
  /** Hand-over from a finishing node generator to the driver (see interp.ts `tail`). */
  tailExpr: CExpr | null;
  tailTask: unknown;
};

/** A bug in the Core given to the interpreter (not a fault of the Clef program). */
export function internal(span: Span, message: string): never {
  throw new Error(`interpreter: ${message} (at ${span.file}:${span.line}:${span.col})`);
}

/** The integer width of an int or char type, null for other types. */
export function widthOf(t: Type): Exclude<Width, 'math'> | null {
  if (t.kind === 'int') return { bits: t.bits, signed: t.signed };
  if (t.kind === 'char') return { bits: 32, signed: false };
  return null;
}

/** Stops with a memory or arithmetic problem, located at the node's obligation of that
 *  category when it lists one, else at the node. */
export function stopWith(p: Problem, e: CExpr, at: Span): never {
  return stop(p.category, obligationSpan(obsOf(e), p.category) ?? at, p.message);
}

/** A node's obligations (none for kinds without an `obs` field). */
export function obsOf(e: CExpr): readonly Obligation[] {
  return 'obs' in e ? e.obs : [];
}

/** An index as a JS number; values beyond 2^53 become NaN, which every bounds test fails. */
export function toIndex(v: Value): number {
  const b = v as bigint;
  return b >= -(1n << 53n) && b <= 1n << 53n ? Number(b) : NaN;
}
