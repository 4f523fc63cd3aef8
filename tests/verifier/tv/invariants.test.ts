// Loop invariants for the cut-point proof (verifier/tv/invariants.ts): facts of the
// source's loop headers kept only when inductive, then assumed. Real z3, real pairs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { pairResult } from './pair-verdict.ts';

/** A loop `x` from `init`, body `x := step(x)` while `cond`, summing `div(x, 2)`. */
function loop(o: { init: string; cond: string; step: string; div: string }): string {
  return `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c2 = arith.constant 2 : i64
  %c100 = arith.constant 100 : i64
  cf.br ^h(${o.init}, %c0 : i64, i64)
^h(%i: i64, %s: i64):
  %c = arith.cmpi ${o.cond}, %i, %n : i64
  cf.cond_br %c, ^b, ^e
^b:
  %d = arith.${o.div} %i, %c2 : i64
  %s2 = arith.addi %s, %d : i64
  %i2 = arith.${o.step} %i, %c1 : i64
  cf.br ^h(%i2, %s2 : i64, i64)
^e:
  return %s : i64
}
`;
}

const verdict = pairResult;

test('a counter from 0 up to n is never negative: divsi -> divui is proved only with the invariant', async () => {
  const up = { init: '%c0', cond: 'slt', step: 'addi' };
  const src = loop({ ...up, div: 'divsi' });
  const tgt = loop({ ...up, div: 'divui' });
  const without = await verdict(src, tgt, { invariants: false });
  assert.is(without.verdict, 'bounded(2)', without.detail);
  const withInv = await verdict(src, tgt);
  assert.is(withInv.verdict, 'proved', withInv.detail);
  assert.match(withInv.detail, /slot 0 >=s 0/);
});

test('a fact that holds on arrival but is not preserved is not assumed: never proved', async () => {
  // x counts down from 100 while x != n: x >= 0 on arrival, not after the back edge (n < 0),
  // and the difference only shows after 100 iterations (beyond the bound)
  const down = { init: '%c100', cond: 'ne', step: 'subi' };
  const v = await verdict(loop({ ...down, div: 'divsi' }), loop({ ...down, div: 'divui' }), { concreteTests: false });
  assert.is(v.verdict, 'bounded(2)', v.detail);
  assert.not.match(v.detail, /slot 0 >=s 0/);
});

test('facts of a loop are not assumed at its own arrival, where they would make the body vacuous', async () => {
  // x = -1, -2, ...: the header has UB whenever x >= 0, which never happens. Were x >= 0
  // assumed of the havoc state while checking the arrival, "no source UB" would make every
  // check vacuous and prove this wrong target (it returns x + 1)
  const src = `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %cm1 = arith.constant -1 : i64
  cf.br ^h(%cm1 : i64)
^h(%x: i64):
  %ge = arith.cmpi sge, %x, %c0 : i64
  cf.cond_br %ge, ^ub, ^t
^ub:
  %q = arith.divsi %c1, %c0 : i64
  cf.br ^t
^t:
  %c = arith.cmpi sgt, %x, %n : i64
  cf.cond_br %c, ^b, ^e
^b:
  %x2 = arith.subi %x, %c1 : i64
  cf.br ^h(%x2 : i64)
^e:
  RET
}
`;
  const v = await verdict(src.replace('RET', 'return %x : i64'), src.replace('RET', '%r = arith.addi %x, %c1 : i64\n  return %r : i64'));
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample, 'a replayed counterexample');
});

test('a counter that starts negative: divsi -> divui is refuted (replayed)', async () => {
  const from = { init: '%n', cond: 'slt', step: 'addi' };
  // x from n up to n? never runs; so compare with 100: x from n while x < 100
  const src = loop({ ...from, div: 'divsi' }).replace('arith.cmpi slt, %i, %n', 'arith.cmpi slt, %i, %c100');
  const tgt = loop({ ...from, div: 'divui' }).replace('arith.cmpi slt, %i, %n', 'arith.cmpi slt, %i, %c100');
  const v = await verdict(src, tgt);
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample, 'a replayed counterexample');
});

test('remsi -> remui of a counter from 0 up to n: proved with the invariant, as the detail says', async () => {
  const up = { init: '%c0', cond: 'slt', step: 'addi' };
  const v = await verdict(loop({ ...up, div: 'remsi' }), loop({ ...up, div: 'remui' }));
  assert.is(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /loop invariants? of the source found and proved inductive/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
