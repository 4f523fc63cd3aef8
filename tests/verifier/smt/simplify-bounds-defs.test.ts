// simplify-bounds `byDefinitions`: a ring term that may wrap, read through a term the context
// bounds whose form mod 2^w it contains a multiple of (the target's byte offset `8·off + 8·i +
// 24·i` beside Core's bounded index `i·3 + i`: matmul_span `trace`; `8·off + 8·lo + 8·d` beside
// Core's `lo + d`: binary_search `find`/`lowerBound`), as cut-bounds.ts asks for it (`defs`). Every rewrite is checked against z3 as an
// equivalence under the assumptions, on random ring terms over 6-bit words (where wrap-around is
// everywhere), and the shapes of the corpus are decided only with the deduction.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { BOOL, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { simplifyUnder } from '../../../verifier/smt/simplify-bounds.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { termToString } from '../../../verifier/smt/smtlib.ts';
import { rng } from './random.ts';
import { withEnv } from '../../helpers/env.ts';

const W = 6;


async function equivalentUnder(F: TermFactory, base: Term[], a: Term, b: Term, name: string): Promise<string> {
  return (await checkQuery({ assertions: [...base, F.not(F.eq(a, b))], wantModel: [] }, { name, timeoutMs: 20_000 })).status;
}

/** Random: a bounded ring term A over x, y, z; facts bounding A and some variables; a
 *  comparison of a term holding a multiple of A's summands (or not quite) with a literal or
 *  another term. */
function generator(F: TermFactory, seed: number) {
  const next = rng(seed);
  const pick = (n: number) => Number(next() % BigInt(n));
  const vars = ['x', 'y', 'z'].map((n) => F.var(n, bvSort(W)));
  const lit = () => F.bv([0n, 1n, 2n, 3n, 4n, 31n, 32n, 63n, next() % 64n][pick(9)]!, W);
  const small = () => F.bv(BigInt(1 + pick(5)), W);
  // A = Σ a_j·v_j (+ k): as Core writes an index (i·3 + i, lo + d)
  const summands = Array.from({ length: 1 + pick(2) }, () => ({ v: vars[pick(3)]!, a: small() }));
  const mul = (v: Term, a: Term) => (a.kind === 'bv' && a.value === 1n ? v : F.app('bvmul', [v, a]));
  const A = summands.map((s) => mul(s.v, s.a)).reduce((p, q) => F.app('bvadd', [p, q]));
  const A2 = pick(3) === 0 ? F.app('bvadd', [A, lit()]) : A;
  const bound = (t: Term) => F.app(pick(2) ? 'bvult' : 'bvule', [t, F.bv(BigInt(1 + pick(12)), W)]);
  const base = [bound(A2), ...vars.filter(() => pick(3) === 0).map(bound)];
  // T = q·(A's summands, each written as the target does: a·q·v) + others + k
  const q = BigInt([1, 2, 4, 8, 3][pick(5)]!);
  const parts: Term[] = summands.map((s) => mul(s.v, F.bv(((s.a as { value: bigint }).value * q + (pick(6) === 0 ? 1n : 0n)) % 64n, W)));
  if (pick(2)) parts.push(mul(vars[pick(3)]!, small()));
  if (pick(2)) parts.push(lit());
  const T = parts.reduce((p, r) => F.app('bvadd', [p, r]));
  const ops = ['bvule', 'bvult', 'bvuge', 'bvugt', 'bvsle', 'bvslt', '='] as const;
  const other = pick(2) ? lit() : F.app('bvadd', [mul(vars[pick(3)]!, small()), lit()]);
  const atom = F.app(ops[pick(ops.length)]!, pick(2) ? [T, other] : [other, T]);
  const p = pick(2) ? atom : F.and(F.var('p', BOOL), pick(2) ? atom : F.not(atom));
  return { base, p };
}

