// Soundness probe (review, session 10): llvm.mlir.undef moved unchanged. LangRef "Undefined
// Values": undef may be refined to any defined value, poison refines nothing but poison. The
// semantics read llvm.mlir.undef as poison on both sides, so a target returning (passing,
// selecting) llvm.mlir.poison where the source has llvm.mlir.undef was `proved`. The value is
// marked undef now (`fresh`, as a read of memory nobody wrote: verifier/tv/query.ts
// undefResult), on both sides and in the replay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const ret = (v: string) => `llvm.func @f() -> i32 {
  %u = ${v}
  llvm.return %u : i32
}`;
const call = (v: string) => `module {
  llvm.func @g(i32)
  llvm.func @f() {
    %u = ${v}
    llvm.call @g(%u) : (i32) -> ()
    llvm.return
  }
}`;
const UNDEF = 'llvm.mlir.undef : i32';
const POISON = 'llvm.mlir.poison : i32';

test('a returned undef is not refined by poison, by undef and by a constant it is', async () => {
  const p = await pairVerdict(ret(UNDEF), ret(POISON));
  assert.match(p, /^refuted/, p);
  const u = await pairVerdict(ret(UNDEF), ret(UNDEF));
  assert.match(u, /^proved/, u);
  const c = await pairVerdict(ret(UNDEF), ret('llvm.mlir.constant(5 : i32) : i32'));
  assert.match(c, /^proved/, c);
});

test('an undef call argument is not refined by poison', async () => {
  const p = await pairVerdict(call(UNDEF), call(POISON));
  assert.match(p, /^refuted/, p);
  const u = await pairVerdict(call(UNDEF), call(UNDEF));
  assert.match(u, /^proved/, u);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
