// Soundness probes of the loop invariants (verifier/tv/invariants.ts) and the
// cut-point proof they strengthen. Each target is wrong only beyond the unrolling bound (and
// beyond the concrete tests, turned off here), so only an unsound invariant or cut-point
// argument could prove it. All held when written (2026-11-26).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { pairVerdict } from './pair-verdict.ts';

const verdict = (src: string, tgt: string) => pairVerdict(src, tgt, { concreteTests: false });

// x counts up from 0 on one back edge and is set to -5 on the other, taken once at i = 100:
// `x >=s 0` holds on arrival and is preserved by the first back edge only
const twoBackEdges = (div: string) => `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c2 = arith.constant 2 : i64
  %cm5 = arith.constant -5 : i64
  %c100 = arith.constant 100 : i64
  cf.br ^h(%c0, %c0, %c0 : i64, i64, i64)
^h(%i: i64, %x: i64, %s: i64):
  %c = arith.cmpi slt, %i, %n : i64
  cf.cond_br %c, ^b, ^e
^b:
  %d = arith.${div} %x, %c2 : i64
  %s2 = arith.addi %s, %d : i64
  %i2 = arith.addi %i, %c1 : i64
  %hit = arith.cmpi eq, %i, %c100 : i64
  cf.cond_br %hit, ^neg, ^pos
^neg:
  cf.br ^h(%i2, %cm5, %s2 : i64, i64, i64)
^pos:
  %x2 = arith.addi %x, %c1 : i64
  cf.br ^h(%i2, %x2, %s2 : i64, i64, i64)
^e:
  return %s : i64
}`;

test('a fact true on arrival and on one back edge, broken by the other at i = 100: divsi -> divui not proved', async () => {
  const v = await verdict(twoBackEdges('divsi'), twoBackEdges('divui'));
  assert.match(v, /^bounded\(2\)/, v);
  assert.not.match(v, /slot 1 >=s 0/, v);
  // without the negative edge the same fact is proved inductive and the pair proved
  const noNeg = (div: string) => twoBackEdges(div).replace('cf.br ^h(%i2, %cm5, %s2', 'cf.br ^h(%i2, %x, %s2');
  assert.match(await verdict(noNeg('divsi'), noNeg('divui')), /^proved/);
});

test('a loop whose header always has UB, reached only for n = 5: no vacuous proof of the other inputs', async () => {
  const src = (ret: string) => `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c5 = arith.constant 5 : i64
  %e = arith.cmpi eq, %n, %c5 : i64
  cf.cond_br %e, ^pre, ^out
^pre:
  cf.br ^h(%c0 : i64)
^h(%x: i64):
  %q = arith.divsi %c1, %c0 : i64
  %c = arith.cmpi slt, %x, %n : i64
  cf.cond_br %c, ^b, ^out
^b:
  %x2 = arith.addi %x, %q : i64
  cf.br ^h(%x2 : i64)
^out:
  return ${ret} : i64
}`;
  assert.match(await verdict(src('%c0'), src('%c1')), /^refuted/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
