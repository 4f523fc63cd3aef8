// Applications `f a b`: calls of top-level and lifted functions (a lifted function gets its
// captured values after the source arguments), union case construction, and the built-ins
// of CLEF.md (runtime calls, conversions, contracts, memory).
import type { Expr, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { T, caseFieldTypes, showType } from '../types/types.ts';
import type { Type } from '../types/types.ts';
import { cLet, cPrim, cSeq, cUnit, cVar, isPure } from './build.ts';
import { coreName, inContract, local, lookup, ob } from './context.ts';
import type { Env, FnCtx } from './context.ts';
import type { BuiltinName, CExpr, Obligation } from './core.ts';
import { elabExpr } from './elab-expr.ts';
import { localZeroArray, memoryBuiltin, originOf } from './elab-memory.ts';
import { lookupCase } from './type-util.ts';

export function elabApp(ctx: FnCtx, env: Env, fn0: Expr, args: Expr[], ty: Type, span: Span): CExpr {
  const fn = fn0.kind === 'Annot' ? fn0.expr : fn0;
  if (fn.kind === 'Name') {
    const entry = lookup(env, fn.name);
    if (entry?.kind === 'localfn') {
      const f = entry.f;
      checkArity(fn.name, f.params.length, args.length, span);
      const cargs = args.map((a) => elabExpr(ctx, env, a));
      const captured = f.captures.map((v) => cVar(coreName(ctx, v), v.ty, span));
      return { kind: 'Call', fn: f.name, args: [...cargs, ...captured], obs: f.requires ? [ob(ctx, 'precondition', span)] : [], ty, span };
    }
    if (entry?.kind === 'var') throw errorAt(fn.span, `not supported yet: calling ${fn.name}, a function value (closures are not in Clef v1)`);
    if (fn.res?.kind === 'case') return makeCase(ctx, env, span, fn.name, fn.res.ref.caseName, args, ty);
    const g = fn.res?.kind === 'builtin' ? undefined : ctx.prog.globals.get(fn.name);
    if (g) {
      if (g.kind !== 'fn') throw errorAt(fn.span, `${fn.name} is a value, not a function`);
      checkArity(fn.name, g.params.length, args.length, span);
      const cargs = args.map((a) => elabExpr(ctx, env, a));
      return { kind: 'Call', fn: g.name, args: cargs, obs: g.requires ? [ob(ctx, 'precondition', span)] : [], ty, span };
    }
    const name = fn.res?.kind === 'builtin' ? fn.res.name : fn.name;
    const b = elabBuiltin(ctx, env, name, args, ty, span);
    if (b) return b;
    const c = lookupCase(ctx.prog.types, fn.name, ty);
    if (c) return makeCase(ctx, env, span, fn.name, c.info.name, args, ty);
    throw errorAt(fn.span, `not supported yet: ${fn.name}`);
  }
  if (fn.kind === 'Field') {
    const qualified = fn.target.kind === 'Name' ? `${fn.target.name}.${fn.name}` : fn.name;
    const caseName = fn.res?.kind === 'case' ? fn.res.ref.caseName : lookupCase(ctx.prog.types, qualified, ty)?.info.name;
    if (caseName) return makeCase(ctx, env, span, qualified, caseName, args, ty);
  }
  throw errorAt(fn.span, 'not supported yet: applying an expression that is not a function name (closures are not in Clef v1)');
}

function checkArity(name: string, want: number, got: number, span: Span): void {
  if (got < want) throw errorAt(span, `not supported yet: partial application of ${name} (it takes ${want} arguments, given ${got})`);
  if (got > want) throw errorAt(span, `${name} takes ${want} arguments but is given ${got}`);
}

/** A union value. A multi-field case takes a tuple: `C (a, b)` gives the payload [a, b]
 *  directly, `C t` reads the fields out of `t`. */
export function makeCase(ctx: FnCtx, env: Env, span: Span, shown: string, caseName: string, args: Expr[], ty: Type): CExpr {
  if (ty.kind !== 'union') throw errorAt(span, `${shown} does not build a union value here`);
  const info = ctx.prog.types.unions.get(ty.name)?.cases.find((c) => c.name === caseName);
  if (!info) throw errorAt(span, `unknown union case ${shown}`);
  const ftys = caseFieldTypes(ctx.prog.types, ty, caseName);
  const n = ftys.length;
  if (args.length === 0) {
    if (n !== 0) throw errorAt(span, `not supported yet: using the union case ${shown} as a function value`);
    return { kind: 'MakeCase', tag: info.tag, payload: [], ty, span };
  }
  if (args.length !== 1 || n === 0) throw errorAt(span, `the union case ${shown} takes ${n === 0 ? 'no arguments' : 'one argument'}`);
  const arg = args[0]!.kind === 'Annot' ? (args[0] as Expr & { kind: 'Annot' }).expr : args[0]!;
  if (n === 1) return { kind: 'MakeCase', tag: info.tag, payload: [elabExpr(ctx, env, arg)], ty, span };
  if (arg.kind === 'Tuple' && arg.items.length === n) {
    return { kind: 'MakeCase', tag: info.tag, payload: arg.items.map((x) => elabExpr(ctx, env, x)), ty, span };
  }
  const t = elabExpr(ctx, env, arg);
  if (t.ty.kind !== 'tuple' || t.ty.elems.length !== n) throw errorAt(arg.span, `the union case ${shown} needs ${n} fields`);
  const name = isPure(t) ? null : local(ctx, 'payload', t.ty, false, originOf(ctx, t)).name;
  const tv = name ? cVar(name, t.ty, arg.span) : t;
  const made: CExpr = {
    kind: 'MakeCase',
    tag: info.tag,
    payload: ftys.map((ft, i): CExpr => ({ kind: 'TupleGet', tuple: tv, index: i, ty: ft, span: arg.span })),
    ty,
    span,
  };
  return name ? cLet(name, false, t, made, span) : made;
}

const RUNTIME: ReadonlySet<string> = new Set<BuiltinName>([
  'Console.write', 'Console.writeln', 'Console.readln',
  'Format.int', 'Format.int64', 'Format.uint64', 'Format.float', 'Format.bool', 'Format.char',
]);

export const CONVERSIONS: ReadonlySet<string> = new Set([
  'int', 'int8', 'sbyte', 'int16', 'int32', 'int64', 'nativeint', 'uint8', 'byte', 'uint16', 'uint32', 'uint64',
  'unativeint', 'float', 'double', 'float32', 'single', 'char',
]);

/** Arguments of type unit that are just `()` carry nothing: runtime calls drop them. */
function dropUnitConst(args: CExpr[]): CExpr[] {
  return args.filter((a) => !(a.kind === 'Const' && a.value === null));
}

function elabBuiltin(ctx: FnCtx, env: Env, name: string, args: Expr[], ty: Type, span: Span): CExpr | null {
  const one = (): CExpr => {
    if (args.length !== 1) throw errorAt(span, `${name} takes one argument`);
    return elabExpr(ctx, env, args[0]!);
  };
  if (RUNTIME.has(name)) {
    const cargs = args.map((a) => elabExpr(ctx, env, a));
    // `Console.readln ()`: the unit argument carries nothing; one with effects still runs first.
    const effects = cargs.filter((a) => a.ty.kind === 'unit' && a.kind !== 'Const');
    const call: CExpr = { kind: 'Builtin', name: name as BuiltinName, args: cargs.filter((a) => a.ty.kind !== 'unit'), ty, span };
    return effects.length ? cSeq([...effects, call], span) : call;
  }
  if (CONVERSIONS.has(name)) return convert(ctx, one(), ty, span);
  switch (name) {
    case 'ignore': {
      const x = one();
      return cSeq([x, cUnit(span)], span);
    }
    case 'not':
      return cPrim('not', [one()], T.bool, span, ctx.math);
    case 'String.length':
      return cPrim('strlen', [one()], T.int, span, ctx.math);
    case 'Wrapping.add':
    case 'Wrapping.sub':
    case 'Wrapping.mul': {
      if (args.length !== 2) throw errorAt(span, `${name} takes two arguments`);
      const op = name === 'Wrapping.add' ? 'add' : name === 'Wrapping.sub' ? 'sub' : 'mul';
      // Explicitly wrapping: no overflow obligation, and never mathematical.
      return cPrim(op, args.map((a) => elabExpr(ctx, env, a)), ty, span, false);
    }
    case 'Contract.assert': {
      const cond = inContract(ctx, one);
      return { kind: 'Assert', cond, obs: [ob(ctx, 'assertion', span)], ty: T.unit, span };
    }
    case 'Contract.assume':
      return { kind: 'Assume', cond: inContract(ctx, one), ty: T.unit, span };
    case 'Contract.invariant':
      throw errorAt(span, 'Contract.invariant belongs among the first statements of a loop body');
    case 'Contract.decreases':
      throw errorAt(span, 'Contract.decreases belongs among the first statements of a loop or function body');
    case 'Array.zeroCreate': {
      if (ty.kind !== 'span') throw errorAt(span, 'Array.zeroCreate must produce a span');
      return localZeroArray(ctx, one(), ty.elem, span);
    }
  }
  if (!/^(NativePtr|Span|Arena|Region)\./.test(name)) return null;
  const cargs = dropUnitConst(args.map((a) => elabExpr(ctx, env, a)));
  const m = memoryBuiltin(ctx, name, cargs, args, ty, span);
  if (!m) throw errorAt(span, `not supported yet: ${name}`);
  return m;
}

/** Numeric conversion. Float to integer (or char) is the one that can fail: `overflow`. */
export function convert(ctx: FnCtx, arg: CExpr, ty: Type, span: Span): CExpr {
  if (showType(arg.ty) === showType(ty)) return arg;
  const obs: Obligation[] = [];
  if (arg.ty.kind === 'float' && (ty.kind === 'int' || ty.kind === 'char') && !ctx.math) obs.push(ob(ctx, 'overflow', span));
  return { kind: 'Convert', arg, obs, ty, span };
}
