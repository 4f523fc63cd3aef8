// Memory nodes over the symbolic memory (memory.ts), with the concrete interpreter's checks
// in the same order (../memops.ts): a dead block first, then the span's length, then the
// block's extent. Index arithmetic is done exactly in the math width.
import type { CExpr } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import type { Term } from '../../smt/term.ts';
import { sizeOf } from '../layout.ts';
import { fault, obligationOf, type Ctx, type State } from './context.ts';
import { evalE, mathOf } from './exec.ts';
import { resize } from './domain.ts';
import { deadByRelease, deadByReset, KIND, meta, readElem, setMeta, writeElem, zeroFill } from './memory.ts';
import { unsupported } from './unsupported.ts';
import { holdsReferences, UNIT, type SV } from './values.ts';

const KINDS = new Set([
  'StackAlloc', 'PtrAdd', 'Load', 'Store', 'SpanOfPtr', 'SpanSlice', 'SpanLength', 'Extent',
  'ArenaCreate', 'ArenaAlloc', 'ArenaRemaining', 'ArenaReset',
  'RegionCreate', 'RegionAlloc', 'RegionRelease', 'RegionCopyOut',
]);

type MemNode = CExpr & {
  kind: 'StackAlloc' | 'PtrAdd' | 'Load' | 'Store' | 'SpanOfPtr' | 'SpanSlice' | 'SpanLength' | 'Extent' | 'ArenaCreate' | 'ArenaAlloc' | 'ArenaRemaining' | 'ArenaReset' | 'RegionCreate' | 'RegionAlloc' | 'RegionRelease' | 'RegionCopyOut';
};

export function isMemoryKind(e: CExpr): e is MemNode {
  return KINDS.has(e.kind);
}

/** 2^53: the interpreter's indices are JS numbers; larger counts are NaN and fail every test. */
const JS_SAFE = 1n << 53n;

type Ref = { k: 'ptr'; block: Term; off: Term } | { k: 'span'; block: Term; off: Term; len: Term };

function refOf(v: SV, what: string): Ref {
  if (v.k !== 'ptr' && v.k !== 'span') return unsupported(`${what} of a ${v.k}`);
  return v;
}

/** Helpers in math width M. */
function mw(cx: Ctx) {
  const { F } = cx;
  const M = cx.D.mathBits;
  return {
    m: (t: Term, signed = true) => resize(F, t, M, signed),
    k: (n: bigint | number) => F.bv(n, M),
    le: (a: Term, b: Term) => F.app('bvsle', [a, b]),
    lt: (a: Term, b: Term) => F.app('bvslt', [a, b]),
    add: (a: Term, b: Term) => F.app('bvadd', [a, b]),
    low64: (a: Term) => F.extract(63, 0, a),
  };
}

/** Liveness checks of an access to `block` (reported at the node's obligations). */
function liveness(cx: Ctx, st: State, e: CExpr, block: Term): void {
  fault(cx, st, e, 'use-after-reset', deadByReset(cx.F, st.mem, block), 'arena memory used after Arena.reset');
  fault(cx, st, e, 'use-after-release', deadByRelease(cx.F, st.mem, block), 'region memory used after the region was released');
}

/** Checks `target.[index]` and returns the block and element index. */
function element(cx: Ctx, st: State, e: CExpr, target: Ref, index: SV, indexTy: Type): { block: Term; i: Term } {
  const { F } = cx;
  const x = mw(cx);
  liveness(cx, st, e, target.block);
  const k = mathOf(cx, index, indexTy);
  const pos = x.add(x.m(target.off), k);
  const size = x.m(meta(F, st.mem, 'size', target.block));
  const inBlock = F.and(x.le(x.k(0), pos), x.lt(pos, size));
  const ok = target.k === 'span' ? F.and(x.le(x.k(0), k), x.lt(k, x.m(target.len)), inBlock) : inBlock;
  fault(cx, st, e, 'bounds', F.not(ok), 'index outside its span or block');
  return { block: target.block, i: x.low64(pos) };
}

function elemOf(t: Type): Type {
  if (t.kind === 'ptr' || t.kind === 'span') return t.elem;
  return unsupported(`element type of ${t.kind}`);
}

function ownId(cx: Ctx): Term {
  return cx.F.bv(cx.nextOwn++, 32);
}

