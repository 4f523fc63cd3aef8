// The string correspondence of core-to-mlir (README.md "Strings and the runtime library").
// A Core string (length, contents: verifier/semantics/symbolic/strings.ts) is a
// `memref<?xi8>` — five slots: allocated and aligned pointer, offset (0), size = the length,
// stride (1) — whose bytes aligned + offset .. + size are its UTF-8 bytes. The target keeps
// string bytes in constant globals (literals: private blocks with known bytes) or in heap
// blocks it allocates (in the observable memory U once they reach a call or a return).
// Here: reading the target's bytes of a string, comparing them with Core's, and a Core
// value's parts (scalars, strings, command-line windows) in core-to-mlir's slot order.
import type { TermFactory } from '../../smt/factory.ts';
import { bvSort, type Term } from '../../smt/term.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import type { SymBlock } from '../../semantics/mlir/symbolic-memory.ts';
import { BID_BITS, OFF_BITS } from '../../semantics/mlir/values.ts';
import type { SScalar } from '../../semantics/mlir/symexec.ts';
import { casePayloadTypes, intWidth, recordFields, type SV } from '../../semantics/symbolic/values.ts';
import { byteAt, contentsOf, type StrBytes, type StrV } from '../../semantics/symbolic/strings.ts';
import { NotMapped } from './unmapped.ts';
import type { CoreSlot } from './slots.ts';

/** Byte `off` of block `bid` as the target sees it: a constant global's own bytes, or the
 *  observable memory `U` (heap, argument and external blocks). */
export function targetByte(F: TermFactory, consts: SymBlock[], U: Term, bid: Term, off: Term): Term {
  let out = F.select(U, F.app('concat', [bid, off]));
  for (const g of consts) {
    if (!g.data) continue;
    out = F.ite(F.eq(bid, g.bid), F.select(g.data, off), out);
  }
  return out;
}

/** The constant globals of the target's initial memory (string literals among them). */
export function constantBlocks(blocks: (SymBlock | undefined)[]): SymBlock[] {
  return blocks.filter((b): b is SymBlock => !!b && b.readonly && !!b.data);
}

/** A target string descriptor, as terms: block and first byte address, size. */
export type TgtStr = { bid: Term; start: Term; size: Term; poison: Term };

/** Mismatch: the target's string differs from Core's (size, or some byte below the
 *  length). The bytes are compared piece by piece (`segments`: a Core concatenation's
 *  pieces at their offsets), each over its own index range — a fresh witness index
 *  `name.j` per piece of unknown contents, every index of a short literal piece. */
export function stringDiffers(F: TermFactory, consts: SymBlock[], U: Term, s: TgtStr, core: StrV, name: string, UP?: Term): Term {
  const at = (i: Term) => targetByte(F, consts, U, s.bid, addOff(F, s.start, i));
  // `UP`: U's poison bits — a poison byte is no byte of Core's (review 31: by its bits alone,
  // a target storing `select(c, b, ub.poison)` over a digit clef_fmt_i64 wrote was proved)
  const none = !UP || (UP.kind === 'constArray' && UP.value.kind === 'bool' && !UP.value.value);
  const poisonAt = none ? undefined : (i: Term) => F.select(UP!, F.app('concat', [s.bid, addOff(F, s.start, i)]));
  const whole: Segment[] = [{ bytes: contentsOf(core), off: F.bv(0, OFF_BITS), len: core.len }];
  const pieces = PIECES ? segments(F, contentsOf(core), F.bv(0, OFF_BITS), core.len) : whole;
  const group = ++comparisons;
  const bytes = pieces.map((g, j) => segmentDiffers(F, g, at, `${name}.${j}`, group, poisonAt));
  return F.or(s.poison, F.not(F.eq(s.size, core.len)), ...bytes);
}

/** The witness index variables of the pieces, each with the comparison (one string against
 *  the target's) it belongs to: split.ts checks the pieces of one comparison one by one. */
export const pieceWitnesses = new WeakMap<Term, number>();
let comparisons = 0;

/** FIDELITY_NO_PIECES=1: one witness over the whole string (as before pieces), to measure. */
const PIECES = process.env.FIDELITY_NO_PIECES !== '1';

/** A literal piece of at most this many bytes is compared at each of its indices. */
const LITERAL_BYTES = 16;

/** One piece's mismatch: some index below its length where the target's byte (`at`, an
 *  offset in the whole string) is not the piece's. */
