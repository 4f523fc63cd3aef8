// AST -> Core. The program must have been type-checked (every expression carries `ty`).
//
// Top level:
// - functions become CoreFns in source order, each followed by the functions lifted out of
//   it (lambda-lift.ts);
// - a value whose initialiser is a constant expression is inlined at its uses (consts.ts);
// - an array literal or `Array.zeroCreate<T> N` is static storage (`StaticData`, used
//   through `Static` nodes: a span over the static block; statics are mutable);
// - any other value becomes a function without parameters, called at each use. F#
//   evaluates such a value once at start-up; the two agree because a top-level value may
//   not have effects (Console calls are rejected) and Core values are immutable.
//
// The entry point is the `[<EntryPoint>]` function, else a top-level function `main`.
// It has exactly one parameter, the command line: `argv : Span<string>` holding the
// arguments given after `--` (not the program name), whatever the source calls it
// (`main argv`, `main _`, `main ()` all become `argv: Span<string>`; an unused one is
// named `argv`). Its result (`int`) is the process exit code.
import type { Binding, Expr, Program } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import type { Type, TypeTable } from '../types/types.ts';
import { newNameGen, fresh } from './names.ts';
import type { Global, ProgCtx } from './context.ts';
import { newFnCtx } from './context.ts';
import type { CExpr, CoreConst, CoreFn, CoreProgram } from './core.ts';
import { constValue } from './consts.ts';
import { elabExpr } from './elab-expr.ts';
import { elabFunction, paramType } from './elab-fn.ts';
import { bindingName } from './lambda-lift.ts';
import { unwrapPattern } from './patterns.ts';
import { typeOf, zeroOf } from './type-util.ts';

export function elaborate(prog: Program, types: TypeTable): CoreProgram {
  const mentioned = namesUsed(prog);
  const pctx: ProgCtx = {
    types,
    globals: new Map(),
    fnNames: newNameGen(),
    statics: [],
    hasArenaReset: mentioned.has('Arena.reset'),
    hasRegions: mentioned.has('Region.create'),
    nextUid: 0,
  };
  const entryBinding = findEntry(prog);
  let entry: string | null = null;
  const functions: CoreFn[] = [];
  for (const d of prog.decls) {
    if (d.kind !== 'LetDecl') continue;
    const fns = d.bindings.filter((b) => b.params !== null);
    if (fns.length && fns.length !== d.bindings.length) throw errorAt(d.span, 'not supported yet: functions and values in one let ... and ... group');
    if (!fns.length) {
      for (const b of d.bindings) topValue(pctx, b, functions);
      continue;
    }
    // A recursive group sees its own names; a plain function only earlier ones.
    const names = d.bindings.map((b) => fresh(pctx.fnNames, bindingName(b)));
    const register = () => d.bindings.forEach((b, i) => pctx.globals.set(bindingName(b), fnGlobal(b, names[i]!, b === entryBinding)));
    if (d.rec) register();
    d.bindings.forEach((b, i) => {
      functions.push(...elabFunction(pctx, names[i]!, b, null, [], null, b === entryBinding));
      if (b === entryBinding) entry = names[i]!;
    });
    if (!d.rec) register();
  }
  return { kind: 'CoreProgram', file: prog.span.file, types, statics: pctx.statics, functions, entry };
}

function fnGlobal(b: Binding, name: string, isEntry: boolean): Global {
  return {
    kind: 'fn',
    name,
    params: (b.params ?? []).map((p) => (isEntry ? { kind: 'span', elem: { kind: 'string' } } : paramType(p))),
    ret: typeOf(b.body, 'function body'),
    requires: b.attrs.some((a) => a.name === 'Requires'),
  };
}

function findEntry(prog: Program): Binding | null {
  let main: Binding | null = null;
  for (const d of prog.decls) {
    if (d.kind !== 'LetDecl') continue;
    for (const b of d.bindings) {
      if (b.params === null) continue;
      if (b.attrs.some((a) => a.name === 'EntryPoint')) return b;
      const p = unwrapPattern(b.pat);
      if (p.kind === 'PVar' && p.name === 'main') main = b;
    }
  }
  if (main && main.params!.length !== 1) throw errorAt(main.span, 'the entry point takes one parameter (the command line): let main argv = ...');
  return main;
}

