// What the parser and printer must know about particular ops beyond their syntax: which
// operands are passed to which successor.
import type { Attr, NamedAttr, Successor, Value } from './ir.ts';
import { getAttr } from './ir.ts';

function i32Array(a: Attr | undefined): number[] | null {
  if (!a || a.kind !== 'denseArray') return null;
  return a.values.map((v) => Number(v));
}

/**
 * How many leading operands are the op's own, and how many go to each successor, for the
 * branch ops of cf and llvm; null for ops whose layout is unknown.
 */
function successorLayout(name: string, props: NamedAttr[], nOperands: number, nSucc: number): { own: number; perSucc: number[] } | null {
  switch (name) {
    case 'cf.br':
    case 'llvm.br':
      return nSucc === 1 ? { own: 0, perSucc: [nOperands] } : null;
    case 'cf.cond_br':
    case 'llvm.cond_br': {
      const seg = i32Array(getAttr(props, 'operandSegmentSizes'));
      if (!seg || seg.length !== 3 || nSucc !== 2) return null;
      return { own: seg[0]!, perSucc: [seg[1]!, seg[2]!] };
    }
    case 'cf.switch':
    case 'llvm.switch': {
      const seg = i32Array(getAttr(props, 'operandSegmentSizes'));
      const cases = i32Array(getAttr(props, 'case_operand_segments')) ?? [];
      if (!seg || seg.length !== 3 || nSucc !== cases.length + 1) return null;
      return { own: seg[0]!, perSucc: [seg[1]!, ...cases] };
    }
  }
  return null;
}

/** Splits a generic op's operand list into its own operands and each successor's arguments. */
export function splitSuccessorOperands(
  name: string,
  props: NamedAttr[],
  all: Value[],
  labels: string[],
): { operands: Value[]; successors: Successor[] } {
  const layout = labels.length > 0 ? successorLayout(name, props, all.length, labels.length) : null;
  if (!layout || layout.own + layout.perSucc.reduce((a, b) => a + b, 0) !== all.length) {
    return { operands: all, successors: labels.map((label) => ({ label, args: [] })) };
  }
  let k = layout.own;
  const successors = labels.map((label, s) => {
    const args = all.slice(k, k + layout.perSucc[s]!);
    k += layout.perSucc[s]!;
    return { label, args };
  });
  return { operands: all.slice(0, layout.own), successors };
}

/** The generic operand list: own operands, then each successor's arguments in order. */
export function joinSuccessorOperands(operands: Value[], successors: Successor[]): Value[] {
  return successors.length === 0 ? operands : [...operands, ...successors.flatMap((s) => s.args)];
}

/** Sorts named attributes by name, as MLIR's dictionaries are (byte order). */
export function sortAttrs(list: NamedAttr[]): NamedAttr[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Moves the op's inherent attributes out of a custom-form attribute dictionary into its
 * properties (mlir-opt prints some inherent attributes there, e.g. `{alignment = 8 : i64}`).
 */
export function splitInherent(
  dict: NamedAttr[],
  inherent: ReadonlySet<string> | readonly string[],
  props: NamedAttr[],
): { properties: NamedAttr[]; attributes: NamedAttr[] } {
  if (dict.length === 0) return { properties: props.length > 1 ? sortAttrs(props) : props, attributes: [] };
  const isInherent = (n: string) => ('has' in inherent ? inherent.has(n) : inherent.includes(n));
  const properties = [...props];
  const attributes: NamedAttr[] = [];
  for (const a of dict) {
    if (!isInherent(a.name)) attributes.push(a);
    else {
      // an explicit value replaces the default the op parser filled in
      const k = properties.findIndex((x) => x.name === a.name);
      if (k >= 0) properties[k] = a;
      else properties.push(a);
    }
  }
  return { properties: sortAttrs(properties), attributes };
}
