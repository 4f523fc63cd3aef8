// Integer-arithmetic mutations, written once and instantiated for `arith` (the stages before
// convert-arith-to-llvm) and for `llvm` (after it): the same wrong lowering at either level.
import type { Operation, Value } from '../../compiler/mlir/ir.ts';
import { getAttr, i as intType } from '../../compiler/mlir/ir.ts';
import { constOp, constValue, freshNamer, insertBefore, intAttr, intWidth, isIntLike, op, replaceUses, sameValue, setProp, type Dialect } from './build.ts';
import { PRED, predicateOf, renameOp, rewritePredicate, swapOperands, symmetric } from './define.ts';
import { defsOf, vkey } from './facts.ts';
import { editAt } from './locate.ts';
import type { MutationOperator, SiteContext } from './types.ts';

type Names = {
  sub: string; sdiv: string; udiv: string; srem: string; urem: string; shl: string; ashr: string; lshr: string;
  and: string; or: string; xor: string; add: string; mul: string; cmp: string; select: string; sext: string;
  zext: string; trunc: string; const: string; overflow: string;
};

export const INT_NAMES: Record<Dialect, Names> = {
  arith: {
    sub: 'arith.subi', sdiv: 'arith.divsi', udiv: 'arith.divui', srem: 'arith.remsi', urem: 'arith.remui',
    shl: 'arith.shli', ashr: 'arith.shrsi', lshr: 'arith.shrui', and: 'arith.andi', or: 'arith.ori',
    xor: 'arith.xori', add: 'arith.addi', mul: 'arith.muli', cmp: 'arith.cmpi', select: 'arith.select',
    sext: 'arith.extsi', zext: 'arith.extui', trunc: 'arith.trunci', const: 'arith.constant', overflow: 'arith.overflow',
  },
  llvm: {
    sub: 'llvm.sub', sdiv: 'llvm.sdiv', udiv: 'llvm.udiv', srem: 'llvm.srem', urem: 'llvm.urem',
    shl: 'llvm.shl', ashr: 'llvm.ashr', lshr: 'llvm.lshr', and: 'llvm.and', or: 'llvm.or',
    xor: 'llvm.xor', add: 'llvm.add', mul: 'llvm.mul', cmp: 'llvm.icmp', select: 'llvm.select',
    sext: 'llvm.sext', zext: 'llvm.zext', trunc: 'llvm.trunc', const: 'llvm.mlir.constant', overflow: 'llvm.overflow',
  },
};

const ORDERING = [PRED.slt, PRED.sle, PRED.sgt, PRED.sge, PRED.ult, PRED.ule, PRED.ugt, PRED.uge];
const inLoop = (_op: Operation, ctx: SiteContext) => ctx.facts.inLoop.has(ctx.block);
const notInLoop = (op: Operation, ctx: SiteContext) => !inLoop(op, ctx);

/** The `#dialect.overflow<...>` flags of an op: '' when absent or `none`. */
export function overflowFlags(o: Operation): string {
  const a = getAttr(o.properties, 'overflowFlags');
  if (!a || a.kind !== 'opaque') return '';
  const m = /<([^>]*)>/.exec(a.text);
  const s = (m?.[1] ?? '').trim();
  return s === 'none' ? '' : s;
}

