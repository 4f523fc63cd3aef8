import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printCore } from '../../../compiler/core/print.ts';
import { programObligations } from '../../../compiler/core/walk.ts';
import { core } from './helpers.ts';

const PROGRAM = `
  type Shape =
      | Circle of r: int
      | Square of side: int
  let table = [| 1; 2; 0; 0; 0; 0; 3 |]
  [<Requires("n >= 0")>]
  let area (s: Shape) (n: int) : int =
      match s with
      | Circle r -> 3 * r * r + n
      | Square a -> a * a
  let sum (k: int) : int =
      let mutable acc = 0
      for i in 0 .. k do
          acc <- acc + table.[i]
      acc
  let main _ =
      Console.writeln (Format.int (area (Circle 2) 1))
      0
`;

test('the printer shows statics, contracts, statements and every obligation inline', () => {
  const p = core(PROGRAM);
  const text = printCore(p);
  const lines = text.split('\n');
  assert.ok(lines.includes('entry main'));
  assert.ok(lines.includes('static @table : Span<int> = [1; 2; 0 x 4; 3]'), text);
  assert.ok(lines.includes('fn area(s: Shape, n: int) : int'), text);
  assert.ok(lines.includes('  requires (n >= 0)'), text);
  assert.ok(lines.includes('fn main(argv: Span<string>) : int'), text);
  assert.ok(lines.includes('  let mutable acc: int = 0'), text);
  assert.ok(lines.some((l) => /^ {4}while i_more do$/.test(l)), text);
  assert.ok(lines.includes('  if (tag(s) = 0l) then'), text);
  assert.ok(lines.some((l) => l.includes('Circle(2)')), text);
  assert.ok(text.includes('@table.[i] {bounds#sum/bounds/13:'), text);
  // every obligation appears exactly once, as {category#id}
  for (const o of programObligations(p)) {
    const shown = `{${o.category}#${o.id}}`;
    assert.is(text.split(shown).length - 1, 1, `${shown} in\n${text}`);
  }
});

test('printing is deterministic', () => {
  assert.is(printCore(core(PROGRAM)), printCore(core(PROGRAM)));
});

test.run();
