// Soundness probe: the liveness of memory an external call may use. At each
// call the trace compared the callee, the argument words and the observable bytes, never
// whether the blocks the callee can reach are alive. A target that frees an escaped block
// before a call, where the source frees it after, hands the callee a dangling pointer (its use
// of the block is UB in the target only), and was `proved`. Now each call records the liveness
// of the heap, argument and external blocks (verifier/semantics/mlir/symexec.ts Trace.live,
// compared in verifier/tv/query.ts and cutpoint.ts; the replay's call events alike): a block
// the source has alive and observable at a call must be alive in the target.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult, pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

/** A heap block escapes through a global; @g is called before or after its free. */
const escaped = (freeFirst: boolean) => `llvm.mlir.global internal @P() : !llvm.ptr {
  %z = llvm.mlir.zero : !llvm.ptr
  llvm.return %z : !llvm.ptr
}
llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @free(!llvm.ptr)
llvm.func @g()
llvm.func @f() {
  %n = llvm.mlir.constant(8 : i64) : i64
  %m = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
  %p = llvm.mlir.addressof @P : !llvm.ptr
  llvm.store %m, %p : !llvm.ptr, !llvm.ptr
${freeFirst ? '  llvm.call @free(%m) : (!llvm.ptr) -> ()\n  llvm.call @g() : () -> ()' : '  llvm.call @g() : () -> ()\n  llvm.call @free(%m) : (!llvm.ptr) -> ()'}
  llvm.return
}`;

/** A heap block passed to @g, freed before or after the call. */
const passed = (freeFirst: boolean) => `llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @free(!llvm.ptr)
llvm.func @g(!llvm.ptr)
llvm.func @f() {
  %n = llvm.mlir.constant(8 : i64) : i64
  %m = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
${freeFirst ? '  llvm.call @free(%m) : (!llvm.ptr) -> ()\n  llvm.call @g(%m) : (!llvm.ptr) -> ()' : '  llvm.call @g(%m) : (!llvm.ptr) -> ()\n  llvm.call @free(%m) : (!llvm.ptr) -> ()'}
  llvm.return
}`;

test('a target that frees an escaped block before a call the source makes first: refuted (was proved)', async () => {
  const r = await pairResult(escaped(false), escaped(true));
  assert.is(r.verdict, 'refuted', `${r.verdict}: ${r.detail}`);
  assert.match(r.counterexample?.difference ?? '', /call #0 \(@g\): block \d+ is alive when the source calls, not in the target \(freed\)/);
});

test('a target that frees a heap block before passing it to a call: refuted (was proved)', async () => {
  const r = await pairResult(passed(false), passed(true));
  assert.is(r.verdict, 'refuted', `${r.verdict}: ${r.detail}`);
  assert.match(r.counterexample?.difference ?? '', /call #0 \(@g\): block \d+ is alive when the source calls/);
});

// (A target that frees later than the source is refuted for another reason: the callee may
// free the block itself, and the target's free is then a double free.)
test('a target that frees at the same point: proved', async () => {
  for (const [s, t] of [[escaped(false), escaped(false)], [escaped(true), escaped(true)], [passed(false), passed(false)]] as const) {
    const v = await pairVerdict(s, t);
    assert.match(v, /^proved/, v);
  }
});

/** Each iteration allocates a block, lets it escape through a global, and calls @g before or
 *  after freeing it: at the loop header both sides' memories agree (the block is freed either
 *  way), so only the trace of the iteration's call can tell them apart (cutpoint.ts). */
const loop = (freeFirst: boolean) => `llvm.mlir.global internal @P() : !llvm.ptr {
  %z = llvm.mlir.zero : !llvm.ptr
  llvm.return %z : !llvm.ptr
}
llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @free(!llvm.ptr)
llvm.func @g()
llvm.func @f(%n: i64) {
  %c8 = llvm.mlir.constant(8 : i64) : i64
  %z = llvm.mlir.constant(0 : i64) : i64
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.mlir.addressof @P : !llvm.ptr
  llvm.br ^h(%z : i64)
^h(%i: i64):
  %c = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %c, ^body, ^exit
^body:
  %m = llvm.call @malloc(%c8) : (i64) -> !llvm.ptr
  llvm.store %m, %p : !llvm.ptr, !llvm.ptr
${freeFirst ? '  llvm.call @free(%m) : (!llvm.ptr) -> ()\n  llvm.call @g() : () -> ()' : '  llvm.call @g() : () -> ()\n  llvm.call @free(%m) : (!llvm.ptr) -> ()'}
  %j = llvm.add %i, %one : i64
  llvm.br ^h(%j : i64)
^exit:
  llvm.return
}`;

test('a loop whose target frees each iteration\'s block before the call: refuted, not proved by cut points', async () => {
  const r = await pairResult(loop(false), loop(true));
  assert.is(r.verdict, 'refuted', `${r.verdict}: ${r.detail}`);
  assert.match(r.counterexample?.difference ?? '', /block \d+ is alive when the source calls, not in the target/);
  const same = await pairVerdict(loop(false), loop(false));
  assert.match(same, /^proved: .*any length/, same);
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
