// Helpers for the symbolic engine's tests: Clef source -> Core.
import { parseProgram } from '../../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../../compiler/types/check.ts';
import { elaborate } from '../../../../compiler/core/elaborate.ts';
import type { CoreProgram } from '../../../../compiler/core/core.ts';

import { FILE, src } from '../../../compiler/core/helpers.ts';

export { FILE, src };

export function core(text: string): CoreProgram {
  const prog = parseProgram(FILE, src(text));
  const { types } = checkProgram(prog);
  return elaborate(prog, types);
}
