// Probe: a target computing with llvm.mlir.undef. The semantics reads undef
// as poison (more undefined than LLVM's undef: on the target side, that can only make a correct
// target look wrong), so `and undef, 0` — 0 for every choice of undef — was refuted. The replay
// now treats such a computation as it treats a read of memory nobody wrote (replay.ts
// undefConfirmed): it runs the target again with undef as a defined value (interp.ts
// undefDefined) and refutes only a difference that run shows too; otherwise `unknown`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const src = `llvm.func @f(%a: i32) -> i32 {
  %z = llvm.mlir.constant(0 : i32) : i32
  llvm.return %z : i32
}`;
const tgt = (op: string, k: number) => `llvm.func @f(%a: i32) -> i32 {
  %u = llvm.mlir.undef : i32
  %z = llvm.mlir.constant(${k} : i32) : i32
  %r = llvm.${op} %u, %z : i32
  llvm.return %r : i32
}`;

test('a target returning `and undef, 0` for 0: not refuted (was refuted)', async () => {
  const v = await pairVerdict(src, tgt('and', 0));
  assert.not.match(v, /^refuted/, v);
  assert.match(v, /^unknown: .*llvm\.and/, v);
});

test('a target returning `or undef, 1` for 0: still refuted', async () => {
  const v = await pairVerdict(src, tgt('or', 1));
  assert.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
