// The one memory model of every level (func/memref and llvm alike). Memory is a set of
// blocks (id, size in bytes, alive, kind stack|heap|static|arg, read-only); a pointer is a
// block id and a byte offset. A memref is its descriptor of pointers (values.ts), so a memref
// at one stage and its LLVM struct at the next address the same bytes.
//
// Block ids (32 bits) are chosen the same way concretely and symbolically, so a
// counterexample replays with the very ids the solver saw:
//   0                      no block (null, and integers turned into pointers)
//   ARG_BASE + i           the block behind the i-th pointer argument slot
//   GLOBAL_BASE + i        the i-th global of the module pair (by name)
//   LOCAL_BASE + n         the n-th allocation of this execution (alloca, alloc, malloc)
//   EXT_BASE + n           a block the n-th external call may have allocated
// The integer address of (b, o) is b * 2^32 + o (modulo 2^64): ptrtoint/inttoptr round-trip
// for offsets below 4 GiB, and null-based pointer arithmetic (sizeof via getelementptr on
// null) gives the plain offset.
import type { Operation, Type } from '../../../compiler/mlir/ir.ts';
import type { Dom } from './domain.ts';
import { fieldOffsets, layoutOf } from './layout.ts';
import { BID_BITS, floatWidth, intWidth, OFF_BITS, OBS, Unsupported, type PtrV, type Scalar, type Val } from './values.ts';

export const ARG_BASE = 0x1;
export const GLOBAL_BASE = 0x100;
export const LOCAL_BASE = 0x10000000;
export const PRIVATE_BASE = 0x20000000;
export const STACK_BASE = 0x30000000;
export const EXT_BASE = 0x40000000;

export type BlockKind = 'stack' | 'heap' | 'static' | 'arg' | 'ext';

/** What the op semantics may ask of memory; UB (out of bounds, dead block, misaligned,
 *  read-only, bad free) is reported by the implementation through its context. */
export interface Memory<V, B> {
  /** A new block of `bytes` bytes; `site` is the allocating op (its escape decides whether
   *  the outside world can see the block); `align`: the alignment its start is guaranteed
   *  (an access asking for more is UB: LangRef load/store, an overstated alignment). */
  alloc(kind: 'stack' | 'heap', bytes: V, site: Operation, align?: number): PtrV<V, B>;
  /** free/memref.dealloc: UB unless p is the start of a live heap block; null is a no-op. */
  free(p: PtrV<V, B>, what: string): void;
  /** n bytes (little-endian) at p as an 8n-bit value, and whether any of them is poison;
   *  `fresh` (symbolic source side only): whether any of them may be a byte nobody wrote
   *  (LLVM undef; poison here too — README "Values, poison, undef"). `align` (load and
   *  store): asked of the address, the block's start included — UB where the offset is not
   *  a multiple of it or it is over the block's guaranteed alignment (alloc's `align`, a
   *  global's). Explicit (`alignment`) and implicit (the type's ABI alignment: llvm.load
   *  without the attribute, as LangRef reads it, and memref.load, which
   *  finalize-memref-to-llvm lowers to one) alike; arguments' and external blocks' starts
   *  are inputs where SymEnv.freeStarts says so, else aligned to anything (README,
   *  "Alignment"). */
  load(p: PtrV<V, B>, n: number, align: number, what: string): { v: V; poison: B; fresh?: B };
  /** `fresh`: the stored value is such a read, moved unchanged (its bytes stay undef). */
  store(p: PtrV<V, B>, n: number, align: number, v: V, poison: B, what: string, fresh?: B): void;
  /** The address of a global (memref.global / llvm.mlir.global) by name. */
  global(name: string): PtrV<V, B>;
  /** Is the offset of p within [0, size] of a live block? `live: false`: of its block, alive
   *  or freed (getelementptr inbounds: LangRef, "the object does not have to be live"). */
  inBounds(p: PtrV<V, B>, live?: boolean): B;
  /** memcpy/memref.copy of n bytes (UB on overlap or out of bounds). */
  copy(dst: PtrV<V, B>, src: PtrV<V, B>, n: V, what: string): void;
  /** memset of n bytes; `poison`: the byte is poison (LangRef memset: only the length must be
   *  well defined, a poison value writes poison bytes). */
  fill(dst: PtrV<V, B>, byte: V, n: V, what: string, poison?: B): void;
  // the runtime's buffer preconditions (runtime-pre.ts)
  /** UB unless n (unsigned) is 0 or the n bytes at p lie in one live block (writable when
   *  `write`); touches nothing. */
  accessible(p: PtrV<V, B>, n: V, write: boolean, what: string): void;
}

