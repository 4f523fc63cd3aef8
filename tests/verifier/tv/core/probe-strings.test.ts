// Soundness probes (reviewer) of the Core -> MLIR check on strings (a string is a
// memref<?xi8>: its length is the memref's size, its bytes the block's): hand-edited
// targets that write one byte past the length, return a longer buffer, copy a wrong byte or
// compare the wrong things must not be proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';
import { withRlimit } from '../../../helpers/effort.ts';

const SOURCE = `
let lenOf (s: string) : int = String.length s

let glue (a: string) (b: string) : int = String.length (a + b)

let cat (a: string) (b: string) : string = a + b

let same (a: string) (b: string) : bool = a = b

let main _ = 0
`;

const { verdict } = probeProgram('probe-strings', SOURCE);
const NOT_PROVED = /^(refuted|unknown|unsupported|bounded)/;

test('the unmodified string functions are proved (or bounded: loops over the bytes)', async () => {
  // under a fixed 3 M units per query, not a 30 s clock: glue's second copy loop's back edge
  // ran into that clock (14 M units, undecided; all CPU in CI), so glue and cat are bounded
  // here — the unbounded proof of such copy loops is pinned in copy-loops.test.ts
  for (const fn of ['lenOf', 'glue', 'cat', 'same']) assert.match(await withRlimit(() => verdict(fn), 3_000_000), /^(proved|bounded)/, fn);
});

test('a concatenation writing its second part one byte further (past the length at the end): not proved', async () => {
  const v = await verdict('glue', (t) => mutate(t, 'glue', '%15 = arith.addi %len_3, %i_12 : index', '%a15 = arith.addi %len_3, %i_12 : index\n      %15 = arith.addi %a15, %c1_8 : index'));
  assert.match(v, NOT_PROVED, v);
  assert.not.match(v, /^bounded/, v);
});

test('a concatenation returning a buffer one byte longer than its parts: refuted', async () => {
  const v = await verdict('cat', (t) => mutate(t, 'cat', '%buf_6 = memref.alloc(%5) : memref<?xi8>', '%c1_8b = arith.constant 1 : index\n    %b5 = arith.addi %5, %c1_8b : index\n    %buf_6 = memref.alloc(%b5) : memref<?xi8>'));
  assert.match(v, /^refuted/, v);
});

test('a concatenation copying the first part one byte shifted (a[i+1] for a[i]): refuted', async () => {
  const v = await verdict('cat', (t) => mutate(t, 'cat', '%9 = arith.addi %c0_2, %i_7 : index', '%9 = arith.addi %c1_8, %i_7 : index'));
  assert.match(v, /^refuted/, v);
});

test('a length read from the wrong string: refuted', async () => {
  const v = await verdict('glue', (t) => mutate(t, 'glue', '%5 = arith.addi %len_3, %len_4 : index', '%5 = arith.addi %len_3, %len_3 : index'));
  assert.match(v, /^refuted/, v);
});

test('string equality comparing a with itself: refuted', async () => {
  const v = await verdict('same', (t) => mutate(t, 'same', 'func.call @clef_str_compare(%a_0, %b_1)', 'func.call @clef_str_compare(%a_0, %a_0)'));
  assert.match(v, /^refuted/, v);
});

// (the check takes @clef_str_compare as an unknown function: its first model, strings of
// different lengths, does not replay, so this ends unknown rather than refuted)
test('string equality by length only: not proved', async () => {
  const v = await verdict('same', (t) => mutate(t, 'same', /%cmp_2 = func\.call @clef_str_compare\(%a_0, %b_1\) : \(memref<\?xi8>, memref<\?xi8>\) -> i64/, '%z0 = arith.constant 0 : index\n    %la = memref.dim %a_0, %z0 : memref<?xi8>\n    %lb = memref.dim %b_1, %z0 : memref<?xi8>\n    %d = arith.subi %la, %lb : index\n    %cmp_2 = arith.index_cast %d : index to i64'));
  assert.match(v, NOT_PROVED, v);
  assert.not.match(v, /^bounded|engine bug/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
