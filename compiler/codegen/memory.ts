// Memory: pointers and spans are `memref<?xS, strided<[1], offset: ?>>` views, one per
// scalar of the element type (lower-types.ts). Stack memory is memref.alloca; an arena is
// a stack byte block with a counter of the bytes in use (each allocation aligned to its
// element size, a typed memref.view into the block); a region allocation is a
// memref.alloc byte block handed to the runtime, which frees it on release; statics are
// memref.globals. Obligations (bounds, liveness, capacity) generate no code.
// Fresh memory reads as zero in Clef (the interpreter, the Core semantics): every view a
// stack, arena or region allocation returns is handed to the runtime's clef_zero_S right
// away (runtime-abi.ts) — one call, not a fill loop, so translation validation sees one
// memory effect (ops.ts in the MLIR semantics) instead of a loop without a Core twin.
import type { CExpr, StaticData } from '../core/core.ts';
import type { Type } from '../types/types.ts';
import { showType } from '../types/types.ts';
import { intToI64, intToIndex, indexToInt } from './arith.ts';
import { constIndex, constInt, emit, floatLiteral, fresh, internal, op, type FnState, type V, type Vals } from './emitter.ts';
import { elementLayout } from './layout.ts';
import { ARENA_BLOCK, ARENA_USED, elementScalars, isStringSpan, STRING, unsupported, viewType } from './lower-types.ts';
import { symbol, useRuntime } from './module-state.ts';
import { zeroFn } from './runtime-abi.ts';
import { argString, copyLoop } from './strings.ts';

type Node<K extends CExpr['kind']> = CExpr & { kind: K };

function scalarOfView(ty: string): string {
  const m = /^memref<\?x([a-z0-9]+), strided/.exec(ty);
  if (!m) throw new Error(`internal error in compiler/codegen: not a view type: ${ty}`);
  return m[1]!;
}

function elemOf(t: Type, e: CExpr): Type {
  if (t.kind === 'ptr' || t.kind === 'span') return t.elem;
  throw internal(e.span, `${e.kind} on a value of type ${showType(t)}`);
}

function dim(f: FnState, m: V): V {
  return op(f, 'index', `memref.dim ${m.ssa}, ${constIndex(f, 0).ssa} : ${m.ty}`, 'dim');
}

function toView(f: FnState, m: V, s: string): V {
  const ty = viewType(s);
  return op(f, ty, `memref.cast ${m.ssa} : ${m.ty} to ${ty}`, 'view');
}

/** The view of `len` elements of `m` starting at element `at`. At offset 0 this is a
 *  memref.subview; at any other offset it is the source's offset plus `at` in a
 *  memref.reinterpret_cast, because --expand-strided-metadata rewrites a subview at a
 *  non-zero offset into affine.apply, which nothing in the fixed pipeline lowers. */
function subview(f: FnState, m: V, at: V | 0, len: V): V {
  if (at === 0) return op(f, m.ty, `memref.subview ${m.ssa}[0][${len.ssa}][1] : ${m.ty} to ${m.ty}`, 'sub');
  const s = scalarOfView(m.ty);
  const base = fresh(f, 'base');
  emit(f, `${base}:4 = memref.extract_strided_metadata ${m.ssa} : ${m.ty} -> memref<${s}>, index, index, index`);
  const off = op(f, 'index', `arith.addi ${base}#1, ${at.ssa} : index`);
  return op(f, m.ty, `memref.reinterpret_cast ${m.ssa} to offset: [${off.ssa}], sizes: [${len.ssa}], strides: [1] : ${m.ty} to ${m.ty}`, 'sub');
}

/** Sets every element of the fresh views to zero (clef_zero_S, one call per view). */
function zeroViews(f: FnState, views: Vals): Vals {
  for (const v of views) {
    const fn = useRuntime(f.mod, zeroFn(scalarOfView(v.ty)));
    emit(f, `func.call ${fn}(${v.ssa}) : (${v.ty}) -> ()`);
  }
  return views;
}

