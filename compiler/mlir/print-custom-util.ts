// Small pieces shared by the custom-form printers.
import type { Attr, NamedAttr, Operation, Successor, Type, Value } from './ir.ts';
import { getAttr, valueRef } from './ir.ts';
import type { OpPrinter } from './print.ts';
import { printAttr, printAttrDict, printType } from './print-type-attr.ts';
import { printRegion, printResults } from './print.ts';

/** Prints one op in custom form, or null when its custom syntax cannot say everything it holds. */
export type CustomPrinter = (op: Operation, indent: string, inner: OpPrinter) => string | null;

export const v = valueRef;
export const ty = (t: Type): string => printType(t);
export const vals = (vs: Value[]): string => vs.map(valueRef).join(', ');
export const types = (vs: Value[]): string => vs.map((x) => printType(x.type)).join(', ');
export const prop = (op: Operation, name: string): Attr | undefined => getAttr(op.properties, name);

/** `indent %r = name` */
export const head = (op: Operation, indent: string): string => `${indent}${printResults(op.results)}${op.name}`;

/** ` {a = 1}` for the given entries, or nothing. */
export const dict = (entries: NamedAttr[]): string => (entries.length > 0 ? ' ' + printAttrDict(entries) : '');

/**
 * The attribute dictionary a custom form ends with: the properties its syntax does not show
 * (minus those equal to their printed default), then the discardable attributes.
 */
export function restDict(op: Operation, shown: string[], defaults: Record<string, string> = {}): string {
  const props = op.properties.filter((a) => !shown.includes(a.name) && defaults[a.name] !== printAttr(a.value));
  return dict([...props, ...op.attributes]);
}

/** `%a, %b : T, U`, or nothing (return/yield operands). */
export const typedList = (vs: Value[]): string => (vs.length > 0 ? ` ${vals(vs)} : ${types(vs)}` : '');

export const successor = (s: Successor): string => `^${s.label}${s.args.length > 0 ? `(${vals(s.args)} : ${types(s.args)})` : ''}`;

/** `#arith.overflow<nsw>` -> ` overflow<nsw>`; nothing for the default `none`. */
export function flag(a: Attr | undefined, word: string): string {
  if (!a || a.kind !== 'opaque') return '';
  const m = /^#[a-z]+\.([a-z_]+)(<.*>)$/s.exec(a.text);
  if (!m || m[1] !== word || m[2] === '<none>') return '';
  return ` ${word}${m[2]}`;
}

/** Integer values of a dense i32/i64 array property. */
export function ints(a: Attr | undefined): bigint[] | null {
  if (!a || a.kind !== 'denseArray') return null;
  return a.values.map((x) => BigInt(x as bigint));
}

/** `[%a, 4, %b]` from static values (with a dynamic marker) and the dynamic operands. */
export function mixed(stat: bigint[], dyn: Value[], marker: bigint): string | null {
  let k = 0;
  const parts = stat.map((x) => (x === marker ? (dyn[k] ? valueRef(dyn[k++]!) : '?') : x.toString()));
  if (k !== dyn.length || parts.includes('?')) return null;
  return `[${parts.join(', ')}]`;
}

/** A signature parameter list: named (`%a: T {attrs}`) when the body declares them. */
function params(inputs: Type[], names: string[] | null, argAttrs: ReturnType<typeof prop>, varArg = false): string | null {
  const attrsOf = (k: number): string => {
    if (!argAttrs) return '';
    if (argAttrs.kind !== 'array' || argAttrs.elements.length !== inputs.length) throw new Error('arg attrs');
    const d = argAttrs.elements[k]!;
    if (d.kind !== 'dict') throw new Error('arg attrs');
    return dict(d.entries);
  };
  const parts = inputs.map((t, k) => `${names ? `%${names[k]}: ` : ''}${ty(t)}${attrsOf(k)}`);
  if (varArg) parts.push('...');
  return `(${parts.join(', ')})`;
}

export function results(outs: Type[], resAttrs: ReturnType<typeof prop>): string {
  if (outs.length === 0) return '';
  const attrsOf = (k: number): string => {
    if (!resAttrs) return '';
    if (resAttrs.kind !== 'array' || resAttrs.elements.length !== outs.length) throw new Error('res attrs');
    const d = resAttrs.elements[k]!;
    if (d.kind !== 'dict') throw new Error('res attrs');
    return dict(d.entries);
  };
  if (outs.length === 1 && !resAttrs && outs[0]!.kind !== 'function') return ` -> ${ty(outs[0]!)}`;
  return ` -> (${outs.map((t, k) => ty(t) + attrsOf(k)).join(', ')})`;
}

/** The function header shared by func.func and llvm.func: parameters and body. */
export function functionParts(op: Operation, inputs: Type[], indent: string, inner: OpPrinter, varArg = false): { sig: string; body: string } | null {
  const r = op.regions[0];
  if (!r || op.regions.length !== 1) return null;
  const entry = r.blocks[0];
  if (entry && entry.args.length !== inputs.length) return null;
  const names = entry ? entry.args.map((a) => a.name) : null;
  const sig = params(inputs, names, prop(op, 'arg_attrs'), varArg);
  if (sig === null) return null;
  return { sig, body: entry ? ' ' + printRegion(r, indent, inner, true) : '' };
}

export const SWITCH_PROPS = ['case_operand_segments', 'case_values', 'operandSegmentSizes'];

/** The `default: ^bb, 1: ^bb2(...)` list of a switch (`withDefault`: cf's in-list default). */
export function switchCases(op: Operation, withDefault: boolean): string {
  const values = prop(op, 'case_values');
  const data = values?.kind === 'dense' && values.data.kind === 'literal' ? values.data.value : null;
  const caseValue = (k: number) => String(Array.isArray(data) ? data[k] : data);
  const cases = op.successors.slice(1).map((s, k) => `${caseValue(k)}: ${successor(s)}`);
  return (withDefault ? [`default: ${successor(op.successors[0]!)}`, ...cases] : cases).join(', ');
}
