// A Core -> MLIR check's time is bounded by its limits (verifier/smt/budget.ts,
// verifier/tv/core/too-large.ts): a check's queries have a budget, and once it is spent the
// verdict is `unknown` naming it; a query too large to parse within its limit is never sent;
// a query whose call-frame facts blow up is not built. Before: tiny_vm `run` at unroll 8 did
// not finish in 15 minutes (a 67 MB query z3 kept parsing past its 10 s limit).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { checkQuery, disposeSolvers, setSolverDefaults } from '../../../../verifier/smt/solver.ts';
import { withQueryBudget } from '../../../../verifier/smt/budget.ts';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort } from '../../../../verifier/smt/term.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, probeProgram } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const limits = { queries: 100, solverMs: 1e9, what: 'the test' };

/** x_1 + ... + x_n = n (sat): about 2n distinct terms. */
function sumQuery(F: TermFactory, n: number) {
  const xs = Array.from({ length: n }, (_, i) => F.var(`x${i}`, bvSort(8)));
  const sum = xs.reduce((a, b) => F.app('bvadd', [a, b]));
  return { assertions: [F.eq(sum, F.bv(n, 8))], wantModel: [] };
}

test('a query above the size cap is unknown without being solved; one below is solved', async () => {
  const F = new TermFactory();
  const { result } = await withQueryBudget({ ...limits, maxNodes: 50 }, async () => [await checkQuery(sumQuery(F, 40)), await checkQuery(sumQuery(F, 10))]);
  assert.is(result[0]!.status, 'unknown');
  assert.match(result[0]!.reason ?? '', /^query too large \(over 50 distinct terms/);
  assert.is(result[0]!.timeMs, 0);
  assert.is(result[1]!.status, 'sat');
});

test('a spent query budget makes every further query of the check unknown, naming the budget', async () => {
  const F = new TermFactory();
  const { result, budget } = await withQueryBudget({ ...limits, queries: 1 }, async () => [await checkQuery(sumQuery(F, 3)), await checkQuery(sumQuery(F, 4))]);
  assert.is(result[0]!.status, 'sat');
  assert.is(result[1]!.status, 'unknown');
  assert.is(result[1]!.reason, 'the budget of the test (1 queries) ran out');
  assert.is(budget.spent.queries, 1);
  // outside the budget's scope, queries are not limited
  assert.is((await checkQuery(sumQuery(F, 5))).status, 'sat');
});

const LOOP = [
  '[<Requires("n >= 0 && n <= buf.Length")>]',
  'let fill (buf: Span<int>) (n: int) : unit =',
  '    let mutable i = 0',
  '    while i < n do',
  '        buf.[i] <- i',
  '        i <- i + 1',
  '',
].join('\n');

test('a Core -> MLIR check whose budget runs out is unknown, naming it; with the default budget it is proved', async () => {
  const { core, mlir } = probeProgram('budget_loop', LOOP);
  const mod = parseMlir(mlir, 'budget_loop.mlir');
  const fn = core.functions.find((f) => f.name === 'fill')!;
  const tight = await validateCoreFunction(core, fn, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000, budget: { queries: 1 } });
  assert.is(tight.verdict, 'unknown');
  assert.match(tight.detail, /the budget of the check of clef\.fill \(1 queries\) ran out/);
  // (under a resource limit per query, so that the load cannot make it unknown: effort.ts)
  const free = await withRlimit(() => validateCoreFunction(core, fn, mod, moduleInfo(mod), { unroll: 2, timeoutMs: EFFORT.timeoutMs }));
  assert.is(free.verdict, 'proved', free.detail);
});

test('tiny_vm run at unroll 8: its call-frame facts blow up, so the query is not built (unknown, no solver query)', async () => {
  const { core, mlir } = corpusProgram('tiny_vm');
  const mod = parseMlir(mlir, 'tiny_vm.mlir');
  let queries = 0;
  setSolverDefaults({ onResult: () => queries++ });
  try {
    const v = await validateCoreFunction(core, core.functions.find((f) => f.name === 'run')!, mod, moduleInfo(mod), { unroll: 8, timeoutMs: 10_000 });
    assert.is(v.verdict, 'unknown');
    assert.match(v.detail, /^unknown: query too large at unroll 8: over \d+ call-frame facts/);
    assert.is(queries, 0);
  } finally {
    setSolverDefaults({ onResult: undefined });
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
