// `let` inside a body and `use r = Region.create ()`.
import type { Binding, Expr } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import type { Type } from '../types/types.ts';
import { cLet, cSeq, cVar } from './build.ts';
import { bind, FROM_ANYWHERE, FROM_SAFE, local, ob } from './context.ts';
import type { Env, FnCtx } from './context.ts';
import type { CExpr } from './core.ts';
import { elabExpr } from './elab-expr.ts';
import { compileMatch } from './elab-match.ts';
import { originOf } from './elab-memory.ts';
import { liftGroup } from './lambda-lift.ts';
import { unwrapPattern } from './patterns.ts';
import { mayHoldMemory, typeOf } from './type-util.ts';

export function elabLet(ctx: FnCtx, env: Env, e: Expr & { kind: 'Let' }): CExpr {
  const fns = e.bindings.filter((b) => b.params !== null);
  if (fns.length > 0) {
    if (fns.length !== e.bindings.length) throw errorAt(e.span, 'not supported yet: functions and values in one let ... and ... group');
    return elabExpr(ctx, liftGroup(ctx, env, e.rec, e.bindings), e.body);
  }
  if (e.rec) throw errorAt(e.span, 'not supported yet: let rec of a value (only functions may be recursive)');
  return valueBindings(ctx, env, e.bindings, 0, typeOf(e), (env2) => elabExpr(ctx, env2, e.body));
}

/** `let x = e` is a Core Let; `let _ = e` just runs e; any other pattern (`let (a, b) = t`)
 *  is a one-clause match, whose bindings are TupleGet/RecordGet/CaseField lets (and a
 *  match-exhaustive Fail if the pattern can fail, as `let (Some x) = o` can). */
export function valueBindings(ctx: FnCtx, env: Env, bindings: Binding[], i: number, resultTy: Type, rest: (env: Env) => CExpr): CExpr {
  const b = bindings[i];
  if (!b) return rest(env);
  const pat = unwrapPattern(b.pat);
  const init = elabExpr(ctx, env, b.body);
  const next = (env2: Env) => valueBindings(ctx, env2, bindings, i + 1, resultTy, rest);
  if (pat.kind === 'PVar') {
    // A mutable variable may be reassigned to anything, so it may point anywhere.
    const { v, name } = local(ctx, pat.name, init.ty, b.mutable, b.mutable ? FROM_ANYWHERE : originOf(ctx, init));
    return cLet(name, b.mutable, init, next(bind(env, pat.name, { kind: 'var', v })), b.span);
  }
  if (b.mutable) throw errorAt(b.span, 'not supported yet: let mutable with a pattern (bind one name)');
  if (pat.kind === 'PWild') return cSeq([init, next(env)], b.span);
  const clause = { pat: b.pat, guard: null, span: b.span, body: next };
  return compileMatch(ctx, env, init, [clause], resultTy, b.span);
}

/** `use r = Region.create ()` scoped to `body`: RegionCreate, the body's value computed
 *  first, then RegionRelease — the one exit of the scope (Clef has no early return or
 *  exceptions; a Fail stops the program). */
export function elabUse(ctx: FnCtx, env: Env, e: Expr & { kind: 'Use' }): CExpr {
  const value = e.value.kind === 'Annot' ? e.value.expr : e.value;
  const vty = typeOf(value);
  if (vty.kind !== 'region') throw errorAt(e.value.span, `not supported yet: use of a ${vty.kind} value (only Region.create () is disposable)`);
  const isCreate =
    value.kind === 'App' &&
    value.fn.kind === 'Name' &&
    (value.fn.res?.kind === 'builtin' ? value.fn.res.name : value.fn.name) === 'Region.create';
  const init: CExpr = isCreate ? { kind: 'RegionCreate', ty: vty, span: value.span } : elabExpr(ctx, env, value);
  const { v, name } = local(ctx, e.name, vty, false, FROM_SAFE);
  const body = elabExpr(ctx, bind(env, e.name, { kind: 'var', v }), e.body);
  const obs = [ob(ctx, 'double-release', e.span)];
  if (mayHoldMemory(body.ty, ctx.prog.types)) obs.push(ob(ctx, 'region-escape', e.span));
  const release: CExpr = { kind: 'RegionRelease', region: cVar(name, vty, e.nameSpan), obs, ty: { kind: 'unit' }, span: e.span };
  if (body.ty.kind === 'unit') return cLet(name, false, init, cSeq([body, release], e.span), e.span);
  const res = local(ctx, `${e.name}_value`, body.ty, false, originOf(ctx, body)).name;
  return cLet(name, false, init, cLet(res, false, body, cSeq([release, cVar(res, body.ty, e.span)], e.span), e.span), e.span);
}
