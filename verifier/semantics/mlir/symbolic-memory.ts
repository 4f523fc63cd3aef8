// The symbolic memory: the same block model as concrete-memory.ts, in SMT terms.
// - Observable blocks (arguments, mutable globals, escaping allocations, blocks external
//   calls return) share ONE array U : (block id ++ offset : bv96) -> byte, with a poison
//   array UP beside it; an external call replaces U wholesale by an unknown (shared by both
//   sides of a refinement query), and refinement compares U.
// - Private blocks (allocations that never escape, constant globals) have their own arrays.
// A block's id, size and liveness are terms (an allocation inside a branch or a loop exists
// only on some paths); a pointer's static points-to set (values.ts) limits which blocks an
// access is checked against.
import type { Operation } from '../../../compiler/mlir/ir.ts';
import type { TermFactory } from '../../smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../../smt/term.ts';
import type { Dom } from './domain.ts';
import { EXT_BASE, LOCAL_BASE, PRIVATE_BASE, STACK_BASE, type BlockKind, type Memory } from './memory.ts';
import { BID_BITS, OBS, OFF_BITS, Unsupported, type PtrV } from './values.ts';

export type SymBlock = {
  key: number;
  bid: Term;
  kind: BlockKind;
  size: Term;
  alive: Term;
  readonly: boolean;
  /** free() of its start is allowed (heap and external blocks; for an argument block, a
   *  shared unknown: the caller may pass heap or other memory). */
  freeable: Term;
  /** In the shared observable array U (else: data/poison below). */
  inU: boolean;
  data?: Term;
  poison?: Term;
  /** The bytes of a constant global (read directly at literal offsets). */
  lit?: Uint8Array;
  /** A block of the caller's that may be read-only memory (an argument block: a constant
   *  global the caller names, a string literal): a write where this is false is UB (LangRef
   *  global `constant`; the `writable` attribute exists because without it a pass may not
   *  introduce a store). Absent: writable unless `readonly`. */
  writable?: Term;
  /** For diagnostics: where the block comes from. */
  origin: string;
  /** The alignment its start is guaranteed (Memory.alloc; a global's); absent: any (an
   *  argument's or an external block's start, whose offsets are the inputs' choice). */
  align?: number;
  /** A global no pointer from outside the function can point into (verifier/tv/
   *  sealed-globals.ts): not a candidate of an observable (OBS) pointer. */
  sealed?: boolean;
  /** An allocation of this function (alloc): whether this path made it — liveness that a
   *  free does not clear (query.ts: bytes past its end are no bytes of the source). */
  allocated?: Term;
  /** core-calls engineer: the allocating op (Core -> MLIR relates a Core stack array to the
   *  block of its memref.alloca: verifier/tv/core/stacks.ts). */
  site?: Operation;
  // ---- undef (begin): undef engineer
  /** Source side (FreshTracking): offset -> may the byte be one nobody wrote (LLVM undef,
   *  poison here). Kept for every block this function allocates, private or in U, whatever
   *  its size; absent: no such byte (arguments, globals, external blocks). */
  fresh?: Term;
  /** Cut-point mode: the block existed at loops' havoc states, which kept the arrival's
   *  `fresh` array (FreshTracking): the keys that weaken it (an inner loop's write breaks the
   *  enclosing loops' assumption too), should a possibly-fresh byte be written into it. */
  freshFrozen?: string[];
  /** Weakened (FreshTracking): its poison bits stand for its fresh bits. */
  freshIsPoison?: boolean;
  /** Target side, a block in U the function allocated: offset -> the byte holds a stored
   *  undef (a moved read of unwritten memory), which `fresh` does not keep there (see
   *  writeBytes); only the call snapshots read it (undef-snapshots.ts: the target's poison
   *  there is its own undef). Absent while no such value was stored. */
  moved?: Term;
  // ---- undef (end)
};

// ---- undef (begin): undef engineer
/** The source side's tracking of bytes nobody wrote (README "Values, poison, undef"): a
 *  load marks its value with the condition that one of its bytes is fresh (symexec.ts
 *  reports where the source computes with such a value). In cut-point mode a loop's
 *  havoc state keeps, strictly, each block's arrival `fresh` array (fresh bytes only get
 *  written within the loop, so the arrival's cover every visit of the header), and holds
 *  no fresh byte in blocks of earlier iterations (summaries; checked at the back edge,
 *  symexec.ts record). Where a loop writes a possibly-fresh byte (a stored read, a copy)
 *  into such a block, `weaken` asks for a run where its poison bits stand for its fresh
 *  bits instead (sound: a fresh byte is poison; the havoc's poison covers every state). */
export type FreshTracking = { cut: boolean; weaken(key: string): void };
// ---- undef (end)

/** The observable blocks earlier iterations of a loop allocated, in a cut-point havoc state
 *  (verifier/tv/cutpoint.ts): ids LOCAL_BASE + [lo, hi), sizes and liveness unknown arrays
 *  indexed by block id, contents in U. `frees` are the external calls made since the havoc
 *  (each may have freed any of them). */
export type Summary = {
  /** Ids LOCAL_BASE + [lo, hi) (blocks a loop allocated), or EXT_BASE + [lo, hi) (blocks
   *  external calls returned: the id is the call's number, the size the call model's). */
  base: 'local' | 'ext';
  lo: Term;
  hi: Term;
  size: Term;
  alive: Term;
  frees: { n: Term; when: Term }[];
  /** Source side (FreshTracking; undef engineer): the key that weakens this summary, and
   *  whether it is weak (fresh bytes stand for by poison, else none). */
  freshKey?: string;
  freshWeak?: boolean;
  /** `local`: the start alignment every block in the range is taken to have (SymBlock.align;
   *  symexec.ts summaryAlign); absent: any. */
  align?: number;
};

/** A summarised block's size. */
export function summarySize(f: TermFactory, sm: Summary, bid: Term): Term {
  if (sm.base === 'local') return f.select(sm.size, bid);
  const n = f.app('zero_extend', [f.app('bvsub', [bid, f.bv(EXT_BASE, BID_BITS)])], [64 - BID_BITS]);
  return f.select(f.var('call.extsize', arraySort(bvSort(64), bvSort(64))), n);
}

