// The Clef type checker: annotates the AST in place (see compiler/syntax/ast.ts) and
// returns the program's named types and its warnings. Declarations are checked in order,
// as in F# (a name is usable after its definition, or inside its `let rec` group); after
// each declaration its types are made final (unknowns take their defaults) and its matches
// are checked for exhaustiveness. Errors of several declarations are collected; within a
// declaration the first error stops it.
import type { Binding, Decl, LetDecl, Pattern, Program, Span } from '../syntax/ast.ts';
import { DiagnosticError, errorAt } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { expr } from './check-expr.ts';
import { checkFunctionBody, functionName, paramTypes, valueAnnotation } from './check-let.ts';
import type { Checker, Env } from './context.ts';
import { analyseMatch } from './exhaustive.ts';
import { fresh, newInfer, unify, zonk } from './infer.ts';
import { declareType, newTypeScope, resolveTypeExpr } from './typedecls.ts';
import { T } from './types.ts';
import type { Type, TypeTable } from './types.ts';
import { walkDecl } from './walk.ts';

export type CheckResult = { types: TypeTable; warnings: Diagnostic[] };

const TOP_ATTRS = new Set(['EntryPoint', 'Requires', 'Ensures', 'Literal']);

export function checkProgram(prog: Program): CheckResult {
  const ts = newTypeScope();
  const cx: Checker = {
    ts,
    s: newInfer(ts.table),
    globals: new Map(),
    declaredLater: new Map(),
    warnings: [],
    uids: new Set(),
    nextFnId: 0,
    pending: [],
    topContracts: new Map(),
    entry: findEntry(prog),
    failed: new Set(),
  };
  for (const d of prog.decls) {
    if (d.kind !== 'LetDecl') continue;
    for (const b of d.bindings) {
      const n = bindingName(b);
      if (n && !cx.declaredLater.has(n)) cx.declaredLater.set(n, b.pat.span);
    }
  }
  const errors: Diagnostic[] = [];
  const entryAttrs = prog.decls.flatMap((d) => (d.kind === 'LetDecl' ? d.bindings.flatMap((b) => b.attrs.filter((a) => a.name === 'EntryPoint')) : []));
  for (const a of entryAttrs.slice(1)) {
    errors.push({ severity: 'error', span: a.span, message: `a program has one [<EntryPoint>] (the first is at line ${entryAttrs[0]!.span.line})` });
  }
  for (const d of prog.decls) {
    cx.pending = [];
    cx.topContracts = new Map();
    try {
      if (d.kind === 'TypeDecl') declareType(ts, d);
      else {
        checkLetDecl(cx, d);
        finishDecl(cx, d);
      }
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      errors.push(...e.diagnostics);
      if (d.kind === 'LetDecl') {
        for (const b of d.bindings) {
          const n = bindingName(b);
          if (n && !cx.globals.has(n)) cx.failed.add(n);
        }
      }
    }
  }
  if (errors.length) throw new DiagnosticError(errors);
  const warnings = [...cx.warnings].sort((a, b) => a.span.start - b.span.start);
  return { types: ts.table, warnings };
}

function bindingName(b: Binding): string | null {
  const p = b.pat.kind === 'PAnnot' ? b.pat.pat : b.pat;
  return p.kind === 'PVar' ? p.name : null;
}

/** The `[<EntryPoint>]` function, else a function named `main`. */
function findEntry(prog: Program): string | null {
  let main: string | null = null;
  for (const d of prog.decls) {
    if (d.kind !== 'LetDecl') continue;
    for (const b of d.bindings) {
      const n = bindingName(b);
      if (b.attrs.some((a) => a.name === 'EntryPoint')) return n;
      if (n === 'main' && b.params !== null) main = n;
    }
  }
  return main;
}

function topEnv(cx: Checker, name: string): Env {
  return { scope: { vars: new Map(), parent: null }, fnId: cx.nextFnId++, fnName: name, contract: false, result: null, staticInit: null, useValue: null };
}

/** Each top-level binding has its own uid namespace; a local never takes a global's name
 *  (nor `result`, which names the return value in Ensures). */
function resetUids(cx: Checker): void {
  cx.uids = new Set(['result']);
}

function checkAttrs(b: Binding, isFunction: boolean): void {
  for (const a of b.attrs) {
    if (!TOP_ATTRS.has(a.name)) throw errorAt(a.span, `attribute ${a.name} is not supported yet`);
    if (a.name === 'Literal' ? isFunction : !isFunction) {
      throw errorAt(a.span, `attribute ${a.name} belongs on ${isFunction ? 'a value' : 'a function'}`);
    }
  }
}

function register(cx: Checker, name: string, ty: Type, arity: number | null, span: Span): void {
  const prev = cx.globals.get(name);
  if (prev) throw errorAt(span, `duplicate definition of ${name} (first defined at line ${prev.span.line})`);
  cx.globals.set(name, { name, ty, arity, span });
}

type Header = { name: string; params: Type[]; ret: Type; span: Span };

