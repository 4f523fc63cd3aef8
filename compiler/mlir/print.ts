// The printer to MLIR's GENERIC op form, which mlir-opt reads for every dialect:
//   %0 = "arith.addi"(%a, %b) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64
// parse(printMlir(m)) deep-equals m. (print-custom.ts prints the pretty form.)
import type { Module, Operation, Region, Value } from './ir.ts';
import { valueRef } from './ir.ts';
import { joinSuccessorOperands } from './op-info.ts';
import { printAttrDict, printType, quote } from './print-type-attr.ts';

export { printAttr, printType } from './print-type-attr.ts';

/** Prints one op (and what it contains) at an indentation, as lines. */
export type OpPrinter = (op: Operation, indent: string) => string;

export function printMlir(m: Module): string {
  return printModuleWith(m, printGenericOp);
}

export function printModuleWith(m: Module, printOp: OpPrinter): string {
  const out = m.ops.map((op) => printOp(op, ''));
  for (const a of m.locAliases ?? []) out.push(`#${a.name} = ${a.text}`);
  return out.join('\n') + '\n';
}

/** `%a, %b:2 = ` for the results (consecutive `name#0..k-1` form one group). */
export function printResults(results: Value[]): string {
  if (results.length === 0) return '';
  const parts: string[] = [];
  for (let k = 0; k < results.length; ) {
    const r = results[k]!;
    if (r.index === null) {
      parts.push(`%${r.name}`);
      k++;
      continue;
    }
    let n = 0;
    while (k + n < results.length && results[k + n]!.name === r.name && results[k + n]!.index === n) n++;
    if (n === 0) throw new Error(`result %${r.name}#${r.index} does not start a result group`);
    parts.push(`%${r.name}:${n}`);
    k += n;
  }
  return parts.join(', ') + ' = ';
}

/** `(T, U) -> R` with R parenthesised unless it is a single non-function type. */
export function functionalType(inputs: Value[], results: Value[]): string {
  const single = results.length === 1 && results[0]!.type.kind !== 'function';
  const outs = single ? printType(results[0]!.type) : `(${results.map((r) => printType(r.type)).join(', ')})`;
  return `(${inputs.map((v) => printType(v.type)).join(', ')}) -> ${outs}`;
}

export function printGenericOp(op: Operation, indent: string): string {
  return genericOpWith(op, indent, printGenericOp);
}

/** The generic form of one op; the ops inside its regions are printed by `inner`. */
export function genericOpWith(op: Operation, indent: string, inner: OpPrinter): string {
  // an op whose syntax the parser does not know: its own text (ir.ts), which mlir-opt reads
  if (op.unparsed !== undefined) return `${indent}${printResults(op.results)}${op.name}${op.unparsed}${op.loc ? ` ${op.loc}` : ''}`;
  const operands = joinSuccessorOperands(op.operands, op.successors);
  let s = `${indent}${printResults(op.results)}${quote(op.name)}(${operands.map(valueRef).join(', ')})`;
  if (op.successors.length > 0) s += `[${op.successors.map((x) => '^' + x.label).join(', ')}]`;
  if (op.properties.length > 0) s += ` <${printAttrDict(op.properties)}>`;
  if (op.regions.length > 0) s += ` (${op.regions.map((r) => printRegion(r, indent, inner, false)).join(', ')})`;
  if (op.attributes.length > 0) s += ` ${printAttrDict(op.attributes)}`;
  s += ` : ${functionalType(operands, op.results)}`;
  if (op.loc) s += ` ${op.loc}`;
  return s;
}

/**
 * `{ ... }` with blocks. `entryArgsElsewhere`: the op's custom syntax already declared the
 * entry block's arguments, so its header is left out. `skip` drops ops (implicit terminators).
 */
export function printRegion(r: Region, indent: string, inner: OpPrinter, entryArgsElsewhere: boolean, skip?: (op: Operation) => boolean): string {
  let used: Set<string> | null = null;
  let fresh = 0;
  const freshLabel = () => {
    used ??= new Set(r.blocks.map((b) => b.label).filter((l): l is string => l !== null));
    while (used.has(`bb${fresh}`)) fresh++;
    used.add(`bb${fresh}`);
    return `bb${fresh}`;
  };
  const lines = ['{'];
  r.blocks.forEach((b, k) => {
    // The entry block needs a header only to declare its arguments.
    if (k > 0 || (b.args.length > 0 && !entryArgsElsewhere)) {
      const label = b.label ?? freshLabel();
      const args = b.args.length > 0 ? `(${b.args.map((a) => `%${a.name}: ${printType(a.type)}`).join(', ')})` : '';
      lines.push(`${indent}^${label}${args}:`);
    }
    for (const op of b.ops) if (!skip?.(op)) lines.push(inner(op, indent + '  '));
  });
  lines.push(`${indent}}`);
  return lines.join('\n');
}
