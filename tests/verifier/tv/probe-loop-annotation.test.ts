// Soundness probe (review 18): a branch's `loop_annotation` with mustProgress. mlir-translate 19
// writes it as `!llvm.loop !{!"llvm.loop.mustprogress"}`: the loop must terminate or make
// progress (LangRef: a side-effect-free infinite loop is UB there), and clang -O2 deletes such
// a loop. The semantics read the branch without it, so a target marking
// `for (i = x; i != 0; i += 2) {}; return 1` was proved equal to the unmarked source; natively,
// for odd x, the source hangs and the target returns 1 (scratch/review18/mp/). Now
// `unsupported`, naming it; other loop hints (unroll, vectorize, licm, ...) change nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const loop = (annotation: string) => `${annotation ? `#lp = #llvm.loop_annotation<${annotation}>\n` : ''}llvm.func @f(%x: i32) -> i32 {
  %z = llvm.mlir.constant(0 : i32) : i32
  %one = llvm.mlir.constant(1 : i32) : i32
  %two = llvm.mlir.constant(2 : i32) : i32
  llvm.br ^h(%x : i32)
^h(%i: i32):
  %c = llvm.icmp "ne" %i, %z : i32
  llvm.cond_br %c, ^b, ^e
^b:
  %n = llvm.add %i, %two : i32
  llvm.br ^h(%n : i32)${annotation ? ' {loop_annotation = #lp}' : ''}
^e:
  llvm.return %one : i32
}`;

test('a target marking a loop that may never end as mustProgress: not proved', async () => {
  const v = await pairVerdict(loop(''), loop('mustProgress = true'));
  assert.match(v, /^unsupported: .*mustProgress/, v);
});

test('the unmarked pair, mustProgress = false, and a plain hint keep their proofs', async () => {
  assert.match(await pairVerdict(loop(''), loop('')), /^proved/);
  assert.match(await pairVerdict(loop(''), loop('mustProgress = false')), /^proved/);
  assert.match(await pairVerdict(loop(''), loop('licm = <disable = true>')), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
