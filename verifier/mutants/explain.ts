// What a mutant changed, for a person investigating a survivor: the mutated function in
// custom form before and after, cut to the lines that differ (with a little context).
import { printMlirCustom } from '../../compiler/mlir/index.ts';
import type { Module } from '../../compiler/mlir/ir.ts';
import { focusModule } from './focus.ts';
import { functionsOf, symbolName } from './locate.ts';

function functionText(m: Module, fn: string): string[] {
  const f = functionsOf(focusModule(m, fn)).find((x) => symbolName(x.fn) === fn);
  return f ? printMlirCustom({ kind: 'Module', ops: [f.fn] }).split('\n') : [];
}

/** `- old` / `+ new` lines around the change, `  ` context lines, `...` for gaps. */
export function mutantDiff(original: Module, mutant: Module, fn: string, context = 3): string {
  const a = functionText(original, fn);
  const b = functionText(mutant, fn);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  if (head === a.length && head === b.length) return '(no change)';
  const out: string[] = [];
  const from = Math.max(0, head - context);
  if (from > 0) out.push('...');
  for (let k = from; k < head; k++) out.push(`  ${a[k]}`);
  for (let k = head; k < a.length - tail; k++) out.push(`- ${a[k]}`);
  for (let k = head; k < b.length - tail; k++) out.push(`+ ${b[k]}`);
  const to = Math.min(a.length, a.length - tail + context);
  for (let k = a.length - tail; k < to; k++) out.push(`  ${a[k]}`);
  if (to < a.length) out.push('...');
  return out.join('\n');
}