export function integerOperators(d: Dialect): MutationOperator[] {
  const n = INT_NAMES[d];
  const ops: MutationOperator[] = [
    swapOperands({ name: `${d}-swap-sub`, family: 'swap-operands', dialect: d, ops: [n.sub], description: `${n.sub} a, b -> ${n.sub} b, a` }),
    swapOperands({ name: `${d}-swap-div`, family: 'swap-operands', dialect: d, ops: [n.sdiv, n.udiv], description: `${n.sdiv}/${n.udiv}: divide the divisor by the dividend` }),
    swapOperands({ name: `${d}-swap-rem`, family: 'swap-operands', dialect: d, ops: [n.srem, n.urem], description: `${n.srem}/${n.urem}: operands swapped` }),
    swapOperands({ name: `${d}-swap-shift`, family: 'swap-operands', dialect: d, ops: [n.shl, n.ashr, n.lshr], description: 'shift the amount by the value' }),
    swapOperands({
      name: `${d}-swap-cmp`, family: 'swap-operands', dialect: d, ops: [n.cmp],
      description: `${n.cmp} with an ordering predicate: operands swapped (a < b becomes b < a)`,
      where: (o) => ORDERING.includes(predicateOf(o) as never),
    }),
    rewritePredicate({
      name: `${d}-cmp-signedness`, family: 'predicate', dialect: d, ops: [n.cmp],
      description: 'signed <-> unsigned comparison (slt<->ult, sle<->ule, sgt<->ugt, sge<->uge); not where both operands are provably non-negative',
      where: (o, ctx) => !bothNonNegative(o, ctx),
      map: symmetric([[PRED.slt, PRED.ult], [PRED.sle, PRED.ule], [PRED.sgt, PRED.ugt], [PRED.sge, PRED.uge]]),
    }),
    rewritePredicate({
      name: `${d}-cmp-strictness`, family: 'predicate', dialect: d, ops: [n.cmp], where: (o, ctx) => notInLoop(o, ctx) && !neverEqual(o, ctx),
      description: 'strict <-> non-strict comparison outside loops (slt<->sle, ...): an off-by-one test',
      map: symmetric([[PRED.slt, PRED.sle], [PRED.sgt, PRED.sge], [PRED.ult, PRED.ule], [PRED.ugt, PRED.uge]]),
    }),
    rewritePredicate({
      name: `${d}-loop-bound`, family: 'loop-bound', dialect: d, ops: [n.cmp], where: (o, ctx) => inLoop(o, ctx) && !neverEqual(o, ctx),
      description: 'loop bound off by one: a comparison inside a loop, strict <-> non-strict (slt<->sle, ...)',
      map: symmetric([[PRED.slt, PRED.sle], [PRED.sgt, PRED.sge], [PRED.ult, PRED.ule], [PRED.ugt, PRED.uge]]),
    }),
    rewritePredicate({
      name: `${d}-cmp-eq-ne`, family: 'predicate', dialect: d, ops: [n.cmp],
      description: 'eq <-> ne: an equality test inverted', map: symmetric([[PRED.eq, PRED.ne]]),
    }),
    rewritePredicate({
      name: `${d}-cmp-negate`, family: 'predicate', dialect: d, ops: [n.cmp],
      description: 'an ordering comparison negated (slt<->sge, sle<->sgt, ult<->uge, ule<->ugt)',
      map: symmetric([[PRED.slt, PRED.sge], [PRED.sle, PRED.sgt], [PRED.ult, PRED.uge], [PRED.ule, PRED.ugt]]),
    }),
    renameOp({ name: `${d}-div-signedness`, family: 'signedness', dialect: d, description: `${n.sdiv} <-> ${n.udiv} (not where both operands are provably non-negative)`, map: { [n.sdiv]: n.udiv, [n.udiv]: n.sdiv }, where: (o, ctx) => !bothNonNegative(o, ctx) }),
    renameOp({ name: `${d}-rem-signedness`, family: 'signedness', dialect: d, description: `${n.srem} <-> ${n.urem} (not where both operands are provably non-negative)`, map: { [n.srem]: n.urem, [n.urem]: n.srem }, where: (o, ctx) => !bothNonNegative(o, ctx) }),
    renameOp({
      name: `${d}-shr-kind`, family: 'shift-kind', dialect: d, description: `arithmetic <-> logical right shift (${n.ashr} <-> ${n.lshr}); not of a provably non-negative value`,
      map: { [n.ashr]: n.lshr, [n.lshr]: n.ashr }, keepProps: false, where: (o, ctx) => (rangeOf(ctx, o.operands[0]!)?.lo ?? -1n) < 0n,
    }),
    renameOp({ name: `${d}-shift-direction`, family: 'shift-kind', dialect: d, description: `left <-> right shift (${n.shl} -> ${n.lshr}, ${n.lshr}/${n.ashr} -> ${n.shl})`, map: { [n.shl]: n.lshr, [n.lshr]: n.shl, [n.ashr]: n.shl }, keepProps: false }),
    renameOp({ name: `${d}-and-or`, family: 'logic', dialect: d, description: `${n.and} <-> ${n.or}`, map: { [n.and]: n.or, [n.or]: n.and }, where: (o) => !sameValue(o.operands[0]!, o.operands[1]!) }),
    renameOp({ name: `${d}-add-sub`, family: 'arithmetic', dialect: d, description: `${n.add} <-> ${n.sub}`, map: { [n.add]: n.sub, [n.sub]: n.add } }),
    xorConstant(d, n),
    constantDelta(d, n, 1n),
    constantDelta(d, n, -1n),
    renameOp({
      name: `${d}-ext-kind`, family: 'extension', dialect: d, description: `sign <-> zero extension (${n.sext} <-> ${n.zext})`,
      map: { [n.sext]: n.zext, [n.zext]: n.sext }, keepProps: false,
      // a value with its top bit clear extends the same either way; and where only the low
      // bits of the result are ever used, the extension's kind cannot show
      where: (o, ctx) => {
        const w = intWidth(o.operands[0]!.type)!;
        return !constantFits(o.operands[0]!, ctx, w - 1) && !certainlyBelow(o.operands[0]!, ctx, w - 1) && !onlyLowBitsUsed(o.results[0]!, w, ctx, 0);
      },
    }),
    truncNarrower(d, n),
    extNarrower(d, n),
    swapOperands({ name: `${d}-select-swap`, family: 'swap-operands', dialect: d, ops: [n.select], i: 1, j: 2, description: `${n.select} c, a, b -> ${n.select} c, b, a` }),
    replaceWithConstant(d, n),
    forwardOperand(d, n),
    addFlag(d, n, 'nsw'),
    addFlag(d, n, 'nuw'),
    dropFlags(d, n),
    swapFlag(d, n),
  ];
  return ops;
}

