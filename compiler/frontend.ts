// The front end as one call: source text -> AST -> typed AST -> Core. Each stage's output
// is kept so `compile --emit` can print any of them.
import { readFileSync } from 'node:fs';
import { parseProgram } from './syntax/parse.ts';
import { checkProgram } from './types/check.ts';
import { elaborate } from './core/elaborate.ts';
import type { Program } from './syntax/ast.ts';
import type { TypeTable } from './types/types.ts';
import type { CoreProgram } from './core/core.ts';
import type { Diagnostic } from './diagnostics.ts';

export type FrontEndResult = {
  file: string;
  text: string;
  ast: Program;
  types: TypeTable;
  warnings: Diagnostic[];
  core: CoreProgram;
};

export type Stage = 'parse' | 'typecheck' | 'elaborate';

/** Runs the front end up to `until` (default: all of it). Throws DiagnosticError on bad input. */
export function frontEndText(file: string, text: string): FrontEndResult {
  const ast = parseProgram(file, text);
  const { types, warnings } = checkProgram(ast);
  const core = elaborate(ast, types);
  return { file, text, ast, types, warnings, core };
}

export function readSource(file: string): string {
  return readFileSync(file, 'utf8');
}

export function frontEnd(file: string): FrontEndResult {
  return frontEndText(file, readSource(file));
}
