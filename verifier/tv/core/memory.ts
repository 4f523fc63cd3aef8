// The memory correspondence of core-to-mlir. Core memory is typed cells: for each leaf key
// (element type) an array block id -> element index -> value (semantics/symbolic/memory.ts);
// MLIR memory is bytes at (block id, byte offset) (semantics/mlir/symbolic-memory.ts, the
// observable part in the array U). A Core block of n elements of an integer type of w bits
// corresponds to an MLIR block of n * w/8 bytes: element i is the little-endian bytes
// i*w/8 .. i*w/8 + w/8 - 1. Only blocks both sides can see are related (argument blocks and
// statics); private memory (stack allocations that do not escape) needs no correspondence:
// each side computes its own reads from its own writes.
import type { TermFactory } from '../../smt/factory.ts';
import { bvSort, type Term } from '../../smt/term.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
import { cellsOf, leavesOf, sel, type SymMemory } from '../../semantics/symbolic/memory.ts';
import { BID_BITS, OFF_BITS } from '../../semantics/mlir/values.ts';
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
  /** Number of elements (Core, 64 bits). */
  size: Term;
};

/** The leaf key and byte size of a memory element type the correspondence maps (integers
 *  and chars; a record, union, bool or float element is not mapped yet). */
export function elementOf(types: TypeTable, D: SymIntDomain, elem: Type): { key: string; sz: number } {
  if (elem.kind !== 'int' && elem.kind !== 'char') throw new NotMapped(`memory holding ${showType(elem)} elements`);
  const leaves = leavesOf(types, D, elem);
  const l = leaves[0]!;
  if (leaves.length !== 1 || l.sort.kind !== 'bv') throw new NotMapped(`memory holding ${showType(elem)} elements`);
  return { key: l.key, sz: l.sort.width / 8 };
}

/** The little-endian bytes of element `i` of block `bid` in the byte array `U`. */
export function elementBytes(F: TermFactory, U: Term, bid: Term, i: Term, sz: number): Term {
  const base = F.app('bvmul', [i, F.bv(sz, OFF_BITS)]);
  let v: Term | null = null;
  for (let k = sz - 1; k >= 0; k--) {
    const off = k === 0 ? base : F.app('bvadd', [base, F.bv(k, OFF_BITS)]);
    const b = F.select(U, F.app('concat', [bid, off]));
    v = v === null ? b : F.app('concat', [v, b]);
  }
  return v!;
}

const inBlock = (F: TermFactory, i: Term, size: Term) => F.app('bvult', [i, size]);

/** Assumption: the two memories agree on every element of the block. Quantified over the
 *  element index (the solver instantiates it at Core's reads of the block). */
export function agree(F: TermFactory, cells: Term, U: Term, p: BlockPair, name: string): Term {
  const i = F.var(`${name}.i`, bvSort(OFF_BITS));
  return F.quant('forall', [i], F.implies(inBlock(F, i, p.size), F.eq(F.select(sel(F, cells, p.core), i), elementBytes(F, U, p.bid, i, p.sz))));
}

/** Mismatch: some element of the block differs (a fresh witness index `e`). */
export function differ(F: TermFactory, cells: Term, U: Term, p: BlockPair, name: string): Term {
  const e = F.var(name, bvSort(OFF_BITS));
  return F.and(inBlock(F, e, p.size), F.not(F.eq(F.select(sel(F, cells, p.core), e), elementBytes(F, U, p.bid, e, p.sz))));
}

/** Mismatch: a byte outside every related block differs from what it was (the target
 *  wrote observable memory Core cannot see). Stack blocks are gone after the return. */
export function otherBytesDiffer(F: TermFactory, U: Term, U0: Term, related: Term[], excluded: Term[], name: string): Term {
  const a = F.var(name, bvSort(BID_BITS + OFF_BITS));
  const bid = F.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a);
  return F.and(...[...related, ...excluded].map((b) => F.not(F.eq(bid, b))), F.not(F.eq(F.select(U, a), F.select(U0, a))));
}

/** Core's cells of a key in a memory state. */
export function coreCells(m: SymMemory, key: string): Term {
  return cellsOf(m, key);
}
