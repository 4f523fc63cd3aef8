// What the semantics needs to know about a module: its functions (func.func / llvm.func, with
// or without a body) and its globals (memref.global / llvm.mlir.global: size, read-only,
// initial bytes). Global block ids come from a name table that two modules of a pair share.
import type { Attr, DenseElement, Module, Operation, Region, Type } from '../../../compiler/mlir/ir.ts';
import { opAttr, topModule, walk } from '../../../compiler/mlir/ir.ts';
import { layoutOf, noteStatedLayout } from './layout.ts';
import { GLOBAL_BASE } from './memory.ts';
import { floatWidth, intWidth, Unsupported } from './values.ts';

export type FuncInfo = {
  name: string;
  op: Operation;
  /** null for a declaration. */
  body: Region | null;
  params: Type[];
  results: Type[];
  dialect: 'func' | 'llvm';
};

export type GlobalInfo = {
  name: string;
  size: number;
  align: number;
  readonly: boolean;
  /** Initial bytes, or null when the global has no initializer (or an unsupported one). */
  init: Uint8Array | null;
  /** Why `init` is null when it should not be. */
  initProblem?: string;
};

export type ModuleInfo = {
  module: Module;
  funcs: Map<string, FuncInfo>;
  globals: Map<string, GlobalInfo>;
};

function topOps(m: Module): Operation[] {
  const top = topModule(m);
  if (top) return top.regions[0]?.blocks[0]?.ops ?? [];
  return m.ops;
}

function symName(op: Operation): string {
  const a = opAttr(op, 'sym_name');
  if (!a || a.kind !== 'string') throw new Unsupported(`${op.name} without a name`);
  return a.value;
}

export function moduleInfo(m: Module): ModuleInfo {
  const funcs = new Map<string, FuncInfo>();
  const globals = new Map<string, GlobalInfo>();
  for (const op of topOps(m)) {
    if (op.name === 'func.func' || op.name === 'llvm.func') {
      const name = symName(op);
      const ft = opAttr(op, 'function_type');
      if (!ft || ft.kind !== 'type') throw new Unsupported(`${op.name} @${name} without a type`);
      const t = ft.type;
      const body = op.regions[0] && op.regions[0].blocks.length > 0 ? op.regions[0] : null;
      if (t.kind === 'function') funcs.set(name, { name, op, body, params: t.inputs, results: t.results, dialect: 'func' });
      else if (t.kind === 'llvm.func') {
        if (t.varArg) throw new Unsupported(`variadic llvm.func @${name}`);
        funcs.set(name, { name, op, body, params: t.params, results: t.result.kind === 'llvm.void' ? [] : [t.result], dialect: 'llvm' });
      }
    } else if (op.name === 'memref.global') {
      globals.set(symName(op), memrefGlobal(op));
    } else if (op.name === 'llvm.mlir.global') {
      globals.set(symName(op), llvmGlobal(op));
    }
  }
  // a stated data layout (x86-64's: others are unsupported) decides the alignments
  // mlir-translate writes where an op has none (layout.ts implicitAlign)
  const top = topModule(m);
  const dl = top && opAttr(top, 'llvm.data_layout');
  if (top && dl && dl.kind === 'string' && dl.value !== '') noteStatedLayout(walk([top]));
  return { module: m, funcs, globals };
}

function memrefGlobal(op: Operation): GlobalInfo {
  const name = symName(op);
  const ta = opAttr(op, 'type');
  if (!ta || ta.kind !== 'type' || ta.type.kind !== 'memref' || ta.type.shape.some((s) => s === null)) {
    throw new Unsupported(`memref.global @${name} of a dynamic or non-memref type`);
  }
  const t = ta.type;
  const count = t.shape.reduce<number>((a, s) => a * (s as number), 1);
  const el = layoutOf(t.element);
  const readonly = opAttr(op, 'constant') !== undefined;
  const iv = opAttr(op, 'initial_value');
  const g: GlobalInfo = { name, size: count * el.size, align: Math.max(el.align, alignmentAttr(op)), readonly, init: null };
  if (iv && iv.kind === 'dense') {
    try {
      g.init = denseBytes(iv, t.element, count);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      g.initProblem = e.what;
    }
  } else if (iv && iv.kind !== 'unit') g.initProblem = `initial value ${iv.kind}`;
  return g;
}

