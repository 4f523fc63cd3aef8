// Which loop-header slots the cut-point relation relates (cutpoint.ts), where the two sides'
// loop j carries different values. mlir-opt's lift-cf-to-scf turns a CFG loop into an
// scf.while that carries, besides the header's block arguments, one value per value defined
// in the loop and used after it (and a selector where the loop has several exits); they start
// as `ub.poison` and the source's header has no counterpart (117 of the corpus's 1044 loops
// at stage 02). The converse (the source carrying values the target dropped) is met the same
// way.
//
// Soundness: the relation at a header only ever gets weaker. A related pair of slots shares
// one unknown (the source's name), an unrelated slot is an unknown of its own side
// (symexec.ts havoc, SymEnv.cutSlots), so the inductive step holds for every value of it —
// nothing is assumed about it, and the arrival and back-edge checks compare only the related
// pairs. The argument at the top of cutpoint.ts goes through unchanged: give each header's
// shared unknowns the source's real values at its last visit and each unrelated slot its own
// side's real value. The match is a guess read off the text (types and the values flowing in
// at the entry edges); a wrong guess can only make the inductive query fail, never prove more.
import type { Block, Operation, Region, Value } from '../../compiler/mlir/ir.ts';
import { opAttr, walk } from '../../compiler/mlir/ir.ts';
import { analyzeCfg } from '../semantics/mlir/cfg.ts';
import { textOrderLoops } from '../semantics/mlir/symexec.ts';
import { slotsOf, slotText } from '../semantics/mlir/values.ts';

/** One loop's relation when it is not slot k to slot k: for each of the target's scalar
 *  slots the source slot it is related to (null: none), and the related pairs [src, tgt]. */
export type SlotMatch = {
  tgt: (number | null)[];
  pairs: [number, number][];
  /** Each side's unrelated scalar slots whose header value nothing reads (lift-cf-to-scf's
   *  extra values: the exit forwards this iteration's, never the header's): symexec.ts then
   *  does not ask where a pointer among them may point (a value never read reaches nothing). */
  unread: { src: number[]; tgt: number[] };
};

/** A header value as the two sides can be compared on it before any run: its scalar slots
 *  (`type`, as values.ts slotsOf: a memref and its LLVM descriptor alike) and what flows in
 *  on entering the loop, as far as the text tells (a poison, a literal, or anything). */
export type Head = { type: string; width: number; arrival: string; used?: boolean };

const POISON_OPS = new Set(['ub.poison', 'llvm.mlir.poison', 'llvm.mlir.undef']);
const CONST_OPS = new Set(['arith.constant', 'llvm.mlir.constant']);
const vkey = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** The matches of the loops (by their text-order number) whose slots are not the same list
 *  on both sides; a loop missing from the map relates slot k to slot k. */
export function loopSlotMatches(src: Region, tgt: Region): Map<number, SlotMatch> {
  // FIDELITY_NO_SLOT_MATCH=1: every slot k with slot k, as before (to measure)
  if (process.env.FIDELITY_NO_SLOT_MATCH === '1') return new Map();
  const s = loopHeads(src);
  const t = loopHeads(tgt);
  const out = new Map<number, SlotMatch>();
  for (const [j, a] of s) {
    const b = t.get(j);
    // the same number of scalar slots: slot k with slot k, as always (a lowering changes the
    // types — a memref becomes a descriptor struct — and keeps the slots)
    if (!b || width(a) === width(b)) continue;
    out.set(j, scalarMatch(a, b, alignHeads(a, b)));
  }
  return out;
}

const width = (hs: Head[]) => hs.reduce((n, h) => n + h.width, 0);

/** The related pairs of header values: the longest order-keeping alignment of values of one
 *  type whose arrivals may agree, the earliest such pairs first (lift-cf-to-scf appends its
 *  values after the header's own). */
export function alignHeads(a: Head[], b: Head[]): [number, number][] {
  const ok = (x: Head, y: Head) => x.type === y.type && arrivalsMayAgree(x.arrival, y.arrival);
  // L[i][k]: the most pairs among a[i..], b[k..]
  const L = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let k = b.length - 1; k >= 0; k--)
      L[i]![k] = Math.max(ok(a[i]!, b[k]!) ? 1 + L[i + 1]![k + 1]! : 0, L[i + 1]![k]!, L[i]![k + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, k = 0; i < a.length && k < b.length; ) {
    if (ok(a[i]!, b[k]!) && L[i]![k] === 1 + L[i + 1]![k + 1]!) pairs.push([i++, k++]);
    else if (L[i]![k] === L[i]![k + 1]) k++;
    else i++;
  }
  return pairs;
}

/** A poison never agrees with a value that is not poison, nor two different literals. */
function arrivalsMayAgree(x: string, y: string): boolean {
  if (x === 'poison' || y === 'poison') return x === y;
  return !(x.startsWith('lit:') && y.startsWith('lit:') && x !== y);
}