/** `count` elements of `elem` from arena `a` (the interpreter's arenaAlloc): returns the new block. */
function arenaAllocate(cx: Ctx, st: State, e: CExpr, a: Term, elem: Type, countM: Term, zero: boolean): Term {
  const { F } = cx;
  const size = BigInt(sizeOf(elem, cx.prog.types));
  // wide enough for count * size + used without wrapping
  const W = Math.max(cx.D.mathBits, 66 + size.toString(2).length + 2);
  const w = (t: Term, signed = true) => resize(F, t, W, signed);
  const n = w(countM);
  const used = w(meta(F, st.mem, 'aused', a));
  const cap = w(meta(F, st.mem, 'acap', a));
  const start = size <= 1n ? used : F.app('bvmul', [F.app('bvudiv', [F.app('bvadd', [used, F.bv(size - 1n, W)]), F.bv(size, W)]), F.bv(size, W)]);
  const end = F.app('bvadd', [start, F.app('bvmul', [n, F.bv(size, W)])]);
  const bad = F.or(F.app('bvslt', [n, F.bv(0, W)]), F.app('bvsgt', [n, F.bv(JS_SAFE, W)]), F.app('bvsgt', [end, cap]));
  fault(cx, st, e, 'arena-capacity', bad, 'the allocation does not fit in the arena');
  setMeta(F, st.mem, 'aused', a, F.extract(63, 0, end));
  const b = ownId(cx);
  setMeta(F, st.mem, 'size', b, F.extract(63, 0, n));
  setMeta(F, st.mem, 'kind', b, F.bv(KIND.arena, 8));
  setMeta(F, st.mem, 'owner', b, a);
  setMeta(F, st.mem, 'bepoch', b, meta(F, st.mem, 'aepoch', a));
  if (zero) zeroFill(F, st.mem, cx.prog.types, elem, b);
  return b;
}