const rangeOf = (ctx: SiteContext, v: Value) => ctx.facts.range(v, ctx.block);

/** `v` is certainly in [0, 2^bits) where the op uses it. */
function certainlyBelow(v: Value, ctx: SiteContext, bits: number): boolean {
  const r = rangeOf(ctx, v);
  return !!r && r.lo >= 0n && r.hi < 1n << BigInt(Math.max(bits, 0));
}

const bothNonNegative = (o: Operation, ctx: SiteContext) =>
  o.operands.length >= 2 && [o.operands[0]!, o.operands[1]!].every((v) => (rangeOf(ctx, v)?.lo ?? -1n) >= 0n);

/** The two operands can never be equal: strict and non-strict comparisons agree. */
function neverEqual(o: Operation, ctx: SiteContext): boolean {
  const a = rangeOf(ctx, o.operands[0]!);
  const b = rangeOf(ctx, o.operands[1]!);
  return !!a && !!b && (a.hi < b.lo || b.hi < a.lo);
}

/** The op provably never wraps in the flag's sense, so adding the flag changes nothing. */
function cannotWrap(o: Operation, ctx: SiteContext, flag: 'nsw' | 'nuw'): boolean {
  const w = intWidth(o.results[0]!.type);
  const a = rangeOf(ctx, o.operands[0]!);
  const b = rangeOf(ctx, o.operands[1]!);
  const kind = o.name.split('.')[1]!.replace(/i$/, '');
  // x + 0 and x - 0 never wrap, whatever x is
  const zero = (r: { lo: bigint; hi: bigint } | null) => !!r && r.lo === 0n && r.hi === 0n;
  if ((kind === 'add' && (zero(a) || zero(b))) || (kind === 'sub' && zero(b))) return true;
  if (!w || !a || !b) return false;
  const lo = -(1n << BigInt(w - 1));
  const hi = (1n << BigInt(w - 1)) - 1n;
  if (flag === 'nuw' && (a.lo < 0n || b.lo < 0n)) return false;
  const umax = (1n << BigInt(w)) - 1n;
  switch (kind) {
    case 'add':
      return flag === 'nsw' ? a.lo + b.lo >= lo && a.hi + b.hi <= hi : a.hi + b.hi <= umax;
    case 'sub':
      return flag === 'nsw' ? a.lo - b.hi >= lo && a.hi - b.lo <= hi : a.lo >= b.hi;
    case 'mul': {
      const ps = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
      return flag === 'nsw' ? ps.every((p) => p >= lo && p <= hi) : ps.every((p) => p <= umax);
    }
    default:
      return false;
  }
}

