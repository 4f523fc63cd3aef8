// Calls: `f a b`, `x |> f a`, union case constructors and built-ins. Only named functions
// can be called and only with all their arguments (no partial application, no function
// values in v1). A union case with several fields takes them as one syntactic tuple,
// `C (a, b)` (the App has one argument, the Tuple; the case is typed `a * b -> U`).
import type { BinaryOp, Expr } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import type { BuiltinSig } from './builtins.ts';
import { binary, expr, notAValue } from './check-expr.ts';
import { resolveName, unknownNameMessage } from './check-name.ts';
import type { Checker, Env } from './context.ts';
import { lookupLocal } from './context.ts';
import { fresh, prune, requireClass, show, unify } from './infer.ts';
import { instantiateCase, isUnionName, lookupCase } from './lookup.ts';
import type { FoundCase } from './lookup.ts';
import { didYouMean } from './suggest.ts';
import { resolveTypeExpr } from './typedecls.ts';
import type { Type } from './types.ts';

type NameOrField = Expr & { kind: 'Name' | 'Field' };

/** `l |> f a` is the call `f a l`. */
export function pipeParts(e: Expr & { kind: 'Binary' }): { fn: Expr; args: Expr[] } {
  const r = e.right;
  if (r.kind === 'App') return { fn: r.fn, args: [...r.args, e.left] };
  return { fn: r, args: [e.left] };
}

/** Checks a call; `node` is the App (or the `|>` Binary). For `l |> f a`, the partial
 *  application `f a` gets the type `typeof(l) -> result`. */
export function call(cx: Checker, env: Env, node: Expr, fn: Expr, args: Expr[], expect: Type | null): Type {
  const partial = node.kind === 'Binary' && node.op === '|>' && node.right.kind === 'App' ? node.right : null;
  const ret = callInner(cx, env, node, fn, args, expect);
  // (An operator call may have rewritten the node: then there is no partial application.)
  if (partial && node.kind === 'Binary' && node.op === '|>') partial.ty = { kind: 'fn', params: [node.left.ty!], ret };
  return ret;
}

function callInner(cx: Checker, env: Env, node: Expr, fn: Expr, args: Expr[], expect: Type | null): Type {
  if (fn.kind === 'Name' && /^\(.+\)$/.test(fn.name)) return operatorCall(cx, env, node, fn, args);
  if (fn.kind === 'Name') {
    const t = resolveName(cx, env, fn.name, fn.span);
    if (t.kind !== 'builtin' && fn.typeArgs.length > 0) {
      throw errorAt(fn.span, `type arguments are only for built-ins such as NativePtr.stackalloc<int> (generics are not supported yet)`);
    }
    switch (t.kind) {
      case 'builtin':
        return builtinCall(cx, env, node, fn, t.sig, args);
      case 'case':
        return caseCall(cx, env, node, fn, t.found, args, expect);
      case 'local':
        if (t.info.arity === null) throw errorAt(fn.span, notAFunction(cx, fn.name, t.info.ty));
        fn.res = { kind: 'local', uid: t.info.uid, mutable: false };
        return apply(cx, env, node, fn, fn.name, t.info.ty, args);
      case 'global':
        if (t.info.arity === null) throw errorAt(fn.span, notAFunction(cx, fn.name, t.info.ty));
        fn.res = { kind: 'global', name: fn.name };
        return apply(cx, env, node, fn, fn.name, t.info.ty, args);
      case 'result':
        throw errorAt(fn.span, notAFunction(cx, fn.name, t.ty));
      case 'builtinValue':
        throw errorAt(fn.span, notAFunction(cx, fn.name, t.ty));
    }
  }
  if (fn.kind === 'Field') {
    const q = isQualifiedCase(cx, env, fn);
    if (q) return caseCall(cx, env, node, fn, q, args, expect);
  }
  throw errorAt(fn.span, 'only a named function can be called (first-class functions are not supported yet)');
}

const BINARY_OPS: ReadonlySet<string> = new Set<BinaryOp>([
  '+', '-', '*', '/', '%', '=', '<>', '<', '<=', '>', '>=', '&&', '||', '&&&', '|||', '^^^', '<<<', '>>>', '|>',
]);

