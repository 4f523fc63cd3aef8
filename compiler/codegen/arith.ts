// Numeric primitives and conversions (Core `Prim`, `Convert`) as `arith` ops, with
// CLEF.md's native semantics: `+ - *` and unary `-` wrap (plain ops, no nsw/nuw flags);
// `/` and `%` truncate (divsi/divui, remsi/remui); shift counts are masked by the width
// (F#: `1 <<< 65` on int is 2) after being brought to the operand's width; signedness
// picks the op. Obligations generate no code, with one exception: a zero divisor and
// signed MinValue / -1 stop the program with the interpreter's message and exit code 70
// (x86 would raise SIGFPE; this way both agree exactly), unless the divisor is a constant
// that cannot cause either.
import type { CExpr } from '../core/core.ts';
import { showType } from '../types/types.ts';
import type { Type } from '../types/types.ts';
import { constBool, constInt, intInfo, internal, op, type FnState, type V, type Vals } from './emitter.ts';
import { components, unsupported } from './lower-types.ts';
import { compareStrings, concat, stringLength, trapIf } from './strings.ts';

type PrimNode = CExpr & { kind: 'Prim' };
type ConvertNode = CExpr & { kind: 'Convert' };
type Cmp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

function one(vs: Vals, e: CExpr): V {
  const v = vs[0];
  if (vs.length !== 1 || !v) throw internal(e.span, `expected one value for ${e.kind}, got ${vs.length}`);
  return v;
}

export function genPrim(f: FnState, e: PrimNode): Vals {
  if (e.math) return unsupported(e.span, 'a contract expression (mathematical integers) in a function body');
  const args = e.args.map((a) => f.gen(f, a));
  const t = e.args[0]?.ty ?? e.ty;
  const a = (i: number): V => one(args[i]!, e.args[i]!);
  switch (e.op) {
    case 'strcat':
      return [concat(f, a(0), a(1))];
    case 'strlen': {
      const n = stringLength(f, a(0));
      return [indexToInt(f, n, e.ty)];
    }
    case 'not':
      return [op(f, 'i1', `arith.xori ${a(0).ssa}, ${constBool(f, true).ssa} : i1`)];
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return [compareValues(f, e.op, t, args[0]!, args[1]!, e)];
    default:
      break;
  }
  const ii = intInfo(t);
  if (ii && t.kind !== 'bool') return [intArith(f, e, ii, a)];
  if (t.kind === 'float') return [floatArith(f, e, `f${t.bits}`, a)];
  return unsupported(e.span, `the operation ${e.op} on ${showType(t)}`);
}

function intArith(f: FnState, e: PrimNode, ii: { bits: number; signed: boolean }, a: (i: number) => V): V {
  const ty = `i${ii.bits}`;
  const bin = (name: string) => op(f, ty, `arith.${name} ${a(0).ssa}, ${a(1).ssa} : ${ty}`);
  switch (e.op) {
    case 'add':
      return bin('addi');
    case 'sub':
      return bin('subi');
    case 'mul':
      return bin('muli');
    case 'band':
      return bin('andi');
    case 'bor':
      return bin('ori');
    case 'bxor':
      return bin('xori');
    case 'neg':
      return op(f, ty, `arith.subi ${constInt(f, 0, ty).ssa}, ${a(0).ssa} : ${ty}`);
    case 'bnot':
      return op(f, ty, `arith.xori ${a(0).ssa}, ${constInt(f, -1, ty).ssa} : ${ty}`);
    case 'div':
    case 'rem': {
      guardDivision(f, e, ii, a(0), a(1));
      const name = (e.op === 'div' ? 'div' : 'rem') + (ii.signed ? 'si' : 'ui');
      return bin(name);
    }
    case 'shl':
    case 'shr': {
      const count = maskedCount(f, a(1), intInfo(e.args[1]!.ty) ?? ii, ii.bits);
      const name = e.op === 'shl' ? 'shli' : ii.signed ? 'shrsi' : 'shrui';
      return op(f, ty, `arith.${name} ${a(0).ssa}, ${count.ssa} : ${ty}`);
    }
    default:
      return unsupported(e.span, `the operation ${e.op} on integers`);
  }
}

/** The shift count at the operand's width, masked by width - 1 (only its low bits
 *  matter, so extending or truncating it first changes nothing). */
