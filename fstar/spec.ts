// Contract expressions (requires, ensures, invariants, decreases, Contract.assert/assume)
// as F* specification terms. Clef contracts are over mathematical integers: a machine
// integer `x` appears as `I64.v x`, arithmetic is F*'s `int` arithmetic, `/` and `%`
// truncate (`clef_div`/`clef_rem`). Memory is read from an explicit heap (`B.get h s.ptr i`),
// so the index of such a read is a well-formedness condition of the formula: the F* twin of
// the contract's own `bounds` obligation.
//
// The same translation serves a loop test in a `requires`, in `runtime` mode: there a
// wrapping operation, a division or a memory read is not modelled (its mathematical value
// could differ), and the caller falls back to a weaker clause.
import type { CExpr } from '../compiler/core/core.ts';
import type { Type } from '../compiler/types/types.ts';
import { substParams } from '../compiler/types/types.ts';
import { NotModelled, type ProgCx } from './context.ts';
import { claim, type NameSpace } from './names.ts';
import { fstarType, intModule, intRange, intView, mathLit, paren, vOf } from './types.ts';
import { constText, floatOp } from './ops.ts';

export type SpecVar = { text: string; ty: Type; math: boolean };

export type SpecEnv = {
  cx: ProgCx;
  vars: Map<string, SpecVar>;
  /** The heap the formula reads, or null where there is none (pure code). */
  heap: string | null;
  ns: NameSpace;
  runtime: boolean;
};

/** A translated term: a mathematical integer, a machine value of type `ty` (an int, a bool
 *  value, a span...), a boolean, or a proposition. */
type Term = { kind: 'int'; text: string } | { kind: 'mach'; text: string; ty: Type } | { kind: 'bool'; text: string } | { kind: 'prop'; text: string };

export function specProp(env: SpecEnv, e: CExpr): string {
  return toProp(tr(env, e));
}

export function specInt(env: SpecEnv, e: CExpr): string {
  return toInt(tr(env, e));
}

/** A boolean-valued term when the expression has one (no quantifier), else null. */
export function specBool(env: SpecEnv, e: CExpr): string | null {
  const t = tr(env, e);
  return t.kind === 'bool' ? t.text : t.kind === 'mach' && t.ty.kind === 'bool' ? t.text : null;
}

function toInt(t: Term): string {
  if (t.kind === 'int') return t.text;
  if (t.kind === 'mach') {
    const iv = intView(t.ty);
    if (iv) return vOf(iv, paren(t.text));
  }
  throw new NotModelled(`a ${t.kind} used as an integer`);
}

function toProp(t: Term): string {
  if (t.kind === 'prop') return t.text;
  // F* coerces a boolean to a proposition (b2t) wherever one is expected.
  if (t.kind === 'bool' || (t.kind === 'mach' && t.ty.kind === 'bool')) return t.text;
  throw new NotModelled(`a ${t.kind} used as a condition`);
}

function toBool(t: Term): string | null {
  if (t.kind === 'bool') return t.text;
  if (t.kind === 'mach' && t.ty.kind === 'bool') return t.text;
  return null;
}

function isBoolTerm(t: Term): boolean {
  return toBool(t) !== null;
}

function isIntTy(t: Type): boolean {
  return intView(t) !== null;
}

const CMP: Record<string, string> = { lt: '<', le: '<=', gt: '>', ge: '>=' };

