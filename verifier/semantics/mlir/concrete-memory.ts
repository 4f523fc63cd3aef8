// The concrete memory: blocks with their bytes (and poison bits), checked on every access.
// Bytes nobody wrote come from the block's source: when a program runs, zero for globals
// and poison (with the byte 0xA5) for fresh allocations — LLVM's alloca and malloc give
// undefined bytes, and compiled Clef clears fresh memory itself (clef_zero_S), so a missing
// clear shows up as poison, never as a lucky zero; the solver's model when a counterexample
// is replayed (initial memory, fresh allocations, what an external call wrote). Blocks that escape (escape.ts) are "observable": external calls may
// read and write them, and refinement compares them.
import type { Operation } from '../../../compiler/mlir/ir.ts';
import type { Memory, BlockKind } from './memory.ts';
import { LOCAL_BASE, PRIVATE_BASE, STACK_BASE } from './memory.ts';
import { C as C0 } from './concrete-domain.ts';
import { ptrV, type PtrV } from './values.ts';

export class UBError extends Error {
  constructor(readonly what: string) {
    super(`undefined behaviour: ${what}`);
  }
}

/** `fresh`: a byte nobody wrote (LLVM undef; poison here) — undef engineer. */
export type ByteSource = (bid: number, off: bigint) => { byte: number; poison: boolean; fresh?: boolean };
export const ZERO_SOURCE: ByteSource = () => ({ byte: 0, poison: false });
// zero-init (begin)
/** Fresh memory nobody wrote (memref.alloca/alloc, llvm.alloca, malloc): poison bytes. */
export const UNINIT_BYTE = 0xa5;
export const UNINIT_SOURCE: ByteSource = () => ({ byte: UNINIT_BYTE, poison: true, fresh: true });
// zero-init (end)

const DENSE_LIMIT = 1n << 24n;

/** undef engineer: sources of blocks whose unwritten bytes a call left so (havocObservable). */
const KEPT_UNWRITTEN = new WeakSet<ByteSource>();

export type CBlock = {
  bid: number;
  kind: BlockKind;
  size: bigint;
  alive: boolean;
  readonly: boolean;
  /** free() of its start is allowed (heap and external blocks; argument blocks as the
   *  counterexample says). */
  freeable: boolean;
  /** Reachable from outside the function (arguments, globals, escaped allocations). */
  observable: boolean;
  dense: Uint8Array | null;
  /** 1: poison; 2: poison because nobody wrote it (undef engineer: `fresh`). */
  densePoison: Uint8Array | null;
  /** Sparse overlay (bytes written since the source was last replaced). */
  sparse: Map<bigint, number> | null;
  sparsePoison: Set<bigint> | null;
  /** Sparse bytes written with a read of unwritten memory, moved (undef engineer). */
  sparseFresh?: Set<bigint>;
  source: ByteSource;
  /** The alignment its start is guaranteed (Memory.alloc; a global's); absent: any (an
   *  argument's or an external block's start, whose offsets are the inputs' choice). */
  align?: number;
  /** An argument's, an external block's or a global's start address (only its low bits
   *  matter: an access asks its alignment of start + offset; a global's is a multiple of
   *  `align`, and an access asking more is UB only where start + offset is misaligned);
   *  absent: 0 (symbolic-memory.ts BLOCK_START). */
  start?: bigint;
};

export type ConcreteMemoryOptions = {
  /** Global name -> block id. */
  globalIds: Map<string, number>;
  /** Decides, per allocating op, whether the block is observable. */
  escapes?: (site: Operation) => boolean;
  /** Where unwritten bytes of a fresh allocation come from (default: poison, UNINIT_SOURCE). */
  freshSource?: (bid: number, observable: boolean, size: bigint) => ByteSource;
  /** undef engineer: read each byte nobody wrote as a defined value, a different one at
   *  every read (one of LLVM's choices for undef), rather than poison. */
  undefValues?: boolean;
  /** The block id of the k-th observable allocation (default LOCAL_BASE + k): the replay
   *  tries the target's fresh blocks in another correspondence with the source's, as
   *  malloc's addresses are unspecified (tv/replay.ts correspondences). */
  localId?: (k: number) => number;
};

export class ConcreteMemory implements Memory<bigint, boolean> {
  readonly blocks = new Map<number, CBlock>();
  /** Escaping and private allocations so far (their block ids count separately). */
  allocCount = 0;
  privateCount = 0;
  stackCount = 0;
  /** Every allocation in order (for the interpreter: stack blocks die with their frame). */
  readonly allocated: number[] = [];
  private readonly globalIds: Map<string, number>;