function maskedCount(f: FnState, n: V, from: { bits: number }, bits: number): V {
  const ty = `i${bits}`;
  let c = n;
  if (from.bits < bits) c = op(f, ty, `arith.extui ${n.ssa} : ${n.ty} to ${ty}`);
  else if (from.bits > bits) c = op(f, ty, `arith.trunci ${n.ssa} : ${n.ty} to ${ty}`);
  return op(f, ty, `arith.andi ${c.ssa}, ${constInt(f, bits - 1, ty).ssa} : ${ty}`);
}

function constOf(e: CExpr): bigint | null {
  return e.kind === 'Const' && typeof e.value === 'bigint' ? e.value : null;
}

function guardDivision(f: FnState, e: PrimNode, ii: { bits: number; signed: boolean }, x: V, y: V): void {
  const ty = `i${ii.bits}`;
  const sym = e.op === 'div' ? '/' : '%';
  const spanOf = (cat: string) => e.obs.find((o) => o.category === cat)?.span ?? e.span;
  const k = constOf(e.args[1]!);
  const norm = (v: bigint) => (ii.signed ? BigInt.asIntN(ii.bits, v) : BigInt.asUintN(ii.bits, v));
  if (k === null || norm(k) === 0n) {
    const z = op(f, 'i1', `arith.cmpi eq, ${y.ssa}, ${constInt(f, 0, ty).ssa} : ${ty}`);
    trapIf(f, z, 'div-by-zero', spanOf('div-by-zero'), `division by zero in ${sym}`);
  }
  if (ii.signed && (k === null || norm(k) === -1n)) {
    const min = op(f, 'i1', `arith.cmpi eq, ${x.ssa}, ${constInt(f, -(1n << BigInt(ii.bits - 1)), ty).ssa} : ${ty}`);
    const m1 = op(f, 'i1', `arith.cmpi eq, ${y.ssa}, ${constInt(f, -1, ty).ssa} : ${ty}`);
    const both = op(f, 'i1', `arith.andi ${min.ssa}, ${m1.ssa} : i1`);
    trapIf(f, both, 'overflow', spanOf('overflow'), `MinValue ${sym} -1 overflows`);
  }
}

function floatArith(f: FnState, e: PrimNode, ty: string, a: (i: number) => V): V {
  const bin = (name: string) => op(f, ty, `arith.${name} ${a(0).ssa}, ${a(1).ssa} : ${ty}`);
  switch (e.op) {
    case 'add':
      return bin('addf');
    case 'sub':
      return bin('subf');
    case 'mul':
      return bin('mulf');
    case 'div':
      return bin('divf');
    case 'rem':
      return bin('remf');
    case 'neg':
      return op(f, ty, `arith.negf ${a(0).ssa} : ${ty}`);
    default:
      return unsupported(e.span, `the operation ${e.op} on floats`);
  }
}

const INT_PRED: Record<Cmp, [string, string]> = {
  eq: ['eq', 'eq'],
  ne: ['ne', 'ne'],
  lt: ['slt', 'ult'],
  le: ['sle', 'ule'],
  gt: ['sgt', 'ugt'],
  ge: ['sge', 'uge'],
};
// Ordered predicates (false on NaN), except `<>`, which is true on NaN.
const FLOAT_PRED: Record<Cmp, string> = { eq: 'oeq', ne: 'une', lt: 'olt', le: 'ole', gt: 'ogt', ge: 'oge' };

/** A comparison of two scalar components of Clef leaf type `t`. */
function compareLeaf(f: FnState, cmp: Cmp, t: Type, x: V, y: V, e: CExpr): V {
  const ii = intInfo(t);
  if (ii) {
    const pred = INT_PRED[cmp][ii.signed ? 0 : 1];
    return op(f, 'i1', `arith.cmpi ${pred}, ${x.ssa}, ${y.ssa} : ${x.ty}`);
  }
  if (t.kind === 'float') return op(f, 'i1', `arith.cmpf ${FLOAT_PRED[cmp]}, ${x.ssa}, ${y.ssa} : ${x.ty}`);
  if (t.kind === 'string') {
    const c = compareStrings(f, x, y);
    return op(f, 'i1', `arith.cmpi ${INT_PRED[cmp][0]}, ${c.ssa}, ${constInt(f, 0, 'i64').ssa} : i64`);
  }
  return unsupported(e.span, `comparing values of type ${showType(t)}`);
}

/** `= <> < <= > >=` on any comparable type. Aggregates compare structurally, as the
 *  interpreter does: `=` when every component is equal (the components of inactive union
 *  cases are zero on both sides, so they agree), orderings lexicographically by component
 *  (a union's tag comes first). A NaN component makes every ordering false. */