function tr(env: SpecEnv, e: CExpr): Term {
  const { cx } = env;
  switch (e.kind) {
    case 'Const': {
      if (typeof e.value === 'bigint' && isIntTy(e.ty)) return { kind: 'int', text: mathLit(e.value) };
      if (typeof e.value === 'boolean') return { kind: 'bool', text: String(e.value) };
      if (typeof e.value === 'string') return { kind: 'mach', text: JSON.stringify(e.value), ty: e.ty };
      if (e.value === null) return { kind: 'mach', text: '()', ty: e.ty };
      if (typeof e.value === 'number') return { kind: 'mach', text: constText(cx, e.ty, e.value), ty: e.ty };
      throw new NotModelled('a constant in a contract');
    }
    case 'Var': {
      const v = env.vars.get(e.name);
      if (!v) throw new NotModelled(`the variable ${e.name} in a contract`);
      if (v.math) return { kind: 'int', text: v.text };
      if (v.ty.kind === 'bool') return { kind: 'bool', text: v.text };
      return { kind: 'mach', text: v.text, ty: v.ty };
    }
    case 'Static': {
      const s = cx.statics.get(e.name);
      if (!s) throw new NotModelled(`static ${e.name}`);
      return { kind: 'mach', text: s.span, ty: e.ty };
    }
    case 'Prim':
      return prim(env, e);
    case 'If': {
      const c = tr(env, e.cond);
      const a = tr(env, e.then);
      const b = tr(env, e.else);
      if (e.ty.kind === 'bool') {
        const cb = toBool(c);
        if (cb !== null && isBoolTerm(a) && isBoolTerm(b)) {
          if (e.else.kind === 'Const' && e.else.value === false) return { kind: 'bool', text: `(${cb} && ${toBool(a)})` };
          if (e.then.kind === 'Const' && e.then.value === true) return { kind: 'bool', text: `(${cb} || ${toBool(b)})` };
          return { kind: 'bool', text: `(if ${cb} then ${toBool(a)} else ${toBool(b)})` };
        }
        if (e.else.kind === 'Const' && e.else.value === false) return { kind: 'prop', text: `(${toProp(c)} /\\ ${toProp(a)})` };
        if (e.then.kind === 'Const' && e.then.value === true) return { kind: 'prop', text: `(${toProp(c)} \\/ ${toProp(b)})` };
        return { kind: 'prop', text: `((${toProp(c)} ==> ${toProp(a)}) /\\ (~${toProp(c)} ==> ${toProp(b)}))` };
      }
      const cb = toBool(c);
      if (cb === null) throw new NotModelled('a conditional value under a quantified condition');
      if (isIntTy(e.ty)) return { kind: 'int', text: `(if ${cb} then ${toInt(a)} else ${toInt(b)})` };
      if (a.kind === 'mach' && b.kind === 'mach') return { kind: 'mach', text: `(if ${cb} then ${a.text} else ${b.text})`, ty: e.ty };
      throw new NotModelled('a conditional value in a contract');
    }
    case 'Let': {
      const init = tr(env, e.init);
      const name = claim(env.ns, e.name);
      const vars = new Map(env.vars);
      const text = init.kind === 'int' ? init.text : init.kind === 'prop' ? null : init.text;
      if (text === null) throw new NotModelled('a proposition bound by let');
      vars.set(e.name, { text: name, ty: e.init.ty, math: init.kind === 'int' });
      const body = tr({ ...env, vars }, e.body);
      const wrap = (s: string) => `(let ${name} = ${text} in ${s})`;
      switch (body.kind) {
        case 'int':
        case 'bool':
        case 'prop':
          return { kind: body.kind, text: wrap(body.text) };
        case 'mach':
          return { kind: 'mach', text: wrap(body.text), ty: body.ty };
      }
      throw new NotModelled('let');
    }
    case 'Seq': {
      if (e.items.length === 1) return tr(env, e.items[0]!);
      throw new NotModelled('a sequence in a contract');
    }
    case 'Load': {
      if (env.runtime) throw new NotModelled('a memory read in a loop test');
      if (env.heap === null) throw new NotModelled('a memory read without a heap');
      const buf = bufferOf(env, e.target);
      return { kind: 'mach', text: `(B.get ${env.heap} ${buf} ${paren(toInt(tr(env, e.index)))})`, ty: e.ty };
    }
    case 'SpanLength': {
      const s = tr(env, e.source);
      if (s.kind !== 'mach') throw new NotModelled('span length');
      return { kind: 'int', text: `U32.v ${paren(s.text)}.len` };
    }
    case 'ArenaRemaining': {
      if (env.runtime || env.heap === null) throw new NotModelled('Arena.remaining without a heap');
      const a = tr(env, e.arena);
      if (a.kind !== 'mach') throw new NotModelled('Arena.remaining');
      return { kind: 'int', text: `(arena_cap ${paren(a.text)} - arena_used ${env.heap} ${paren(a.text)})` };
    }
    case 'Extent': {
      const p = tr(env, e.ptr);
      if (p.kind !== 'mach') throw new NotModelled('extent');
      return { kind: 'int', text: `B.length ${paren(p.text)}` };
    }
    case 'Quant': {
      if (env.runtime) throw new NotModelled('a quantifier in a loop test');
      const from = toInt(tr(env, e.from));
      const to = toInt(tr(env, e.to));
      const name = claim(env.ns, e.var);
      const vars = new Map(env.vars);
      vars.set(e.var, { text: name, ty: e.from.ty, math: true });
      const body = toProp(tr({ ...env, vars }, e.body));
      const range = `${from} <= ${name} /\\ ${name} <= ${to}`;
      return e.q === 'forall'
        ? { kind: 'prop', text: `(forall (${name}: int). (${range}) ==> ${body})` }
        : { kind: 'prop', text: `(exists (${name}: int). (${range}) /\\ ${body})` };
    }
    case 'RecordGet': {
      const r = tr(env, e.record);
      const names = e.record.ty.kind === 'record' ? cx.tn.records.get(e.record.ty.name) : undefined;
      if (r.kind !== 'mach' || !names) throw new NotModelled('a record field in a contract');
      return { kind: 'mach', text: `${paren(r.text)}.${names.fields[e.index]}`, ty: e.ty };
    }
    case 'TupleGet': {
      const t = tr(env, e.tuple);
      if (t.kind !== 'mach' || e.tuple.ty.kind !== 'tuple') throw new NotModelled('a tuple element in a contract');
      return { kind: 'mach', text: `(Mktuple${e.tuple.ty.elems.length}?._${e.index + 1} ${paren(t.text)})`, ty: e.ty };
    }
    case 'CaseField': {
      const v = tr(env, e.value);
      const u = e.value.ty.kind === 'union' ? cx.tn.unions.get(e.value.ty.name) : undefined;
      if (v.kind !== 'mach' || !u) throw new NotModelled('a case field in a contract');
      return { kind: 'mach', text: `(${u.ctors.get(e.tag)}?.${u.fields.get(e.tag)![e.index]} ${paren(v.text)})`, ty: e.ty };
    }
    case 'CaseTag': {
      const v = tr(env, e.value);
      if (v.kind !== 'mach' || e.value.ty.kind !== 'union') throw new NotModelled('a case tag in a contract');
      return { kind: 'mach', text: `(${tagFunction(cx, e.value.ty)} ${paren(v.text)})`, ty: e.ty };
    }
    case 'Convert': {
      const from = intView(e.arg.ty);
      const to = intView(e.ty);
      if (!from || !to) throw new NotModelled('a float conversion in a contract');
      const x = toInt(tr(env, e.arg));
      const rf = intRange(from);
      const rt = intRange(to);
      if (rt.min <= rf.min && rf.max <= rt.max) return { kind: 'int', text: x };
      if (env.runtime) throw new NotModelled('a narrowing conversion in a loop test');
      return to.signed
        ? { kind: 'int', text: `(FStar.Int.op_At_Percent ${paren(x)} (pow2 ${to.bits}))` }
        : { kind: 'int', text: `(${x} % pow2 ${to.bits})` };
    }
    default:
      throw new NotModelled(`${e.kind} in a contract`);
  }
}