  constructor(
    private readonly opts: ConcreteMemoryOptions,
    private readonly ubHook: (what: string) => void = (what) => {
      throw new UBError(what);
    },
  ) {
    this.globalIds = opts.globalIds;
  }

  private ub(cond: boolean, what: string): void {
    if (cond) this.ubHook(what);
  }

  /** Adds a block (arguments, globals, external blocks of a replay). */
  addBlock(b: Omit<CBlock, 'dense' | 'densePoison' | 'sparse' | 'sparsePoison'> & { init?: Uint8Array }): CBlock {
    const init = b.init;
    const uninit = b.source === UNINIT_SOURCE;
    // a read-only block its initializer fills (a constant global: nothing writes or replaces
    // its bytes, readStored never asks its source) is dense whatever its source: every
    // replay adds one per constant of the module, and their bytes one Map entry each were
    // most of a small check's replay
    const constant = b.readonly && !b.observable && init !== undefined && BigInt(init.length) >= b.size && b.size <= DENSE_LIMIT;
    const useDense = constant || ((b.source === ZERO_SOURCE || uninit) && b.size <= DENSE_LIMIT);
    // written out, not `{ ...b }` and `delete init`: that copy was most of addBlock's time
    // (a replay adds a block per global), and the delete left every block a slow object
    const blk: CBlock = {
      bid: b.bid,
      kind: b.kind,
      size: b.size,
      alive: b.alive,
      readonly: b.readonly,
      freeable: b.freeable,
      observable: b.observable,
      source: b.source,
      ...(b.align !== undefined ? { align: b.align } : {}),
      ...(b.start !== undefined ? { start: b.start } : {}),
      ...(b.sparseFresh !== undefined ? { sparseFresh: b.sparseFresh } : {}),
      dense: useDense ? (constant ? init!.slice(0, Number(b.size)) : new Uint8Array(Number(b.size)).fill(uninit ? UNINIT_BYTE : 0)) : null,
      densePoison: useDense && uninit && !constant ? new Uint8Array(Number(b.size)).fill(2) : null, // (a constant's bytes are all written)
      sparse: useDense ? null : new Map(),
      sparsePoison: useDense ? null : new Set(),
    };
    if (init && blk.dense && !constant) {
      // as writeByte of each byte (not poison), which writes nothing past the block
      const n = Math.min(init.length, blk.dense.length);
      blk.dense.set(init.subarray(0, n));
      blk.densePoison?.fill(0, 0, n);
    } else if (init && !constant) init.forEach((x, i) => this.writeByte(blk, BigInt(i), x, false));
    this.blocks.set(b.bid, blk);
    return blk;
  }

  readByte(b: CBlock, off: bigint): { byte: number; poison: boolean; fresh?: boolean } {
    const r = this.readStored(b, off);
    if (!r.fresh || !this.opts.undefValues) return r;
    this.undefReads++;
    return { byte: (this.undefReads * 0x9d + 0x3b) & 0xff, poison: false };
  }

  /** undef engineer: how many reads of unwritten bytes took a value (undefValues). */
  private undefReads = 0;
  /** The reads so far that took such a value: the next one's value depends on it, so a run's
   *  state includes it (a lasso fingerprint, verifier/tv/replay.ts). */
  get undefReadCount(): number {
    return this.undefReads;
  }

  private readStored(b: CBlock, off: bigint): { byte: number; poison: boolean; fresh?: boolean } {
    if (b.dense) {
      const p = b.densePoison === null ? 0 : b.densePoison[Number(off)]!;
      return p === 2 ? { byte: b.dense[Number(off)]!, poison: true, fresh: true } : { byte: b.dense[Number(off)]!, poison: p === 1 };
    }
    const v = b.sparse!.get(off);
    if (v !== undefined) return b.sparseFresh?.has(off) ? { byte: v, poison: true, fresh: true } : { byte: v, poison: b.sparsePoison!.has(off) };
    return b.source(b.bid, off);
  }

