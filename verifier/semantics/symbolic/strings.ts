// The contents of Core's symbolic strings, and the runtime library as events — both for
// translation validation (verifier/tv/core/), which needs to relate a Core string to the
// bytes core-to-mlir keeps in memory. The safety VCs never look at contents.
//
// A string value (values.ts, `k: 'str'`) is its UTF-8 length `len` and its text when it is a
// literal; `bytes` (optional) says what its bytes are otherwise, as plain data:
// - `lit`: the UTF-8 bytes of a known text;
// - `mem`: the bytes `base, base+1, ...` of block `bid` in a byte memory `U` (the MLIR
//   semantics' address encoding: bid ++ offset). Unknown strings use fresh variables here,
//   which translation validation replaces by the target's terms (the block a runtime call
//   wrote, or the argument block a parameter points into) — a substitution, so both sides
//   read literally the same bytes;
// - `of`: the contents of an unknown string named by its length term (a parameter, a
//   callee's result, an element read from memory): the `mem` form over variables derived
//   from that term's id (`unknownContents`), made only when asked;
// - `cat`, `ite`: concatenation and a join of two paths.
// A string without `bytes` is its literal when it has one, else `of` its length.
//
// Runtime events (callMode 'uninterpreted', i.e. translation validation only): Console.*,
// Format.* (except Format.bool, which the code generator computes itself), a comparison of
// two strings and reading an element of a Span<string> (the command line) are recorded in
// the call list as callee `rt:<what>` (RT_EVENTS) with their operands; their results are
// fresh values whose variables the validation links to the target's runtime calls.
import { arraySort, BOOL, bvSort, type Term } from '../../smt/term.ts';
import type { TermFactory } from '../../smt/factory.ts';
import { copyMemory } from './memory.ts';
import { fact, type Ctx, type State } from './context.ts';
import { stringLengthOk } from './fresh.ts';
import { UNIT, type SV } from './values.ts';
import type { CExpr } from '../../../compiler/core/core.ts';

export type StrBytes =
  | { kind: 'lit'; text: string }
  | { kind: 'mem'; U: Term; bid: Term; base: Term }
  | { kind: 'of'; len: Term }
  | { kind: 'cat'; a: StrBytes; alen: Term; b: StrBytes }
  | { kind: 'ite'; c: Term; a: StrBytes; b: StrBytes };

export type StrV = SV & { k: 'str' };

/** Block ids and offsets of the byte memory (as verifier/semantics/mlir/values.ts). */
export const STR_BID_BITS = 32;
export const STR_OFF_BITS = 64;
export const STR_MEM_SORT = arraySort(bvSort(STR_BID_BITS + STR_OFF_BITS), bvSort(8));

const enc = new TextEncoder();

export function contentsOf(v: StrV): StrBytes {
  if (v.bytes) return v.bytes;
  if (v.lit !== null) return { kind: 'lit', text: v.lit };
  return { kind: 'of', len: v.len };
}

/** The variables that stand for the contents of the unknown string of length term `len`. */
export function unknownContents(F: TermFactory, len: Term): { U: Term; bid: Term; base: Term } {
  return {
    U: F.var(`str.${len.id}.U`, STR_MEM_SORT),
    bid: F.var(`str.${len.id}.bid`, bvSort(STR_BID_BITS)),
    base: F.var(`str.${len.id}.base`, bvSort(STR_OFF_BITS)),
  };
}

/** Fresh contents (a runtime call's result): the `mem` form over fresh variables. */
export function freshContents(F: TermFactory, hint: string): StrBytes & { kind: 'mem' } {
  return { kind: 'mem', U: F.fresh(`${hint}.U`, STR_MEM_SORT), bid: F.fresh(`${hint}.bid`, bvSort(STR_BID_BITS)), base: F.fresh(`${hint}.base`, bvSort(STR_OFF_BITS)) };
}

/** The byte array of a literal text (index: 64-bit offset), zero beyond its end. */
export function literalArray(F: TermFactory, bytes: Uint8Array): Term {
  let a = F.constArray(bvSort(STR_OFF_BITS), F.bv(0, 8));
  bytes.forEach((b, i) => {
    if (b !== 0) a = F.store(a, F.bv(i, STR_OFF_BITS), F.bv(b, 8));
  });
  return a;
}

/** Byte `i` (a 64-bit term) of a string's contents; meaningful for i < its length. */
export function byteAt(F: TermFactory, s: StrBytes, i: Term): Term {
  switch (s.kind) {
    case 'lit': {
      const bytes = enc.encode(s.text);
      if (i.kind === 'bv') return F.bv(i.value < BigInt(bytes.length) ? bytes[Number(i.value)]! : 0, 8);
      return F.select(literalArray(F, bytes), i);
    }
    case 'mem':
      return F.select(s.U, F.app('concat', [s.bid, F.app('bvadd', [s.base, i])]));
    case 'of': {
      const u = unknownContents(F, s.len);
      return byteAt(F, { kind: 'mem', ...u }, i);
    }
    case 'cat':
      return F.ite(F.app('bvult', [i, s.alen]), byteAt(F, s.a, i), byteAt(F, s.b, F.app('bvsub', [i, s.alen])));
    case 'ite':
      return F.ite(s.c, byteAt(F, s.a, i), byteAt(F, s.b, i));
  }
}

