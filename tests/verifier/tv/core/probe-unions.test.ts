// Soundness probes (reviewer) of the Core -> MLIR check on unions: a union is a tag (i32)
// and every variant's fields side by side; only the active variant's fields mean anything.
// Hand-edited targets that read an inactive field, swap a tag or move a field must not be
// proved; a target that fills the inactive fields differently must not be refuted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const SOURCE = `
type Shape =
    | Circle of int
    | Rect of int * int

let area (s: Shape) : int =
    match s with
    | Circle r -> r + 3
    | Rect (w, h) -> w - h

let mk (b: bool) (x: int) : Shape =
    if b then Circle x else Rect (x, 2)

let main _ = 0
`;

const { verdict } = probeProgram('probe-unions', SOURCE);

test('the unmodified union functions are proved', async () => {
  assert.match(await verdict('area'), /^proved/);
  assert.match(await verdict('mk'), /^proved/);
});

test('a match arm reading an inactive variant field (Rect.w for Circle.r): refuted', async () => {
  const v = await verdict('area', (t) => mutate(t, 'area', '%8 = arith.addi %s_1, %c3_7 : i64', '%8 = arith.addi %s_2, %c3_7 : i64'));
  assert.match(v, /^refuted/, v);
});

test('the tag test inverted: refuted', async () => {
  const v = await verdict('area', (t) => mutate(t, 'area', 'arith.cmpi eq, %s_0, %c0_4 : i32', 'arith.cmpi ne, %s_0, %c0_4 : i32'));
  assert.match(v, /^refuted/, v);
});

test('the tag test by its low bit only (tag 2 is no variant, but an argument is a Shape): proved or unknown, never refuted', async () => {
  const v = await verdict('area', (t) => mutate(t, 'area', /%5 = arith\.cmpi eq, %s_0, %c0_4 : i32/, '%lo = arith.trunci %s_0 : i32 to i1\n    %false = arith.constant false\n    %5 = arith.cmpi eq, %lo, %false : i1'));
  assert.not.match(v, /^refuted/, v);
});

test('a constructor writing the wrong tag: refuted', async () => {
  const v = await verdict('mk', (t) => mutate(t, 'mk', 'scf.yield %c0_3, %x_1, %c0_4, %c0_4', 'scf.yield %c1_6b, %x_1, %c0_4, %c0_4').replace('%c0_3 = arith.constant 0 : i32', '%c0_3 = arith.constant 0 : i32\n      %c1_6b = arith.constant 1 : i32'));
  assert.match(v, /^refuted/, v);
});

test('a constructor putting the payload in the other variant\'s field: refuted', async () => {
  const v = await verdict('mk', (t) => mutate(t, 'mk', 'scf.yield %c0_3, %x_1, %c0_4, %c0_4', 'scf.yield %c0_3, %c0_4, %x_1, %c0_4'));
  assert.match(v, /^refuted/, v);
});

test('a constructor filling the inactive fields with other values: not refuted (they mean nothing)', async () => {
  const v = await verdict('mk', (t) => mutate(t, 'mk', 'scf.yield %c0_3, %x_1, %c0_4, %c0_4', 'scf.yield %c0_3, %x_1, %x_1, %x_1'));
  assert.not.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
