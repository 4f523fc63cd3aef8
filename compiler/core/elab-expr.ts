// Expressions: the dispatch over AST kinds, operators, names, records and strings.
// Applications are in elab-app.ts, bindings in elab-let.ts, loops in elab-loops.ts,
// matches in elab-match.ts, memory in elab-memory.ts.
import type { Expr, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { T, caseFieldTypes, showType } from '../types/types.ts';
import type { Type } from '../types/types.ts';
import { cAnd, cBool, cConst, cEq, cIf, cLet, cNot, cPrim, cSeq, cUnit, cVar, isPure, TAG_TYPE } from './build.ts';
import { bind, coreName, local, lookup, ob } from './context.ts';
import type { Env, FnCtx } from './context.ts';
import type { CExpr, Obligation, PrimOp } from './core.ts';
import { builtinValue } from './consts.ts';
import { elabApp, makeCase } from './elab-app.ts';
import { elabLet, elabUse } from './elab-let.ts';
import { elabFor, elabWhile } from './elab-loops.ts';
import { compileMatch, litConst } from './elab-match.ts';
import { elabIndex, elabIndexStore, localArray, originOf } from './elab-memory.ts';
import { isSignedInt, lookupCase, recordFields, typeOf } from './type-util.ts';

export function elabExpr(ctx: FnCtx, env: Env, e: Expr): CExpr {
  switch (e.kind) {
    case 'Lit': {
      const ty = typeOf(e);
      return cConst(litConst(e.lit, ty), ty, e.span);
    }
    case 'Name':
      return elabName(ctx, env, e);
    case 'App':
      return elabApp(ctx, env, e.fn, e.args, typeOf(e), e.span);
    case 'Binary':
      return elabBinary(ctx, env, e);
    case 'Unary':
      return elabUnary(ctx, env, e);
    case 'If': {
      const cond = elabExpr(ctx, env, e.cond);
      const then = elabExpr(ctx, env, e.then);
      const els = e.else ? elabExpr(ctx, env, e.else) : cUnit(e.span);
      return cIf(cond, then, els, typeOf(e), e.span);
    }
    case 'Match': {
      const scrut = elabExpr(ctx, env, e.scrutinee);
      const clauses = e.cases.map((c) => ({ pat: c.pat, guard: c.guard, span: c.span, body: (env2: Env) => elabExpr(ctx, env2, c.body) }));
      return compileMatch(ctx, env, scrut, clauses, typeOf(e), e.span);
    }
    case 'While':
      return elabWhile(ctx, env, e);
    case 'For':
      return elabFor(ctx, env, e);
    case 'Let':
      return elabLet(ctx, env, e);
    case 'Use':
      return elabUse(ctx, env, e);
    case 'Seq':
      return cSeq(
        e.exprs.map((x) => elabExpr(ctx, env, x)),
        e.span,
      );
    case 'Assign':
      return elabAssign(ctx, env, e);
    case 'Tuple':
      return { kind: 'Tuple', items: e.items.map((x) => elabExpr(ctx, env, x)), ty: typeOf(e), span: e.span };
    case 'Record':
      return elabRecord(ctx, env, e);
    case 'Field':
      return elabField(ctx, env, e);
    case 'Index':
      return elabIndex(ctx, env, e, typeOf(e));
    case 'ArrayLit': {
      const ty = typeOf(e);
      if (ty.kind !== 'span') throw errorAt(e.span, `an array literal must have a span type, not ${showType(ty)}`);
      return localArray(
        ctx,
        e.items.map((x) => elabExpr(ctx, env, x)),
        ty.elem,
        e.span,
      );
    }
    case 'Interp':
      return elabInterp(ctx, env, e);
    case 'Quant': {
      const from = elabExpr(ctx, env, e.from);
      const to = elabExpr(ctx, env, e.to);
      const { v, name } = local(ctx, e.var, from.ty, false, 0);
      const body = elabExpr(ctx, bind(env, e.var, { kind: 'var', v }), e.body);
      return { kind: 'Quant', q: e.q, var: name, from, to, body, ty: T.bool, span: e.span };
    }
    case 'Annot':
      return elabExpr(ctx, env, e.expr);
  }
}

function elabName(ctx: FnCtx, env: Env, e: Expr & { kind: 'Name' }): CExpr {
  const entry = lookup(env, e.name);
  if (entry?.kind === 'var') return cVar(coreName(ctx, entry.v), entry.v.ty, e.span);
  if (entry?.kind === 'localfn') throw errorAt(e.span, `not supported yet: using the function ${e.name} as a value (closures are not in Clef v1)`);
  const ty = typeOf(e);
  if (e.res?.kind === 'case') return makeCase(ctx, env, e.span, e.name, e.res.ref.caseName, [], ty);
  const g = e.res?.kind === 'builtin' ? undefined : ctx.prog.globals.get(e.name);
  if (g) {
    switch (g.kind) {
      case 'const':
        return cConst(g.value, g.ty, e.span);
      case 'static':
        return { kind: 'Static', name: g.name, ty: g.ty, span: e.span };
      case 'thunk':
        return { kind: 'Call', fn: g.name, args: [], obs: [], ty: g.ty, span: e.span };
      case 'fn':
        throw errorAt(e.span, `not supported yet: using the function ${e.name} as a value (closures are not in Clef v1)`);
    }
  }
  const bv = builtinValue(e.res?.kind === 'builtin' ? e.res.name : e.name, ty);
  if (bv !== undefined) return cConst(bv, ty, e.span);
  const c = lookupCase(ctx.prog.types, e.name, ty);
  if (c) return makeCase(ctx, env, e.span, e.name, c.info.name, [], ty);
  throw errorAt(e.span, `not supported yet: using ${e.name} as a value`);
}

/** A Prim on integers or floats with the obligations CLEF.md gives it. */
export function arith(ctx: FnCtx, op: PrimOp, args: CExpr[], ty: Type, span: Span): CExpr {
  const t = args[0]!.ty;
  const obs: Obligation[] = [];
  if (t.kind === 'int') {
    if (op === 'div' || op === 'rem') obs.push(ob(ctx, 'div-by-zero', span));
    // In contracts integers are mathematical: nothing overflows.
    if (isSignedInt(t) && !ctx.math && (op === 'add' || op === 'sub' || op === 'mul' || op === 'neg' || op === 'div' || op === 'rem'))
      obs.push(ob(ctx, 'overflow', span));
  }
  return { kind: 'Prim', op, args, math: ctx.math, obs, ty, span };
}

const BITOPS: Record<string, PrimOp> = { '&&&': 'band', '|||': 'bor', '^^^': 'bxor', '<<<': 'shl', '>>>': 'shr' };
const ORDER: Record<string, PrimOp> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };
const ARITH: Record<string, PrimOp> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'rem' };

