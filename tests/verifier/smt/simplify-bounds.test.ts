// simplify-bounds: every rewrite is an equivalence under the assumptions — checked by z3 on
// random formulas over small bit-vectors (wrap-around, signed halves and extensions are
// reached with 6-bit words), and the patterns of a string copy loop's UB decided.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { BOOL, arraySort, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { simplifyUnder } from '../../../verifier/smt/simplify-bounds.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { termToString } from '../../../verifier/smt/smtlib.ts';
import { rng } from './random.ts';

const W = 6;

function generator(F: TermFactory, seed: number) {
  const next = rng(seed);
  const pick = (n: number) => Number(next() % BigInt(n));
  const vars = ['x', 'y', 'z'].map((n) => F.var(n, bvSort(W)));
  const bools = ['p', 'q'].map((n) => F.var(n, BOOL));
  const lit = (w: number) => F.bv([0n, 1n, 2n, 3n, BigInt((1 << (w - 1)) - 1), BigInt(1 << (w - 1)), BigInt((1 << w) - 1), next()][pick(8)]!, w);
  const word = (depth: number): Term => {
    const k = depth <= 0 ? pick(2) : pick(9);
    switch (k) {
      case 0: return vars[pick(3)]!;
      case 1: return lit(W);
      case 2: case 3: return F.app('bvadd', [word(depth - 1), pick(2) ? lit(W) : word(depth - 1)]);
      case 4: return F.app('bvsub', [word(depth - 1), word(depth - 1)]);
      case 5: return F.app('bvmul', [word(depth - 1), lit(W)]);
      case 6: return F.extract(W - 1, 0, F.app(pick(2) ? 'zero_extend' : 'sign_extend', [word(depth - 1)], [2]));
      case 7: return F.extract(W - 1, 0, F.app('concat', [F.extract(1, 0, word(depth - 1)), F.extract(W - 3, 0, word(depth - 1))]));
      default: return F.app('bvadd', [word(depth - 1), lit(W), word(depth - 1)]);
    }
  };
  // memory: addresses block(3 bits):offset(6 bits), as the semantics' block:offset words
  const mem0 = F.var('M', arraySort(bvSort(3 + W), bvSort(W)));
  const wa = F.var('wa', bvSort(3 + W));
  const block = (): Term => (pick(3) ? F.bv(BigInt(pick(3)), 3) : F.extract(3 + W - 1, W, wa));
  const address = (): Term => (pick(4) === 0 ? wa : F.app('concat', [block(), pick(2) ? word(1) : F.extract(W - 1, 0, wa)]));
  const memory = (depth: number): Term => {
    const k = depth <= 0 ? 0 : pick(4);
    if (k === 0) return mem0;
    if (k === 3) return F.ite(atom(), memory(depth - 1), memory(depth - 1));
    return F.store(memory(depth - 1), address(), word(1));
  };
  const wide = (): Term => (pick(3) ? word(2) : F.app(pick(2) ? 'zero_extend' : 'sign_extend', [word(2)], [3]));
  const atom = (): Term => {
    const ops = ['bvule', 'bvult', 'bvuge', 'bvugt', 'bvsle', 'bvslt', 'bvsge', 'bvsgt', '='] as const;
    const op = ops[pick(ops.length)]!;
    if (pick(6) === 0) return bools[pick(2)]!;
    if (pick(7) === 0) {
      const r = F.select(memory(3), pick(2) ? address() : wa);
      return pick(2) ? F.eq(r, pick(2) ? F.select(mem0, wa) : word(1)) : F.app('bvule', [r, word(1)]);
    }
    if (pick(9) === 0) return F.eq(F.extract(3 + W - 1, W, wa), F.bv(BigInt(pick(3)), 3));
    if (pick(5) === 0) {
      // x <= x + y and its kin: a no-wrap fact when assumed
      const x = word(1);
      const sum = F.app('bvadd', pick(2) ? [x, word(1)] : [word(1), x]);
      const o = (['bvule', 'bvult', 'bvuge', 'bvugt'] as const)[pick(4)]!;
      return o === 'bvule' || o === 'bvult' ? F.app(o, [x, sum]) : F.app(o, [sum, x]);
    }
    const a = wide();
    const w = a.sort.kind === 'bv' ? a.sort.width : W;
    const b = pick(2) ? F.bv(BigInt(pick(1 << W)), w) : w === W ? word(2) : F.app('zero_extend', [word(1)], [3]);
    return pick(2) ? F.app(op, [a, b]) : F.app(op, [b, a]);
  };
  const formula = (depth: number): Term => {
    const k = depth <= 0 ? 0 : pick(6);
    switch (k) {
      case 0: case 1: return atom();
      case 2: case 3: return F.and(...Array.from({ length: 2 + pick(3) }, () => formula(depth - 1)));
      case 4: return F.or(...Array.from({ length: 2 + pick(2) }, () => formula(depth - 1)));
      default: return pick(2) ? F.not(formula(depth - 1)) : F.implies(formula(depth - 1), formula(depth - 1));
    }
  };
  return { formula, atom, pick };
}

