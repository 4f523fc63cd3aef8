// Clef's numeric operations as F* machine-integer operations. An operation that carries an
// `overflow` obligation uses F*'s own checked `add`/`sub`/`mul`/`div`/`rem`, whose
// precondition is exactly that obligation, so F* proves it too; the named assertion just
// before states the same condition in Clef's terms. Unsigned operations wrap (`add_mod`...);
// a signed operation without an obligation (`Wrapping.*`) wraps through the prelude's
// `add_wrap_i64`-style helpers. Shift counts are masked by the width, as in F#.
import type { CExpr, Obligation } from '../compiler/core/core.ts';
import type { Type } from '../compiler/types/types.ts';
import { NotModelled, type ProgCx } from './context.ts';
import { wrapName } from './prelude.ts';
import type { IntTy } from './types.ts';
import { intLit, intModule, intRange, intView, mathLit, paren, sizeProp, vOf } from './types.ts';

/** An obligation with the F* proposition that states it (null: not expressible). */
export type ObCheck = { ob: Obligation; prop: string | null; heap?: boolean };

export type OpResult = { checks: ObCheck[]; rhs: string };

function castName(t: IntTy): string {
  return `${t.signed ? '' : 'u'}int${t.bits}`;
}

/** `Cast.int64_to_uint32 x` (identity between equal types). */
export function castInt(from: IntTy, to: IntTy, x: string): string {
  if (from.bits === to.bits && from.signed === to.signed) return x;
  return `Cast.${castName(from)}_to_${castName(to)} ${paren(x)}`;
}

function floatTy(t: Type): 'f64' | 'f32' | null {
  return t.kind === 'float' ? (t.bits === 64 ? 'f64' : 'f32') : null;
}

function floatTypeName(f: 'f64' | 'f32'): string {
  return f === 'f64' ? 'float64' : 'float32';
}

/** Registers an assumed float operation and returns its name. */
export function floatOp(cx: ProgCx, name: string, sig: string): string {
  cx.floats.set(name, { name, sig });
  return name;
}

const CMP_FN: Record<string, string> = { eq: 'eq', lt: 'lt', le: 'lte', gt: 'gt', ge: 'gte' };

function checksFor(obs: Obligation[], byCategory: Partial<Record<string, string>>): ObCheck[] {
  return obs.map((ob) => ({ ob, prop: byCategory[ob.category] ?? null }));
}

/** A Prim over atoms `a` (already evaluated, in order). */
export function primOp(cx: ProgCx, e: CExpr & { kind: 'Prim' }, a: string[]): OpResult {
  const t0 = e.args[0]!.ty;
  const iv = intView(t0);
  const fl = floatTy(t0);
  const [x, y] = a as [string, string];
  switch (e.op) {
    case 'add':
    case 'sub':
    case 'mul': {
      const sym = e.op === 'add' ? '+' : e.op === 'sub' ? '-' : '*';
      if (fl) return { checks: [], rhs: `${floatOp(cx, `${fl}_${e.op}`, `${floatTypeName(fl)} -> ${floatTypeName(fl)} -> Tot ${floatTypeName(fl)}`)} ${paren(x)} ${paren(y)}` };
      if (!iv) throw new NotModelled(`${e.op} on ${t0.kind}`);
      const M = intModule(iv);
      if (!iv.signed) return { checks: [], rhs: `${M}.${e.op}_mod ${paren(x)} ${paren(y)}` };
      const overflow = e.obs.some((o) => o.category === 'overflow');
      if (overflow) {
        const exact = `${vOf(iv, paren(x))} ${sym} ${vOf(iv, paren(y))}`;
        return { checks: checksFor(e.obs, { overflow: sizeProp(iv, exact) }), rhs: `${M}.${e.op} ${paren(x)} ${paren(y)}` };
      }
      const w = wrapName(e.op, iv);
      cx.pieces.add(w.piece);
      return { checks: checksFor(e.obs, {}), rhs: `${w.fn} ${paren(x)} ${paren(y)}` };
    }
    case 'neg': {
      if (fl) return { checks: [], rhs: `${floatOp(cx, `${fl}_neg`, `${floatTypeName(fl)} -> Tot ${floatTypeName(fl)}`)} ${paren(x)}` };
      if (!iv) throw new NotModelled(`negation of ${t0.kind}`);
      const M = intModule(iv);
      if (!iv.signed) return { checks: [], rhs: `${M}.sub_mod ${intLit(iv, 0n)} ${paren(x)}` };
      if (e.obs.some((o) => o.category === 'overflow'))
        return { checks: checksFor(e.obs, { overflow: sizeProp(iv, `0 - ${vOf(iv, paren(x))}`) }), rhs: `${M}.sub ${intLit(iv, 0n)} ${paren(x)}` };
      const w = wrapName('neg', iv);
      cx.pieces.add(w.piece);
      return { checks: [], rhs: `${w.fn} ${paren(x)}` };
    }
    case 'div':
    case 'rem': {
      if (fl) return { checks: [], rhs: `${floatOp(cx, `${fl}_${e.op}`, `${floatTypeName(fl)} -> ${floatTypeName(fl)} -> Tot ${floatTypeName(fl)}`)} ${paren(x)} ${paren(y)}` };
      if (!iv) throw new NotModelled(`${e.op} on ${t0.kind}`);
      const M = intModule(iv);
      const nonZero = `${vOf(iv, paren(y))} <> 0`;
      const notMinByMinusOne = `~(${vOf(iv, paren(x))} = ${mathLit(intRange(iv).min)} /\\ ${vOf(iv, paren(y))} = (-1))`;
      return {
        checks: checksFor(e.obs, { 'div-by-zero': nonZero, overflow: iv.signed ? notMinByMinusOne : 'True' }),
        rhs: `${M}.${e.op} ${paren(x)} ${paren(y)}`,
      };
    }
    case 'band':
    case 'bor':
    case 'bxor': {
      if (!iv) throw new NotModelled(`${e.op} on ${t0.kind}`);
      const fn = { band: 'logand', bor: 'logor', bxor: 'logxor' }[e.op];
      return { checks: [], rhs: `${intModule(iv)}.${fn} ${paren(x)} ${paren(y)}` };
    }
    case 'bnot':
      if (!iv) throw new NotModelled(`bnot on ${t0.kind}`);
      return { checks: [], rhs: `${intModule(iv)}.lognot ${paren(x)}` };
    case 'shl':
    case 'shr': {
      if (!iv) throw new NotModelled(`${e.op} on ${t0.kind}`);
      const cv = intView(e.args[1]!.ty);
      if (!cv) throw new NotModelled('a shift count that is not an integer');
      const u32: IntTy = { bits: 32, signed: false };
      const count = `(U32.rem ${paren(castInt(cv, u32, y))} ${iv.bits}ul)`;
      const M = intModule(iv);
      if (!iv.signed) return { checks: [], rhs: `${M}.shift_${e.op === 'shl' ? 'left' : 'right'} ${paren(x)} ${count}` };
      if (e.op === 'shr') return { checks: [], rhs: `${M}.shift_arithmetic_right ${paren(x)} ${count}` };
      const ut: IntTy = { bits: iv.bits, signed: false };
      return { checks: [], rhs: castInt(ut, iv, `${intModule(ut)}.shift_left ${paren(castInt(iv, ut, x))} ${count}`) };
    }
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const negate = e.op === 'ne';
      const op = negate ? 'eq' : e.op;
      let rhs: string;
      if (iv) rhs = `${intModule(iv)}.${CMP_FN[op]} ${paren(x)} ${paren(y)}`;
      else if (fl) rhs = `${floatOp(cx, `${fl}_${op}`, `${floatTypeName(fl)} -> ${floatTypeName(fl)} -> Tot bool`)} ${paren(x)} ${paren(y)}`;
      else if (op === 'eq') return { checks: [], rhs: `(${x} ${negate ? '<>' : '='} ${y})` };
      else throw new NotModelled(`${e.op} on ${t0.kind}`);
      return { checks: [], rhs: negate ? `not (${rhs})` : rhs };
    }
    case 'not':
      return { checks: [], rhs: `not ${paren(x)}` };
    case 'strcat':
      return { checks: [], rhs: `${paren(x)} ^ ${paren(y)}` };
    case 'strlen':
      cx.pieces.add('format');
      return { checks: [], rhs: `string_length ${paren(x)}` };
  }
}

