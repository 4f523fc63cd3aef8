// Parts over one base asked together (verifier/smt/together.ts): only where the usual path
// would ask them in the base's context (after four asked alone), in its order; only unsat
// answers come back, each the answer of that query asked alone; a sat part ends the chunks;
// nothing outside a Core -> MLIR check's scope. On a real cut-point proof: the same answers
// as without, in far fewer calls into z3's thread.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkQuery, disposeSolvers, setSolverDefaults, type SolverResult } from '../../../verifier/smt/solver.ts';
import { withIncrementalBases } from '../../../verifier/smt/incremental.ts';
import { unsatAtOnce, unsatTogether } from '../../../verifier/smt/together.ts';
import { z3WasmCalls } from '../../../verifier/smt/z3wasm.ts';
import { withQueryBudget } from '../../../verifier/smt/budget.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../verifier/tv/core/validate.ts';
import { corpusProgram } from '../tv/core/helpers.ts';

const W = bvSort(16);
const opts = { timeoutMs: 10_000, name: 't', what: 'test' };

/** base: x*x = y, y < 1000, x < 200; part k: x = 100 + k (unsat), or x = 3 for the sat ones. */
function queries(F: TermFactory, n: number, sat: number[]): Term[][] {
  const x = F.var('x', W);
  const y = F.var('y', W);
  const base = [F.eq(F.app('bvmul', [x, x]), y), F.app('bvult', [y, F.bv(1000, 16)]), F.app('bvult', [x, F.bv(200, 16)])];
  return Array.from({ length: n }, (_, k) => [...base, F.eq(x, F.bv(sat.includes(k) ? 3 : 100 + k, 16))]);
}

/** The first `k` queries asked the usual way, then the rest together. */
async function afterUsual(qs: Term[][], k: number) {
  for (const q of qs.slice(0, k)) await checkQuery({ assertions: q, wantModel: [] }, { timeoutMs: 10_000 });
  return unsatTogether(qs.map((q, i) => (i < k ? null : q)), opts);
}

test('every part answered unsat is unsat alone; a sat part is never among them and ends the chunks', async () => {
  const F = new TermFactory();
  const qs = queries(F, 40, [14]);
  const noted: { n: string; r: SolverResult }[] = [];
  setSolverDefaults({ onResult: (n, _q, r) => void noted.push({ n, r }) });
  const got = await withIncrementalBases(() => afterUsual(qs, 4)).finally(() => setSolverDefaults({ onResult: undefined }));
  noted.splice(0, 4); // the four asked the usual way
  assert.ok(got);
  assert.is(noted.length, got.unsat.size, 'only the unsat answers are reported');
  // chunks of 8 (parts 4-11), then 16 (12-27): the sat part 14 is in the second, 28.. are left
  assert.equal([...got.unsat].sort((a, b) => a - b), [...Array(28).keys()].filter((k) => k >= 4 && k !== 14));
  for (const k of got.unsat) assert.is((await checkQuery({ assertions: qs[k]!, wantModel: [] }, { timeoutMs: 10_000 })).status, 'unsat', `part ${k}`);
  // the units are the unsat answers' only: the sat part's try is not counted (the caller's own
  // answer for it is; bits `show` ran out of its cut-point units when both were)
  assert.is(got.units, noted.filter((n) => n.r.status === 'unsat').reduce((u, n) => u + (n.r.resources ?? 0), 0));
  assert.is((await checkQuery({ assertions: qs[14]!, wantModel: [] }, { timeoutMs: 10_000 })).status, 'sat');
});

test('not before the usual path would open a context, nor outside a check, nor when turned off', async () => {
  const F = new TermFactory();
  // a base asked fewer than four times the usual way: not yet
  assert.is(await withIncrementalBases(() => afterUsual(queries(F, 10, []), 3)), null);
  assert.is(await unsatTogether(queries(new TermFactory(), 10, []), opts), null, 'outside withIncrementalBases');
  process.env.FIDELITY_NO_TOGETHER = '1';
  try {
    assert.is(await withIncrementalBases(() => afterUsual(queries(new TermFactory(), 10, []), 4)), null);
  } finally {
    delete process.env.FIDELITY_NO_TOGETHER;
  }
  // parts over another base than the first query's are left to the caller
  const mine = queries(new TermFactory(), 10, []);
  const got = await withIncrementalBases(() => afterUsual([...mine, ...queries(new TermFactory(), 3, [])], 4));
  assert.equal([...got!.unsat].sort((a, b) => a - b), [4, 5, 6, 7, 8, 9]);
});