function elabBinary(ctx: FnCtx, env: Env, e: Expr & { kind: 'Binary' }): CExpr {
  const ty = typeOf(e);
  if (e.op === '|>') return elabPipe(ctx, env, e, ty);
  if (e.op === '&&') return cIf(elabExpr(ctx, env, e.left), elabExpr(ctx, env, e.right), cBool(false, e.span), T.bool, e.span);
  if (e.op === '||') return cIf(elabExpr(ctx, env, e.left), cBool(true, e.span), elabExpr(ctx, env, e.right), T.bool, e.span);
  const l = elabExpr(ctx, env, e.left);
  const r = elabExpr(ctx, env, e.right);
  const opTy = l.ty;
  if (e.op === '+' && opTy.kind === 'string') return cPrim('strcat', [l, r], T.string, e.span, ctx.math);
  const arithOp = ARITH[e.op];
  if (arithOp) return arith(ctx, arithOp, [l, r], ty, e.span);
  const bitOp = BITOPS[e.op];
  if (bitOp) return cPrim(bitOp, [l, r], ty, e.span, ctx.math);
  if (e.op === '=' || e.op === '<>') {
    if (e.op === '<>' && ['int', 'float', 'char', 'bool', 'string'].includes(opTy.kind)) return cPrim('ne', [l, r], T.bool, e.span, ctx.math);
    const eq = equality(ctx, l, r, e.span);
    return e.op === '=' ? eq : cNot(eq, e.span);
  }
  const ord = ORDER[e.op];
  if (ord) {
    if (!['int', 'float', 'char', 'bool'].includes(opTy.kind)) throw errorAt(e.span, `not supported yet: ordering values of type ${showType(opTy)}`);
    return cPrim(ord, [l, r], T.bool, e.span, ctx.math);
  }
  throw errorAt(e.span, `not supported yet: the operator ${e.op}`);
}

