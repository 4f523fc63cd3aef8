// The desugarings mean what Clef means: small programs elaborated and run by the reference
// interpreter, with the expected output worked out by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCore } from '../../../verifier/semantics/run.ts';
import { core } from './helpers.ts';

function run(text: string, args: string[] = []): { out: string; result: ReturnType<typeof runCore> } {
  let out = '';
  const result = runCore(core(text), { checks: true, args, stdin: '', write: (s) => (out += s) });
  return { out, result };
}

test('for loops: a range ending at MaxValue stops, an empty range runs nothing, downto counts down', () => {
  const { out, result } = run(`
    let main _ =
        let mutable n = 0
        for i in 9223372036854775806L .. 9223372036854775807L do
            n <- n + 1
        for i in 5 .. 1 do
            n <- n + 100
        for i = 3 downto 1 do
            Console.write (Format.int i)
        Console.writeln (" " + Format.int n)
        0
  `);
  assert.equal(result, { exitCode: 0 });
  assert.is(out, '321 2\n');
});

test('record fields are evaluated in the written order; pipe evaluates its left side first', () => {
  const { out } = run(`
    type R = { A: int; B: int; C: int }
    let trace (s: string) (v: int) : int =
        Console.write s
        v
    let pair (a: int) (b: int) : int = a * 10 + b
    let main _ =
        let r = { C = trace "c" 3; A = trace "a" 1; B = trace "b" 2 }
        let v = trace "x" 1 |> pair (trace "y" 2)
        Console.writeln (" " + Format.int (r.A * 100 + r.B * 10 + r.C) + " " + Format.int v)
        0
  `);
  assert.is(out, 'cabxy 123 21\n');
});

test('guards, or-patterns and captures', () => {
  const { out } = run(`
    type U =
        | P of int * int
        | Q of x: int
        | Z
    let classify (u: U) : string =
        match u with
        | P (a, b) when a > b -> "P>"
        | P (a, _) | Q a when a = 0 -> "zero"
        | P _ -> "P"
        | Q x -> "Q" + Format.int x
        | Z -> "Z"
    let main argv =
        let k = 10
        let addk (x: int) = x + k
        let rec ev (m: int) : bool = if m = 0 then true else od (m - 1)
        and od (m: int) : bool = if m = 0 then false else ev (m - 1)
        Console.writeln (classify (P (2, 1)) + classify (P (0, 5)) + classify (Q 0) + classify (P (1, 2)) + classify (Q 4) + classify Z)
        Console.writeln (Format.int (addk 5) + Format.bool (ev 10) + Format.bool (od 7) + Format.int argv.Length)
        0
  `, ['a', 'b']);
  assert.is(out, 'P>zerozeroPQ4Z\n15truetrue2\n');
});

test('a value no clause matches stops the program at the match', () => {
  const { result } = run(`
    let name (n: int) : string =
        match n with
        | 1 -> "one"
    let main _ =
        Console.writeln (name 2)
        0
  `);
  assert.ok('violation' in result);
  if ('violation' in result) {
    assert.is(result.violation.category, 'match-exhaustive');
    assert.is(result.violation.span.line, 2);
  }
});

test('structural equality on tuples, unions and records', () => {
  const { out } = run(`
    type U =
        | P of int * int
        | Z
    type R = { A: int; B: string }
    let main _ =
        let r = { A = 1; B = "x" }
        Console.writeln (Format.bool ((1, 2) = (1, 2)) + Format.bool (P (1, 2) = P (1, 3)) + Format.bool (Z = Z) + Format.bool (r = { r with B = "y" }) + Format.bool (r <> { r with B = "y" }))
        0
  `);
  assert.is(out, 'truefalsetruefalsetrue\n');
});

test('a region is released after the use body computed its value', () => {
  const { out, result } = run(`
    let sum (n: int) : int =
        use r = Region.create ()
        let s = Region.alloc<int> r n
        for i in 0 .. n - 1 do
            s.[i] <- i
        let mutable t = 0
        for i in 0 .. n - 1 do
            t <- t + s.[i]
        t
    let main _ =
        Console.writeln (Format.int (sum 4) + " " + Format.int (sum 5))
        0
  `);
  assert.equal(result, { exitCode: 0 });
  assert.is(out, '6 10\n');
});

test.run();
