// Prim, Convert and Builtin nodes: the numeric cases run ../ops.ts over the symbolic
// domains; structural equality of aggregates, strings by length (their text is known only
// for literals), the runtime library as fresh strings.
import type { CExpr } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { BOOL, type Term } from '../../smt/term.ts';
import type { Fault, Width } from '../domain.ts';
import { formatChar, formatFloat, utf8Length } from '../format.ts';
import { widthOf } from '../machine.ts';
import { convert, floatArith, floatCompare, intArith, intCompare, intShift, type CompareOp, type NumTy } from '../ops.ts';
import { fact, fault, type Ctx, type State } from './context.ts';
import { evalE, intOf } from './exec.ts';
import { stringLengthOk } from './fresh.ts';
import { floatOfBits, I32, I64 } from './domain.ts';
import { unsupported } from './unsupported.ts';
import { UNIT, type SV } from './values.ts';
import { builtinEvent, compareResult, contentsOf, eventsOn, recordEvent } from './strings.ts';

type PrimNode = CExpr & { kind: 'Prim' };

function isCompare(op: string): op is CompareOp {
  return op === 'eq' || op === 'ne' || op === 'lt' || op === 'le' || op === 'gt' || op === 'ge';
}

/** The faults of an operation: obligations of the node, or undefined behaviour when they trap. */
function decide(cx: Ctx, st: State, e: CExpr, faults: Fault<Term>[], assumed?: (f: Fault<Term>) => Term | undefined): void {
  for (const f of faults) {
    const hasOb = 'obs' in e && e.obs.some((o) => o.category === f.category);
    if (hasOb || f.traps) fault(cx, st, e, f.category, f.when, f.what, assumed?.(f));
  }
}

/** An integer operand at the operation's width. */
function operand(cx: Ctx, v: SV, w: Width): Term {
  if (v.k !== 'int') return intOf(v);
  return cx.D.cast(v.t, v.w, w);
}

/** The sum of two lengths (exact: strings are far shorter than 2^62 bytes). */
export function addLengths(cx: Ctx, a: Term, b: Term): Term {
  return cx.D.repr === 'int' ? cx.D.add(a, b, 'math') : cx.F.app('bvadd', [a, b]);
}