  /** `fresh` (undef engineer): the byte is a moved read of unwritten memory (still undef). */
  writeByte(b: CBlock, off: bigint, byte: number, poison: boolean, fresh = false): void {
    if (b.dense) {
      b.dense[Number(off)] = byte;
      if (poison || fresh || b.densePoison) {
        b.densePoison ??= new Uint8Array(b.dense.length);
        b.densePoison[Number(off)] = fresh ? 2 : poison ? 1 : 0;
      }
      return;
    }
    b.sparse!.set(off, byte);
    if (poison || fresh) b.sparsePoison!.add(off);
    else b.sparsePoison!.delete(off);
    if (fresh) (b.sparseFresh ??= new Set()).add(off);
    else b.sparseFresh?.delete(off);
  }

  /** Replaces the contents of every observable block (an external call wrote them). */
  havocObservable(source: ByteSource, keepUnwritten?: (b: CBlock) => boolean): void {
    for (const b of this.blocks.values()) {
      // (a read-only observable block — an argument block the model makes a caller's constant,
      // tv/replay.ts — is rewritten too: the symbolic model's call rewrites all of U)
      if (!b.observable) continue;
      // a call that leaves the bytes nobody wrote of this block unwritten
      // (a replay of a model where the target reads them as poison after an unknown call)
      if (keepUnwritten?.(b)) {
        const old: CBlock = { ...b };
        const kept: ByteSource = (bid, off) => (this.readStored(old, off).fresh === true ? UNINIT_SOURCE(bid, off) : source(bid, off));
        KEPT_UNWRITTEN.add(kept);
        b.dense = null;
        b.densePoison = null;
        b.sparse = new Map();
        b.sparsePoison = new Set();
        delete b.sparseFresh;
        b.source = kept;
        continue;
      }
      b.dense = null;
      b.densePoison = null;
      b.sparse = new Map();
      b.sparsePoison = new Set();
      delete b.sparseFresh;
      b.source = source;
    }
  }

  /** undef engineer: may the block hold a byte nobody wrote? (exact for dense blocks up to
   *  64 KiB — it is asked at every external call of a replay; a larger or sparse one may say
   *  yes for a block written in full) */
  hasUnwritten(b: CBlock): boolean {
    if (b.dense) return b.densePoison !== null && (b.densePoison.length > 65536 || b.densePoison.includes(2));
    return (b.sparseFresh?.size ?? 0) > 0 || b.source === UNINIT_SOURCE || KEPT_UNWRITTEN.has(b.source);
  }

  private block(p: PtrV<bigint, boolean>): CBlock | undefined {
    return this.blocks.get(Number(p.bid));
  }

  private check(p: PtrV<bigint, boolean>, n: bigint, align: number, what: string, write: boolean): CBlock {
    this.ub(p.poison, `${what}: poison pointer`);
    const b = this.block(p);
    if (!b) {
      this.ubHook(`${what}: pointer ${describe(p)} is not into any block`);
      throw new UBError(what);
    }
    this.ub(!b.alive, `${what}: block ${b.bid} (${b.kind}) is no longer alive`);
    this.ub(p.off + n > b.size || p.off + n < p.off, `${what}: ${n} bytes at offset ${p.off} are outside block ${b.bid} of ${b.size} bytes`);
    this.ub(align > 1 && ((b.start ?? 0n) + p.off) % BigInt(align) !== 0n, `${what}: ${b.start ? `address start ${b.start} + offset ${p.off}` : `offset ${p.off}`} is not aligned to ${align}`);
    this.ub(b.align !== undefined && align > b.align && b.start === undefined, `${what}: alignment ${align} but block ${b.bid} (${b.kind}) is only guaranteed ${b.align}`);
    this.ub(write && b.readonly, `${what}: block ${b.bid} is read-only`);
    return b;
  }

  alloc(kind: 'stack' | 'heap', bytes: bigint, site: Operation, align?: number): PtrV<bigint, boolean> {
    const observable = this.opts.escapes ? this.opts.escapes(site) : true;
    const bid = observable ? (this.opts.localId ?? ((k: number) => LOCAL_BASE + k))(this.allocCount++) : kind === 'heap' ? PRIVATE_BASE + this.privateCount++ : STACK_BASE + this.stackCount++;
    this.allocated.push(bid);
    const source = this.opts.freshSource ? this.opts.freshSource(bid, observable, bytes) : UNINIT_SOURCE;
    this.addBlock({ bid, kind, size: bytes, alive: true, readonly: false, freeable: kind === 'heap', observable, source, ...(align !== undefined ? { align } : {}) });
    return ptrV(C0, BigInt(bid), 0n, [bid]);
  }

