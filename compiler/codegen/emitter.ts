// The text builder for one MLIR function: indented lines, fresh SSA names, constants
// shared within a region (and visible in the regions nested in it), and the environment
// from Core variables to their current SSA values. Everything is appended in the order
// the Core tree is walked, so the same Core gives the same text.
import type { CExpr, CoreFn } from '../core/core.ts';
import type { Span } from '../syntax/ast.ts';
import type { Type } from '../types/types.ts';
import type { ModuleState } from './module-state.ts';
import type { LoopWitness } from './witness.ts';

/** One MLIR value: its SSA name and MLIR type. */
export type V = { ssa: string; ty: string };
/** A Clef value: its flattened components (none for unit). */
export type Vals = V[];

export type FnState = {
  mod: ModuleState;
  core: CoreFn;
  symbol: string;
  lines: string[];
  depth: number;
  next: number;
  /** Core variable -> its current components (a mutable's change as it is assigned). */
  env: Map<string, Vals>;
  /** Constants by `value : type`, one map per open region, innermost last. */
  consts: Map<string, string>[];
  loops: LoopWitness[];
  /** Whether a join marker was emitted (the function then starts with its slot). */
  marked: boolean;
  /** The expression code generator (passed in, so the per-construct files do not import
   *  each other in a cycle). */
  gen: (f: FnState, e: CExpr) => Vals;
};

export function emit(f: FnState, line: string): void {
  f.lines.push('  '.repeat(f.depth) + line);
}

/** A readable, unique SSA name: the hint (a Core variable name) and a counter. */
export function fresh(f: FnState, hint = ''): string {
  const h = hint.replace(/[^A-Za-z0-9_$.]/g, '_');
  return h === '' || /^[0-9]/.test(h) ? `%${f.next++}` : `%${h}_${f.next++}`;
}

/** Emits `%r = <text>` and returns the result. */
export function op(f: FnState, ty: string, text: string, hint = ''): V {
  const ssa = fresh(f, hint);
  emit(f, `${ssa} = ${text}`);
  return { ssa, ty };
}

/** Emits an op with `types.length` results: `%r:n = <text>` (or `%r = ` for one, nothing
 *  for none) and returns them. */
export function opN(f: FnState, types: string[], text: string, hint = ''): Vals {
  if (types.length === 0) {
    emit(f, text);
    return [];
  }
  const ssa = fresh(f, hint);
  if (types.length === 1) {
    emit(f, `${ssa} = ${text}`);
    return [{ ssa, ty: types[0]! }];
  }
  emit(f, `${ssa}:${types.length} = ${text}`);
  return types.map((ty, i) => ({ ssa: `${ssa}#${i}`, ty }));
}

export function typesOf(vs: Vals): string {
  return vs.map((v) => v.ty).join(', ');
}

export function names(vs: Vals): string {
  return vs.map((v) => v.ssa).join(', ');
}

/** `(a, b)` for a result type list; a single type without parentheses. */
export function resultList(types: string[]): string {
  return types.length === 1 ? types[0]! : `(${types.join(', ')})`;
}

function constant(f: FnState, text: string, ty: string, hint: string): V {
  // `true`/`false` carry their type (i1); MLIR rejects an explicit one.
  const key = ty === 'i1' ? text : `${text} : ${ty}`;
  for (let i = f.consts.length - 1; i >= 0; i--) {
    const hit = f.consts[i]!.get(key);
    if (hit) return { ssa: hit, ty };
  }
  const v = op(f, ty, `arith.constant ${key}`, hint);
  f.consts[f.consts.length - 1]!.set(key, v.ssa);
  return v;
}

/** An integer constant of MLIR type `ty` (iN or index), printed as a signed value. */
export function constInt(f: FnState, value: bigint | number, ty: string): V {
  let v = BigInt(value);
  if (ty === 'i1') return constant(f, v & 1n ? 'true' : 'false', 'i1', v & 1n ? 'true' : 'false');
  if (ty !== 'index') v = BigInt.asIntN(Number(ty.slice(1)), v);
  return constant(f, v.toString(), ty, `c${v < 0n ? 'm' + -v : v}`);
}

