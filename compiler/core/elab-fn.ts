// One function: parameters, contracts, body, and its whole-function obligations. Used for
// top-level functions and for lifted nested ones (which also get their captures).
import type { Binding, Param, Pattern } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { T } from '../types/types.ts';
import type { Type } from '../types/types.ts';
import { cSeq, cVar } from './build.ts';
import { bind, declare, inContract, local, newFnCtx, newVar, ob } from './context.ts';
import type { Env, ProgCtx, VarInfo } from './context.ts';
import type { CExpr, CoreFn, CoreParam, Obligation } from './core.ts';
import { elabExpr } from './elab-expr.ts';
import { leadingContracts } from './elab-loops.ts';
import { compileMatch } from './elab-match.ts';
import { paramOrigin } from './elab-memory.ts';
import { fresh } from './names.ts';
import { unwrapPattern } from './patterns.ts';
import { concrete, internal, mayHoldMemory, typeOf } from './type-util.ts';

export function paramType(p: Param): Type {
  const t = p.ty ?? p.pat.ty;
  if (!t) throw internal(`parameter at ${p.span.line}:${p.span.col} has no type`);
  return concrete(t);
}

/** The entry point's parameter is the command line: `Span<string>` of the arguments after
 *  `--` (the program name is not included), whatever the source calls it (`argv`, `_`). */
export const ARGV_TYPE: Type = { kind: 'span', elem: T.string };

/** Builds `name` from `b`; returns it followed by the functions lifted out of it. */
export function elabFunction(
  prog: ProgCtx,
  name: string,
  b: Binding,
  env0: Env,
  captures: VarInfo[],
  liftedFrom: string | null,
  isEntry: boolean,
): CoreFn[] {
  const ctx = newFnCtx(prog, name);
  const ensures = b.attrs.filter((a) => a.name === 'Ensures');
  const requires = b.attrs.filter((a) => a.name === 'Requires');
  if (ensures.length) ctx.names.used.add('result');
  let env = env0;
  const params: CoreParam[] = [];
  const destructure: { pat: Pattern; v: string; ty: Type }[] = [];
  for (const p of b.params ?? []) {
    const ty = isEntry ? ARGV_TYPE : paramType(p);
    const pat = unwrapPattern(p.pat);
    if (pat.kind === 'PVar') {
      const { v, name: n } = local(ctx, pat.name, ty, false, paramOrigin(ty));
      env = bind(env, pat.name, { kind: 'var', v });
      params.push({ name: n, ty, span: p.span });
    } else if (pat.kind === 'PWild' || (pat.kind === 'PLit' && pat.lit.kind === 'LUnit')) {
      params.push({ name: fresh(ctx.names, isEntry ? 'argv' : '_'), ty, span: p.span });
    } else {
      const n = fresh(ctx.names, 'arg');
      params.push({ name: n, ty, span: p.span });
      destructure.push({ pat: p.pat, v: n, ty });
    }
  }
  for (const v of captures) params.push({ name: declare(ctx, v), ty: v.ty, span: b.span });
  for (const d of destructure) ctx.varOf.set(d.v, newVar(prog, d.v, d.ty, false, paramOrigin(d.ty)));

  const contract = (a: (typeof b.attrs)[number], e: Env): CExpr => {
    if (!a.contract) throw errorAt(a.span, `${a.name} needs a contract string`);
    return inContract(ctx, () => elabExpr(ctx, e, a.contract!));
  };
  const ret = isEntry ? T.int : typeOf(b.body, 'function body');
  const req = requires.map((a) => contract(a, env));
  let ens: CExpr[] = [];
  if (ensures.length) {
    const rv = newVar(prog, 'result', ret, false, 0);
    ctx.coreOf.set(rv.uid, 'result');
    ctx.varOf.set('result', rv);
    const envR = bind(env, 'result', { kind: 'var', v: rv });
    ens = ensures.map((a) => contract(a, envR));
  }

  // `Contract.decreases` at the top of the body is the function's termination measure.
  const top = leadingContracts(b.body);
  if (top.invariants.length) throw errorAt(top.invariants[0]!.span, 'Contract.invariant belongs at the top of a loop body');
  const decreases = top.decreases ? inContract(ctx, () => elabExpr(ctx, env, top.decreases!.args[0]!)) : null;
  const termination = top.decreases ? ob(ctx, 'termination', top.decreases.span) : null;
  const bodyExpr = (e: Env): CExpr => {
    if (!top.decreases) return elabExpr(ctx, e, b.body);
    return cSeq(top.rest.map((s) => elabExpr(ctx, e, s)), b.body.span);
  };
  const withParams = (i: number, e: Env): CExpr => {
    const d = destructure[i];
    if (!d) return bodyExpr(e);
    const clause = { pat: d.pat, guard: null, span: d.pat.span, body: (e2: Env) => withParams(i + 1, e2) };
    return compileMatch(ctx, e, cVar(d.v, d.ty, d.pat.span), [clause], ret, d.pat.span);
  };
  const body = withParams(0, env);

  const obs: Obligation[] = ensures.map((a) => ob(ctx, 'postcondition', a.span));
  if (termination) obs.push(termination);
  // Stack memory (stackalloc, arenas, local arrays) dies with the frame: a result that may
  // point into memory must not point into this frame's.
  if (ctx.allocatesStack && mayHoldMemory(ret, prog.types)) obs.push(ob(ctx, 'stack-escape', b.span));
  obs.push(...ctx.fnObs);
  const fn: CoreFn = { name, params, ret, body, requires: req, ensures: ens, decreases, liftedFrom, obs, span: b.span };
  return [fn, ...ctx.lifted];
}
