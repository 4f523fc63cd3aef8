// z3-wasm's time limit without z3's own timer (verifier/smt/z3wasm.ts `z3Timer`): z3 gets
// `timeout 0` and a watchdog on this thread interrupts the call at the limit — z3 started a
// timer thread for every check under a `timeout` and spun until it woke after the check, and
// that thread stayed running for the rest of the process. The limits keep their meaning: out of
// time is `unknown: timeout`, an rlimit stops the check at its units, a timeout does not leak
// into the next query; and a new context's query skips its `(reset)` with the same answer.
// FIDELITY_Z3_TIMER=1 brings z3's timer back, FIDELITY_Z3_ALWAYS_RESET=1 the `(reset)`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers, type Query } from '../../../verifier/smt/solver.ts';
import { z3WasmRunningThreads } from '../../../verifier/smt/z3wasm.ts';

/** x / y / z = x / (y * z) for y, z below `lim`: unsat; seconds of work at 10 bits and more. */
function divQuery(w: number, lim: number): Query {
  const f = new TermFactory();
  const [x, y, z] = ['x', 'y', 'z'].map((n) => f.var(`${n}${w}_${lim}`, bvSort(w))) as [Term, Term, Term];
  const zero = f.bv(0, w);
  return {
    assertions: [
      f.not(f.eq(f.app('bvudiv', [f.app('bvudiv', [x, y]), z]), f.app('bvudiv', [x, f.app('bvmul', [y, z])]))),
      f.app('bvult', [y, f.bv(lim, w)]), f.app('bvult', [z, f.bv(lim, w)]), f.not(f.eq(y, zero)), f.not(f.eq(z, zero)),
    ],
    wantModel: [x],
  };
}

const settle = () => new Promise((r) => setTimeout(r, 300));

test('checks with a time limit leave no z3 thread running (z3 starts no timer)', async () => {
  assert.is((await checkQuery(divQuery(6, 8), { timeoutMs: 60_000 })).status, 'unsat');
  assert.is((await checkQuery(divQuery(6, 5), { timeoutMs: 60_000 })).status, 'unsat');
  await settle();
  assert.is(await z3WasmRunningThreads(), 0);
});

test('out of time is unknown: timeout, at about the limit, and the next query is decided', async () => {
  const hard = divQuery(32, 1 << 16); // minutes without a limit
  const t0 = performance.now();
  const r = await checkQuery(hard, { timeoutMs: 300 });
  const wall = performance.now() - t0;
  assert.is(r.status, 'unknown');
  assert.is(r.reason, 'timeout');
  // generous (a loaded machine); without a working interrupt the check runs for minutes
  assert.ok(wall < 20_000, `${wall} ms`);
  const next = await checkQuery(divQuery(6, 8), { timeoutMs: 60_000 });
  assert.is(next.status, 'unsat', next.reason);
});

test('a limit of 1 ms stops the check too (an interrupt before z3 starts the script is lost: it is repeated)', async () => {
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await checkQuery(divQuery(32, 1 << 16), { timeoutMs: 1 });
    assert.is(r.reason, 'timeout');
    assert.ok(performance.now() - t0 < 20_000);
  }
});

test('an rlimit still stops the check at its units, as unknown: resource limit', async () => {
  const q = divQuery(6, 8); // ~119 k units
  const low = await checkQuery(q, { timeoutMs: 60_000, rlimit: 40_000 });
  assert.is(low.reason, 'resource limit');
  const high = await checkQuery(q, { timeoutMs: 60_000, rlimit: 400_000 });
  assert.is(high.status, 'unsat', high.reason);
});

test("the same answers, models and units as with z3's timer and the (reset) of a new context", async () => {
  const f = new TermFactory();
  const [x, y] = ['sx', 'sy'].map((n) => f.var(n, bvSort(16))) as [Term, Term];
  const sat: Query = { assertions: [f.eq(f.app('bvmul', [x, y]), f.bv(143, 16)), f.app('bvugt', [x, f.bv(1, 16)]), f.app('bvugt', [y, f.bv(1, 16)]), f.app('bvult', [x, y])], wantModel: [x, y] };
  const run = async () => {
    await checkQuery(divQuery(5, 4), { timeoutMs: 60_000 }); // the next ones in new contexts
    return [await checkQuery(divQuery(6, 8), { timeoutMs: 60_000 }), await checkQuery(sat, { timeoutMs: 60_000 })];
  };
  const now = await run();
  process.env.FIDELITY_Z3_TIMER = '1';
  process.env.FIDELITY_Z3_ALWAYS_RESET = '1';
  let before;
  try {
    before = await run();
  } finally {
    delete process.env.FIDELITY_Z3_TIMER;
    delete process.env.FIDELITY_Z3_ALWAYS_RESET;
  }
  for (const [k, r] of now.entries()) {
    const b = before[k]!;
    assert.is(r.status, b.status);
    assert.equal(r.model, b.model);
    // the skipped (reset) was z3's one unit of work in it
    assert.is(b.resources! - r.resources!, 1, `${b.resources} against ${r.resources}`);
  }
  const [sx, sy] = [now[1]!.model?.get('sx'), now[1]!.model?.get('sy')] as bigint[];
  assert.is((sx! * sy!) % 65536n, 143n);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
