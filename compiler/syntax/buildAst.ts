// The semantic action dictionary that turns a match of clef.ohm into the AST of ast.ts,
// assembled from one file per kind of construct.
import type { ActionDict, TerminalNode } from 'ohm-js';
import { ast } from './buildContext.ts';
import { declActions } from './buildDecls.ts';
import { exprActions } from './buildExprs.ts';
import { patternActions } from './buildPatterns.ts';
import { clefGrammar } from './grammar.ts';

export { withContext, type BuildContext } from './buildContext.ts';
export { assembleProgram, type TopValue } from './buildDecls.ts';

export const actions = {
  ...declActions,
  ...exprActions,
  ...patternActions,
  _iter(...children) {
    return children.map(ast);
  },
  _terminal(this: TerminalNode) {
    return this.sourceString;
  },
} satisfies ActionDict<unknown>;

/** ohm's semantics over the same actions: it checks every action's arity when loaded. */
export const semantics = clefGrammar.createSemantics().addOperation('ast', actions);
