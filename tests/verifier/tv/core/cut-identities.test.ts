// The identities cut-bounds.ts applies to every cut-point part (session 10): `storesMerged`
// (ite of two stores at one base and one index term as one store of an ite; a read of a store
// at its own index term as the value) and low-bits.ts `narrowLowBits`. Each must give a term
// equal to the original in every model: random terms against z3, and the shapes that must NOT
// be merged (arms storing at different index terms, nested stores in another order, a read
// at an index equal to the store's only under assumptions).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, bvSort, arraySort, type Term } from '../../../../verifier/smt/term.ts';
import { storesMerged } from '../../../../verifier/tv/core/cut-bounds.ts';
import { narrowLowBits } from '../../../../verifier/tv/core/low-bits.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { termToString } from '../../../../verifier/smt/smtlib.ts';
import { rng } from '../../smt/random.ts';

const equal = async (F: TermFactory, a: Term, b: Term, name: string) => (await checkQuery({ assertions: [F.not(F.eq(a, b))], wantModel: [] }, { timeoutMs: 20_000, name })).status;

test('storesMerged: arms at different index terms, stores in another order, reads at an index equal only under assumptions are left as they are', () => {
  const F = new TermFactory();
  const I = bvSort(8);
  const A = F.var('A', arraySort(I, I));
  const [i, j, x, y] = ['i', 'j', 'x', 'y'].map((n) => F.var(n, I)) as [Term, Term, Term, Term];
  const c = F.var('c', BOOL);
  const differ = F.ite(c, F.store(A, i, x), F.store(A, j, y));
  assert.is(storesMerged(F, differ), differ);
  const order = F.ite(c, F.store(F.store(A, i, x), j, y), F.store(F.store(A, j, y), i, x));
  assert.is(storesMerged(F, order), order);
  const read = F.select(F.store(A, i, x), j); // i = j only under some assumption
  assert.is(storesMerged(F, read), read);
  const bases = F.ite(c, F.store(A, i, x), F.store(F.store(A, j, y), i, x));
  assert.is(storesMerged(F, bases), bases);
  // the shape itself, and the read at its own index
  assert.is(storesMerged(F, F.ite(c, F.store(A, i, x), F.store(A, i, y))), F.store(A, i, F.ite(c, x, y)));
  assert.is(storesMerged(F, F.select(F.store(A, i, x), i)), x);
});

test('storesMerged and narrowLowBits are identities (z3, random terms)', async () => {
  let chS = 0;
  let chL = 0;
  for (let seed = 1; seed <= 120; seed++) {
    const next = rng(seed * 31337 + 7);
    const pick = (n: number) => Number(next() % BigInt(n));
    const F = new TermFactory();
    const I = bvSort(3);
    const Inner = arraySort(I, I);
    const Outer = arraySort(bvSort(2), Inner);
    const iv = ['i', 'j'].map((n) => F.var(n, I)) as [Term, Term];
    const idx = (): Term => [iv[0], iv[1], F.app('bvadd', [iv[0], F.bv(1n, 3)]), F.bv(BigInt(pick(8)), 3)][pick(4)]!;
    const val = (): Term => [F.var('x', I), F.var('y', I), F.bv(BigInt(pick(8)), 3), F.app('bvor', [F.var('x', I), F.bv(4n, 3)])][pick(4)]!;
    const conds = [F.var('c', BOOL), F.var('d', BOOL), F.app('bvult', [iv[0], iv[1]])];
    const A = F.var('A', Inner);
    const arr = (d: number, base: Term = A): Term => {
      if (d <= 0 || pick(4) === 0) return base;
      const k = pick(5);
      if (k <= 1) return F.store(arr(d - 1, base), idx(), val());
      if (k === 2) {
        const b = arr(d - 1, base);
        const i = idx();
        return F.ite(conds[pick(3)]!, F.store(b, i, val()), F.store(pick(4) ? b : arr(d - 1, base), pick(3) ? i : idx(), val()));
      }
      if (k === 3) return F.ite(conds[pick(3)]!, arr(d - 1, base), arr(d - 1, base));
      return F.store(arr(d - 1, base), idx(), F.select(arr(d - 1, base), idx()));
    };
    const M = F.var('M', Outer);
    const blk = pick(2) ? F.bv(BigInt(pick(4)), 2) : F.var('b', bvSort(2));
    const inner = F.select(M, blk);
    const outer = pick(2)
      ? F.ite(conds[pick(3)]!, F.store(M, blk, arr(2, inner)), F.store(M, blk, arr(2, inner)))
      : F.store(M, blk, F.ite(conds[pick(3)]!, F.store(inner, idx(), val()), F.store(inner, idx(), val())));
    const p = pick(2) ? F.eq(F.select(arr(4), idx()), val()) : F.eq(F.select(F.select(outer, blk), idx()), val());
    const s = storesMerged(F, p);
    if (s !== p) {
      chS++;
      assert.is(await equal(F, p, s, `sm${seed}`), 'unsat', `seed ${seed}: ${termToString(p)} became ${termToString(s)}`);
    }
    // Core's wide arithmetic read at a narrower width (ring operations only: z3 proves them fast)
    const vs = [8, 8, 5].map((w, k) => F.var(`u${k}`, bvSort(w)));
    const ext = (t: Term) => (pick(2) ? F.sext(72 - (t.sort as { width: number }).width, t) : F.zext(72 - (t.sort as { width: number }).width, t));
    const ops = ['bvadd', 'bvsub', 'bvmul', 'bvand', 'bvor', 'bvxor', 'bvnot', 'bvneg'] as const;
    const wide = (d: number): Term => {
      if (d <= 0 || pick(4) === 0) return pick(5) === 0 ? F.bv(BigInt(pick(1000)), 72) : ext(vs[pick(3)]!);
      const op = ops[pick(ops.length)]!;
      if (op === 'bvnot' || op === 'bvneg') return F.app(op, [wide(d - 1)]);
      if (pick(6) === 0) return F.app('concat', [F.extract(63, 0, wide(d - 1)), F.extract(7, 0, wide(d - 1))]);
      return F.app(op, [wide(d - 1), op === 'bvmul' ? F.bv(BigInt(1 + pick(9)), 72) : wide(d - 1)]);
    };
    const t = wide(3);
    const h = [63, 7, 31, 15, 70, 64][pick(6)]!;
    const e = pick(3) === 0 && h >= 8 ? F.app('concat', [F.extract(h, 8, t), F.extract(7, 0, t)]) : F.extract(h, pick(3) === 0 ? Math.min(h, 3) : 0, t);
    const q = F.eq(e, F.var('r', e.sort));
    const [n] = narrowLowBits(F, [q]);
    if (n !== q) {
      chL++;
      assert.is(await equal(F, q, n!, `lb${seed}`), 'unsat', `seed ${seed}: ${termToString(q)} became ${termToString(n!)}`);
    }
  }
  assert.ok(chS > 30 && chL > 30, `changed: ${chS} by storesMerged, ${chL} by narrowLowBits`);
  console.log(`  changed: ${chS} by storesMerged, ${chL} by narrowLowBits`);
});

test.after(disposeSolvers);
test.run();
