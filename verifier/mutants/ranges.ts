// Integer ranges of a function's values (an interval analysis over its CFG, with branch
// conditions refining the compared values), used only to leave out sites where a mutant is
// provably equivalent: a signed/unsigned swap on values that are never negative, `nsw` on
// an add that cannot overflow, a sign/zero-extension swap of a non-negative value... Every
// interval over-approximates (loops are widened to the type's bounds, then narrowed), so a
// site left out is certainly equivalent; a site kept may still be equivalent.
import type { Block, Operation, Type, Value } from '../../compiler/mlir/ir.ts';
import { getAttr } from '../../compiler/mlir/ir.ts';
import { constValue, intWidth, vkey } from './build.ts';

export type Interval = { lo: bigint; hi: bigint };

const min = (w: number) => -(1n << BigInt(w - 1));
const max = (w: number) => (1n << BigInt(w - 1)) - 1n;
const top = (w: number): Interval => ({ lo: min(w), hi: max(w) });
const fits = (i: Interval, w: number) => i.lo >= min(w) && i.hi <= max(w);
const join = (a: Interval | null, b: Interval | null): Interval | null =>
  !a ? b : !b ? a : { lo: a.lo < b.lo ? a.lo : b.lo, hi: a.hi > b.hi ? a.hi : b.hi };
const meet = (a: Interval, b: Interval): Interval | null => {
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return lo <= hi ? { lo, hi } : null;
};
const same = (a: Interval | null | undefined, b: Interval | null | undefined) => (a ?? null) === (b ?? null) || (!!a && !!b && a.lo === b.lo && a.hi === b.hi);
export const nonNegative = (i: Interval | null): boolean => !!i && i.lo >= 0n;

/** Integer widths the analysis follows (i1 is left out: comparisons and flags). */
function width(t: Type): number | null {
  const w = intWidth(t);
  return w !== null && w > 1 ? w : null;
}

type Edge = { from: Block; to: Block; args: Value[]; cond: { cmp: Operation; taken: boolean } | null };

const CMP = new Set(['arith.cmpi', 'llvm.icmp']);

export type Ranges = (v: Value, at: Block) => Interval | null;

