// Soundness probe (review, session 11): a struct or array load/store checked the alignment of
// each field against the smaller of the access's alignment and the field type's, so the
// aggregate's own address never had to have the alignment the op states: a target loading
// struct<(i8, i8)> with alignment 8 where the source said 1 was `proved` (LangRef load/store:
// an overstated alignment is undefined behaviour; not visible in an x86 run).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const load = (align: number) => `llvm.func @f(%p: !llvm.ptr) -> i8 {
  %v = llvm.load %p {alignment = ${align} : i64} : !llvm.ptr -> !llvm.struct<(i8, i8)>
  %x = llvm.extractvalue %v[1] : !llvm.struct<(i8, i8)>
  llvm.return %x : i8
}`;
const store = (align: number) => `llvm.func @f(%p: !llvm.ptr, %a: i32, %b: i32) {
  %u = llvm.mlir.undef : !llvm.array<2 x i32>
  %1 = llvm.insertvalue %a, %u[0] : !llvm.array<2 x i32>
  %2 = llvm.insertvalue %b, %1[1] : !llvm.array<2 x i32>
  llvm.store %2, %p {alignment = ${align} : i64} : !llvm.array<2 x i32>, !llvm.ptr
  llvm.return
}`;

test('an aggregate load or store asks its alignment of the aggregate address', async () => {
  const more = await pairVerdict(load(1), load(8));
  assert.match(more, /^refuted/, more);
  const less = await pairVerdict(load(8), load(1));
  assert.match(less, /^proved/, less);
  const st = await pairVerdict(store(4), store(16));
  assert.match(st, /^refuted/, st);
  const same = await pairVerdict(store(16), store(4));
  assert.match(same, /^proved/, same);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
