// A failed cf.assert in the concrete interpreter: the symbolic run (symexec.ts execAssert)
// records the two calls its LLVM lowering makes (convert-cf-to-llvm: puts of the message,
// abort, llvm.unreachable); the interpreter made it UB instead (review 18), so a concrete run
// and the symbolic one disagreed on what such a run does. Now it makes the same two calls
// through its external handler, and a run with the runtime models (runMlir, which the
// Core -> MLIR replay uses) prints the message and exits with 134, as runProgram and the
// native program do.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { Interpreter, programMemory, runMlir, type CVal } from '../../../../verifier/semantics/mlir/interp.ts';
import { UBError } from '../../../../verifier/semantics/mlir/concrete-memory.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { ProgramExit } from '../../../../verifier/semantics/mlir/runtime.ts';

const TEXT = `func.func @f(%x: i32) -> i32 {
  %c = arith.constant 10 : i32
  %ok = arith.cmpi slt, %x, %c : i32
  cf.assert %ok, "too big"
  return %x : i32
}`;
const i32 = (v: bigint): CVal => ({ kind: 'int', w: 32, v, poison: false });

/** Runs @f on x with an external handler that records its calls; `abortReturns` false: abort
 *  throws, as a replay's handler does (replay.ts: a call that does not return). */
function run(x: bigint, abortReturns: boolean): { calls: string[]; out: string } {
  const info = moduleInfo(parseMlir(TEXT, 'a.mlir'));
  const calls: string[] = [];
  class Stop extends Error {}
  const interp = new Interpreter({
    info,
    memory: programMemory(info),
    external: (callee) => {
      calls.push(callee);
      if (callee === 'abort' && !abortReturns) throw new Stop('abort');
      return [];
    },
  });
  try {
    const [r] = interp.runFunction(info.funcs.get('f')!, [i32(x)]);
    return { calls, out: `returns ${r && r.kind === 'int' ? r.v : '?'}` };
  } catch (e) {
    if (e instanceof Stop) return { calls, out: 'stops in abort' };
    if (e instanceof UBError) return { calls, out: `UB: ${e.what}` };
    throw e;
  }
}

test('a failed cf.assert makes the calls puts:<message> and abort, as the symbolic run records them', () => {
  assert.equal(run(10n, false), { calls: ['puts:too big', 'abort'], out: 'stops in abort' });
});

test('an abort that returns reaches the lowering\'s llvm.unreachable: UB', () => {
  const r = run(10n, true);
  assert.equal(r.calls, ['puts:too big', 'abort']);
  assert.match(r.out, /^UB: llvm\.unreachable: abort returned/);
});

test('a cf.assert that holds makes no call', () => {
  assert.equal(run(9n, false), { calls: [], out: 'returns 9' });
});

test('with the runtime models (runMlir): the message on stdout, exit status 134', () => {
  const m = parseMlir(TEXT, 'a.mlir');
  assert.equal(runMlir(m, 'f', [i32(3n)]).values, [i32(3n)]);
  try {
    runMlir(m, 'f', [i32(11n)]);
    assert.unreachable('the failed assert should end the program');
  } catch (e) {
    assert.instance(e, ProgramExit);
    assert.is((e as ProgramExit).code, 134);
  }
});

test.run();
