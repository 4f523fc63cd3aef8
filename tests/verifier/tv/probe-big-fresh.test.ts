// Review 36 X1: the check takes the source's unwritten bytes of an escaping block over
// FRESH_POISON_MAX (256) bytes as defined values (one unknown each, symbolic-memory.ts
// freshObservablePoison), and the replay read them so too — so a model where the source's
// unwritten byte 0 is 0 and the target's is 117 "replayed": a 300-byte alloca handed to a
// call, the target only reading a byte of it first, was refuted, though both sides' byte is
// undef (LangRef alloca: unwritten memory is undef) and the callee may see any value in
// either. The replay now reads those bytes as undef: such a model is `unknown`, naming why,
// never refuted. What it costs: a real difference the source's computation with such a byte
// shows (`x & 0` returned, the target returning 1) is `unknown` too (it was refuted, by a
// difference at the call that was no more real).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const fn = (body: string) => `llvm.func @ext(!llvm.ptr)
llvm.func @f() -> i8 {
  %n = llvm.mlir.constant(300 : i64) : i64
  %a = llvm.alloca %n x i8 : (i64) -> !llvm.ptr
${body}
}`;
const RETURN_M1 = fn(`  %m = llvm.mlir.constant(-1 : i8) : i8
  llvm.call @ext(%a) : (!llvm.ptr) -> ()
  llvm.return %m : i8`);
const OR_M1 = fn(`  %x = llvm.load %a : !llvm.ptr -> i8
  %m = llvm.mlir.constant(-1 : i8) : i8
  %r = llvm.or %x, %m : i8
  llvm.call @ext(%a) : (!llvm.ptr) -> ()
  llvm.return %r : i8`);

test('a target that reads an unwritten byte of a 300-byte block before handing it to a call: not refuted', async () => {
  const v = await pairVerdict(RETURN_M1, OR_M1);
  assert.not.match(v, /^refuted/, v);
  assert.match(v, /^unknown: /, v);
});

test('the source computing with such a byte: unknown, naming the approximation', async () => {
  const src = fn(`  %x = llvm.load %a : !llvm.ptr -> i8
  %z = llvm.mlir.constant(0 : i8) : i8
  %r = llvm.and %x, %z : i8
  llvm.call @ext(%a) : (!llvm.ptr) -> ()
  llvm.return %r : i8`);
  const tgt = fn(`  %r = llvm.mlir.constant(1 : i8) : i8
  llvm.call @ext(%a) : (!llvm.ptr) -> ()
  llvm.return %r : i8`);
  const v = await pairVerdict(src, tgt);
  assert.match(v, /^unknown: .*the check takes the unwritten bytes of an escaping block of the source's over 256 bytes as defined values/, v);
});

test('the same pair over a 16-byte block (poison marks, no approximation): the return is refuted', async () => {
  const small = (t: string) => t.replace('constant(300 : i64)', 'constant(16 : i64)');
  const v = await pairVerdict(small(RETURN_M1), small(RETURN_M1.replace('constant(-1 : i8)', 'constant(1 : i8)')));
  assert.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
