// Soundness probe (review, session 11): a refutation found with calls of functions with a body
// taken as unknown functions is rerun with the bodies (replay.ts); when that run did not
// decide (the source ran out of steps), the modular difference was shown as `refuted` all the
// same. `audit --pass inline` refuted clef_entry of histogram, insertion_sort and crc16_frame
// that way. Here @g's body returns 5 after a long loop and the target @f returns 5 itself:
// `refuted: the source makes 1 call(s), the target 0`; now `unknown: interprocedural`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const g = (trips: number) => `func.func @g(%n: i64) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %big = arith.constant ${trips} : index
  %one = arith.constant 1 : i64
  %z = arith.constant 0 : i64
  %s = scf.for %i = %c0 to %big step %c1 iter_args(%acc = %z) -> i64 {
    %a = arith.addi %acc, %one : i64
    scf.yield %a : i64
  }
  %k = arith.constant ${trips} : i64
  %d = arith.subi %s, %k : i64
  %five = arith.constant 5 : i64
  %r = arith.addi %d, %five : i64
  return %r : i64
}`;
const caller = `func.func @f(%n: i64) -> i64 {
  %r = func.call @g(%n) : (i64) -> i64
  return %r : i64
}`;
const inlined = (plus: number) => `func.func @f(%n: i64) -> i64 {
  %r = arith.constant ${5 + plus} : i64
  return %r : i64
}`;

async function rowOfF(trips: number, plus: number): Promise<string> {
  const rows = await validatePair(parseMlir(`${g(trips)}\n${caller}`, 'src.mlir'), parseMlir(`${g(trips)}\n${inlined(plus)}`, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  const f = rows.find((r) => r.name === 'f')!;
  return f.detail;
}

test('a modular difference the run with the bodies cannot decide is not refuted', async () => {
  const v = await rowOfF(100_000_000, 0);
  assert.match(v, /^unknown: interprocedural: .*did not decide/, v);
});

test('a difference the run with the bodies shows stays refuted', async () => {
  const v = await rowOfF(10, 1);
  assert.match(v, /^refuted/, v);
  const ok = await rowOfF(10, 0);
  assert.match(ok, /^unknown: interprocedural: .*both sides agree/, ok);
});

// review 29: run with the bodies, a block the callee allocates is numbered as the source
// function's private block and the inlined one as the target's escaping block, so a returned
// buffer read as a different result and the modular difference (the source's call not
// returning, which its body never does) was `refuted`; the ids are each side's numbering
const mk = `func.func private @mk(%n: i64) -> memref<?xi64> {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %m = memref.alloc(%c2) : memref<?xi64>
  memref.store %n, %m[%c0] : memref<?xi64>
  return %m : memref<?xi64>
}
func.func @f(%n: i64) -> memref<?xi64> {
  %m = func.call @mk(%n) : (i64) -> memref<?xi64>
  return %m : memref<?xi64>
}`;
const mkInlined = (stored: string) => `func.func @f(%arg0: i64) -> memref<?xi64> {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1 : i64
  %a1 = arith.addi %arg0, %one : i64
  %alloc = memref.alloc() : memref<2xi64>
  %cast = memref.cast %alloc : memref<2xi64> to memref<?xi64>
  memref.store ${stored}, %alloc[%c0] : memref<2xi64>
  return %cast : memref<?xi64>
}`;

test("a callee's fresh buffer returned, inlined (mlir-opt --inline), is not refuted on the blocks' ids; other bytes in it are", async () => {
  const rows = (stored: string) => validatePair(parseMlir(mk, 'src.mlir'), parseMlir(mkInlined(stored), 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  const same = (await rows('%arg0')).find((r) => r.name === 'f')!;
  assert.ok(same.verdict !== 'refuted', same.detail);
  assert.match(same.detail, /^unknown: interprocedural: .*both sides agree/, same.detail);
  const other = (await rows('%a1')).find((r) => r.name === 'f')!;
  assert.is(other.verdict, 'refuted', other.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
