// The symbolic memory: the concrete model of ../memory.ts (blocks with a size, a kind, an
// arena epoch or a region; arenas with capacity, bytes used and epoch; regions with a
// released flag) as SMT arrays, so that blocks of arguments can be symbolic and alias.
//
//   size     : BID -> I64      elements in the block
//   kind     : BID -> BV8      0 static/argv/other (never dies), 1 stack, 2 arena, 3 region
//   owner    : BID -> BV32     the arena or region of an arena/region block
//   bepoch   : BID -> I64      the arena epoch the block was allocated in
//   aepoch, aused, acap : AID -> I64    an arena's epoch, bytes used, capacity
//   released : RID -> Bool
//   cells[k] : BID -> (I64 -> leaf)     one array per leaf of an element type (tuples,
//                                       records and unions are stored field by field)
// I64 is the domain's int64 sort (a 64-bit vector, or Int in the Int representation).
// Block ids: 0 is the empty block (zero pointers), statics are 1..S, blocks reachable from
// arguments are symbolic in [1, OWN_BASE), everything the analysed function creates (blocks,
// arenas, regions) gets a fresh literal id from OWN_BASE, and blocks a callee hands back that
// the caller never had get ids from CALLEE_BASE. So "created by this frame" is a range test.
// A stack block dies only when its frame returns, which the analysed function never sees;
// an arena block is dead when its arena's epoch moved on (use-after-reset), a region block
// when its region was released (use-after-release).
import type { TermFactory } from '../../smt/factory.ts';
import { BOOL, INT, arraySort, bvSort, type Sort, type Term } from '../../smt/term.ts';
import { I32, I64, type SymIntDomain } from './domain.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { casePayloadTypes, intWidth, recordFields, zeroSV, type SV } from './values.ts';
import { unsupported } from './unsupported.ts';

export const BID_BITS = 32;
export const BID: Sort = bvSort(BID_BITS);
export const OWN_BASE = 1n << 31n;
export const CALLEE_BASE = 3n << 30n;
export const KIND = { other: 0, stack: 1, arena: 2, region: 3 } as const;

export type SymMemory = {
  size: Term;
  kind: Term;
  owner: Term;
  bepoch: Term;
  aepoch: Term;
  aused: Term;
  acap: Term;
  released: Term;
  /** Arrays per leaf key, created on first use from `init` (the initial memory). */
  cells: Map<string, Term>;
  init: (key: string) => Term;
};

export type Leaf = { key: string; sort: Sort };

export const META_FIELDS = ['size', 'kind', 'owner', 'bepoch', 'aepoch', 'aused', 'acap', 'released'] as const;
export type MetaField = (typeof META_FIELDS)[number];

export function metaSort(D: SymIntDomain, f: MetaField): Sort {
  switch (f) {
    case 'kind':
      return arraySort(BID, bvSort(8));
    case 'owner':
      return arraySort(BID, BID);
    case 'released':
      return arraySort(BID, BOOL);
    default:
      return arraySort(BID, D.sort(I64));
  }
}

/** The memory at function entry: every array a named variable `mem0.<field>` (`mem0i.` in
 *  the Int representation, so both can live in one factory). */
export function initialMemory(F: TermFactory, D: SymIntDomain, init: (key: string) => Term): SymMemory {
  const m = {} as Record<MetaField, Term>;
  for (const f of META_FIELDS) m[f] = F.var(`${memPrefix(D)}.${f}`, metaSort(D, f));
  return { ...m, cells: new Map(), init };
}

export function memPrefix(D: SymIntDomain): string {
  return D.repr === 'int' ? 'mem0i' : 'mem0';
}

export function cellSort(D: SymIntDomain, leaf: Sort): Sort {
  return arraySort(BID, arraySort(D.sort(I64), leaf));
}

/** The initial array of a leaf key (before any static contents are laid over it). */
export function initialCellsVar(F: TermFactory, D: SymIntDomain, leaf: Leaf): Term {
  return F.var(`${memPrefix(D)}.cells.${leaf.key}`, cellSort(D, leaf.sort));
}

export function copyMemory(m: SymMemory): SymMemory {
  return { ...m, cells: new Map(m.cells) };
}

export function cellsOf(m: SymMemory, key: string): Term {
  let c = m.cells.get(key);
  if (!c) {
    c = m.init(key);
    m.cells.set(key, c);
  }
  return c;
}

export function mergeMemory(F: TermFactory, c: Term, a: SymMemory, b: SymMemory): SymMemory {
  const out = {} as Record<MetaField, Term>;
  for (const f of META_FIELDS) out[f] = F.ite(c, a[f], b[f]);
  const cells = new Map<string, Term>();
  for (const k of new Set([...a.cells.keys(), ...b.cells.keys()])) cells.set(k, F.ite(c, cellsOf(a, k), cellsOf(b, k)));
  return { ...out, cells, init: a.init };
}

/** select, looking through stores at literal indices (most blocks have literal ids). */
export function sel(F: TermFactory, arr: Term, i: Term): Term {
  let a = arr;
  for (;;) {
    if (a.kind === 'app' && a.op === 'store') {
      const j = a.args[1]!;
      if (j.id === i.id) return a.args[2]!;
      if (j.kind === 'bv' && i.kind === 'bv') {
        a = a.args[0]!;
        continue;
      }
      break;
    }
    if (a.kind === 'constArray') return a.value;
    break;
  }
  return F.select(a, i);
}

export function meta(F: TermFactory, m: SymMemory, f: MetaField, id: Term): Term {
  return sel(F, m[f], id);
}

export function setMeta(F: TermFactory, m: SymMemory, f: MetaField, id: Term, v: Term): void {
  m[f] = F.store(m[f], id, v);
}

