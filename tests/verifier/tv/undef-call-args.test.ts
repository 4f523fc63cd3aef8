// An undef passed to a call as an argument (a read of memory nobody wrote, moved unchanged)
// is refined by any defined value or by the target's own undef, never by poison (LLVM 19
// LangRef, "Undefined Values"; undefResult's rule in verifier/tv/query.ts, at a call). The
// first test was `proved` before the call trace kept the source's undef marks
// (symexec.ts Trace.wfresh; replay.ts compares the event words' marks).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const src = `llvm.func @g(i8)
llvm.func @f() {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %x = llvm.load %p : !llvm.ptr -> i8
  llvm.call @g(%x) : (i8) -> ()
  llvm.return
}`;

const tgt = (x: string) => `llvm.func @g(i8)
llvm.func @f() {
${x}
  llvm.call @g(%x) : (i8) -> ()
  llvm.return
}`;

test('source passes undef, target poison: refuted at the call (replayed)', async () => {
  const v = await pairVerdict(src, tgt('  %x = llvm.mlir.poison : i8'));
  assert.match(v, /^refuted: .*call #0 \(@g\): argument word 0 is undef .* in the source, poison in the target/, v);
});

test('source passes undef, target a constant: proved (undef may be any value)', async () => {
  assert.match(await pairVerdict(src, tgt('  %x = llvm.mlir.constant(7 : i8) : i8')), /^proved/);
});

test('both pass the same unwritten read: proved (the target\'s poison is its own undef)', async () => {
  assert.match(await pairVerdict(src, src), /^proved/);
});

test('undef on one path only (a branch join): refuted where it is undef, proved where both agree', async () => {
  const s = `llvm.func @g(i8)
llvm.func @f(%c: i1, %y: i8) {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %x = llvm.load %p : !llvm.ptr -> i8
  llvm.cond_br %c, ^a, ^b(%y : i8)
^a:
  llvm.br ^b(%x : i8)
^b(%v: i8):
  llvm.call @g(%v) : (i8) -> ()
  llvm.return
}`;
  const t = (other: string) => `llvm.func @g(i8)
llvm.func @f(%c: i1, %y: i8) {
  %x = ${other}
  %v = llvm.select %c, %x, %y : i1, i8
  llvm.call @g(%v) : (i8) -> ()
  llvm.return
}`;
  assert.match(await pairVerdict(s, t('llvm.mlir.poison : i8')), /^refuted: .*undef .* in the source, poison in the target/);
  assert.match(await pairVerdict(s, t('llvm.mlir.constant(3 : i8) : i8')), /^proved/);
});

test.after(() => disposeSolvers());
test.run();
