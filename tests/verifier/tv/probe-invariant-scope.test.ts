// Soundness probe (reviewer, round 7): a loop invariant candidate of an outer loop was read
// off a bound that mentions an inner loop's header unknowns (the inner exit test `y >u x`
// gives `x <=u y`, `x == y`, ...). Such a fact relates the outer header to a state that
// comes after it; and through it the dependencies of the outer loop's own arrival check
// took in the outer loop's own facts (inner facts mention the outer havoc), so the arrival
// check assumed what it checked: `x == 0` and `x == n` were both kept at the outer header —
// the outer loop never entered — and a target that differs inside the inner loop once
// x >= 2 was `proved`. Now a fact of loop j may mention only j and the loops its arrival path
// mentions (invariants.ts findInvariants).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairResult } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

// acc counts the inner iterations; the target adds 2 instead of 1 where y < x and x >= 2
const fn = (tgt: boolean) => `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c2 = arith.constant 2 : i64
  cf.br ^h(%c0, %c0 : i64, i64)
^h(%x: i64, %acc: i64):
  %lt = arith.cmpi ult, %x, %n : i64
  cf.cond_br %lt, ^ib(%c0, %acc : i64, i64), ^e
^ib(%y: i64, %a: i64):
  %gt = arith.cmpi ugt, %y, %x : i64
  cf.cond_br %gt, ^ob, ^ibody
^ibody:
${tgt ? `  %below = arith.cmpi ult, %y, %x : i64
  %big = arith.cmpi uge, %x, %c2 : i64
  %both = arith.andi %below, %big : i1
  %d = arith.select %both, %c2, %c1 : i64
  %a2 = arith.addi %a, %d : i64` : '  %a2 = arith.addi %a, %c1 : i64'}
  %y2 = arith.addi %y, %c1 : i64
  cf.br ^ib(%y2, %a2 : i64, i64)
^ob:
  %x2 = arith.addi %x, %c1 : i64
  cf.br ^h(%x2, %a : i64, i64)
^e:
  return %acc : i64
}`;

test('an outer loop fact over an inner loop bound is no candidate: a difference in the inner loop is not proved', async () => {
  // (no concrete tests nor lasso: only whether the cut-point proof, with invariants, holds)
  const got = await pairResult(fn(false), fn(true), { concreteTests: false, lasso: false });
  const v = `${got.verdict}: ${got.detail}`;
  // n = 3: the source returns 1 + 2 + 3 = 6, the target 8 (x = 2: y = 0, 1 add 2)
  assert.not.match(v, /^proved/, v);
});

// The same through this round's access hints (invariant-accesses.ts): loop A counts x up
// to n (the target adds 2 instead of 1 once x >= 2); a later loop B divides by x + y, whose
// sum gave loop A the candidate `x <=u ~y` over B's unknowns — A's arrival check then
// assumed A's own facts (through B's, whose path mentions A's exit) and kept `x == 0`.
const seq = (tgt: boolean) => `func.func @f(%n: i64, %m: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c2 = arith.constant 2 : i64
  %c100 = arith.constant 100 : i64
  cf.br ^a(%c0, %c0 : i64, i64)
^a(%x: i64, %acc: i64):
  %lt = arith.cmpi ult, %x, %n : i64
  cf.cond_br %lt, ^abody, ^bpre
^abody:
${tgt ? `  %big = arith.cmpi uge, %x, %c2 : i64
  %d = arith.select %big, %c2, %c1 : i64
  %acc2 = arith.addi %acc, %d : i64` : '  %acc2 = arith.addi %acc, %c1 : i64'}
  %x2 = arith.addi %x, %c1 : i64
  cf.br ^a(%x2, %acc2 : i64, i64)
^bpre:
  cf.br ^b(%c0, %acc : i64, i64)
^b(%y: i64, %s: i64):
  %lt2 = arith.cmpi ult, %y, %m : i64
  cf.cond_br %lt2, ^bbody, ^e
^bbody:
  %xy = arith.addi %x, %y : i64
  %q = arith.divui %c100, %xy : i64
  %s2 = arith.addi %s, %q : i64
  %y2 = arith.addi %y, %c1 : i64
  cf.br ^b(%y2, %s2 : i64, i64)
^e:
  return %s : i64
}`;

test('a loop fact over a later loop\'s unknowns (an access sum) is no candidate: a difference in the first loop is not proved', async () => {
  const got = await pairResult(seq(false), seq(true), { concreteTests: false, lasso: false });
  const v = `${got.verdict}: ${got.detail}`;
  // n = 3, m = 0: the source returns 3, the target 4
  assert.not.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
