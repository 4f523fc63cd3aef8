// Effects and modifies summaries behind the F* signatures, and the loop measures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyse } from '../../fstar/analysis.ts';
import { loopMeasure } from '../../fstar/loops.ts';
import { forEachNode } from '../../compiler/core/walk.ts';
import type { CExpr } from '../../compiler/core/core.ts';
import { coreOf } from './helpers.ts';

const PROGRAM = `
  let table = [| 1; 2; 3 |]
  let sq (x: int) : int = x * x
  let collatz (n: int) : int =
      let mutable x = n
      let mutable steps = 0
      while x > 1 && steps < 1000 || x = 7 do
          x <- if x % 2 = 0 then x / 2 else 3 * x + 1
          steps <- steps + 1
      steps
  let clear (s: Span<int>) =
      for i in 0 .. s.Length - 1 do
          s.[i] <- 0
  let clearTable () = clear table
  let grab (a: Arena) : Span<int> = Arena.alloc<int> a 2
  let main _ =
      clearTable ()
      Console.writeln (Format.int (collatz 27))
      let a = Arena.create 64
      let s = grab a
      sq s.Length
`;

test('effects: Pure, Div for an unmeasured loop, Stack for memory, ST for arenas', () => {
  const { facts } = analyse(coreOf(PROGRAM));
  const eff = (f: string) => facts.get(f)!.eff;
  assert.is(eff('sq'), 'pure');
  // collatz has no measure; it is called from main (stateful), so F* sees it as Stack.
  assert.is(eff('collatz'), 'stack');
  assert.is(eff('clear'), 'stack');
  assert.is(eff('clearTable'), 'stack');
  assert.is(eff('grab'), 'st');
  assert.is(eff('main'), 'st');
  const alone = analyse(coreOf(PROGRAM.replace('Console.writeln (Format.int (collatz 27))', 'Console.writeln "x"')));
  assert.is(alone.facts.get('collatz')!.eff, 'div');
});

test('modifies summaries follow writes through calls to their roots', () => {
  const { facts } = analyse(coreOf(PROGRAM));
  assert.equal([...facts.get('clear')!.writes], ['param:0']);
  assert.equal([...facts.get('clearTable')!.writes], ['static:table']);
  assert.equal([...facts.get('grab')!.writes], ['param:0']);
  assert.equal([...facts.get('sq')!.writes], []);
  // main's arena is its own allocation: nothing the caller sees.
  assert.equal([...facts.get('main')!.writes], ['static:table']);
});

test('loop measures: decreases, for loops, comparisons, none', () => {
  const p = coreOf(`
    let f (n: int) : int =
        let mutable i = 0
        let mutable acc = 0
        while i < n do
            acc <- acc + i
            i <- i + 1
        for k in 0 .. 9 do
            acc <- acc + k
        while acc > 0 do
            Contract.decreases acc
            acc <- acc - 1
        while acc <> 5 do
            acc <- acc + 1
        acc
  `);
  const loops: CExpr[] = [];
  forEachNode(p.functions[0]!.body, (e) => {
    if (e.kind === 'While') loops.push(e);
  });
  const kinds = loops.map((w) => loopMeasure(w as CExpr & { kind: 'While' }).kind);
  assert.equal(kinds, ['compare', 'for', 'user', 'none']);
});

test.run();
