import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { expandReads, selectThrough } from '../../../verifier/smt/arrays.ts';
import { evaluate, type ModelValue } from '../../../verifier/smt/model.ts';
import { termToString } from '../../../verifier/smt/smtlib.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';

const A = bvSort(16);
const B8 = bvSort(8);

function chain(f: TermFactory, n: number): Term {
  let m = f.var('mem', arraySort(A, B8));
  for (let i = 0; i < n; i++) m = f.store(m, f.bv(i, 16), f.bv(i & 0xff, 8));
  return m;
}

test('selectThrough resolves literal reads exactly and leaves unknown cells as reads of the base', () => {
  const f = new TermFactory();
  const m = chain(f, 10);
  assert.is(termToString(selectThrough(f, m, f.bv(3, 16))), '#x03');
  assert.is(termToString(selectThrough(f, m, f.bv(300, 16))), '(select mem #x012c)');
  const k = f.constArray(A, f.bv(9, 8));
  assert.is(termToString(selectThrough(f, f.store(k, f.bv(1, 16), f.bv(2, 8)), f.bv(5, 16))), '#x09');
  const p = f.var('p', A);
  const s = selectThrough(f, f.store(f.store(m, p, f.bv(1, 8)), f.bv(4, 16), f.bv(7, 8)), p);
  // the store at p answers a read at p, but only after the later store at 4 is ruled out
  assert.is(termToString(s), '(ite (= p #x0004) #x07 #x01)');
});

test('selectThrough agrees with select under random models', () => {
  const f = new TermFactory();
  const p = f.var('p', A);
  const q = f.var('q', A);
  const mem = f.var('mem', arraySort(A, B8));
  const m = f.store(f.store(f.store(mem, p, f.bv(1, 8)), f.bv(4, 16), f.var('v', B8)), q, f.bv(3, 8));
  for (const idx of [p, q, f.bv(4, 16), f.bv(5, 16), f.app('bvadd', [p, f.bv(1, 16)])]) {
    const a = f.select(m, idx);
    const b = selectThrough(f, m, idx);
    for (const [pv, qv] of [[4n, 4n], [4n, 5n], [5n, 4n], [5n, 6n], [6n, 6n]] as const) {
      const model = new Map<string, ModelValue>([['p', pv], ['q', qv], ['v', 42n], ['mem', { kind: 'array', default: 0n, entries: [[5n, 99n], [7n, 11n]] }]]);
      assert.equal(evaluate(b, model), evaluate(a, model), `${termToString(idx)} at p=${pv} q=${qv}`);
    }
  }
});

test('expandReads makes a symbolic read over a 1000-store chain cheap, with the same answer', async () => {
  const f = new TermFactory();
  const m = chain(f, 1000);
  const p = f.var('p', A);
  const q = [f.eq(f.select(m, p), f.bv(77, 8)), f.app('bvugt', [p, f.bv(500, 16)]), f.app('bvult', [p, f.bv(1000, 16)])];
  const expanded = expandReads(f, q);
  // measured in resource units, not time, so that a loaded machine cannot make this flaky
  const r = await checkQuery({ assertions: expanded, wantModel: [p] }, { timeoutMs: 10000, rlimit: 400_000 });
  assert.is(r.status, 'sat', r.reason);
  const slow = await checkQuery({ assertions: q, wantModel: [p] }, { timeoutMs: 10000, rlimit: 400_000 });
  assert.is(slow.reason, 'resource limit');
  const pv = r.model!.get('p') as bigint;
  assert.is(pv & 0xffn, 77n);
  // the original query holds under the same model (the base array is never read)
  const model = new Map<string, ModelValue>([['p', pv], ['mem', { kind: 'array', default: 0n, entries: [] }]]);
  for (const t of q) assert.is(evaluate(t, model), true);
  // and the unsat variant stays unsat: mem[p] = p mod 256 there, so mem[p] = 77 needs p's low byte to be 77
  const r2 = await checkQuery({ assertions: [...expanded, f.eq(f.extract(7, 0, p), f.bv(76, 8))], wantModel: [] }, { timeoutMs: 10000 });
  assert.is(r2.status, 'unsat', r2.reason);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
