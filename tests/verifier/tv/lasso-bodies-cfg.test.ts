// The run with the bodies watches CFG loop headers (cf.br back edges) as it watches scf.while
// heads (verifier/tv/lasso-bodies.ts): at every call depth, per activation, with the blocks
// the run allocated that no value of the frame reaches left out of the state. Before, only
// the function run first's CFG headers were watched, with every block in the state, so a CFG
// loop that leaks a block per iteration and never advances ran out of steps (`unknown:
// interprocedural ... did not decide`).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { i64, watched } from '../../helpers/watch.ts';

// @f counts to n & 7 through calls of @step, allocating a buffer per iteration it never frees
const SRC = `func.func @step(%x: i64) -> i64 {
  %c1 = arith.constant 1 : i64
  %r = arith.addi %x, %c1 : i64
  return %r : i64
}
func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c7 = arith.constant 7 : i64
  %m = arith.andi %n, %c7 : i64
  cf.br ^head(%c0 : i64)
^head(%i: i64):
  %go = arith.cmpi slt, %i, %m : i64
  cf.cond_br %go, ^body, ^exit
^body:
  %buf = memref.alloc() : memref<4xi8>
  %j = func.call @step(%i) : (i64) -> i64
  cf.br ^head(%j : i64)
^exit:
  return %i : i64
}`;

const check = (tgt: string) => validatePair(parseMlir(SRC, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000, concreteBudget: { ms: Infinity, steps: 400_000 } });

test('a target whose CFG loop never advances (a block leaked per iteration) is refuted: the run with the bodies repeats a state', async () => {
  const stuck = SRC.replace('cf.br ^head(%j : i64)', 'cf.br ^head(%i : i64)');
  assert.ok(stuck !== SRC);
  const f = (await check(stuck)).find((v) => v.name === 'f')!;
  assert.is(f.verdict, 'refuted', f.detail);
  assert.ok(f.counterexample, 'a replayed counterexample');
  assert.match(f.detail, /the target does not terminate \(state at \^head in @f repeats after 1 iteration/);
});

test('a terminating CFG loop that allocates per iteration is not refuted', async () => {
  for (const v of await check(SRC)) assert.ok(v.verdict !== 'refuted', `@${v.name}: ${v.detail}`);
});

// the watch alone, on runs of the MLIR interpreter: tests/helpers/watch.ts

test('the watch: a CFG loop at a callee\'s depth that leaks a block per iteration repeats; one that advances returns', () => {
  const wrap = (body: string) => `${body}
func.func @main(%n: i64) -> i64 {
  %r = func.call @f(%n) : (i64) -> i64
  return %r : i64
}`;
  const ok = watched(wrap(SRC), 'main', [i64(5n)]);
  assert.is(ok.kind, 'returns');
  assert.is(ok.kind === 'returns' && (ok.values[0] as { v: bigint }).v, 5n);
  const stuck = watched(wrap(SRC.replace('cf.br ^head(%j : i64)', 'cf.br ^head(%i : i64)')), 'main', [i64(5n)]);
  assert.equal(stuck, { kind: 'diverges', at: 'head in @f' });
});

test('the watch: progress kept in a block a value in scope points to is state (no repeat)', () => {
  const text = `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %cell = memref.alloc() : memref<1xi64>
  memref.store %z, %cell[%c0] : memref<1xi64>
  cf.br ^head
^head:
  %k = memref.load %cell[%c0] : memref<1xi64>
  %go = arith.cmpi slt, %k, %n : i64
  cf.cond_br %go, ^body, ^exit
^body:
  %junk = memref.alloc() : memref<8xi8>
  %k1 = arith.addi %k, %one : i64
  memref.store %k1, %cell[%c0] : memref<1xi64>
  cf.br ^head
^exit:
  return %k : i64
}`;
  const r = watched(text, 'f', [i64(6n)]);
  assert.is(r.kind, 'returns');
  assert.is(r.kind === 'returns' && (r.values[0] as { v: bigint }).v, 6n);
});

test('the watch: a callee whose CFG loop is run twice from the same state is no repeat (each activation on its own)', () => {
  const text = `func.func @g(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  cf.br ^head(%c0 : i64)
^head(%i: i64):
  %go = arith.cmpi slt, %i, %n : i64
  cf.cond_br %go, ^body, ^exit
^body:
  %j = arith.addi %i, %c1 : i64
  cf.br ^head(%j : i64)
^exit:
  return %i : i64
}
func.func @f(%n: i64) -> i64 {
  %a = func.call @g(%n) : (i64) -> i64
  %b = func.call @g(%n) : (i64) -> i64
  %s = arith.addi %a, %b : i64
  return %s : i64
}`;
  const r = watched(text, 'f', [i64(3n)]);
  assert.is(r.kind, 'returns');
  assert.is(r.kind === 'returns' && (r.values[0] as { v: bigint }).v, 6n);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
