// Identities of the symbolic domain that keep the terms of a lowering and of its source the
// same, so that their states merge into identical terms and queries fold without a solver.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, bvSort } from '../../../../verifier/smt/term.ts';
import { symbolicDomain } from '../../../../verifier/semantics/mlir/symbolic-domain.ts';

test('the bit of `not c` (xori c, true) is the bit of the negated condition', () => {
  // `if not (x > k)` elaborates to scf.if on xori; convert-scf-to-cf branches on x > k with
  // the branches swapped: both must test the same condition term
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const c = f.var('c', BOOL);
  const bit = D.fromBool(c);
  assert.is(D.toBool(D.xor(bit, D.lit(1n, 1), 1)).id, f.not(c).id);
  assert.is(D.toBool(D.xor(D.lit(1n, 1), bit, 1)).id, f.not(c).id);
  assert.is(D.toBool(D.not(bit, 1)).id, f.not(c).id);
  // twice negated: the condition itself
  assert.is(D.toBool(D.xor(D.xor(bit, D.lit(1n, 1), 1), D.lit(1n, 1), 1)).id, c.id);
});

test('xor with all ones is the complement at any width; other xors stay', () => {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const x = f.var('x', bvSort(8));
  assert.is(D.xor(x, D.lit(255n, 8), 8).id, f.app('bvnot', [x]).id);
  assert.is(D.xor(x, D.lit(0n, 8), 8).id, x.id);
  assert.is(D.xor(x, D.lit(3n, 8), 8).id, f.app('bvxor', [x, f.bv(3, 8)]).id);
  // literals still fold
  assert.is(D.xor(D.lit(0x0fn, 8), D.lit(255n, 8), 8).id, f.bv(0xf0, 8).id);
});

test.run();
