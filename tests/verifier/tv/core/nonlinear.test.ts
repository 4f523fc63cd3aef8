// Nonlinear operations abstracted (verifier/tv/core/nonlinear.ts): multiplications of two
// unknowns, divisions and remainders by an unknown become unknowns, equal operations on equal
// operands equal unknowns. Only its unsat is used (split.ts), so it must keep every model of
// the original: a query unsat for the operations' arithmetic is sat abstracted, never unsat.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { abstractNonlinear } from '../../../../verifier/tv/core/nonlinear.ts';
import { corpusProgram } from './helpers.ts';
import { withRlimit } from '../../../helpers/effort.ts';

const F = new TermFactory();
const W = bvSort(64);
const [a, b, a2, b2, x, y] = ['a', 'b', 'a2', 'b2', 'x', 'y'].map((n) => F.var(`nl-test.${n}`, W)) as [ReturnType<typeof F.var>, ...ReturnType<typeof F.var>[]];
const solve = (assertions: ReturnType<typeof F.var>[]) => checkQuery({ assertions, wantModel: [] }, { timeoutMs: 30_000 });

test('equal operands: the quotients, remainders and products (either order) are equal, abstracted too', async () => {
  const same = [F.eq(a, a2), F.eq(b, b2)];
  const differ = F.or(
    F.not(F.eq(F.app('bvsdiv', [a, b]), F.app('bvsdiv', [a2, b2]))),
    F.not(F.eq(F.app('bvurem', [a, b]), F.app('bvurem', [a2, b2]))),
    F.not(F.eq(F.app('bvmul', [a, b]), F.app('bvmul', [b2, a2]))),
  );
  const abs = abstractNonlinear(F, [...same, differ]);
  assert.is(abs.abstracted, 6);
  assert.ok(abs.assertions.every((t) => !/bvsdiv|bvurem|bvmul/.test(JSON.stringify(t, (k, v) => (k === 'op' ? v : typeof v === 'object' ? v : undefined)))), 'no nonlinear operation left');
  assert.is(abs.assertions[abs.assertions.length - 1]!.sort.kind, 'bool');
  assert.is((await solve(abs.assertions)).status, 'unsat');
});

test('unsat only by arithmetic (x * y = 7 and y * x = 7 with x = 2, y = 3): sat abstracted', async () => {
  const q = [F.eq(x, F.bv(2n, 64)), F.eq(y, F.bv(3n, 64)), F.eq(F.app('bvmul', [y, x]), F.bv(7n, 64)), F.eq(F.app('bvmul', [x, y]), F.bv(7n, 64))];
  assert.is((await solve(q)).status, 'unsat');
  const abs = abstractNonlinear(F, q);
  assert.is(abs.abstracted, 2);
  assert.is((await solve(abs.assertions)).status, 'sat');
});

test('a literal multiplier or divisor stays (linear), and one operation of a kind alone: nothing abstracted', () => {
  const q = [F.eq(F.app('bvmul', [x, F.bv(8n, 64)]), F.app('bvudiv', [y, F.bv(3n, 64)]))];
  const abs = abstractNonlinear(F, q);
  assert.is(abs.abstracted, 0);
  assert.is(abs.assertions, q);
  const one = [F.eq(F.app('bvmul', [x, x]), F.bv(49n, 64)), F.eq(F.app('bvudiv', [x, y]), F.bv(1n, 64))];
  assert.is(abstractNonlinear(F, one).abstracted, 0);
});

// gcd_lcm `egcd` (a / b, a % b, an overflow check on a 128-bit product): one query, out of
// 8 M z3-wasm units (and of 30 M native) before; abstracted, unsat at 1.3 M (26 Nov). The
// abstraction gets half of a query's limit (split.ts), 2 M here.
test('gcd_lcm egcd under 4 M units per query: proved', async () => {
  const { core, mlir } = corpusProgram('gcd_lcm');
  const mod = parseMlir(mlir, 'gcd_lcm.mlir');
  const fn = core.functions.find((f) => f.name === 'egcd')!;
  const v = await withRlimit(() => validateCoreFunction(core, fn, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 120_000 }), 4_000_000);
  assert.is(v.verdict, 'proved', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
