// Unary minus on literals: `-128y` is one literal (so MinValue can be written), but minus
// applied to a literal that is already negative is a negation of that value, as in F#:
// `-(-128y)` wraps to -128 instead of becoming the out-of-range literal 128y.
// Repro: tests/compiler/differential/repro/negate-negative-literal.clef (found by the
// random program generator).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LetDecl } from '../../../compiler/syntax/ast.ts';
import { parseProgram } from '../../../compiler/syntax/parse.ts';
import { frontEndText } from '../../../compiler/frontend.ts';
import { runCore } from '../../../verifier/semantics/run.ts';
import { root } from '../../helpers/cli.ts';
import { show } from './show.ts';

const e = (src: string): string => show((parseProgram('t.clef', `let it = ${src}`).decls[0] as LetDecl).bindings[0]!.body);

/** Runs a program with the reference interpreter; its stdout. */
function run(file: string, text: string, checks: boolean): string {
  let out = '';
  const r = runCore(frontEndText(file, text).core, { checks, args: [], stdin: '', write: (s) => (out += s), maxSteps: 1_000_000 });
  assert.ok(!('violation' in r), `${file}: ${'violation' in r ? r.violation.category : ''}`);
  return out;
}

test('minus on a negative literal is a negation, not a literal', () => {
  assert.is(e('-(-128y)'), '(- -128y)');
  assert.is(e('-(-9223372036854775808)'), '(- -9223372036854775808)');
  assert.is(e('-(-5y)'), '(- -5y)');
  assert.is(e('-(-2.5)'), '(- -2.5)');
  // a literal written after the minus is still folded, in parentheses or not
  assert.is(e('-128y'), '-128y');
  assert.is(e('-(5y)'), '-5y');
  assert.is(e('-x'), '(- x)');
});

test('the repro program is accepted and -(-MinValue) wraps to MinValue', () => {
  const file = join(root, 'tests/compiler/differential/repro/negate-negative-literal.clef');
  const text = readFileSync(file, 'utf8');
  assert.is(run(file, text, false), '-128\n-9223372036854775808\n');
  assert.is(run(file, text, true), '-128\n-9223372036854775808\n');
});

test('-(-5y) is 5, and out-of-range literals are still errors', () => {
  assert.is(run('t.clef', 'let main _ =\n    Console.writeln (Format.int (int (-(-5y))))\n    0\n', true), '5\n');
  assert.throws(() => frontEndText('t.clef', 'let main _ =\n    let a = 128y\n    0\n'), /outside the range|out of range/);
  assert.throws(() => frontEndText('t.clef', 'let main _ =\n    let a = -(-129y)\n    0\n'), /outside the range|out of range/);
  assert.throws(() => frontEndText('t.clef', 'let main _ =\n    let a = -5u\n    0\n'), /out of range|signed/);
});

test.run();
