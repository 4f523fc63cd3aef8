// The deterministic resource limit (CheckOptions.rlimit, z3's `rlimit`): a query stopped by
// it is `unknown: resource limit`, whatever the wall clock says; the same query with ten
// times the units is decided. Tests that expect a hard row `proved` use it with a generous
// wall timeout, so their verdict depends on the solver's work, not on the machine's load.
// A dumped query repeats the limit as `(set-option :rlimit N)` for a stock z3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { backendByName, checkQuery, disposeSolvers, type Query } from '../../../verifier/smt/solver.ts';
import { runProcess, Z3_PATH } from '../../../verifier/smt/native.ts';
import { parseSolverOutput } from '../../../verifier/smt/output.ts';

const dir = mkdtempSync(join(tmpdir(), 'fidelity-rlimit-'));

/** x / y / z = x / (y * z) for 6-bit y, z below 8 (no overflow): unsat, and it takes work —
 *  measured 26 Nov: ~115 000 units in z3-wasm 4.15 and native z3 4.8.12 alike. */
function divQuery(f: TermFactory): Query {
  const w = 6;
  const [x, y, z] = ['dx', 'dy', 'dz'].map((n) => f.var(n, bvSort(w))) as [Term, Term, Term];
  const lim = f.bv(8, w);
  const zero = f.bv(0, w);
  return {
    assertions: [
      f.not(f.eq(f.app('bvudiv', [f.app('bvudiv', [x, y]), z]), f.app('bvudiv', [x, f.app('bvmul', [y, z])]))),
      f.app('bvult', [y, lim]), f.app('bvult', [z, lim]), f.not(f.eq(y, zero)), f.not(f.eq(z, zero)),
    ],
    wantModel: [],
    description: 'udiv by two factors at once',
  };
}

/** A third of what the query needs: unknown at N, decided at 10 N (margins ~3x both ways). */
const N = 40_000;
const WALL = 120_000;

for (const name of ['z3-wasm', 'z3-native'] as const) {
  test(`${name}: a query needing more than N units is unknown at N and decided at 10 N`, async () => {
    const b = backendByName(name);
    if (b.available && !(await b.available())) return;
    const f = new TermFactory();
    const low = await checkQuery(divQuery(f), { backend: b, timeoutMs: WALL, rlimit: N });
    assert.is(low.status, 'unknown', `${name} at ${N}: ${low.status}`);
    assert.is(low.reason, 'resource limit', `${name}: ${low.reason}`);
    const high = await checkQuery(divQuery(f), { backend: b, timeoutMs: WALL, rlimit: 10 * N });
    assert.is(high.status, 'unsat', `${name} at ${10 * N}: ${high.status} ${high.reason ?? ''}`);
    assert.ok(high.resources! > N && high.resources! < 10 * N, `${name}: ${high.resources} units`);
  });
}

test('a dumped query carries its resource limit, and a stock z3 stops there too', async () => {
  const f = new TermFactory();
  const q = divQuery(f);
  await checkQuery(q, { dumpTo: dir, name: 'low', timeoutMs: WALL, rlimit: N });
  await checkQuery(q, { dumpTo: dir, name: 'high', timeoutMs: WALL, rlimit: 10 * N });
  await checkQuery(q, { dumpTo: dir, name: 'none', timeoutMs: WALL });
  const low = readFileSync(join(dir, 'low.smt2'), 'utf8');
  assert.match(low, /^\(set-option :rlimit 40000\)$/m);
  assert.match(readFileSync(join(dir, 'high.smt2'), 'utf8'), /^\(set-option :rlimit 400000\)$/m);
  assert.not.match(readFileSync(join(dir, 'none.smt2'), 'utf8'), /:rlimit/);
  if (!(await backendByName('z3-native').available!())) return;
  const run = async (file: string) => parseSolverOutput((await runProcess(Z3_PATH, [join(dir, file)], '', WALL)).stdout, []).status;
  assert.is(await run('low.smt2'), 'unknown');
  assert.is(await run('high.smt2'), 'unsat');
  assert.is(await run('none.smt2'), 'unsat');
});

test.after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await disposeSolvers();
});

test.run();