test('byDefinitions is an equivalence under the assumptions (z3, random ring terms)', async () => {
  let changed = 0;
  let byDefs = 0;
  const N = 400;
  for (let seed = 1; seed <= N; seed++) {
    const F = new TermFactory();
    const { base, p } = generator(F, seed * 104729);
    const s = simplifyUnder(F, base, p, undefined, undefined, true).term;
    const without = withEnv('FIDELITY_NO_MOD_DEFS', () => simplifyUnder(F, base, p, undefined, undefined, true).term);
    if (s.id !== without.id) byDefs++;
    if (s.id === p.id) continue;
    changed++;
    assert.is(await equivalentUnder(F, base, p, s, `defs.${seed}`), 'unsat', `seed ${seed}: ${termToString(p)} became ${termToString(s)} under ${base.map(termToString).join(' ; ')}`);
  }
  // not vacuous: the deduction itself decides a share of them
  assert.ok(byDefs > N / 20, `only ${byDefs} of ${N} decided differently by the deduction`);
  assert.ok(changed > N / 8, `only ${changed} of ${N} changed`);
  console.log(`  ${changed} of ${N} changed, ${byDefs} decided differently by the deduction`);
});

const W64 = bvSort(64);
const b64 = (F: TermFactory, v: bigint) => F.bv(((v % (1n << 64n)) + (1n << 64n)) % (1n << 64n), 64);

/** matmul_span `trace`'s target UB part: Core's index `off + (i·3 + i)` within the block (in
 *  112-bit arithmetic, i itself unbounded), the target's byte offset `8·off + 8·i + 24·i` past
 *  `8·size - 8`. */
function tracePart(F: TermFactory, slack = 0n) {
  const [off, i, size] = ['off', 'i', 'size'].map((x) => F.var(x, W64)) as [Term, Term, Term];
  const x = (t: Term) => F.sext(48, t);
  const idx = F.app('bvadd', [F.app('bvmul', [i, b64(F, 3n)]), i]);
  const base = [
    F.app('bvult', [size, b64(F, 1n << 40n)]),
    F.and(F.app('bvsle', [F.bv(0n, 112), x(off)]), F.app('bvsle', [x(off), x(size)])),
    F.and(F.app('bvsle', [F.bv(0n, 112), x(idx)]), F.app('bvslt', [F.app('bvadd', [x(off), x(idx)]), x(size)])),
  ];
  const m8 = (t: Term, c: bigint) => F.app('bvmul', [t, b64(F, c)]);
  const byte = F.app('bvadd', [F.app('bvadd', [m8(off, 8n), m8(i, 8n)]), m8(i, 24n)]);
  const part = F.and(F.var('more', BOOL), F.not(F.app('bvule', [byte, F.app('bvadd', [m8(size, 8n), b64(F, -8n + slack)])])));
  return { base, part };
}

test("trace's byte offset is within the block: folds to false only with the deduction; one byte less is not decided (z3)", async () => {
  const F = new TermFactory();
  const { base, part } = tracePart(F);
  const s = simplifyUnder(F, base, part, undefined, undefined, true).term;
  assert.is(s.kind === 'bool' && !s.value, true, `folds to false: ${termToString(s)}`);
  assert.is((await checkQuery({ assertions: [...base, part], wantModel: [] }, { timeoutMs: 30_000 })).status, 'unsat');
  const off = withEnv('FIDELITY_NO_MOD_DEFS', () => simplifyUnder(F, base, part, undefined, undefined, true).term);
  assert.is(off.kind === 'bool', false, 'not decided without it');
  assert.is(simplifyUnder(F, base, part).term.kind === 'bool', false, 'nor where the caller does not ask for it (split.ts)');
  // the last element's last byte one further: can be past the block, so not decided, and the
  // simplified part is still equivalent
  const G = new TermFactory();
  const q = tracePart(G, -1n);
  const v = simplifyUnder(G, q.base, q.part, undefined, undefined, true).term;
  assert.is(v.kind === 'bool', false);
  assert.is((await checkQuery({ assertions: [...q.base, q.part], wantModel: [] }, { timeoutMs: 30_000 })).status, 'sat');
  assert.is(await equivalentUnder(G, q.base, q.part, v, 'trace-1'), 'unsat');
});

test.after(disposeSolvers);
test.run();