/** Every use of `v` reaches only its low `bits` bits: through add/sub/mul/and/or/xor/shl
 *  (whose low bits depend only on their operands' low bits) into a truncation to at most
 *  `bits`. */
function onlyLowBitsUsed(v: Value, bits: number, ctx: SiteContext, depth: number): boolean {
  const users = ctx.facts.users.get(vkey(v)) ?? [];
  if (users.length === 0 || depth > 6) return false;
  return users.every((u) => {
    const kind = u.name.split('.')[1] ?? '';
    if (kind === 'trunci' || kind === 'trunc') return (intWidth(u.results[0]!.type) ?? Infinity) <= bits;
    const lowOnly = ['addi', 'add', 'subi', 'sub', 'muli', 'mul', 'andi', 'and', 'ori', 'or', 'xori', 'xor'].includes(kind) ||
      ((kind === 'shli' || kind === 'shl') && vkey(u.operands[0]!) === vkey(v) && vkey(u.operands[1]!) !== vkey(v));
    return lowOnly && u.results.length === 1 && overflowFlags(u) === '' && onlyLowBitsUsed(u.results[0]!, bits, ctx, depth + 1);
  });
}

/** `v` is a constant in [0, 2^bits): narrowing or re-extending it cannot change it. */
function constantFits(v: Value, ctx: SiteContext, bits: number): boolean {
  const c = constValue(ctx.facts.defs.get(vkey(v)));
  if (c === null) return false;
  const u = BigInt.asUintN(intWidth(v.type) ?? 64, c);
  return u < 1n << BigInt(Math.max(bits, 0));
}

function xorConstant(d: Dialect, n: Names): MutationOperator {
  const constSide = (o: Operation, ctx: SiteContext): number =>
    o.operands.findIndex((v) => constValue(ctx.facts.defs.get(vkey(v))) !== null);
  return {
    name: `${d}-xor-const`,
    family: 'logic',
    dialect: d,
    description: `${n.xor} with a constant C -> with C xor 1 (xor with 0 becomes xor with 1: a bit flipped, a negation dropped)`,
    expect: 'killed',
    applies: (o, ctx) => o.name === n.xor && constSide(o, ctx) >= 0,
    mutate: (m, site) =>
      editAt(m, site, ({ op: o, block, index }, fn) => {
        const defs = defsOf(fn);
        const k = o.operands.findIndex((v) => constValue(defs.get(vkey(v))) !== null);
        const v = o.operands[k]!;
        const c = constOp(d, freshNamer(fn)(), v.type, constValue(defs.get(vkey(v)))! ^ 1n);
        insertBefore(block, index, [c]);
        o.operands[k] = c.results[0]!;
      }),
  };
}

function constantDelta(d: Dialect, n: Names, delta: bigint): MutationOperator {
  return {
    name: `${d}-const-${delta > 0n ? 'inc' : 'dec'}`,
    family: 'constant',
    dialect: d,
    description: `an integer ${n.const} ${delta > 0n ? '+ 1' : '- 1'} (an i1 constant flips)`,
    expect: 'killed',
    applies: (o, ctx) =>
      o.name === n.const && o.results.length === 1 && isIntLike(o.results[0]!.type) && constValue(o) !== null && !foldsSame(o, delta, ctx),
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }) => {
        const k = o.properties.findIndex((p) => p.name === 'value');
        const a = o.properties[k]!.value;
        const v = constValue(o)! + delta;
        const type = a.kind === 'int' ? a.type : o.results[0]!.type;
        o.properties[k] = { name: 'value', value: intAttr(v, type) };
      }),
  };
}

/** Every use of the constant is an op on constants whose result does not change with the
 *  constant's change (`16 & 31` and `16 & 30`): the mutant computes the same values. */