export type SymMemState = {
  U: Term;
  UP: Term;
  summaries?: Summary[];
  /** Indexed by key; a missing entry: the block is not allocated on this path. */
  blocks: (SymBlock | undefined)[];
  /** Escaping and private allocations so far (memory.ts: their ids count separately). */
  allocCount: Term;
  privateCount: Term;
  stackCount: Term;
};

/** The poison arrays made as lambdas (callWrotePoison, freshObservablePoison): each differs
 *  from `inner` only at addresses in the blocks `bids` (tv/core/memory.ts
 *  snapPoisonOutsideOwn reads them outside the function's own blocks as `inner`). */
export const poisonLambdaBlocks = new WeakMap<Term, { inner: Term; bids: Term[] }>();

export const ADDR_SORT = bvSort(BID_BITS + OFF_BITS);

/** An address (block id ++ offset) as its two parts. */
export function splitAddr(f: TermFactory, a: Term): { bid: Term; off: Term } {
  return { bid: f.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a), off: f.extract(OFF_BITS - 1, 0, a) };
}
export const BYTES_SORT = arraySort(bvSort(OFF_BITS), bvSort(8));
export const POISON_SORT = arraySort(bvSort(OFF_BITS), BOOL);
export const U_SORT = arraySort(ADDR_SORT, bvSort(8));
export const UP_SORT = arraySort(ADDR_SORT, BOOL);

/** Largest memcpy/memset length expanded byte by byte. */
const MAX_COPY = 256n;
/** Largest escaping allocation whose fresh bytes are poison in UP (the replay,
 *  verifier/tv/replay.ts, uses the same bound). */
export const FRESH_POISON_MAX = 256n;

/** Block id -> the start address of an argument or external block, an input (only its low
 *  bits matter: an access's alignment is asked of start + offset; SymEnv.freeStarts). The
 *  replay gives its concrete blocks the model's value (verifier/tv/replay.ts). */
export const BLOCK_START = 'blockstart';
export const BLOCK_START_SORT = arraySort(bvSort(BID_BITS), bvSort(OFF_BITS));

export class SymbolicMemory implements Memory<Term, Term> {
  constructor(
    private readonly f: TermFactory,
    private readonly D: Dom<Term, Term>,
    /** The current path's memory (read and replaced). */
    private readonly cur: { mem: SymMemState; pc: Term },
    private readonly ubHook: (cond: Term, what: string) => void,
    private readonly escapes: (site: Operation) => boolean,
    private readonly globalKeys: Map<string, number>,
    /** FreshData: bid -> initial bytes of a private allocation (shared by both sides). */
    private readonly fresh: Term,
    /** A key for a new block, unique across all paths (blocks of different paths that
     *  meet at a join must not share a key). */
    private readonly newKey: () => number,
    /** Source side: which bytes nobody wrote (undef engineer). */
    private readonly undef?: FreshTracking,
    /** Target side (undef engineer): escaping blocks keep a `fresh` array too, and a read of
     *  a byte there nobody wrote is poison (UP alone misses large blocks and bytes an
     *  external call need not have written; poison is the sound reading on this side). */
    private readonly tgtUnwritten = false,
    /** The starts of argument and external blocks are inputs (BLOCK_START; SymEnv.freeStarts). */
    private readonly freeStarts = false,
  ) {}

  // the private blocks (by id term) some access of this run may
  // read — a candidate of a load or a copy's source; the cut-point relation need not compare
  // the bytes of a block neither side ever reads (verifier/tv/cutpoint.ts stateDiffer)
  readonly readPrivate = new Set<number>();

  get falseArray(): Term {
    return this.f.constArray(bvSort(OFF_BITS), this.f.false);
  }

  get trueArray(): Term {
    return this.f.constArray(bvSort(OFF_BITS), this.f.true);
  }

  /** Blocks p may point into, and for each the condition that it does. A summary of blocks
   *  (a loop's earlier allocations) is a candidate as a block of p's own id, hit when that id
   *  is in its range; its key is negative: -(index + 1). */
  private candidates(p: PtrV<Term, Term>): { b: SymBlock; hit: Term }[] {
    const blocks = this.cur.mem.blocks;
    const out: { b: SymBlock; hit: Term }[] = [];
    if (p.pts === undefined || p.pts.includes(OBS)) {
      (this.cur.mem.summaries ?? []).forEach((sm, i) => {
        const b: SymBlock = {
          key: -(i + 1), bid: p.bid, kind: sm.base === 'ext' ? 'ext' : 'heap', size: summarySize(this.f, sm, p.bid), alive: summaryAlive(this.f, sm, p.bid),
          readonly: false, freeable: this.f.true, inU: true, origin: 'an allocation of an earlier loop iteration', ...(sm.align !== undefined ? { align: sm.align } : {}),
        };
        const hit = inSummary(this.f, this.D, sm, p.bid);
        if (!(hit.kind === 'bool' && !hit.value)) out.push({ b, hit });
      });
    }
    const seen = new Set<number>();
    const pts = p.pts;
    if (pts === undefined) blocks.forEach((b) => this.consider(p, b, seen, out));
    else
      for (const k of pts) {
        if (k === OBS) blocks.forEach((b) => b && (b.inU || b.kind === 'static') && !b.sealed && this.consider(p, b, seen, out));
        else this.consider(p, blocks[k], seen, out);
      }
    // a private block is read and written through its own arrays, and the
    // last candidate whose id matches wins (readBytePlain). Entries of different allocations
    // may have equal ids — one allocation in each branch of an if takes the same counter
    // value — so an id match alone let the else branch's block (dead on the then path, its
    // arrays merged in from the else path) capture the then path's reads: a target reading a
    // wrong byte of its then-branch buffer was proved (tests/verifier/tv/core/
    // probe-if-allocations.test.ts). Among several candidates a private allocation is hit only
    // where it is alive (no two live blocks share an id; a dead one is UB anyway: inBounds).
    // (Only allocations: a static's or an argument's id is its own.)
    if (out.length > 1) for (const c of out) if (!c.b.inU && c.b.key >= 0 && (c.b.kind === 'heap' || c.b.kind === 'stack')) c.hit = this.D.andB(c.hit, c.b.alive);
    return out;
  }

