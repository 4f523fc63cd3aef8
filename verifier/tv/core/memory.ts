// The memory correspondence of core-to-mlir. Core memory is typed cells: for each leaf key
// (element type) an array block id -> element index -> value (semantics/symbolic/memory.ts);
// MLIR memory is bytes at (block id, byte offset) (semantics/mlir/symbolic-memory.ts, the
// observable part in the array U). A Core block of n elements of an integer type of w bits
// corresponds to an MLIR block of n * w/8 bytes: element i is the little-endian bytes
// i*w/8 .. i*w/8 + w/8 - 1. Only blocks both sides can see are related (argument blocks and
// statics); private memory (stack allocations that do not escape) needs no correspondence:
// each side computes its own reads from its own writes.
import type { TermFactory } from '../../smt/factory.ts';
import { bvSort, type Sort, type Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import { cellsOf, leavesOf, sel, type SymMemory } from '../../semantics/symbolic/memory.ts';
import { BID_BITS, OFF_BITS } from '../../semantics/mlir/values.ts';
import { LOCAL_BASE, PRIVATE_BASE } from '../../semantics/mlir/memory.ts';
import { poisonLambdaBlocks } from '../../semantics/mlir/symbolic-memory.ts';
import { NotMapped } from './unmapped.ts';

/** One block seen by both sides. */
export type BlockPair = {
  what: string;
  /** Core block id (32 bits) and the MLIR block id (32 bits). */
  core: Term;
  bid: Term;
  /** Core leaf key of the element type, and the element's size in bytes. */
  key: string;
  sz: number;
  /** core-memory engineer: bool elements (Core Bool cells; MLIR i1 bytes, bit 0 the value). */
  bool?: boolean;
  /** Number of elements (Core, 64 bits). */
  size: Term;
  /** core-calls engineer: the byte offset of element 0 in the MLIR block (an arena
   *  allocation's start: arena-calls.ts); absent: 0. */
  base?: Term;
};

/** The leaf key and byte size of a scalar memory element type (integers, chars, floats,
 *  bools; records, tuples and unions are several leaves: records.ts). */
export function elementOf(types: TypeTable, D: SymIntDomain, elem: Type): { key: string; sz: number; bool?: boolean } {
  // core-memory engineer: floats are their IEEE bits on both sides (one bit-vector leaf)
  if (elem.kind !== 'int' && elem.kind !== 'char' && elem.kind !== 'float' && elem.kind !== 'bool') throw new NotMapped(`memory holding ${showType(elem)} elements`);
  const leaves = leavesOf(types, D, elem);
  const l = leaves[0]!;
  if (leaves.length === 1 && l.sort.kind === 'bool') return { key: l.key, sz: 1, bool: true };
  if (leaves.length !== 1 || l.sort.kind !== 'bv') throw new NotMapped(`memory holding ${showType(elem)} elements`);
  return { key: l.key, sz: l.sort.width / 8 };
}

/** The little-endian bytes of element `i` of block `bid` in the byte array `U`. The address
 *  arithmetic is the MLIR side's own (its normalising domain), so that the bytes of an
 *  element are, where possible, the very terms the target's loads read. */
export function elementBytes(F: TermFactory, D: Dom<Term, Term>, U: Term, bid: Term, i: Term, sz: number, start?: Term): Term {
  const at = D.mul(lower64(F, D, i), D.lit(BigInt(sz), OFF_BITS), OFF_BITS);
  const base = start ? D.add(start, at, OFF_BITS) : at; // start: core-calls engineer
  let v: Term | null = null;
  for (let k = sz - 1; k >= 0; k--) {
    const off = k === 0 ? base : D.add(base, D.lit(BigInt(k), OFF_BITS), OFF_BITS);
    const b = F.select(U, F.app('concat', [bid, off]));
    v = v === null ? b : F.app('concat', [v, b]);
  }
  return v!;
}

/** A 64-bit term equal to `t`, rebuilt with the MLIR domain: Core computes indices as the
 *  low 64 bits of wider exact sums (`extract 63 0 (sext a + sext b)`), which are the 64-bit
 *  sums of the low parts — an identity of bit-vector arithmetic for +, -, * and ite. */
export function lower64(F: TermFactory, D: Dom<Term, Term>, t: Term): Term {
  const low = (u: Term): Term => {
    const w = u.sort.kind === 'bv' ? u.sort.width : 0;
    if (w === 64) return lower64(F, D, u);
    if (u.kind === 'bv') return D.lit(BigInt.asUintN(64, u.value), 64);
    if (u.kind === 'app' && w > 64) {
      if (u.op === 'sign_extend' || u.op === 'zero_extend') {
        const a = u.args[0]!;
        if (a.sort.kind === 'bv' && a.sort.width === 64) return lower64(F, D, a);
      }
      if (u.op === 'bvadd') return u.args.map(low).reduce((x, y) => D.add(x, y, 64));
      if (u.op === 'bvmul') return u.args.map(low).reduce((x, y) => D.mul(x, y, 64));
      if (u.op === 'bvsub' && u.args.length === 2) return D.sub(low(u.args[0]!), low(u.args[1]!), 64);
      if (u.op === 'ite') return F.ite(u.args[0]!, low(u.args[1]!), low(u.args[2]!));
    }
    return F.extract(63, 0, u);
  };
  if (t.kind === 'app' && t.op === 'extract' && t.indices[0] === 63 && t.indices[1] === 0) return low(t.args[0]!);
  return t;
}

const inBlock = (F: TermFactory, i: Term, size: Term) => F.app('bvult', [i, size]);

/** Assumptions: the two memories agree on element i of the block, for every i in `at`.
 *  The agreement holds for every element (a quantified fact); only its instances at the
 *  indices the query reads are asserted (indicesRead), which keeps the query quantifier-free
 *  and is sound: fewer assumptions can only add models, and a model must replay anyway. */
export function agreeAt(F: TermFactory, D: Dom<Term, Term>, cells: Term, U: Term, p: BlockPair, at: Term[]): Term[] {
  const row = sel(F, cells, p.core);
  return at.map((i) => F.implies(inBlock(F, i, p.size), cellIs(F, p, F.select(row, i), elementBytes(F, D, U, p.bid, i, p.sz, p.base))));
}

/** An element's MLIR bytes as Core's cell: a bool is bit 0 of its byte (an i1 load
 *  truncates, a store zero-extends); anything else its bytes (core-memory engineer). */
export function asCore(F: TermFactory, p: { bool?: boolean }, bytes: Term): Term {
  return p.bool ? F.eq(F.extract(0, 0, bytes), F.bv(1, 1)) : bytes;
}

/** A Core cell and its element's MLIR bytes agree. A Bool cell's byte is exactly 0 or 1:
 *  Clef code writes bools with i1 stores, which zero-extend, and an i1 loaded from a byte
 *  with other bits set is undefined (LangRef load; the MLIR semantics reads it as poison) —
 *  so the caller's bytes are 0 or 1 at entry, and a target leaving any other byte in a Bool
 *  cell differs from Core's cell (bit 0 alone was compared: a byte 2 agreed with `false`). */
function cellIs(F: TermFactory, p: { bool?: boolean }, cell: Term, bytes: Term): Term {
  return p.bool ? F.eq(bytes, F.ite(cell, F.bv(1, 8), F.bv(0, 8))) : F.eq(cell, bytes);
}

/** Every index the terms use to read a Core cell row (a 64-bit-indexed array of `leaf`
 *  values), e.g. Core's loads, and the witnesses of the final comparison. */
export function indicesRead(roots: Term[], leafBits: number): Term[] {
  const out = new Map<number, Term>();
  walk(roots, (t) => {
    if (t.kind !== 'app' || t.op !== 'select') return;
    const s = t.args[0]!.sort;
    // (leafBits 1: Bool cells, core-memory engineer)
    if (s.kind !== 'array' || s.index.kind !== 'bv' || s.index.width !== OFF_BITS || (leafBits === 1 ? s.elem.kind !== 'bool' : s.elem.kind !== 'bv' || s.elem.width !== leafBits)) return;
    out.set(t.args[1]!.id, t.args[1]!);
  });
  return [...out.values()];
}

/** Whether a byte of element `i` is poison in `UP` (the target's poison bits beside U; Core
 *  has no poison): compared by their bits alone, a target storing `select(c, x, ub.poison)`
 *  (a join takes x's bits: values.ts joinBits) or an overflowing `addi nsw` into the
 *  caller's span was proved equal to Core's store of x (review 31). No UP: none. */
export function elementPoison(F: TermFactory, D: Dom<Term, Term>, UP: Term | undefined, bid: Term, i: Term, sz: number, start?: Term): Term {
  if (!UP || (UP.kind === 'constArray' && UP.value.kind === 'bool' && !UP.value.value)) return F.false;
  const at = D.mul(lower64(F, D, i), D.lit(BigInt(sz), OFF_BITS), OFF_BITS);
  const base = start ? D.add(start, at, OFF_BITS) : at;
  return F.or(...Array.from({ length: sz }, (_, k) => F.select(UP, F.app('concat', [bid, k === 0 ? base : D.add(base, D.lit(BigInt(k), OFF_BITS), OFF_BITS)]))));
}

/** The poison bits of the target's observable memory at call n (`Trace.snapUP`), or
 *  undefined where no snapshot holds any (every one the constant false: the common case,
 *  which then adds no term). */
export function snapPoison(F: TermFactory, snapUP: Term, n: Term): Term | undefined {
  const allFalse = (t: Term) => t.kind === 'constArray' && t.value.kind === 'bool' && !t.value.value;
  let a = snapUP;
  while (a.kind === 'app' && a.op === 'store') {
    if (!allFalse(a.args[2]!)) return F.select(snapUP, n);
    a = a.args[0]!;
  }
  return a.kind === 'constArray' && allFalse(a.value) ? undefined : F.select(snapUP, n);
}

/** The snapshots' poison bits (`Trace.snapUP`) as read at an address outside the function's
 *  own blocks (ids LOCAL_BASE .. PRIVATE_BASE - 1, cut-strings.ts ownBlock): every store of
 *  a poison array at an address of a literal own block is dropped (such an address is never
 *  the one read, so the read is the same), through the stores and if-then-elses of the
 *  snapshots; a poison lambda of the semantics (poisonLambdaBlocks) that changes only literal
 *  own blocks is read as its inner array. The string and format buffers' unwritten bytes
 *  (poison) and their copies are all such stores or lambdas: with only those the result is
 *  the constant false and `snapPoison` adds no term (crc16_frame hex16: 8 runtime calls' poison checks ran part 3 of its
 *  mismatch out of 1.6 M units). Any other term is kept as it is. */
export function snapPoisonOutsideOwn(F: TermFactory, snapUP: Term): Term {
  const memo = new Map<number, Term>();
  const own = (a: Term): boolean => {
    const bid = a.kind === 'bv' && a.width === BID_BITS + OFF_BITS ? a.value >> BigInt(OFF_BITS)
      : a.kind === 'app' && a.op === 'concat' && a.args[0]!.kind === 'bv' && a.args[0]!.width === BID_BITS ? a.args[0]!.value : null;
    return bid !== null && bid >= BigInt(LOCAL_BASE) && bid < BigInt(PRIVATE_BASE);
  };
  // level 1: an array of addresses' poison bits; level 0: call position -> such an array
  const go = (t: Term, level: 0 | 1): Term => {
    const seen = memo.get(t.id);
    if (seen) return seen;
    let r = t;
    if (t.kind === 'constArray' && level === 0) r = F.constArray((t.sort as { index: Sort }).index, go(t.value, 1));
    else if (t.kind === 'app' && t.op === 'store') {
      const rest = go(t.args[0]!, level);
      r = level === 1 && own(t.args[1]!) ? rest : F.store(rest, t.args[1]!, level === 0 ? go(t.args[2]!, 1) : t.args[2]!);
    } else if (t.kind === 'app' && t.op === 'ite') {
      const a = go(t.args[1]!, level);
      const b = go(t.args[2]!, level);
      r = a.id === b.id ? a : F.ite(t.args[0]!, a, b);
    } else if (t.kind === 'lambda' && level === 1) {
      // a poison lambda of the semantics that differs from its inner array only in own
      // blocks of literal ids: the same as that array outside them (as the stores were)
      const m = poisonLambdaBlocks.get(t);
      if (m && m.bids.every((b) => own(F.app('concat', [b, F.bv(0, OFF_BITS)])))) r = go(m.inner, 1);
    }
    memo.set(t.id, r);
    return r;
  };
  return go(snapUP, 0);
}

/** Mismatch: some element of the block differs (a fresh witness index `e`), or is poison. */
export function differ(F: TermFactory, D: Dom<Term, Term>, cells: Term, U: Term, p: BlockPair, name: string, UP?: Term): Term {
  const e = F.var(name, bvSort(OFF_BITS));
  return F.and(inBlock(F, e, p.size), F.or(F.not(cellIs(F, p, F.select(sel(F, cells, p.core), e), elementBytes(F, D, U, p.bid, e, p.sz, p.base))), elementPoison(F, D, UP, p.bid, e, p.sz, p.base)));
}

/** Blocks of at most this many elements (a literal count) are compared at every index
 *  (core-calls engineer): literal indices make the addresses the target's own plus
 *  constants, where a witness index makes the solver bit-blast the address sums (an arena
 *  allocation at a symbolic start timed out at 60 s with a witness). */
export const SMALL_BLOCK = 64n;

/** The literal indices of a small block, or null. */
export function smallIndices(F: TermFactory, p: BlockPair): Term[] | null {
  return p.size.kind === 'bv' && p.size.value <= SMALL_BLOCK ? Array.from({ length: Number(p.size.value) }, (_, i) => F.bv(i, 64)) : null;
}

/** `differ`, at every index of a small block (core-calls engineer). */
export function differAll(F: TermFactory, D: Dom<Term, Term>, cells: Term, U: Term, p: BlockPair, name: string, UP?: Term): Term {
  const idx = smallIndices(F, p);
  if (!idx) return differ(F, D, cells, U, p, name, UP);
  const row = sel(F, cells, p.core);
  return F.or(...idx.map((i) => F.or(F.not(cellIs(F, p, sel(F, row, i), elementBytes(F, D, U, p.bid, i, p.sz, p.base))), elementPoison(F, D, UP, p.bid, i, p.sz, p.base))));
}

/** Mismatch: a byte outside every related block differs from what it was (the target
 *  wrote observable memory Core cannot see). Stack blocks are gone after the return. */
export function otherBytesDiffer(F: TermFactory, U: Term, U0: Term, related: Term[], excluded: Term[], name: string, UP?: Term): Term {
  const a = F.var(name, bvSort(BID_BITS + OFF_BITS));
  const bid = F.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a);
  // (UP: or made poison — it is false at entry and after every call)
  const poison = !UP || (UP.kind === 'constArray' && UP.value.kind === 'bool' && !UP.value.value) ? F.false : F.select(UP, a);
  return F.and(...[...related, ...excluded].map((b) => F.not(F.eq(bid, b))), F.or(F.not(F.eq(F.select(U, a), F.select(U0, a))), poison));
}

/** Core's cells of a key in a memory state. */
export function coreCells(m: SymMemory, key: string): Term {
  return cellsOf(m, key);
}
