// Cut points of Core loops that carry a string (core-loops, round 8; README.md "Unbounded
// proofs of loops"). core-to-mlir carries a Clef string across an `scf.while` as a
// `memref<?xi8>` (five slots: allocated and aligned pointer, offset, size, stride) and builds
// each concatenation in a new heap buffer (memref.alloc, then two copy loops: cut-copy.ts).
// The part of the relation R_j for such a variable, between Core's string and the memref:
//   - the descriptor is not poison, its size is Core's length;
//   - Core's bytes are the target's bytes at aligned + offset + i (i < length), read as the
//     target reads them (a constant global's own bytes, else the observable memory U), none
//     of them poison (also in the loop's own buffers, whose other bytes' poison is free);
//   - the string is *placed*: empty, or inside one live block the memref may point to (the
//     copy loops that read it then stay in bounds: their UB is decided).
// At the havoc state Core's string is unknown (a fresh length, contents named by it:
// semantics/symbolic/strings.ts `unknownContents`); its contents variables are *defined* as
// the target's bytes (a substitution, as a string parameter's are: arguments.ts), the
// target's size by Core's length, placement is assumed and the bytes' poison is false
// (cut-query.ts ownPoison). At every arrival and back edge
// the relation is checked as a mismatch: a fresh witness index per piece (strings.ts
// `stringDiffers`), the size, poison, placement. Sound as every part of R_j (cut-query.ts):
// each real head state satisfies the assumptions when R_j holds there — a substitution of
// unknowns by what the real state holds — and the checks prove R_j at every visit by
// induction. The target's buffers of earlier iterations are the havoc state's allocation
// summary (symexec.ts), which is why these loops, and only these, get one (`stringLoops`).
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { LoopWitness } from '../../../compiler/codegen/witness.ts';
import { opAttr, walk as walkOps } from '../../../compiler/mlir/ir.ts';
import { printType } from '../../../compiler/mlir/print-type-attr.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import type { FuncInfo } from '../../semantics/mlir/module-info.ts';
import { textOrderLoops, type SScalar } from '../../semantics/mlir/symexec.ts';
import { inSummary, summaryAlive, summarySize, type Summary, type SymBlock, type SymMemState } from '../../semantics/mlir/symbolic-memory.ts';
import { BID_BITS, OBS, OFF_BITS, type PointsTo } from '../../semantics/mlir/values.ts';
import { LOCAL_BASE, PRIVATE_BASE } from '../../semantics/mlir/memory.ts';
import { unknownContents, type StrV } from '../../semantics/symbolic/strings.ts';
import { constantBlocks, stringDiffers, type Place, type TgtStr } from './strings.ts';
import { NotMapped } from './unmapped.ts';
import { witnessLoops } from './cut-query.ts';

/** The MLIR type of a carried Clef string. */
const STRING_TYPE = 'memref<?xi8>';

/** Core loops (by the MLIR side's loop number) whose iterations allocate string buffers —
 *  a carried string's concatenations, a line printed with a formatted number: these get
 *  allocation summaries in cut mode. Only where every allocation of the body is a heap
 *  buffer of bytes (memref.alloc of memref<?xi8>, which core-to-mlir makes only for
 *  strings), with no memref.alloca and no region call: the buffers of earlier iterations are
 *  then strings, which no call writes (summaryRanges). */
export function stringLoops(prog: CoreProgram, fn: CoreFn, fi: FuncInfo): Set<number> {
  const out = new Set<number>();
  const ws = witnessLoops(prog, fn, fi);
  const ids = textOrderLoops(fi.body!).ids;
  for (const b of fi.body!.blocks)
    for (const op of walkOps(b.ops)) {
      if (op.name !== 'scf.while') continue;
      const w = ws.find((x) => x.index === ids.get(op));
      if (!w) continue;
      const body = op.regions.flatMap((r) => r.blocks.flatMap((bb) => [...walkOps(bb.ops)]));
      const allocs = body.filter((o) => o.name === 'memref.alloc');
      const strings = allocs.every((o) => o.results.length === 1 && printType(o.results[0]!.type) === STRING_TYPE);
      const other = body.some((o) => o.name === 'memref.alloca' || (o.name === 'func.call' && /clef_region/.test(JSON.stringify(opAttr(o, 'callee') ?? null))));
      if (allocs.length && strings && !other) out.add(w.index);
    }
  return out;
}

/** Where each witnessed iteration value starts among the flattened slots, and whether it is
 *  a string (five slots) or a scalar (one). Other memrefs (a carried span or pointer) are
 *  not mapped. */
