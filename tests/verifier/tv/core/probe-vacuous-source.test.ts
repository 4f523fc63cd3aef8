// The vacuity guard of the Core -> MLIR check (verifier/tv/vacuity.ts): Core's failed
// obligations and traps are assumptions of the source (README.md "the refinement
// statement"), so a Core function that fails one on every execution is refined by any MLIR —
// a vacuous proof, now `unknown: vacuous: ...`. A function failing only on some inputs is
// proved as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const SOURCE = `
let always (x: int) : int =
    let p = NativePtr.stackalloc<int> 2
    let s = Span.ofPtr p 2
    s.[5] <- x
    s.[0]

let sometimes (x: int) : int =
    let p = NativePtr.stackalloc<int> 2
    let s = Span.ofPtr p 2
    s.[x] <- 3
    s.[0]

let divs (x: int) : int = 100 / (x - x)

let loopFirst (n: int) : int =
    let p = NativePtr.stackalloc<int> 2
    let s = Span.ofPtr p 2
    s.[9] <- n
    let mutable i = 0
    let mutable acc = 0
    while i < n do
        acc <- acc + i
        i <- i + 1
    acc

let main _ = 0
`;

const P = probeProgram('probe-vacuous-source', SOURCE);
const VACUOUS = /^unknown: unknown: vacuous: the source is UB on every execution \(nothing to refine\)$/;

test('an index past a stack array on every execution: unknown (vacuous), was proved', async () => {
  assert.match(await P.verdict('always'), VACUOUS);
  // and against a target that returns anything at all
  assert.match(await P.verdict('always', (t) => mutate(t, 'always', /return %\S+ : i64/, 'return %x_0 : i64')), VACUOUS);
});

test('a division by zero on every execution: unknown (vacuous)', async () => {
  assert.match(await P.verdict('divs'), VACUOUS);
});

test('an index past the array for some inputs only: proved', async () => {
  assert.match(await P.verdict('sometimes'), /^proved: Core refines to the MLIR \(no loop was cut\)$/);
});

test('a loop after an index past the array: unknown (vacuous) through the cut-point proof', async () => {
  assert.match(await P.verdict('loopFirst'), VACUOUS);
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