function index(f: FnState, e: CExpr): V {
  return intToIndex(f, f.gen(f, e)[0]!, e.ty);
}

function i64(f: FnState, e: CExpr): V {
  return intToI64(f, f.gen(f, e)[0]!, e.ty);
}

function ofI64(f: FnState, v: V): V {
  return op(f, 'index', `arith.index_cast ${v.ssa} : i64 to index`);
}

function bin(f: FnState, name: string, a: V, b: V): V {
  return op(f, a.ty, `arith.${name} ${a.ssa}, ${b.ssa} : ${a.ty}`);
}

export function genStackAlloc(f: FnState, e: Node<'StackAlloc'>): Vals {
  const scalars = elementScalars(f.mod.types, e.elem, e.span);
  const k = e.count.kind === 'Const' && typeof e.count.value === 'bigint' && e.count.value >= 0n ? e.count.value : null;
  const n = k === null ? index(f, e.count) : null;
  return zeroViews(f, scalars.map((s) => {
    const m = n ? op(f, `memref<?x${s}>`, `memref.alloca(${n.ssa}) : memref<?x${s}>`, 'stack') : op(f, `memref<${k}x${s}>`, `memref.alloca() : memref<${k}x${s}>`, 'stack');
    return toView(f, m, s);
  }));
}

export function genPtrAdd(f: FnState, e: Node<'PtrAdd'>): Vals {
  const p = f.gen(f, e.ptr);
  const k = index(f, e.offset);
  return p.map((m) => subview(f, m, k, op(f, 'index', `arith.subi ${dim(f, m).ssa}, ${k.ssa} : index`)));
}

export function genLoad(f: FnState, e: Node<'Load'>): Vals {
  const t = f.gen(f, e.target);
  if (isStringSpan(e.target.ty)) {
    const i = op(f, 'i64', `arith.addi ${t[0]!.ssa}, ${i64(f, e.index).ssa} : i64`);
    return [argString(f, i)];
  }
  const i = index(f, e.index);
  return t.map((m) => op(f, scalarOfView(m.ty), `memref.load ${m.ssa}[${i.ssa}] : ${m.ty}`));
}

export function genStore(f: FnState, e: Node<'Store'>): Vals {
  if (isStringSpan(e.target.ty)) return unsupported(e.span, 'storing into a Span<string> (the command line is read-only)');
  const t = f.gen(f, e.target);
  const i = index(f, e.index);
  const v = f.gen(f, e.value);
  if (v.length !== t.length) throw internal(e.span, `a store of ${v.length} components into ${t.length}`);
  t.forEach((m, k) => emit(f, `memref.store ${v[k]!.ssa}, ${m.ssa}[${i.ssa}] : ${m.ty}`));
  return [];
}

export function genSpanOfPtr(f: FnState, e: Node<'SpanOfPtr'>): Vals {
  const p = f.gen(f, e.ptr);
  const n = index(f, e.length);
  return p.map((m) => subview(f, m, 0, n));
}

export function genSpanSlice(f: FnState, e: Node<'SpanSlice'>): Vals {
  const s = f.gen(f, e.source);
  if (isStringSpan(e.source.ty)) {
    const start = op(f, 'i64', `arith.addi ${s[0]!.ssa}, ${i64(f, e.start).ssa} : i64`);
    return [start, i64(f, e.length)];
  }
  const at = index(f, e.start);
  const n = index(f, e.length);
  return s.map((m) => subview(f, m, at, n));
}

/** Span length, or a pointer's extent (elements to the end of its block). */
export function genLength(f: FnState, e: Node<'SpanLength'> | Node<'Extent'>): Vals {
  const src = e.kind === 'SpanLength' ? e.source : e.ptr;
  const s = f.gen(f, src);
  if (isStringSpan(src.ty)) return [intToWidth(f, s[1]!, e.ty)];
  return [indexToInt(f, dim(f, s[0]!), e.ty)];
}

function intToWidth(f: FnState, v: V, t: Type): V {
  const bits = t.kind === 'int' ? t.bits : 64;
  return bits === 64 ? v : op(f, `i${bits}`, `arith.trunci ${v.ssa} : i64 to i${bits}`);
}