export function carriedLayout(w: LoopWitness): { at: number; str: boolean }[] {
  let at = 0;
  return w.carried.map((c) => {
    const str = c.ty === STRING_TYPE;
    if (!str && c.ty.startsWith('memref')) throw new NotMapped(`cut points: a carried ${c.ty} (${c.var})`);
    const x = { at, str };
    at += str ? 5 : 1;
    return x;
  });
}

/** A string's descriptor among flattened slots (alloc, aligned, offset, size, stride). */
type IntS = SScalar & { kind: 'int' };
export function strDesc(F: TermFactory, vals: SScalar[], at: number, what: string): { d: TgtStr; aligned: SScalar & { kind: 'ptr' }; offset: IntS; size: IntS; stride: IntS } {
  const [, aligned, offset, size, stride] = vals.slice(at, at + 5);
  if (!aligned || aligned.kind !== 'ptr' || !offset || offset.kind !== 'int' || !size || size.kind !== 'int' || !stride || stride.kind !== 'int') throw new NotMapped(`cut points: ${what} is no memref<?xi8>`);
  const d: TgtStr = { bid: aligned.bid, start: F.app('bvadd', [aligned.off, offset.v]), size: size.v, poison: F.or(aligned.poison, offset.poison, size.poison, stride.poison) };
  return { d, aligned, offset, size, stride };
}

/** The blocks a points-to set names explicitly (not through OBS, "some observable block"). */
export function namedBlocks(mem: SymMemState, pts: PointsTo | undefined): SymBlock[] {
  return (pts ?? []).flatMap((k) => (k === OBS ? [] : [mem.blocks[k]].filter((b): b is SymBlock => !!b)));
}

/** The string is empty, or lies inside one live block: one its points-to set names, or (when
 *  it may point to any observable block) a block in U or a summarised one of earlier
 *  iterations. Not a constant global reached only through OBS (OBS covers every global of
 *  the module): a relation stronger than the points-to set, which is why it is checked at
 *  every arrival and back edge like the rest of R_j, and it keeps the overlay small. */
export function placedIn(F: TermFactory, D: Dom<Term, Term>, mem: SymMemState, pts: PointsTo | undefined, d: TgtStr): Term {
  if (pts === undefined) throw new NotMapped('cut points: a carried string that may point anywhere');
  const end = F.app('bvadd', [d.start, d.size]);
  const within = (hi: Term) => F.and(F.app('bvule', [d.start, end]), F.app('bvule', [end, hi]));
  const obs = pts.includes(OBS);
  // (through OBS: the heap blocks this function allocated — string buffers, which calls
  // keep — not a static or an argument block, which calls may write)
  const blocks = [...new Set([...namedBlocks(mem, pts), ...(obs ? mem.blocks.filter((b): b is SymBlock => !!b && b.inU && b.kind === 'heap') : [])])];
  const inside = blocks.map((b) => F.and(F.eq(d.bid, b.bid), b.alive, within(b.size)));
  // (the buffers of earlier iterations: 'local' summaries; not a block an earlier call
  // returned — the frames of calls keep only the former, summaryRanges)
  if (obs) for (const sm of (mem.summaries ?? []).filter((x) => x.base === 'local')) inside.push(F.and(inSummary(F, D, sm, d.bid), summaryAlive(F, sm, d.bid), within(summarySize(F, sm, d.bid))));
  return F.or(F.eq(d.size, F.bv(0, 64)), ...inside);
}

/** Largest constant global whose bytes are laid over U for a string read (overlay). */
const MAX_OVERLAY = 4096n;

/** U with the bytes of the constant globals among `blocks` stored at their addresses: a read
 *  inside such a global gives its byte, any other read U's — as the target reads a string
 *  (strings.ts targetByte) wherever the read is inside the string's block. */
export function overlay(F: TermFactory, U: Term, blocks: SymBlock[]): Term {
  let out = U;
  for (const g of constantBlocks(blocks)) {
    if (g.inU) continue;
    const n = g.size.kind === 'bv' ? g.size.value : null;
    if (n === null || n > MAX_OVERLAY || !g.lit) throw new NotMapped(`cut points: a string in the constant ${g.origin} of unknown contents`);
    g.lit.forEach((b, i) => (out = F.store(out, F.app('concat', [g.bid, F.bv(i, OFF_BITS)]), F.bv(b, 8))));
  }
  return out;
}

/** The same for poison: a constant global's bytes are defined. */
export function overlayPoison(F: TermFactory, UP: Term, blocks: SymBlock[]): Term {
  let out = UP;
  for (const g of constantBlocks(blocks)) {
    if (g.inU || !g.lit) continue;
    g.lit.forEach((_, i) => (out = F.store(out, F.app('concat', [g.bid, F.bv(i, OFF_BITS)]), F.false)));
  }
  return out;
}

