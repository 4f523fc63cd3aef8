// Parts over one base asked together (verifier/smt/together.ts): only unsat answers come
// back, each the answer of that query asked alone; a sat part ends the chunks; nothing is
// asked outside a Core -> MLIR check's scope or for fewer than MIN_TOGETHER parts. On a real
// cut-point proof every part is answered so, with the verdict it has without.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkQuery, disposeSolvers, setSolverDefaults, type SolverResult } from '../../../verifier/smt/solver.ts';
import { withIncrementalBases } from '../../../verifier/smt/incremental.ts';
import { MIN_TOGETHER, unsatTogether } from '../../../verifier/smt/together.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../verifier/tv/core/validate.ts';
import { corpusProgram } from '../tv/core/helpers.ts';

const W = bvSort(16);

/** base: x*x = y, y < 1000; part k: x = 100 + k (unsat: 100^2 > 1000), or x = 3 for the sat ones. */
function queries(F: TermFactory, n: number, sat: number[]): Term[][] {
  const x = F.var('x', W);
  const y = F.var('y', W);
  const base = [F.eq(F.app('bvmul', [x, x]), y), F.app('bvult', [y, F.bv(1000, 16)]), F.app('bvult', [x, F.bv(200, 16)])];
  return Array.from({ length: n }, (_, k) => [...base, F.eq(x, F.bv(sat.includes(k) ? 3 : 100 + k, 16))]);
}

test('every part answered unsat is unsat alone; a sat part is never among them and ends the chunks', async () => {
  const F = new TermFactory();
  const qs = queries(F, 40, [12]);
  const got = await withIncrementalBases(() => unsatTogether(qs, { timeoutMs: 10_000, name: 't', what: 'test' }));
  // chunks of 8, then 16: the sat part (12) is in the second, so parts 24.. are left
  assert.equal([...got.unsat].sort((a, b) => a - b), [...Array(24).keys()].filter((k) => k !== 12));
  for (const k of got.unsat) assert.is((await checkQuery({ assertions: qs[k]!, wantModel: [] }, { timeoutMs: 10_000 })).status, 'unsat', `part ${k}`);
  assert.is((await checkQuery({ assertions: qs[12]!, wantModel: [] }, { timeoutMs: 10_000 })).status, 'sat');
});

test('nothing is asked outside a check, for too few parts, for parts of another base, or when turned off', async () => {
  const F = new TermFactory();
  const opts = { timeoutMs: 10_000, name: 't', what: 'test' };
  assert.is((await unsatTogether(queries(F, 10, []), opts)).unsat.size, 0, 'outside withIncrementalBases');
  assert.is((await withIncrementalBases(() => unsatTogether(queries(F, MIN_TOGETHER - 1, []), opts))).unsat.size, 0);
  // parts over another base than the first query's are left to the caller
  const other = queries(new TermFactory(), 3, []);
  const mixed = [...queries(F, 6, []), ...other, null];
  const got = await withIncrementalBases(() => unsatTogether(mixed, opts));
  assert.equal([...got.unsat].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5]);
  process.env.FIDELITY_NO_TOGETHER = '1';
  try {
    assert.is((await withIncrementalBases(() => unsatTogether(queries(F, 10, []), opts))).unsat.size, 0);
  } finally {
    delete process.env.FIDELITY_NO_TOGETHER;
  }
});

test('crc32 `crcBitwise` (unroll 2): every cut-point part answered together, the same verdict as without', async () => {
  const { core, mlir } = corpusProgram('crc32');
  const m = parseMlir(mlir, 'crc32.mlir');
  const info = moduleInfo(m);
  const fn = core.functions.find((f) => f.name === 'crcBitwise')!;
  const run = async () => {
    const rs: SolverResult[] = [];
    setSolverDefaults({ onResult: (_n, _q, r) => void rs.push(r) });
    try {
      const v = await validateCoreFunction(core, fn, m, info, { unroll: 2, timeoutMs: 60_000 });
      return { v, rs };
    } finally {
      setSolverDefaults({ onResult: undefined });
    }
  };
  const on = await run();
  process.env.FIDELITY_NO_TOGETHER = '1';
  const off = await run().finally(() => delete process.env.FIDELITY_NO_TOGETHER);
  assert.is(on.v.verdict, 'proved', on.v.detail);
  assert.match(on.v.detail, /any length/);
  assert.is(off.v.verdict, on.v.verdict);
  assert.is(on.rs.length, off.rs.length, 'the same parts');
  assert.ok(on.rs.length >= 20, `${on.rs.length} parts`);
  assert.ok(on.rs.every((r) => r.status === 'unsat' && r.incremental === 'unsat'), 'every part answered in the shared context');
  // without: the first four parts are asked alone, each over the whole base again
  assert.ok(off.rs.filter((r) => r.incremental !== 'unsat').length >= 4);
});

test.after(disposeSolvers);
test.run();