export function constBool(f: FnState, b: boolean): V {
  return constInt(f, b ? 1 : 0, 'i1');
}

export function constIndex(f: FnState, n: number | bigint): V {
  return constInt(f, n, 'index');
}

/** A float constant: decimal when it reads back exactly, else the bit pattern. */
export function constFloat(f: FnState, x: number, ty: 'f32' | 'f64'): V {
  return constant(f, floatLiteral(x, ty), ty, 'cst');
}

export function floatLiteral(x: number, ty: 'f32' | 'f64'): string {
  if (!Number.isFinite(x)) return floatBits(x, ty);
  if (ty === 'f32' && Math.fround(x) !== x) x = Math.fround(x);
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  // MLIR's float literal needs a '.' before any exponent.
  const m = /^(-?\d+)(\.\d+)?(e[+-]?\d+)?$/.exec(s);
  if (!m) return floatBits(x, ty);
  return `${m[1]}${m[2] ?? '.0'}${m[3] ?? ''}`;
}

function floatBits(x: number, ty: 'f32' | 'f64'): string {
  const b = new DataView(new ArrayBuffer(8));
  if (ty === 'f32') {
    b.setFloat32(0, x);
    return '0x' + b.getUint32(0).toString(16).toUpperCase().padStart(8, '0');
  }
  b.setFloat64(0, x);
  return '0x' + b.getBigUint64(0).toString(16).toUpperCase().padStart(16, '0');
}

// Join markers. mlir-opt 19's --expand-strided-metadata runs the greedy rewriter with
// aggressive region simplification, whose block merging (mergeIdenticalBlocks) merges two
// blocks that differ only in operands and turns those operands into successor operands of
// the predecessors' terminators — by then `llvm.cond_br`, which rejects memref and index
// operands (upstream llvm/llvm-project#193187). After convert-scf-to-cf, the only blocks
// that share their successors are the two edges into a join: the then/else ends of an
// scf.if, and the entry and back edge of a loop header. A store to a private stack byte
// as the last op of every then-region and loop body makes those ends differ (the else
// end and the loop entry never end with it), so nothing is merged. clang -O2 deletes the
// slot and its stores; translation validation sees a store to memory no caller can see.
export const MARK_SLOT = ['%mark = memref.alloca() : memref<1xi8>', '%mark_i = arith.constant 0 : index', '%mark_v = arith.constant 0 : i8'];

export function joinMarker(f: FnState): void {
  f.marked = true;
  emit(f, 'memref.store %mark_v, %mark[%mark_i] : memref<1xi8>');
}

/** Runs `body` inside a new region scope (constants defined there stay there). */
export function inRegion<R>(f: FnState, body: () => R): R {
  f.depth++;
  f.consts.push(new Map());
  try {
    return body();
  } finally {
    f.consts.pop();
    f.depth--;
  }
}

/** An internal error: Core that the elaborator promises never to produce. */
export function internal(span: Span, msg: string): Error {
  return new Error(`internal error in compiler/codegen at ${span.file}:${span.line}:${span.col}: ${msg}`);
}

export function env(f: FnState, name: string, span: Span): Vals {
  const v = f.env.get(name);
  if (!v) throw internal(span, `unbound Core variable ${name} in ${f.core.name}`);
  return v;
}

/** Integer width of an int-like Clef type (char is 32 bits, unsigned). */
export function intInfo(t: Type): { bits: number; signed: boolean } | null {
  if (t.kind === 'int') return { bits: t.bits, signed: t.signed };
  if (t.kind === 'char') return { bits: 32, signed: false };
  if (t.kind === 'bool') return { bits: 1, signed: false };
  return null;
}