function segmentDiffers(F: TermFactory, g: Segment, at: (i: Term) => Term, name: string, group: number, poisonAt?: (i: Term) => Term): Term {
  const ne = (i: Term, b: Term) => (poisonAt ? F.or(F.not(F.eq(at(i), b)), poisonAt(i)) : F.not(F.eq(at(i), b)));
  if (g.bytes.kind === 'lit') {
    const lit = enc.encode(g.bytes.text);
    // its length term is the literal's own (a literal's length, or blen taken from alen + blen)
    if (lit.length <= LITERAL_BYTES && g.len.kind === 'bv' && g.len.value === BigInt(lit.length)) return F.or(...Array.from(lit, (b, k) => ne(addOff(F, g.off, F.bv(k, OFF_BITS)), F.bv(b, 8))));
  }
  const differs = (e: Term) => F.and(F.app('bvult', [e, g.len]), ne(addOff(F, g.off, e), byteAt(F, g.bytes, e)));
  const e = F.var(name, bvSort(OFF_BITS));
  pieceWitnesses.set(e, group);
  // a join's bytes (`ite` of concatenations) would be unfolded once per case: one witness
  if (pieceIndices === 0 || g.bytes.kind === 'ite') return differs(e);
  // the witness split by cases: each of the first pieceIndices indices, or one above them
  const low = Array.from({ length: pieceIndices }, (_, k) => differs(F.bv(k, OFF_BITS)));
  return F.or(...low, F.and(F.app('bvuge', [e, F.bv(pieceIndices, OFF_BITS)]), differs(e)));
}

/** A piece's witness index is split into the cases 0, 1, ..., LOW_INDICES - 1 and "at
 *  least LOW_INDICES": ∃e. P(e) is P(0) ∨ ... ∨ P(K-1) ∨ ∃e ≥ K. P(e), an equivalence.
 *  Why: at a literal index the solver's array rewriting resolves a read through the
 *  target's copy-loop stores (literal offsets after each unrolled iteration) at once, and a
 *  bounded run (a copy loop cut at unroll k) leaves no piece longer than k bytes, so the
 *  last case is decided by lengths alone. strings_interp-like `"[" + lv b + "] " + s`
 *  (a callee returning literals), the callee's piece at unroll 8: no answer in 60 s as one
 *  witness, 0.2-0.4 s per literal index with the native z3 (README "Strings as pieces").
 *  FIDELITY_PIECE_INDICES=K caps K (0: one witness, as before), to measure; the query sets
 *  it per run (setPieceIndices). */
const LOW_INDICES = Number(process.env.FIDELITY_PIECE_INDICES ?? 8);
let pieceIndices = LOW_INDICES;

/** The index cases of the query being built (query.ts coreQuery, which builds one query at
 *  a time): the unroll depth k, at most LOW_INDICES — a bounded run copies no piece longer
 *  than k bytes —, and none in cut-point mode, where lengths are unbounded and every case
 *  would be more instances of the copy loops' relations (cut-copy.ts). Any number of cases
 *  is an equivalence; this only picks the useful ones. */
export function setPieceIndices(unroll: number, cut: boolean): void {
  pieceIndices = cut ? 0 : Math.max(0, Math.min(unroll, LOW_INDICES));
}

const enc = new TextEncoder();

/** `a + b` over offsets, without the `0 +` of the first piece. */
function addOff(F: TermFactory, a: Term, b: Term): Term {
  if (a.kind === 'bv' && a.value === 0n) return b;
  if (b.kind === 'bv' && b.value === 0n) return a;
  return F.app('bvadd', [a, b]);
}

/** A piece of a string: contents that are no concatenation, at offset `off`, `len` bytes. */
export type Segment = { bytes: StrBytes; off: Term; len: Term };

/** The pieces of contents `s` of length `len` placed at `off`: a concatenation's left part
 *  at `off` (its `alen` bytes), its right part after it (the rest). Why comparing piece by
 *  piece is sound (README "Strings as pieces"): for every index e < len, descending the
 *  concatenations as byteAt does reaches exactly one piece j with an index e_j < len_j and
 *  off_j + e_j = e (mod 2^64), and byteAt(s, e) is the piece's byteAt at e_j — so a byte
 *  that differs at e differs in piece j at e_j, whatever the lengths. */
