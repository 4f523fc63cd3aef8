// z3 is handed a query's shared terms as equations, not as define-funs (answer.ts
// definitionsAsEquations): z3 expands a define-fun at every use, rebuilding its body, so
// nested definitions cost more than linear — all while parsing, before the query's timeout
// starts (a 4 MB Core -> MLIR query ran 189 s on a 3 s limit). The answers are the same.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { EQUATIONS_FROM, definitionsAsEquations } from '../../../verifier/smt/answer.ts';
import { printQuery } from '../../../verifier/smt/smtlib.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, bvSort, type Term } from '../../../verifier/smt/term.ts';

test('definitions become declarations and equations; other lines are kept', () => {
  const text = '(set-logic QF_ABV)\n(declare-fun a () (_ BitVec 8))\n(define-fun t1 () (_ BitVec 8) (bvadd a a))\n(define-fun t2 () (Array (_ BitVec 8) (_ BitVec 8)) (store m t1 a))\n(define-fun t3 () Bool (= (select t2 a) t1))\n(assert t3)\n(check-sat)\n';
  assert.is(
    definitionsAsEquations(text),
    '(set-logic QF_ABV)\n(declare-fun a () (_ BitVec 8))\n(declare-fun t1 () (_ BitVec 8))\n(assert (= t1 (bvadd a a)))\n(declare-fun t2 () (Array (_ BitVec 8) (_ BitVec 8)))\n(assert (= t2 (store m t1 a)))\n(declare-fun t3 () Bool)\n(assert (= t3 (= (select t2 a) t1)))\n(assert t3)\n(check-sat)\n',
  );
});

/** A store chain of depth n, every memory read once (so every memory is a shared term). */
function chain(F: TermFactory, n: number, wrong: boolean): Term[] {
  const m0 = F.var('m', arraySort(bvSort(32), bvSort(8)));
  const out: Term[] = [];
  let m = m0;
  for (let k = 0; k < n; k++) {
    const a = F.var(`a${k}`, bvSort(32));
    m = F.app('store', [m, a, F.bv(k % 256, 8)]);
    out.push(F.eq(F.select(m, a), F.bv(k % 256, 8)));
  }
  // the last memory read at a fresh address b = a0 after every store: unsat iff wrong asks
  // for a value the stores cannot give there
  if (wrong) out.push(F.eq(F.var('a0', bvSort(32)), F.var(`a${n - 1}`, bvSort(32))), F.not(F.eq(F.select(m, F.var('a0', bvSort(32))), F.bv((n - 1) % 256, 8))));
  return out;
}

test('a deep chain of shared memories: decided, with the same answers, well within its limit', async () => {
  const F = new TermFactory();
  for (const wrong of [false, true]) {
    const assertions = chain(F, 8000, wrong);
    const text = printQuery(assertions).text;
    assert.ok(text.split('(define-fun ').length > 7000, 'the query has nested definitions');
    assert.ok(text.length > EQUATIONS_FROM, `${text.length} characters`);
    const r = await checkQuery({ assertions, wantModel: [] }, { timeoutMs: 20_000 });
    assert.is(r.status, wrong ? 'unsat' : 'sat');
    // as define-funs, z3 spent 2 s of CPU parsing a 3000-deep chain (native z3; z3-wasm
    // slower), quadratic in the depth; as equations 0.04 s (here 8000 deep: a script over
    // EQUATIONS_FROM, the size from which z3 gets equations)
    // (a 4000-deep chain took z3-wasm 11.5 s as definitions, under load; 8000 deep, about four
    // times that: the bound leaves room for a loaded machine and still fails the definitions)
    assert.ok(r.timeMs < 15_000, `${r.timeMs} ms`);
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
