// Soundness probe (review 15) of cut-facts.ts: a fact must hold in every model of the base, and
// a part evaluated false must be false in every model of it. Random boolean terms over four
// variables (not, and, or, => including n-ary, =, xor, distinct, ite, shared subterms), each
// checked against every assignment. Found: an n-ary `=>` (right-associative in SMT-LIB) was
// read as binary, its third argument dropped — a refuted base fact or part that was not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, type Term } from '../../../../verifier/smt/term.ts';
import { baseFacts, valueUnder } from '../../../../verifier/tv/core/cut-facts.ts';
import { prng } from '../../../helpers/prng.ts';

const N = 4;

/** The term's value under an assignment of v0..v3 (SMT-LIB semantics). */
function ev(t: Term, m: boolean[]): boolean {
  if (t.kind === 'bool') return t.value;
  if (t.kind === 'var') return m[Number(t.name.slice(1))]!;
  if (t.kind !== 'app') throw new Error(`unexpected ${t.kind}`);
  const a = t.args.map((x) => ev(x, m));
  switch (t.op) {
    case 'not': return !a[0];
    case 'and': return a.every((x) => x);
    case 'or': return a.some((x) => x);
    case '=>': return a.slice(0, -1).reduceRight((r, x) => !x || r, a[a.length - 1]!);
    case '=': return a.every((x) => x === a[0]);
    case 'xor': return a.reduce((x, y) => x !== y);
    case 'distinct': return a[0] !== a[1];
    case 'ite': return a[0] ? a[1]! : a[2]!;
  }
  throw new Error(t.op);
}

function generator(F: TermFactory, seed: number) {
  const vars = Array.from({ length: N }, (_, i) => F.var(`v${i}`, BOOL));
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ops = ['not', 'and', 'or', '=>', '=', 'xor', 'distinct', 'ite', 'and3', 'or3', '=3', '=>3'];
  const gen = (d: number): Term => {
    if (d === 0 || rnd() < 0.25) return rnd() < 0.08 ? F.bool(rnd() < 0.5) : pick(vars);
    const g = () => gen(d - 1);
    const op = pick(ops);
    if (op === 'not') return F.app('not', [g()]);
    if (op === 'ite') return F.app('ite', [g(), g(), g()]);
    if (op.endsWith('3')) return F.app(op.slice(0, -1) as 'and', [g(), g(), g()]);
    return F.app(op as 'and', [g(), g()]);
  };
  return { gen, rnd };
}

const models = Array.from({ length: 1 << N }, (_, i) => Array.from({ length: N }, (_, j) => ((i >> j) & 1) === 1));

test('an n-ary => is not read as binary (a base fact and a part)', () => {
  const F = new TermFactory();
  const [a, b, c] = ['a', 'b', 'c'].map((n) => F.var(n, BOOL)) as [Term, Term, Term];
  // not (a => b => c): a, b, not c — not "not b"
  const facts = baseFacts([F.not(F.app('=>', [a, b, c]))]);
  assert.is.not(facts.get(b.id), false);
  // (a => c => b) with a, not b known: c decides it, not known here
  const known = baseFacts([a, F.not(b)]);
  assert.is(valueUnder(known, F.app('=>', [a, c, b])), undefined);
});

test('random boolean bases and parts: every fact and every decided part holds in every model of the base', () => {
  const F = new TermFactory();
  const { gen, rnd } = generator(F, 15);
  let checked = 0;
  let refuted = 0;
  for (let it = 0; it < 6000; it++) {
    const base = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => gen(3));
    const ms = models.filter((m) => base.every((x) => ev(x, m)));
    if (ms.length === 0) continue;
    const facts = baseFacts(base);
    const terms = new Map<number, Term>();
    const collect = (t: Term): void => {
      if (terms.has(t.id)) return;
      terms.set(t.id, t);
      if (t.kind === 'app') t.args.forEach(collect);
    };
    base.forEach(collect);
    for (const [id, v] of facts) {
      const t = terms.get(id);
      assert.ok(t, 'a fact on a term of the base');
      assert.ok(ms.every((m) => ev(t!, m) === v), `fact ${id} = ${v} of ${JSON.stringify(base.map((x) => x.id))}`);
    }
    for (let k = 0; k < 4; k++) {
      const part = gen(3);
      const v = valueUnder(facts, part);
      if (v === undefined) continue;
      checked++;
      if (v === false) refuted++;
      assert.ok(ms.every((m) => ev(part, m) === v), `part ${part.id} decided ${v}`);
    }
  }
  assert.ok(checked > 1000 && refuted > 300, `${checked} decided, ${refuted} refuted`);
});

test.run();