export function evalPrim(cx: Ctx, st: State, e: PrimNode): SV {
  const { F, D, Fl } = cx;
  const vs = e.args.map((a) => evalE(cx, st, a));
  const op = e.op;
  switch (op) {
    case 'not':
      return { k: 'bool', t: F.not((vs[0] as SV & { k: 'bool' }).t) };
    case 'strcat': {
      const a = vs[0] as SV & { k: 'str' };
      const b = vs[1] as SV & { k: 'str' };
      if (a.lit !== null && b.lit !== null) return { k: 'str', len: addLengths(cx, a.len, b.len), lit: a.lit + b.lit };
      return { k: 'str', len: addLengths(cx, a.len, b.len), lit: null, bytes: { kind: 'cat', a: contentsOf(a), alen: a.len, b: contentsOf(b) } };
    }
    case 'strlen': {
      const a = vs[0] as SV & { k: 'str' };
      const w = widthOf(e.ty) ?? I64;
      return { k: 'int', w, t: D.cast(a.len, I64, w) };
    }
    default:
      break;
  }
  const opTy: Type = e.args[0]?.ty ?? e.ty;
  const iw = widthOf(opTy);
  if (iw) {
    const w: Width = e.math ? 'math' : iw;
    if (op === 'shl' || op === 'shr') {
      const n = vs[1]!;
      if (n.k !== 'int') return unsupported(`shift by a ${n.k}`);
      return { k: 'int', w, t: intShift(D, op, w, iw.bits, operand(cx, vs[0]!, w), n.t, n.w) };
    }
    const args = vs.map((v) => operand(cx, v, w));
    if (isCompare(op)) return { k: 'bool', t: intCompare(D, op, w, args[0]!, args[1]!) };
    const out = intArith(D, op, w, args);
    // A product of two unknowns in the over-approximating Int representation: "may
    // overflow" is linear bounds on the factors, true also where the product fits. After the
    // check only what "does not overflow" implies may be assumed: the (over-approximated)
    // mathematical product is in range — not the negation of "may overflow", which cut off
    // executions that never overflow (a wrong `proved`: tests/.../mul-overflow-fact.test.ts).
    const approxMul = op === 'mul' && D.mulOverflowApprox && w !== 'math' && w.signed && D.litValue(args[0]!, w) === null && D.litValue(args[1]!, w) === null;
    const mathMul = approxMul ? intArith(D, op, 'math', args).value : null;
    decide(cx, st, e, out.faults, (f) => (mathMul && f.category === 'overflow' ? D.inRange(mathMul, w) : undefined));
    // Int representation: when every fault of a signed operation is an obligation of the
    // node, the run goes on only where none happened, and there the wrapped value IS the
    // exact one — which the solver handles without modular arithmetic.
    const checked = cx.silent === 0 && cx.quants.length === 0;
    if (checked && D.repr === 'int' && w !== 'math' && w.signed && out.faults.every((f) => 'obs' in e && e.obs.some((o) => o.category === f.category))) {
      return { k: 'int', w, t: mathMul ?? intArith(D, op, 'math', args).value };
    }
    return { k: 'int', w, t: out.value };
  }
  if (opTy.kind === 'float') {
    const fs = vs.map((v) => (v as SV & { k: 'float' }).t);
    if (isCompare(op)) return { k: 'bool', t: floatCompare(Fl, D, op, fs[0]!, fs[1]!) };
    if (op === 'add' || op === 'sub' || op === 'mul' || op === 'div' || op === 'rem' || op === 'neg') {
      return { k: 'float', bits: opTy.bits, t: floatArith(Fl, op, opTy.bits, fs) };
    }
    return unsupported(`${op} on float`);
  }
  // runtime events: the code generator compares strings by a runtime call
  if (isCompare(op) && opTy.kind === 'string' && eventsOn(cx)) {
    const r = cx.F.fresh('rt.compare', cx.D.sort(I64));
    recordEvent(cx, st, 'rt:compare', e.span, [vs[0]!, vs[1]!], { k: 'int', w: I64, t: r });
    return { k: 'bool', t: compareResult(cx, op, r) };
  }
  if (isCompare(op)) return { k: 'bool', t: compareGeneric(cx, op, vs[0]!, vs[1]!) };
  return unsupported(`${op} on ${opTy.kind}`);
}

function compareGeneric(cx: Ctx, op: CompareOp, a: SV, b: SV): Term {
  const { F } = cx;
  if (op === 'eq') return equalSV(cx, a, b);
  if (op === 'ne') return F.not(equalSV(cx, a, b));
  if (a.k === 'bool' && b.k === 'bool') {
    // false < true
    const lt = F.and(F.not(a.t), b.t);
    const eq = F.eq(a.t, b.t);
    switch (op) {
      case 'lt':
        return lt;
      case 'le':
        return F.or(lt, eq);
      case 'gt':
        return F.and(a.t, F.not(b.t));
      case 'ge':
        return F.not(lt);
    }
  }
  if (a.k === 'unit') return F.bool(op === 'le' || op === 'ge');
  // strings and aggregates: order not modelled
  return F.fresh('order', BOOL);
}