  free(p: PtrV<bigint, boolean>, what: string): void {
    this.ub(p.poison, `${what}: poison pointer`);
    if (p.bid === 0n && p.off === 0n) return;
    const b = this.block(p);
    if (!b || !b.alive || !b.freeable || p.off !== 0n) {
      this.ubHook(`${what}: ${describe(p)} is not the start of a live heap block`);
      return;
    }
    b.alive = false;
  }

  load(p: PtrV<bigint, boolean>, n: number, align: number, what: string): { v: bigint; poison: boolean; fresh: boolean } {
    const b = this.check(p, BigInt(n), align, what, false);
    let v = 0n;
    let poison = false;
    let fresh = false; // undef engineer: a byte nobody wrote among them
    let hard = false; // undef engineer: a poison byte that is no unwritten one
    for (let i = n - 1; i >= 0; i--) {
      const r = this.readByte(b, p.off + BigInt(i));
      v = (v << 8n) | BigInt(r.byte);
      poison ||= r.poison;
      fresh ||= r.fresh === true;
      hard ||= r.poison && r.fresh !== true;
    }
    // undef, not poison, only when no byte is poison otherwise (LLVM: one poison byte makes
    // the load poison), as in symbolic-memory.ts load
    return { v, poison, fresh: fresh && !hard };
  }

  store(p: PtrV<bigint, boolean>, n: number, align: number, v: bigint, poison: boolean, what: string, fresh?: boolean): void {
    const b = this.check(p, BigInt(n), align, what, true);
    for (let i = 0; i < n; i++) this.writeByte(b, p.off + BigInt(i), Number((v >> BigInt(8 * i)) & 0xffn), poison, fresh === true);
  }

  global(name: string): PtrV<bigint, boolean> {
    const bid = this.globalIds.get(name);
    if (bid === undefined) {
      this.ubHook(`no global named @${name}`);
      throw new UBError(`no global named @${name}`);
    }
    return ptrV(C0, BigInt(bid), 0n, [bid]);
  }

  inBounds(p: PtrV<bigint, boolean>, live = true): boolean {
    const b = this.block(p);
    return !!b && (b.alive || !live) && p.off <= b.size;
  }

  copy(dst: PtrV<bigint, boolean>, src: PtrV<bigint, boolean>, n: bigint, what: string): void {
    if (n === 0n) return;
    const s = this.check(src, n, 1, what, false);
    const d = this.check(dst, n, 1, what, true);
    // LangRef memcpy: equal or non-overlapping ranges (symbolic-memory.ts `copy`)
    this.ub(s === d && src.off !== dst.off && src.off < dst.off + n && dst.off < src.off + n, `${what}: overlapping ranges`);
    const tmp: { byte: number; poison: boolean; fresh?: boolean }[] = [];
    for (let i = 0n; i < n; i++) tmp.push(this.readByte(s, src.off + i));
    tmp.forEach((r, i) => this.writeByte(d, dst.off + BigInt(i), r.byte, r.poison, r.fresh === true));
  }

  fill(dst: PtrV<bigint, boolean>, byte: bigint, n: bigint, what: string, poison = false): void {
    if (n === 0n) return;
    const d = this.check(dst, n, 1, what, true);
    for (let i = 0n; i < n; i++) this.writeByte(d, dst.off + i, Number(byte & 0xffn), poison);
  }

  // the runtime's buffer preconditions (runtime-pre.ts)
  accessible(p: PtrV<bigint, boolean>, n: bigint, write: boolean, what: string): void {
    if (BigInt.asUintN(64, n) !== 0n) this.check(p, BigInt.asUintN(64, n), 1, what, write);
  }

  /** The bytes of a live block (for runtime functions reading strings). */
  bytesAt(p: PtrV<bigint, boolean>, n: bigint, what: string): Uint8Array {
    const b = this.check(p, n, 1, what, false);
    const out = new Uint8Array(Number(n));
    for (let i = 0; i < out.length; i++) out[i] = this.readByte(b, p.off + BigInt(i)).byte;
    return out;
  }

  writeBytes(p: PtrV<bigint, boolean>, bytes: Uint8Array, what: string): void {
    const b = this.check(p, BigInt(bytes.length), 1, what, true);
    bytes.forEach((x, i) => this.writeByte(b, p.off + BigInt(i), x, false));
  }
}


export function describe(p: PtrV<bigint, boolean>): string {
  return `(block ${p.bid}, offset ${p.off})`;
}
