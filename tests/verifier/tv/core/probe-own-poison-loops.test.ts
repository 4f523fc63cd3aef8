// Review 38 F1: since a call keeps the target's poison in the function's own blocks (review
// 37), a Format buffer's bytes past its text stay poison (nobody writes them), and a loop
// without an allocation summary wanted no poison at any address at its head — so a Format
// call followed by a printing loop went from proved for any length to bounded(2). The
// relation now lets the own blocks' poison at the head be a subset of the arrival's
// (cut-query.ts `differs`), and relates the liveness of the heap blocks made before the loop
// (`aliveDiffer`): a string made before a loop and printed after it was bounded(2) ("target
// UB": its buffer's liveness was free at the head). The controls: a byte the loop changes at an
// iteration the bounded run never reaches must not be proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mutate, probeProgram } from './helpers.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';

const P = probeProgram('ownloops', `module OwnLoops

let fmtThenLoop (n: int) : int =
    Console.writeln (Format.int n)
    let mutable acc = 0
    let mutable i = 0
    while i < n do
        Console.writeln "x"
        acc <- acc + i
        i <- i + 1
    acc

let charLoop (n: int) : int =
    Console.writeln (Format.char 'a')
    let mutable acc = 0
    let mutable i = 0
    while i < n do
        acc <- acc + i
        Console.writeln "y"
        i <- i + 1
    acc

let litAfter (n: int) : int =
    let s = "abc" + Format.int n
    let mutable i = 0
    while i < n do
        i <- i + 1
    Console.writeln s
    i

let sum (data: Span<byte>) : int =
    let mutable s = 0
    for i in 0 .. data.Length - 1 do
        s <- s + int data.[i]
    s

let copyThenCall (data: Span<byte>) (frame: Span<byte>) : int =
    for i in 0 .. data.Length - 1 do
        frame.[i] <- data.[i]
    let s = sum data
    frame.[data.Length] <- byte s
    data.Length + 1

let main _ = 0
`, { byWork: true });

const ANY = /^proved: .*any length/;

test('a Format call before a printing loop: proved for any length (bounded(2) before)', async () => {
  for (const fn of ['fmtThenLoop', 'charLoop']) {
    const v = await P.verdict(fn);
    assert.match(v, ANY, `${fn}: ${v}`);
  }
});

test('a loop in a function that allocates nothing before it, a call after it (crc16_frame seal): proved for any length (bounded(2) since the subset relation, whose instances at the havoc reads let other poison in)', async () => {
  const v = await P.verdict('copyThenCall');
  assert.match(v, ANY, v);
});

test('a string made before a loop, printed after it: proved for any length (bounded(2) before)', async () => {
  const v = await P.verdict('litAfter');
  assert.match(v, ANY, v);
});

/** At iteration 5 of litAfter's loop (i == 5), store `byte` (an i8 value) into byte 0 of the
 *  concatenation's buffer, which is printed after the loop. */
const atIteration5 = (byte: string) => (t: string) => {
  const body = t.slice(t.indexOf('@clef.litAfter('));
  const buf = /(%buf_\d+) = memref\.alloc\(%\d+\)/.exec(body.slice(body.indexOf('arith.addi')))![1]!;
  const step = /(%\d+) = arith\.addi (%i_\d+), %c1_\d+ : i64\n/.exec(body)!;
  return mutate(t, 'litAfter', step[0], `${step[0]}      %q5 = arith.constant 5 : i64
      %qc = arith.cmpi eq, ${step[2]}, %q5 : i64
      %qa = arith.constant 0 : index
      %qb = memref.load ${buf}[%qa] : memref<?xi8>
      ${byte}
      %qs = arith.select %qc, %qv, %qb : i8
      memref.store %qs, ${buf}[%qa] : memref<?xi8>
`);
};

test('poison the loop adds to the printed text at iteration 5: not proved (the subset is checked)', async () => {
  const v = await P.verdict('litAfter', atIteration5('%qv = ub.poison : i8'));
  assert.match(v, /^bounded\(2\): .*no unbounded proof/, v);
});

test('a byte of the printed text the loop changes at iteration 5: not proved (the bytes are checked)', async () => {
  const v = await P.verdict('litAfter', atIteration5('%qv = arith.constant 122 : i8'));
  assert.match(v, /^bounded\(2\): .*no unbounded proof/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
