// Soundness probe (review 21, S1): a Clef static is a span, so a caller may hand it to a
// function as a span parameter. When a function it calls (transitively) writes that static,
// the call changes the parameter's memory. The check offered a span parameter only the
// statics the function itself names as placements, so Core kept the parameter's block across
// `bump ()` and a target reusing the load from before the call was proved (native, clang-19
// -O2: `f tbl` exits 0, the mutant 1). Now such statics are placements too (arguments.ts
// namedStatics): the mutant is refuted. Its model places the parameter in the static, which
// the replay built as a block of its own (also where the function names the static itself,
// `h`: "engine bug: counterexample did not replay"); the replay now runs both sides with the
// argument in the static (replay-statics.ts placedStatics). A nativeptr parameter is no
// longer placed in a static (only NativePtr.stackalloc makes pointers): with the replay fix
// alone, `k`'s mutant — right for every Clef caller — was refuted. The unmutated functions
// keep their verdicts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const P = probeProgram('callee-statics', `module CalleeStatics

let tbl = Array.zeroCreate<int> 4

let bump () : unit =
    tbl.[0] <- 5

let viaBump () : unit =
    bump ()

[<Requires("s.Length >= 1")>]
let f (s: Span<int>) : int =
    let a = s.[0]
    bump ()
    let b = s.[0]
    if a = b then 1 else 0

[<Requires("s.Length >= 1")>]
let g (s: Span<int>) : int =
    let a = s.[0]
    viaBump ()
    let b = s.[0]
    if a = b then 1 else 0

[<Requires("s.Length >= 1")>]
let h (s: Span<int>) : int =
    let a = s.[0]
    tbl.[0] <- 5
    let b = s.[0]
    if a = b then 1 else 0

[<Requires("NativePtr.extent p >= 1")>]
let k (p: nativeptr<int>) : int =
    let a = NativePtr.get p 0
    tbl.[0] <- 5
    let b = NativePtr.get p 0
    if a = b then 1 else 0

let main _ =
    let q = NativePtr.stackalloc<int> 1
    f tbl + g tbl + h tbl + k q
`);

const reuse = (fn: string) => (t: string) => mutate(t, fn, /arith\.cmpi eq, (%\d+), %\d+/, 'arith.cmpi eq, $1, $1');

test('a load reused across a call that writes a static the parameter may be is not proved', async () => {
  const v = await P.verdict('f', reuse('f'));
  assert.match(v, /^refuted: .*Core 0, MLIR 1/, v);
});

test('the same through a callee of the callee', async () => {
  const v = await P.verdict('g', reuse('g'));
  assert.match(v, /^refuted: .*Core 0, MLIR 1/, v);
});

test('a model placing the parameter in a static the function names replays', async () => {
  const v = await P.verdict('h', reuse('h'));
  assert.match(v, /^refuted: .*Core 0, MLIR 1/, v);
});

test('a pointer is never in a static: the same reuse through a nativeptr is right for every caller', async () => {
  const v = await P.verdict('k', reuse('k'));
  assert.match(v, /^proved/, v);
});

test('the functions as compiled keep their verdicts', async () => {
  assert.match(await P.verdict('f'), /^proved/);
  assert.match(await P.verdict('g'), /^proved/);
  assert.match(await P.verdict('h'), /^proved/);
  assert.match(await P.verdict('k'), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