/** Arena block whose arena was reset since it was allocated. */
export function deadByReset(F: TermFactory, m: SymMemory, b: Term): Term {
  return F.and(F.eq(meta(F, m, 'kind', b), F.bv(KIND.arena, 8)), F.not(F.eq(meta(F, m, 'aepoch', meta(F, m, 'owner', b)), meta(F, m, 'bepoch', b))));
}

/** Region block whose region was released. */
export function deadByRelease(F: TermFactory, m: SymMemory, b: Term): Term {
  return F.and(F.eq(meta(F, m, 'kind', b), F.bv(KIND.region, 8)), meta(F, m, 'released', meta(F, m, 'owner', b)));
}

export function isAlive(F: TermFactory, m: SymMemory, b: Term): Term {
  return F.not(F.or(deadByReset(F, m, b), deadByRelease(F, m, b)));
}

// ---- cells ----

function keyName(t: Type): string {
  return showType(t).replace(/[^A-Za-z0-9_]+/g, '_');
}

/** The leaves an element of type `t` is stored as. Pointers, spans and handles cannot be
 *  stored in the symbolic memory (unsupported). */
export function leavesOf(types: TypeTable, D: SymIntDomain, t: Type): Leaf[] {
  const base = keyName(t);
  const out: Leaf[] = [];
  const push = (sort: Sort) => out.push({ key: `${base}.${out.length}.${sort.kind === 'bv' ? `bv${sort.width}` : sort.kind}`, sort });
  const go = (x: Type): void => {
    switch (x.kind) {
      case 'int':
      case 'char':
        return void push(D.sort(intWidth(x)!));
      case 'bool':
        return void push(BOOL);
      case 'float':
        return void push(bvSort(x.bits));
      case 'string':
        return void push(D.sort(I64));
      case 'unit':
        return;
      case 'tuple':
      case 'record':
        for (const f of recordFields(types, x)) go(f);
        return;
      case 'union':
        push(D.sort(I32));
        for (const p of casePayloadTypes(types, x)) for (const f of p) go(f);
        return;
      default:
        unsupported(`memory holding ${showType(x)} values`);
    }
  };
  go(t);
  return out;
}

/** The leaf sort a key was made for (keys end in `.bvN`, `.bool` or `.int`). */
export function leafSortOfKey(key: string): Sort {
  const last = key.slice(key.lastIndexOf('.') + 1);
  if (last === 'bool') return BOOL;
  if (last === 'int') return INT;
  return bvSort(Number(last.slice(2)));
}


export function toLeaves(v: SV, out: Term[] = []): Term[] {
  switch (v.k) {
    case 'int':
    case 'bool':
    case 'float':
      out.push(v.t);
      break;
    case 'str':
      out.push(v.len);
      break;
    case 'unit':
      break;
    case 'agg':
      for (const x of v.items) toLeaves(x, out);
      break;
    case 'case':
      out.push(v.tag);
      for (const p of v.cases) for (const x of p) toLeaves(x, out);
      break;
    default:
      unsupported(`storing a ${v.k} in memory`);
  }
  return out;
}

export function fromLeaves(types: TypeTable, t: Type, leaves: Term[]): SV {
  let i = 0;
  const next = () => leaves[i++]!;
  const go = (x: Type): SV => {
    switch (x.kind) {
      case 'int':
      case 'char':
        return { k: 'int', w: intWidth(x)!, t: next() };
      case 'bool':
        return { k: 'bool', t: next() };
      case 'float':
        return { k: 'float', bits: x.bits, t: next() };
      case 'string':
        return { k: 'str', len: next(), lit: null };
      case 'unit':
        return { k: 'unit' };
      case 'tuple':
      case 'record':
        return { k: 'agg', items: recordFields(types, x).map(go) };
      case 'union': {
        const tag = next();
        return { k: 'case', tag, cases: casePayloadTypes(types, x).map((p) => p.map(go)) };
      }
      default:
        return unsupported(`memory holding ${showType(x)} values`);
    }
  };
  return go(t);
}

export function readElem(F: TermFactory, D: SymIntDomain, m: SymMemory, types: TypeTable, elem: Type, b: Term, i: Term): SV {
  const leaves = leavesOf(types, D, elem).map((l) => sel(F, sel(F, cellsOf(m, l.key), b), i));
  return fromLeaves(types, elem, leaves);
}

export function writeElem(F: TermFactory, D: SymIntDomain, m: SymMemory, types: TypeTable, elem: Type, b: Term, i: Term, v: SV): void {
  const ls = leavesOf(types, D, elem);
  const vs = toLeaves(v);
  ls.forEach((l, k) => {
    const c = cellsOf(m, l.key);
    m.cells.set(l.key, F.store(c, b, F.store(sel(F, c, b), i, vs[k]!)));
  });
}

/** A new block reads as zeroes (fresh stack, arena and region memory, as the interpreter). */
export function zeroFill(F: TermFactory, D: SymIntDomain, m: SymMemory, types: TypeTable, elem: Type, b: Term): void {
  const zeros = toLeaves(zeroSV(F, D, elem, types));
  leavesOf(types, D, elem).forEach((l, k) => {
    m.cells.set(l.key, F.store(cellsOf(m, l.key), b, F.constArray(D.sort(I64), zeros[k]!)));
  });
}

/** Block `b` of element type `elem` gets unknown contents (a callee or a loop wrote it). */
export function havocBlock(F: TermFactory, D: SymIntDomain, m: SymMemory, types: TypeTable, elem: Type, b: Term, hint: string): void {
  for (const l of leavesOf(types, D, elem)) {
    const c = cellsOf(m, l.key);
    m.cells.set(l.key, F.store(c, b, F.fresh(`${hint}.${l.key}`, arraySort(D.sort(I64), l.sort))));
  }
}