/** The Low* buffer behind a span or pointer expression. */
function bufferOf(env: SpecEnv, target: CExpr): string {
  const t = tr(env, target);
  if (t.kind !== 'mach') throw new NotModelled('a memory read from a computed target');
  return target.ty.kind === 'span' ? `${paren(t.text)}.ptr` : paren(t.text);
}

/** Floats are opaque: their operations are the prelude's assumed functions. */
function floatPrim(env: SpecEnv, e: CExpr & { kind: 'Prim' }, bits: 32 | 64): Term {
  const f = bits === 64 ? 'f64' : 'f32';
  const F = bits === 64 ? 'float64' : 'float32';
  const ts = e.args.map((a) => tr(env, a));
  if (ts.some((t) => t.kind !== 'mach')) throw new NotModelled('a float operation in a contract');
  const args = ts.map((t) => paren(t.text)).join(' ');
  switch (e.op) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'rem':
      return { kind: 'mach', text: `(${floatOp(env.cx, `${f}_${e.op}`, `${F} -> ${F} -> Tot ${F}`)} ${args})`, ty: e.ty };
    case 'neg':
      return { kind: 'mach', text: `(${floatOp(env.cx, `${f}_neg`, `${F} -> Tot ${F}`)} ${args})`, ty: e.ty };
    case 'eq':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return { kind: 'bool', text: `(${floatOp(env.cx, `${f}_${e.op}`, `${F} -> ${F} -> Tot bool`)} ${args})` };
    case 'ne':
      return { kind: 'bool', text: `(not (${floatOp(env.cx, `${f}_eq`, `${F} -> ${F} -> Tot bool`)} ${args}))` };
    default:
      throw new NotModelled(`${e.op} on floats in a contract`);
  }
}

