// simplify-bounds `byDefinitions` (with `defs`, as cut-bounds.ts asks), checked exhaustively:
// random (base, p) over 3-4 bit words, where wrap-around is everywhere — bounded ring terms A
// (sums, differences, negations, products by literals, sign/zero extensions, the low bits of a
// wider sum) and comparisons of a multiple of A written distributed (as the target writes a
// byte offset), with the bounds in the assumptions or in p's own conjunctions. The simplified
// p must have p's value under every assignment that satisfies the base (direct enumeration).
// (A run of 16 000 cases, 671 of them decided differently by the deduction, found nothing.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { BOOL, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { simplifyUnder } from '../../../verifier/smt/simplify-bounds.ts';
import { evaluate, type Model } from '../../../verifier/smt/model.ts';
import { termToString } from '../../../verifier/smt/smtlib.ts';
import { rng } from './random.ts';

test('byDefinitions: the simplified formula has the original value under every assignment of the base (enumerated)', () => {
const N = 400;
const value = (t: Term): bigint => (t as { value: bigint }).value;
const START = 1000;
let changed = 0, byDefs = 0, fails = 0, folded = 0;
for (let seed = START; seed < START + N; seed++) {
  const next = rng(seed * 7919 + 13);
  const pick = (n: number) => Number(next() % BigInt(n));
  const W = pick(2) ? 3 : 4;
  const nv = W === 3 ? 3 : 2;
  const F = new TermFactory();
  const names = ['x', 'y', 'z'].slice(0, nv);
  const vars = names.map((n) => F.var(n, bvSort(W)));
  const u = F.var('u', bvSort(W - 1));
  const bv = (v: bigint, w = W) => F.bv(((v % (1n << BigInt(w))) + (1n << BigInt(w))) % (1n << BigInt(w)), w);
  const lit = () => bv(BigInt(pick(1 << W)) - (pick(3) === 0 ? 0n : 0n));
  const small = () => bv(BigInt([1, 2, 3, 4, -1, -2, 5, 7][pick(8)]!));
  const leaf = (): Term => {
    const k = pick(8);
    if (k < 4) return vars[pick(nv)]!;
    if (k === 4) return lit();
    if (k === 5) return pick(2) ? F.zext(1, u) : F.sext(1, u);
    if (k === 6) { // low bits of a wider sum (Core's wide index read back)
      const a = F.sext(3, vars[pick(nv)]!), b = pick(2) ? F.zext(3, vars[pick(nv)]!) : F.sext(3, vars[pick(nv)]!);
      return F.extract(W - 1, 0, F.app('bvadd', [a, b]));
    }
    return vars[pick(nv)]!;
  };
  const ring = (d: number): Term => {
    if (d <= 0 || pick(4) === 0) return leaf();
    switch (pick(6)) {
      case 0: case 1: return F.app('bvadd', [ring(d - 1), ring(d - 1)]);
      case 2: return F.app('bvsub', [ring(d - 1), ring(d - 1)]);
      case 3: return pick(2) ? F.app('bvmul', [ring(d - 1), small()]) : F.app('bvmul', [small(), ring(d - 1)]);
      case 4: return F.app('bvneg', [ring(d - 1)]);
      default: return F.app('bvadd', [ring(d - 1), lit()]);
    }
  };
  const cmpOps = ['bvule', 'bvult', 'bvuge', 'bvugt', 'bvsle', 'bvslt', 'bvsge', 'bvsgt', '='] as const;
  const cmp = (a: Term, b: Term) => F.app(cmpOps[pick(cmpOps.length)]!, pick(2) ? [a, b] : [b, a]);
  // bounded terms A (Core's index), facts on them
  const As = Array.from({ length: 1 + pick(3) }, () => { let a = ring(2); while (a.kind !== 'app' || a.op === 'zero_extend' || a.op === 'sign_extend') a = ring(2); return a; });
  const base: Term[] = [];
  const local: Term[] = [];
  const inP = pick(2) === 0;
  for (const A of As) (inP && pick(3) ? local : base).push(F.app(pick(2) ? 'bvult' : 'bvule', [A, bv(BigInt(1 + pick((1 << W) - 2)))]));
  if (pick(2)) base.push(F.app('bvule', [bv(BigInt(pick(4))), As[0]!]));
  if (pick(3) === 0) base.push(cmp(ring(1), ring(1)));
  if (pick(3) === 0) base.push(F.or(cmp(ring(1), lit()), cmp(ring(1), lit())));
  // T: a multiple of some A plus noise (the byDefinitions shape), or random
  // q·t pushed through the ring operations (the target's distributed byte offset)
  const expand = (t: Term, q: Term): Term => {
    if (t.kind === 'app' && (t.op === 'bvadd' || t.op === 'bvsub')) return F.app(t.op, t.args.map((a) => expand(a, q)));
    if (t.kind === 'app' && t.op === 'bvneg') return F.app('bvneg', [expand(t.args[0]!, q)]);
    if (t.kind === 'app' && t.op === 'bvmul' && t.args[1]!.kind === 'bv') return expand(t.args[0]!, bv(value(q) * value(t.args[1]!)));
    if (t.kind === 'app' && t.op === 'bvmul' && t.args[0]!.kind === 'bv') return expand(t.args[1]!, bv(value(q) * value(t.args[0]!)));
    if (t.kind === 'bv') return bv(value(q) * t.value);
    return pick(2) ? F.app('bvmul', [t, q]) : F.app('bvmul', [q, t]);
  };
  const mkT = (): Term => {
    if (pick(4) === 0) return ring(3);
    const A = As[pick(As.length)]!;
    const q = small();
    let T: Term = pick(2) ? F.app('bvmul', [A, q]) : F.app('bvmul', [q, A]);
    // rewrite distributively sometimes so the syntactic form differs
    if (pick(5) !== 0) T = expand(A, q);
    if (pick(2)) T = F.app('bvadd', [T, pick(2) ? lit() : ring(1)]);
    if (pick(3) === 0) T = F.app('bvsub', [T, ring(1)]);
    return T;
  };
  const atomP = (): Term => cmp(mkT(), pick(2) ? lit() : mkT());
  const b = F.var('b', BOOL);
  const shape = pick(6);
  let p = shape === 0 ? atomP() : shape === 1 ? F.and(b, atomP()) : shape === 2 ? F.or(atomP(), F.and(atomP(), b)) : shape === 3 ? F.and(atomP(), F.not(atomP())) : shape === 4 ? F.ite(b, atomP(), atomP()) : F.and(atomP(), F.or(F.not(b), atomP()));
  if (local.length) p = pick(3) ? F.and(...local, p) : F.or(F.not(F.and(...local)), p);
  const s = simplifyUnder(F, base, p, undefined, undefined, true).term;
  process.env.FIDELITY_NO_MOD_DEFS = '1';
  const s0 = simplifyUnder(F, base, p, undefined, undefined, true).term;
  delete process.env.FIDELITY_NO_MOD_DEFS;
  if (s.id !== s0.id) byDefs++;
  if (s.id === p.id) continue;
  changed++;
  if (s.kind === 'bool') folded++;
  // enumerate
  let bad: string | null = null;
  const total = 1 << (W * nv + (W - 1) + 1);
  for (let m = 0; m < total && !bad; m++) {
    const model: Model = new Map();
    let r = m;
    for (const n of names) { model.set(n, BigInt(r & ((1 << W) - 1))); r >>= W; }
    model.set('u', BigInt(r & ((1 << (W - 1)) - 1))); r >>= W - 1;
    model.set('b', (r & 1) === 1);
    if (!base.every((t) => evaluate(t, model) === true)) continue;
    if (evaluate(p, model) !== evaluate(s, model)) bad = [...model].map(([k, v]) => `${k}=${v}`).join(' ');
  }
  if (bad) {
    fails++;
    assert.unreachable(`FAIL seed ${seed} W=${W} (${s.id !== s0.id ? 'byDefs' : 'also without defs'}): ${bad}\n  base: ${base.map(termToString).join(' ; ')}\n  p: ${termToString(p)}\n  s: ${termToString(s)}\n  s0: ${termToString(s0)}`);
  }
}
assert.is(fails, 0);
// not vacuous: the deduction decides some of them, and many are changed
assert.ok(byDefs >= 8, `only ${byDefs} decided differently by the deduction`);
assert.ok(changed > N / 10, `only ${changed} changed`);
console.log(`  cases ${N} (seeds ${START}..${START + N - 1}): changed ${changed}, folded ${folded}, differing with byDefinitions ${byDefs}, failures ${fails}`);
});

test.run();
