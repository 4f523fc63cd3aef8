// The run with the bodies (verifier/tv/replay.ts, `whole`) compares a pointer argument of a
// call to a function with no body and no runtime model by the content of the block it points
// into when each side allocated that block — liveness, size, bytes, and the offset — not by
// block number: block numbers follow each side's allocation order and escape analysis, so a
// pass that reorders allocations before such a call changed them (the modular check numbers
// escaping allocations in order, and its replay now tries the other correspondences of the
// fresh blocks, replay.ts correspondences; with the bodies run, the source's
// and target's calls agreed but for the block ids, and that refuted it). The modular
// difference here needs @id not to return; run with its body, it does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const module = (allocs: string, stored: string) => `func.func private @use(memref<4xi8>)
func.func @id(%x: i8) -> i8 {
  return %x : i8
}
func.func @f(%v: i8) -> i8 {
  %c0 = arith.constant 0 : index
  %c7 = arith.constant 7 : i8
${allocs}
  %w = arith.addi %v, ${stored} : i8
  memref.store %w, %a[%c0] : memref<4xi8>
  memref.store %c7, %b[%c0] : memref<4xi8>
  call @use(%a) : (memref<4xi8>) -> ()
  call @use(%b) : (memref<4xi8>) -> ()
  %r = call @id(%v) : (i8) -> i8
  return %r : i8
}`;
const inOrder = '  %a = memref.alloc() : memref<4xi8>\n  %b = memref.alloc() : memref<4xi8>';
const reordered = '  %b = memref.alloc() : memref<4xi8>\n  %a = memref.alloc() : memref<4xi8>';
const SRC = module(inOrder, '%c0_i8');
const withZero = (m: string) => m.replace('%c7 = arith.constant 7 : i8', '%c7 = arith.constant 7 : i8\n  %c0_i8 = arith.constant 0 : i8');

async function verdictOf(tgt: string) {
  const vs = await validatePair(parseMlir(withZero(SRC), 'src.mlir'), parseMlir(withZero(tgt), 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000, concreteBudget: { ms: Infinity, steps: 400_000 } });
  return vs.find((v) => v.name === 'f')!;
}

test('a pass that reorders allocations before a call of a declaration is not refuted', async () => {
  const v = await verdictOf(module(reordered, '%c0_i8'));
  assert.is.not(v.verdict, 'refuted', v.detail);
  assert.is(v.verdict, 'unknown', v.detail);
  // the modular replay already tries the other correspondence of the fresh blocks
  // (replay.ts correspondences; alloc-order.test.ts) before any run with the bodies: it was
  // `interprocedural: ... run with the bodies, both sides agree` when only that run compared
  // such blocks by content
  assert.match(v.detail, /^unknown: allocations correspond differently: call #0 \(@use\): argument word 0 /);
});

test('with the allocations reordered, other bytes in a block a call sees are refuted', async () => {
  const v = await verdictOf(module(reordered, '%c7'));
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample, 'a replayed counterexample');
});

test('in order, other bytes are refuted too (the comparison by content still sees them)', async () => {
  const v = await verdictOf(module(inOrder, '%c7'));
  assert.is(v.verdict, 'refuted', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