/** `(+) a b` is `a + b`: the call node is rewritten in place into that Binary, so later
 *  stages never see an operator used as a function. */
function operatorCall(cx: Checker, env: Env, node: Expr, fn: Expr & { kind: 'Name' }, args: Expr[]): Type {
  const op = fn.name.slice(1, -1);
  if (!BINARY_OPS.has(op) || args.length !== 2) {
    throw errorAt(node.span, `the operator ${fn.name} must be applied to exactly two operands (operators as function values are not supported yet)`);
  }
  const b = node as unknown as Record<string, unknown>;
  for (const k of Object.keys(b)) if (k !== 'span') delete b[k];
  Object.assign(b, { kind: 'Binary', op, left: args[0], right: args[1] });
  return binary(cx, env, node as Expr & { kind: 'Binary' }, null);
}

function notAFunction(cx: Checker, name: string, ty: Type): string {
  return `${name} is not a function (it has type ${show(cx.s, ty)}) and cannot be applied to arguments`;
}

function arityMessage(what: string, n: number, m: number): string {
  const partial = m < n ? ' (partial application is not supported yet)' : '';
  return `${what} expects ${n} argument${n === 1 ? '' : 's'} but is given ${m}${partial}`;
}

function apply(cx: Checker, env: Env, node: Expr, fnExpr: Expr, name: string, fnTy: Type, args: Expr[]): Type {
  const ft = prune(cx.s, fnTy);
  if (ft.kind !== 'fn') throw errorAt(fnExpr.span, notAFunction(cx, name, ft));
  fnExpr.ty = ft;
  if (args.length !== ft.params.length) throw errorAt(node.span, arityMessage(name, ft.params.length, args.length));
  args.forEach((a, i) => expr(cx, env, a, ft.params[i]!));
  return ft.ret;
}

/** `Shape.Circle` where `Shape` is a union type (not a value): the case it names. */
export function isQualifiedCase(cx: Checker, env: Env, e: Expr & { kind: 'Field' }): FoundCase | null {
  const t = e.target;
  if (t.kind !== 'Name' || lookupLocal(env, t.name) || cx.globals.has(t.name)) return null;
  if (!isUnionName(cx, t.name)) {
    // `List.map`, `Math.Sqrt`: a module-qualified name that is not a built-in.
    if (/^[A-Z]/.test(t.name) && !lookupCase(cx, t.name)) throw errorAt(e.span, unknownNameMessage(cx, env, `${t.name}.${e.name}`));
    return null;
  }
  const found = lookupCase(cx, `${t.name}.${e.name}`);
  if (!found) {
    const info = cx.ts.table.unions.get(t.name === 'Option' ? 'option' : t.name === 'ValueOption' ? 'voption' : t.name);
    throw errorAt(e.nameSpan, `union ${t.name} has no case ${e.name}${didYouMean(e.name, info?.cases.map((c) => c.name) ?? [])}`);
  }
  return found;
}

function setCaseRes(e: NameOrField, found: FoundCase, ty: Type, union: Type): void {
  e.res = { kind: 'case', ref: found.ref };
  e.ty = ty;
  if (e.kind === 'Field' && e.target.kind === 'Name') {
    e.target.res = { kind: 'case', ref: found.ref };
    e.target.ty = union;
  }
}

/** A case used as a value: only a case without payload. */
export function caseValue(cx: Checker, node: Expr, e: NameOrField, found: FoundCase): Type {
  const { union, fields } = instantiateCase(cx, found);
  const c = found.ref.caseName;
  if (fields.length > 0) {
    throw errorAt(node.span, `union case ${c} needs its payload: ${c} ${fields.length === 1 ? 'x' : `(${fields.map((_, i) => `x${i + 1}`).join(', ')})`} (functions as values are not supported yet)`);
  }
  setCaseRes(e, found, union, union);
  return union;
}