/** `x |> f a` is `f a x`; `x` is evaluated first (bound to a temporary when the other
 *  arguments could observe the order). */
function elabPipe(ctx: FnCtx, env: Env, e: Expr & { kind: 'Binary' }, ty: Type): CExpr {
  const fn = e.right.kind === 'App' ? e.right.fn : e.right;
  const args = e.right.kind === 'App' ? e.right.args : [];
  if (args.every((a) => a.kind === 'Lit' || a.kind === 'Name')) return elabApp(ctx, env, fn, [...args, e.left], ty, e.span);
  const x = elabExpr(ctx, env, e.left);
  const { v, name } = local(ctx, 'piped', x.ty, false, originOf(ctx, x));
  const hidden = ' piped'; // not a source identifier, so it shadows nothing
  const arg: Expr = { kind: 'Name', name: hidden, typeArgs: [], span: e.left.span, ty: x.ty };
  return cLet(name, false, x, elabApp(ctx, bind(env, hidden, { kind: 'var', v }), fn, [...args, arg], ty, e.span), e.span);
}

function elabUnary(ctx: FnCtx, env: Env, e: Expr & { kind: 'Unary' }): CExpr {
  const ty = typeOf(e);
  switch (e.op) {
    case '-': {
      // A negative literal is a constant, not a negation that could overflow.
      const inner = e.operand.kind === 'Annot' ? e.operand.expr : e.operand;
      if (inner.kind === 'Lit' && (inner.lit.kind === 'LInt' || inner.lit.kind === 'LFloat')) {
        const c = litConst(inner.lit, ty);
        if (typeof c === 'bigint' && ty.kind === 'int') return cConst(ty.signed ? BigInt.asIntN(ty.bits, -c) : BigInt.asUintN(ty.bits, -c), ty, e.span);
        if (typeof c === 'number') return cConst(-c, ty, e.span);
      }
      return arith(ctx, 'neg', [elabExpr(ctx, env, e.operand)], ty, e.span);
    }
    case 'not':
      return cNot(elabExpr(ctx, env, e.operand), e.span);
    case '~~~':
      return cPrim('bnot', [elabExpr(ctx, env, e.operand)], ty, e.span, ctx.math);
  }
}

/** `=` on any equality type: scalars and strings directly, aggregates part by part. */
function equality(ctx: FnCtx, l: CExpr, r: CExpr, span: Span): CExpr {
  const t = l.ty;
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'char':
    case 'bool':
    case 'string':
      return cPrim('eq', [l, r], T.bool, span, ctx.math);
    case 'unit':
      return cSeq([l, r, cBool(true, span)], span);
    case 'tuple':
    case 'record':
    case 'union': {
      const lets: [string, CExpr][] = [];
      const named = (x: CExpr): CExpr => {
        if (isPure(x)) return x;
        const n = local(ctx, 'eq', x.ty, false, originOf(ctx, x)).name;
        lets.push([n, x]);
        return cVar(n, x.ty, span);
      };
      const a = named(l);
      const b = named(r);
      let body = structEq(ctx, a, b, span);
      for (let i = lets.length - 1; i >= 0; i--) body = cLet(lets[i]![0], false, lets[i]![1], body, span);
      return body;
    }
    default:
      throw errorAt(span, `not supported yet: comparing values of type ${showType(t)} with =`);
  }
}

