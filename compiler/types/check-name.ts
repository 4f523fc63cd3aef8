// Name resolution: what a name refers to (local, global, union case, built-in) and the
// errors for names that do not exist, are not defined yet, or are not in Clef v1.
import type { Span } from '../syntax/ast.ts';
import { DiagnosticError, errorAt } from '../diagnostics.ts';
import { BUILTINS, BUILTIN_MODULES, BUILTIN_VALUES, MODULES_NOT_IN_V1, NOT_IN_V1 } from './builtins.ts';
import type { BuiltinSig } from './builtins.ts';
import type { Checker, Env, GlobalInfo, LocalInfo } from './context.ts';
import { localNames, lookupLocal } from './context.ts';
import { lookupCase } from './lookup.ts';
import type { FoundCase } from './lookup.ts';
import { didYouMean } from './suggest.ts';
import type { Type } from './types.ts';

export type Target =
  | { kind: 'local'; info: LocalInfo }
  | { kind: 'result'; ty: Type }
  | { kind: 'global'; info: GlobalInfo }
  | { kind: 'case'; found: FoundCase }
  | { kind: 'builtin'; sig: BuiltinSig }
  | { kind: 'builtinValue'; name: string; ty: Type };

/** Resolves a name or throws a diagnostic that says why it cannot be used. */
export function resolveName(cx: Checker, env: Env, name: string, span: Span): Target {
  if (name === 'result' && env.result) return { kind: 'result', ty: env.result };
  const local = lookupLocal(env, name);
  if (local) {
    checkCapture(env, local, span);
    return { kind: 'local', info: local };
  }
  const g = cx.globals.get(name);
  if (g) return { kind: 'global', info: g };
  const c = lookupCase(cx, name);
  if (c) return { kind: 'case', found: c };
  const b = BUILTINS.get(name);
  if (b) return { kind: 'builtin', sig: b };
  const v = BUILTIN_VALUES.get(name);
  if (v) return { kind: 'builtinValue', name, ty: v.ty };
  // A use of a definition that already failed: its error is reported; stop this declaration quietly.
  if (cx.failed.has(name)) throw new DiagnosticError([]);
  throw errorAt(span, unknownNameMessage(cx, env, name));
}

/** A nested function may read the enclosing function's immutable values (they are
 *  lambda-lifted into parameters) but not its mutable ones. */
export function checkCapture(env: Env, info: LocalInfo, span: Span): void {
  if (info.mutable && info.fnId !== env.fnId) {
    throw errorAt(
      span,
      `${env.fnName} captures mutable ${info.name}: not supported yet (a nested function may only read immutable values of the enclosing function)`,
    );
  }
}

export function unknownNameMessage(cx: Checker, env: Env, name: string): string {
  if (/^\(.+\)$/.test(name)) return `the operator ${name} must be applied to two operands here (operators as function values are not supported yet)`;
  if (name === 'result') return 'result is only defined in an Ensures contract (it names the return value)';
  const notInV1 = NOT_IN_V1.get(name);
  if (notInV1) return `${name} is not supported yet: ${notInV1}`;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const mod = name.slice(0, dot);
    const modNotInV1 = MODULES_NOT_IN_V1.get(mod);
    if (modNotInV1) return `${name} is not supported yet: ${modNotInV1}`;
    if (BUILTIN_MODULES.has(mod)) {
      const members = [...BUILTINS.keys(), ...BUILTIN_VALUES.keys()].filter((k) => k.startsWith(`${mod}.`));
      return `unknown member ${name} of module ${mod}${didYouMean(name, members)}`;
    }
  }
  if (name === env.fnName) return `${name} is not defined yet: a function calling itself must be declared with 'let rec'`;
  const later = cx.declaredLater.get(name);
  if (later) {
    return `${name} is not defined yet (it is declared at line ${later.line}; a definition must come before its use, or use 'let rec ... and ...')`;
  }
  const candidates = [...localNames(env), ...cx.globals.keys(), ...cx.ts.caseIndex.keys(), ...BUILTINS.keys()];
  return `unknown name ${name}${didYouMean(name, candidates)}`;
}
