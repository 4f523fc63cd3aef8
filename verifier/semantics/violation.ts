// How a run stops on a broken obligation or a runtime fault: the interpreter throws a
// `Stop` (a plain tagged object, not an Error) that `runCore` turns into its result.
import type { Span } from '../../compiler/syntax/ast.ts';
import type { Obligation } from '../../compiler/core/core.ts';

/** `category` is an obligation category (`bounds`, `overflow`, ...) or one of the
 *  run-time-only stops: `assumption`, `step limit`, `stack overflow`. */
export type RuntimeViolation = { category: string; span: Span; message: string };

export type Stop = { kind: 'Stop'; violation: RuntimeViolation };

export function stop(category: string, span: Span, message: string): never {
  const s: Stop = { kind: 'Stop', violation: { category, span, message } };
  throw s;
}

export function isStop(x: unknown): x is Stop {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'Stop';
}

/** The span of the `nth` obligation of `category` in `obs` (in source order), if any. */
export function obligationSpan(obs: readonly Obligation[], category: string, nth = 0): Span | null {
  let k = 0;
  for (const o of obs) {
    if (o.category !== category) continue;
    if (k === nth) return o.span;
    k++;
  }
  return null;
}

export function hasObligation(obs: readonly Obligation[], category: string): boolean {
  return obs.some((o) => o.category === category);
}

/** The line the CLI prints on stderr (exit code 70). */
export function formatViolation(v: RuntimeViolation): string {
  return `runtime error: ${v.category} at ${v.span.file}:${v.span.line}:${v.span.col}`;
}
