// Quantified contracts in bodies (core-memory, quantifiers.ts): `forall`/`exists` reach only
// Core's assumptions, where each is a fresh boolean. binary_search `position` (a quantified
// requires and loop invariant) was `unsupported: a quantifier in a body`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { walk } from '../../../../verifier/smt/smtlib.ts';
import { hasQuantifier, quantifierAbstraction } from '../../../../verifier/tv/core/quantifiers.ts';
import { outOfScope } from '../../../../verifier/tv/core/scope.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';

async function position(edit: (t: string) => string) {
  const { core, mlir } = corpusProgram('binary_search');
  const mod = parseMlir(edit(mlir), 'binary_search.mlir');
  const fn = core.functions.find((f) => f.name === 'position')!;
  assert.is(outOfScope(core, fn), null);
  return validateCoreFunction(core, fn, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 20_000 });
}

test('binary_search position (quantified requires and invariant): proved', async () => {
  const v = await position((t) => t);
  assert.is(v.verdict, 'proved', v.detail);
});

test('binary_search position stepping by 2: refuted, replayed', async () => {
  const v = await position((t) => mutate(t, 'position', '%c1_9 = arith.constant 1 : i64', '%c1_9 = arith.constant 2 : i64'));
  assert.is(v.verdict, 'refuted', v.detail);
});

test('the abstraction: one fresh boolean per formula, the same inside and out of other terms', () => {
  const F = new TermFactory();
  const i = F.fresh('i', bvSort(8));
  const x = F.fresh('x', bvSort(8));
  const q = F.quant('forall', [i], F.app('bvule', [i, x]));
  const unq = quantifierAbstraction(F);
  const a = unq(F.and(q, F.fresh('p', BOOL)));
  const b = unq(F.not(q));
  assert.ok(hasQuantifier([q]));
  assert.not.ok(hasQuantifier([a, b]));
  // the same formula is the same boolean in both terms (a uniform substitution)
  const quantVars = (t: Term): string[] => {
    const out = new Set<string>();
    walk([t], (x) => {
      if (x.kind === 'var' && x.name.startsWith('core.quant')) out.add(x.name);
    });
    return [...out];
  };
  assert.is(quantVars(a).length, 1);
  assert.equal(quantVars(b), quantVars(a));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
