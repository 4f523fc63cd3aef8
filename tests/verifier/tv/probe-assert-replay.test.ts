// Pairs whose only difference is a failing cf.assert's message or whether it aborts must end
// `refuted` with a replayed counterexample (review 18: the concrete interpreter made a failed
// assert UB while the symbolic run records puts + abort as two calls). The MLIR -> MLIR
// replay already played the two calls (replay.ts onAssert); the Core -> MLIR replay runs the
// target with the runtime models (runMlir), where the failed assert was "undefined
// behaviour" and is now what the program does: the message, then exit status 134.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult } from './pair-verdict.ts';
import { probeProgram } from './core/helpers.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const asserting = (msg: string) => `func.func @f(%x: i32) -> i32 {
  %c = arith.constant 10 : i32
  %ok = arith.cmpi slt, %x, %c : i32
  cf.assert %ok, "${msg}"
  return %x : i32
}`;

test('only the message of a failing assert differs: refuted, replayed', async () => {
  const v = await pairResult(asserting('too big'), asserting('too bix'));
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample);
  assert.match(v.counterexample!.difference, /call #0: the source calls @puts:too big, the target @puts:too bix/);
  assert.match(v.counterexample!.src, /stops in call #1 \(@abort\)/);
});

test('the target drops the assert: refuted, replayed (the source stops in abort, the target returns)', async () => {
  const v = await pairResult(asserting('too big'), 'func.func @f(%x: i32) -> i32 {\n  return %x : i32\n}');
  assert.is(v.verdict, 'refuted', v.detail);
  // the source stops in its abort, or in the puts before it, which as an external call need
  // not return either: which one is the solver's choice of model (both replay)
  assert.match(v.counterexample!.src, /stops in call #1 \(@abort\)|stops in call #0 \(@puts:too big\), which does not return/);
  assert.match(v.counterexample!.tgt, /^returns \(/);
  assert.match(v.counterexample!.tgt, /returns/);
});

test('the same assert on both sides: proved', async () => {
  const v = await pairResult(asserting('too big'), asserting('too big'));
  assert.is(v.verdict, 'proved', v.detail);
});

test('Core -> MLIR: a target that aborts in a failing assert where Core returns is refuted as an exit, not as UB', async () => {
  const p = probeProgram('assert-exit', 'let f (x: int) : int = x + 1\n\nlet main _ =\n    Console.writeln (Format.int (f 3))\n    0\n', { byWork: true });
  const edit = (t: string) => {
    const out = t.replace(/(func\.func @clef\.f\(%(\w+): i64\) -> i64 \{\n)/, (_m, head: string, x: string) => `${head}    %ten = arith.constant 10 : i64\n    %ok = arith.cmpi slt, %${x}, %ten : i64\n    cf.assert %ok, "too big"\n`);
    if (out === t) throw new Error('no @clef.f');
    return out;
  };
  const v = await p.verdict('f', edit);
  assert.match(v, /^refuted: .*the MLIR function the program exits with code 134; Core returns/, v);
  assert.match(await p.verdict('f'), /^proved/);
});

test.after(async () => disposeSolvers());
test.run();