function prim(env: SpecEnv, e: CExpr & { kind: 'Prim' }): Term {
  const args = e.args;
  const a0 = args[0]!.ty;
  if (a0.kind === 'float' && e.op !== 'not') return floatPrim(env, e, a0.bits);
  const overflowChecked = e.obs.some((o) => o.category === 'overflow');
  const arith = (sym: string): Term => {
    // A wrapping operation in run-time code has no mathematical meaning here.
    if (env.runtime && !e.math && !overflowChecked) throw new NotModelled('wrapping arithmetic in a loop test');
    return { kind: 'int', text: `(${toInt(tr(env, args[0]!))} ${sym} ${toInt(tr(env, args[1]!))})` };
  };
  switch (e.op) {
    case 'add':
      return arith('+');
    case 'sub':
      return arith('-');
    case 'mul':
      return arith('*');
    case 'neg':
      if (env.runtime && !e.math && !overflowChecked) throw new NotModelled('wrapping negation in a loop test');
      return { kind: 'int', text: `(- ${toInt(tr(env, args[0]!))})` };
    case 'div':
    case 'rem':
      if (env.runtime) throw new NotModelled('division in a loop test');
      env.cx.pieces.add('math');
      return { kind: 'int', text: `(clef_${e.op} ${paren(toInt(tr(env, args[0]!)))} ${paren(toInt(tr(env, args[1]!)))})` };
    case 'band':
    case 'bor':
    case 'bxor':
    case 'bnot':
    case 'shl':
    case 'shr': {
      // Bitwise operations are defined on machine integers: only over machine values.
      const iv = intView(e.ty);
      const ts = args.map((a) => tr(env, a));
      if (!iv || e.op === 'shl' || e.op === 'shr' || ts.some((t) => t.kind !== 'mach')) throw new NotModelled(`${e.op} in a contract`);
      const fn = { band: 'logand', bor: 'logor', bxor: 'logxor', bnot: 'lognot' }[e.op];
      return { kind: 'mach', text: `(${intModule(iv)}.${fn} ${ts.map((t) => paren(t.text)).join(' ')})`, ty: e.ty };
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      if (!isIntTy(args[0]!.ty)) throw new NotModelled('a comparison of non-integers in a contract');
      return { kind: 'bool', text: `(${toInt(tr(env, args[0]!))} ${CMP[e.op]} ${toInt(tr(env, args[1]!))})` };
    }
    case 'eq':
    case 'ne': {
      const a = tr(env, args[0]!);
      const b = tr(env, args[1]!);
      const neg = e.op === 'ne';
      if (isIntTy(args[0]!.ty)) return { kind: 'bool', text: `(${toInt(a)} ${neg ? '<>' : '='} ${toInt(b)})` };
      const ab = toBool(a);
      const bb = toBool(b);
      if (ab !== null && bb !== null) return { kind: 'bool', text: `(${ab} ${neg ? '<>' : '='} ${bb})` };
      if (args[0]!.ty.kind === 'bool') return { kind: 'prop', text: neg ? `~(${toProp(a)} <==> ${toProp(b)})` : `(${toProp(a)} <==> ${toProp(b)})` };
      if (a.kind !== 'mach' || b.kind !== 'mach') throw new NotModelled('an equality in a contract');
      return { kind: 'prop', text: neg ? `~(${a.text} == ${b.text})` : `(${a.text} == ${b.text})` };
    }
    case 'not': {
      const a = tr(env, args[0]!);
      const ab = toBool(a);
      return ab !== null ? { kind: 'bool', text: `(not ${paren(ab)})` } : { kind: 'prop', text: `~${paren(toProp(a))}` };
    }
    case 'strcat': {
      const a = tr(env, args[0]!);
      const b = tr(env, args[1]!);
      if (a.kind !== 'mach' || b.kind !== 'mach') throw new NotModelled('strcat');
      return { kind: 'mach', text: `(${a.text} ^ ${b.text})`, ty: e.ty };
    }
    case 'strlen': {
      const a = tr(env, args[0]!);
      if (a.kind !== 'mach') throw new NotModelled('strlen');
      env.cx.pieces.add('format');
      return { kind: 'int', text: `(I64.v (string_length ${paren(a.text)}))` };
    }
  }
}