function topValue(pctx: ProgCtx, b: Binding, functions: CoreFn[]): void {
  const pat = unwrapPattern(b.pat);
  if (b.mutable) throw errorAt(b.span, 'not supported yet: a top-level let mutable (global mutable state)');
  if (pat.kind !== 'PVar') throw errorAt(b.pat.span, 'not supported yet: a pattern in a top-level let (bind one name)');
  const src = pat.name;
  const body = b.body.kind === 'Annot' ? b.body.expr : b.body;
  const ty = typeOf(body);
  const stat = staticValues(pctx, body, ty);
  if (stat) {
    const name = fresh(pctx.fnNames, src);
    pctx.statics.push({ name, elem: stat.elem, values: stat.values, span: b.span });
    pctx.globals.set(src, { kind: 'static', name, ty });
    return;
  }
  const c = constValue(body, pctx.globals);
  if (c !== undefined) {
    pctx.globals.set(src, { kind: 'const', value: c, ty });
    return;
  }
  const effect = firstConsoleCall(body);
  if (effect) throw errorAt(effect.span, `not supported yet: a top-level value with effects (${src} calls ${effect.name}); compute it in main`);
  if (ty.kind === 'arena' || ty.kind === 'region')
    throw errorAt(b.span, `not supported yet: a top-level ${ty.kind === 'arena' ? 'Arena' : 'Region'} (create it in main and pass it as a parameter)`);
  const name = fresh(pctx.fnNames, src);
  const ctx = newFnCtx(pctx, name);
  const cbody: CExpr = elabExpr(ctx, null, b.body);
  if (ctx.allocatesStack) throw errorAt(b.span, `not supported yet: stack memory in a top-level value (${src}); use a static array or allocate it in main`);
  functions.push({ name, params: [], ret: ty, body: cbody, requires: [], ensures: [], decreases: null, liftedFrom: null, obs: ctx.fnObs, span: b.span }, ...ctx.lifted);
  pctx.globals.set(src, { kind: 'thunk', name, ty });
}

/** A top-level array literal of constants or `Array.zeroCreate<T> N`: static storage. */
function staticValues(pctx: ProgCtx, e: Expr, ty: Type): { elem: Type; values: CoreConst[] } | null {
  if (ty.kind !== 'span') return null;
  if (e.kind === 'ArrayLit') {
    const values = e.items.map((it) => {
      const v = constValue(it, pctx.globals);
      if (v === undefined) throw errorAt(it.span, 'an element of a static array must be a constant');
      return v;
    });
    return { elem: ty.elem, values };
  }
  if (e.kind === 'App' && e.fn.kind === 'Name' && (e.fn.res?.kind === 'builtin' ? e.fn.res.name : e.fn.name) === 'Array.zeroCreate') {
    const n = e.args.length === 1 ? constValue(e.args[0]!, pctx.globals) : undefined;
    if (typeof n !== 'bigint' || n < 0n) throw errorAt(e.span, 'a static Array.zeroCreate needs a constant, non-negative size');
    const zero = zeroOf(ty.elem);
    if (zero === undefined) throw errorAt(e.span, 'not supported yet: a static array of non-scalar elements');
    return { elem: ty.elem, values: Array<CoreConst>(Number(n)).fill(zero) };
  }
  return null;
}

/** Every Name in the program (to know whether it resets arenas or uses regions at all). */
function namesUsed(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const x of node) namesUsed(x, out);
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.kind === 'Name' && typeof o.name === 'string') {
      out.add(o.name);
      const res = o.res as { kind: string; name?: string } | undefined;
      if (res?.kind === 'builtin' && res.name) out.add(res.name);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'span' && k !== 'ty' && k !== 'res' && v && typeof v === 'object') namesUsed(v, out);
  }
  return out;
}

function firstConsoleCall(e: unknown): { name: string; span: Expr['span'] } | null {
  if (Array.isArray(e)) {
    for (const x of e) {
      const r = firstConsoleCall(x);
      if (r) return r;
    }
    return null;
  }
  if (!e || typeof e !== 'object') return null;
  const o = e as Record<string, unknown>;
  if (o.kind === 'Name' && typeof o.name === 'string' && o.name.startsWith('Console.')) return { name: o.name, span: o.span as Expr['span'] };
  for (const [k, v] of Object.entries(o)) {
    if (k === 'span' || k === 'ty' || k === 'res') continue;
    const r = firstConsoleCall(v);
    if (r) return r;
  }
  return null;
}
