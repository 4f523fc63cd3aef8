// Shared helpers for the type-checker tests: check Clef source text, find nodes, and get
// the first diagnostic of a program that must fail.
import * as assert from 'uvu/assert';
import { parseProgram } from '../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../compiler/types/check.ts';
import type { CheckResult } from '../../../compiler/types/check.ts';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';
import type { Diagnostic } from '../../../compiler/diagnostics.ts';
import type { Binding, Expr, Pattern, Program } from '../../../compiler/syntax/ast.ts';
import { showType } from '../../../compiler/types/types.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { walkProgram } from '../../../compiler/types/walk.ts';

export const FILE = 't.clef';

/** Source with a common indentation removed (so tests can indent their programs). */
export function src(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function check(text: string): { prog: Program; result: CheckResult } {
  const prog = parseProgram(FILE, src(text));
  const result = checkProgram(prog);
  return { prog, result };
}

/** The diagnostics of a program that must be rejected by the checker (not the parser). */
export function errors(text: string): Diagnostic[] {
  const prog = parseProgram(FILE, src(text));
  try {
    checkProgram(prog);
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    throw e;
  }
  assert.unreachable(`expected a type error in:\n${src(text)}`);
  return [];
}

/** `LINE:COL: message` of the first error of the parser or the checker. */
export function frontError(text: string): string {
  try {
    checkProgram(parseProgram(FILE, src(text)));
  } catch (e) {
    if (e instanceof DiagnosticError) return `${e.diagnostics[0]!.span.line}:${e.diagnostics[0]!.span.col}: ${e.diagnostics[0]!.message}`;
    throw e;
  }
  assert.unreachable(`expected an error in:\n${src(text)}`);
  return '';
}

/** `LINE:COL: message` of the first error. */
export function firstError(text: string): string {
  const d = errors(text)[0]!;
  return `${d.span.line}:${d.span.col}: ${d.message}`;
}

/** Asserts the first error is at line:col and its message contains `part`. */
export function expectError(text: string, at: string, part: string): void {
  const e = firstError(text);
  assert.ok(e.startsWith(`${at}: `), `expected the error at ${at}, got ${e}`);
  assert.ok(e.includes(part), `expected "${part}" in: ${e}`);
}

export function warnings(text: string): string[] {
  return check(text).result.warnings.map((w) => `${w.span.line}:${w.span.col}: ${w.message}`);
}

export function show(t: Type | undefined): string {
  assert.ok(t, 'missing type');
  return showType(t!);
}

/** Every expression of the program, in walk order. */
export function exprs(prog: Program): Expr[] {
  const out: Expr[] = [];
  walkProgram(prog, { expr: (e) => out.push(e) });
  return out;
}

export function patterns(prog: Program): Pattern[] {
  const out: Pattern[] = [];
  walkProgram(prog, { pat: (p) => out.push(p) });
  return out;
}

/** Names `name` in the program (in walk order). */
export function names(prog: Program, name: string): (Expr & { kind: 'Name' })[] {
  return exprs(prog).filter((e): e is Expr & { kind: 'Name' } => e.kind === 'Name' && e.name === name);
}

/** The top-level binding called `name`. */
export function binding(prog: Program, name: string): Binding {
  for (const d of prog.decls) {
    if (d.kind !== 'LetDecl') continue;
    for (const b of d.bindings) {
      const p = b.pat.kind === 'PAnnot' ? b.pat.pat : b.pat;
      if (p.kind === 'PVar' && p.name === name) return b;
    }
  }
  throw new Error(`no binding ${name}`);
}

/** The type of the variable bound by the first pattern named `name`. */
export function varType(prog: Program, name: string): string {
  const p = patterns(prog).find((x) => (x.kind === 'PVar' || x.kind === 'PAs') && x.name === name);
  assert.ok(p, `no pattern variable ${name}`);
  return show(p!.ty);
}

/** Asserts the contract of ast.ts: every node annotated, no type variable left. */
export function assertFullyAnnotated(prog: Program): void {
  const noVar = (t: Type | undefined, what: string) => {
    assert.ok(t, `${what} has no type`);
    assert.not.ok(showType(t!).includes("'t"), `${what} has a type variable: ${showType(t!)}`);
  };
  walkProgram(prog, {
    expr: (e) => {
      noVar(e.ty, `${e.kind} at ${e.span.line}:${e.span.col}`);
      if (e.kind === 'Name') assert.ok(e.res, `Name ${e.name} at ${e.span.line}:${e.span.col} has no res`);
      if (e.kind === 'Field') assert.ok(e.res, `Field ${e.name} has no res`);
      if (e.kind === 'Record') assert.ok(e.recordName, 'Record has no recordName');
    },
    pat: (p) => {
      noVar(p.ty, `${p.kind} at ${p.span.line}:${p.span.col}`);
      if (p.kind === 'PCase') assert.ok(p.res, `PCase ${p.name} has no res`);
    },
    param: (p) => noVar(p.ty, `Param at ${p.span.line}:${p.span.col}`),
  });
}
