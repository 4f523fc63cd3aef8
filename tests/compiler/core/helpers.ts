// Helpers for the elaborator tests: Clef source -> checked AST -> Core (asserting Core's
// invariants every time), and small queries over Core.
import * as assert from 'uvu/assert';
import { parseProgram } from '../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../compiler/types/check.ts';
import { elaborate } from '../../../compiler/core/elaborate.ts';
import { checkCore } from '../../../compiler/core/wellformed.ts';
import { forEachNode, programObligations } from '../../../compiler/core/walk.ts';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';
import type { CExpr, CoreFn, CoreProgram, Obligation } from '../../../compiler/core/core.ts';

export const FILE = 't.clef';

/** Source with the common indentation removed, so tests can indent their programs. */
export function src(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function core(text: string): CoreProgram {
  const prog = parseProgram(FILE, src(text));
  const { types } = checkProgram(prog);
  const p = elaborate(prog, types);
  assert.equal(checkCore(p), [], 'Core invariants');
  return p;
}

/** The message of the DiagnosticError the front end (up to elaboration) must raise. */
export function elabError(text: string): string {
  try {
    core(text);
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics.map((d) => `${d.span.line}:${d.span.col}: ${d.message}`).join('\n');
    throw e;
  }
  assert.unreachable(`expected an error in:\n${src(text)}`);
  return '';
}

export function fn(p: CoreProgram, name: string): CoreFn {
  const f = p.functions.find((x) => x.name === name);
  if (!f) assert.unreachable(`no function ${name}; have ${p.functions.map((x) => x.name).join(', ')}`);
  return f!;
}

/** All nodes of a kind in a function (body, contracts). */
export function nodes<K extends CExpr['kind']>(f: CoreFn, kind: K): (CExpr & { kind: K })[] {
  const out: (CExpr & { kind: K })[] = [];
  const visit = (e: CExpr) => {
    if (e.kind === kind) out.push(e as CExpr & { kind: K });
  };
  for (const r of [...f.requires, ...f.ensures, ...(f.decreases ? [f.decreases] : []), f.body]) forEachNode(r, visit);
  return out;
}

export function obligations(p: CoreProgram, fnName?: string): Obligation[] {
  return programObligations(p).filter((o) => fnName === undefined || o.fn === fnName);
}

export function categories(p: CoreProgram, fnName?: string): string[] {
  return obligations(p, fnName).map((o) => o.category);
}
