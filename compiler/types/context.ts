// The checker's state: the program-wide part (types, globals, warnings) and the
// per-position environment (local scopes, the enclosing function, contract mode).
import type { Expr, Pattern, Span } from '../syntax/ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Infer } from './infer.ts';
import type { TypeScope } from './typedecls.ts';
import type { Type } from './types.ts';

/** A local binding: a value (parameter, let, for variable, `use`) or a nested function. */
export type LocalInfo = {
  name: string;
  uid: string;
  ty: Type;
  mutable: boolean;
  /** The function whose body declares it (to detect a nested function capturing a mutable). */
  fnId: number;
  /** Non-null for a nested function: its parameter count. */
  arity: number | null;
  span: Span;
};

export type GlobalInfo = { name: string; ty: Type; arity: number | null; span: Span };

export type Scope = { vars: Map<string, LocalInfo>; parent: Scope | null };

/** A match (or refutable let pattern) to check for exhaustiveness once types are final. */
export type PendingMatch = {
  span: Span;
  scrutinee: Type;
  cases: { pat: Pattern; guarded: boolean; span: Span }[];
  /** `let` patterns report only incompleteness, matches also unreachable rules. */
  isLet: boolean;
};

export type Checker = {
  ts: TypeScope;
  s: Infer;
  globals: Map<string, GlobalInfo>;
  /** Every top-level name of the program with its place, to explain forward references. */
  declaredLater: Map<string, Span>;
  warnings: Diagnostic[];
  /** Local uids already used in the current top-level binding (global names are never used). */
  uids: Set<string>;
  nextFnId: number;
  pending: PendingMatch[];
  /** Calls of Contract.invariant/decreases that stand at the top of a loop or function body. */
  topContracts: Map<Expr, 'loop' | 'fn'>;
  /** The name of the entry point function, if any. */
  entry: string | null;
  /** Top-level names whose declaration had an error: their uses are not errors again. */
  failed: Set<string>;
};

export type Env = {
  scope: Scope;
  fnId: number;
  fnName: string;
  /** Inside Requires/Ensures or a Contract.* argument: forall/exists/extent allowed. */
  contract: boolean;
  /** In an Ensures: the type of `result`. */
  result: Type | null;
  /** The expression that is the whole body of a top-level value (static arrays allowed). */
  staticInit: Expr | null;
  /** The expression that is the value of a `use` (Region.create allowed). */
  useValue: Expr | null;
};

export function childScope(env: Env, vars: Map<string, LocalInfo> = new Map()): Env {
  return { ...env, scope: { vars, parent: env.scope } };
}

export function lookupLocal(env: Env, name: string): LocalInfo | null {
  for (let sc: Scope | null = env.scope; sc; sc = sc.parent) {
    const v = sc.vars.get(name);
    if (v) return v;
  }
  return null;
}

export function localNames(env: Env): string[] {
  const out: string[] = [];
  for (let sc: Scope | null = env.scope; sc; sc = sc.parent) out.push(...sc.vars.keys());
  return out;
}

/** A readable uid, unique within the current top-level binding and never a global's name:
 *  `x`, then `x_1`, `x_2`... for later bindings of the same name. */
export function newUid(cx: Checker, name: string): string {
  let uid = name;
  for (let i = 1; cx.uids.has(uid) || cx.declaredLater.has(uid); i++) uid = `${name}_${i}`;
  cx.uids.add(uid);
  return uid;
}