/** `int8 x`, `float x`, `char x`... over an atom. */
export function convertOp(cx: ProgCx, e: CExpr & { kind: 'Convert' }, x: string): OpResult {
  const from = e.arg.ty;
  const to = e.ty;
  const fi = intView(from);
  const ti = intView(to);
  const ff = floatTy(from);
  const tf = floatTy(to);
  if (fi && ti) return { checks: checksFor(e.obs, {}), rhs: castInt(fi, ti, x) };
  if (fi && tf) {
    const fn = floatOp(cx, `${tf}_of_int`, `int -> Tot ${floatTypeName(tf)}`);
    return { checks: [], rhs: `${fn} (${vOf(fi, paren(x))})` };
  }
  if (ff && tf) {
    if (ff === tf) return { checks: [], rhs: x };
    const fn = floatOp(cx, `${ff}_to_${tf}`, `${floatTypeName(ff)} -> Tot ${floatTypeName(tf)}`);
    return { checks: [], rhs: `${fn} ${paren(x)}` };
  }
  if (ff && ti) {
    const F = floatTypeName(ff);
    const isNan = floatOp(cx, `${ff}_is_nan`, `${F} -> Tot bool`);
    const trunc = floatOp(cx, `${ff}_trunc`, `${F} -> Tot int`);
    const M = intModule(ti);
    const fits = `~(${isNan} x) /\\ ${sizeProp(ti, `${trunc} x`)}`;
    const fn = floatOp(cx, `${ff}_to_${M.toLowerCase()}`, `x: ${F} -> Pure ${M}.t (requires (${fits})) (ensures (fun r -> ${M}.v r == ${trunc} x))`);
    const inRange = `~(${isNan} ${paren(x)}) /\\ ${sizeProp(ti, `${trunc} ${paren(x)}`)}`;
    return { checks: checksFor(e.obs, { overflow: inRange }), rhs: `${fn} ${paren(x)}` };
  }
  throw new NotModelled(`a conversion from ${from.kind} to ${to.kind}`);
}

/** An F* literal of a Core constant. */
export function constText(cx: ProgCx, t: Type, value: bigint | number | boolean | string | null): string {
  if (value === null) return '()';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return stringLit(value);
  if (typeof value === 'bigint') {
    const iv = intView(t);
    if (iv) return intLit(iv, value);
    throw new NotModelled(`an integer constant of type ${t.kind}`);
  }
  const f = floatTy(t) ?? 'f64';
  if (f === 'f64') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    const fn = floatOp(cx, 'f64_of_bits', 'U64.t -> Tot float64');
    return `(${fn} 0x${view.getBigUint64(0).toString(16).toUpperCase()}UL)`;
  }
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  const fn = floatOp(cx, 'f32_of_bits', 'U32.t -> Tot float32');
  return `(${fn} 0x${view.getUint32(0).toString(16).toUpperCase()}ul)`;
}

/** An F* string literal: printable ASCII as is, the usual escapes, other control
 *  characters as `\u00XX`, and every other character as its UTF-8 bytes (F* source is UTF-8). */
export function stringLit(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}
