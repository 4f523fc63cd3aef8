// What the Core -> MLIR check leaves out says so by name; float arithmetic is one (its Core
// side has no symbolic float semantics: comparing it with exact MLIR floats once gave
// "engine bug: counterexample did not replay" for power_budget's microampHours).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseProgram } from '../../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../../compiler/types/check.ts';
import { elaborate } from '../../../../compiler/core/elaborate.ts';
import { outOfScope } from '../../../../verifier/tv/core/scope.ts';

const text = [
  'let microampHours (uaMs: int) : float = float uaMs / 3600000.0',
  'let twice (x: int) : int = x + x',
  '',
].join('\n');

test('float arithmetic is out of scope, integer arithmetic in scope', () => {
  const prog = parseProgram('t.clef', text);
  const core = elaborate(prog, checkProgram(prog).types);
  const fn = (n: string) => core.functions.find((f) => f.name === n)!;
  assert.match(outOfScope(core, fn('microampHours')) ?? '', /float arithmetic/);
  assert.is(outOfScope(core, fn('twice')), null);
});

test.run();
