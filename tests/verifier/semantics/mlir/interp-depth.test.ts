// The MLIR interpreter's call-depth limit (review 22, issue 4 item 8). It recurses in
// JavaScript with every call and nested region, so a function recursing without end ran the
// JS stack out long before its `maxDepth` (about 500 calls deep with an scf.if per call), and
// a RangeError left every caller that handles the interpreter's limits (StepLimit): a replay,
// closed-run, runProgram. Now both are one named outcome, DepthLimit (a StepLimit), as the
// Core reference interpreter stops with 'stack overflow' at its own depth limit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { DepthLimit, Interpreter, programMemory, StepLimit, type CVal } from '../../../../verifier/semantics/mlir/interp.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';

// @r(n): n <= 0 ? 0 : r(n - 1) + 1, inside nested scf.ifs (JS frames per call);
// @forever(n): calls itself with n
const TEXT = `func.func @r(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %stop = arith.cmpi sle, %n, %c0 : i64
  %x = scf.if %stop -> (i64) {
    scf.yield %c0 : i64
  } else {
    %y = scf.if %stop -> (i64) {
      scf.yield %c0 : i64
    } else {
      %m = arith.subi %n, %c1 : i64
      %z = func.call @r(%m) : (i64) -> i64
      %s = arith.addi %z, %c1 : i64
      scf.yield %s : i64
    }
    scf.yield %y : i64
  }
  return %x : i64
}
func.func @forever(%n: i64) -> i64 {
  %z = func.call @forever(%n) : (i64) -> i64
  return %z : i64
}`;
const i64 = (v: bigint): CVal => ({ kind: 'int', w: 64, v, poison: false });

function run(fn: string, n: bigint, maxDepth?: number): CVal[] | Error {
  const info = moduleInfo(parseMlir(TEXT, 'depth.mlir'));
  const interp = new Interpreter({ info, memory: programMemory(info), external: () => [], ...(maxDepth !== undefined ? { maxDepth } : {}) });
  try {
    return interp.runFunction(info.funcs.get(fn)!, [i64(n)]);
  } catch (e) {
    return e as Error;
  }
}

test('recursion within maxDepth returns', () => {
  const r = run('r', 30n, 50);
  assert.ok(Array.isArray(r), String(r));
  assert.is((r as CVal[])[0]!.kind === 'int' && ((r as CVal[])[0] as { v: bigint }).v, 30n);
});

test('recursion past maxDepth: DepthLimit (a StepLimit), named', () => {
  const r = run('r', 60n, 50);
  assert.ok(r instanceof DepthLimit, String(r));
  assert.ok(r instanceof StepLimit);
  assert.match((r as Error).message, /call depth above 50/);
});

test('recursion without end, default limit: DepthLimit, not a RangeError from the JS stack', () => {
  for (const fn of ['forever', 'r']) {
    const r = run(fn, fn === 'r' ? 1_000_000n : 1n);
    assert.ok(r instanceof DepthLimit, `${fn}: ${String(r)}`);
    assert.match((r as Error).message, /call depth (above \d+|\d+: the interpreter's JavaScript stack ran out)/);
  }
});

test.run();