function foldsSame(c: Operation, delta: bigint, ctx: SiteContext): boolean {
  const res = c.results[0]!;
  const users = ctx.facts.users.get(vkey(res)) ?? [];
  if (users.length === 0) return false;
  const w = intWidth(res.type)!;
  const old = BigInt.asUintN(w, constValue(c)!);
  const now = BigInt.asUintN(w, constValue(c)! + delta);
  for (const u of users) {
    if (u.operands.length !== 2 || u.results.length !== 1) return false;
    const k = u.operands.findIndex((v) => vkey(v) === vkey(res));
    // the other operand: a constant, or a value the range analysis pins to one number
    const ov = u.operands[1 - k]!;
    const block = ctx.facts.blockOf.get(u);
    const r = block ? ctx.facts.range(ov, block) : null;
    const other = constValue(ctx.facts.defs.get(vkey(ov))) ?? (r && r.lo === r.hi ? r.lo : null);
    if (other === null || vkey(u.operands[0]!) === vkey(u.operands[1]!)) return false;
    const o = BigInt.asUintN(w, other);
    const f = (x: bigint): bigint | null => {
      const [a, b] = k === 0 ? [x, o] : [o, x];
      switch (u.name.split('.')[1]) {
        case 'andi': case 'and': return a & b;
        case 'ori': case 'or': return a | b;
        case 'xori': case 'xor': return a ^ b;
        case 'addi': case 'add': return BigInt.asUintN(w, a + b);
        case 'subi': case 'sub': return BigInt.asUintN(w, a - b);
        case 'muli': case 'mul': return BigInt.asUintN(w, a * b);
        default: return null;
      }
    };
    const x = f(old);
    if (x === null || x !== f(now)) return false;
  }
  return true;
}

function truncNarrower(d: Dialect, n: Names): MutationOperator {
  return {
    name: `${d}-trunc-narrower`,
    family: 'width',
    dialect: d,
    description: `${n.trunc} to iW -> ${n.trunc} to i(W/2) then ${n.zext} to iW: the high half of the result is lost`,
    expect: 'killed',
    applies: (o, ctx) => {
      if (o.name !== n.trunc) return false;
      const w = intWidth(o.results[0]!.type) ?? 0;
      return w >= 2 && !constantFits(o.operands[0]!, ctx, Math.floor(w / 2) - 1) && !certainlyBelow(o.operands[0]!, ctx, Math.floor(w / 2));
    },
    mutate: (m, site) =>
      editAt(m, site, ({ op: o, block, index }, fn) => {
        const res = o.results[0]!;
        const half = intType(Math.floor(intWidth(res.type)! / 2));
        const narrow: Value = { name: freshNamer(fn)(), index: null, type: half };
        o.results = [narrow];
        insertBefore(block, index + 1, [op(n.zext, [narrow], [res])]);
      }),
  };
}

function extNarrower(d: Dialect, n: Names): MutationOperator {
  return {
    name: `${d}-ext-narrower`,
    family: 'width',
    dialect: d,
    description: `${n.sext}/${n.zext} from iW -> from i(W/2) (the operand truncated first): the wrong source width`,
    expect: 'killed',
    applies: (o, ctx) => {
      if (o.name !== n.sext && o.name !== n.zext) return false;
      const w = intWidth(o.operands[0]!.type) ?? 0;
      // a value that survives the truncation extends the same: below 2^(W/2) for a zero
      // extension, below 2^(W/2-1) for a sign extension
      const keep = o.name === n.zext ? Math.floor(w / 2) : Math.floor(w / 2) - 1;
      return w >= 2 && !constantFits(o.operands[0]!, ctx, keep) && !certainlyBelow(o.operands[0]!, ctx, keep);
    },
    mutate: (m, site) =>
      editAt(m, site, ({ op: o, block, index }, fn) => {
        const src = o.operands[0]!;
        const half = intType(Math.floor(intWidth(src.type)! / 2));
        const t: Value = { name: freshNamer(fn)(), index: null, type: half };
        insertBefore(block, index, [op(n.trunc, [src], [t])]);
        o.operands[0] = t;
      }),
  };
}

/** Integer ops whose one result a mutation may replace. */
function valueOps(n: Names): Set<string> {
  return new Set([n.add, n.sub, n.mul, n.sdiv, n.udiv, n.srem, n.urem, n.shl, n.ashr, n.lshr, n.and, n.or, n.xor, n.select, n.sext, n.zext, n.trunc]);
}

