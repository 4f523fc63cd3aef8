// The elaborator's state. Scoping is our own (a linked environment from source names to
// what they denote), so Core does not depend on how the checker numbers its `uid`s.
// A local variable is a `VarInfo`; each function being built maps the VarInfos it can see
// to its own Core names (`coreOf`) — a lifted function sees its captures as parameters.
import type { Span } from '../syntax/ast.ts';
import type { Type, TypeTable } from '../types/types.ts';
import type { Category, CoreConst, CoreFn, Obligation, StaticData } from './core.ts';
import { fresh, newNameGen } from './names.ts';
import type { NameGen } from './names.ts';
import { newObligationSink, obligation } from './obligations.ts';
import type { ObligationSink } from './obligations.ts';
import { internal } from './type-util.ts';

/** Where a span value may come from, as a bit set: it decides which liveness obligations
 *  an access carries. A span that may live in an arena can be invalidated by a reset, one
 *  that may live in a region by a release. Stack and static spans need neither. */
export type Origin = number;
export const FROM_ARENA = 1;
export const FROM_REGION = 2;
export const FROM_SAFE = 0;
export const FROM_ANYWHERE = FROM_ARENA | FROM_REGION;

export type VarInfo = { uid: number; src: string; ty: Type; mutable: boolean; origin: Origin };

/** A nested function, lifted to top level under `name`; calls pass `captures` after the
 *  source arguments. */
export type LocalFn = { name: string; params: Type[]; ret: Type; captures: VarInfo[]; requires: boolean; span: Span };

export type Entry = { kind: 'var'; v: VarInfo } | { kind: 'localfn'; f: LocalFn };
export type Env = { name: string; entry: Entry; next: Env } | null;

export function lookup(env: Env, name: string): Entry | null {
  for (let e = env; e; e = e.next) if (e.name === name) return e.entry;
  return null;
}

export function bind(env: Env, name: string, entry: Entry): Env {
  return { name, entry, next: env };
}

/** A top-level name. Constant values are inlined; other values become zero-parameter
 *  functions (`thunk`); array values are static storage. */
export type Global =
  | { kind: 'fn'; name: string; params: Type[]; ret: Type; requires: boolean }
  | { kind: 'const'; value: CoreConst; ty: Type }
  | { kind: 'thunk'; name: string; ty: Type }
  | { kind: 'static'; name: string; ty: Type };

export type ProgCtx = {
  types: TypeTable;
  globals: Map<string, Global>;
  /** Every Core function name handed out (top-level and lifted). */
  fnNames: NameGen;
  statics: StaticData[];
  /** Whole-program facts that decide liveness obligations. */
  hasArenaReset: boolean;
  hasRegions: boolean;
  nextUid: number;
};

export type FnCtx = {
  prog: ProgCtx;
  /** The Core function being built. */
  name: string;
  names: NameGen;
  coreOf: Map<number, string>;
  varOf: Map<string, VarInfo>;
  sink: ObligationSink;
  /** Whole-function obligations found in the body (leak). */
  fnObs: Obligation[];
  /** Inside a contract expression: math integers, no arithmetic obligations. */
  math: boolean;
  allocatesStack: boolean;
  /** Functions lifted out of this one (and out of those), in source order. */
  lifted: CoreFn[];
};

export function newFnCtx(prog: ProgCtx, name: string): FnCtx {
  return {
    prog,
    name,
    names: newNameGen(),
    coreOf: new Map(),
    varOf: new Map(),
    sink: newObligationSink(name),
    fnObs: [],
    math: false,
    allocatesStack: false,
    lifted: [],
  };
}

export function newVar(prog: ProgCtx, src: string, ty: Type, mutable: boolean, origin: Origin): VarInfo {
  return { uid: prog.nextUid++, src, ty, mutable, origin };
}

/** Gives `v` a fresh Core name in this function. */
export function declare(ctx: FnCtx, v: VarInfo, base = v.src): string {
  const name = fresh(ctx.names, base);
  ctx.coreOf.set(v.uid, name);
  ctx.varOf.set(name, v);
  return name;
}

/** A new local (a temporary or a source variable) with its Core name. */
export function local(ctx: FnCtx, src: string, ty: Type, mutable: boolean, origin: Origin): { v: VarInfo; name: string } {
  const v = newVar(ctx.prog, src, ty, mutable, origin);
  return { v, name: declare(ctx, v) };
}

export function coreName(ctx: FnCtx, v: VarInfo): string {
  const n = ctx.coreOf.get(v.uid);
  if (n === undefined) throw internal(`variable ${v.src} is not visible in ${ctx.name} (missed capture)`);
  return n;
}

export function ob(ctx: FnCtx, category: Category, span: Span): Obligation {
  return obligation(ctx.sink, category, span);
}

/** Runs `f` in contract mode (math integers) and restores the mode. */
export function inContract<R>(ctx: FnCtx, f: () => R): R {
  const saved = ctx.math;
  ctx.math = true;
  try {
    return f();
  } finally {
    ctx.math = saved;
  }
}