function caseCall(cx: Checker, env: Env, node: Expr, fn: NameOrField, found: FoundCase, args: Expr[], expect: Type | null): Type {
  const { union, fields } = instantiateCase(cx, found);
  // Knowing the union's type arguments first puts a payload mismatch on the payload:
  // `let o: byte option = Some 1` reports `1`, not the whole `Some 1`.
  if (expect && prune(cx.s, expect).kind === 'union') unify(cx.s, expect, union, node.span);
  const c = found.ref.caseName;
  const n = fields.length;
  if (n === 0) throw errorAt(node.span, `union case ${c} has no payload: write ${c} alone`);
  const first = args[0];
  if (n > 1) {
    // As in F#, a case with several fields takes them as one syntactic tuple.
    if (args.length !== 1 || first?.kind !== 'Tuple' || first.items.length !== n) {
      const given = args.length === 1 ? (first?.kind === 'Tuple' ? `${first.items.length} fields` : 'one value') : `${args.length} arguments`;
      throw errorAt(node.span, `union case ${c} expects ${n} fields as one tuple: ${c} (${fields.map((_, i) => `x${i + 1}`).join(', ')}), but is given ${given}`);
    }
    const tuple: Type = { kind: 'tuple', elems: fields };
    setCaseRes(fn, found, { kind: 'fn', params: [tuple], ret: union }, union);
    first.items.forEach((x, i) => expr(cx, env, x, fields[i]!));
    first.ty = tuple;
    return union;
  }
  if (args.length !== 1) throw errorAt(node.span, `union case ${c} expects 1 argument but is given ${args.length}`);
  setCaseRes(fn, found, { kind: 'fn', params: fields, ret: union }, union);
  expr(cx, env, first!, fields[0]!);
  return union;
}

function builtinCall(cx: Checker, env: Env, node: Expr, fn: Expr & { kind: 'Name' }, sig: BuiltinSig, args: Expr[]): Type {
  const targs = fn.typeArgs.map((x) => resolveTypeExpr(cx.ts, x));
  if (targs.length > 0 && targs.length !== sig.tparams) {
    throw errorAt(fn.span, sig.tparams === 0 ? `${sig.name} takes no type arguments` : `${sig.name} takes ${sig.tparams} type argument${sig.tparams === 1 ? '' : 's'}`);
  }
  const ts = Array.from({ length: sig.tparams }, (_, i) => targs[i] ?? fresh(cx.s));
  sig.classes?.forEach((c, i) => {
    if (c) requireClass(cx.s, ts[i]!, { cls: c, span: args[0]?.span ?? fn.span, what: sig.name });
  });
  const { params, ret } = sig.sig(ts);
  checkPlacement(cx, env, node, sig);
  for (const i of sig.constArgs ?? []) {
    const a = args[i];
    if (a && !(a.kind === 'Lit' && a.lit.kind === 'LInt' && a.lit.value > 0n)) {
      throw errorAt(a.span, `${sig.name} needs a positive integer constant (a literal) here`);
    }
  }
  fn.res = { kind: 'builtin', name: sig.name };
  fn.ty = { kind: 'fn', params, ret };
  if (args.length !== params.length) throw errorAt(node.span, arityMessage(sig.name, params.length, args.length));
  const argEnv = sig.name.startsWith('Contract.') ? { ...env, contract: true } : env;
  args.forEach((a, i) => expr(cx, argEnv, a, params[i]!));
  return ret;
}

function checkPlacement(cx: Checker, env: Env, node: Expr, sig: BuiltinSig): void {
  const n = sig.name;
  switch (sig.placement) {
    case 'anywhere':
      return;
    case 'contract':
      if (!env.contract) throw errorAt(node.span, `${n} is only allowed in contracts (Requires/Ensures and Contract.* arguments)`);
      return;
    case 'topLevel':
      if (env.staticInit !== node) throw errorAt(node.span, `${n} is only allowed as the value of a top-level let (static storage)`);
      return;
    case 'use':
      if (env.useValue !== node) {
        throw errorAt(node.span, `${n} is only allowed as 'use r = ${n} ()' (the region is released at the end of the scope)`);
      }
      return;
    case 'loopTop':
      if (cx.topContracts.get(node) !== 'loop') throw errorAt(node.span, `${n} must be at the top of a loop body`);
      return;
    case 'loopOrFnTop':
      if (!cx.topContracts.has(node)) throw errorAt(node.span, `${n} must be at the top of a loop body or of a function body`);
      return;
  }
}
