// Loops. `Contract.invariant` / `Contract.decreases` among the first statements of a loop
// body move into the While node (with `invariant` / `termination` obligations).
//
// `for i = a to b do body` (and `for i in a .. b`) becomes
//     let mutable i = a
//     let i_end = b                  // both bounds evaluated once, a first
//     if i <= i_end then
//         let mutable i_more = true
//         while i_more do
//             body
//             if i = i_end then i_more <- false else i <- i + 1
// The MaxValue edge: the counter is compared with the end *before* it is incremented, so
// `for i in a .. Int64.MaxValue` runs its last iteration and stops without ever computing
// MaxValue + 1 (a plain `while i <= b do ...; i <- i + 1` would wrap and never end). The
// increment therefore cannot overflow (i < i_end) and carries no obligation. `downto` is
// the mirror image (i >= i_end, i - 1). The body cannot assign `i` (it is immutable in
// Clef); nested functions that read it are passed its current value.
import type { Expr, Span } from '../syntax/ast.ts';
import { T } from '../types/types.ts';
import { cBool, cConst, cEq, cIf, cLet, cPrim, cSeq, cUnit, cVar } from './build.ts';
import { bind, FROM_SAFE, inContract, local, newVar, ob, declare } from './context.ts';
import type { Env, FnCtx } from './context.ts';
import type { CExpr, Obligation } from './core.ts';
import { elabExpr } from './elab-expr.ts';
import { typeOf } from './type-util.ts';

function contractCallName(e: Expr): string | null {
  if (e.kind !== 'App' || e.fn.kind !== 'Name' || e.args.length !== 1) return null;
  const name = e.fn.res?.kind === 'builtin' ? e.fn.res.name : e.fn.name;
  return name === 'Contract.invariant' || name === 'Contract.decreases' ? name : null;
}

export type LoopContracts = { invariants: (Expr & { kind: 'App' })[]; decreases: (Expr & { kind: 'App' }) | null; rest: Expr[] };

/** Splits the leading `Contract.invariant` / `Contract.decreases` statements off a body. */
export function leadingContracts(body: Expr): LoopContracts {
  const items = body.kind === 'Seq' ? body.exprs : [body];
  const out: LoopContracts = { invariants: [], decreases: null, rest: [] };
  let i = 0;
  for (; i < items.length; i++) {
    const it = items[i]!;
    const name = contractCallName(it);
    if (!name || it.kind !== 'App') break;
    if (name === 'Contract.invariant') out.invariants.push(it);
    else out.decreases = it;
  }
  out.rest = items.slice(i);
  return out;
}

type LoopParts = { body: CExpr; invariants: CExpr[]; decreases: CExpr | null; obs: Obligation[] };

function loopParts(ctx: FnCtx, env: Env, body: Expr, extra: (env: Env) => CExpr[] = () => []): LoopParts {
  const c = leadingContracts(body);
  const invariants = c.invariants.map((i) => inContract(ctx, () => elabExpr(ctx, env, i.args[0]!)));
  const decreases = c.decreases ? inContract(ctx, () => elabExpr(ctx, env, c.decreases!.args[0]!)) : null;
  const obs = c.invariants.map((i) => ob(ctx, 'invariant', i.span));
  if (c.decreases) obs.push(ob(ctx, 'termination', c.decreases.span));
  const stmts = c.rest.map((s) => elabExpr(ctx, env, s));
  return { body: cSeq([...stmts, ...extra(env)], body.span), invariants, decreases, obs };
}

export function elabWhile(ctx: FnCtx, env: Env, e: Expr & { kind: 'While' }): CExpr {
  const cond = elabExpr(ctx, env, e.cond);
  const p = loopParts(ctx, env, e.body);
  return { kind: 'While', cond, body: p.body, invariants: p.invariants, decreases: p.decreases, obs: p.obs, ty: T.unit, span: e.span };
}

export function elabFor(ctx: FnCtx, env: Env, e: Expr & { kind: 'For' }): CExpr {
  const span: Span = e.span;
  const from = elabExpr(ctx, env, e.from);
  const to = elabExpr(ctx, env, e.to);
  const ty = typeOf(e.from);
  const iv = newVar(ctx.prog, e.var, ty, false, FROM_SAFE); // immutable for the source
  const i = declare(ctx, iv);
  const end = local(ctx, `${e.var}_end`, ty, false, FROM_SAFE).name;
  const more = local(ctx, `${e.var}_more`, T.bool, true, FROM_SAFE).name;
  const I = cVar(i, ty, e.varSpan);
  const END = cVar(end, ty, span);
  const step = (): CExpr =>
    cIf(
      cEq(I, END, span),
      { kind: 'Assign', name: more, value: cBool(false, span), ty: T.unit, span },
      { kind: 'Assign', name: i, value: cPrim(e.down ? 'sub' : 'add', [I, cConst(1n, ty, span)], ty, span), ty: T.unit, span },
      T.unit,
      span,
    );
  const p = loopParts(ctx, bind(env, e.var, { kind: 'var', v: iv }), e.body, () => [step()]);
  const loop: CExpr = {
    kind: 'While',
    cond: cVar(more, T.bool, span),
    body: p.body,
    invariants: p.invariants,
    decreases: p.decreases,
    obs: p.obs,
    ty: T.unit,
    span,
  };
  const nonEmpty = cPrim(e.down ? 'ge' : 'le', [I, END], T.bool, span);
  const guarded = cIf(nonEmpty, cLet(more, true, cBool(true, span), loop, span), cUnit(span), T.unit, span);
  return cLet(i, true, from, cLet(end, false, to, guarded, span), span);
}
