// z3-wasm keeps what a context's earlier scripts defined past `(reset)` (define-funs under
// names no later script reuses: a 300-definition probe took 0.2 s in a new context, 0.8 s
// after 20 scripts with other names — scratch measurement, session 11), and its equation
// solver (solve_eqs::filter_unsafe_vars) walks all of it on every check: a third of z3's time
// in the corpus translation-validation check. verifier/smt/z3wasm.ts answers every plain
// query in a new context (~2 ms each); tests/verifier/tv/corpus.test.ts went from 93.5 s to
// 76.3 s CPU. FIDELITY_NO_FRESH_CONTEXT=1 keeps one context, as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort } from '../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers, type Query } from '../../../verifier/smt/solver.ts';
import { z3WasmContextsMade } from '../../../verifier/smt/z3wasm.ts';

const f = new TermFactory();
const x = f.var('x', bvSort(8));
const q = (k: number): Query => ({ assertions: [f.eq(f.app('bvadd', [x, f.bv(k, 8)]), f.bv(0, 8))], wantModel: [x], description: `x + ${k} = 0` });

test('each plain query after the first is answered in a new context, with the same answers', async () => {
  const first = await checkQuery(q(1), { timeoutMs: 10_000 });
  const made = z3WasmContextsMade();
  const second = await checkQuery(q(2), { timeoutMs: 10_000 });
  const third = await checkQuery(q(3), { timeoutMs: 10_000 });
  assert.is(z3WasmContextsMade(), made + 2);
  assert.equal([first.status, second.status, third.status], ['sat', 'sat', 'sat']);
  assert.equal([first.model?.get('x'), second.model?.get('x'), third.model?.get('x')], [255n, 254n, 253n]);
  // the resource count is the new context's own (it counts from 0)
  assert.ok((third.resources ?? 0) > 0 && (third.resources ?? 0) < 1_000_000, String(third.resources));
});

test('FIDELITY_NO_FRESH_CONTEXT=1: one context, as before', async () => {
  process.env.FIDELITY_NO_FRESH_CONTEXT = '1';
  try {
    await checkQuery(q(4), { timeoutMs: 10_000 });
    const made = z3WasmContextsMade();
    await checkQuery(q(5), { timeoutMs: 10_000 });
    assert.is(z3WasmContextsMade(), made);
  } finally {
    delete process.env.FIDELITY_NO_FRESH_CONTEXT;
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