/** The unknown-length (`of`) terms a contents mentions: their variables may need linking. */
export function unknownsOf(s: StrBytes, out: Term[] = []): Term[] {
  switch (s.kind) {
    case 'of':
      out.push(s.len);
      break;
    case 'cat':
    case 'ite':
      unknownsOf(s.a, out);
      unknownsOf(s.b, out);
      break;
    default:
      break;
  }
  return out;
}

// ---------------------------------------------------------------- runtime events

/** The runtime events of Core (callee names in the call list). */
export const RT_EVENTS = ['rt:write', 'rt:writeln', 'rt:readln', 'rt:fmt_i64', 'rt:fmt_u64', 'rt:fmt_f64', 'rt:fmt_f32', 'rt:fmt_char', 'rt:compare', 'rt:arg'] as const;
export type RtEvent = (typeof RT_EVENTS)[number];

export function isRuntimeEvent(callee: string): callee is RtEvent {
  return (RT_EVENTS as readonly string[]).includes(callee);
}

/** Whether runtime calls are events of this run (translation validation). */
export function eventsOn(cx: Ctx): boolean {
  return cx.opts.callMode === 'uninterpreted' && cx.silent === 0 && cx.quants.length === 0;
}

/** Records a runtime event; Core's memory is unchanged by the runtime. */
export function recordEvent(cx: Ctx, st: State, callee: RtEvent, span: CallSpan, args: SV[], result: SV): SV {
  const mem = copyMemory(st.mem);
  cx.calls.push({ callee, span, args, pc: st.pc, memBefore: mem, result, memAfter: mem });
  return result;
}

type CallSpan = Ctx['calls'][number]['span'];

/** A string the runtime makes (Console.readln, Format.*): fresh length and contents. */
export function runtimeString(cx: Ctx, st: State, hint: string): StrV {
  const len = cx.F.fresh(`${hint}.len`, cx.D.sort({ bits: 64, signed: true }));
  fact(cx, st, stringLengthOk(cx, len));
  return { k: 'str', len, lit: null, bytes: freshContents(cx.F, hint) };
}

/** The result of a string comparison event: the runtime's sign word `r` (< 0, 0, > 0). */
export function compareResult(cx: Ctx, op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', r: Term): Term {
  const { F } = cx;
  const zero = F.bv(0, 64);
  switch (op) {
    case 'eq':
      return F.eq(r, zero);
    case 'ne':
      return F.not(F.eq(r, zero));
    case 'lt':
      return F.app('bvslt', [r, zero]);
    case 'le':
      return F.app('bvsle', [r, zero]);
    case 'gt':
      return F.app('bvsgt', [r, zero]);
    case 'ge':
      return F.app('bvsge', [r, zero]);
  }
}

/** Console.* and Format.* as events (Format.bool is computed, not a call). */
export function builtinEvent(cx: Ctx, st: State, e: CExpr & { kind: 'Builtin' }, vs: SV[]): SV {
  const { F } = cx;
  const a = vs[0];
  const t0 = e.args[0]?.ty;
  switch (e.name) {
    case 'Console.write':
    case 'Console.writeln':
      return recordEvent(cx, st, e.name === 'Console.write' ? 'rt:write' : 'rt:writeln', e.span, [a!], UNIT);
    case 'Console.readln':
      return recordEvent(cx, st, 'rt:readln', e.span, [], runtimeString(cx, st, 'rt.readln'));
    case 'Format.int':
    case 'Format.int64':
    case 'Format.uint64': {
      // the value's own signedness decides how it prints (as the code generator does)
      const signed = t0?.kind === 'int' ? t0.signed : true;
      return recordEvent(cx, st, signed ? 'rt:fmt_i64' : 'rt:fmt_u64', e.span, [a!], runtimeString(cx, st, 'rt.fmt'));
    }
    case 'Format.float':
      return recordEvent(cx, st, t0?.kind === 'float' && t0.bits === 32 ? 'rt:fmt_f32' : 'rt:fmt_f64', e.span, [a!], runtimeString(cx, st, 'rt.fmt'));
    case 'Format.char':
      return recordEvent(cx, st, 'rt:fmt_char', e.span, [a!], runtimeString(cx, st, 'rt.fmt'));
    case 'Format.bool': {
      const b = (a as SV & { k: 'bool' }).t;
      if (b.kind === 'bool') return { k: 'str', len: F.bv(b.value ? 4 : 5, 64), lit: b.value ? 'true' : 'false' };
      return { k: 'str', len: F.ite(b, F.bv(4, 64), F.bv(5, 64)), lit: null, bytes: { kind: 'ite', c: b, a: { kind: 'lit', text: 'true' }, b: { kind: 'lit', text: 'false' } } };
    }
    default: {
      const _never: never = e.name;
      return _never;
    }
  }
}

/** Reading element `i` (absolute index) of a Span<string> — the command line: the code
 *  generator asks the runtime for its length and bytes. `v` is Core's element (its length
 *  is the cell's); its contents are the runtime's. */
export function argEvent(cx: Ctx, st: State, span: CallSpan, i: Term, v: SV): SV {
  if (v.k !== 'str' || !eventsOn(cx)) return v;
  const r: StrV = { k: 'str', len: v.len, lit: null, bytes: freshContents(cx.F, 'rt.arg') };
  return recordEvent(cx, st, 'rt:arg', span, [{ k: 'int', w: { bits: 64, signed: true }, t: i }], r);
}
