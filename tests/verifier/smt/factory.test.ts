// The factory's literal folding and model.ts's evaluator, both checked against z3: for random
// (edge-biased) literals, `op(lit, lit)` as folded (or evaluated) must equal what z3 computes
// for `op(a, b)` with a = lit, b = lit. One query per width: the negated conjunction of all the
// equalities must be unsat.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, INT, type Term } from '../../../verifier/smt/term.ts';
import { evaluate, type ModelValue } from '../../../verifier/smt/model.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { edgyValue, intValue, rng } from './random.ts';

type Op = Parameters<TermFactory['app']>[0];

const BINARY: Op[] = [
  'bvadd', 'bvsub', 'bvmul', 'bvudiv', 'bvurem', 'bvsdiv', 'bvsrem', 'bvsmod', 'bvand', 'bvor', 'bvxor',
  'bvshl', 'bvlshr', 'bvashr', 'bvult', 'bvule', 'bvugt', 'bvuge', 'bvslt', 'bvsle', 'bvsgt', 'bvsge', 'concat', '=',
];
const UNARY: Op[] = ['bvneg', 'bvnot'];
const FOLDED = new Set<Op>(['bvadd', 'bvsub', 'bvmul', 'bvudiv', 'bvurem', 'bvand', 'bvor', 'bvxor', 'bvshl', 'bvlshr', 'bvashr',
  'bvult', 'bvule', 'bvugt', 'bvuge', 'bvslt', 'bvsle', 'bvsgt', 'bvsge', 'concat', '=', 'bvneg', 'bvnot', 'extract', 'zero_extend', 'sign_extend']);

function lit(f: TermFactory, v: ModelValue, t: Term): Term {
  if (typeof v === 'boolean') return f.bool(v);
  if (typeof v === 'bigint') return t.sort.kind === 'int' ? f.int(v) : f.bv(v, t.sort.kind === 'bv' ? t.sort.width : 0);
  throw new Error('no array literals here');
}

/** Builds the cases for one width; returns the equalities z3 must confirm. */
function cases(f: TermFactory, width: number, seed: number, perOp: number) {
  const next = rng(seed);
  const equalities: Term[] = [];
  const pins: Term[] = [];
  let folds = 0;
  const model = new Map<string, ModelValue>();
  let n = 0;
  const variable = (v: bigint, w: number) => {
    const x = f.var(`v${width}_${n++}`, bvSort(w));
    model.set((x as { name: string }).name, v);
    pins.push(f.eq(x, f.bv(v, w)));
    return { x, lit: f.bv(v, w) };
  };
  const check = (op: Op, onLits: Term, onVars: Term) => {
    if (FOLDED.has(op)) {
      assert.ok(onLits.kind === 'bv' || onLits.kind === 'bool', `${op} on literals should fold`);
      folds++;
    }
    // the evaluator must agree with the fold, and z3 with both
    const value = evaluate(onLits, new Map());
    assert.equal(evaluate(onVars, model), value, `evaluator vs fold: ${op}`);
    equalities.push(f.eq(onVars, lit(f, value, onVars)));
  };
  for (const op of BINARY) {
    for (let i = 0; i < perOp; i++) {
      const wb = op === 'concat' ? 1 + Number(next() % 16n) : width;
      const a = variable(edgyValue(next, width), width);
      // shift amounts: mostly in range so the interesting cases are exercised
      let bv = edgyValue(next, wb);
      if ((op === 'bvshl' || op === 'bvlshr' || op === 'bvashr') && next() % 2n === 0n) bv = next() % BigInt(width + 1);
      const b = variable(bv, wb);
      check(op, f.app(op, [a.lit, b.lit]), f.app(op, [a.x, b.x]));
    }
  }
  for (const op of UNARY) {
    for (let i = 0; i < perOp; i++) {
      const a = variable(edgyValue(next, width), width);
      check(op, f.app(op, [a.lit]), f.app(op, [a.x]));
    }
  }
  for (let i = 0; i < perOp; i++) {
    const a = variable(edgyValue(next, width), width);
    const hi = Number(next() % BigInt(width));
    const lo = Number(next() % BigInt(hi + 1));
    check('extract', f.extract(hi, lo, a.lit), f.extract(hi, lo, a.x));
    const k = 1 + Number(next() % 9n);
    check('zero_extend', f.zext(k, a.lit), f.zext(k, a.x));
    check('sign_extend', f.sext(k, a.lit), f.sext(k, a.x));
    check('bv2nat', f.app('bv2nat', [a.lit]), f.app('bv2nat', [a.x]));
  }
  return { equalities, pins, folds };
}

test('factory folds and the evaluator agree with z3 on random literals (widths 1, 4, 8, 13, 32, 64)', async () => {
  const f = new TermFactory();
  let total = 0;
  for (const [i, width] of [1, 4, 8, 13, 32, 64].entries()) {
    const { equalities, pins, folds } = cases(f, width, 1000 + i, 6);
    assert.ok(folds > 100);
    total += equalities.length;
    const r = await checkQuery({ assertions: [...pins, f.not(f.and(...equalities))], wantModel: [] });
    if (r.status !== 'unsat') {
      // find the culprit for the message
      for (const e of equalities) {
        const one = await checkQuery({ assertions: [...pins, f.not(e)], wantModel: [] });
        assert.is(one.status, 'unsat', `z3 disagrees at width ${width}`);
      }
    }
    assert.is(r.status, 'unsat', `width ${width}: ${r.reason ?? ''}`);
  }
  assert.ok(total > 1000);
});