  /** candidates' step: block b, once, where p may point into it (a method, not a closure per
   *  access: tsx names every closure it creates). */
  private consider(p: PtrV<Term, Term>, b: SymBlock | undefined, seen: Set<number>, out: { b: SymBlock; hit: Term }[]): void {
    if (!b || seen.has(b.key)) return;
    seen.add(b.key);
    const hit = this.D.eq(p.bid, b.bid, BID_BITS);
    if (hit.kind === 'bool' && !hit.value) return;
    out.push({ b, hit });
  }

  private addr(bid: Term, off: Term): Term {
    return this.f.app('concat', [bid, off]);
  }

  /** select with read-over-write simplification for literal indices. */
  selectArr(arr: Term, idx: Term): Term {
    let a = arr;
    for (let steps = 0; steps < 64; steps++) {
      if (a.kind === 'constArray') return a.value;
      if (a.kind === 'app' && a.op === 'store') {
        const [inner, i, v] = a.args as [Term, Term, Term];
        if (i.id === idx.id) return v;
        if (i.kind === 'bv' && idx.kind === 'bv') {
          a = inner;
          continue;
        }
      }
      break;
    }
    return this.f.select(a, idx);
  }

  private bounds(cands: { b: SymBlock; hit: Term }[], p: PtrV<Term, Term>, n: Term): Term {
    const D = this.D;
    return D.orB(
      ...cands.map(({ b, hit }) => D.andB(hit, b.alive, D.ule(n, b.size, OFF_BITS), D.ule(p.off, D.sub(b.size, n, OFF_BITS), OFF_BITS))),
    );
  }

  private checkAccess(p: PtrV<Term, Term>, n: number, align: number, what: string, write: boolean): { b: SymBlock; hit: Term }[] {
    const D = this.D;
    const cands = this.candidates(p);
    this.ubHook(p.poison, `${what}: poison pointer`);
    this.ubHook(D.notB(this.bounds(cands, p, D.lit(BigInt(n), OFF_BITS))), `${what}: out of bounds or dead block`);
    if (align > 1) {
      const bits = Math.log2(align);
      if (!Number.isInteger(bits)) throw new Unsupported(`alignment ${align}`);
      const mis = (off: Term) => D.notB(D.eq(D.extract(off, bits - 1, 0, OFF_BITS), D.lit(0n, bits), bits));
      // an argument's or an external block's start is the caller's: its residue is an input
      // (BLOCK_START), so that an address's alignment and its distance to the block's start
      // are both free (with the offset alone, a pointer into an object starting at an odd
      // address could not be represented: probe-implicit-align)
      // a global's start is shared by both sides too, and only guaranteed its alignment: it
      // may sit at a more aligned address, where an access asking more is defined (taken as
      // UB whatever the address, a source doing so was proved against any target:
      // probe-global-overalign); its start is the input with the low bits of its alignment
      // clear (asked only of an access over that alignment: below it the offset decides)
      const free = this.freeStarts ? cands.filter((c) => (c.b.align === undefined && (c.b.kind === 'arg' || c.b.kind === 'ext')) || (c.b.kind === 'static' && c.b.align !== undefined && align > c.b.align)) : [];
      if (free.length === 0) this.ubHook(mis(p.off), `${what}: misaligned`);
      else {
        const starts = this.f.var(BLOCK_START, BLOCK_START_SORT);
        const start = (b: SymBlock) => {
          const s = this.f.select(starts, b.bid);
          return b.align !== undefined && b.align > 1 ? this.f.app('bvand', [s, this.f.bv(BigInt.asUintN(OFF_BITS, -BigInt(b.align)), OFF_BITS)]) : s;
        };
        const addr = (c: (typeof cands)[number]) => (free.includes(c) ? D.add(start(c.b), p.off, OFF_BITS) : p.off);
        this.ubHook(D.orB(...cands.map((c) => D.andB(c.hit, mis(addr(c))))), `${what}: misaligned`);
      }
      // the block's start has only its guaranteed alignment (Memory.load): an `alloca i8`
      // may sit at an odd address, so an i32 access to it is UB whatever the offset
      const under = cands.filter((c) => c.b.align !== undefined && align > c.b.align && !free.includes(c));
      if (under.length) this.ubHook(D.orB(...under.map((c) => c.hit)), `${what}: alignment ${align} over the block's guaranteed one`);
    }
    if (write) {
      const ro = cands.filter((c) => c.b.readonly);
      if (ro.length) this.ubHook(D.orB(...ro.map((c) => c.hit)), `${what}: read-only block`);
      const mayRo = cands.filter((c) => !c.b.readonly && c.b.writable !== undefined);
      if (mayRo.length) this.ubHook(D.orB(...mayRo.map((c) => D.andB(c.hit, D.notB(c.b.writable!)))), `${what}: a block of the caller's that may be read-only`);
    }
    return cands;
  }

  private readByte(cands: { b: SymBlock; hit: Term }[], p: PtrV<Term, Term>, off: Term): { v: Term; poison: Term; fresh?: Term } {
    const D = this.D;
    const m = this.cur.mem;
    const anyU = cands.some((c) => c.b.inU);
    let v: Term | null = null;
    let poison: Term | null = null;
    if (anyU) {
      const a = this.addr(p.bid, off);
      v = this.selectArr(m.U, a);
      poison = this.selectArr(m.UP, a);
    }
    // ---- undef (begin): undef engineer
    if (this.undef) {
      // a summarised block (an earlier iteration's allocation) has no fresh array: its poison
      // bit stands for it (fresh bytes are poison; stores clear both)
      const fr = cands.map(({ b, hit }) => {
        const weak = b.key < 0 ? this.cur.mem.summaries![-b.key - 1]!.freshWeak === true : b.freshIsPoison === true;
        if (weak) return D.andB(hit, b.inU ? poison! : this.selectArr(b.poison!, off));
        return b.key >= 0 && b.fresh ? D.andB(hit, this.selectArr(b.fresh, off)) : D.bool(false);
      });
      const r = this.readBytePlain(cands, off, v, poison);
      return { ...r, fresh: D.orB(...fr) };
    }
    const r = this.readBytePlain(cands, off, v, poison);
    if (!this.tgtUnwritten) return r;
    // (blocks it allocated: an argument block's or a global's marks are undefs it stored,
    // already poison in UP — pair.ts, query.ts undefMemory)
    const unwritten = cands.flatMap(({ b, hit }) => (b.key >= 0 && b.inU && b.fresh && b.allocated !== undefined ? [D.andB(hit, this.selectArr(b.fresh, off))] : []));
    // the byte's own mark (private blocks too): a target value read from bytes nobody wrote
    // is LLVM's undef, not poison (query.ts scalarMismatch: a source's undef result)
    const fr = cands.flatMap(({ b, hit }) => (b.key >= 0 && b.fresh ? [D.andB(hit, this.selectArr(b.fresh, off))] : []));
    const marked = fr.length ? { fresh: D.orB(...fr) } : {};
    return unwritten.length ? { ...r, poison: D.orB(r.poison, ...unwritten), ...marked } : { ...r, ...marked };
  }

