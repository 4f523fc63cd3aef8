// Memory operations and their obligations. Every access is `bounds`; an access to a span
// that may live in an arena also carries `use-after-reset` (when the program resets an
// arena at all), one that may live in a region `use-after-release` (when the program has
// regions). Where a span may live is a simple local provenance (`Origin`): fresh
// allocations know their kind, variables remember their initialiser's, parameters may be
// arena spans (a region span handed to a call stays alive for the whole call), everything
// else — mutable variables, parts of aggregates — may be anything.
import type { Expr, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { T } from '../types/types.ts';
import type { Type } from '../types/types.ts';
import { cConst, cInt, cLet, cPrim, cSeq, cVar } from './build.ts';
import { FROM_ANYWHERE, FROM_ARENA, FROM_REGION, FROM_SAFE, local, ob } from './context.ts';
import type { Env, FnCtx, Origin } from './context.ts';
import type { CExpr, Obligation } from './core.ts';
import { elabExpr } from './elab-expr.ts';
import { internal, zeroOf } from './type-util.ts';

export function originOf(ctx: FnCtx, c: CExpr): Origin {
  switch (c.kind) {
    case 'ArenaAlloc':
    case 'RegionCopyOut':
      return FROM_ARENA;
    case 'RegionAlloc':
      return FROM_REGION;
    case 'Static':
    case 'SpanOfPtr':
    case 'StackAlloc':
    case 'PtrAdd':
    case 'Const':
      return FROM_SAFE;
    case 'SpanSlice':
      return originOf(ctx, c.source);
    case 'Var':
      return ctx.varOf.get(c.name)?.origin ?? FROM_ANYWHERE;
    case 'Let':
      return originOf(ctx, c.body);
    case 'Seq':
      return originOf(ctx, c.items[c.items.length - 1]!);
    case 'If':
      return originOf(ctx, c.then) | originOf(ctx, c.else);
    case 'Call':
      // A callee cannot hand back a span of a region it created (region-escape), and a
      // region span it was given stays alive in the caller's scope.
      return FROM_ARENA;
    default:
      return FROM_ANYWHERE;
  }
}

/** The origin of a parameter of type `t`. */
export function paramOrigin(t: Type): Origin {
  return t.kind === 'span' ? FROM_ARENA : FROM_SAFE;
}

/** Liveness obligations for reading or writing through a span. */
function livenessObs(ctx: FnCtx, target: CExpr, span: Span): Obligation[] {
  if (target.ty.kind !== 'span') return [];
  const o = originOf(ctx, target);
  const obs: Obligation[] = [];
  if (o & FROM_ARENA && ctx.prog.hasArenaReset) obs.push(ob(ctx, 'use-after-reset', span));
  if (o & FROM_REGION && ctx.prog.hasRegions) obs.push(ob(ctx, 'use-after-release', span));
  return obs;
}

export function accessObs(ctx: FnCtx, target: CExpr, span: Span): Obligation[] {
  return [ob(ctx, 'bounds', span), ...livenessObs(ctx, target, span)];
}

export function load(ctx: FnCtx, target: CExpr, index: CExpr, ty: Type, span: Span): CExpr {
  return { kind: 'Load', target, index, obs: accessObs(ctx, target, span), ty, span };
}

export function store(ctx: FnCtx, target: CExpr, index: CExpr, value: CExpr, span: Span): CExpr {
  return { kind: 'Store', target, index, value, obs: accessObs(ctx, target, span), ty: T.unit, span };
}

function elemOf(t: Type, what: string, span: Span): Type {
  if (t.kind === 'span' || t.kind === 'ptr') return t.elem;
  throw internal(`${what} at ${span.line}:${span.col} does not have a span or pointer type`);
}

function isPositiveConst(e: CExpr): boolean {
  return e.kind === 'Const' && typeof e.value === 'bigint' && e.value > 0n;
}

function stackAlloc(ctx: FnCtx, elem: Type, count: CExpr, span: Span): CExpr {
  ctx.allocatesStack = true;
  // The count must be positive; a constant one needs no proof.
  const obs = isPositiveConst(count) ? [] : [ob(ctx, 'bounds', span)];
  return { kind: 'StackAlloc', elem, count, obs, ty: { kind: 'ptr', elem }, span };
}

/** A local array (`[| a; b |]` or `Array.zeroCreate n` inside a function) is stack
 *  memory: a stackalloc, stores of the elements (in bounds by construction, so without
 *  obligations), and the span over it. */
export function localArray(ctx: FnCtx, items: CExpr[], elem: Type, span: Span): CExpr {
  const ptrTy: Type = { kind: 'ptr', elem };
  const n = cInt(items.length, span);
  const p = local(ctx, 'arr', ptrTy, false, FROM_SAFE).name;
  const pv = cVar(p, ptrTy, span);
  const stores: CExpr[] = items.map((v, i) => ({ kind: 'Store', target: pv, index: cInt(i, span), value: v, obs: [], ty: T.unit, span }));
  const result: CExpr = { kind: 'SpanOfPtr', ptr: pv, length: n, obs: [], ty: { kind: 'span', elem }, span };
  return cLet(p, false, stackAlloc(ctx, elem, n, span), cSeq([...stores, result], span), span);
}

/** `Array.zeroCreate n` in a function: stack memory, zeroed by an explicit loop. */
export function localZeroArray(ctx: FnCtx, count: CExpr, elem: Type, span: Span): CExpr {
  const zero = zeroOf(elem);
  if (zero === undefined) throw errorAt(span, `not supported yet: Array.zeroCreate of ${elem.kind} elements`);
  const ptrTy: Type = { kind: 'ptr', elem };
  const n = local(ctx, 'n', T.int, false, FROM_SAFE).name;
  const p = local(ctx, 'arr', ptrTy, false, FROM_SAFE).name;
  const k = local(ctx, 'k', T.int, true, FROM_SAFE).name;
  const nv = cVar(n, T.int, span);
  const pv = cVar(p, ptrTy, span);
  const kv = cVar(k, T.int, span);
  const loop: CExpr = {
    kind: 'While',
    cond: cPrim('lt', [kv, nv], T.bool, span),
    body: cSeq(
      [
        { kind: 'Store', target: pv, index: kv, value: cConst(zero, elem, span), obs: [], ty: T.unit, span },
        { kind: 'Assign', name: k, value: cPrim('add', [kv, cInt(1, span)], T.int, span), ty: T.unit, span },
      ],
      span,
    ),
    invariants: [],
    decreases: null,
    obs: [],
    ty: T.unit,
    span,
  };
  const result: CExpr = { kind: 'SpanOfPtr', ptr: pv, length: nv, obs: [], ty: { kind: 'span', elem }, span };
  return cLet(n, false, count, cLet(p, false, stackAlloc(ctx, elem, nv, span), cLet(k, true, cInt(0, span), cSeq([loop, result], span), span), span), span);
}

/** Memory built-ins, their arguments already elaborated (left to right). `raw` are the
 *  source arguments, for the constant capacity of `Arena.create`. Returns null when `name`
 *  is not a memory built-in. */
export function memoryBuiltin(ctx: FnCtx, name: string, args: CExpr[], raw: Expr[], ty: Type, span: Span): CExpr | null {
  const a = (i: number): CExpr => {
    const x = args[i];
    if (!x) throw errorAt(span, `${name} expects more arguments (partial application is not supported yet)`);
    return x;
  };
  switch (name) {
    case 'NativePtr.stackalloc':
      return stackAlloc(ctx, elemOf(ty, name, span), a(0), span);
    case 'NativePtr.get':
      return load(ctx, a(0), a(1), ty, span);
    case 'NativePtr.set':
      return store(ctx, a(0), a(1), a(2), span);
    case 'NativePtr.read':
      return load(ctx, a(0), cInt(0, span), ty, span);
    case 'NativePtr.write':
      return store(ctx, a(0), cInt(0, span), a(1), span);
    case 'NativePtr.add':
      // The result may point one past the last element (as C allows), not further.
      return { kind: 'PtrAdd', ptr: a(0), offset: a(1), obs: [ob(ctx, 'bounds', span)], ty, span };
    case 'NativePtr.extent':
      return { kind: 'Extent', ptr: a(0), ty: T.int, span };
    case 'Span.ofPtr':
      return { kind: 'SpanOfPtr', ptr: a(0), length: a(1), obs: [ob(ctx, 'bounds', span)], ty, span };
    case 'Span.slice':
      return { kind: 'SpanSlice', source: a(0), start: a(1), length: a(2), obs: accessObs(ctx, a(0), span), ty, span };
    case 'Span.length':
      return { kind: 'SpanLength', source: a(0), ty: T.int, span };
    case 'Arena.create': {
      const c = a(0);
      if (c.kind !== 'Const' || typeof c.value !== 'bigint' || c.value <= 0n)
        throw errorAt(raw[0]?.span ?? span, 'Arena.create needs a positive constant capacity (in bytes)');
      ctx.allocatesStack = true;
      return { kind: 'ArenaCreate', capacity: c.value, ty, span };
    }
    case 'Arena.alloc':
      return { kind: 'ArenaAlloc', arena: a(0), elem: elemOf(ty, name, span), count: a(1), obs: [ob(ctx, 'arena-capacity', span)], ty, span };
    case 'Arena.remaining':
      return { kind: 'ArenaRemaining', arena: a(0), ty: T.int, span };
    case 'Arena.reset':
      return { kind: 'ArenaReset', arena: a(0), ty: T.unit, span };
    case 'Region.create':
      // Outside `use` nothing releases the region: a leak unless proved otherwise.
      ctx.fnObs.push(ob(ctx, 'leak', span));
      return { kind: 'RegionCreate', ty, span };
    case 'Region.alloc':
      return { kind: 'RegionAlloc', region: a(0), elem: elemOf(ty, name, span), count: a(1), obs: [], ty, span };
    case 'Region.copyOut': {
      // The checker's form is `Region.copyOut arena span` (the arena made explicit).
      const arena = a(0);
      const src = a(1);
      return { kind: 'RegionCopyOut', arena, source: src, obs: [ob(ctx, 'arena-capacity', span), ...livenessObs(ctx, src, span)], ty, span };
    }
    default:
      return null;
  }
}

/** `s.[i]` */
export function elabIndex(ctx: FnCtx, env: Env, e: Expr & { kind: 'Index' }, ty: Type): CExpr {
  const target = elabExpr(ctx, env, e.target);
  if (target.ty.kind === 'string') throw errorAt(e.span, 'not supported yet: indexing a string');
  const index = elabExpr(ctx, env, e.index);
  return load(ctx, target, index, ty, e.span);
}

/** `s.[i] <- v` */
export function elabIndexStore(ctx: FnCtx, env: Env, t: Expr & { kind: 'Index' }, value: Expr, span: Span): CExpr {
  const target = elabExpr(ctx, env, t.target);
  if (target.ty.kind === 'string') throw errorAt(span, 'strings are immutable: a string element cannot be assigned');
  const index = elabExpr(ctx, env, t.index);
  const v = elabExpr(ctx, env, value);
  return store(ctx, target, index, v, span);
}