function compareValues(f: FnState, cmp: Cmp, t: Type, xs: Vals, ys: Vals, e: CExpr): V {
  const leaves = components(f.mod.types, t, e.span).map((c) => c.leaf);
  if (leaves.length === 0) return constBool(f, cmp === 'eq' || cmp === 'le' || cmp === 'ge');
  if (leaves.length === 1) return compareLeaf(f, cmp, leaves[0]!, xs[0]!, ys[0]!, e);
  const and = (p: V, q: V) => op(f, 'i1', `arith.andi ${p.ssa}, ${q.ssa} : i1`);
  const or = (p: V, q: V) => op(f, 'i1', `arith.ori ${p.ssa}, ${q.ssa} : i1`);
  const eqs = leaves.map((l, i) => compareLeaf(f, 'eq', l, xs[i]!, ys[i]!, e));
  const allEq = eqs.reduce((p, q) => and(p, q));
  if (cmp === 'eq') return allEq;
  if (cmp === 'ne') return op(f, 'i1', `arith.xori ${allEq.ssa}, ${constBool(f, true).ssa} : i1`);
  // strict = s0 || (eq0 && (s1 || (eq1 && ... s_{n-1})))
  const strictCmp: Cmp = cmp === 'lt' || cmp === 'le' ? 'lt' : 'gt';
  const stricts = leaves.map((l, i) => compareLeaf(f, strictCmp, l, xs[i]!, ys[i]!, e));
  let acc = stricts[stricts.length - 1]!;
  for (let i = stricts.length - 2; i >= 0; i--) acc = or(stricts[i]!, and(eqs[i]!, acc));
  return cmp === 'lt' || cmp === 'gt' ? acc : or(acc, allEq);
}

/** An index (a length) as a value of integer type `t`. */
export function indexToInt(f: FnState, n: V, t: Type): V {
  const bits = intInfo(t)?.bits ?? 64;
  return op(f, `i${bits}`, `arith.index_cast ${n.ssa} : index to i${bits}`);
}

/** An integer value of Clef type `t` as an index (sign- or zero-extended by `t`). */
export function intToIndex(f: FnState, v: V, t: Type): V {
  const ii = intInfo(t);
  return op(f, 'index', `arith.${ii && !ii.signed ? 'index_castui' : 'index_cast'} ${v.ssa} : ${v.ty} to index`);
}

/** An integer value of Clef type `t` as i64. */
export function intToI64(f: FnState, v: V, t: Type): V {
  const ii = intInfo(t);
  if (!ii || ii.bits === 64) return v;
  return op(f, 'i64', `arith.${ii.signed ? 'extsi' : 'extui'} ${v.ssa} : ${v.ty} to i64`);
}

export function genConvert(f: FnState, e: ConvertNode): Vals {
  const x = one(f.gen(f, e.arg), e.arg);
  return [convertValue(f, x, e.arg.ty, e.ty, e)];
}

export function convertValue(f: FnState, x: V, from: Type, to: Type, e: CExpr): V {
  const fi = intInfo(from);
  const ti = intInfo(to);
  if (fi && ti) {
    const ty = `i${ti.bits}`;
    if (fi.bits === ti.bits) return x;
    if (fi.bits > ti.bits) return op(f, ty, `arith.trunci ${x.ssa} : ${x.ty} to ${ty}`);
    return op(f, ty, `arith.${fi.signed ? 'extsi' : 'extui'} ${x.ssa} : ${x.ty} to ${ty}`);
  }
  if (fi && to.kind === 'float') return op(f, `f${to.bits}`, `arith.${fi.signed ? 'sitofp' : 'uitofp'} ${x.ssa} : ${x.ty} to f${to.bits}`);
  if (from.kind === 'float' && ti) {
    const ty = `i${ti.bits}`;
    return op(f, ty, `arith.${ti.signed ? 'fptosi' : 'fptoui'} ${x.ssa} : ${x.ty} to ${ty}`);
  }
  if (from.kind === 'float' && to.kind === 'float') {
    if (from.bits === to.bits) return x;
    return op(f, `f${to.bits}`, `arith.${from.bits < to.bits ? 'extf' : 'truncf'} ${x.ssa} : ${x.ty} to f${to.bits}`);
  }
  return unsupported(e.span, `the conversion from ${showType(from)} to ${showType(to)}`);
}