  private readBytePlain(cands: { b: SymBlock; hit: Term }[], off: Term, v0: Term | null, poison0: Term | null): { v: Term; poison: Term } {
    const D = this.D;
    let v = v0;
    let poison = poison0;
    // ---- undef (end)
    for (const { b, hit } of cands) {
      if (b.inU) continue;
      this.readPrivate.add(b.bid.id);
      const k = b.lit && off.kind === 'bv' ? off.value : null;
      const bv = k !== null && k < BigInt(b.lit!.length) ? this.f.bv(b.lit![Number(k)]!, 8) : this.selectArr(b.data!, off);
      const bp = this.selectArr(b.poison!, off);
      v = v === null ? bv : D.ite(hit, bv, v, 8);
      poison = poison === null ? bp : D.iteB(hit, bp, poison);
    }
    return { v: v ?? D.lit(0n, 8), poison: poison ?? D.bool(true) };
  }

  load(p: PtrV<Term, Term>, n: number, align: number, what: string): { v: Term; poison: Term; fresh?: Term } {
    const D = this.D;
    const cands = this.checkAccess(p, n, align, what, false);
    const bytes: Term[] = [];
    const ps: Term[] = [];
    const fs: Term[] = [];
    const hard: Term[] = []; // undef engineer: poison bytes that are no unwritten ones
    for (let i = 0; i < n; i++) {
      const r = this.readByte(cands, p, D.add(p.off, D.lit(BigInt(i), OFF_BITS), OFF_BITS));
      bytes.push(r.v);
      ps.push(r.poison);
      if (r.fresh) fs.push(r.fresh);
      hard.push(r.fresh ? D.andB(r.poison, D.notB(r.fresh)) : r.poison);
    }
    if (!this.undef && !this.tgtUnwritten) return { v: this.joinBytes(bytes), poison: D.orB(...ps) };
    // undef engineer: the value is undef (not poison) when a byte is unwritten and none is
    // poison otherwise (LLVM: one poison byte makes the load poison); `fresh` means exactly
    // that from here on (values.ts), which the source's uses and the return check rely on
    const any = D.orB(...fs);
    const fresh = D.knownB(any) === false ? any : D.andB(any, D.notB(D.orB(...hard)));
    return { v: this.joinBytes(bytes), poison: D.orB(...ps), fresh };
  }

  /** Little-endian bytes as one value; bytes that are consecutive slices of one value (it was
   *  stored and is loaded back) give that value (or its slice) again. */
  private joinBytes(bytes: Term[]): Term {
    const first = bytes[0]!;
    if (first.kind === 'app' && first.op === 'extract') {
      const src = first.args[0]!;
      const lo = first.indices[1]!;
      const whole = bytes.every((b, i) => b.kind === 'app' && b.op === 'extract' && b.args[0]!.id === src.id && b.indices[1] === lo + 8 * i && b.indices[0] === lo + 8 * i + 7);
      if (whole) return this.D.extract(src, lo + 8 * bytes.length - 1, lo, src.sort.kind === 'bv' ? src.sort.width : 0);
    }
    let v = bytes[bytes.length - 1]!;
    for (let i = bytes.length - 2; i >= 0; i--) v = this.f.app('concat', [v, bytes[i]!]);
    return v;
  }

  store(p: PtrV<Term, Term>, n: number, align: number, v: Term, poison: Term, what: string, fresh?: Term): void {
    const cands = this.checkAccess(p, n, align, what, true);
    const bytes = Array.from({ length: n }, (_, i) => this.D.extract(v, 8 * i + 7, 8 * i, 8 * n));
    this.writeBytes(cands, p, bytes.map((b) => ({ v: b, poison, ...(fresh ? { fresh } : {}) })));
  }

