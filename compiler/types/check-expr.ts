// Expressions: inference with an optional expected type. The expected type flows into
// branches, blocks and record literals, so a mismatch is reported at the branch or the
// literal that is wrong, not at the whole construct.
import type { Expr, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { call, caseValue, isQualifiedCase, pipeParts } from './check-call.ts';
import { resolveName } from './check-name.ts';
import { letExpr, loopBody } from './check-let.ts';
import { checkPattern, unifyLit } from './check-pattern.ts';
import type { Bindings } from './check-pattern.ts';
import type { Checker, Env, LocalInfo } from './context.ts';
import { childScope, newUid } from './context.ts';
import { fresh, prune, requireClass, show, unify } from './infer.ts';
import { literalType } from './literals.ts';
import { recordByFields } from './lookup.ts';
import { didYouMean } from './suggest.ts';
import { resolveTypeExpr } from './typedecls.ts';
import { T } from './types.ts';
import type { RecordInfo, Type } from './types.ts';

type E<K extends Expr['kind']> = Expr & { kind: K };

/** Infers `e`'s type (unified with `expect` when given) and annotates `e.ty`. */
export function expr(cx: Checker, env: Env, e: Expr, expect: Type | null): Type {
  const t = inner(cx, env, e, expect);
  e.ty = t;
  if (expect) unifyExpr(cx, expect, e, t);
  return t;
}

/** The expression whose value a block yields (errors point there). */
export function tailOf(e: Expr): Expr {
  for (;;) {
    if (e.kind === 'Seq' && e.exprs.length) e = e.exprs[e.exprs.length - 1]!;
    else if (e.kind === 'Let' || e.kind === 'Use') e = e.body;
    else return e;
  }
}

/** Unifies with a hint when the culprit is an unsuffixed integer literal. */
export function unifyExpr(cx: Checker, expected: Type, e: Expr, found: Type, hint = ''): void {
  const t = tailOf(e);
  if (t.kind === 'Lit' && t.lit.kind === 'LInt' && t.lit.suffix === '') return unifyLit(cx, expected, found, t.span, t.lit.value, hint);
  if (t.kind === 'Unary' && t.op === '-' && t.operand.kind === 'Lit' && t.operand.lit.kind === 'LInt' && t.operand.lit.suffix === '') {
    return unifyLit(cx, expected, found, t.span, -t.operand.lit.value, hint);
  }
  unify(cx.s, expected, found, t.span, hint);
}

/** A statement: its value is discarded, which F# (and we) warn about unless it is unit. */
export function stmt(cx: Checker, env: Env, e: Expr): void {
  const t = prune(cx.s, expr(cx, env, e, null));
  if (t.kind === 'var') unify(cx.s, T.unit, t, tailOf(e).span);
  else if (t.kind !== 'unit') {
    cx.warnings.push({
      severity: 'warning',
      span: tailOf(e).span,
      message: `the result of this expression has type ${show(cx.s, t)} and is discarded; use 'ignore' to discard it explicitly`,
    });
  }
}

function inner(cx: Checker, env: Env, e: Expr, expect: Type | null): Type {
  switch (e.kind) {
    case 'Lit':
      return contractLiteral(cx, env, e, expect) ?? literalType(e.lit);
    case 'Name':
      return nameValue(cx, env, e);
    case 'App':
      return call(cx, env, e, e.fn, e.args, expect);
    case 'Binary':
      return binary(cx, env, e, expect);
    case 'Unary':
      return unary(cx, env, e);
    case 'If': {
      expr(cx, env, e.cond, T.bool);
      if (!e.else) {
        const t = expr(cx, env, e.then, null);
        unifyExpr(cx, T.unit, e.then, t, ` (an 'if' without 'else' must have type unit)`);
        return T.unit;
      }
      const r = expect ?? fresh(cx.s);
      expr(cx, env, e.then, r);
      expr(cx, env, e.else, r);
      return r;
    }
    case 'Match':
      return match(cx, env, e, expect);
    case 'While':
      expr(cx, env, e.cond, T.bool);
      loopBody(cx, env, e.body);
      return T.unit;
    case 'For': {
      const ft = expr(cx, env, e.from, null);
      expr(cx, env, e.to, ft);
      requireClass(cx.s, ft, { cls: 'integer', span: e.from.span, what: 'a for loop' });
      const info = local(cx, env, e.var, e.varSpan, ft);
      e.uid = info.uid;
      loopBody(cx, childScope(env, new Map([[e.var, info]])), e.body);
      return T.unit;
    }
    case 'Let':
      return letExpr(cx, env, e, expect);
    case 'Use':
      return use(cx, env, e, expect);
    case 'Seq': {
      if (e.exprs.length === 0) return T.unit;
      e.exprs.slice(0, -1).forEach((x) => stmt(cx, env, x));
      return expr(cx, env, e.exprs[e.exprs.length - 1]!, expect);
    }
    case 'Assign':
      assign(cx, env, e);
      return T.unit;
    case 'Tuple': {
      const hint = expect ? prune(cx.s, expect) : null;
      const hints = hint?.kind === 'tuple' && hint.elems.length === e.items.length ? hint.elems : null;
      return { kind: 'tuple', elems: e.items.map((x, i) => expr(cx, env, x, hints?.[i] ?? null)) };
    }
    case 'Record':
      return record(cx, env, e, expect);
    case 'Field':
      return field(cx, env, e);
    case 'Index':
      return index(cx, env, e);
    case 'ArrayLit':
      return arrayLit(cx, env, e);
    case 'Interp':
      for (const p of e.parts) {
        if (typeof p === 'string') continue;
        const t = expr(cx, env, p, null);
        unifyExpr(cx, T.string, p, t, ' (an interpolation hole must be a string: use Format.int, Format.float...)');
      }
      return T.string;
    case 'Quant': {
      if (!env.contract) {
        throw errorAt(e.span, `${e.q} is only allowed in contracts (Requires/Ensures and Contract.* arguments)`);
      }
      const ft = expr(cx, env, e.from, null);
      expr(cx, env, e.to, ft);
      requireClass(cx.s, ft, { cls: 'integer', span: e.from.span, what: `the range of ${e.q}` });
      const info = local(cx, env, e.var, e.span, ft);
      e.uid = info.uid;
      expr(cx, childScope(env, new Map([[e.var, info]])), e.body, T.bool);
      return T.bool;
    }
    case 'Annot': {
      const t = resolveTypeExpr(cx.ts, e.type);
      expr(cx, env, e.expr, t);
      return t;
    }
  }
}

/** A fresh immutable local (for, forall/exists, use). */
function local(cx: Checker, env: Env, name: string, span: Span, ty: Type): LocalInfo {
  return { name, uid: newUid(cx, name), ty, mutable: false, fnId: env.fnId, arity: null, span };
}

function nameValue(cx: Checker, env: Env, e: E<'Name'>): Type {
  const t = resolveName(cx, env, e.name, e.span);
  switch (t.kind) {
    case 'result':
      e.res = { kind: 'local', uid: 'result', mutable: false };
      return t.ty;
    case 'local':
      if (t.info.arity !== null) throw errorAt(e.span, notAValue(e.name));
      e.res = { kind: 'local', uid: t.info.uid, mutable: t.info.mutable };
      return t.info.ty;
    case 'global':
      if (t.info.arity !== null) throw errorAt(e.span, notAValue(e.name));
      e.res = { kind: 'global', name: e.name };
      return t.info.ty;
    case 'case':
      return caseValue(cx, e, e, t.found);
    case 'builtinValue':
      e.res = { kind: 'builtin', name: t.name };
      return t.ty;
    case 'builtin':
      throw errorAt(e.span, notAValue(e.name));
  }
}

export function notAValue(name: string): string {
  return `${name} is a function: call it with its arguments (functions as values are not supported yet)`;
}

export function binary(cx: Checker, env: Env, e: E<'Binary'>, expect: Type | null): Type {
  const op = e.op;
  switch (op) {
    case '|>': {
      const { fn, args } = pipeParts(e);
      return call(cx, env, e, fn, args, expect);
    }
    case '&&':
    case '||':
      expr(cx, env, e.left, T.bool);
      expr(cx, env, e.right, T.bool);
      return T.bool;
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const lt = operands(cx, env, e);
      requireClass(cx.s, lt, { cls: op === '=' || op === '<>' ? 'equality' : 'comparable', span: e.span, what: `operator '${op}'` });
      return T.bool;
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '&&&':
    case '|||':
    case '^^^': {
      const lt = operands(cx, env, e);
      const cls = op === '+' ? 'addable' : op === '&&&' || op === '|||' || op === '^^^' ? 'integer' : 'number';
      requireClass(cx.s, lt, { cls, span: e.span, what: `operator '${op}'` });
      return lt;
    }
    case '<<<':
    case '>>>': {
      const lt = expr(cx, env, e.left, null);
      requireClass(cx.s, lt, { cls: 'integer', span: e.left.span, what: `operator '${op}'` });
      const rt = expr(cx, env, e.right, null);
      requireClass(cx.s, rt, { cls: 'shiftCount', span: e.right.span, what: `the shift count of '${op}'` });
      return lt;
    }
  }
}

/** Both operands of a binary operator at one type. In a contract, an unsuffixed integer
 *  literal takes the other operand's integer type (`0 <= t` with t: int32), so the right
 *  one is checked first when the left is such a literal. */
function operands(cx: Checker, env: Env, e: E<'Binary'>): Type {
  if (env.contract && unsuffixedInt(e.left) !== null && unsuffixedInt(e.right) === null) {
    const rt = expr(cx, env, e.right, null);
    expr(cx, env, e.left, rt);
    return rt;
  }
  const lt = expr(cx, env, e.left, null);
  expr(cx, env, e.right, lt);
  return lt;
}

function unsuffixedInt(e: Expr): bigint | null {
  if (e.kind === 'Lit' && e.lit.kind === 'LInt' && e.lit.suffix === '') return e.lit.value;
  if (e.kind === 'Unary' && e.op === '-' && e.operand.kind === 'Lit' && e.operand.lit.kind === 'LInt' && e.operand.lit.suffix === '') {
    return -e.operand.lit.value;
  }
  return null;
}

/** Contracts are over mathematical integers (CLEF.md), so there an unsuffixed integer
 *  literal may stand at any integer type whose range holds its value. */
function contractLiteral(cx: Checker, env: Env, e: E<'Lit'>, expect: Type | null): Type | null {
  if (!env.contract || !expect || e.lit.kind !== 'LInt' || e.lit.suffix !== '') return null;
  const t = prune(cx.s, expect);
  if (t.kind !== 'int') return null;
  const v = e.lit.value;
  const lo = t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
  const hi = t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
  return v >= lo && v <= hi ? t : null;
}

function unary(cx: Checker, env: Env, e: E<'Unary'>): Type {
  switch (e.op) {
    case 'not':
      expr(cx, env, e.operand, T.bool);
      return T.bool;
    case '~~~': {
      const t = expr(cx, env, e.operand, null);
      requireClass(cx.s, t, { cls: 'integer', span: e.span, what: "operator '~~~'" });
      return t;
    }
    case '-': {
      const o = e.operand;
      // A signed literal right after the minus was folded by the parser (`-128y` is one
      // literal); one still here was parenthesised or negated already (`-(-128y)`, `-(5y)`)
      // and is checked as written. An unsigned one is checked negated: `-5u` is out of range.
      const lit = o.kind === 'Lit' && o.lit.kind === 'LInt' ? o.lit : null;
      const litTy = lit ? literalType(lit) : null;
      const t = lit && litTy ? (o.ty = litTy.kind === 'int' && !litTy.signed ? literalType(lit, true) : litTy) : expr(cx, env, o, null);
      requireClass(cx.s, t, { cls: 'signed', span: e.span, what: 'unary minus' });
      return t;
    }
  }
}

function match(cx: Checker, env: Env, e: E<'Match'>, expect: Type | null): Type {
  const st = expr(cx, env, e.scrutinee, null);
  const r = expect ?? fresh(cx.s);
  for (const c of e.cases) {
    const vars: Bindings = new Map();
    checkPattern(cx, env, c.pat, st, vars);
    const cenv = childScope(env, vars);
    if (c.guard) expr(cx, cenv, c.guard, T.bool);
    expr(cx, cenv, c.body, r);
  }
  cx.pending.push({ span: e.span, scrutinee: st, cases: e.cases.map((c) => ({ pat: c.pat, guarded: c.guard !== null, span: c.span })), isLet: false });
  return r;
}

function use(cx: Checker, env: Env, e: E<'Use'>, expect: Type | null): Type {
  const v = e.value;
  const isRegion = v.kind === 'App' && v.fn.kind === 'Name' && v.fn.name === 'Region.create';
  if (!isRegion) throw errorAt(v.span, "'use' is only for regions in Clef v1: use r = Region.create ()");
  const t = expr(cx, { ...env, useValue: v }, v, null);
  const info = local(cx, env, e.name, e.nameSpan, t);
  e.uid = info.uid;
  return expr(cx, childScope(env, new Map([[e.name, info]])), e.body, expect);
}

function assign(cx: Checker, env: Env, e: E<'Assign'>): void {
  const tg = e.target;
  switch (tg.kind) {
    case 'Name': {
      const t = resolveName(cx, env, tg.name, tg.span);
      if (t.kind !== 'local' || t.info.arity !== null) {
        const why = t.kind === 'global' ? ' (top-level values are constants)' : '';
        throw errorAt(tg.span, `${tg.name} is not mutable${why}`);
      }
      if (!t.info.mutable) throw errorAt(tg.span, `${tg.name} is not mutable (declare it with 'let mutable ${tg.name} = ...')`);
      tg.res = { kind: 'local', uid: t.info.uid, mutable: true };
      tg.ty = t.info.ty;
      expr(cx, env, e.value, t.info.ty);
      return;
    }
    case 'Index': {
      const elem = expr(cx, env, tg, null);
      expr(cx, env, e.value, elem);
      return;
    }
    case 'Field':
      throw errorAt(tg.span, `assigning to a record field is not supported yet (records are values: use { r with ${tg.name} = ... })`);
    default:
      throw errorAt(tg.span, 'only a mutable variable or a span element (s.[i]) can be assigned');
  }
}

function record(cx: Checker, env: Env, e: E<'Record'>, expect: Type | null): Type {
  const names = e.fields.map((f) => f.name);
  let info: RecordInfo;
  if (e.base) {
    const bt = prune(cx.s, expr(cx, env, e.base, expect));
    info = bt.kind === 'record' ? cx.ts.table.records.get(bt.name)! : recordByFields(cx, names, e.span, e.fields.map((f) => f.span));
    unify(cx.s, { kind: 'record', name: info.name }, bt, e.base.span);
  } else {
    const hint = expect ? prune(cx.s, expect) : null;
    const hinted = hint?.kind === 'record' ? cx.ts.table.records.get(hint.name) : undefined;
    info =
      hinted && names.every((n) => hinted.fields.some((f) => f.name === n))
        ? hinted
        : recordByFields(cx, names, e.span, e.fields.map((f) => f.span));
  }
  const seen = new Set<string>();
  for (const f of e.fields) {
    const decl = info.fields.find((x) => x.name === f.name);
    if (!decl) throw errorAt(f.span, `unknown field ${f.name}: record ${info.name} has no field ${f.name}${didYouMean(f.name, info.fields.map((x) => x.name))}`);
    if (seen.has(f.name)) throw errorAt(f.span, `field ${f.name} is given twice`);
    seen.add(f.name);
    expr(cx, env, f.value, decl.ty);
  }
  if (!e.base) {
    const missing = info.fields.filter((f) => !seen.has(f.name)).map((f) => f.name);
    if (missing.length) {
      const exact = [...cx.ts.table.records.values()].find((r) => r.fields.length === names.length && names.every((n) => r.fields.some((f) => f.name === n)));
      const hint = exact && !hinted(expect, exact.name, cx)
        ? ` (the record type is the last declared one with these fields, as in F#; annotate the value as ${exact.name} to build that record)`
        : '';
      throw errorAt(e.span, `record ${info.name} needs ${missing.length === 1 ? 'field' : 'fields'} ${missing.join(', ')} too${hint}`);
    }
  }
  e.recordName = info.name;
  return { kind: 'record', name: info.name };
}

function hinted(expect: Type | null, name: string, cx: Checker): boolean {
  const t = expect ? prune(cx.s, expect) : null;
  return t?.kind === 'record' && t.name === name;
}

function field(cx: Checker, env: Env, e: E<'Field'>): Type {
  const q = isQualifiedCase(cx, env, e);
  if (q) return caseValue(cx, e, e, q);
  const tt = prune(cx.s, expr(cx, env, e.target, null));
  if (e.name === 'Length' && (tt.kind === 'span' || tt.kind === 'string')) {
    e.res = { kind: 'length' };
    return T.int;
  }
  let info: RecordInfo;
  if (tt.kind === 'record') info = cx.ts.table.records.get(tt.name)!;
  else if (tt.kind === 'var') {
    info = recordByFields(cx, [e.name], e.nameSpan, [e.nameSpan]);
    unify(cx.s, { kind: 'record', name: info.name }, tt, e.target.span);
  } else if (e.name === 'Length') {
    throw errorAt(e.nameSpan, `.Length needs a span or a string, not ${show(cx.s, tt)}`);
  } else {
    throw errorAt(e.nameSpan, `unknown field ${e.name}: type ${show(cx.s, tt)} has no fields`);
  }
  const index = info.fields.findIndex((f) => f.name === e.name);
  if (index < 0) {
    throw errorAt(e.nameSpan, `unknown field ${e.name}: record ${info.name} has no field ${e.name}${didYouMean(e.name, info.fields.map((f) => f.name))}`);
  }
  e.res = { kind: 'field', record: info.name, index };
  return info.fields[index]!.ty;
}

function index(cx: Checker, env: Env, e: E<'Index'>): Type {
  const tt = prune(cx.s, expr(cx, env, e.target, null));
  let elem: Type;
  if (tt.kind === 'span') elem = tt.elem;
  else if (tt.kind === 'var') {
    elem = fresh(cx.s);
    unify(cx.s, { kind: 'span', elem }, tt, e.target.span);
  } else if (tt.kind === 'ptr') {
    throw errorAt(e.span, 'a nativeptr cannot be indexed with .[ ]: use NativePtr.get p i / NativePtr.set p i v (or Span.ofPtr)');
  } else if (tt.kind === 'string') {
    throw errorAt(e.span, 'indexing a string is not supported yet');
  } else {
    throw errorAt(e.span, `a value of type ${show(cx.s, tt)} cannot be indexed (only spans can)`);
  }
  expr(cx, env, e.index, T.int);
  return elem;
}

function arrayLit(cx: Checker, env: Env, e: E<'ArrayLit'>): Type {
  if (env.staticInit !== e) {
    throw errorAt(
      e.span,
      'array literals are only allowed as the value of a top-level let (static storage); inside functions they are not supported yet (use NativePtr.stackalloc or an arena)',
    );
  }
  const elem = fresh(cx.s);
  for (const item of e.items) {
    const constant =
      item.kind === 'Lit' ||
      (item.kind === 'Unary' && item.op === '-' && item.operand.kind === 'Lit' && (item.operand.lit.kind === 'LInt' || item.operand.lit.kind === 'LFloat'));
    if (!constant) throw errorAt(item.span, 'a static array holds constants only (literals)');
    expr(cx, env, item, elem);
  }
  return { kind: 'span', elem };
}