// the words of every Unsupported thrown for a pointer 4 GiB or more
// into its block (below and ops.ts); the replays name it as their own limit (verifier/tv/
// validate.ts, verifier/tv/core/validate.ts), not as an engine bug
export const WIDE_OFFSET = 'the integer address b * 2^32 + o round-trips below 4 GiB only';
// the words of every Unsupported thrown where an op would
// expose the integer address of a block (llvm.ptrtoint, memref.extract_aligned_pointer_as_index,
// an ordering llvm.icmp of pointers) or make a pointer into a block from an integer (llvm.inttoptr
// of a value that may be 4 GiB or more). The allocator, the stack and the linker choose a block's
// address; the encoding b * 2^32 fixes it to one number, so a target computing with it was checked
// at that one address only: `ptrtoint (alloca) & 0xffffffff` was proved equal to 0, and a load
// through `inttoptr (0x100 << 32)` proved equal to a load of the first global
// (tests/verifier/tv/probe-addresses.test.ts). Null-based pointers (the sizeof idiom: exact)
// and small integers (the 0xdeadbeef of a lowered memref.get_global: no block) are modelled.
export const ADDRESS_UNMODELLED = 'the integer address of a memory block is not modelled';
export function ptrToAddr<V, B>(D: Dom<V, B>, p: PtrV<V, B>): V {
  return D.add(D.shl(D.zext(p.bid, BID_BITS, 64), D.lit(32n, 64), 64), p.off, 64);
}

export function addrToPtr<V, B>(D: Dom<V, B>, a: V, poison: B): PtrV<V, B> {
  return {
    kind: 'ptr',
    bid: D.extract(a, 63, 32, 64),
    off: D.zext(D.extract(a, 31, 0, 64), 32, OFF_BITS),
    poison,
    pts: [OBS],
  };
}

/** The alignment an aggregate access of alignment `align` asks of its field at byte `off`:
 *  the field at offset 0 is at the aggregate's own address, which must have all of `align`
 *  (LangRef load/store: an overstated alignment is UB); each field got at most its own type's,
 *  so `load struct<(i8, i8)> {alignment = 8}` at an odd address was no UB. Elsewhere what
 *  `align` implies at `off` (LLVM's commonAlignment): the field's own ABI alignment asked
 *  more of a packed struct's field at an odd offset — `load struct<packed (i8, i16)>
 *  {alignment = 2}` was UB at every address, so any target was proved (native: the field's
 *  bytes vs 7; probe-packed-field-align.test.ts). */
function fieldAlign(align: number, off: number): number {
  return off === 0 ? align : Math.min(align, off & -off);
}

/** Loads a value of type t (ints, index, floats, pointers, structs, arrays). */
export function loadValue<V, B>(D: Dom<V, B>, mem: Memory<V, B>, p: PtrV<V, B>, t: Type, align: number, what: string): Val<V, B> {
  const l = layoutOf(t);
  const w = intWidth(t);
  if (w !== null) {
    const n = storeSize(w);
    const { v, poison, fresh } = mem.load(p, n, align, what);
    if (w % 8 !== 0) {
      // LangRef load: an iN that is no whole number of bytes, loaded from memory not written
      // by a store of that type, is undefined; x86 code then keeps the other bits of its last
      // byte (an i1 loaded from a byte 2 and zero-extended gives 2; truncated, 0 — a target
      // loading it was proved equal to `and b, 1`). Stores of iN write those bits as zeros, so
      // a value whose other bits are set is read as undef (the `fresh` mark: a source that
      // computes with it is unsupported, ../../tv/undef.ts; poison on the target side, as a
      // read of memory nobody wrote).
      const bad = D.notB(D.eq(D.extract(v, n * 8 - 1, w, n * 8), D.lit(0n, n * 8 - w), n * 8 - w));
      if (D.knownB(bad) !== false) {
        const undef = D.orB(fresh ?? D.bool(false), D.andB(bad, D.notB(poison)));
        return marked(D, { kind: 'int', w, v: D.trunc(v, n * 8, w), poison: D.orB(poison, bad) }, undef);
      }
    }
    return marked(D, { kind: 'int', w, v: D.trunc(v, n * 8, w), poison }, fresh);
  }
  const fw = floatWidth(t);
  if (fw !== null) {
    const { v, poison, fresh } = mem.load(p, l.size, align, what);
    return marked(D, { kind: 'float', w: fw, v, poison }, fresh);
  }
  if (t.kind === 'llvm.ptr') {
    const { v, poison, fresh } = mem.load(p, 8, align, what);
    return marked(D, addrToPtr(D, v, poison), fresh);
  }
  if (t.kind === 'llvm.struct' || t.kind === 'llvm.array') {
    const fieldTypes = t.kind === 'llvm.struct' ? (t.body as Type[]) : Array.from({ length: t.size }, () => t.element);
    const offs = t.kind === 'llvm.struct' ? fieldOffsets(t) : fieldTypes.map((_, i) => i * layoutOf(t.element).size);
    return {
      kind: 'agg',
      fields: fieldTypes.map((ft, i) => loadValue(D, mem, gepBytes(D, p, offs[i]!), ft, fieldAlign(align, offs[i]!), what)),
    };
  }
  throw new Unsupported(`load of ${t.kind}`);
}