  private writeBytes(cands: { b: SymBlock; hit: Term }[], p: PtrV<Term, Term>, bytes: { v: Term; poison: Term; fresh?: Term }[]): void {
    const D = this.D;
    const f = this.f;
    const m = this.cur.mem;
    const offs = bytes.map((_, i) => D.add(p.off, D.lit(BigInt(i), OFF_BITS), OFF_BITS));
    const locals = cands.filter((c) => !c.b.inU);
    let { U, UP } = m;
    if (cands.some((c) => c.b.inU)) {
      let nu = U;
      let nup = UP;
      const upFalse = isFalseArray(UP);
      bytes.forEach((b, i) => {
        const a = this.addr(p.bid, offs[i]!);
        nu = f.store(nu, a, b.v);
        if (!(upFalse && b.poison.kind === 'bool' && !b.poison.value)) nup = f.store(nup, a, b.poison);
      });
      const intoLocal = D.orB(...locals.map((c) => c.hit));
      U = f.ite(intoLocal, U, nu);
      UP = f.ite(intoLocal, UP, nup);
    }
    const blocks = m.blocks.slice();
    for (const { b, hit } of locals) {
      let nd = b.data!;
      let np = b.poison!;
      const pFalse = isFalseArray(np); // a fresh block's array is all true: stores must clear it
      bytes.forEach((x, i) => {
        nd = f.store(nd, offs[i]!, x.v);
        if (!(pFalse && x.poison.kind === 'bool' && !x.poison.value)) np = f.store(np, offs[i]!, x.poison);
      });
      blocks[b.key] = { ...b, data: f.ite(hit, nd, b.data!), poison: f.ite(hit, np, b.poison!) };
    }
    // ---- undef (begin): undef engineer — the written bytes are fresh only if the value is
    const written = this.undef?.cut ? bytes.flatMap((x) => (x.fresh && D.knownB(x.fresh) !== false ? [x.fresh] : [])) : [];
    if (written.length) {
      for (const { b, hit } of cands) {
        if (D.knownB(hit) === false) continue;
        const sm = b.key < 0 ? this.cur.mem.summaries![-b.key - 1]! : null;
        if (sm && !sm.freshWeak && sm.freshKey) this.undef!.weaken(sm.freshKey);
        if (!sm && b.freshFrozen && !b.freshIsPoison) for (const k of b.freshFrozen) this.undef!.weaken(k);
      }
    }
    for (const { b, hit } of cands) {
      if (b.key < 0 || !b.fresh) continue;
      const cur = blocks[b.key]!;
      let nf = b.fresh;
      const fFalse = isFalseArray(nf);
      // (target side, a block in U the function allocated: a stored undef counts as written,
      // as before values carried marks there — kept so, the bytes an external call may leave
      // unwritten would otherwise include every moved undef, which the replay's call always
      // writes: models that do not replay where pairs were bounded or refuted by concrete
      // tests; its value then reads as poison, the stricter reading on this side. Argument
      // blocks and globals keep the mark: query.ts undefMemory compares it with the source's)
      const keep = !(this.tgtUnwritten && b.inU && b.allocated !== undefined);
      bytes.forEach((x, i) => {
        const fr = keep ? (x.fresh ?? f.false) : f.false;
        if (!(fFalse && fr.kind === 'bool' && !fr.value)) nf = f.store(nf, offs[i]!, fr);
      });
      if (nf !== b.fresh) blocks[b.key] = { ...cur, fresh: f.ite(hit, writtenAll(this.D, nf, b.size) ? this.falseArray : nf, b.fresh) };
      // the marks `keep` drops, for the call snapshots only (SymBlock.moved)
      if (!keep && (b.moved || bytes.some((x) => x.fresh && D.knownB(x.fresh) !== false))) {
        let nm = b.moved ?? this.falseArray;
        bytes.forEach((x, i) => (nm = f.store(nm, offs[i]!, x.fresh ?? f.false)));
        blocks[b.key] = { ...blocks[b.key]!, moved: f.ite(hit, nm, b.moved ?? this.falseArray) };
      }
    }
    // ---- undef (end)
    this.cur.mem = { ...m, U, UP, blocks };
  }

  alloc(kind: 'stack' | 'heap', bytes: Term, site: Operation, align?: number): PtrV<Term, Term> {
    const D = this.D;
    const m = this.cur.mem;
    const key = this.newKey();
    const inU = this.escapes(site);
    const counter: 'allocCount' | 'privateCount' | 'stackCount' = inU ? 'allocCount' : kind === 'heap' ? 'privateCount' : 'stackCount';
    const base = inU ? LOCAL_BASE : kind === 'heap' ? PRIVATE_BASE : STACK_BASE;
    const bid = D.add(D.lit(BigInt(base), BID_BITS), m[counter], BID_BITS);
    const b: SymBlock = { key, bid, kind, size: bytes, alive: this.f.true, readonly: false, freeable: this.f.bool(kind === 'heap'), inU, origin: site.name, allocated: this.f.true, site, ...(align !== undefined ? { align } : {}) }; // site: core-calls engineer
    if (!inU) {
      // Fresh bytes are poison (LLVM: undef; MLIR mem2reg: ub.poison; the concrete
      // interpreter: UNINIT_SOURCE) until a store clears them. One fixed defined value here
      // would prove `load; load; cmpi eq` true and refute a source returning such a read.
      b.data = this.f.select(this.fresh, bid);
      b.poison = this.trueArray;
    }
    const blocks = m.blocks.slice();
    if (this.undef || this.tgtUnwritten) b.fresh = this.trueArray; // undef engineer: every byte unwritten
    blocks[key] = b;
    const one = D.lit(1n, BID_BITS);
    this.cur.mem = { ...m, blocks, UP: inU ? this.freshObservablePoison(m.UP, bid, bytes) : m.UP, [counter]: D.add(m[counter], one, BID_BITS) };
    return { kind: 'ptr', bid, off: D.lit(0n, OFF_BITS), poison: D.bool(false), pts: [key] };
  }

  /** Core -> MLIR (SymEnv.callsDefined): the poison a runtime call leaves is the memory's
   *  poison as it was, but for the bytes the runtime surely wrote (`ranges`: runtime-pre.ts
   *  runtimeBufferWrites), which are defined now — exact in blocks of a literal size of at
   *  most FRESH_POISON_MAX bytes; in others a written byte keeps its poison (stricter: such a
   *  difference does not replay, the runtime's models write defined bytes). The whole poison
   *  array was reset to none at every call, so poison the target stored into its own buffers
   *  before a call read as defined after it: a target printing, comparing or returning such a
   *  byte was proved (review 37). */
  callWrotePoison(ranges: { p: PtrV<Term, Term>; n: Term }[]): void {
    const D = this.D;
    const f = this.f;
    const UP = this.cur.mem.UP;
    // the bytes cleared, as one lambda over the address (each read is then one range test per
    // cleared range, where a store per byte made z3 split a read at a symbolic address over
    // every byte): UP'[x] = UP[x] && !(some && bid(x) = b && off(x) <u size && off(x) - p.off <u n)
    const clears: { b: SymBlock; some: Term; size: bigint; p: PtrV<Term, Term>; n: Term }[] = [];
    for (const { p, n } of ranges) {
      for (const { b, hit } of this.candidates(p)) {
        if (!b.inU || b.key < 0) continue;
        const size = D.known(b.size);
        if (size === null || size > FRESH_POISON_MAX || size <= 0n) continue;
        // (a negative count writes nothing: clef_zero_S of a negative size, ops.ts zeroFill)
        const some = D.andB(hit, D.notB(D.slt(n, D.lit(0n, OFF_BITS), OFF_BITS)));
        if (some.kind === 'bool' && !some.value) continue;
        clears.push({ b, some, size, p, n });
      }
    }
    if (!clears.length) return;
    const lam = f.lambda(ADDR_SORT, 'callwrote', (x) => {
      const { bid, off } = splitAddr(f, x);
      const wrote = D.orB(
        ...clears.map(({ b, some, size, p, n }) =>
          D.andB(some, D.eq(bid, b.bid, BID_BITS), D.ult(off, D.lit(size, OFF_BITS), OFF_BITS), D.ult(D.sub(off, p.off, OFF_BITS), n, OFF_BITS)),
        ),
      );
      return D.andB(f.select(UP, x), D.notB(wrote));
    });
    poisonLambdaBlocks.set(lam, { inner: UP, bids: clears.map((c) => c.b.bid) });
    this.cur.mem = { ...this.cur.mem, UP: lam };
  }

