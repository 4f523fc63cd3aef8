// The `lambda` term kind (factory.ts): reads beta-reduced when built (through ites and stores
// of arrays that hold a lambda), a lambda used whole printed for z3 (logic ALL) and checked
// against the per-byte stores it stands for, its variable never a rewriter's, cvc5 not asked.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { readLambdas } from '../../../verifier/smt/arrays.ts';
import { EvalError, evaluate, type ModelValue } from '../../../verifier/smt/model.ts';
import { printQuery, someTerm, termToString } from '../../../verifier/smt/smtlib.ts';
import { rewriteTerms } from '../../../verifier/smt/rewrite.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { cvc5Backend } from '../../../verifier/smt/native.ts';
import { simplifyUnder } from '../../../verifier/smt/simplify-bounds.ts';

const A = bvSort(8);
const P = arraySort(A, BOOL);

/** up[x] && !(x - lo <u n): a range clear, as a lambda and as a store per index < size. */
function clear(f: TermFactory, up: Term, lo: Term, n: Term, size: number): { lam: Term; stores: Term } {
  const lam = f.lambda(A, 'clr', (x) => f.and(f.select(up, x), f.not(f.and(f.app('bvult', [x, f.bv(size, 8)]), f.app('bvult', [f.app('bvsub', [x, lo]), n])))));
  let stores = up;
  for (let o = 0; o < size; o++) {
    const a = f.bv(o, 8);
    stores = f.store(stores, a, f.and(f.select(stores, a), f.not(f.app('bvult', [f.app('bvsub', [a, lo]), n]))));
  }
  return { lam, stores };
}

test('a read of a lambda is its body at the index; reads through ites and stores are read by readLambdas', () => {
  const f = new TermFactory();
  const up = f.var('up', P);
  const i = f.var('i', A);
  const { lam } = clear(f, up, f.var('lo', A), f.var('n', A), 16);
  const r = f.select(lam, i);
  assert.not.ok(termToString(r).includes('lambda'));
  assert.ok(termToString(r).includes('(select up i)'));
  const c = f.var('c', BOOL);
  const viaIte = f.select(f.ite(c, lam, up), i);
  assert.ok(termToString(viaIte).includes('lambda')); // left for simplify-bounds and the printer
  assert.not.ok(termToString(readLambdas(f, [viaIte])[0]!).includes('lambda'));
  const st = f.store(lam, f.bv(3, 8), f.true);
  assert.is(termToString(readLambdas(f, [f.select(st, f.bv(3, 8))])[0]!), 'true');
  assert.not.ok(termToString(readLambdas(f, [f.select(st, i)])[0]!).includes('lambda'));
  // an array of arrays holding one (call snapshots): a read at another literal skips it
  const snaps = f.store(f.store(f.constArray(bvSort(4), up), f.bv(0, 4), up), f.bv(1, 4), lam);
  assert.is(termToString(readLambdas(f, [f.select(f.select(snaps, f.bv(0, 4)), i)])[0]!), '(select up i)');
  const k = f.var('k', bvSort(4));
  const q = f.select(f.select(snaps, k), i);
  assert.not.ok(termToString(readLambdas(f, [q])[0]!).includes('lambda'));
  // the printer reads them: no lambda left
  const printed = printQuery([q, viaIte]);
  assert.not.ok(printed.text.includes('lambda'));
});

test('readLambdas reads an array at an index once: 16 merges of two paths over one history read the lambda below them once (65,536 times before)', () => {
  const f = new TermFactory();
  const { lam } = clear(f, f.var('up', P), f.var('lo', A), f.var('n', A), 0);
  let mem = lam;
  for (let k = 0; k < 16; k++) {
    // two paths that both start from this memory and merge again
    mem = f.ite(f.var(`c${k}`, BOOL), f.store(mem, f.var(`a${k}`, A), f.true), f.store(mem, f.var(`b${k}`, A), f.false));
  }
  let substituted = 0;
  const substitute = f.substitute.bind(f);
  f.substitute = (t, x, by) => (substituted++, substitute(t, x, by));
  const out = readLambdas(f, [f.select(mem, f.var('i', A))])[0]!;
  assert.is(substituted, 1);
  assert.not.ok(someTerm([out], (t) => t.kind === 'lambda'));
});

test('readLambdas is exact (z3: every read equals the read of the stores)', async () => {
  const f = new TermFactory();
  const up = f.var('up', P);
  const lo = f.var('lo', A);
  const n = f.var('n', A);
  const i = f.var('i', A);
  const j = f.var('j', A);
  const c = f.var('c', BOOL);
  const { lam, stores } = clear(f, up, lo, n, 32);
  const over = (m: Term) => f.store(f.ite(c, m, up), j, f.false);
  const [a] = readLambdas(f, [f.select(over(lam), i)]);
  const b = f.select(over(stores), i);
  assert.not.ok(termToString(a!).includes('lambda'));
  const r = await checkQuery({ assertions: [f.not(f.eq(a!, b))], wantModel: [], description: 'reads' }, { name: 'lambda-reads', timeoutMs: 20_000 });
  assert.is(r.status, 'unsat');
  // and the evaluator reads a lambda's array at an index
  const model = new Map<string, ModelValue>([['up', { kind: 'array', default: true, entries: [] }], ['lo', 2n], ['n', 3n], ['i', 4n], ['j', 9n], ['c', true]]);
  assert.is(evaluate(f.select(over(lam), i), model), false);
  assert.is(evaluate(f.select(over(lam), f.bv(5, 8)), model), true);
  assert.is(evaluate(f.select(over(lam), f.bv(9, 8)), model), false);
});

