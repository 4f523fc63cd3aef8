// Fresh symbolic values of a type: function arguments, variables havocked at a loop head,
// results of calls, values read from unknown memory. Each comes with the facts every real
// value of its type satisfies (an integer lies in its type's range, a span inside its
// block, a pointer within or one past its block, a union tag names a case, a string is
// shorter than 2^40 bytes), recorded as facts of the current path.
import type { Type } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { BOOL, bvSort, type Term } from '../../smt/term.ts';
import type { Width } from '../domain.ts';
import { fact, type Ctx, type State } from './context.ts';
import { I32, I64 } from './domain.ts';
import { BID, meta } from './memory.ts';
import { casePayloadTypes, intWidth, recordFields, type SV } from './values.ts';
import { unsupported } from './unsupported.ts';

/** Supplies the block (or arena/region id) of a fresh reference. */
export type RefSource = (kind: 'ptr' | 'span' | 'arena' | 'region', elem: Type | null, name: string) => Term;

export const MAX_STRING = 1n << 40n;

/** An int64 quantity (length, offset, size) as a math integer. */
export function m64(cx: Ctx, t: Term): Term {
  return cx.D.cast(t, I64, 'math');
}

export function mlit(cx: Ctx, n: bigint | number): Term {
  return cx.D.lit(BigInt(n), 'math');
}

export function mle(cx: Ctx, a: Term, b: Term): Term {
  return cx.D.le(a, b, 'math');
}

export function mlt(cx: Ctx, a: Term, b: Term): Term {
  return cx.D.lt(a, b, 'math');
}

export function madd(cx: Ctx, a: Term, b: Term): Term {
  return cx.D.add(a, b, 'math');
}

export function stringLengthOk(cx: Ctx, len: Term): Term {
  const l = m64(cx, len);
  return cx.F.and(mle(cx, mlit(cx, 0), l), mlt(cx, l, mlit(cx, MAX_STRING)));
}

/** 0 <= off, 0 <= len, off + len <= size of the block (exact, as math integers). */
export function spanInside(cx: Ctx, st: State, block: Term, off: Term, len: Term): Term {
  const o = m64(cx, off);
  const l = m64(cx, len);
  const size = m64(cx, meta(cx.F, st.mem, 'size', block));
  return cx.F.and(mle(cx, mlit(cx, 0), o), mle(cx, mlit(cx, 0), l), mle(cx, madd(cx, o, l), size));
}

/** 0 <= off <= size of the block. */
export function ptrInside(cx: Ctx, st: State, block: Term, off: Term): Term {
  const o = m64(cx, off);
  const size = m64(cx, meta(cx.F, st.mem, 'size', block));
  return cx.F.and(mle(cx, mlit(cx, 0), o), mle(cx, o, size));
}

/** A fresh integer of width `w` (in range). */
export function freshInt(cx: Ctx, st: State, w: Width, name: string): Term {
  const t = cx.F.fresh(name, cx.D.sort(w));
  fact(cx, st, cx.D.inRange(t, w));
  return t;
}

/** The facts every value of type `t` satisfies (for values read from unknown memory). */
export function wellFormed(cx: Ctx, v: SV, t: Type, out: Term[] = []): Term[] {
  const { D } = cx;
  switch (v.k) {
    case 'int':
      out.push(D.inRange(v.t, v.w));
      break;
    case 'str':
      out.push(stringLengthOk(cx, v.len));
      break;
    case 'agg': {
      const fs = recordFields(cx.prog.types, t);
      v.items.forEach((x, i) => wellFormed(cx, x, fs[i]!, out));
      break;
    }
    case 'case': {
      const cs = casePayloadTypes(cx.prog.types, t);
      out.push(D.le(D.lit(0n, I32), v.tag, I32), D.lt(v.tag, D.lit(BigInt(cs.length), I32), I32));
      v.cases.forEach((p, j) => p.forEach((x, i) => wellFormed(cx, x, cs[j]![i]!, out)));
      break;
    }
    default:
      break;
  }
  return out;
}

export function freshSV(cx: Ctx, st: State, t: Type, name: string, refs: RefSource): SV {
  const { F, D } = cx;
  switch (t.kind) {
    case 'int':
    case 'char': {
      const w = intWidth(t)!;
      return { k: 'int', w, t: freshInt(cx, st, w, name) };
    }
    case 'bool':
      return { k: 'bool', t: F.fresh(name, BOOL) };
    case 'float':
      return { k: 'float', bits: t.bits, t: F.fresh(name, bvSort(t.bits)) };
    case 'string': {
      const len = F.fresh(`${name}.len`, D.sort(I64));
      fact(cx, st, stringLengthOk(cx, len));
      return { k: 'str', len, lit: null };
    }
    case 'unit':
      return { k: 'unit' };
    case 'tuple':
    case 'record':
      return { k: 'agg', items: recordFields(cx.prog.types, t).map((x, i) => freshSV(cx, st, x, `${name}.${i}`, refs)) };
    case 'union': {
      const cases = casePayloadTypes(cx.prog.types, t);
      const tag = F.fresh(`${name}.tag`, D.sort(I32));
      fact(cx, st, F.and(D.le(D.lit(0n, I32), tag, I32), D.lt(tag, D.lit(BigInt(cases.length), I32), I32)));
      return { k: 'case', tag, cases: cases.map((p, j) => p.map((x, i) => freshSV(cx, st, x, `${name}.c${j}.${i}`, refs))) };
    }
    case 'ptr': {
      const block = refs('ptr', t.elem, name);
      const off = freshInt(cx, st, I64, `${name}.off`);
      fact(cx, st, ptrInside(cx, st, block, off));
      return { k: 'ptr', block, off };
    }
    case 'span': {
      const block = refs('span', t.elem, name);
      const off = freshInt(cx, st, I64, `${name}.off`);
      const len = freshInt(cx, st, I64, `${name}.len`);
      fact(cx, st, spanInside(cx, st, block, off, len));
      return { k: 'span', block, off, len };
    }
    case 'arena':
      return { k: 'arena', id: refs('arena', null, name) };
    case 'region':
      return { k: 'region', id: refs('region', null, name) };
    case 'fn':
    case 'var':
      return unsupported(`value of type ${showType(t)}`);
  }
}

/** A fresh block id with nothing known about it (a havocked reference). */
export function anyBlock(cx: Ctx): RefSource {
  return (_k, _e, name) => cx.F.fresh(`${name}.block`, BID);
}