  /** An escaping block's fresh bytes are poison too: for a literal size of at most
   *  FRESH_POISON_MAX bytes, true in UP below that size (what snapshots, merges and the final
   *  memory comparison read): one lambda, exactly the stores of `true` per byte it replaced.
   *  A larger or symbolic size keeps whatever UP holds there (no poison: one unknown defined
   *  value, shared by both sides) — a documented gap (README). */
  private freshObservablePoison(UP: Term, bid: Term, bytes: Term): Term {
    const k = this.D.known(bytes);
    if (k === null || k > FRESH_POISON_MAX) return UP;
    // (a store per byte until session 24: an allocation in a loop has a symbolic block id, and
    // every read of UP at a symbolic address was then an ite over all its bytes — isqrt
    // show32's cut-point query 25 -> 4 M z3 units; tv/core README)
    if (k <= 0n) return UP;
    const f = this.f;
    const D = this.D;
    const lam = f.lambda(ADDR_SORT, 'freshpoison', (x) => {
      const was = f.select(UP, x);
      const a = splitAddr(f, x);
      return D.orB(was, D.andB(D.eq(a.bid, bid, BID_BITS), D.ult(a.off, D.lit(k, OFF_BITS), OFF_BITS)));
    });
    poisonLambdaBlocks.set(lam, { inner: UP, bids: [bid] });
    return lam;
  }

  free(p: PtrV<Term, Term>, what: string): void {
    const D = this.D;
    const cands = this.candidates(p);
    const isNull = D.andB(D.eq(p.bid, D.lit(0n, BID_BITS), BID_BITS), D.eq(p.off, D.lit(0n, OFF_BITS), OFF_BITS));
    const ok = D.orB(isNull, ...cands.map(({ b, hit }) => D.andB(hit, b.alive, b.freeable, D.eq(p.off, D.lit(0n, OFF_BITS), OFF_BITS))));
    this.ubHook(D.orB(p.poison, D.notB(ok)), `${what}: not the start of a live heap block`);
    const blocks = this.cur.mem.blocks.slice();
    const summaries = this.cur.mem.summaries?.slice();
    for (const { b, hit } of cands) {
      if (b.key < 0) {
        const sm = summaries![-b.key - 1]!;
        summaries![-b.key - 1] = { ...sm, alive: this.f.ite(hit, this.f.store(sm.alive, p.bid, this.f.false), sm.alive) };
      } else blocks[b.key] = { ...b, alive: D.andB(b.alive, D.notB(hit)) };
    }
    this.cur.mem = { ...this.cur.mem, blocks, ...(summaries ? { summaries } : {}) };
  }

  global(name: string): PtrV<Term, Term> {
    const key = this.globalKeys.get(name);
    const b = key === undefined ? undefined : this.cur.mem.blocks[key];
    if (!b) throw new Unsupported(`a reference to the unknown global @${name}`);
    return { kind: 'ptr', bid: b.bid, off: this.D.lit(0n, OFF_BITS), poison: this.D.bool(false), pts: [b.key] };
  }

  inBounds(p: PtrV<Term, Term>, live = true): Term {
    const D = this.D;
    return D.orB(...this.candidates(p).map(({ b, hit }) => D.andB(hit, live ? b.alive : D.bool(true), D.ule(p.off, b.size, OFF_BITS))));
  }

  private literalLength(n: Term, what: string): number {
    const k = this.D.known(n);
    if (k === null) throw new Unsupported(`${what} of a symbolic length`);
    if (k > MAX_COPY) throw new Unsupported(`${what} of more than ${MAX_COPY} bytes`);
    return Number(k);
  }

  // the runtime's buffer preconditions (runtime-pre.ts)
  accessible(p: PtrV<Term, Term>, n: Term, write: boolean, what: string): void {
    const D = this.D;
    const some = D.notB(D.eq(n, D.lit(0n, OFF_BITS), OFF_BITS));
    const cands = this.candidates(p);
    this.ubHook(D.andB(some, p.poison), `${what}: poison pointer`);
    this.ubHook(D.andB(some, D.notB(this.bounds(cands, p, n))), `${what}: out of bounds or dead block`);
    const ro = write ? cands.filter((c) => c.b.readonly) : [];
    if (ro.length) this.ubHook(D.andB(some, D.orB(...ro.map((c) => c.hit))), `${what}: read-only block`);
  }

  copy(dst: PtrV<Term, Term>, src: PtrV<Term, Term>, n: Term, what: string): void {
    const D = this.D;
    const len = this.literalLength(n, what);
    if (len === 0) return;
    const sc = this.checkAccess(src, len, 1, what, false);
    const dc = this.checkAccess(dst, len, 1, what, true);
    const same = D.eq(src.bid, dst.bid, BID_BITS);
    const L = D.lit(BigInt(len), OFF_BITS);
    // LangRef memcpy: the ranges "must either be equal or non-overlapping" (memcpy(p, p, n) was
    // UB here, so a source making it proved any target)
    const equal = D.eq(src.off, dst.off, OFF_BITS);
    this.ubHook(D.andB(same, D.notB(equal), D.ult(src.off, D.add(dst.off, L, OFF_BITS), OFF_BITS), D.ult(dst.off, D.add(src.off, L, OFF_BITS), OFF_BITS)), `${what}: overlapping ranges`);
    const bytes = Array.from({ length: len }, (_, i) => this.readByte(sc, src, D.add(src.off, D.lit(BigInt(i), OFF_BITS), OFF_BITS)));
    this.writeBytes(dc, dst, bytes);
  }

