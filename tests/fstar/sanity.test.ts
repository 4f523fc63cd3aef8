// The structural check of emitted F*: it must accept well-formed text and catch each kind
// of breakage it claims to catch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFstarText } from '../../fstar/sanity.ts';

const GOOD = [
  'module Clef.Ok',
  '',
  '(* a comment with x <- 1 and s.[i] and (unbalanced *)',
  'let f (x: I64.t) : Pure I64.t (requires True) (ensures (fun _ -> True)) =',
  '  let s = "a string with .[ and <- and )" in',
  '  let y =',
  '    if true then begin',
  '      x',
  '    end else begin',
  '      x',
  '    end',
  '  in',
  '  y',
  '',
].join('\n');

test('accepts well-formed text, ignoring comments and strings', () => {
  assert.equal(checkFstarText(GOOD), []);
});

test('catches unbalanced brackets and begin/end', () => {
  assert.ok(checkFstarText(GOOD.replace('(ensures (fun _ -> True))', '(ensures (fun _ -> True)')).some((p) => /never closed|unbalanced/.test(p)));
  assert.ok(checkFstarText(GOOD.replace('    end else begin', '    else begin')).some((p) => /unbalanced|never closed/.test(p)));
  assert.ok(checkFstarText(GOOD.replace('{', '')).length === 0, 'no braces is fine');
  assert.ok(checkFstarText(GOOD + 'let g = { a = 1\n').some((p) => /never closed/.test(p)));
});

test('catches a local let without in, and a let without a value', () => {
  assert.ok(checkFstarText(GOOD.replace('  in\n', '\n')).some((p) => /without in/.test(p)));
  assert.ok(checkFstarText(GOOD.replace('let s = "a string with .[ and <- and )" in', 'let s = in')).some((p) => /without a value/.test(p)));
});

test('catches Clef syntax leaking into F*', () => {
  const leak = (line: string) => checkFstarText(GOOD.replace('  y\n', `  ${line};\n  y\n`));
  assert.ok(leak('x <- 1').some((p) => /assignment/.test(p)));
  assert.ok(leak('s.[i]').some((p) => /indexing/.test(p)));
  assert.ok(leak('let t : Span<int> = s in t').some((p) => /Clef type syntax/.test(p)));
  assert.ok(leak('Console.writeln "x"').some((p) => /built-in module/.test(p)));
  assert.ok(leak('a &&& b').some((p) => /bitwise/.test(p)));
  assert.ok(leak('x |> f').some((p) => /pipe/.test(p)));
});

test('catches an unclosed comment or string, and a missing module line', () => {
  assert.ok(checkFstarText(GOOD + '(* open').some((p) => /unclosed comment/.test(p)));
  assert.ok(checkFstarText(GOOD + 'let z = "open').some((p) => /unclosed string/.test(p)));
  assert.ok(checkFstarText(GOOD.replace('module Clef.Ok', 'let x = 1')).some((p) => /module declaration/.test(p)));
});

test.run();
