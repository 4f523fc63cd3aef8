// The printer to MLIR's GENERIC op form, which mlir-opt reads for every dialect:
//   %0 = "arith.addi"(%a, %b) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64
// parse(printMlir(m)) deep-equals m.
import type { Block, Module, Operation, Region, Value } from './ir.ts';
import { valueRef } from './ir.ts';
import { joinSuccessorOperands } from './op-info.ts';
import { printAttrDict, printType, quote } from './print-type-attr.ts';

export { printAttr, printType } from './print-type-attr.ts';

export function printMlir(m: Module): string {
  const out: string[] = [];
  for (const op of m.ops) printOp(op, '', out);
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

function printOp(op: Operation, indent: string, out: string[]): void {
  const operands = joinSuccessorOperands(op.operands, op.successors);
  let s = `${indent}${printResults(op.results)}${quote(op.name)}(${operands.map(valueRef).join(', ')})`;
  if (op.successors.length > 0) s += `[${op.successors.map((x) => '^' + x.label).join(', ')}]`;
  if (op.properties.length > 0) s += ` <${printAttrDict(op.properties)}>`;
  if (op.regions.length > 0) {
    s += ' (';
    op.regions.forEach((r, k) => {
      if (k > 0) s += ', ';
      out.push(s + '{');
      printRegionBody(r, indent, out);
      s = `${indent}}`;
    });
    s += ')';
  }
  if (op.attributes.length > 0) s += ` ${printAttrDict(op.attributes)}`;
  const results = op.results.map((r) => r.type);
  const single = results.length === 1 && results[0]!.kind !== 'function';
  s += ` : (${operands.map((v) => printType(v.type)).join(', ')}) -> ${single ? printType(results[0]!) : `(${results.map((t) => printType(t)).join(', ')})`}`;
  if (op.loc) s += ` ${op.loc}`;
  out.push(s);
}

function printRegionBody(r: Region, indent: string, out: string[]): void {
  const used = new Set(r.blocks.map((b) => b.label).filter((l): l is string => l !== null));
  let fresh = 0;
  const freshLabel = () => {
    while (used.has(`bb${fresh}`)) fresh++;
    used.add(`bb${fresh}`);
    return `bb${fresh}`;
  };
  r.blocks.forEach((b: Block, k) => {
    // The entry block needs a header only to declare its arguments.
    if (k > 0 || b.args.length > 0 || b.label !== null) {
      const label = b.label ?? freshLabel();
      const args = b.args.length > 0 ? `(${b.args.map((a) => `%${a.name}: ${printType(a.type)}`).join(', ')})` : '';
      out.push(`${indent}^${label}${args}:`);
    }
    for (const op of b.ops) printOp(op, indent + '  ', out);
  });
}
