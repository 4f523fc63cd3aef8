// A refutation names the memory it starts from: the model's bytes of a writable global
// (verifier/tv/replay.ts withGlobals). Before, a target wrong only for some contents of a
// global was shown with "inputs: (none)" and no memory at all, so the counterexample could
// not be read (nor rerun by hand).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

// @g is public: a private global nothing stores into holds its initializer in every real
// run, and a model where it holds 11 is no counterexample (sealed-globals.ts;
// probe-sealed-globals.test.ts)
const SRC = `module {
  memref.global @g : memref<4xi64> = dense<[1, 2, 3, 4]>
  memref.global "private" constant @k : memref<2xi64> = dense<[5, 6]>
  func.func @big() -> i64 {
    %m = memref.get_global @g : memref<4xi64>
    %c0 = arith.constant 0 : index
    %v = memref.load %m[%c0] : memref<4xi64>
    %k = arith.constant 10 : i64
    %b = arith.cmpi sgt, %v, %k : i64
    %r = arith.extui %b : i1 to i64
    return %r : i64
  }
}`;

test('a target wrong only when the global holds 11: its bytes are in the counterexample', async () => {
  const [r] = await validatePair(parseMlir(SRC, 'src.mlir'), parseMlir(SRC.replace('arith.constant 10 : i64', 'arith.constant 11 : i64'), 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  assert.is(r!.verdict, 'refuted', r!.detail);
  const mem = r!.counterexample!.memory;
  assert.ok(mem.some((l) => l.startsWith('@g initially: bytes [11 0 0 0 0 0 0 0 ')), mem.join('; '));
  assert.not.ok(mem.some((l) => l.startsWith('@k')), 'a constant global is as the program starts');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