test('simplifyUnder is an equivalence under the assumptions (z3, random formulas)', async () => {
  let changed = 0;
  let decided = 0;
  const N = 500;
  for (let seed = 1; seed <= N; seed++) {
    const F = new TermFactory();
    const g = generator(F, seed * 7919);
    const base = Array.from({ length: g.pick(4) }, () => (g.pick(2) ? g.atom() : g.formula(2)));
    const p = g.formula(4);
    const s = simplifyUnder(F, base, p).term;
    if (s.id === p.id) continue;
    changed++;
    if (s.kind === 'bool') decided++;
    const r = await checkQuery({ assertions: [...base, F.not(F.eq(p, s))], wantModel: [], description: 'simplifyUnder equivalence' }, { name: `bounds.${seed}`, timeoutMs: 20_000 });
    assert.is(r.status, 'unsat', `seed ${seed}: ${termToString(p)} became ${termToString(s)} under ${base.map(termToString).join(' ; ')}`);
  }
  // the property is not vacuous: a good share of the formulas are rewritten
  assert.ok(changed > N / 5, `only ${changed} of ${N} changed`);
  assert.ok(decided > 10, `only ${decided} decided`);
});

test('a copy loop reading a callee string: the loop runs and the read is outside the block — false', () => {
  const F = new TermFactory();
  const b64 = bvSort(64);
  const len = F.var('len', b64); // the callee's string: len bytes at off in block bid
  const off = F.var('off', b64);
  const size = F.var('size', b64);
  const bid = F.var('bid', bvSort(32));
  const end = F.app('bvadd', [off, len]);
  const lenFacts = F.and(F.app('bvsle', [F.bv(0, 72), F.sext(8, len)]), F.app('bvslt', [F.sext(8, len), F.bv(1n << 40n, 72)]));
  // placed: empty, or inside the block the call allocated (no wrap-around)
  const placed = F.or(F.eq(len, F.bv(0, 64)), F.and(F.eq(bid, F.bv(0x40000000, 32)), F.app('bvule', [off, end]), F.app('bvule', [end, size])));
  const ub: Term[] = [];
  for (let j = 0; j < 8; j++) {
    const runs = F.app('bvslt', [F.bv(j, 64), len]);
    const at = F.app('bvadd', [off, F.bv(j, 64)]);
    const inLiteral = F.and(F.eq(bid, F.bv(0x100, 32)), F.app('bvule', [at, F.bv(3, 64)]));
    const inExt = F.and(F.eq(bid, F.bv(0x40000000, 32)), F.app('bvule', [F.bv(1, 64), size]), F.app('bvule', [at, F.app('bvadd', [size, F.bv(-1, 64)])]));
    ub.push(F.and(runs, F.not(F.or(inLiteral, inExt))));
  }
  const r = simplifyUnder(F, [lenFacts, placed], F.or(...ub));
  assert.is(r.term.kind === 'bool' && r.term.value, false);
  // without the placement the reads are not known to be in bounds
  const open = simplifyUnder(F, [lenFacts], F.or(...ub));
  assert.is.not(open.term.kind, 'bool');
});

test('wrap-around: x + 1 <= 0 is not false for an unbounded x, false for x < 2^40', () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(64));
  const p = F.app('bvule', [F.app('bvadd', [x, F.bv(1, 64)]), F.bv(0, 64)]);
  assert.is(simplifyUnder(F, [], p).term.id, p.id);
  assert.is(simplifyUnder(F, [F.app('bvult', [x, F.bv(1n << 40n, 64)])], p).term.id, F.false.id);
});

test('a read at a witness address of another block skips the stores into heap blocks (96-bit block:offset words)', async () => {
  const F = new TermFactory();
  const A = bvSort(96);
  const M = F.var('M', arraySort(A, bvSort(8)));
  const w = F.var('w', A);
  const off = F.var('off', bvSort(64));
  const c = F.var('c', BOOL);
  // a copy loop's stores: literal addresses and block:offset concatenations, under a path condition
  const stored = F.ite(c, F.store(F.store(M, F.bv((0x10000000n << 64n) | 9n, 96), F.bv(1, 8)), F.app('concat', [F.bv(0x10000001, 32), off]), F.bv(2, 8)), M);
  const blk = F.extract(95, 64, w);
  const facts = [F.not(F.eq(blk, F.bv(0x10000000, 32))), F.not(F.eq(blk, F.bv(0x10000001, 32)))];
  const p = F.not(F.eq(F.select(stored, w), F.select(M, w)));
  const r = simplifyUnder(F, facts, p).term;
  assert.is(r.id, F.false.id);
  const same = await checkQuery({ assertions: [...facts, F.not(F.eq(p, r))], wantModel: [] }, { name: 'bounds.reads', timeoutMs: 20_000 });
  assert.is(same.status, 'unsat');
  // one block fact missing: the read may see the second store
  assert.is.not(simplifyUnder(F, facts.slice(0, 1), p).term.kind, 'bool');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