// ---- Statics

function staticInit(values: StaticData['values'], s: string): string {
  const lit = (v: StaticData['values'][number]): string => {
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return floatLiteral(v, s as 'f32' | 'f64');
    if (typeof v === 'bigint') return BigInt.asIntN(Number(s.slice(1)), v).toString();
    throw new Error(`internal error in compiler/codegen: static value ${String(v)} of type ${s}`);
  };
  const zero = s === 'i1' ? 'false' : s.startsWith('f') ? '0.0' : '0';
  if (values.length === 0) return zero;
  const texts = values.map(lit);
  return texts.every((t) => t === texts[0]) ? texts[0]! : `[${texts.join(', ')}]`;
}

/** The memref.globals of the program's statics (mutable: arrays can be written). */
export function staticGlobals(f: { mod: FnState['mod'] }): string[] {
  const out: string[] = [];
  for (const st of f.mod.prog.statics) {
    const scalars = elementScalars(f.mod.types, st.elem, st.span);
    if (scalars.length !== 1) return unsupported(st.span, `a static array of ${showType(st.elem)}`);
    const s = scalars[0]!;
    const sym = symbol(`static.${st.name}`);
    f.mod.staticSymbols.set(st.name, [sym]);
    out.push(`memref.global "private" ${sym} : memref<${st.values.length}x${s}> = dense<${staticInit(st.values, s)}>`);
  }
  return out;
}

export function genStatic(f: FnState, e: Node<'Static'>): Vals {
  const syms = f.mod.staticSymbols.get(e.name);
  const st = f.mod.prog.statics.find((x) => x.name === e.name);
  if (!syms || !st) throw internal(e.span, `unknown static ${e.name}`);
  const s = elementScalars(f.mod.types, st.elem, st.span)[0]!;
  const fixed = `memref<${st.values.length}x${s}>`;
  return syms.map((sym) => toView(f, op(f, fixed, `memref.get_global ${sym} : ${fixed}`, 'static'), s));
}

// ---- Arenas and regions

export function genArenaCreate(f: FnState, e: Node<'ArenaCreate'>): Vals {
  const fixed = `memref<${e.capacity}xi8>`;
  // 16: the block is viewed as elements of up to 8 bytes (memref.view), and LLVM takes an
  // i8 alloca as aligned to 1 only (LangRef: a load with more alignment than its address has
  // is UB; found by review 12); 16 as malloc gives a region's blocks
  const block = op(f, fixed, `memref.alloca() {alignment = 16 : i64} : ${fixed}`, 'arena');
  const buf = op(f, ARENA_BLOCK, `memref.cast ${block.ssa} : ${fixed} to ${ARENA_BLOCK}`, 'arena');
  const used = op(f, ARENA_USED, `memref.alloca() : ${ARENA_USED}`, 'used');
  emit(f, `memref.store ${constInt(f, 0, 'i64').ssa}, ${used.ssa}[${constIndex(f, 0).ssa}] : ${ARENA_USED}`);
  return [buf, used];
}

/** Typed views of `count` (i64) elements of `elem` at byte `at` (i64) of `buf`. */
function viewsAt(f: FnState, buf: V, at: V, count: V, elem: Type, e: CExpr): Vals {
  const { slabs } = elementLayout(f.mod.types, elem, e.span);
  const n = ofI64(f, count);
  return slabs.map((sl) => {
    const byte = sl.offset === 0 ? at : bin(f, 'addi', at, bin(f, 'muli', count, constInt(f, sl.offset, 'i64')));
    const v = op(f, `memref<?x${sl.mlir}>`, `memref.view ${buf.ssa}[${ofI64(f, byte).ssa}][${n.ssa}] : ${ARENA_BLOCK} to memref<?x${sl.mlir}>`, 'view');
    return toView(f, v, sl.mlir);
  });
}

/** Bump allocation: the offset rounded up to the element size, then `count` elements
 *  (zeroed unless the caller overwrites them all). */