  fill(dst: PtrV<Term, Term>, byte: Term, n: Term, what: string, poison?: Term): void {
    const k = this.D.known(n);
    // a poison byte (memset of a poison value) is written only by the literal-length path
    if (poison !== undefined && this.D.knownB(poison) !== false && (k === null || k > MAX_COPY)) throw new Unsupported(`${what} of a value that may be poison, of a symbolic length`);
    if ((k === null || k > MAX_COPY) && this.fillWhole(dst, byte, n, what)) return;
    if (k === null || k > MAX_COPY) {
      // observable memory only (a constant global among the candidates: writing it is UB)
      const cands = this.candidates(dst);
      if (cands.every(({ b }) => b.inU || b.readonly)) {
        const ro = cands.filter(({ b }) => b.readonly);
        if (ro.length) this.ubHook(this.D.orB(...ro.map(({ hit }) => hit)), `${what}: read-only block`);
        throw new ObservableFill(`${what} of a symbolic length`);
      }
    }
    const len = this.literalLength(n, what);
    if (len === 0) return;
    const dc = this.checkAccess(dst, len, 1, what, true);
    const b = this.D.extract(byte, 7, 0, 8);
    this.writeBytes(dc, dst, Array.from({ length: len }, () => ({ v: b, poison: poison ?? this.D.bool(false) })));
    // undef engineer: a fill of a whole block of a literal size leaves no fresh byte there
    // (a constant array, so reads at any index are known unmarked)
    if ((this.undef || this.tgtUnwritten) && this.D.known(dst.off) === 0n) {
      const blocks = this.cur.mem.blocks.slice();
      for (const { b, hit } of dc) if (b.key >= 0 && b.fresh && this.D.known(b.size) === BigInt(len)) blocks[b.key] = { ...blocks[b.key]!, fresh: this.f.ite(hit, this.falseArray, b.fresh) };
      this.cur.mem = { ...this.cur.mem, blocks };
    }
  }

  // ---- undef (begin): undef engineer
  /** Target side, after an external call: the bytes it surely wrote are no longer unwritten
   *  (`fresh`); every other byte it could reach keeps its mark (the call need not write it,
   *  and an unwritten byte stays LLVM's undef). `ranges`: a buffer (pointer, byte count) the
   *  runtime writes in full (the count: its size word, or the bytes it reports). Exact for a
   *  range covering a whole block from its start, byte by byte for a literal block size of
   *  at most FRESH_POISON_MAX; otherwise the marks stay (more poison: sound here). */
  callWrote(ranges: { p: PtrV<Term, Term>; n: Term }[]): void {
    if (!this.tgtUnwritten || !ranges.length) return;
    const D = this.D;
    const f = this.f;
    const blocks = this.cur.mem.blocks.slice();
    for (const { p, n } of ranges) {
      for (const { b, hit } of this.candidates(p)) {
        const cur = b.key >= 0 ? blocks[b.key] : undefined;
        if (!cur || !cur.inU || !cur.fresh) continue;
        if (D.known(p.off) === 0n && sameProduct(cur.size, n)) {
          blocks[b.key] = { ...cur, fresh: f.ite(hit, this.falseArray, cur.fresh) };
          continue;
        }
        const size = D.known(cur.size);
        if (size === null || size > FRESH_POISON_MAX) continue;
        let nf = cur.fresh;
        // (a negative count writes nothing: clef_zero_S of a negative size, ops.ts zeroFill)
        const some = D.knownB(D.slt(n, D.lit(0n, OFF_BITS), OFF_BITS)) === false ? hit : D.andB(hit, D.notB(D.slt(n, D.lit(0n, OFF_BITS), OFF_BITS)));
        for (let o = 0n; o < size; o++) {
          const at = D.lit(o, OFF_BITS);
          const wrote = D.andB(some, D.ult(D.sub(at, p.off, OFF_BITS), n, OFF_BITS));
          nf = f.store(nf, at, D.andB(this.selectArr(cur.fresh, at), D.notB(wrote)));
        }
        blocks[b.key] = { ...cur, fresh: nf };
      }
    }
    this.cur.mem = { ...this.cur.mem, blocks };
  }
  // ---- undef (end)

// ---- zero-init (begin)
  /** A fill of a length that is not a small literal, exact when it covers whole private
   *  blocks (a stack array whose size is known only at run time, cleared by clef_zero_S
   *  right after its memref.alloca): their bytes all become `byte`. False: not that case
   *  (the caller reports a symbolic length as unsupported). */
  private fillWhole(dst: PtrV<Term, Term>, byte: Term, n: Term, what: string): boolean {
    const D = this.D;
    const f = this.f;
    if (D.known(dst.off) !== 0n) return false;
    const cands = this.candidates(dst);
    if (!cands.length || cands.some(({ b }) => b.key < 0 || b.inU || b.readonly || !b.data || !b.poison || !sameProduct(b.size, n))) return false;
    this.ubHook(dst.poison, `${what}: poison pointer`);
    this.ubHook(D.notB(this.bounds(cands, dst, n)), `${what}: out of bounds or dead block`);
    const all = f.constArray(bvSort(OFF_BITS), D.extract(byte, 7, 0, 8));
    const blocks = this.cur.mem.blocks.slice();
    for (const { b, hit } of cands) blocks[b.key] = { ...b, data: f.ite(hit, all, b.data!), poison: f.ite(hit, this.falseArray, b.poison!), ...(b.fresh ? { fresh: f.ite(hit, this.falseArray, b.fresh) } : {}) }; // fresh: undef engineer
    this.cur.mem = { ...this.cur.mem, blocks };
    return true;
  }
// ---- zero-init (end)
}

/** A fill of a symbolic length into observable memory only (U), which has no exact model
 *  here: clef_zero_S then stays the runtime call it is (ops.ts), uninterpreted — the call
 *  may write any observable byte, which includes the zeroes it writes. */
export class ObservableFill extends Unsupported {}

// ---- undef (begin): undef engineer
/** Has a block of a small literal size had every byte written (a fresh array that is stores
 *  of `false` at literal offsets covering it)? Then its array is the constant false, and a
 *  read anywhere in it is known unmarked (symexec.ts decides some things on literals). */
function writtenAll(D: Dom<Term, Term>, arr: Term, size: Term): boolean {
  const n = D.known(size);
  if (n === null || n === 0n || n > 256n) return false;
  const seen = new Map<bigint, boolean>();
  let a = arr;
  for (let steps = 0; steps < 1024 && a.kind === 'app' && a.op === 'store'; steps++) {
    const [inner, i, v] = a.args as [Term, Term, Term];
    if (i.kind !== 'bv' || v.kind !== 'bool') return false;
    if (!seen.has(i.value)) seen.set(i.value, v.value);
    a = inner;
  }
  if (a.kind !== 'constArray') return false;
  for (let o = 0n; o < n; o++) if ((seen.get(o) ?? (a.value.kind === 'bool' && a.value.value)) !== false) return false;
  return true;
}
// ---- undef (end)