export function storeValue<V, B>(D: Dom<V, B>, mem: Memory<V, B>, p: PtrV<V, B>, t: Type, x: Val<V, B>, align: number, what: string): void {
  const l = layoutOf(t);
  if (x.kind === 'int') {
    const n = storeSize(x.w);
    mem.store(p, n, align, D.zext(x.v, x.w, n * 8), x.poison, what, x.fresh);
    return;
  }
  if (x.kind === 'float') {
    mem.store(p, l.size, align, x.v, x.poison, what, x.fresh);
    return;
  }
  if (x.kind === 'ptr') {
    // a pointer 4 GiB or more into a block does not round-trip
    // through its integer address (as llvm.ptrtoint in ops.ts; probe-ptrtoint.test.ts)
    const [pb, po] = [D.known(x.bid), D.known(x.off)];
    if (pb !== null && pb !== 0n && po !== null && po >= 1n << 32n) throw new Unsupported(`${what}: a stored pointer ${po} bytes into its block (${WIDE_OFFSET})`);
    mem.store(p, 8, align, ptrToAddr(D, x), x.poison, what, x.fresh);
    return;
  }
  if (x.kind === 'agg' && (t.kind === 'llvm.struct' || t.kind === 'llvm.array')) {
    const fieldTypes = t.kind === 'llvm.struct' ? (t.body as Type[]) : Array.from({ length: t.size }, () => t.element);
    const offs = t.kind === 'llvm.struct' ? fieldOffsets(t) : fieldTypes.map((_, i) => i * layoutOf(t.element).size);
    fieldTypes.forEach((ft, i) => storeValue(D, mem, gepBytes(D, p, offs[i]!), ft, x.fields[i]!, fieldAlign(align, offs[i]!), what));
    // LangRef store: "If <value> is of aggregate type, padding is filled with undef" — the
    // bytes between fields and after the last are undef (`fresh`: poison on the target side);
    // they kept their old bytes, so a target storing a struct over a source's field stores
    // was proved with the caller seeing the padding
    let end = 0;
    const gaps: [number, number][] = [];
    fieldTypes.forEach((ft, i) => {
      if (offs[i]! > end) gaps.push([end, offs[i]! - end]);
      // an iN field writes its store size (i24: 3 bytes); the rest of its allocation size is
      // padding too (a struct<(i24, i8)> store kept byte 3's old value)
      const fw = intWidth(ft);
      end = Math.max(end, offs[i]! + (fw !== null ? storeSize(fw) : layoutOf(ft).size));
    });
    if (l.size > end) gaps.push([end, l.size - end]);
    for (const [at, n] of gaps) mem.store(gepBytes(D, p, at), n, 1, D.lit(0n, 8 * n), D.bool(true), what, D.bool(true));
    return;
  }
  throw new Unsupported(`store of ${x.kind}`);
}

/** The bytes a load or store of an iN touches: LLVM's store size, ceil(N / 8) — not the
 *  allocation size of layout.ts (i20: 3 bytes, not 4). With the allocation size a store of an
 *  i20 overwrote the byte after it (a source reading that byte back was proved equal to a
 *  target returning 0; native: 7) and a load of one at the end of a block was out of bounds.
 *  The bits above N in the last byte are written as zeros (LangRef: unspecified). */
export function storeSize(w: number): number {
  return Math.ceil(w / 8);
}

/** A loaded scalar with its `fresh` mark (none when it is known false). */
function marked<V, B, T extends Scalar<V, B>>(D: Dom<V, B>, x: T, fresh: B | undefined): T {
  if (fresh === undefined || D.knownB(fresh) === false) return x;
  x.fresh = fresh;
  return x;
}

/** p + k bytes. */
export function gepBytes<V, B>(D: Dom<V, B>, p: PtrV<V, B>, k: number): PtrV<V, B> {
  if (k === 0) return p;
  return { ...p, off: D.add(p.off, D.lit(BigInt(k), OFF_BITS), OFF_BITS) };
}
