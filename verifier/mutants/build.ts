// Small constructors and rewrites that mutations share: fresh names, constants, binary ops,
// inserting ops, replacing the uses of a value. Ops are built in the generic shape of ir.ts.
import type { Attr, Block, NamedAttr, Operation, Type, Value } from '../../compiler/mlir/ir.ts';
import { getAttr } from '../../compiler/mlir/ir.ts';

export type Dialect = 'arith' | 'llvm';

/** A value's name as a map key: `name`, or `name#k` for a result of a multi-result op. */
export const vkey = (v: { name: string; index: number | null }): string => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** The dialect whose integer ops an op belongs to (`llvm.add` -> llvm, anything else -> arith). */
export const dialectOf = (op: Operation): Dialect => (op.name.startsWith('llvm.') ? 'llvm' : 'arith');

/** Bit width of an integer-like type (`index` is 64 bits on our target); null otherwise. */
export function intWidth(t: Type): number | null {
  if (t.kind === 'integer') return t.width;
  if (t.kind === 'index') return 64;
  return null;
}

export const isIntLike = (t: Type): boolean => intWidth(t) !== null;

export function sameType(a: Type, b: Type): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const sameValue = (a: Value, b: Value): boolean => vkey(a) === vkey(b);

/** A name no value of `fn` has: `mut0`, `mut1`, ... */
export function freshNamer(fn: Operation): () => string {
  const taken = new Set<string>();
  const visit = (op: Operation) => {
    for (const r of op.results) taken.add(r.name);
    for (const reg of op.regions) {
      for (const b of reg.blocks) {
        for (const a of b.args) taken.add(a.name);
        for (const inner of b.ops) visit(inner);
      }
    }
  };
  visit(fn);
  let k = 0;
  return () => {
    while (taken.has(`mut${k}`)) k++;
    taken.add(`mut${k}`);
    return `mut${k}`;
  };
}

export function op(name: string, operands: Value[], results: Value[], properties: NamedAttr[] = []): Operation {
  const o: Operation = { kind: 'Operation', name, operands, results, properties, attributes: [], successors: [], regions: [] };
  defaultProps(o);
  return o;
}

// Inherent attributes that mlir-opt always prints for these ops, even at their default: a
// mutant carries them too, so it reads exactly like a pass's own output.
const DEFAULT_OVERFLOW: Record<string, string> = {
  'arith.addi': '#arith.overflow<none>', 'arith.subi': '#arith.overflow<none>', 'arith.muli': '#arith.overflow<none>',
  'arith.shli': '#arith.overflow<none>', 'llvm.add': '#llvm.overflow<none>', 'llvm.sub': '#llvm.overflow<none>',
  'llvm.mul': '#llvm.overflow<none>', 'llvm.shl': '#llvm.overflow<none>',
};

/** Adds the default `overflowFlags` an op of this name must show, when it has none. */
export function defaultProps(o: Operation): void {
  const flags = DEFAULT_OVERFLOW[o.name];
  if (flags && !getAttr(o.properties, 'overflowFlags')) setProp(o, 'overflowFlags', { kind: 'opaque', text: flags });
}

/** The integer attribute for `value` at `type`, wrapped to the type's width (as MLIR wants it). */
export function intAttr(value: bigint, type: Type): Attr {
  const w = intWidth(type) ?? 64;
  if (type.kind === 'integer' && w === 1) return { kind: 'bool', value: (value & 1n) === 1n };
  return { kind: 'int', value: BigInt.asIntN(w, value), type };
}

/** A constant op of `type` in the dialect (`arith.constant` / `llvm.mlir.constant`). */
export function constOp(dialect: Dialect, name: string, type: Type, value: bigint): Operation {
  const opName = dialect === 'llvm' ? 'llvm.mlir.constant' : 'arith.constant';
  return op(opName, [], [{ name, index: null, type }], [{ name: 'value', value: intAttr(value, type) }]);
}

/** The value of an integer constant op, or null. */
export function constValue(o: Operation | undefined): bigint | null {
  if (!o || (o.name !== 'arith.constant' && o.name !== 'llvm.mlir.constant')) return null;
  const a = getAttr(o.properties, 'value') ?? getAttr(o.attributes, 'value');
  if (!a) return null;
  if (a.kind === 'int') return a.value;
  if (a.kind === 'bool') return a.value ? 1n : 0n;
  return null;
}

const BIN: Record<Dialect, Record<'add' | 'sub' | 'xor', string>> = {
  arith: { add: 'arith.addi', sub: 'arith.subi', xor: 'arith.xori' },
  llvm: { add: 'llvm.add', sub: 'llvm.sub', xor: 'llvm.xor' },
};

export function binOp(dialect: Dialect, kind: 'add' | 'sub' | 'xor', name: string, a: Value, b: Value): Operation {
  return op(BIN[dialect][kind], [a, b], [{ name, index: null, type: a.type }]);
}

/** `v + delta` as two new ops (a constant and the add) for the value `v`. */
export function offsetOps(dialect: Dialect, fresh: () => string, v: Value, delta: bigint): { ops: Operation[]; result: Value } {
  const c = constOp(dialect, fresh(), v.type, delta < 0n ? -delta : delta);
  const add = binOp(dialect, delta < 0n ? 'sub' : 'add', fresh(), v, c.results[0]!);
  return { ops: [c, add], result: add.results[0]! };
}

export function insertBefore(block: Block, index: number, ops: Operation[]): void {
  block.ops.splice(index, 0, ...ops);
}

/** Replaces every use of `from` inside `fn` (operands and successor arguments) by `to`,
 *  except in the ops of `skip`. */
export function replaceUses(fn: Operation, from: Value, to: Value, skip: ReadonlySet<Operation> = new Set()): number {
  const k = vkey(from);
  let n = 0;
  const swap = (list: Value[]) => {
    for (let i = 0; i < list.length; i++) {
      if (vkey(list[i]!) === k) {
        list[i] = { ...to };
        n++;
      }
    }
  };
  const visit = (o: Operation) => {
    if (!skip.has(o)) {
      swap(o.operands);
      for (const s of o.successors) swap(s.args);
    }
    for (const r of o.regions) for (const b of r.blocks) for (const inner of b.ops) visit(inner);
  };
  for (const r of fn.regions) for (const b of r.blocks) for (const inner of b.ops) visit(inner);
  return n;
}

/** Sets (or replaces) an inherent attribute, keeping the list sorted by name as MLIR does. */
export function setProp(o: Operation, name: string, value: Attr): void {
  const k = o.properties.findIndex((p) => p.name === name);
  if (k >= 0) o.properties[k] = { name, value };
  else {
    o.properties.push({ name, value });
    o.properties.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** A zero of `type` as an attribute, for the scalar types a call may return; null otherwise. */
export function zeroAttr(type: Type): Attr | null {
  if (isIntLike(type)) return intAttr(0n, type);
  if (type.kind === 'float') return { kind: 'float', value: 0, type };
  return null;
}