function header(cx: Checker, b: Binding): Header {
  checkAttrs(b, true);
  const { name, pat } = functionName(b);
  if (b.mutable) throw errorAt(b.span, 'a function cannot be mutable');
  const entry = name === cx.entry;
  const params = paramTypes(cx, b);
  (b.params ?? []).forEach((p, i) => {
    if (p.type || annotated(p.pat)) return;
    if (entry && b.params!.length === 1) {
      params[i] = { kind: 'span', elem: T.string };
      return;
    }
    const what = p.pat.kind === 'PVar' ? `parameter ${p.pat.name}` : 'this parameter';
    throw errorAt(p.span, `${what} of ${name} needs a type annotation (top-level parameters are annotated in Clef, e.g. (${p.pat.kind === 'PVar' ? p.pat.name : 'x'}: int))`);
  });
  let ret: Type = b.retType ? resolveTypeExpr(cx.ts, b.retType) : fresh(cx.s);
  if (entry) {
    if (b.retType) unify(cx.s, T.int, ret, b.retType.span, ' (main returns the process exit code)');
    ret = T.int;
  }
  const ty: Type = { kind: 'fn', params, ret };
  pat.ty = ty;
  return { name, params, ret, span: pat.span };
}

/** A parameter pattern that carries its own type: `(a: int)`, `()`, `(a: int, b: int)`. */
function annotated(p: Pattern): boolean {
  switch (p.kind) {
    case 'PAnnot':
      return true;
    case 'PLit':
      return p.lit.kind === 'LUnit';
    case 'PTuple':
      return p.items.every(annotated);
    default:
      return false;
  }
}

function checkLetDecl(cx: Checker, d: LetDecl): void {
  if (d.rec) {
    const hs = d.bindings.map((b) => {
      if (b.params === null) throw errorAt(b.span, `'let rec' is only for functions`);
      return header(cx, b);
    });
    hs.forEach((h) => register(cx, h.name, { kind: 'fn', params: h.params, ret: h.ret }, h.params.length, h.span));
    d.bindings.forEach((b, i) => {
      resetUids(cx);
      checkFunctionBody(cx, topEnv(cx, hs[i]!.name), b, hs[i]!.name, hs[i]!.params, hs[i]!.ret);
    });
    return;
  }
  for (const b of d.bindings) {
    if (b.params !== null) {
      const h = header(cx, b);
      resetUids(cx);
      let ok = false;
      try {
        checkFunctionBody(cx, topEnv(cx, h.name), b, h.name, h.params, h.ret);
        ok = true;
      } finally {
        // Registered even when the body has an error, so later uses do not cascade.
        if (ok || !cx.globals.has(h.name)) register(cx, h.name, { kind: 'fn', params: h.params, ret: h.ret }, h.params.length, h.span);
      }
    } else {
      topValue(cx, b);
    }
  }
}

function topValue(cx: Checker, b: Binding): void {
  checkAttrs(b, false);
  const name = bindingName(b);
  if (!name) throw errorAt(b.pat.span, 'a top-level value must be a single name (top-level pattern bindings are not supported yet)');
  if (b.mutable) throw errorAt(b.span, `top-level mutable values are not supported yet (${name} must be immutable)`);
  if (name === cx.entry) throw errorAt(b.pat.span, `the entry point ${name} must be a function: let ${name} argv = ...`);
  resetUids(cx);
  let body = b.body;
  while (body.kind === 'Annot') body = body.expr;
  const env: Env = { ...topEnv(cx, name), staticInit: body };
  const hint = valueAnnotation(cx, b);
  let t: Type = fresh(cx.s);
  let ok = false;
  try {
    t = expr(cx, env, b.body, hint);
    ok = true;
  } finally {
    b.pat.ty = t;
    if (b.pat.kind === 'PAnnot') b.pat.pat.ty = t;
    if (ok || !cx.globals.has(name)) register(cx, name, t, null, b.pat.span);
  }
}

/** Makes every type of the declaration final and reports its incomplete matches. */
function finishDecl(cx: Checker, d: Decl): void {
  const s = cx.s;
  walkDecl(d, {
    expr: (e) => {
      if (e.ty) e.ty = zonk(s, e.ty);
    },
    pat: (p) => {
      if (p.ty) p.ty = zonk(s, p.ty);
    },
    param: (p) => {
      if (p.ty) p.ty = zonk(s, p.ty);
    },
  });
  if (d.kind === 'LetDecl') {
    for (const b of d.bindings) {
      const n = bindingName(b);
      const g = n ? cx.globals.get(n) : undefined;
      if (g) g.ty = zonk(s, g.ty);
    }
  }
  for (const m of cx.pending) {
    const report = analyseMatch(s.table, zonk(s, m.scrutinee), m.cases);
    if (report.missing) {
      const msg = report.missing.isCase
        ? `incomplete match: the case '${report.missing.text}' is not covered`
        : `incomplete match: e.g. the value '${report.missing.text}' is not covered`;
      cx.warnings.push({ severity: 'warning', span: m.span, message: msg });
    }
    if (!m.isLet) {
      for (const i of report.redundant) {
        cx.warnings.push({ severity: 'warning', span: m.cases[i]!.span, message: 'this rule is never matched (earlier rules cover it)' });
      }
    }
  }
}