test('integer operators: evaluator agrees with z3 (div/mod on negative operands, int2bv, bv2nat)', async () => {
  const f = new TermFactory();
  const next = rng(77);
  const eqs: Term[] = [];
  const pins: Term[] = [];
  const model = new Map<string, ModelValue>();
  for (let i = 0; i < 40; i++) {
    const m = intValue(next);
    let n = intValue(next);
    if (n === 0n) n = 7n;
    const x = f.var(`m${i}`, INT);
    const y = f.var(`n${i}`, INT);
    model.set(`m${i}`, m);
    model.set(`n${i}`, n);
    pins.push(f.eq(x, f.int(m)), f.eq(y, f.int(n)));
    for (const op of ['div', 'mod', '+', '-', '*'] as Op[]) {
      const t = f.app(op, [x, y]);
      eqs.push(f.eq(t, f.int(evaluate(t, model) as bigint)));
    }
    for (const op of ['<', '<=', '>', '>='] as Op[]) {
      const t = f.app(op, [x, y]);
      eqs.push(f.eq(t, f.bool(evaluate(t, model) as boolean)));
    }
    const c = f.app('int2bv', [x], [8]);
    eqs.push(f.eq(c, f.bv(evaluate(c, model) as bigint, 8)));
  }
  const r = await checkQuery({ assertions: [...pins, f.not(f.and(...eqs))], wantModel: [] });
  assert.is(r.status, 'unsat', r.reason);
});

test('n-ary applications of literals are not folded as if binary', () => {
  const f = new TermFactory();
  const add = f.app('bvadd', [f.bv(1, 8), f.bv(2, 8), f.bv(4, 8)]);
  assert.is(evaluate(add, new Map()), 7n);
  const imp = f.app('=>', [f.true, f.false, f.false]);
  assert.is(evaluate(imp, new Map()), true);
});

test('hash-consing: the same application is one term; other args, arity or indices are not', () => {
  const f = new TermFactory();
  const [x, y] = [f.var('x', bvSort(8)), f.var('y', bvSort(8))];
  assert.is(f.app('bvadd', [x, y]), f.app('bvadd', [x, y]));
  assert.is.not(f.app('bvadd', [x, y]), f.app('bvadd', [y, x]));
  assert.is.not(f.app('bvadd', [x, y]), f.app('bvadd', [x, y, x]));
  assert.is(f.extract(3, 0, x), f.extract(3, 0, x));
  assert.is.not(f.extract(3, 0, x), f.extract(3, 1, x));
  assert.is.not(f.extract(3, 0, x), f.extract(3, 0, y));
  assert.is(f.true, f.bool(true));
  assert.is(f.false, f.bool(false));
  assert.is.not(f.true, f.false);
});

test('hash-consing by hash buckets: exactly the applications a string key would identify, ids in order', () => {
  // 60k random applications over few leaves (so many repeats, and hash buckets that hold
  // several terms), checked against a table keyed by the full text op|indices|arg ids
  const f = new TermFactory();
  const leaves = [0, 1, 2, 3, 4, 5].map((i) => f.var(`l${i}`, bvSort(8)));
  const pool: Term[] = [...leaves];
  const byKey = new Map<string, Term>();
  let seed = 12345;
  const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const ops = ['bvadd', 'bvmul', 'bvand', 'bvsub', 'concat'] as const;
  let lastId = 0;
  for (let k = 0; k < 60_000; k++) {
    const op = ops[rnd(ops.length)]!;
    const arity = op === 'concat' || op === 'bvsub' ? 2 : 2 + rnd(2);
    const args = Array.from({ length: arity }, () => pool[rnd(Math.min(pool.length, 40))]!);
    if (op !== 'concat' && args.some((a) => a.sort.kind !== 'bv' || a.sort.width !== 8)) continue;
    if (op === 'concat' && args.some((a) => a.sort.kind !== 'bv' || a.sort.width > 16)) continue;
    const t = f.app(op, args);
    if (t.kind !== 'app') continue; // folded
    const key = `${op}|${args.map((a) => a.id).join(',')}`;
    const seen = byKey.get(key);
    if (seen) assert.is(t, seen, key);
    else {
      byKey.set(key, t);
      assert.ok(t.id > lastId, 'a new term gets the next id');
      lastId = t.id;
      if (pool.length < 40) pool.push(t);
    }
  }
  // different indices are different terms, the same ones the same
  const x = leaves[0]!;
  for (let hi = 0; hi < 8; hi++) for (let lo = 0; lo <= hi; lo++) assert.is(f.extract(hi, lo, x), f.extract(hi, lo, x));
  assert.is(new Set([0, 1, 2, 3].map((lo) => f.extract(7, lo, x).id)).size, 4);
  assert.ok(byKey.size > 1000, `${byKey.size} distinct applications`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
