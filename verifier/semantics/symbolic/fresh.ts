// Fresh symbolic values of a type: function arguments, variables havocked at a loop head,
// results of calls. Each comes with the facts every real value of its type satisfies (a span
// lies inside its block, a pointer within or one past its block, a union tag names a case, a
// string is shorter than 2^40 bytes), recorded as facts of the current path.
import type { Type } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { BOOL, bvSort, type Term } from '../../smt/term.ts';
import { fact, type Ctx, type State } from './context.ts';
import { resize } from './domain.ts';
import { BID, meta } from './memory.ts';
import { casePayloadTypes, recordFields, type SV } from './values.ts';
import { unsupported } from './unsupported.ts';

/** Supplies the block (or arena/region id) of a fresh reference. */
export type RefSource = (kind: 'ptr' | 'span' | 'arena' | 'region', elem: Type | null, name: string) => Term;

export const MAX_STRING = 1n << 40n;

/** A value as a math integer (M-bit), from a bit-vector of width `bits` read signed or not. */
export function toMath(cx: Ctx, t: Term, signed: boolean): Term {
  return resize(cx.F, t, cx.D.mathBits, signed);
}

/** 0 <= off, 0 <= len, off + len <= size of the block (all exact, in math width). */
export function spanInside(cx: Ctx, st: State, block: Term, off: Term, len: Term): Term {
  const { F } = cx;
  const M = cx.D.mathBits;
  const z = F.bv(0, M);
  const o = toMath(cx, off, true);
  const l = toMath(cx, len, true);
  const size = toMath(cx, meta(F, st.mem, 'size', block), true);
  return F.and(F.app('bvsle', [z, o]), F.app('bvsle', [z, l]), F.app('bvsle', [F.app('bvadd', [o, l]), size]));
}

/** 0 <= off <= size of the block. */
export function ptrInside(cx: Ctx, st: State, block: Term, off: Term): Term {
  const { F } = cx;
  const M = cx.D.mathBits;
  const o = toMath(cx, off, true);
  const size = toMath(cx, meta(F, st.mem, 'size', block), true);
  return F.and(F.app('bvsle', [F.bv(0, M), o]), F.app('bvsle', [o, size]));
}

export function freshSV(cx: Ctx, st: State, t: Type, name: string, refs: RefSource): SV {
  const { F } = cx;
  const v = (suffix: string, bits: number) => F.fresh(`${name}${suffix}`, bvSort(bits));
  switch (t.kind) {
    case 'int':
      return { k: 'int', t: v('', t.bits) };
    case 'char':
      return { k: 'int', t: v('', 32) };
    case 'bool':
      return { k: 'bool', t: F.fresh(name, BOOL) };
    case 'float':
      return { k: 'float', bits: t.bits, t: v('', t.bits) };
    case 'string': {
      const len = v('.len', 64);
      fact(cx, st, F.app('bvult', [len, F.bv(MAX_STRING, 64)]));
      return { k: 'str', len, lit: null };
    }
    case 'unit':
      return { k: 'unit' };
    case 'tuple':
    case 'record':
      return { k: 'agg', items: recordFields(cx.prog.types, t).map((x, i) => freshSV(cx, st, x, `${name}.${i}`, refs)) };
    case 'union': {
      const cases = casePayloadTypes(cx.prog.types, t);
      const tag = v('.tag', 32);
      fact(cx, st, F.app('bvult', [tag, F.bv(cases.length, 32)]));
      return { k: 'case', tag, cases: cases.map((p, j) => p.map((x, i) => freshSV(cx, st, x, `${name}.c${j}.${i}`, refs))) };
    }
    case 'ptr': {
      const block = refs('ptr', t.elem, name);
      const off = v('.off', 64);
      fact(cx, st, ptrInside(cx, st, block, off));
      return { k: 'ptr', block, off };
    }
    case 'span': {
      const block = refs('span', t.elem, name);
      const off = v('.off', 64);
      const len = v('.len', 64);
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
