// Soundness probe (review 25): core-to-mlir output mutated so that it agrees with Core on
// every execution with at most k loop iterations (or strings of at most k bytes) and differs
// on longer ones — a bound min(n, 9), a step of 2 after iteration 9, a string copy one byte
// short once the string passes 9 or 20 bytes, a number's digits cut to one from i = 10 on.
// The bounded check (unroll 2) cannot see them; only the cut-point proof (cut-query.ts,
// cut-copy.ts, cut-strings.ts) could wrongly prove them. Each mutant was built natively
// (scratch/review25/core: nat.sh, clang-19) and prints other text than the interpreter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const p = probeProgram('late', `module Probe.Late

[<Requires("n >= 0 && n < 1000")>]
let sumTo (n: int) : int =
    let mutable s = 0
    let mutable i = 0
    while i < n do
        s <- s + i
        i <- i + 1
    s

[<Requires("n >= 0 && n < 100")>]
let stars (n: int) : string =
    let mutable s = ""
    for i in 0 .. n - 1 do
        s <- s + "*"
    s

let tag (name: string) (k: int) : string =
    name + ":" + Format.int k

[<Requires("n >= 0 && n <= 60")>]
let numbers (n: int) : string =
    let mutable s = ""
    for i in 0 .. n - 1 do
        s <- s + Format.int i + ","
    s

let main _ =
    Console.writeln (Format.int (sumTo 20) + stars 20 + tag (stars 12) 7 + numbers 12)
    0
`);

// (function, what, mutation as mutate's from/to)
const mutants: [string, string, RegExp, string][] = [
  ['sumTo', 'the loop test against min(n, 9)', /(%\d+) = arith\.cmpi slt, (%i_\d+), (%n_\d+) : i64/, '%c9x = arith.constant 9 : i64\n      %n9 = arith.minsi $3, %c9x : i64\n      $1 = arith.cmpi slt, $2, %n9 : i64'],
  ['sumTo', 'the counter steps 2 after iteration 9', /(%\d+) = arith\.addi (%i_\d+), (%c1_\d+) : i64/, '%c9x = arith.constant 9 : i64\n      %g9 = arith.cmpi sgt, $2, %c9x : i64\n      %c2x = arith.constant 2 : i64\n      %st = arith.select %g9, %c2x, $3 : i64\n      $1 = arith.addi $2, %st : i64'],
  ['stars', "the string's copy bounded by min(len, 9)", /scf\.for (%i_\d+) = (%c0_\d+) to (%len_\d+) step (%c1_\d+) \{/, '%c9x = arith.constant 9 : index\n        %m9 = arith.minui $3, %c9x : index\n        scf.for $1 = $2 to %m9 step $4 {'],
  ['tag', 'the second concatenation copies min(len, 9) bytes', /scf\.for (%i_\d+) = (%c0_\d+) to (%len_23) step (%c1_\d+) \{/, '%c9x = arith.constant 9 : index\n    %m9 = arith.minui $3, %c9x : index\n    scf.for $1 = $2 to %m9 step $4 {'],
  ['numbers', "a number's text cut to one byte from i = 10 on", /(%\d+) = arith\.index_cast (%len_\d+) : i64 to index/, '%x19 = arith.index_cast $2 : i64 to index\n        %one_i = arith.constant 1 : index\n        %c10x = arith.constant 10 : i64\n        %g10 = arith.cmpi sge, %i_15, %c10x : i64\n        %m1 = arith.minui %x19, %one_i : index\n        $1 = arith.select %g10, %m1, %x19 : index'],
];

test('the unmutated loops are proved for executions of any length', async () => {
  for (const fn of ['sumTo', 'stars']) {
    const v = await p.verdict(fn);
    assert.match(v, /^proved: .*any length/, `${fn}: ${v}`);
  }
});

test('mutants that differ only past the unrolling depth are not proved', async () => {
  for (const [fn, what, from, to] of mutants) {
    const v = await p.verdict(fn, (t) => mutate(t, fn, from, to));
    assert.not.match(v, /^proved/, `${fn}, ${what}: ${v}`);
  }
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