/** Structural `=` (../values.ts valueEquals) as a term. */
export function equalSV(cx: Ctx, a: SV, b: SV): Term {
  const { F } = cx;
  switch (a.k) {
    case 'int':
    case 'bool':
      return F.eq(a.t, (b as typeof a).t);
    case 'float':
      return cx.Fl.eq(a.t, (b as typeof a).t);
    case 'str': {
      const y = b as typeof a;
      if (a.lit !== null && y.lit !== null) return F.bool(a.lit === y.lit);
      return F.and(F.eq(a.len, y.len), F.fresh('streq', BOOL));
    }
    case 'unit':
      return F.true;
    case 'agg': {
      const y = b as typeof a;
      return F.and(...a.items.map((x, i) => equalSV(cx, x, y.items[i]!)));
    }
    case 'case': {
      const y = b as typeof a;
      const parts = a.cases.map((p, j) => F.implies(F.eq(a.tag, cx.D.lit(BigInt(j), I32)), F.and(...p.map((x, i) => equalSV(cx, x, y.cases[j]![i]!)))));
      return F.and(F.eq(a.tag, y.tag), ...parts);
    }
    case 'ptr': {
      const y = b as typeof a;
      return F.and(F.eq(a.block, y.block), F.eq(a.off, y.off));
    }
    case 'span': {
      const y = b as typeof a;
      return F.and(F.eq(a.block, y.block), F.eq(a.off, y.off), F.eq(a.len, y.len));
    }
    case 'arena':
    case 'region':
      return F.eq(a.id, (b as typeof a).id);
  }
}

function numTy(t: Type): NumTy | null {
  if (t.kind === 'float') return { kind: 'float', bits: t.bits };
  const w = widthOf(t);
  return w ? { kind: 'int', w } : null;
}

export function evalConvert(cx: Ctx, st: State, e: CExpr & { kind: 'Convert' }): SV {
  const v = evalE(cx, st, e.arg);
  const from = numTy(e.arg.ty);
  const to = numTy(e.ty);
  if (!from || !to) return unsupported(`conversion from ${e.arg.ty.kind} to ${e.ty.kind}`);
  let x: Term;
  let src = from;
  if (v.k === 'float') x = v.t;
  else {
    x = intOf(v);
    // the value's own width (a math operand in contracts converts from its exact value)
    if (v.k === 'int') src = { kind: 'int', w: v.w };
  }
  const out = convert(cx.D, cx.Fl, src, to, x);
  decide(cx, st, e, out.faults);
  return to.kind === 'float' ? { k: 'float', bits: to.bits, t: out.value } : { k: 'int', w: to.w, t: out.value };
}

function freshString(cx: Ctx, st: State, hint: string): SV {
  const len = cx.F.fresh(hint, cx.D.sort(I64));
  fact(cx, st, stringLengthOk(cx, len));
  return { k: 'str', len, lit: null };
}

function literalString(cx: Ctx, s: string): SV {
  return { k: 'str', len: cx.D.lit(BigInt(utf8Length(s)), I64), lit: s };
}

export function evalBuiltin(cx: Ctx, st: State, e: CExpr & { kind: 'Builtin' }): SV {
  const vs = e.args.map((a) => evalE(cx, st, a));
  if (eventsOn(cx)) return builtinEvent(cx, st, e, vs);
  const a = vs[0];
  const lit = a && (a.k === 'int' || a.k === 'float' || a.k === 'bool') && (a.t.kind === 'bv' || a.t.kind === 'int' || a.t.kind === 'bool') ? a.t : null;
  switch (e.name) {
    case 'Console.write':
    case 'Console.writeln':
      return UNIT;
    case 'Console.readln':
      return freshString(cx, st, 'stdin');
    case 'Format.int':
    case 'Format.int64':
    case 'Format.uint64': {
      const n = a?.k === 'int' && lit ? cx.D.litValue(lit, a.w) : null;
      if (n !== null) return literalString(cx, n.toString());
      return freshString(cx, st, 'fmt');
    }
    case 'Format.float': {
      const t = e.args[0]?.ty;
      const bits = t?.kind === 'float' ? t.bits : 64;
      return lit?.kind === 'bv' ? literalString(cx, formatFloat(floatOfBits(lit.value, bits), bits)) : freshString(cx, st, 'fmt');
    }
    case 'Format.bool':
      return lit?.kind === 'bool' ? literalString(cx, lit.value ? 'true' : 'false') : freshString(cx, st, 'fmt');
    case 'Format.char':
      const c = a?.k === 'int' && lit ? cx.D.litValue(lit, a.w) : null;
      return c !== null ? literalString(cx, formatChar(c)) : freshString(cx, st, 'fmt');
    default: {
      const _never: never = e.name;
      return _never;
    }
  }
}