test('all at once: every part unsat is taken and counted; one sat part and nothing is taken or counted', async () => {
  const seen: string[] = [];
  setSolverDefaults({ onResult: (n) => void seen.push(n) });
  try {
    const all = await withIncrementalBases(() => unsatAtOnce(queries(new TermFactory(), 30, []), opts));
    assert.equal([...all!.unsat].sort((a, b) => a - b), [...Array(30).keys()]);
    assert.is(seen.length, 30);
    seen.length = 0;
    assert.is(await withIncrementalBases(() => unsatAtOnce(queries(new TermFactory(), 30, [20]), opts)), null);
    assert.is(seen.length, 0, 'nothing reported: the caller asks every part again');
    assert.is(await unsatAtOnce(queries(new TermFactory(), 30, []), opts), null, 'outside withIncrementalBases');
  } finally {
    setSolverDefaults({ onResult: undefined });
  }
});

test("no more queries than the check's budget allows", async () => {
  const limits = { queries: 6, solverMs: 1e9, what: 'the test' };
  // all at once: 30 parts do not fit in 6 queries, so the try takes nothing (charged as one)
  const a = await withQueryBudget(limits, () => withIncrementalBases(() => unsatAtOnce(queries(new TermFactory(), 30, []), opts)));
  assert.is(a.result, null);
  assert.ok(a.budget.spent.queries <= 1, `${a.budget.spent.queries}`);
  // in the usual context: four asked alone, then the two the budget has left
  const t = await withQueryBudget(limits, () => withIncrementalBases(() => afterUsual(queries(new TermFactory(), 30, []), 4)));
  assert.equal([...t.result!.unsat].sort((x, y) => x - y), [4, 5]);
  assert.is(t.budget.spent.queries, 6);
});

test('crc32 `crcBitwise` (unroll 2): the same verdict, parts and answers as without, in far fewer calls into z3', async () => {
  const { core, mlir } = corpusProgram('crc32');
  const m = parseMlir(mlir, 'crc32.mlir');
  const info = moduleInfo(m);
  const fn = core.functions.find((f) => f.name === 'crcBitwise')!;
  const run = async (env: string[]) => {
    const rs: SolverResult[] = [];
    // (the parts only: the vacuity question of vacuity.ts, asked once a proof is found, is not one)
    setSolverDefaults({ onResult: (n, _q, r) => void (/\.vacuity\d*$/.test(n) || rs.push(r)) });
    for (const e of env) process.env[e] = '1';
    const c0 = z3WasmCalls();
    try {
      const v = await validateCoreFunction(core, fn, m, info, { unroll: 2, timeoutMs: 60_000 });
      return { v, rs, calls: z3WasmCalls() - c0 };
    } finally {
      setSolverDefaults({ onResult: undefined });
      for (const e of env) delete process.env[e];
    }
  };
  // (the parts as built: cut-bounds.ts folds some of them first, checked at the end)
  const off = await run(['FIDELITY_NO_TOGETHER', 'FIDELITY_NO_CUT_BOUNDS']);
  const inOrder = await run(['FIDELITY_NO_AT_ONCE', 'FIDELITY_NO_CUT_BOUNDS']);
  const on = await run(['FIDELITY_NO_CUT_BOUNDS']);
  for (const r of [off, inOrder, on]) {
    assert.is(r.v.verdict, 'proved', r.v.detail);
    assert.match(r.v.detail, /any length/);
    assert.is(r.rs.length, off.rs.length, 'the same parts');
  }
  assert.ok(off.rs.length >= 20, `${off.rs.length} parts`);
  // in the usual order: each part answered as without (the first four alone, the rest in the context)
  assert.equal(inOrder.rs.map((r) => [r.status, r.incremental ?? '']), off.rs.map((r) => [r.status, r.incremental ?? '']));
  assert.ok(inOrder.calls * 3 <= off.calls, `${inOrder.calls} calls into z3 against ${off.calls}`);
  // all at once: every part unsat in the try's own context, none alone
  assert.ok(on.rs.every((r) => r.status === 'unsat' && r.incremental === 'unsat'));
  assert.ok(on.calls * 8 <= off.calls, `${on.calls} calls into z3 against ${off.calls}`);
  // with the parts simplified by bounds first: the same verdict, fewer parts asked, all unsat at once
  const folded = await run([]);
  assert.is(folded.v.verdict, 'proved', folded.v.detail);
  assert.ok(folded.rs.length < off.rs.length && folded.rs.every((r) => r.status === 'unsat' && r.incremental === 'unsat'), `${folded.rs.length} parts`);
});

test.after(disposeSolvers);
test.run();