function arenaAlloc(f: FnState, arena: Vals, elem: Type, count: V, e: CExpr, zero: boolean): Vals {
  const [buf, used] = arena as [V, V];
  const size = elementLayout(f.mod.types, elem, e.span).layout.size;
  const c0 = constIndex(f, 0);
  const u = op(f, 'i64', `memref.load ${used.ssa}[${c0.ssa}] : ${ARENA_USED}`, 'used');
  const sz = constInt(f, size, 'i64');
  const at = size <= 1 ? u : bin(f, 'muli', bin(f, 'divui', bin(f, 'addi', u, constInt(f, size - 1, 'i64')), sz), sz);
  const end = bin(f, 'addi', at, bin(f, 'muli', count, sz));
  emit(f, `memref.store ${end.ssa}, ${used.ssa}[${c0.ssa}] : ${ARENA_USED}`);
  const views = viewsAt(f, buf, at, count, elem, e);
  return zero ? zeroViews(f, views) : views;
}

export function genArenaAlloc(f: FnState, e: Node<'ArenaAlloc'>): Vals {
  const arena = f.gen(f, e.arena);
  return arenaAlloc(f, arena, e.elem, i64(f, e.count), e, true);
}

export function genArenaRemaining(f: FnState, e: Node<'ArenaRemaining'>): Vals {
  const [buf, used] = f.gen(f, e.arena) as [V, V];
  const cap = op(f, 'i64', `arith.index_cast ${dim(f, buf).ssa} : index to i64`);
  const u = op(f, 'i64', `memref.load ${used.ssa}[${constIndex(f, 0).ssa}] : ${ARENA_USED}`, 'used');
  return [intToWidth(f, bin(f, 'subi', cap, u), e.ty)];
}

export function genArenaReset(f: FnState, e: Node<'ArenaReset'>): Vals {
  const [, used] = f.gen(f, e.arena) as [V, V];
  emit(f, `memref.store ${constInt(f, 0, 'i64').ssa}, ${used.ssa}[${constIndex(f, 0).ssa}] : ${ARENA_USED}`);
  return [];
}

export function genRegionCreate(f: FnState): Vals {
  return [op(f, 'i64', `func.call ${useRuntime(f.mod, 'clef_region_create')}() : () -> i64`, 'region')];
}

export function genRegionAlloc(f: FnState, e: Node<'RegionAlloc'>): Vals {
  const [h] = f.gen(f, e.region) as [V];
  const count = i64(f, e.count);
  const size = elementLayout(f.mod.types, e.elem, e.span).layout.size;
  const bytes = bin(f, 'muli', count, constInt(f, size, 'i64'));
  const buf = op(f, STRING, `memref.alloc(${ofI64(f, bytes).ssa}) : ${STRING}`, 'block');
  emit(f, `func.call ${useRuntime(f.mod, 'clef_region_track')}(${h.ssa}, ${buf.ssa}) : (i64, ${STRING}) -> ()`);
  return zeroViews(f, viewsAt(f, buf, constInt(f, 0, 'i64'), count, e.elem, e));
}

export function genRegionRelease(f: FnState, e: Node<'RegionRelease'>): Vals {
  const [h] = f.gen(f, e.region) as [V];
  emit(f, `func.call ${useRuntime(f.mod, 'clef_region_release')}(${h.ssa}) : (i64) -> ()`);
  return [];
}

/** Region.copyOut: the span's elements copied into a fresh arena allocation. */
export function genRegionCopyOut(f: FnState, e: Node<'RegionCopyOut'>): Vals {
  const arena = f.gen(f, e.arena);
  const src = f.gen(f, e.source);
  const elem = elemOf(e.source.ty, e);
  const n = dim(f, src[0]!);
  const count = op(f, 'i64', `arith.index_cast ${n.ssa} : index to i64`);
  const dst = arenaAlloc(f, arena, elem, count, e, false); // every element is copied
  const c0 = constIndex(f, 0);
  src.forEach((s, k) => copyLoop(f, s, c0, dst[k]!, c0, n, scalarOfView(s.ty)));
  return dst;
}
