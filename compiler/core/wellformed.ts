// A checker for the invariants core.ts promises, used by tests (and usable as a debug
// pass): names bound once per function and used in scope, assignments to mutable
// variables only, calls with the callee's arity, statics that exist, obligations with
// unique ids that name their function, no type variables, non-empty sequences.
import { showType } from '../types/types.ts';
import type { Type } from '../types/types.ts';
import type { CExpr, CoreFn, CoreProgram } from './core.ts';
import { childrenOf, fnObligations } from './walk.ts';

export function checkCore(p: CoreProgram): string[] {
  const problems: string[] = [];
  const fns = new Map<string, CoreFn>();
  for (const f of p.functions) {
    if (fns.has(f.name)) problems.push(`function ${f.name} defined twice`);
    fns.set(f.name, f);
  }
  const statics = new Set(p.statics.map((s) => s.name));
  if (p.entry !== null && !fns.has(p.entry)) problems.push(`entry ${p.entry} is not a function`);
  const ids = new Set<string>();
  for (const f of p.functions) {
    const at = (msg: string) => problems.push(`${f.name}: ${msg}`);
    for (const o of fnObligations(f)) {
      if (ids.has(o.id)) at(`obligation id ${o.id} used twice`);
      ids.add(o.id);
      if (o.fn !== f.name || !o.id.startsWith(`${f.name}/${o.category}/`)) at(`obligation ${o.id} does not belong to ${f.name}`);
    }
    const bound = new Set<string>();
    const declare = (name: string) => {
      if (bound.has(name)) at(`${name} is bound twice`);
      bound.add(name);
    };
    type Scope = Map<string, boolean>; // name -> mutable
    const params: Scope = new Map();
    for (const x of f.params) {
      declare(x.name);
      params.set(x.name, false);
      noVars(x.ty, `parameter ${x.name}`);
    }
    function noVars(t: Type, what: string) {
      if (showType(t).includes("'t")) at(`${what} has an unresolved type ${showType(t)}`);
    }
    const visit = (e: CExpr, scope: Scope): void => {
      noVars(e.ty, e.kind);
      switch (e.kind) {
        case 'Var':
          if (!scope.has(e.name)) at(`${e.name} used out of scope at ${e.span.line}:${e.span.col}`);
          return;
        case 'Let': {
          visit(e.init, scope);
          declare(e.name);
          visit(e.body, new Map(scope).set(e.name, e.mutable));
          return;
        }
        case 'Quant': {
          visit(e.from, scope);
          visit(e.to, scope);
          declare(e.var);
          visit(e.body, new Map(scope).set(e.var, false));
          return;
        }
        case 'Assign':
          if (scope.get(e.name) !== true) at(`assignment to ${e.name}, which is not a mutable variable in scope`);
          break;
        case 'Call': {
          const callee = fns.get(e.fn);
          if (!callee) at(`call of unknown function ${e.fn}`);
          else if (callee.params.length !== e.args.length) at(`${e.fn} called with ${e.args.length} arguments, takes ${callee.params.length}`);
          break;
        }
        case 'Static':
          if (!statics.has(e.name)) at(`unknown static ${e.name}`);
          break;
        case 'Seq':
          if (e.items.length === 0) at('empty Seq');
          break;
        default:
          break;
      }
      for (const c of childrenOf(e)) visit(c, scope);
    };
    for (const r of f.requires) visit(r, params);
    if (f.ensures.length) {
      const withResult = new Map(params).set('result', false);
      for (const r of f.ensures) visit(r, withResult);
    }
    if (f.decreases) visit(f.decreases, params);
    visit(f.body, params);
  }
  return problems;
}
