// Soundness probes (reviewer) of the Core -> MLIR check on records passed and returned by
// value (one scalar per field): a widening with the wrong sign, fields swapped, a bool
// field not negated must not be proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const SOURCE = `
type Pt = { X: int; Y: int32; On: bool }

let flip (p: Pt) : Pt = { X = int p.Y; Y = int32 p.X; On = not p.On }

let main _ = 0
`;

const probe = probeProgram('probe-records', SOURCE);
const verdict = (edit?: (t: string) => string) => probe.verdict('flip', edit);

test('the unmodified record function is proved', async () => {
  assert.match(await verdict(), /^proved/);
});

test('int p.Y widened without its sign (extui for extsi): refuted', async () => {
  const v = await verdict((t) => mutate(t, 'flip', 'arith.extsi %p_1 : i32 to i64', 'arith.extui %p_1 : i32 to i64'));
  assert.match(v, /^refuted/, v);
});

test('the bool field returned as it came (not negated): refuted', async () => {
  const v = await verdict((t) => mutate(t, 'flip', 'return %3, %4, %6 : i64, i32, i1', 'return %3, %4, %p_2 : i64, i32, i1'));
  assert.match(v, /^refuted/, v);
});

test('the bool field negated by xor with itself (always false): refuted', async () => {
  const v = await verdict((t) => mutate(t, 'flip', 'arith.xori %p_2, %true_5 : i1', 'arith.xori %p_2, %p_2 : i1'));
  assert.match(v, /^refuted/, v);
});

test('X narrowed by its own sign-extended low half (the same bits): proved', async () => {
  const v = await verdict((t) => mutate(t, 'flip', '%4 = arith.trunci %p_0 : i64 to i32', '%w = arith.trunci %p_0 : i64 to i32\n    %e = arith.extsi %w : i32 to i64\n    %4 = arith.trunci %e : i64 to i32'));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