/** The value-level pairs as scalar slots (a memref is several: values.ts slotsOf). */
function scalarMatch(a: Head[], b: Head[], pairs: [number, number][]): SlotMatch {
  const starts = (hs: Head[]) => hs.reduce<number[]>((acc, h, i) => [...acc, acc[i]! + h.width], [0]);
  const sa = starts(a);
  const sb = starts(b);
  const tgt: (number | null)[] = new Array<number | null>(sb[b.length]!).fill(null);
  const out: [number, number][] = [];
  for (const [i, k] of pairs)
    for (let n = 0; n < a[i]!.width; n++) {
      tgt[sb[k]! + n] = sa[i]! + n;
      out.push([sa[i]! + n, sb[k]! + n]);
    }
  const unread = (hs: Head[], st: number[], related: Set<number>) =>
    hs.flatMap((h, i) => (related.has(i) || h.used !== false ? [] : Array.from({ length: h.width }, (_, n) => st[i]! + n)));
  return { tgt, pairs: out, unread: { src: unread(a, sa, new Set(pairs.map(([i]) => i))), tgt: unread(b, sb, new Set(pairs.map(([, k]) => k))) } };
}

/** Each loop's header values (by its text-order number): type, scalar width and arrival.
 *  Once per function body (parsed MLIR is never mutated, as textOrderLoops and analyzeCfg
 *  rely on; callers only read the result): every cut-point attempt of every check with the
 *  body on one side asks (validate.ts cutpointAttempt: shared and apart counters, each
 *  widening retry), and a CFG body's loops each read the whole region: 18 % of the main
 *  thread's samples in the corpus's 1673 LLVM-level checks; once, their main-thread CPU
 *  went 31.3 -> 26.4 s, the same verdicts, queries and z3 units (scratch/perf20). */
function loopHeads(body: Region): Map<number, Head[]> {
  let hit = headsCache.get(body);
  if (!hit) headsCache.set(body, (hit = computeLoopHeads(body)));
  return hit;
}
const headsCache = new WeakMap<Region, Map<number, Head[]>>();

function computeLoopHeads(body: Region): Map<number, Head[]> {
  const defs = new Map<string, Operation>();
  for (const op of walk(body.blocks.flatMap((b) => b.ops))) for (const r of op.results) defs.set(vkey(r), op);
  const arrivalOf = (vs: Value[]): string => {
    const keys = new Set(vs.map((v) => {
      const d = defs.get(vkey(v));
      if (d && POISON_OPS.has(d.name)) return 'poison';
      const lit = d && CONST_OPS.has(d.name) ? opAttr(d, 'value') : undefined;
      if (lit && (lit.kind === 'int' || lit.kind === 'bool')) return `lit:${String(lit.value)}`;
      return 'any';
    }));
    return keys.size === 1 ? [...keys][0]! : 'any';
  };
  const regionOf = regionsOfBlocks(body);
  const used = new Map<Region, Set<string>>();
  const usesIn = (r: Region): Set<string> => {
    let u = used.get(r);
    if (!u) used.set(r, (u = namesUsedIn(r)));
    return u;
  };
  const out = new Map<number, Head[]>();
  for (const [x, j] of textOrderLoops(body).ids) {
    let args: Value[];
    let arrivals: Value[][];
    let scope: Region;
    // scf.for's results are its header values at the exit (symexec.ts execFor): an iter_arg
    // the body never reads is still read where its result is (review 34: its pointer's
    // unchecked targets let a source loading through it after the loop be proved)
    let exitResults: (Value | undefined)[] = [];
    if ('kind' in x && x.kind === 'Operation') {
      const op = x;
      args = op.regions[0]!.blocks[0]!.args;
      if (op.name === 'scf.for') exitResults = [undefined, ...op.results]; // (the induction variable: none)
      // scf.for: the induction variable starts at the lower bound; scf.while: its operands
      arrivals = op.name === 'scf.for' ? [[op.operands[0]!, ...op.operands.slice(3)]] : [op.operands];
      scope = op.regions[0]!;
    } else {
      const b = x as Block;
      args = b.args;
      const region = regionOf.get(b);
      scope = region ?? body;
      const cfg = region ? analyzeCfg(region) : undefined;
      const h = cfg?.blocks.indexOf(b) ?? -1;
      const loop = cfg?.loops.get(h);
      arrivals = [];
      if (cfg && loop)
        cfg.blocks.forEach((p, i) => {
          if (loop.body.has(i)) return;
          for (const succ of p.ops[p.ops.length - 1]?.successors ?? []) if (succ.label === b.label) arrivals.push(succ.args);
        });
    }
    // (a CFG loop's scope is its whole region: the names read there, once per region)
    const uses = usesIn(scope);
    const read = (v: Value, i: number) => {
      const r = exitResults[i];
      return uses.has(vkey(v)) || (r !== undefined && usesIn(body).has(vkey(r)));
    };
    out.set(j, args.map((v, i) => ({ type: slotsOf(v.type).map(slotText).join(','), width: slotsOf(v.type).length, arrival: arrivalOf(arrivals.map((vs) => vs[i]!).filter((v) => v !== undefined)), used: read(v, i) })));
  }
  return out;
}

/** Every value name an op in the region (or in regions inside it) reads, as operand or
 *  branch argument. By name, whatever the scope: a nested region reusing a name only makes a
 *  value look used (the safe side). */
function namesUsedIn(r: Region): Set<string> {
  const out = new Set<string>();
  for (const op of walk(r.blocks.flatMap((b) => b.ops))) {
    for (const v of op.operands) out.add(vkey(v));
    for (const s of op.successors) for (const v of s.args) out.add(vkey(v));
  }
  return out;
}

function regionsOfBlocks(body: Region): Map<Block, Region> {
  const out = new Map<Block, Region>();
  const visit = (r: Region) => {
    for (const b of r.blocks) {
      out.set(b, r);
      for (const op of b.ops) op.regions.forEach(visit);
    }
  };
  visit(body);
  return out;
}
