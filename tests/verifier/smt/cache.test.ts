// The query cache (verifier/smt/solver.ts QueryCache): an answer is reused only for the same
// SMT-LIB text asked of the same back end under the same limits; solver errors are never
// kept; a reused answer says so, in the result and in a dumped query's header.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { BOOL, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { backendByName, checkQuery, disposeSolvers, setSolverDefaults, solverTotals, type Backend, type QueryCache, type Query } from '../../../verifier/smt/solver.ts';
import { satisfies } from '../../../verifier/smt/model.ts';

/** The real WASM z3, counting how often it is really asked. */
function counting(name = 'z3-wasm'): Backend & { calls: number } {
  const z3 = backendByName('z3-wasm');
  const b = { ...z3, name, calls: 0, check: (q: Query, o: { timeoutMs: number; rlimit?: number }) => (b.calls++, z3.check(q, o)) };
  return b;
}

function satQuery(f: TermFactory): Query {
  const x = f.var('x', bvSort(8));
  return { assertions: [f.app('bvugt', [x, f.bv(200, 8)]), f.eq(f.app('bvand', [x, f.bv(1, 8)]), f.bv(1, 8))], wantModel: [x] };
}

function withCache<T>(cache: QueryCache, f: () => Promise<T>): Promise<T> {
  setSolverDefaults({ cache });
  return f().finally(() => setSolverDefaults({ cache: undefined }));
}

test('the same text, solver and limits: answered once; the reused model is a copy that satisfies the query', async () => {
  const b = counting();
  const stored: string[] = [];
  const cache: QueryCache = { answers: new Map(), onStore: (key) => stored.push(key) };
  await withCache(cache, async () => {
    // two factories: the same query built twice (as two passes of one function do)
    const q1 = satQuery(new TermFactory());
    const q2 = satQuery(new TermFactory());
    const r1 = await checkQuery(q1, { backend: b });
    const r2 = await checkQuery(q2, { backend: b });
    assert.is(b.calls, 1);
    assert.is(r1.status, 'sat');
    assert.not.ok(r1.reused);
    assert.is(r2.status, 'sat');
    assert.is(r2.reused, true);
    assert.is(r2.resources, undefined);
    assert.ok(r2.model !== r1.model);
    assert.equal([...r2.model!], [...r1.model!]);
    assert.ok(satisfies(q2.assertions, r2.model!));
    assert.is(stored.length, 1);
    // another time limit, resource limit or back end: asked again
    await checkQuery(q2, { backend: b, timeoutMs: 7_000 });
    await checkQuery(q2, { backend: b, rlimit: 10_000_000 });
    await checkQuery(q2, { backend: counting('z3-other') });
    assert.is(b.calls, 3);
    // another text (one more assertion): asked again
    const f = new TermFactory();
    const q3 = satQuery(f);
    q3.assertions.push(f.app('bvult', [f.var('x', bvSort(8)), f.bv(250, 8)]));
    assert.is((await checkQuery(q3, { backend: b })).status, 'sat');
    assert.is(b.calls, 4);
  });
});

test('unsat is reused; a solver error is never kept', async () => {
  const b = counting();
  await withCache({ answers: new Map() }, async () => {
    const f = new TermFactory();
    const x = f.var('x', bvSort(16));
    const q = { assertions: [f.not(f.eq(f.app('bvadd', [x, x]), f.app('bvshl', [x, f.bv(1, 16)])))], wantModel: [] };
    assert.is((await checkQuery(q, { backend: b })).status, 'unsat');
    const again = await checkQuery(q, { backend: b });
    assert.is(again.status, 'unsat');
    assert.is(again.reused, true);
    assert.is(b.calls, 1);
    const bogus = { id: 1e9, kind: 'app', op: 'bvfrobnicate', indices: [], args: [x], sort: BOOL } as unknown as Term;
    const e1 = await checkQuery({ assertions: [bogus], wantModel: [] }, { backend: b });
    const e2 = await checkQuery({ assertions: [bogus], wantModel: [] }, { backend: b });
    assert.is(e1.status, 'unknown');
    assert.is(e2.status, 'unknown');
    assert.not.ok(e2.reused);
    assert.is(b.calls, 3);
  });
});

test('without a cache (the default) every query goes to the solver; totals count reused answers apart', async () => {
  const b = counting('z3-counted');
  const q = satQuery(new TermFactory());
  await checkQuery(q, { backend: b });
  await checkQuery(q, { backend: b });
  assert.is(b.calls, 2);
  await withCache({ answers: new Map() }, async () => {
    await checkQuery(q, { backend: b });
    await checkQuery(q, { backend: b });
  });
  assert.is(b.calls, 3);
  const t = solverTotals().get('z3-counted')!;
  assert.is(t.queries, 4);
  assert.is(t.reused, 1);
});

test('a dumped query answered from the cache says so in its header', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-cache-'));
  try {
    await withCache({ answers: new Map() }, async () => {
      await checkQuery(satQuery(new TermFactory()), { dumpTo: dir, name: 'first' });
      await checkQuery(satQuery(new TermFactory()), { dumpTo: dir, name: 'second' });
    });
    assert.equal(readdirSync(dir).sort(), ['first.smt2', 'second.smt2']);
    assert.not.match(readFileSync(join(dir, 'first.smt2'), 'utf8'), /^; reused:/m);
    const second = readFileSync(join(dir, 'second.smt2'), 'utf8');
    assert.match(second, /^; result \(z3-wasm\): sat, [\d.]+ ms$/m);
    assert.match(second, /^; reused: the answer of an identical earlier query/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
