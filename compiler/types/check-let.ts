// `let` inside a body (values, `let mutable`, pattern bindings, nested functions, `let rec
// ... and ...`) and function bodies, shared with the top level. Nested functions are
// monomorphic (no let-polymorphism in v1): their parameter types are inferred from the
// body and the calls.
import type { Binding, Expr, Pattern } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { expr, stmt } from './check-expr.ts';
import { checkPattern } from './check-pattern.ts';
import type { Bindings } from './check-pattern.ts';
import type { Checker, Env, LocalInfo } from './context.ts';
import { childScope, newUid } from './context.ts';
import { fresh } from './infer.ts';
import { resolveTypeExpr } from './typedecls.ts';
import { T } from './types.ts';
import type { Type } from './types.ts';

type E<K extends Expr['kind']> = Expr & { kind: K };

/** The function's name from its binding pattern. */
export function functionName(b: Binding): { name: string; pat: Pattern & { kind: 'PVar' } } {
  if (b.pat.kind !== 'PVar') throw errorAt(b.pat.span, 'a function must be named by a plain identifier');
  return { name: b.pat.name, pat: b.pat };
}

/** `Contract.invariant`/`Contract.decreases` calls leading a body. */
export function leadingContracts(body: Expr): Expr[] {
  const isContract = (e: Expr) =>
    e.kind === 'App' && e.fn.kind === 'Name' && (e.fn.name === 'Contract.invariant' || e.fn.name === 'Contract.decreases');
  if (isContract(body)) return [body];
  const out: Expr[] = [];
  if (body.kind === 'Seq') {
    for (const e of body.exprs) {
      if (!isContract(e)) break;
      out.push(e);
    }
  }
  return out;
}

export function loopBody(cx: Checker, env: Env, body: Expr): void {
  for (const c of leadingContracts(body)) cx.topContracts.set(c, 'loop');
  stmt(cx, env, body);
}

/** Parameter types from annotations (fresh variables where there are none). */
export function paramTypes(cx: Checker, b: Binding): Type[] {
  return (b.params ?? []).map((p) => (p.type ? resolveTypeExpr(cx.ts, p.type) : fresh(cx.s)));
}

/** Checks a function's parameters, contracts and body in a new function context. */
export function checkFunctionBody(cx: Checker, outer: Env, b: Binding, name: string, params: Type[], ret: Type): void {
  const fnEnv: Env = {
    scope: { vars: new Map(), parent: outer.scope },
    fnId: cx.nextFnId++,
    fnName: name,
    contract: false,
    result: null,
    staticInit: null,
    useValue: null,
  };
  const vars: Bindings = new Map();
  (b.params ?? []).forEach((p, i) => {
    p.ty = params[i]!;
    checkPattern(cx, fnEnv, p.pat, params[i]!, vars);
  });
  const env: Env = { ...fnEnv, scope: { vars, parent: outer.scope } };
  for (const a of b.attrs) {
    if (a.name !== 'Requires' && a.name !== 'Ensures') continue;
    if (!a.contract) throw errorAt(a.span, `${a.name} needs a contract string: [<${a.name}("expr")>]`);
    expr(cx, { ...env, contract: true, result: a.name === 'Ensures' ? ret : null }, a.contract, T.bool);
  }
  for (const c of leadingContracts(b.body)) if (!cx.topContracts.has(c)) cx.topContracts.set(c, 'fn');
  expr(cx, env, b.body, ret);
}

function declareLocalFunction(cx: Checker, env: Env, b: Binding): { info: LocalInfo; params: Type[]; ret: Type } {
  const { name, pat } = functionName(b);
  if (b.mutable) throw errorAt(b.span, `a function cannot be mutable`);
  for (const a of b.attrs) {
    if (a.name !== 'Requires' && a.name !== 'Ensures') throw errorAt(a.span, `attribute ${a.name} is not supported yet on a nested function`);
  }
  const params = paramTypes(cx, b);
  const ret = b.retType ? resolveTypeExpr(cx.ts, b.retType) : fresh(cx.s);
  const ty: Type = { kind: 'fn', params, ret };
  const info: LocalInfo = { name, uid: newUid(cx, name), ty, mutable: false, fnId: env.fnId, arity: params.length, span: pat.span };
  pat.uid = info.uid;
  pat.ty = ty;
  return { info, params, ret };
}

/** The declared type of a value binding: `let x: T = e` (or `let (x: T) = e`). */
export function valueAnnotation(cx: Checker, b: Binding): Type | null {
  if (b.retType) return resolveTypeExpr(cx.ts, b.retType);
  return b.pat.kind === 'PAnnot' ? resolveTypeExpr(cx.ts, b.pat.type) : null;
}

/** A value binding inside a body: its variables go into `vars`. */
function valueBinding(cx: Checker, env: Env, b: Binding, vars: Bindings): void {
  if (b.attrs.length) throw errorAt(b.attrs[0]!.span, `attribute ${b.attrs[0]!.name} is not supported yet on a local value`);
  const t = expr(cx, env, b.body, valueAnnotation(cx, b));
  const out: Bindings = new Map();
  checkPattern(cx, env, b.pat, t, out);
  if (b.mutable) {
    const simple = b.pat.kind === 'PVar' || (b.pat.kind === 'PAnnot' && b.pat.pat.kind === 'PVar');
    if (!simple) throw errorAt(b.pat.span, `only a single name can be mutable: let mutable x = ...`);
    for (const info of out.values()) info.mutable = true;
  }
  if (!irrefutable(b.pat)) {
    cx.pending.push({ span: b.pat.span, scrutinee: t, cases: [{ pat: b.pat, guarded: false, span: b.pat.span }], isLet: true });
  }
  for (const [k, v] of out) {
    if (vars.has(k)) throw errorAt(v.span, `${k} is defined twice in this let`);
    vars.set(k, v);
  }
}

/** Patterns that always match (so a `let` needs no exhaustiveness check). */
function irrefutable(p: Pattern): boolean {
  switch (p.kind) {
    case 'PWild':
    case 'PVar':
      return true;
    case 'PAnnot':
    case 'PAs':
      return irrefutable(p.pat);
    case 'PTuple':
      return p.items.every(irrefutable);
    case 'PLit':
      return p.lit.kind === 'LUnit';
    default:
      return false;
  }
}

export function letExpr(cx: Checker, env: Env, e: E<'Let'>, expect: Type | null): Type {
  const vars: Bindings = new Map();
  const add = (info: LocalInfo) => {
    if (vars.has(info.name)) throw errorAt(info.span, `${info.name} is defined twice in this let`);
    vars.set(info.name, info);
  };
  if (e.rec) {
    const decls = e.bindings.map((b) => {
      if (b.params === null) throw errorAt(b.span, `'let rec' is only for functions`);
      const d = declareLocalFunction(cx, env, b);
      add(d.info);
      return d;
    });
    const inner = childScope(env, vars);
    e.bindings.forEach((b, i) => checkFunctionBody(cx, inner, b, decls[i]!.info.name, decls[i]!.params, decls[i]!.ret));
    return expr(cx, inner, e.body, expect);
  }
  for (const b of e.bindings) {
    if (b.params !== null) {
      const d = declareLocalFunction(cx, env, b);
      checkFunctionBody(cx, env, b, d.info.name, d.params, d.ret);
      add(d.info);
    } else {
      valueBinding(cx, env, b, vars);
    }
  }
  return expr(cx, childScope(env, vars), e.body, expect);
}