/** A constant all-false poison array (a store of a defined byte into it changes nothing). */
function isFalseArray(t: Term): boolean {
  return t.kind === 'constArray' && t.value.kind === 'bool' && !t.value.value;
}

/** The same term, up to the order of a product's two factors (a block's size n * 8 and a
 *  fill of 8 * n bytes). */
function sameProduct(a: Term, b: Term): boolean {
  if (a.id === b.id) return true;
  if (a.kind !== 'app' || b.kind !== 'app' || a.op !== 'bvmul' || b.op !== 'bvmul' || a.args.length !== 2 || b.args.length !== 2) return false;
  return a.args[0]!.id === b.args[1]!.id && a.args[1]!.id === b.args[0]!.id;
}

/** Is a block id within a summary's range (LOCAL_BASE + [lo, hi), unsigned)? */
export function inSummary(f: TermFactory, D: Dom<Term, Term>, sm: Summary, bid: Term): Term {
  const rel = D.sub(bid, D.lit(BigInt(sm.base === 'ext' ? EXT_BASE : LOCAL_BASE), BID_BITS), BID_BITS);
  return f.and(D.ule(sm.lo, rel, BID_BITS), D.ult(rel, sm.hi, BID_BITS));
}

/** Liveness of a summarised block: its entry, and not freed by a call since. */
export function summaryAlive(f: TermFactory, sm: Summary, bid: Term): Term {
  const free = f.var('call.free', arraySort(bvSort(64), arraySort(bvSort(BID_BITS), BOOL)));
  return f.and(f.select(sm.alive, bid), ...sm.frees.map((x) => f.not(f.and(x.when, f.select(f.select(free, x.n), bid)))));
}

/** Block k's field `g` of a path's memory, `dflt` where that path has no block k (mergeMem;
 *  module-level, not a closure per merged block: tsx names each closure it creates). */
function blockField<T>(k: number, g: (b: SymBlock) => T, dflt: T): (s: SymMemState) => T {
  return (s) => (s.blocks[k] ? g(s.blocks[k]!) : dflt);
}

/** Merges the memories of several paths: `states[i]` holds when `conds[i]` does (the last is
 *  the default). */
export function mergeMem(f: TermFactory, conds: Term[], states: SymMemState[]): SymMemState {
  if (states.length === 1) return states[0]!;
  const pick = <T>(get: (s: SymMemState) => T, ite: (c: Term, a: T, b: T) => T): T => {
    let acc = get(states[states.length - 1]!);
    for (let i = states.length - 2; i >= 0; i--) acc = ite(conds[i]!, get(states[i]!), acc);
    return acc;
  };
  const tite = (c: Term, a: Term, b: Term) => f.ite(c, a, b);
  const n = Math.max(...states.map((s) => s.blocks.length));
  const blocks: (SymBlock | undefined)[] = [];
  for (let k = 0; k < n; k++) {
    const entries = states.map((s) => s.blocks[k]);
    const first = entries.find((e) => e !== undefined);
    if (!first) continue;
    if (entries.every((e) => e === first)) {
      blocks[k] = first;
      continue;
    }
    const merged: SymBlock = {
      ...first,
      bid: pick(blockField(k, (b) => b.bid, first.bid), tite),
      size: pick(blockField(k, (b) => b.size, first.size), tite),
      alive: pick(blockField(k, (b) => b.alive, f.false), (c, a, b) => (a.id === b.id ? a : f.or(f.and(c, a), f.and(f.not(c), b)))),
    };
    if (first.allocated) merged.allocated = pick(blockField(k, (b) => b.allocated ?? f.false, f.false), (c, a, b) => (a.id === b.id ? a : f.or(f.and(c, a), f.and(f.not(c), b))));
    if (!first.inU) {
      merged.data = pick(blockField(k, (b) => b.data!, first.data!), tite);
      merged.poison = pick(blockField(k, (b) => b.poison!, first.poison!), tite);
    }
    if (first.fresh) merged.fresh = pick(blockField(k, (b) => b.fresh ?? first.fresh!, first.fresh), tite);
    if (entries.some((b) => b?.moved)) merged.moved = pick(blockField(k, (b) => b.moved ?? f.constArray(bvSort(OFF_BITS), f.false), f.constArray(bvSort(OFF_BITS), f.false)), tite);
    blocks[k] = merged;
  }
  const sums = states[0]!.summaries;
  let summaries: Summary[] | undefined;
  if (sums) {
    // the paths of one loop iteration share the summaries of its havoc state; only liveness
    // and the calls since may differ
    summaries = sums.map((sm, i) => {
      const all = states.map((s) => s.summaries?.[i] ?? sm);
      if (all.every((x) => x === sm)) return sm;
      // a call's frees apply where its path was taken: state k holds when conds[k] does and
      // no earlier one
      const frees: Summary['frees'] = [];
      const seen = new Set<string>();
      all.forEach((x, k) => {
        const taken = k < conds.length ? f.and(conds[k]!, ...conds.slice(0, k).map((c) => f.not(c))) : f.and(...conds.map((c) => f.not(c)));
        for (const fr of x.frees) {
          const key = `${fr.n.id}/${fr.when.id}`;
          if (all.every((y) => y.frees.some((g) => g.n.id === fr.n.id && g.when.id === fr.when.id))) {
            if (!seen.has(key)) frees.push(fr);
            seen.add(key);
          } else frees.push({ n: fr.n, when: f.and(taken, fr.when) });
        }
      });
      return { ...sm, alive: pick((s) => (s.summaries?.[i] ?? sm).alive, tite), frees };
    });
  }
  return {
    ...(summaries ? { summaries } : {}),
    U: pick((s) => s.U, tite),
    UP: pick((s) => s.UP, tite),
    blocks,
    allocCount: pick((s) => s.allocCount, tite),
    privateCount: pick((s) => s.privateCount, tite),
    stackCount: pick((s) => s.stackCount, tite),
  };
}
