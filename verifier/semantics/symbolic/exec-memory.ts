// Memory nodes over the symbolic memory (memory.ts), with the concrete interpreter's checks
// in the same order (../memops.ts): a dead block first, then the span's length, then the
// block's extent. Index arithmetic is exact (math integers).
import { argEvent } from './strings.ts';
import type { CExpr } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import type { Term } from '../../smt/term.ts';
import { sizeOf } from '../layout.ts';
import { fact, fault, obligationOf, type Ctx, type State } from './context.ts';
import { evalE, mathOf } from './exec.ts';
import { I64, resize } from './domain.ts';
import { m64, madd, mle, mlit, mlt, wellFormed } from './fresh.ts';
import { cellsOf, deadByRelease, deadByReset, KIND, leavesOf, meta, readElem, sel, setMeta, writeElem, zeroFill } from './memory.ts';
import { unsupported } from './unsupported.ts';
import { recordArenaAlloc } from './arena-starts.ts';
import { recordRegionEvent } from './region-events.ts';
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

/** A math value known to be a valid int64 quantity (checked just before), as int64. */
function to64(cx: Ctx, t: Term): Term {
  return cx.D.exact(t, I64);
}

/** Liveness checks of an access to `block` (reported at the node's obligations). */
function liveness(cx: Ctx, st: State, e: CExpr, block: Term): void {
  fault(cx, st, e, 'use-after-reset', deadByReset(cx.F, st.mem, block), 'arena memory used after Arena.reset');
  fault(cx, st, e, 'use-after-release', deadByRelease(cx.F, st.mem, block), 'region memory used after the region was released');
}

/** Checks `target.[index]` and returns the block and element index. */
function element(cx: Ctx, st: State, e: CExpr, target: Ref, index: SV): { block: Term; i: Term } {
  const { F } = cx;
  liveness(cx, st, e, target.block);
  const k = mathOf(cx, index);
  const pos = madd(cx, m64(cx, target.off), k);
  const size = m64(cx, meta(F, st.mem, 'size', target.block));
  const inBlock = F.and(mle(cx, mlit(cx, 0), pos), mlt(cx, pos, size));
  // a pointer's extent starts at the pointer: a negative index is a bounds fault (memops.ts)
  const ok = target.k === 'span' ? F.and(mle(cx, mlit(cx, 0), k), mlt(cx, k, m64(cx, target.len)), inBlock) : F.and(mle(cx, mlit(cx, 0), k), inBlock);
  fault(cx, st, e, 'bounds', F.not(ok), 'index outside its span or block');
  return { block: target.block, i: to64(cx, pos) };
}

function elemOf(t: Type): Type {
  if (t.kind === 'ptr' || t.kind === 'span') return t.elem;
  return unsupported(`element type of ${t.kind}`);
}

function ownId(cx: Ctx): Term {
  return cx.F.bv(cx.nextOwn++, 32);
}

/** Arithmetic wide enough for an arena's `count * size + used` (math integers in the Int
 *  representation; a bit-vector wider than the math width otherwise). */
function wide(cx: Ctx, size: bigint) {
  const { F, D } = cx;
  if (D.repr === 'int') {
    return { of: (t: Term) => t, k: (n: bigint) => mlit(cx, n), add: (a: Term, b: Term) => madd(cx, a, b), mul: (a: Term, b: Term) => D.mul(a, b, 'math'), udivCeil: (a: Term, d: bigint) => F.app('div', [D.add(a, mlit(cx, d - 1n), 'math'), mlit(cx, d)]), lt: (a: Term, b: Term) => mlt(cx, a, b), back: (t: Term) => t };
  }
  const W = Math.max(D.mathBits, 66 + size.toString(2).length + 2);
  return {
    of: (t: Term) => resize(F, t, W, true),
    k: (n: bigint) => F.bv(n, W),
    add: (a: Term, b: Term) => F.app('bvadd', [a, b]),
    mul: (a: Term, b: Term) => F.app('bvmul', [a, b]),
    udivCeil: (a: Term, d: bigint) => F.app('bvudiv', [F.app('bvadd', [a, F.bv(d - 1n, W)]), F.bv(d, W)]),
    lt: (a: Term, b: Term) => F.app('bvslt', [a, b]),
    back: (t: Term) => F.extract(63, 0, t),
  };
}