export function segments(F: TermFactory, s: StrBytes, off: Term, len: Term, out: Segment[] = []): Segment[] {
  if (s.kind !== 'cat') {
    out.push({ bytes: s, off, len });
    return out;
  }
  // Core's length of a concatenation is alen + blen (exec-prim.ts): take blen itself
  const blen = len.kind === 'app' && len.op === 'bvadd' && len.args.length === 2 && len.args[0]!.id === s.alen.id ? len.args[1]! : F.app('bvsub', [len, s.alen]);
  segments(F, s.a, off, s.alen, out);
  segments(F, s.b, addOff(F, off, s.alen), blen, out);
  return out;
}

/** Bytes [lo, hi) of block `bid` that a string may lie in (readable while `alive`). */
export type Place = {
  bid: Term;
  lo: Term;
  hi: Term;
  alive: Term;
  /** a family of blocks (a loop's allocations of earlier iterations, a
   *  cut-point summary): for the string's own block id, whether it is one of them (`hit`),
   *  and then its end and liveness; `bid`, `hi` and `alive` above are then unused. */
  of?: (bid: Term) => { hit: Term; hi: Term; alive: Term };
};

/** The string's bytes can be read: it is empty, or it lies inside one of the places (no
 *  wrap-around). What a Clef function's result string satisfies (checked by
 *  stringResultMismatch for the callee, assumed by string-calls.ts for its callers): it is
 *  a literal (a constant global the callee or its callees name), a block allocated during
 *  the call (heap memory, never
 *  freed: core-to-mlir emits no dealloc outside regions), or inside one of the strings the
 *  function was handed (a Clef function has no way to make a string pointing elsewhere). */
export function placed(F: TermFactory, s: TgtStr, places: Place[]): Term {
  const end = F.app('bvadd', [s.start, s.size]);
  const inside = places.map((p) => {
    const x = p.of ? p.of(s.bid) : { hit: F.eq(s.bid, p.bid), hi: p.hi, alive: p.alive }; // of: core-loops, round 8
    return F.and(x.hit, x.alive, F.app('bvule', [p.lo, s.start]), F.app('bvule', [s.start, end]), F.app('bvule', [end, x.hi]));
  });
  return F.or(F.eq(s.size, F.bv(0, 64)), ...inside);
}

/** The places a function's result string may lie in at its return (`placed`): the blocks
 *  it allocated or its calls returned, the constant globals it or its callees name
 *  (`literals`: string-calls.ts globalsReachable), its string parameters' blocks. */
export function resultPlaces(F: TermFactory, blocks: (SymBlock | undefined)[], strParams: Term[], literals: Set<string>): Place[] {
  const out: Place[] = [];
  for (const b of blocks) {
    if (!b) continue;
    const own = b.inU && (b.kind === 'heap' || b.kind === 'ext');
    const lit = b.readonly && !!b.data && literals.has(b.origin.replace(/^@/, ''));
    const param = b.kind === 'arg' && strParams.some((t) => t.id === b.bid.id);
    if (own || lit || param) out.push({ bid: b.bid, lo: F.bv(0, 64), hi: b.size, alive: b.alive });
  }
  return out;
}

/** The part of a Core value that one or more target slots hold. */
export type CorePart =
  | { kind: 'scalar'; slot: CoreSlot }
  /** A string: five slots (a memref<?xi8>). */
  | { kind: 'str'; v: StrV; guard: Term }
  /** A Span<string>: two i64 slots, the window's first index and length. */
  | { kind: 'argv'; off: Term; len: Term; block: Term; guard: Term };

/** Number of target slots of a part (a pointer is one slot; two call words). */
export const partSlots = (p: CorePart) => (p.kind === 'scalar' ? 1 : p.kind === 'str' ? 5 : 2);
/** Number of call words of a part (a pointer is two words: block and offset). */
export const partWords = (p: CorePart) => (p.kind === 'scalar' ? 1 : p.kind === 'str' ? 7 : 2);

/** The parts of a Core value of type `ty`, in core-to-mlir's order (slots.ts, with strings
 *  and Span<string>). Other references are NotMapped. */