function llvmGlobal(op: Operation): GlobalInfo {
  const name = symName(op);
  const ta = opAttr(op, 'global_type');
  if (!ta || ta.kind !== 'type') throw new Unsupported(`llvm.mlir.global @${name} without a type`);
  const t = ta.type;
  const l = layoutOf(t);
  const readonly = opAttr(op, 'constant') !== undefined;
  const g: GlobalInfo = { name, size: l.size, align: Math.max(l.align, alignmentAttr(op)), readonly, init: null };
  if (op.regions.length > 0 && op.regions[0]!.blocks.length > 0) {
    g.initProblem = 'an initializer region';
    return g;
  }
  const v = opAttr(op, 'value');
  if (!v) return g;
  try {
    g.init = attrBytes(v, t);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    g.initProblem = e.what;
  }
  return g;
}

function alignmentAttr(op: Operation): number {
  const a = opAttr(op, 'alignment');
  return a && a.kind === 'int' ? Number(a.value) : 1;
}

/** The bytes of a global's initial value of type t. */
function attrBytes(a: Attr, t: Type): Uint8Array {
  if (t.kind === 'llvm.array') {
    let el: Type = t.element;
    let count = t.size;
    while (el.kind === 'llvm.array') {
      count *= el.size;
      el = el.element;
    }
    if (a.kind === 'dense') return denseBytes(a, el, count);
    if (a.kind === 'string') {
      const out = new Uint8Array(layoutOf(t).size);
      for (let i = 0; i < a.value.length && i < out.length; i++) out[i] = a.value.charCodeAt(i);
      return out;
    }
  }
  if (a.kind === 'int' || a.kind === 'float' || a.kind === 'bool') {
    const out = new Uint8Array(layoutOf(t).size);
    writeScalar(out, 0, a.kind === 'bool' ? a.value : a.value, t, a.kind === 'float' ? a.bits : undefined);
    return out;
  }
  throw new Unsupported(`global initializer ${a.kind} of type ${t.kind}`);
}

function denseBytes(a: Attr & { kind: 'dense' }, el: Type, count: number): Uint8Array {
  const size = layoutOf(el).size;
  const out = new Uint8Array(count * size);
  if (a.data.kind === 'empty') return out;
  if (a.data.kind === 'hex') {
    const hex = a.data.hex.replace(/^0x/i, '');
    const bytes = hex.length / 2;
    if (bytes === size) {
      for (let k = 0; k < count; k++) for (let b = 0; b < size; b++) out[k * size + b] = parseInt(hex.slice(2 * b, 2 * b + 2), 16);
    } else if (bytes === count * size) {
      for (let b = 0; b < bytes; b++) out[b] = parseInt(hex.slice(2 * b, 2 * b + 2), 16);
    } else throw new Unsupported('dense hex initializer of an unexpected size');
    return out;
  }
  const flat: DenseElement[] = [];
  const walk = (x: DenseElement) => (Array.isArray(x) ? x.forEach(walk) : flat.push(x));
  walk(a.data.value);
  if (flat.length === 1 && count !== 1) for (let k = 0; k < count; k++) writeScalar(out, k * size, flat[0]!, el);
  else if (flat.length === count) flat.forEach((x, k) => writeScalar(out, k * size, x, el));
  else throw new Unsupported('dense initializer with a wrong element count');
  return out;
}

function writeScalar(out: Uint8Array, at: number, x: DenseElement, t: Type, bitsText?: string): void {
  const size = layoutOf(t).size;
  let bits: bigint;
  const w = intWidth(t);
  const fw = floatWidth(t);
  if (w !== null) {
    if (typeof x === 'boolean') bits = x ? 1n : 0n;
    else if (typeof x === 'bigint') bits = BigInt.asUintN(w, x);
    else if (typeof x === 'number') bits = BigInt.asUintN(w, BigInt(x));
    else throw new Unsupported('string in an integer initializer');
  } else if (fw === 32 || fw === 64) {
    if (bitsText) bits = BigInt(bitsText);
    else {
      const dv = new DataView(new ArrayBuffer(8));
      const n = typeof x === 'number' ? x : Number(x as bigint);
      if (fw === 64) {
        dv.setFloat64(0, n);
        bits = dv.getBigUint64(0);
      } else {
        dv.setFloat32(0, n);
        bits = BigInt(dv.getUint32(0));
      }
    }
  } else throw new Unsupported(`initializer of ${t.kind}`);
  for (let b = 0; b < size; b++) out[at + b] = Number((bits >> BigInt(8 * b)) & 0xffn);
}

/** Global block ids for the union of the globals of some modules (a pair shares one). */
export function globalIds(infos: ModuleInfo[]): Map<string, number> {
  const names = new Set<string>();
  for (const i of infos) for (const n of i.globals.keys()) names.add(n);
  const ids = new Map<string, number>();
  [...names].sort().forEach((n, k) => ids.set(n, GLOBAL_BASE + k));
  return ids;
}
