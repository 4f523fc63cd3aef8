import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, INT, type Term } from '../../../verifier/smt/term.ts';
import { freeVars, printQuery, selectLogic, symbol, termToString } from '../../../verifier/smt/smtlib.ts';
import { evaluate } from '../../../verifier/smt/model.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';

const B8 = bvSort(8);

/** x_{i+1} = x_i + x_i: a DAG of n nodes whose tree has 2^n leaves. */
function doubling(f: TermFactory, n: number): Term {
  let t = f.var('x', bvSort(32));
  for (let i = 0; i < n; i++) t = f.app('bvadd', [t, f.app('bvmul', [t, f.bv(3, 32)])]);
  return t;
}

test('shared subterms are printed once: a 200-level doubling DAG stays linear and z3 agrees with the evaluator', async () => {
  const f = new TermFactory();
  const t = doubling(f, 200);
  const x = f.var('x', bvSort(32));
  const p = printQuery([f.eq(t, f.var('r', bvSort(32)))]);
  assert.ok(p.text.length < 20_000, `text is ${p.text.length} chars`);
  // T_i = T_{i-1} + 3 T_{i-1}: T_1 .. T_199 have two parents each, T_200 one
  assert.is(p.shared, 199);
  const defs = [...p.text.matchAll(/\(define-fun (t\d+) /g)].map((m) => m[1]!);
  assert.is(defs.length, 199);
  assert.is(new Set(defs).size, 199);
  // semantics preserved: x = 5 forces r = t(5)
  const expected = evaluate(t, new Map([['x', 5n]])) as bigint;
  const r = await checkQuery({ assertions: [f.eq(x, f.bv(5, 32)), f.eq(t, f.var('r', bvSort(32)))], wantModel: [f.var('r', bvSort(32))] });
  assert.is(r.status, 'sat');
  assert.is(r.model!.get('r'), expected);
});

test('a term used twice by the same parent is shared too (x + x, 300 levels)', async () => {
  const f = new TermFactory();
  const x = f.var('x', bvSort(32));
  let t = x;
  for (let i = 0; i < 300; i++) t = f.app('bvadd', [t, t]);
  const p = printQuery([f.eq(t, f.bv(0, 32))]);
  assert.ok(p.text.length < 20_000, `text is ${p.text.length} chars`);
  // 2^300 x = 0 for every 32-bit x
  const r = await checkQuery({ assertions: [f.not(f.eq(t, f.bv(0, 32)))], wantModel: [] });
  assert.is(r.status, 'unsat');
});

test('printing is deterministic and independent of factory ids and creation order', () => {
  const build = (f: TermFactory, noise: boolean) => {
    if (noise) for (let i = 0; i < 50; i++) f.app('bvmul', [f.var(`n${i}`, B8), f.bv(i, 8)]);
    const a = f.var('a', B8);
    const b = f.var('b', B8);
    const s = f.app('bvadd', [a, b]);
    return [f.app('bvult', [s, f.app('bvmul', [s, b])]), f.eq(s, f.bv(9, 8))];
  };
  const one = printQuery(build(new TermFactory(), false)).text;
  const two = printQuery(build(new TermFactory(), true)).text;
  assert.is(one, two);
  assert.is(printQuery(build(new TermFactory(), true)).text, one);
  assert.ok(one.includes('(define-fun t1 () (_ BitVec 8) (bvadd a b))'));
  assert.ok(one.startsWith('(set-option :produce-models true)\n(set-logic QF_BV)\n(declare-fun a () (_ BitVec 8))\n(declare-fun b () (_ BitVec 8))\n'));
});

test('script layout: check-sat, get-value only when a model is wanted', () => {
  const f = new TermFactory();
  const x = f.var('x', B8);
  const q = [f.app('bvugt', [x, f.bv(3, 8)])];
  assert.not.ok(printQuery(q).text.includes('get-value'));
  assert.ok(printQuery(q, { getValue: [x, x] }).text.endsWith('(check-sat)\n(get-value (x))\n'));
  assert.not.ok(printQuery(q, { checkSat: false }).text.includes('check-sat'));
});

test('logic selection', () => {
  const f = new TermFactory();
  const x = f.var('x', B8);
  const m = f.var('m', arraySort(B8, B8));
  const n = f.var('n', INT);
  assert.is(selectLogic([f.app('bvugt', [x, f.bv(3, 8)])]), 'QF_BV');
  assert.is(selectLogic([f.eq(f.select(m, x), x)]), 'QF_ABV');
  assert.is(selectLogic([f.eq(f.app('bv2nat', [x]), n)]), 'ALL');
  const i = f.var('i', B8);
  assert.is(selectLogic([f.quant('forall', [i], f.eq(f.select(m, i), x))]), 'ALL');
  const bm = f.var('bm', arraySort(B8, BOOL));
  assert.is(selectLogic([f.select(bm, x)]), 'ALL');
});

test('literals and symbols', () => {
  const f = new TermFactory();
  assert.is(termToString(f.bv(5, 8)), '#x05');
  assert.is(termToString(f.bv(5, 3)), '#b101');
  assert.is(termToString(f.bv(0, 64)), '#x0000000000000000');
  assert.is(termToString(f.int(-7)), '(- 7)');
  assert.is(termToString(f.extract(7, 4, f.var('y', bvSort(16)))), '((_ extract 7 4) y)');
  assert.is(termToString(f.constArray(B8, f.bv(0, 8))), '((as const (Array (_ BitVec 8) (_ BitVec 8))) #x00)');
  assert.is(symbol('arg!3'), 'arg!3');
  assert.is(symbol('%arg 0'), '|%arg 0|');
  assert.is(symbol('0x'), '|0x|');
  assert.throws(() => symbol('and'));
  assert.throws(() => symbol('a|b'));
});

test('variables that look like generated names do not collide with them', async () => {
  const f = new TermFactory();
  const t1 = f.var('t1', B8);
  const a1 = f.var('a1', B8);
  const s = f.app('bvadd', [t1, a1]);
  const q = [f.eq(f.app('bvmul', [s, s]), f.bv(4, 8)), f.app('bvult', [s, f.bv(10, 8)])];
  const text = printQuery(q).text;
  assert.ok(text.includes('(define-fun t_'), text);
  const r = await checkQuery({ assertions: q, wantModel: [t1, a1] });
  assert.is(r.status, 'sat');
  const sum = ((r.model!.get('t1') as bigint) + (r.model!.get('a1') as bigint)) % 256n;
  assert.ok(sum === 2n, `t1 + a1 = ${sum}`);
});

test('quantifiers: open subterms are let-bound inside their binder, closed ones hoisted; z3 accepts and agrees', async () => {
  const f = new TermFactory();
  const a = f.var('a', arraySort(B8, B8));
  const b = f.var('b', arraySort(B8, B8));
  const k = f.var('k', B8);
  const c = f.app('bvadd', [f.select(b, f.bv(0, 8)), f.bv(1, 8)]); // closed, used inside and outside
  const ak = f.select(a, k); // open, used twice in the body
  const body = f.implies(f.app('bvult', [k, f.bv(4, 8)]), f.eq(f.app('bvadd', [ak, ak]), c));
  const all = f.quant('forall', [k], body);
  // the same bound variable in a second quantifier, sharing the open term
  const ex = f.quant('exists', [k], f.eq(ak, f.bv(200, 8)));
  const q = [all, ex, f.eq(c, f.bv(10, 8))];
  const p = printQuery(q);
  assert.ok(/\(define-fun t\d+ \(\) \(_ BitVec 8\) \(bvadd \(select b #x00\) #x01\)\)/.test(p.text), p.text);
  assert.ok(/\(forall \(\(k \(_ BitVec 8\)\)\) \(let \(\(a\d+ \(select a k\)\)\)/.test(p.text), p.text);
  assert.not.ok(p.text.includes('(declare-fun k '));
  const r = await checkQuery({ assertions: q, wantModel: [a, b] });
  assert.is(r.status, 'sat', r.reason);
  // the model satisfies every assertion, quantifiers included (evaluated by enumeration)
  for (const t of q) assert.is(evaluate(t, r.model!), true);
  // and the contradiction is unsat: forall k<4. 2*a[k] = 10 excludes a[0] = 3
  const r2 = await checkQuery({ assertions: [all, f.eq(c, f.bv(10, 8)), f.eq(f.select(a, f.bv(0, 8)), f.bv(3, 8))], wantModel: [] });
  assert.is(r2.status, 'unsat');
});

test('a variable both bound and free is declared for its free occurrences', async () => {
  const f = new TermFactory();
  const i = f.var('i', bvSort(4));
  const all = f.quant('forall', [i], f.app('bvule', [i, f.bv(15, 4)]));
  const q = [all, f.eq(i, f.bv(3, 4))];
  const p = printQuery(q);
  assert.ok(p.text.includes('(declare-fun i () (_ BitVec 4))'));
  const r = await checkQuery({ assertions: q, wantModel: [i] });
  assert.is(r.status, 'sat');
  assert.is(r.model!.get('i'), 3n);
});

test('freeVars: bound variables are left out unless they also occur free; variables under binders are free', () => {
  const f = new TermFactory();
  const x = f.var('x', B8);
  const y = f.var('y', B8);
  const i = f.var('i', B8);
  const lam = f.lambda(B8, 'l', (v) => f.app('bvadd', [v, x]));
  const inner = f.lambda(B8, 'm', (v) => f.ite(f.eq(v, y), f.select(lam, v), v));
  const names = (ts: Term[]) => ts.map((t) => (t.kind === 'var' ? t.name : '?')).sort();
  assert.equal(names(freeVars([f.eq(f.select(inner, f.bv(1, 8)), x), f.eq(inner, lam)])), ['x', 'y']);
  const all = f.quant('forall', [i], f.app('bvule', [i, y]));
  assert.equal(names(freeVars([all])), ['y']);
  assert.equal(names(freeVars([all, f.eq(i, f.bv(3, 8))])), ['i', 'y']);
  // a binder of i inside a term where i is also free outside it
  assert.equal(names(freeVars([f.and(all, f.eq(i, x))])), ['i', 'x', 'y']);
});

test('freeVars: 20,000 nested lambdas, each body reading the two before it, in two walks (it recursed per binder: a stack overflow, and exponential)', () => {
  const f = new TermFactory();
  const P8 = arraySort(B8, B8);
  const base = f.var('base', P8);
  let prev2 = base;
  let prev = base;
  for (let k = 0; k < 20_000; k++) {
    const a = prev;
    const b = prev2;
    const l = f.lambda(B8, `c${k}`, (v) => f.app('bvadd', [f.select(f.store(a, f.bv(k % 256, 8), v), v), f.select(f.store(b, v, v), f.bv(0, 8))]));
    prev2 = prev;
    prev = l;
  }
  const vs = freeVars([f.eq(f.select(prev, f.var('k', B8)), f.bv(0, 8))]);
  assert.equal(vs.map((t) => (t.kind === 'var' ? t.name : '?')).sort(), ['base', 'k']);
});

test('a 5000-long store chain prints without deep nesting and z3 reads it back', async () => {
  const f = new TermFactory();
  const mem = f.var('mem', arraySort(bvSort(16), B8));
  let m = mem;
  for (let i = 0; i < 5000; i++) m = f.store(m, f.bv(i, 16), f.bv(i & 0xff, 8));
  const pv = f.var('p', bvSort(16));
  const q = [f.eq(pv, f.bv(4321, 16)), f.eq(f.select(m, pv), f.var('v', B8))];
  const p = printQuery(q);
  let depth = 0;
  let max = 0;
  for (const ch of p.text) {
    if (ch === '(') max = Math.max(max, ++depth);
    else if (ch === ')') depth--;
  }
  assert.ok(max < 100, `nesting ${max}`);
  assert.ok(p.shared > 60, `${p.shared} definitions`);
  const r = await checkQuery({ assertions: q, wantModel: [f.var('v', B8)] });
  assert.is(r.status, 'sat', r.reason);
  assert.is(r.model!.get('v'), 4321n & 0xffn);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