/** `count` elements of `elem` from arena `a` (the interpreter's arenaAlloc): returns the new block. */
function arenaAllocate(cx: Ctx, st: State, e: CExpr, a: Term, elem: Type, countM: Term, zero: boolean): Term {
  const { F, D } = cx;
  const size = BigInt(sizeOf(elem, cx.prog.types));
  const w = wide(cx, size);
  const n = w.of(countM);
  const used = w.of(m64(cx, meta(F, st.mem, 'aused', a)));
  const cap = w.of(m64(cx, meta(F, st.mem, 'acap', a)));
  const start = size <= 1n ? used : w.mul(w.udivCeil(used, size), w.k(size));
  const end = w.add(start, w.mul(n, w.k(size)));
  const bad = F.or(w.lt(n, w.k(0n)), w.lt(w.k(JS_SAFE), n), w.lt(cap, end));
  fault(cx, st, e, 'arena-capacity', bad, 'the allocation does not fit in the arena');
  const usedBefore = meta(F, st.mem, 'aused', a);
  setMeta(F, st.mem, 'aused', a, D.exact(w.back(end), I64));
  const b = ownId(cx);
  // core-memory engineer: where the block starts in the arena's bytes (arena-starts.ts)
  recordArenaAlloc(F, { block: b, arena: a, start: D.exact(w.back(start), I64), used: usedBefore, size, count: to64(cx, countM), elem, zeroed: zero, pc: st.pc });
  setMeta(F, st.mem, 'size', b, to64(cx, countM));
  setMeta(F, st.mem, 'kind', b, F.bv(KIND.arena, 8));
  setMeta(F, st.mem, 'owner', b, a);
  setMeta(F, st.mem, 'bepoch', b, meta(F, st.mem, 'aepoch', a));
  if (zero) zeroFill(F, D, st.mem, cx.prog.types, elem, b);
  return b;
}

/** Region.copyOut's contents: the copy reads as the source from its offset on. A source at
 *  offset 0 (a whole region block, the usual case) shares the source block's cell arrays:
 *  exact, since the copy has the span's length and reads past it are bounds faults. At
 *  another offset the copy stays unconstrained (fresh memory at a new id): sound, weaker. */
function copyContents(cx: Ctx, st: State, elem: Type, from: Term, off: Term, to: Term): void {
  const { F, D } = cx;
  if (D.litValue(off, I64) !== 0n) return;
  for (const l of leavesOf(cx.prog.types, D, elem)) {
    const c = cellsOf(st.mem, l.key);
    st.mem.cells.set(l.key, F.store(c, to, sel(F, c, from)));
  }
}

function int64(cx: Ctx, t: Term): SV {
  return { k: 'int', w: I64, t };
}