/** R_j's string part at a havoc state: target unknowns and Core's contents variables defined
 *  (`define`), placement assumed (returned). */
export function havocString(F: TermFactory, D: Dom<Term, Term>, core: StrV, vals: SScalar[], at: number, mem: SymMemState, define: (v: Term, t: Term) => void, what: string): Term[] {
  if (core.len.kind !== 'var' || core.bytes) throw new NotMapped(`cut points: ${what}: Core's havoc string is not unknown`);
  const { d, aligned, offset, size, stride } = strDesc(F, vals, at, what);
  define(size.v, core.len);
  for (const p of [aligned.poison, offset.poison, size.poison, stride.poison]) define(p, F.false);
  const u = unknownContents(F, core.len);
  define(u.U, overlay(F, mem.U, namedBlocks(mem, aligned.pts)));
  define(u.bid, d.bid);
  define(u.base, d.start);
  return [placedIn(F, D, mem, aligned.pts, d)];
}

/** R_j's string part does not hold at an arrival or back edge (witnesses named by `tag`):
 *  also where a byte of the string is poison in UP — the string's bytes are part of R_j's
 *  "no poison" wherever they lie, an own block (a heap buffer of the loop) included, whose
 *  other bytes' poison the relation leaves free (`stringBytes`, cut-query.ts ownPoison). */
export function stringDiffersAt(F: TermFactory, D: Dom<Term, Term>, core: StrV, vals: SScalar[], at: number, mem: SymMemState, tag: string): Term {
  const { d, aligned } = strDesc(F, vals, at, tag);
  return F.or(stringDiffers(F, constantBlocks(mem.blocks), mem.U, d, core, tag, mem.UP), F.not(placedIn(F, D, mem, aligned.pts, d)));
}

/** Whether an address is one of a string's bytes (offsets start + i, i below its size, as
 *  strings.ts `stringDiffers` reads them): the havoc state's poison there is false (R_j). */
export function stringBytes(F: TermFactory, d: TgtStr): (addr: Term) => Term {
  return (addr) => F.and(F.eq(F.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, addr), d.bid), F.app('bvult', [F.app('bvsub', [F.extract(OFF_BITS - 1, 0, addr), d.start]), d.size]));
}

/** Is an address's block one this function allocated (ids LOCAL_BASE + n)? Their bytes are
 *  never compared (heap string buffers, stack blocks: query.ts `stack`); with a loop's
 *  allocation summary they are not all in the state's block list, so "every other byte"
 *  excludes the whole range. */
export function ownBlock(F: TermFactory, D: Dom<Term, Term>, addr: Term): Term {
  const bid = F.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, addr);
  return F.and(D.ule(D.lit(BigInt(LOCAL_BASE), BID_BITS), bid, BID_BITS), D.ult(bid, D.lit(BigInt(PRIVATE_BASE), BID_BITS), BID_BITS));
}

/** The places (strings.ts `placed`) of a state's summarised blocks: the buffers earlier
 *  iterations of a loop carrying a string allocated, where a result string may lie. */
export function summaryPlaces(F: TermFactory, D: Dom<Term, Term>, mem: SymMemState): Place[] {
  const zero = F.bv(0, 64);
  return (mem.summaries ?? []).map((sm) => ({ bid: zero, lo: zero, hi: zero, alive: F.false, of: (bid: Term) => ({ hit: inSummary(F, D, sm, bid), hi: summarySize(F, sm, bid), alive: summaryAlive(F, sm, bid) }) }));
}

/** The blocks earlier iterations of Core loops carrying a string allocated (the 'local'
 *  allocation summaries of the target's havoc states): string buffers, which no call writes
 *  (the runtime writes only its own buffer, allocated in the current iteration; a Clef
 *  callee leaves its caller's strings as they were: README "Strings stay as they were across
 *  calls") — kept by every call's frame (calls.ts), as the heap blocks of the block list are.
 *  null: no such summary. */
export function summaryRanges(F: TermFactory, D: Dom<Term, Term>, havocs: { st: { mem: SymMemState } }[]): ((bid: Term) => Term) | null {
  const sums = new Map<string, Summary>();
  for (const h of havocs) for (const sm of h.st.mem.summaries ?? []) if (sm.base === 'local') sums.set(`${sm.lo.id}:${sm.hi.id}`, sm);
  if (!sums.size) return null;
  return (bid) => F.or(...[...sums.values()].map((sm) => inSummary(F, D, sm, bid)));
}
