// Soundness probe (review 32): poison marks in the Core -> MLIR cut-point proofs and at
// runtime calls. Core has no poison; since a join with plain poison takes the other arm's
// bits (values.ts joinBits), a comparison by bits alone proves a target that stores
// `select(c, x, ub.poison)`.
//   - A runtime call (Console.writeln) leaves the target's memory without poison (symexec.ts:
//     UP false after every external call) while the runtime keeps the bytes (runtime.ts
//     `unchanged`, the frames): a poison byte stored into the caller's span or a stack array
//     before the call was forgotten — `proved`, and in a loop `proved for any length` (the
//     back edge, after the call, found no poison). Now a poison byte at a runtime call is a
//     mismatch (calls.ts), replayed.
//   - The carried string's bytes at a loop head were compared by bits (cut-strings.ts
//     stringDiffersAt) and their poison left free at the havoc state (the loop's own blocks,
//     cut-query.ts ownPoison): sound, but a loop that builds a string and returns or prints
//     it was no longer proved once results and runtime calls read poison (review 31). Now
//     the string's bytes are not poison in R_j: checked at arrival and back edge, assumed at
//     the havoc state; a poison byte stored into the new string fails at the back edge.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const P = probeProgram('poison_cut', `module PoisonCut

[<Requires("s.Length >= 1")>]
let first (s: Span<int32>) : int32 = s.[0]

[<Requires("a.Length >= 1")>]
let putThenPrint (a: Span<int>) (x: int) : unit =
    a.[0] <- x
    Console.writeln "hi"

let stackThenPrint (x: int) : int =
    let buf = NativePtr.stackalloc<int32> 2
    NativePtr.set buf 0 (int32 x)
    Console.writeln "hi"
    int (first (Span.ofPtr buf 2))

[<Requires("n >= 0 && n <= a.Length")>]
let fillPrint (a: Span<int>) (n: int) (x: int) =
    let mutable i = 0
    while i < n do
        a.[i] <- x
        Console.writeln "x"
        i <- i + 1

let build (n: int) : string =
    let mutable s = ""
    let mutable i = 0
    while i < n do
        s <- s + "ab"
        i <- i + 1
    s

let shout (n: int) : unit =
    let mutable s = ""
    let mutable i = 0
    while i < n do
        s <- s + "ab"
        i <- i + 1
    Console.writeln s

let main _ = 0
`, { byWork: true });

/** `memref.store <v>,` in `fn` becomes a store of select(<x> == 5, poison, <v>) (type ty). */
const poisonAt5 = (fn: string, v: string, x: string, ty: string, pad: string) => (t: string) =>
  mutate(t, fn, `memref.store ${v},`, `%c5x = arith.constant 5 : i64\n${pad}%cx = arith.cmpi eq, ${x}, %c5x : i64\n${pad}%px = ub.poison : ${ty}\n${pad}%sx = arith.select %cx, %px, ${v} : ${ty}\n${pad}memref.store %sx,`);

test('putThenPrint: a poison element before Console.writeln is refuted, replayed (was proved)', async () => {
  const v = await P.verdict('putThenPrint', poisonAt5('putThenPrint', '%x_1', '%x_1', 'i64', '    '));
  assert.match(v, /^refuted: refuted: element 0 of an argument block: Core 5, MLIR poison/, v);
});

test('stackThenPrint: a poison stack element before Console.writeln is refuted, replayed (was proved)', async () => {
  const v = await P.verdict('stackThenPrint', (t) => mutate(t, 'stackThenPrint', /memref\.store (%\d+), (%view_\d+\[%\d+\])/, '%c5x = arith.constant 5 : i64\n    %cx = arith.cmpi eq, %x_0, %c5x : i64\n    %px = ub.poison : i32\n    %sx = arith.select %cx, %px, $1 : i32\n    memref.store %sx, $2'));
  assert.match(v, /^refuted: refuted: result scalar 0: Core 5, MLIR poison/, v);
});

test('fillPrint: a poison element at i = 5, then Console.writeln, is not proved for any length (was)', async () => {
  const v = await P.verdict('fillPrint', poisonAt5('fillPrint', '%x_2', '%i_7', 'i64', '      '));
  // (where it fails: at the calls after the loop, or — since a call keeps the poison of the
  // function's own blocks, review 37 — already at the back edge)
  assert.match(v, /^bounded\(2\): .*does not hold at (the paths between loop heads and returns \(calls\)|the back edge of loop 0)/, v);
});

/** After the second copy loop of `fn`'s concatenation, the new string's byte at the old
 *  length becomes select(i == 5, poison, 'a'). */
const poisonByte = (fn: string) => (t: string) =>
  mutate(t, fn, /(\n\s*)(%c1_\d+ = arith\.constant 1 : i64\n\s*%\d+ = arith\.addi (%i_\d+), %c1_\d+ : i64)/, (() => {
    const pad = '$1';
    return `${pad}%c5x = arith.constant 5 : i64${pad}%cx = arith.cmpi eq, $3, %c5x : i64${pad}%px = ub.poison : i8${pad}%ax = arith.constant 97 : i8${pad}%sx = arith.select %cx, %px, %ax : i8${pad}memref.store %sx, %buf_16[%len_13] : memref<?xi8>${pad}$2`;
  })());

test('build, shout: a poison byte in the carried string fails at the back edge', async () => {
  for (const fn of ['build', 'shout']) {
    const v = await P.verdict(fn, poisonByte(fn));
    assert.match(v, /^bounded\(2\): .*does not hold at the back edge of loop 0/, `${fn}: ${v}`);
  }
});

test('as compiled: proved (build, shout for any length; were bounded(2))', async () => {
  for (const fn of ['putThenPrint', 'stackThenPrint']) assert.match(await P.verdict(fn), /^proved: /, fn);
  for (const fn of ['fillPrint', 'build', 'shout']) assert.match(await P.verdict(fn), /^proved: .*any length/, fn);
});

test.after(disposeSolvers);
test.run();