/** The tag function of a union type (`option_tag`, `shape_tag`): its case's number as an int32. */
export function tagFunction(cx: ProgCx, t: Type): string {
  if (t.kind !== 'union') throw new NotModelled('a tag of a non-union');
  const u = cx.tn.unions.get(t.name)!;
  const name = `${u.fstar}_tag`;
  cx.tagFns.set(t.name, t);
  return name;
}

/** The declaration of a union's tag function. */
export function tagFunctionDecl(cx: ProgCx, t: Type): string[] {
  if (t.kind !== 'union') return [];
  const info = cx.tn.table.unions.get(t.name)!;
  const u = cx.tn.unions.get(t.name)!;
  const params = info.params.map((_, i) => `(#a${i}: Type)`);
  const args = info.params.map((_, i) => `a${i}`);
  const typeText = [u.fstar, ...(info.params.length ? args : [])].join(' ');
  const lines = [`let ${u.fstar}_tag ${params.join(' ')}${params.length ? ' ' : ''}(x: ${typeText}) : Tot I32.t =`, '  match x with'];
  for (const c of info.cases) {
    const wild = c.fields.map(() => ' _').join('');
    lines.push(`  | ${u.ctors.get(c.tag)}${wild} -> ${c.tag}l`);
  }
  return lines;
}

/** Field types of a case at a concrete union type. */
export function caseFields(cx: ProgCx, t: Type, tag: number): Type[] {
  if (t.kind !== 'union') return [];
  const c = cx.tn.table.unions.get(t.name)?.cases.find((k) => k.tag === tag);
  return (c?.fields ?? []).map((f) => substParams(f.ty, t.args));
}

export function typeText(cx: ProgCx, t: Type): string {
  return fstarType(cx.tn, t);
}
