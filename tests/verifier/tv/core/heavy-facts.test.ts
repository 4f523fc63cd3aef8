// A part asked first without its heavy facts (verifier/tv/core/heavy-facts.ts, split.ts
// checkPart): which assumptions count as heavy, and a real check decided by that try alone —
// fibonacci `fibSlow`, whose function-wide many-case `Ensures` z3 otherwise bit-blasts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort } from '../../../../verifier/smt/term.ts';
import { heavyFacts } from '../../../../verifier/tv/core/heavy-facts.ts';
import { disposeSolvers, getSolverDefaults, setSolverDefaults } from '../../../../verifier/smt/solver.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram } from './helpers.ts';
import { withRlimit } from '../../../helpers/effort.ts';

const W = bvSort(64);

test('heavy: nonlinear or large facts; never a definition, never every assumption', () => {
  const F = new TermFactory();
  const [a, b, r] = ['a', 'b', 'r'].map((n) => F.var(n, W));
  const def = F.eq(r, F.app('bvmul', [a!, b!])); // defines r: kept
  const guardedDef = F.implies(F.app('bvult', [a!, b!]), F.eq(r!, F.app('bvudiv', [a!, b!])));
  const nonlinear = F.app('bvult', [F.app('bvmul', [a!, b!]), F.bv(1000, 64)]);
  const byLiteral = F.app('bvult', [F.app('bvmul', [a!, F.bv(3, 64)]), F.bv(1000, 64)]); // linear
  let big = F.app('bvult', [a!, F.bv(1, 64)]);
  for (let k = 2; k < 30; k++) big = F.or(big, F.eq(a!, F.bv(k * 7, 64)));
  const small = F.app('bvult', [b!, F.bv(10, 64)]);
  const h = heavyFacts([def, guardedDef, nonlinear, byLiteral, big, small]);
  assert.equal([...h], [nonlinear, big]);
  assert.equal(heavyFacts([nonlinear, big]).size, 0); // nothing would be left
});

test('fibonacci fibSlow: proved by its part without the heavy facts alone', async () => {
  const { core, mlir } = corpusProgram('fibonacci');
  const m = parseMlir(mlir, 'fibonacci.mlir');
  const fn = core.functions.find((f) => f.name === 'fibSlow')!;
  const asked: { name: string; status: string }[] = [];
  const before = getSolverDefaults().onResult;
  setSolverDefaults({ onResult: (name, _q, r) => asked.push({ name, status: r.status }) });
  try {
    const v = await withRlimit(() => validateCoreFunction(core, fn, m, moduleInfo(m), { unroll: 2, timeoutMs: 60_000 }), 4_000_000);
    assert.is(v.verdict, 'proved', v.detail);
    assert.equal(asked.map((q) => [q.name.endsWith('.nf'), q.status]), [[true, 'unsat']], JSON.stringify(asked));
  } finally {
    setSolverDefaults({ onResult: before });
  }
});

test.after(() => disposeSolvers());
test.run();
