// Soundness probes of the query cache (verifier/smt/solver.ts QueryCache): an answer is a
// fact about one SMT-LIB text, so two queries whose assertions print the same but whose
// declarations (a variable's sort) or requested model differ must never share an answer.
// Real z3 (WASM); each probe's two queries have different true answers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers, queryText, setSolverDefaults, type QueryCache } from '../../../verifier/smt/solver.ts';

/** x, ~x and -x pairwise distinct: unsat for a 1-bit x (-x = x), sat for 8 bits (x = 1). */
function distinctNotNeg(width: number): { assertions: Term[]; x: Term } {
  const f = new TermFactory();
  const x = f.var('x', bvSort(width));
  const nx = f.app('bvnot', [x]);
  const mx = f.app('bvneg', [x]);
  return { assertions: [f.not(f.eq(x, nx)), f.not(f.eq(x, mx)), f.not(f.eq(nx, mx))], x };
}

test('same assertions, another declaration (a 1-bit vs an 8-bit x): never one cached answer', async () => {
  const cache: QueryCache = { answers: new Map() };
  setSolverDefaults({ cache });
  try {
    const narrow = distinctNotNeg(1);
    const wide = distinctNotNeg(8);
    const r1 = await checkQuery({ assertions: narrow.assertions, wantModel: [] }, { timeoutMs: 20_000 });
    const r2 = await checkQuery({ assertions: wide.assertions, wantModel: [] }, { timeoutMs: 20_000 });
    assert.is(r1.status, 'unsat');
    assert.is(r2.status, 'sat');
    assert.not.ok(r2.reused, 'the 8-bit query was answered from the 1-bit one');
    // the two texts differ only in the declarations and definitions (sorts): the probe is
    // what it says
    const body = (t: string) => t.split('\n').filter((l) => !l.startsWith('(declare-fun') && !l.startsWith('(define-fun'));
    assert.equal(body(queryText({ assertions: narrow.assertions, wantModel: [] })), body(queryText({ assertions: wide.assertions, wantModel: [] })));
  } finally {
    setSolverDefaults({ cache: undefined });
  }
});

test('same assertions, another requested model: the reused answer carries the variables asked for', async () => {
  const cache: QueryCache = { answers: new Map() };
  setSolverDefaults({ cache });
  try {
    const f = new TermFactory();
    const x = f.var('x', bvSort(8));
    const y = f.var('y', bvSort(8));
    const assertions = [f.app('bvugt', [x, f.bv(200, 8)]), f.eq(y, f.app('bvadd', [x, f.bv(1, 8)]))];
    const r1 = await checkQuery({ assertions, wantModel: [x] }, { timeoutMs: 20_000 });
    const r2 = await checkQuery({ assertions, wantModel: [x, y] }, { timeoutMs: 20_000 });
    assert.is(r1.status, 'sat');
    assert.is(r2.status, 'sat');
    assert.not.ok(r2.reused, 'a model without y was reused for a query that asks for y');
    const xv = r2.model!.get('x') as bigint;
    assert.is(r2.model!.get('y'), (xv + 1n) & 0xffn);
  } finally {
    setSolverDefaults({ cache: undefined });
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