/** The analysis of one function; null for values it does not follow or cannot bound. */
export function functionRanges(fn: Operation, defs: Map<string, Operation>): Ranges {
  const region = fn.regions[0];
  const unknown: Ranges = () => null;
  if (!region || region.blocks.some((b) => b.ops.some((o) => o.regions.length > 0))) return unknown;
  const blocks = region.blocks;
  const byLabel = new Map<string, Block>();
  for (const b of blocks) if (b.label !== null) byLabel.set(b.label, b);
  const edges: Edge[] = [];
  const incoming = new Map<Block, Edge[]>(blocks.map((b) => [b, []]));
  const defBlock = new Map<string, Block>();
  for (const b of blocks) {
    for (const a of b.args) defBlock.set(vkey(a), b);
    for (const o of b.ops) for (const r of o.results) defBlock.set(vkey(r), b);
    const t = b.ops[b.ops.length - 1];
    if (!t) continue;
    const distinct = new Set(t.successors.map((s) => s.label)).size === t.successors.length;
    const cmp = (t.name === 'cf.cond_br' || t.name === 'llvm.cond_br') && distinct ? defs.get(vkey(t.operands[0]!)) : undefined;
    t.successors.forEach((s, k) => {
      const to = byLabel.get(s.label);
      if (!to) return;
      const e: Edge = { from: b, to, args: s.args, cond: cmp && CMP.has(cmp.name) ? { cmp, taken: k === 0 } : null };
      edges.push(e);
      incoming.get(to)!.push(e);
    });
  }
  // null is bottom (no execution reaches the value yet); values defined outside the
  // function's blocks (none in valid MLIR) would read as the whole type
  const iv = new Map<string, Interval | null>();
  const entry = blocks[0]!;
  // widening happens only at loop headers (targets of back edges), so a value narrowed by a
  // branch inside the loop keeps its bound
  const headers = new Set<Block>();
  const state = new Map<Block, 'open' | 'done'>();
  const dfs = (b: Block): void => {
    state.set(b, 'open');
    for (const e of edges) {
      if (e.from !== b) continue;
      const st = state.get(e.to);
      if (st === 'open') headers.add(e.to);
      else if (!st) dfs(e.to);
    }
    state.set(b, 'done');
  };
  dfs(entry);
  for (const b of blocks) {
    for (const a of b.args) if (width(a.type)) iv.set(vkey(a), b === entry ? top(width(a.type)!) : null);
    for (const o of b.ops) for (const r of o.results) if (width(r.type)) iv.set(vkey(r), null);
  }

  const base = (v: Value): Interval | null => {
    const w = width(v.type);
    if (!w) return null;
    return iv.has(vkey(v)) ? iv.get(vkey(v))! : top(w);
  };

  /** `v`'s interval in block `b`: the conditions of the unique-predecessor edges leading to
   *  `b` (up to `v`'s own definition) narrow it. */
  const refined = (v: Value, b: Block): Interval | null => {
    let r = base(v);
    if (!r) return null;
    const home = defBlock.get(vkey(v));
    let cur = b;
    for (let depth = 0; depth < 32 && cur !== home; depth++) {
      const ins = incoming.get(cur)!;
      if (ins.length !== 1 || cur === entry) break;
      r = narrowByEdge(v, r, ins[0]!);
      if (!r) return null;
      cur = ins[0]!.from;
    }
    return r;
  };

  const narrowByEdge = (v: Value, r: Interval, e: Edge): Interval | null => {
    if (!e.cond) return r;
    const c = e.cond.cmp;
    const [x, y] = c.operands as [Value, Value];
    const pred = Number((getAttr(c.properties, 'predicate') as { value: bigint } | undefined)?.value ?? -1);
    const w = width(x.type);
    if (!w) return r;
    const p = e.cond.taken ? pred : negate(pred);
    const other = (u: Value) => base(u) ?? top(w);
    if (vkey(x) === vkey(v) && vkey(y) !== vkey(v)) return restrict(r, p, other(y), w);
    if (vkey(y) === vkey(v) && vkey(x) !== vkey(v)) return restrict(r, swapPred(p), other(x), w);
    return r;
  };

  const evalOp = (o: Operation, b: Block): Interval | null => {
    const res = o.results[0];
    if (!res || o.results.length !== 1) return null;
    const w = width(res.type);
    if (!w) return null;
    const arg = (k: number) => refined(o.operands[k]!, b);
    const c = constValue(o);
    if (c !== null) {
      const v = BigInt.asIntN(w, c);
      return { lo: v, hi: v };
    }
    const T = top(w);
    // an operand no execution reaches yet: nor does this op
    for (const x of o.operands) if (width(x.type) && refined(x, b) === null) return null;
    const wrapOr = (i: Interval | null): Interval => (i && fits(i, w) ? i : T);
    const exact = (v: bigint): Interval => ({ lo: v, hi: v });
    const a = o.operands.length > 0 ? arg(0) : null;
    const bb = o.operands.length > 1 ? arg(1) : null;
    const constOf = (k: number) => {
      const d = defs.get(vkey(o.operands[k]!));
      const v = constValue(d);
      return v === null ? null : BigInt.asIntN(w, v);
    };
    switch (o.name) {
      case 'arith.addi': case 'llvm.add':
        return a && bb ? wrapOr({ lo: a.lo + bb.lo, hi: a.hi + bb.hi }) : T;
      case 'arith.subi': case 'llvm.sub':
        return a && bb ? wrapOr({ lo: a.lo - bb.hi, hi: a.hi - bb.lo }) : T;
      case 'arith.muli': case 'llvm.mul': {
        if (!a || !bb) return T;
        const ps = [a.lo * bb.lo, a.lo * bb.hi, a.hi * bb.lo, a.hi * bb.hi];
        return wrapOr({ lo: ps.reduce((x, y) => (x < y ? x : y)), hi: ps.reduce((x, y) => (x > y ? x : y)) });
      }
      case 'arith.andi': case 'llvm.and': {
        // two known numbers: the exact result (`trunci 16 & 31` is a shift amount of 16)
        if (a && bb && a.lo === a.hi && bb.lo === bb.hi) return exact(BigInt.asIntN(w, a.lo & bb.lo));
        const nn = [a, bb].filter((x) => nonNegative(x)) as Interval[];
        if (nn.length === 0) return T;
        return { lo: 0n, hi: nn.map((x) => x.hi).reduce((x, y) => (x < y ? x : y)) };
      }
      case 'arith.ori': case 'arith.xori': case 'llvm.or': case 'llvm.xor':
        if (a && bb && a.lo === a.hi && bb.lo === bb.hi) {
          const isOr = o.name === 'arith.ori' || o.name === 'llvm.or';
          return exact(BigInt.asIntN(w, isOr ? a.lo | bb.lo : a.lo ^ bb.lo));
        }
        if (nonNegative(a) && nonNegative(bb)) {
          const hi = a!.hi > bb!.hi ? a!.hi : bb!.hi;
          return { lo: 0n, hi: (1n << BigInt(hi.toString(2).length)) - 1n };
        }
        return T;
      case 'arith.shrui': case 'llvm.lshr': case 'arith.shrsi': case 'llvm.ashr': {
        const k = constOf(1) ?? (bb && bb.lo === bb.hi ? bb.lo : null);
        if (k === null || k < 0n || k >= BigInt(w)) return T;
        if (nonNegative(a)) return { lo: a!.lo >> k, hi: a!.hi >> k };
        if (o.name === 'arith.shrsi' || o.name === 'llvm.ashr') return a ? { lo: a.lo >> k, hi: a.hi >> k } : T;
        return k === 0n ? T : { lo: 0n, hi: ((1n << BigInt(w)) - 1n) >> k };
      }
      case 'arith.remui': case 'llvm.urem': {
        const k = constOf(1);
        if (k !== null && k > 0n) return { lo: 0n, hi: k - 1n };
        return nonNegative(a) ? { lo: 0n, hi: a!.hi } : T;
      }
      case 'arith.remsi': case 'llvm.srem': {
        const k = constOf(1);
        if (k !== null && k > 0n && nonNegative(a)) return { lo: 0n, hi: k - 1n < a!.hi ? k - 1n : a!.hi };
        return T;
      }
      case 'arith.divui': case 'llvm.udiv':
        return nonNegative(a) && nonNegative(bb) ? { lo: 0n, hi: a!.hi } : T;
      case 'arith.extui': case 'llvm.zext': {
        const sw = width(o.operands[0]!.type);
        if (!sw) return intWidth(o.operands[0]!.type) === 1 ? { lo: 0n, hi: 1n } : T;
        return nonNegative(a) ? a : { lo: 0n, hi: (1n << BigInt(sw)) - 1n };
      }
      case 'arith.extsi': case 'llvm.sext':
        return a ?? (intWidth(o.operands[0]!.type) === 1 ? { lo: -1n, hi: 0n } : T);
      case 'arith.trunci': case 'llvm.trunc':
        return wrapOr(a);
      case 'arith.index_cast': case 'arith.index_castui': case 'builtin.unrealized_conversion_cast':
        return a && width(o.operands[0]!.type) === w ? a : o.name === 'arith.index_cast' ? wrapOr(a) : T;
      case 'arith.select': case 'llvm.select':
        return join(arg(1), arg(2)) ?? T;
      case 'memref.dim':
        return { lo: 0n, hi: max(w) };
      default:
        return T;
    }
  };

  const blockArgsFromEdges = (b: Block): (Interval | null)[] => {
    const out: (Interval | null)[] = b.args.map(() => null);
    for (const e of incoming.get(b)!) {
      e.args.forEach((a, k) => {
        if (!width(b.args[k]!.type)) return;
        let r = refined(a, e.from);
        if (r) r = narrowByEdge(a, r, e);
        out[k] = join(out[k]!, r);
      });
    }
    return out;
  };

  const round = (mode: 'grow' | 'widen' | 'narrow'): boolean => {
    let changed = false;
    for (const b of blocks) {
      if (b !== entry) {
        const now = blockArgsFromEdges(b);
        b.args.forEach((a, k) => {
          const w = width(a.type);
          if (!w) return;
          const old = iv.get(vkey(a)) ?? null;
          let next = mode === 'narrow' ? now[k]! : join(old, now[k]!);
          if (mode === 'widen' && headers.has(b) && old && next && !same(old, next)) {
            next = { lo: next.lo < old.lo ? min(w) : next.lo, hi: next.hi > old.hi ? max(w) : next.hi };
          }
          if (!same(old, next)) {
            iv.set(vkey(a), next);
            changed = true;
          }
        });
      }
      for (const o of b.ops) {
        if (o.results.length !== 1 || !width(o.results[0]!.type)) continue;
        const next = evalOp(o, b);
        const k = vkey(o.results[0]!);
        const old = iv.get(k) ?? null;
        if (!same(old, next)) {
          iv.set(k, next);
          changed = true;
        }
      }
    }
    return changed;
  };

  // Block arguments start unreached (null = no value yet): grow, then widen what still grows.
  let stable = false;
  for (let k = 0; k < 6 && !stable; k++) stable = !round('grow');
  for (let k = 0; k < 50 && !stable; k++) stable = !round('widen');
  if (!stable) return unknown;
  for (let k = 0; k < 4; k++) if (!round('narrow')) break;
  // one more sound pass: narrowing rounds only ever shrink a post-fixpoint, but an op
  // evaluated before its block's arguments narrowed may be stale; recompute op results
  round('narrow');
  return (v, at) => (width(v.type) ? refined(v, at) : null);
}

function negate(p: number): number {
  // eq ne slt sle sgt sge ult ule ugt uge
  return [1, 0, 5, 4, 3, 2, 9, 8, 7, 6][p] ?? -1;
}

function swapPred(p: number): number {
  return [0, 1, 4, 5, 2, 3, 8, 9, 6, 7][p] ?? -1;
}

/** `r` cut to the values v with `v PRED other` for some other in `o`. */
function restrict(r: Interval, pred: number, o: Interval, w: number): Interval | null {
  const M = max(w);
  const nn = o.lo >= 0n;
  switch (pred) {
    case 0: return meet(r, o);
    case 2: return meet(r, { lo: min(w), hi: o.hi - 1n });
    case 3: return meet(r, { lo: min(w), hi: o.hi });
    case 4: return meet(r, { lo: o.lo + 1n, hi: M });
    case 5: return meet(r, { lo: o.lo, hi: M });
    // unsigned: v <u o with o >= 0 means 0 <= v < o
    case 6: return nn ? meet(r, { lo: 0n, hi: o.hi - 1n }) : r;
    case 7: return nn ? meet(r, { lo: 0n, hi: o.hi }) : r;
    default: return r;
  }
}