function structEq(ctx: FnCtx, a: CExpr, b: CExpr, span: Span): CExpr {
  const t = a.ty;
  const table = ctx.prog.types;
  const all = (parts: CExpr[]): CExpr => parts.reduce<CExpr | null>((acc, p) => cAnd(acc, p, span), null) ?? cBool(true, span);
  switch (t.kind) {
    case 'tuple':
      return all(
        t.elems.map((et, i) =>
          structEq(ctx, { kind: 'TupleGet', tuple: a, index: i, ty: et, span }, { kind: 'TupleGet', tuple: b, index: i, ty: et, span }, span),
        ),
      );
    case 'record':
      return all(
        recordFields(table, t).map((f, i) =>
          structEq(ctx, { kind: 'RecordGet', record: a, index: i, ty: f.ty, span }, { kind: 'RecordGet', record: b, index: i, ty: f.ty, span }, span),
        ),
      );
    case 'union': {
      const info = table.unions.get(t.name);
      if (!info) throw errorAt(span, `unknown union ${t.name}`);
      const tagA: CExpr = { kind: 'CaseTag', value: a, ty: TAG_TYPE, span };
      const tagB: CExpr = { kind: 'CaseTag', value: b, ty: TAG_TYPE, span };
      // Same tag, then the payload of that case.
      let payload: CExpr = cBool(true, span);
      for (const c of [...info.cases].reverse()) {
        const ftys = caseFieldTypes(table, t, c.name);
        if (ftys.length === 0) continue;
        const fieldsEq = all(
          ftys.map((ft, i) =>
            structEq(ctx, { kind: 'CaseField', value: a, tag: c.tag, index: i, ty: ft, span }, { kind: 'CaseField', value: b, tag: c.tag, index: i, ty: ft, span }, span),
          ),
        );
        payload = cIf(cEq(tagA, cConst(BigInt(c.tag), TAG_TYPE, span), span), fieldsEq, payload, T.bool, span);
      }
      return cAnd(cEq(tagA, tagB, span), payload, span)!;
    }
    case 'unit':
      return cBool(true, span);
    default:
      return cPrim('eq', [a, b], T.bool, span, ctx.math);
  }
}

function elabAssign(ctx: FnCtx, env: Env, e: Expr & { kind: 'Assign' }): CExpr {
  const t = e.target.kind === 'Annot' ? e.target.expr : e.target;
  if (t.kind === 'Index') return elabIndexStore(ctx, env, t, e.value, e.span);
  if (t.kind === 'Name') {
    const entry = lookup(env, t.name);
    if (entry?.kind !== 'var') throw errorAt(t.span, `${t.name} is not a local mutable variable and cannot be assigned`);
    if (!entry.v.mutable) throw errorAt(t.span, `${t.name} is not mutable (declare it with let mutable)`);
    const value = elabExpr(ctx, env, e.value);
    return { kind: 'Assign', name: coreName(ctx, entry.v), value, ty: T.unit, span: e.span };
  }
  throw errorAt(t.span, 'not supported yet: assigning to a record field (use { r with F = v })');
}

/** Records are built in declaration order; initialisers still run in the written order
 *  (through temporaries when the two differ and more than one has effects). A copy-update
 *  is a Record whose other fields are RecordGets of the base. */