function replaceWithConstant(d: Dialect, n: Names): MutationOperator {
  const ops = valueOps(n);
  return {
    name: `${d}-replace-const`,
    family: 'constant',
    dialect: d,
    description: 'an integer op replaced by the constant 0 (a computed value replaced with a constant)',
    expect: 'killed',
    applies: (o) => ops.has(o.name) && o.results.length === 1 && isIntLike(o.results[0]!.type),
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }) => {
        const c = constOp(d, o.results[0]!.name, o.results[0]!.type, 0n);
        c.results = o.results;
        Object.assign(o, { name: c.name, operands: [], properties: c.properties, attributes: [] });
      }),
  };
}

function forwardOperand(d: Dialect, n: Names): MutationOperator {
  const ops = new Set([n.add, n.sub, n.mul, n.sdiv, n.udiv, n.srem, n.urem, n.shl, n.ashr, n.lshr, n.and, n.or, n.xor]);
  return {
    name: `${d}-forward-operand`,
    family: 'dropped-op',
    dialect: d,
    description: 'a binary op skipped: its uses read its first operand instead (x + y -> x)',
    expect: 'killed',
    applies: (o) => ops.has(o.name) && o.results.length === 1 && !sameValue(o.operands[0]!, o.results[0]!),
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }, fn) => {
        replaceUses(fn, o.results[0]!, o.operands[0]!);
      }),
  };
}

function addFlag(d: Dialect, n: Names, flag: 'nsw' | 'nuw'): MutationOperator {
  const ops = new Set([n.add, n.sub, n.mul, n.shl]);
  return {
    name: `${d}-add-${flag}`,
    family: 'overflow-flags',
    dialect: d,
    description: `${flag} added to an add/sub/mul/shl that had no flags, where it may wrap: the result becomes poison`,
    expect: 'killed',
    applies: (o, ctx) => ops.has(o.name) && overflowFlags(o) === '' && !cannotWrap(o, ctx, flag),
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }) => setProp(o, 'overflowFlags', { kind: 'opaque', text: `#${n.overflow}<${flag}>` })),
  };
}

function dropFlags(d: Dialect, n: Names): MutationOperator {
  const ops = new Set([n.add, n.sub, n.mul, n.shl]);
  return {
    name: `${d}-drop-overflow-flags`,
    family: 'overflow-flags',
    dialect: d,
    description: 'nsw/nuw removed from an op that had them',
    expect: 'equivalent',
    variant: 'overflow-flags',
    equivalentReason:
      'dropping nsw/nuw only removes poison: wherever the source is defined the target computes the same wrapped value (a refinement, the right direction)',
    applies: (o) => ops.has(o.name) && overflowFlags(o) !== '',
    mutate: (m, site) => editAt(m, site, ({ op: o }) => setProp(o, 'overflowFlags', { kind: 'opaque', text: `#${n.overflow}<none>` })),
  };
}

/** nsw <-> nuw on an op that had one of them (the flagged variant): a pass that keeps a
 *  flag but of the wrong kind makes the target poison where the source is defined
 *  (`x + -1` with nsw never wraps signed, with nuw it wraps for every x but 0). Not where
 *  the new flag provably cannot fire. */
function swapFlag(d: Dialect, n: Names): MutationOperator {
  const ops = new Set([n.add, n.sub, n.mul, n.shl]);
  const other = (f: string) => (f === 'nsw' ? 'nuw' : 'nsw');
  return {
    name: `${d}-swap-overflow-flag`,
    family: 'overflow-flags',
    dialect: d,
    description: 'nsw <-> nuw on an add/sub/mul/shl that had exactly one of them, where the new flag may fire',
    expect: 'killed',
    variant: 'overflow-flags',
    applies: (o, ctx) => {
      if (!ops.has(o.name)) return false;
      const f = overflowFlags(o);
      return (f === 'nsw' || f === 'nuw') && !cannotWrap(o, ctx, other(f) as 'nsw' | 'nuw');
    },
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }) => setProp(o, 'overflowFlags', { kind: 'opaque', text: `#${n.overflow}<${other(overflowFlags(o))}>` })),
  };
}
