// A source with UB on every execution is refined by any target, so its refinement query is
// unsat whatever the target does: a vacuous proof. Reviews 15 (F1) and 16 (N2, N3) found three
// wrong `proved` verdicts of that kind, each a model bug (an alignment the source was thought
// to violate on every execution). validate.ts asks whether the proof's assumptions have a
// model (verifier/tv/vacuity.ts): none -> `unknown: vacuous: ...` (exit code 2), as Alive2
// reports "source is always UB" instead of "correct".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { cli } from '../../helpers/cli.ts';
import { causeOf } from '../../../bench/tv-rows.ts';
import { VACUOUS as VACUOUS_DETAIL, VACUOUS_ENDING } from '../../../verifier/tv/vacuity.ts';
import { pairVerdict } from './pair-verdict.ts';

const RET7 = `llvm.func @f(%x: i32) -> i32 {
  %r = llvm.mlir.constant(7 : i32) : i32
  llvm.return %r : i32
}`;

// a load through the null pointer: UB whatever %x is
const NULL_LOAD = `llvm.func @f(%x: i32) -> i32 {
  %z = llvm.mlir.zero : !llvm.ptr
  %v = llvm.load %z : !llvm.ptr -> i32
  %r = llvm.add %v, %x : i32
  llvm.return %r : i32
}`;

// an i32 read of a 2-byte alloca: past its end on every execution
const PAST_ALLOCA = `llvm.func @f(%x: i32) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x i16 : (i64) -> !llvm.ptr
  %v = llvm.load %a : !llvm.ptr -> i32
  %r = llvm.add %v, %x : i32
  llvm.return %r : i32
}`;

// UB only where %x is 0 (udiv by zero): a correct target is proved, a wrong one refuted
const DIV = (k: string) => `llvm.func @f(%x: i32) -> i32 {
  %c = llvm.mlir.constant(${k} : i32) : i32
  %r = llvm.udiv %c, %x : i32
  llvm.return %r : i32
}`;

// a loop over %n iterations, and UB before it (UB_BEFORE) or after it on the way out (UB_AFTER)
const LOOP = (before: string, after: string) => `func.func @f(%n: index, %x: i32) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x i16 : (i64) -> !llvm.ptr
${before}  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> (i32) {
    %b = arith.muli %acc, %acc : i32
    scf.yield %b : i32
  }
${after}  return %r : i32
}`;
const UB_LOAD = '  %u = llvm.load %a : !llvm.ptr -> i32\n  llvm.store %u, %a : i32, !llvm.ptr\n';
const LOOP_RET7 = `func.func @f(%n: index, %x: i32) -> i32 {
  %r = arith.constant 7 : i32
  return %r : i32
}`;

const VACUOUS = /^unknown: unknown: vacuous: the source is UB on every execution/;

test('a load through null: unknown (vacuous), was proved against any target', async () => {
  assert.match(await pairVerdict(NULL_LOAD, RET7), VACUOUS);
  assert.match(await pairVerdict(NULL_LOAD, NULL_LOAD), VACUOUS);
  // the guard is what changes it (FIDELITY_NO_VACUITY=1: the query alone)
  process.env.FIDELITY_NO_VACUITY = '1';
  try {
    assert.match(await pairVerdict(NULL_LOAD, RET7), /^proved/);
  } finally {
    delete process.env.FIDELITY_NO_VACUITY;
  }
});

test('an i32 read of a 2-byte alloca: unknown (vacuous)', async () => {
  assert.match(await pairVerdict(PAST_ALLOCA, RET7), VACUOUS);
});

test('a source UB on some inputs only: proved for a correct target, refuted for a wrong one', async () => {
  assert.match(await pairVerdict(DIV('100'), DIV('100')), /^proved: refinement holds \(no loop was cut\)/);
  assert.match(await pairVerdict(DIV('100'), DIV('101')), /^refuted/);
});

test('a loop with UB before it: unknown (vacuous), also through the cut-point proof', async () => {
  assert.match(await pairVerdict(LOOP(UB_LOAD, ''), LOOP_RET7), VACUOUS);
  assert.match(await pairVerdict(LOOP(UB_LOAD, ''), LOOP(UB_LOAD, '')), VACUOUS);
});

test('a loop with UB after it: unknown (vacuous: no defined execution returns)', async () => {
  const v = await pairVerdict(LOOP('', UB_LOAD), LOOP('', UB_LOAD));
  assert.match(v, VACUOUS, v);
  assert.match(v, /every execution that returns or stops in a call/, v);
});

test('the same loop without UB: proved for executions of any length', async () => {
  assert.match(await pairVerdict(LOOP('', ''), LOOP('', '')), /^proved: refinement holds for executions of any length/);
});

test('the CLI: exit code 2 for a vacuous proof, as for every unknown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vacuous-'));
  writeFileSync(join(dir, 'src.mlir'), NULL_LOAD);
  writeFileSync(join(dir, 'tgt.mlir'), RET7);
  const r = await cli(['tv', join(dir, 'src.mlir'), join(dir, 'tgt.mlir')]);
  assert.is(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /@f: unknown: vacuous: the source is UB on every execution \(nothing to refine\)/);
});

test('the bench groups vacuous rows under their own cause', () => {
  assert.is(causeOf({ verdict: 'unknown', detail: `unknown: ${VACUOUS_DETAIL}` }), 'vacuous: the source is UB on every execution');
  assert.is(causeOf({ verdict: 'unknown', detail: `unknown: ${VACUOUS_ENDING}` }), 'vacuous: the source is UB on every execution that returns');
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