export function coreParts(F: TermFactory, types: TypeTable, ty: Type, v: SV, guard: Term = F.true, out: CorePart[] = []): CorePart[] {
  switch (v.k) {
    case 'int': {
      const w = intWidth(ty);
      if (!w || w === 'math') throw new NotMapped(`an integer of type ${showType(ty)}`);
      out.push({ kind: 'scalar', slot: { t: v.t, w: w.bits, guard, float: false } });
      return out;
    }
    case 'bool':
      out.push({ kind: 'scalar', slot: { t: F.ite(v.t, F.bv(1, 1), F.bv(0, 1)), w: 1, guard, float: false } });
      return out;
    case 'float':
      out.push({ kind: 'scalar', slot: { t: v.t, w: v.bits, guard, float: true } });
      return out;
    case 'unit':
      return out;
    case 'str':
      out.push({ kind: 'str', v, guard });
      return out;
    case 'agg': {
      const fs = recordFields(types, ty);
      v.items.forEach((x, i) => coreParts(F, types, fs[i]!, x, guard, out));
      return out;
    }
    case 'case': {
      const cs = casePayloadTypes(types, ty);
      out.push({ kind: 'scalar', slot: { t: v.tag, w: 32, guard, float: false } });
      v.cases.forEach((p, j) => {
        const g = F.and(guard, F.eq(v.tag, F.bv(j, 32)));
        p.forEach((x, i) => coreParts(F, types, cs[j]![i]!, x, g, out));
      });
      return out;
    }
    case 'span':
      if (ty.kind === 'span' && ty.elem.kind === 'string') {
        out.push({ kind: 'argv', off: v.off, len: v.len, block: v.block, guard });
        return out;
      }
      throw new NotMapped(`a value of type ${showType(ty)} (span) as an argument, result or call operand`);
    case 'ptr':
    case 'arena':
    case 'region':
      throw new NotMapped(`a value of type ${showType(ty)} (${v.k}) as an argument, result or call operand`);
  }
}

/** Whether values of `t` hold a string or a Span<string> (then coreParts, not coreSlots). */
export function holdsStrings(types: TypeTable, t: Type, seen: string[] = []): boolean {
  switch (t.kind) {
    case 'string':
      return true;
    case 'span':
      return t.elem.kind === 'string';
    case 'tuple':
    case 'record':
    case 'union': {
      const key = showType(t);
      if (seen.includes(key)) return false;
      const parts = t.kind === 'union' ? casePayloadTypes(types, t).flat() : recordFields(types, t);
      return parts.some((x) => holdsStrings(types, x, [...seen, key]));
    }
    default:
      return false;
  }
}

/** A 64-bit call word as a 32-bit block id. */
export const wordBid = (F: TermFactory, w: Term) => F.extract(BID_BITS - 1, 0, w);

/** The target's result slots differ from Core's result holding strings (where they mean
 *  something): scalars as query.ts compares them, strings by length and bytes in the final
 *  observable memory `U` (or a constant global), and a string not readable where its
 *  callers will read it (`placed` in `places`, resultPlaces). */
export function stringResultMismatch(F: TermFactory, types: TypeTable, ty: Type, v: SV, rets: SScalar[], consts: SymBlock[], U: Term, places: Place[], UP?: Term): Term {
  const out: Term[] = [];
  let i = 0;
  const int = (k: number) => {
    const r = rets[k];
    if (!r || r.kind === 'ptr') throw new NotMapped(`result slot ${k}: not an integer`);
    return r;
  };
  coreParts(F, types, ty, v).forEach((p, pi) => {
    switch (p.kind) {
      case 'scalar': {
        const s = p.slot;
        const r = int(i++);
        if (r.w !== s.w) throw new NotMapped(`result slot ${i - 1}: Core ${s.w}-bit scalar vs MLIR ${r.w}-bit`);
        out.push(F.and(s.guard, F.or(r.poison, F.not(F.eq(s.t, r.v)))));
        return;
      }
      case 'argv': {
        const a = int(i++);
        const b = int(i++);
        out.push(F.and(p.guard, F.or(a.poison, b.poison, F.not(F.eq(a.v, p.off)), F.not(F.eq(b.v, p.len)))));
        return;
      }
      case 'str': {
        const aligned = rets[i + 1];
        if (!aligned || aligned.kind !== 'ptr') throw new NotMapped(`result slot ${i + 1}: not a pointer`);
        const offset = int(i + 2);
        const size = int(i + 3);
        i += 5;
        const d: TgtStr = { bid: aligned.bid, start: F.app('bvadd', [aligned.off, offset.v]), size: size.v, poison: F.or(aligned.poison, offset.poison, size.poison) };
        out.push(F.and(p.guard, F.or(stringDiffers(F, consts, U, d, p.v, `w.core.ret.s${pi}`, UP), F.not(placed(F, d, places)))));
        return;
      }
    }
  });
  if (i !== rets.length) throw new NotMapped(`a result with ${i} Core slots and ${rets.length} MLIR results`);
  return F.or(...out);
}
