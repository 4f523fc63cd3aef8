// Counterexamples: a refutation is the concrete replay of the solver's model on both sides,
// shown with the inputs, both outcomes and the first difference; a model that does not
// replay is an engine bug (unknown), never a refutation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers, getSolverDefaults, setSolverDefaults, type Backend } from '../../../verifier/smt/solver.ts';

const opts = { unroll: 2, timeoutMs: 20_000 };
const v = async (src: string, tgt: string) => (await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), opts))[0]!;

test('a wrong result: the inputs, both results and the differing slot', async () => {
  const r = await v(
    'func.func @f(%a: i32, %b: i32) -> i32 {\n %0 = arith.subi %a, %b : i32\n return %0 : i32\n}',
    'func.func @f(%a: i32, %b: i32) -> i32 {\n %0 = arith.subi %b, %a : i32\n return %0 : i32\n}',
  );
  assert.is(r.verdict, 'refuted');
  const cx = r.counterexample!;
  assert.equal(cx.inputs.map((i) => i.name), ['arg0', 'arg1']);
  const a = BigInt(cx.inputs[0]!.value.split(' ')[0]!);
  const b = BigInt(cx.inputs[1]!.value.split(' ')[0]!);
  assert.ok(a !== b, 'the inputs differ, or both sides would agree');
  assert.match(cx.src, /^returns \(/);
  assert.match(cx.tgt, /^returns \(/);
  assert.match(cx.difference, /^result slot 0: the source returns .* the target /);
  assert.ok(cx.src.includes(String(BigInt.asIntN(32, a - b))), `${cx.src} for ${a} - ${b}`);
});

test('undefined behaviour in the target only', async () => {
  const r = await v(
    'func.func @f(%a: i32, %b: i32) -> i32 {\n return %a : i32\n}',
    'func.func @f(%a: i32, %b: i32) -> i32 {\n %0 = arith.divui %a, %b : i32\n return %a : i32\n}',
  );
  assert.is(r.verdict, 'refuted');
  assert.match(r.counterexample!.tgt, /undefined behaviour: division by zero/);
  assert.is(r.counterexample!.inputs[1]!.value, '0 : i32');
});

test('a dropped store shows the memory difference and the argument block', async () => {
  const r = await v(
    'func.func @f(%m: memref<4xi32>, %v: i32) {\n %c1 = arith.constant 1 : index\n memref.store %v, %m[%c1] : memref<4xi32>\n return\n}',
    'func.func @f(%m: memref<4xi32>, %v: i32) {\n return\n}',
  );
  assert.is(r.verdict, 'refuted');
  const cx = r.counterexample!;
  assert.match(cx.difference, /^memory after the return differs: byte \d+ of block \d+/);
  assert.ok(cx.inputs.some((i) => i.name === 'arg0.aligned'), 'the memref shows as its descriptor');
  assert.ok(cx.memory.some((m) => /argument block \d+: alive/.test(m)));
});

test('a call made with different arguments', async () => {
  const decl = 'func.func private @g(i64) -> i64\n';
  const r = await v(
    decl + 'func.func @f(%x: i64) -> i64 {\n %0 = func.call @g(%x) : (i64) -> i64\n return %0 : i64\n}',
    decl + 'func.func @f(%x: i64) -> i64 {\n %c1 = arith.constant 1 : i64\n %y = arith.addi %x, %c1 : i64\n %0 = func.call @g(%y) : (i64) -> i64\n return %0 : i64\n}',
  );
  assert.is(r.verdict, 'refuted');
  assert.match(r.counterexample!.difference, /^call #0 \(@g\): argument word 0 is \d+ in the source, \d+ in the target/);
});

test('a model that does not replay is an engine bug, not a refutation', async () => {
  // a back end that claims every query satisfiable, with an empty model
  const liar: Backend = {
    name: 'liar',
    version: async () => '0',
    available: async () => true,
    check: async () => ({ status: 'sat', model: new Map(), timeMs: 0, backend: 'liar' }),
  };
  const saved = getSolverDefaults().backend;
  setSolverDefaults({ backend: liar });
  try {
    const r = await v(
      'func.func @f(%a: i32, %b: i32) -> i32 {\n %c2 = arith.constant 2 : i32\n %0 = arith.muli %a, %c2 : i32\n return %0 : i32\n}',
      'func.func @f(%a: i32, %b: i32) -> i32 {\n %0 = arith.addi %a, %a : i32\n return %0 : i32\n}',
    );
    assert.is(r.verdict, 'unknown');
    assert.match(r.detail, /^unknown: engine bug: counterexample did not replay \(both sides behave the same/);
    assert.is(r.counterexample, undefined);
  } finally {
    setSolverDefaults({ backend: saved });
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