export function evalMemory(cx: Ctx, st: State, e: MemNode): SV {
  const { F, D } = cx;
  const types = cx.prog.types;
  switch (e.kind) {
    case 'StackAlloc': {
      const n = mathOf(cx, evalE(cx, st, e.count));
      // checks on: the count must be positive (and a JS-safe number in the interpreter)
      fault(cx, st, e, 'bounds', F.or(mle(cx, n, mlit(cx, 0)), mlt(cx, mlit(cx, JS_SAFE), n)), 'NativePtr.stackalloc of a count that is not positive');
      const b = ownId(cx);
      setMeta(F, st.mem, 'size', b, to64(cx, n));
      setMeta(F, st.mem, 'kind', b, F.bv(KIND.stack, 8));
      zeroFill(F, D, st.mem, types, e.elem, b);
      return { k: 'ptr', block: b, off: D.lit(0n, I64) };
    }
    case 'PtrAdd': {
      const p = refOf(evalE(cx, st, e.ptr), 'NativePtr.add');
      const k = mathOf(cx, evalE(cx, st, e.offset));
      const off = madd(cx, m64(cx, p.off), k);
      if (obligationOf(e, 'bounds')) {
        const size = m64(cx, meta(F, st.mem, 'size', p.block));
        fault(cx, st, e, 'bounds', F.not(F.and(mle(cx, mlit(cx, 0), off), mle(cx, off, size))), 'pointer moved outside its block');
      }
      return { k: 'ptr', block: p.block, off: to64(cx, off) };
    }
    case 'Load': {
      const t = refOf(evalE(cx, st, e.target), 'load');
      const { block, i } = element(cx, st, e, t, evalE(cx, st, e.index));
      const v = readElem(F, D, st.mem, types, e.ty, block, i);
      for (const w of wellFormed(cx, v, e.ty)) fact(cx, st, w);
      // runtime events: an element of the command line comes from the runtime
      if (e.ty.kind === 'string') return argEvent(cx, st, e.span, i, v);
      return v;
    }
    case 'Store': {
      const t = refOf(evalE(cx, st, e.target), 'store');
      const idx = evalE(cx, st, e.index);
      const v = evalE(cx, st, e.value);
      const { block, i } = element(cx, st, e, t, idx);
      if (holdsReferences(e.value.ty, types)) unsupported('storing a pointer, span or handle in memory');
      writeElem(F, D, st.mem, types, elemOf(e.target.ty), block, i, v);
      return UNIT;
    }
    case 'SpanOfPtr': {
      const p = refOf(evalE(cx, st, e.ptr), 'Span.ofPtr');
      const n = mathOf(cx, evalE(cx, st, e.length));
      const off = m64(cx, p.off);
      const size = m64(cx, meta(F, st.mem, 'size', p.block));
      const ok = F.and(mle(cx, mlit(cx, 0), n), mle(cx, mlit(cx, 0), off), mle(cx, madd(cx, off, n), size));
      fault(cx, st, e, 'bounds', F.not(ok), 'Span.ofPtr outside its block');
      return { k: 'span', block: p.block, off: p.off, len: to64(cx, n) };
    }
    case 'SpanSlice': {
      const s = refOf(evalE(cx, st, e.source), 'Span.slice');
      if (s.k !== 'span') return unsupported('Span.slice of a pointer');
      const start = mathOf(cx, evalE(cx, st, e.start));
      const len = mathOf(cx, evalE(cx, st, e.length));
      liveness(cx, st, e, s.block);
      const ok = F.and(mle(cx, mlit(cx, 0), start), mle(cx, mlit(cx, 0), len), mle(cx, madd(cx, start, len), m64(cx, s.len)));
      fault(cx, st, e, 'bounds', F.not(ok), 'Span.slice outside its span');
      return { k: 'span', block: s.block, off: to64(cx, madd(cx, m64(cx, s.off), start)), len: to64(cx, len) };
    }
    case 'SpanLength': {
      const s = evalE(cx, st, e.source);
      if (s.k !== 'span') return unsupported(`length of a ${s.k}`);
      return int64(cx, s.len);
    }
    case 'Extent': {
      const p = refOf(evalE(cx, st, e.ptr), 'NativePtr.extent');
      if (p.k === 'span') return int64(cx, p.len);
      return { k: 'int', w: 'math', t: D.sub(m64(cx, meta(F, st.mem, 'size', p.block)), m64(cx, p.off), 'math') };
    }
    case 'ArenaCreate': {
      const a = ownId(cx);
      setMeta(F, st.mem, 'acap', a, D.lit(e.capacity, I64));
      setMeta(F, st.mem, 'aused', a, D.lit(0n, I64));
      setMeta(F, st.mem, 'aepoch', a, D.lit(0n, I64));
      return { k: 'arena', id: a };
    }
    case 'ArenaAlloc': {
      const a = evalE(cx, st, e.arena);
      if (a.k !== 'arena') return unsupported(`Arena.alloc from a ${a.k}`);
      const n = mathOf(cx, evalE(cx, st, e.count));
      const b = arenaAllocate(cx, st, e, a.id, e.elem, n, true);
      return { k: 'span', block: b, off: D.lit(0n, I64), len: to64(cx, n) };
    }
    case 'ArenaRemaining': {
      const a = evalE(cx, st, e.arena);
      if (a.k !== 'arena') return unsupported(`Arena.remaining of a ${a.k}`);
      return int64(cx, D.sub(meta(F, st.mem, 'acap', a.id), meta(F, st.mem, 'aused', a.id), I64));
    }
    case 'ArenaReset': {
      const a = evalE(cx, st, e.arena);
      if (a.k !== 'arena') return unsupported(`Arena.reset of a ${a.k}`);
      setMeta(F, st.mem, 'aused', a.id, D.lit(0n, I64));
      setMeta(F, st.mem, 'aepoch', a.id, D.exact(madd(cx, m64(cx, meta(F, st.mem, 'aepoch', a.id)), mlit(cx, 1)), I64));
      return UNIT;
    }
    case 'RegionCreate': {
      const r = ownId(cx);
      setMeta(F, st.mem, 'released', r, F.false);
      cx.regions.push({ id: r, pc: st.pc, span: e.span, inHavocLoop: cx.loops.some((l) => l.havoc) });
      recordRegionEvent(cx, st, e, 'rg:create', [{ k: 'region', id: r }]);
      return { k: 'region', id: r };
    }
    case 'RegionAlloc': {
      const r = evalE(cx, st, e.region);
      if (r.k !== 'region') return unsupported(`Region.alloc from a ${r.k}`);
      const n = mathOf(cx, evalE(cx, st, e.count));
      fault(cx, st, e, 'use-after-release', meta(F, st.mem, 'released', r.id), 'allocation from a released region');
      fault(cx, st, e, 'bounds', F.or(mlt(cx, n, mlit(cx, 0)), mlt(cx, mlit(cx, JS_SAFE), n)), 'negative allocation size');
      const b = ownId(cx);
      setMeta(F, st.mem, 'size', b, to64(cx, n));
      setMeta(F, st.mem, 'kind', b, F.bv(KIND.region, 8));
      setMeta(F, st.mem, 'owner', b, r.id);
      zeroFill(F, D, st.mem, types, e.elem, b);
      recordRegionEvent(cx, st, e, 'rg:track', [r, { k: 'ptr', block: b, off: D.lit(0n, I64) }]);
      return { k: 'span', block: b, off: D.lit(0n, I64), len: to64(cx, n) };
    }
    case 'RegionRelease': {
      const r = evalE(cx, st, e.region);
      if (r.k !== 'region') return unsupported(`release of a ${r.k}`);
      fault(cx, st, e, 'double-release', meta(F, st.mem, 'released', r.id), 'region released twice');
      recordRegionEvent(cx, st, e, 'rg:release', [r]);
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
      const b = arenaAllocate(cx, st, e, a.id, elem, m64(cx, src.len), false);
      copyContents(cx, st, elem, src.block, src.off, b);
      return { k: 'span', block: b, off: D.lit(0n, I64), len: src.len };
    }
    default: {
      const _never: never = e;
      return _never;
    }
  }
}