export function evalMemory(cx: Ctx, st: State, e: MemNode): SV {
  const { F } = cx;
  const x = mw(cx);
  switch (e.kind) {
    case 'StackAlloc': {
      const n = mathOf(cx, evalE(cx, st, e.count), e.count.ty);
      // checks on: the count must be positive (and a JS-safe number in the interpreter)
      fault(cx, st, e, 'bounds', F.or(x.le(n, x.k(0)), x.lt(x.k(JS_SAFE), n)), 'NativePtr.stackalloc of a count that is not positive');
      const b = ownId(cx);
      setMeta(F, st.mem, 'size', b, x.low64(n));
      setMeta(F, st.mem, 'kind', b, F.bv(KIND.stack, 8));
      zeroFill(F, st.mem, cx.prog.types, e.elem, b);
      return { k: 'ptr', block: b, off: F.bv(0, 64) };
    }
    case 'PtrAdd': {
      const p = refOf(evalE(cx, st, e.ptr), 'NativePtr.add');
      const k = mathOf(cx, evalE(cx, st, e.offset), e.offset.ty);
      const off = x.add(x.m(p.off), k);
      if (obligationOf(e, 'bounds')) {
        const size = x.m(meta(F, st.mem, 'size', p.block));
        fault(cx, st, e, 'bounds', F.not(F.and(x.le(x.k(0), off), x.le(off, size))), 'pointer moved outside its block');
      }
      return { k: 'ptr', block: p.block, off: x.low64(off) };
    }
    case 'Load': {
      const t = refOf(evalE(cx, st, e.target), 'load');
      const idx = evalE(cx, st, e.index);
      const { block, i } = element(cx, st, e, t, idx, e.index.ty);
      return readElem(F, st.mem, cx.prog.types, e.ty, block, i);
    }
    case 'Store': {
      const t = refOf(evalE(cx, st, e.target), 'store');
      const idx = evalE(cx, st, e.index);
      const v = evalE(cx, st, e.value);
      const { block, i } = element(cx, st, e, t, idx, e.index.ty);
      if (holdsReferences(e.value.ty, cx.prog.types)) unsupported('storing a pointer, span or handle in memory');
      writeElem(F, st.mem, cx.prog.types, elemOf(e.target.ty), block, i, v);
      return UNIT;
    }
    case 'SpanOfPtr': {
      const p = refOf(evalE(cx, st, e.ptr), 'Span.ofPtr');
      const n = mathOf(cx, evalE(cx, st, e.length), e.length.ty);
      const off = x.m(p.off);
      const size = x.m(meta(F, st.mem, 'size', p.block));
      const ok = F.and(x.le(x.k(0), n), x.le(x.k(0), off), x.le(x.add(off, n), size));
      fault(cx, st, e, 'bounds', F.not(ok), 'Span.ofPtr outside its block');
      return { k: 'span', block: p.block, off: p.off, len: x.low64(n) };
    }
    case 'SpanSlice': {
      const s = refOf(evalE(cx, st, e.source), 'Span.slice');
      if (s.k !== 'span') return unsupported('Span.slice of a pointer');
      const start = mathOf(cx, evalE(cx, st, e.start), e.start.ty);
      const len = mathOf(cx, evalE(cx, st, e.length), e.length.ty);
      liveness(cx, st, e, s.block);
      const ok = F.and(x.le(x.k(0), start), x.le(x.k(0), len), x.le(x.add(start, len), x.m(s.len)));
      fault(cx, st, e, 'bounds', F.not(ok), 'Span.slice outside its span');
      return { k: 'span', block: s.block, off: x.low64(x.add(x.m(s.off), start)), len: x.low64(len) };
    }
    case 'SpanLength': {
      const s = evalE(cx, st, e.source);
      if (s.k !== 'span') return unsupported(`length of a ${s.k}`);
      return { k: 'int', t: resize(F, s.len, e.ty.kind === 'int' ? e.ty.bits : 64, true) };
    }
    case 'Extent': {
      const p = refOf(evalE(cx, st, e.ptr), 'NativePtr.extent');
      const n = p.k === 'span' ? p.len : F.app('bvsub', [meta(F, st.mem, 'size', p.block), p.off]);
      return { k: 'int', t: resize(F, n, e.ty.kind === 'int' ? e.ty.bits : 64, true) };
    }
    case 'ArenaCreate': {
      const a = ownId(cx);
      setMeta(F, st.mem, 'acap', a, F.bv(e.capacity, 64));
      setMeta(F, st.mem, 'aused', a, F.bv(0, 64));
      setMeta(F, st.mem, 'aepoch', a, F.bv(0, 64));
      return { k: 'arena', id: a };
    }
    case 'ArenaAlloc': {
      const a = evalE(cx, st, e.arena);
      if (a.k !== 'arena') return unsupported(`Arena.alloc from a ${a.k}`);
      const n = mathOf(cx, evalE(cx, st, e.count), e.count.ty);
      const b = arenaAllocate(cx, st, e, a.id, e.elem, n, true);
      return { k: 'span', block: b, off: F.bv(0, 64), len: x.low64(n) };
    }
    case 'ArenaRemaining': {
      const a = evalE(cx, st, e.arena);
      if (a.k !== 'arena') return unsupported(`Arena.remaining of a ${a.k}`);
      return { k: 'int', t: F.app('bvsub', [meta(F, st.mem, 'acap', a.id), meta(F, st.mem, 'aused', a.id)]) };
    }
    case 'ArenaReset': {
      const a = evalE(cx, st, e.arena);
      if (a.k !== 'arena') return unsupported(`Arena.reset of a ${a.k}`);
      setMeta(F, st.mem, 'aused', a.id, F.bv(0, 64));
      setMeta(F, st.mem, 'aepoch', a.id, F.app('bvadd', [meta(F, st.mem, 'aepoch', a.id), F.bv(1, 64)]));
      return UNIT;
    }
    case 'RegionCreate': {
      const r = ownId(cx);
      setMeta(F, st.mem, 'released', r, F.false);
      cx.regions.push({ id: r, pc: st.pc, span: e.span, inHavocLoop: cx.loops.some((l) => l.havoc) });
      return { k: 'region', id: r };
    }
    case 'RegionAlloc': {
      const r = evalE(cx, st, e.region);
      if (r.k !== 'region') return unsupported(`Region.alloc from a ${r.k}`);
      const n = mathOf(cx, evalE(cx, st, e.count), e.count.ty);
      fault(cx, st, e, 'use-after-release', meta(F, st.mem, 'released', r.id), 'allocation from a released region');
      fault(cx, st, e, 'bounds', F.or(x.lt(n, x.k(0)), x.lt(x.k(JS_SAFE), n)), 'negative allocation size');
      const b = ownId(cx);
      setMeta(F, st.mem, 'size', b, x.low64(n));
      setMeta(F, st.mem, 'kind', b, F.bv(KIND.region, 8));
      setMeta(F, st.mem, 'owner', b, r.id);
      zeroFill(F, st.mem, cx.prog.types, e.elem, b);
      return { k: 'span', block: b, off: F.bv(0, 64), len: x.low64(n) };
    }
    case 'RegionRelease': {
      const r = evalE(cx, st, e.region);
      if (r.k !== 'region') return unsupported(`release of a ${r.k}`);
      fault(cx, st, e, 'double-release', meta(F, st.mem, 'released', r.id), 'region released twice');
      setMeta(F, st.mem, 'released', r.id, F.true);
      return UNIT;
    }
    case 'RegionCopyOut': {
      const a = evalE(cx, st, e.arena);
      const src = refOf(evalE(cx, st, e.source), 'Region.copyOut');
      if (a.k !== 'arena' || src.k !== 'span') return unsupported('Region.copyOut operands');
      // every element is read (checking the block is alive; a span lies inside its block)
      liveness(cx, st, e, src.block);
      const elem = e.ty.kind === 'span' ? e.ty.elem : elemOf(e.source.ty);
      const b = arenaAllocate(cx, st, e, a.id, elem, x.m(src.len), false);
      // the copy's contents are not tracked (fresh memory at a new id is unconstrained)
      return { k: 'span', block: b, off: F.bv(0, 64), len: src.len };
    }
    default: {
      const _never: never = e;
      return _never;
    }
  }
}