function elabRecord(ctx: FnCtx, env: Env, e: Expr & { kind: 'Record' }): CExpr {
  const ty = typeOf(e);
  const fields = recordFields(ctx.prog.types, ty);
  const lets: [string, CExpr][] = [];
  let base: CExpr | null = null;
  if (e.base) {
    base = elabExpr(ctx, env, e.base);
    if (!isPure(base)) {
      const n = local(ctx, 'base', base.ty, false, originOf(ctx, base)).name;
      lets.push([n, base]);
      base = cVar(n, base.ty, e.base.span);
    }
  }
  const inits = e.fields.map((f) => {
    const index = fields.findIndex((d) => d.name === f.name);
    if (index < 0) throw errorAt(f.span, `the record ${showType(ty)} has no field ${f.name}`);
    return { index, value: elabExpr(ctx, env, f.value), span: f.span };
  });
  const inOrder = inits.every((x, k) => k === 0 || x.index > inits[k - 1]!.index);
  const needTemps = !inOrder && inits.filter((x) => !isPure(x.value)).length > 1;
  const values = new Map<number, CExpr>();
  for (const x of inits) {
    if (needTemps && !isPure(x.value)) {
      const n = local(ctx, fields[x.index]!.name.toLowerCase(), x.value.ty, false, originOf(ctx, x.value)).name;
      lets.push([n, x.value]);
      values.set(x.index, cVar(n, x.value.ty, x.span));
    } else values.set(x.index, x.value);
  }
  const parts = fields.map((f, i): CExpr => {
    const v = values.get(i);
    if (v) return v;
    if (!base) throw errorAt(e.span, `the field ${f.name} of ${showType(ty)} is not given a value`);
    return { kind: 'RecordGet', record: base, index: i, ty: f.ty, span: e.span };
  });
  let out: CExpr = { kind: 'Record', fields: parts, ty, span: e.span };
  for (let i = lets.length - 1; i >= 0; i--) out = cLet(lets[i]![0], false, lets[i]![1], out, e.span);
  return out;
}

function elabField(ctx: FnCtx, env: Env, e: Expr & { kind: 'Field' }): CExpr {
  const ty = typeOf(e);
  if (e.res?.kind === 'case') return makeCase(ctx, env, e.span, e.name, e.res.ref.caseName, [], ty);
  if (!e.res && e.target.kind === 'Name' && !lookup(env, e.target.name) && ctx.prog.types.unions.has(e.target.name)) {
    const c = lookupCase(ctx.prog.types, `${e.target.name}.${e.name}`, ty);
    if (c) return makeCase(ctx, env, e.span, e.name, c.info.name, [], ty);
  }
  const target = elabExpr(ctx, env, e.target);
  if (e.res?.kind === 'length' || (!e.res && e.name === 'Length' && (target.ty.kind === 'span' || target.ty.kind === 'string'))) {
    if (target.ty.kind === 'string') return cPrim('strlen', [target], T.int, e.span, ctx.math);
    return { kind: 'SpanLength', source: target, ty: T.int, span: e.span };
  }
  if (target.ty.kind === 'record') {
    const fields = recordFields(ctx.prog.types, target.ty);
    const index = e.res?.kind === 'field' ? e.res.index : fields.findIndex((f) => f.name === e.name);
    if (index < 0) throw errorAt(e.nameSpan, `the record ${target.ty.name} has no field ${e.name}`);
    return { kind: 'RecordGet', record: target, index, ty: fields[index]!.ty, span: e.span };
  }
  throw errorAt(e.nameSpan, `a value of type ${showType(target.ty)} has no field ${e.name}`);
}

/** `$"a{x}b"` is `("a" + x) + "b"`: a left-nested strcat chain; holes are strings. */
function elabInterp(ctx: FnCtx, env: Env, e: Expr & { kind: 'Interp' }): CExpr {
  let acc: CExpr | null = null;
  for (const p of e.parts) {
    if (p === '') continue;
    const c = typeof p === 'string' ? cConst(p, T.string, e.span) : elabExpr(ctx, env, p);
    acc = acc ? cPrim('strcat', [acc, c], T.string, e.span, ctx.math) : c;
  }
  return acc ?? cConst('', T.string, e.span);
}
