// Lambda lifting. A nested function becomes a top-level Core function named
// `outer.inner` (`outer.inner.deep` further in; `_1`... on a clash). The immutable local
// values it reads from enclosing scopes — directly, or through the nested functions it
// calls, which need them passed along — become extra parameters after its own, in the
// order they were declared; every call passes them. For a `let rec ... and ...` group the
// capture sets are computed together, to a fixpoint. Reading a `mutable` from an enclosing
// scope is an error in Clef v1 (a copy would silently go stale).
import type { Binding, Expr, Pattern, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { bind, lookup } from './context.ts';
import type { Env, FnCtx, LocalFn, VarInfo } from './context.ts';
import { elabFunction, paramType } from './elab-fn.ts';
import { fresh } from './names.ts';
import { patternVars, unwrapPattern } from './patterns.ts';
import { typeOf } from './type-util.ts';

/** Free names of an expression (first use of each), given the names bound around it. */
type Free = Map<string, Span>;

function withNames(bound: ReadonlySet<string>, names: string[]): Set<string> {
  const s = new Set(bound);
  for (const n of names) s.add(n);
  return s;
}

function patNames(p: Pattern): string[] {
  return patternVars(p);
}

export function bindingName(b: Binding): string {
  const p = unwrapPattern(b.pat);
  if (p.kind !== 'PVar') throw errorAt(b.pat.span, 'a function binding must name the function');
  return p.name;
}

function fnFree(b: Binding, bound: ReadonlySet<string>, out: Free): void {
  const inner = withNames(bound, (b.params ?? []).flatMap((p) => patNames(p.pat)));
  exprFree(b.body, inner, out);
  const withResult = withNames(inner, ['result']);
  for (const a of b.attrs) if (a.contract) exprFree(a.contract, withResult, out);
}

function exprFree(e: Expr, bound: ReadonlySet<string>, out: Free): void {
  const go = (x: Expr, b: ReadonlySet<string> = bound) => exprFree(x, b, out);
  switch (e.kind) {
    case 'Lit':
      return;
    case 'Name':
      if (!bound.has(e.name) && !out.has(e.name)) out.set(e.name, e.span);
      return;
    case 'App':
      go(e.fn);
      e.args.forEach((a) => go(a));
      return;
    case 'Binary':
      go(e.left);
      go(e.right);
      return;
    case 'Unary':
      go(e.operand);
      return;
    case 'If':
      go(e.cond);
      go(e.then);
      if (e.else) go(e.else);
      return;
    case 'Match':
      go(e.scrutinee);
      for (const c of e.cases) {
        const inner = withNames(bound, patNames(c.pat));
        if (c.guard) go(c.guard, inner);
        go(c.body, inner);
      }
      return;
    case 'While':
      go(e.cond);
      go(e.body);
      return;
    case 'For':
      go(e.from);
      go(e.to);
      go(e.body, withNames(bound, [e.var]));
      return;
    case 'Let': {
      const names = e.bindings.flatMap((b) => patNames(b.pat));
      const inner = withNames(bound, names);
      for (const b of e.bindings) {
        const scope = e.rec ? inner : bound;
        if (b.params !== null) fnFree(b, scope, out);
        else go(b.body, scope);
      }
      go(e.body, inner);
      return;
    }
    case 'Use':
      go(e.value);
      go(e.body, withNames(bound, [e.name]));
      return;
    case 'Seq':
      e.exprs.forEach((x) => go(x));
      return;
    case 'Assign':
      go(e.target);
      go(e.value);
      return;
    case 'Tuple':
    case 'ArrayLit':
      e.items.forEach((x) => go(x));
      return;
    case 'Record':
      if (e.base) go(e.base);
      e.fields.forEach((f) => go(f.value));
      return;
    case 'Field':
      go(e.target);
      return;
    case 'Index':
      go(e.target);
      go(e.index);
      return;
    case 'Interp':
      for (const p of e.parts) if (typeof p !== 'string') go(p);
      return;
    case 'Quant':
      go(e.from);
      go(e.to);
      go(e.body, withNames(bound, [e.var]));
      return;
    case 'Annot':
      go(e.expr);
      return;
  }
}

/** Lifts a group of nested function bindings out of `ctx`'s function and returns the
 *  environment in which the rest of the block sees them. */
export function liftGroup(ctx: FnCtx, env: Env, rec: boolean, bindings: Binding[]): Env {
  const group = bindings.map((b) => {
    const src = bindingName(b);
    const f: LocalFn = {
      name: fresh(ctx.prog.fnNames, `${ctx.name}.${src}`),
      params: (b.params ?? []).map(paramType),
      ret: typeOf(b.body, `the body of ${src}`),
      captures: [],
      requires: b.attrs.some((a) => a.name === 'Requires'),
      span: b.span,
    };
    return { b, src, f };
  });
  let groupEnv = env;
  for (const g of group) groupEnv = bind(groupEnv, g.src, { kind: 'localfn', f: g.f });
  const defEnv = rec ? groupEnv : env;

  const direct = group.map((g) => {
    const free: Free = new Map();
    fnFree(g.b, new Set(), free);
    const vars = new Map<number, VarInfo>();
    const calls: LocalFn[] = [];
    for (const [name, span] of free) {
      const entry = lookup(defEnv, name);
      if (entry?.kind === 'var') {
        if (entry.v.mutable)
          throw errorAt(span, `${g.src} reads the mutable variable ${name} of an enclosing function: not supported yet (closures over mutable variables are not in Clef v1; copy it into an immutable let, or pass it as a parameter)`);
        vars.set(entry.v.uid, entry.v);
      } else if (entry?.kind === 'localfn' && entry.f !== g.f) calls.push(entry.f);
    }
    return { g, vars, calls };
  });
  // What a callee needs, its caller must have in order to pass it on.
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of direct) {
      for (const callee of d.calls) {
        const needs = direct.find((x) => x.g.f === callee)?.vars.values() ?? callee.captures.values();
        for (const v of needs) {
          if (!d.vars.has(v.uid)) {
            d.vars.set(v.uid, v);
            changed = true;
          }
        }
      }
    }
  }
  for (const d of direct) d.g.f.captures = [...d.vars.values()].sort((a, b) => a.uid - b.uid);
  for (const g of group) ctx.lifted.push(...elabFunction(ctx.prog, g.f.name, g.b, defEnv, g.f.captures, ctx.name, false));
  return groupEnv;
}