test('a lambda used whole: printed under logic ALL, equal to its stores (z3), cvc5 not asked, no model value', async () => {
  const f = new TermFactory();
  const up = f.var('up', P);
  const lo = f.var('lo', A);
  const n = f.var('n', A);
  const { lam, stores } = clear(f, up, lo, n, 16);
  const differ = f.not(f.eq(lam, stores));
  const printed = printQuery([differ]);
  assert.ok(printed.text.includes('(lambda ((clr.x'));
  assert.not.ok(printed.vars.some((v) => v.kind === 'var' && v.name.startsWith('clr.x')));
  const r = await checkQuery({ assertions: [differ], wantModel: [], description: 'lambda = stores' }, { name: 'lambda-eq', timeoutMs: 20_000 });
  assert.is(r.status, 'unsat');
  // one byte past the size: the lambda clears it, the stores do not
  const wrong = clear(f, up, lo, n, 17).lam;
  const r2 = await checkQuery({ assertions: [f.not(f.eq(wrong, stores))], wantModel: [], description: 'lambda != stores' }, { name: 'lambda-ne', timeoutMs: 20_000 });
  assert.is(r2.status, 'sat');
  const r3 = await cvc5Backend.check({ assertions: [differ], wantModel: [], description: 'cvc5' }, { timeoutMs: 5_000 });
  assert.is(r3.status, 'unknown');
  assert.match(r3.reason ?? '', /lambda/);
  assert.throws(() => evaluate(differ, new Map<string, ModelValue>([['up', { kind: 'array', default: true, entries: [] }], ['lo', 0n], ['n', 1n]])), (e: unknown) => e instanceof EvalError);
});

test("a substitution rewrites a lambda's free variables, never its own", () => {
  const f = new TermFactory();
  const up = f.var('up', P);
  const n = f.var('n', A);
  const lam = f.lambda(A, 'clr', (x) => f.and(f.select(up, x), f.app('bvult', [x, n])));
  const own = lam.kind === 'lambda' ? lam.vars[0]! : lam;
  const [r] = rewriteTerms(f, [lam], { onVar: (x) => (x.id === n.id ? f.bv(5, 8) : f.var(`${x.name}'`, x.sort)) });
  const s = termToString(r!);
  assert.ok(s.includes('#x05'));
  assert.ok(s.includes("up'"));
  assert.ok(s.includes(`(${own.kind === 'var' ? own.name : '?'} (_ BitVec 8))`));
  assert.not.ok(s.includes(`${own.kind === 'var' ? own.name : '?'}'`));
});

test('review 40 F1: a lambda nested in one binding the same variable is read right (factory, readLambdas, simplify-bounds)', async () => {
  const f = new TermFactory();
  const U = f.var('U', P);
  const a = f.var('a', A);
  const i = f.var('i', A);
  const one = f.bv(1, 8);
  // L1 = lambda x. store(U, a, false)[x + 1]; U := L1 inside it nests two binders of x
  const L1 = f.lambda(A, 'L', (x) => f.select(f.store(U, a, f.false), f.app('bvadd', [x, one])));
  const [L2] = rewriteTerms(f, [L1], { onVar: (v) => (v.id === U.id ? L1 : undefined) });
  // L2[i] = store(L1, a, false)[i + 1] = (i + 1 == a ? false : store(U, a, false)[i + 2])
  const truth = f.ite(f.eq(f.app('bvadd', [i, one]), a), f.false, f.select(f.store(U, a, f.false), f.app('bvadd', [i, f.bv(2, 8)])));
  const above = f.select(f.store(L2!, f.bv(200, 8), f.true), i);
  const truthAbove = f.ite(f.eq(i, f.bv(200, 8)), f.true, truth);
  const reads: [string, Term, Term][] = [
    ['the factory', f.select(L2!, i), truth],
    ['readLambdas', readLambdas(f, [above])[0]!, truthAbove],
    ['simplify-bounds', simplifyUnder(f, [], above).term, truthAbove],
  ];
  for (const [who, read, want] of reads) {
    const r = await checkQuery({ assertions: [f.not(f.eq(read, want))], wantModel: [], description: `shadowed lambda read by ${who}` }, { name: 'shadow', timeoutMs: 20_000 });
    assert.is(r.status, 'unsat', `${who}: ${termToString(read)}`);
  }
});

test('simplify-bounds reads a lambda under its facts: a clear of another block is the inner read', () => {
  const f = new TermFactory();
  const ADDR = bvSort(16);
  const up = f.var('up', arraySort(ADDR, BOOL));
  const lo = f.var('lo', A);
  const n = f.var('n', A);
  const lam = f.lambda(ADDR, 'clr', (x) =>
    f.and(f.select(up, x), f.not(f.and(f.eq(f.extract(15, 8, x), f.bv(7, 8)), f.app('bvult', [f.app('bvsub', [f.extract(7, 0, x), lo]), n])))),
  );
  const c = f.var('c', BOOL);
  const blk = f.var('blk', A);
  const off = f.var('off', A);
  const addr = f.app('concat', [blk, off]);
  const read = f.select(f.store(f.ite(c, lam, up), f.app('concat', [f.bv(7, 8), f.bv(0, 8)]), f.true), addr);
  const { term } = simplifyUnder(f, [f.not(f.eq(blk, f.bv(7, 8)))], read);
  assert.is(termToString(term), '(select up (concat blk off))');
  // without the fact: still the lambda's read (not decided), exact
  const { term: t2 } = simplifyUnder(f, [], read);
  assert.ok(termToString(t2).includes('lambda') || termToString(t2).includes('bvsub'));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
