// Fresh observable blocks correspond by allocation order in the refinement query, but the
// addresses malloc returns are unspecified: a pass that swaps two escaping allocations is
// correct. Its model differs on block ids alone; the replay (verifier/tv/replay.ts
// correspondences) runs the target with its fresh blocks in every other correspondence with
// the source's (up to 4 blocks) and confirms a difference only if each shows one. The swap
// was `refuted: call #0 (@use): argument word 0 is 268435456 in the source, 268435457 in the
// target`. Pairs in pairs/alloc_*.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pairResult } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'pairs');
const pair = (name: string, unroll = 2) =>
  pairResult(readFileSync(join(dir, `${name}.src.mlir`), 'utf8'), readFileSync(join(dir, `${name}.tgt.mlir`), 'utf8'), { unroll, concreteBudget: { ms: Infinity, steps: 400_000 } });

test('two escaping allocations swapped: an honest unknown, not refuted, not an engine bug', async () => {
  const v = await pair('alloc_swap');
  assert.is(v.verdict, 'unknown', v.detail);
  assert.match(v.detail, /^unknown: allocations correspond differently: call #0 \(@use\): argument word 0 is \d+ in the source, \d+ in the target — .*#0 as #1, #1 as #0\): both sides behave the same/);
  assert.not.match(v.detail, /engine bug/);
});

test('pointers to swapped allocations stored into the caller\'s memory: not refuted', async () => {
  const v = await pair('alloc_swap_stored');
  assert.is(v.verdict, 'unknown', v.detail);
  assert.match(v.detail, /^unknown: allocations correspond differently: memory after the return differs/);
});

test('one swapped allocation passed to a call, the other returned: not refuted; returning the passed one: refuted', async () => {
  const v = await pair('alloc_swap_return');
  assert.is(v.verdict, 'unknown', v.detail);
  assert.match(v.detail, /^unknown: allocations correspond differently: /);
  const bad = await pair('alloc_return_passed');
  assert.is(bad.verdict, 'refuted', bad.detail);
  assert.ok(bad.counterexample, 'a replayed counterexample');
});

test('swapped, and each buffer receives the other\'s bytes: refuted in every correspondence, shown by first escape', async () => {
  const v = await pair('alloc_swap_contents');
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample, 'a replayed counterexample');
  assert.match(v.detail, /call #0 \(@use\): the callee sees different memory: .* \(and in every other correspondence of the 2 fresh blocks; shown with the target's allocation #0 as #1, #1 as #0/);
});

test('swapped with a changed byte: refuted, the byte named', async () => {
  const v = await pair('alloc_swap_byte');
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample, 'a replayed counterexample');
  assert.match(v.detail, / is 7 in the source, 8 in the target/);
});

test('the buffers passed to the calls in the other order: refuted (the order of contents is observable)', async () => {
  const v = await pair('alloc_swap_calls');
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample, 'a replayed counterexample');
});

test('allocations swapped in a loop: not refuted; the calls swapped in a loop: refuted', async () => {
  const ok = await pair('alloc_loop_swap', 1);
  assert.is(ok.verdict, 'unknown', ok.detail);
  assert.match(ok.detail, /^unknown: allocations correspond differently: .*the target's 4 observable fresh blocks/);
  const bad = await pair('alloc_loop_swap_calls', 1);
  assert.is(bad.verdict, 'refuted', bad.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
