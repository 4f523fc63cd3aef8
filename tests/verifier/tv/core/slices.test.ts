// Slices (verifier/tv/core/slices.ts) and their use by the parts of the mismatch (split.ts
// checkPart): a disjunction's members grouped by the assertions they share unknowns with,
// array elements at literal indices as unknowns of their own; unsat slices give unsat, and a
// sat slice never gives the answer alone — the part is then checked with every assertion,
// whose model also satisfies the assertions the slice left out. Real z3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { arraySort, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { sliceParts } from '../../../../verifier/tv/core/slices.ts';
import { checkInParts } from '../../../../verifier/tv/core/split.ts';
import { queriesOf } from '../../../helpers/queries.ts';

const bv = (F: TermFactory, n: number) => F.bv(n, 64);

test('members are grouped by the assertions they are connected to; literal-index elements are apart', () => {
  const F = new TermFactory();
  const res = F.var('res', arraySort(bvSort(64), bvSort(64)));
  const r1 = F.select(res, bv(F, 1));
  const r2 = F.select(res, bv(F, 2));
  const x = F.var('x', bvSort(64));
  const a1 = F.app('bvult', [r1, bv(F, 10)]);
  const a2 = F.app('bvult', [r2, bv(F, 20)]);
  const a3 = F.eq(x, F.app('bvadd', [r2, bv(F, 1)]));
  const m1 = F.eq(r1, bv(F, 11));
  const m2 = F.eq(x, bv(F, 0));
  const slices = sliceParts([a1, a2, a3], F.or(m1, m2));
  assert.is(slices.length, 2);
  const of = (m: Term) => slices.find((s) => s.members.includes(m))!.assertions;
  assert.equal(of(m1), [a1], 'res[1] alone: res[2] is another unknown');
  assert.equal(of(m2), [a2, a3], 'x is tied to res[2], which a2 bounds');
  // a read at a symbolic index makes the array one unknown: everything is connected
  const k = F.var('k', bvSort(64));
  const all = sliceParts([a1, a2, a3, F.eq(F.select(res, k), bv(F, 0))], F.or(m1, m2));
  assert.is(all.length, 1);
  assert.is(all[0]!.assertions.length, 4);
});

test('unsat slices: unsat; a sat slice: a model of the whole query', async () => {
  const F = new TermFactory();
  const res = F.var('res', arraySort(bvSort(64), bvSort(64)));
  const r1 = F.select(res, bv(F, 1));
  const z = F.var('z', bvSort(64));
  const y = F.var('y', bvSort(64));
  const u = F.var('u', bvSort(64));
  // u = 9 is connected to nothing else: no slice holds it
  const base = [F.app('bvult', [r1, bv(F, 10)]), F.eq(z, bv(F, 5)), F.app('bvult', [y, z]), F.eq(u, bv(F, 9))];
  // the mismatch's members: one per disjunct, r1 out of its bound (unsat), y >= 4 (sat with y = 4 < z = 5)
  // (an equation the bounds simplification leaves to the solver: r1 xor w = 0, r1 <> w)
  const w = F.var('w', bvSort(64));
  const tied = F.eq(F.app('bvxor', [r1, w]), bv(F, 0));
  const unsat = await checkInParts(F, [...base, tied, F.not(F.eq(r1, w))], [z, y], 'slices', { timeoutMs: 20_000, name: 'slices.unsat' });
  assert.is(unsat.status, 'unsat');
  const sat = await checkInParts(F, [...base, F.or(F.eq(r1, bv(F, 12)), F.app('bvuge', [y, bv(F, 4)]))], [z, y, u], 'slices', { timeoutMs: 20_000, name: 'slices.sat' });
  assert.is(sat.status, 'sat');
  const val = (n: string) => {
    const v = sat.model?.get(n);
    return v && typeof v === 'object' && 'value' in v ? (v as { value: bigint }).value : v;
  };
  assert.is(String(val('z')), '5', 'z, which the member does not mention, as the whole query fixes it');
  assert.is(String(val('y')), '4');
  assert.is(String(val('u')), '9', 'u, in no slice: the model is the whole query\'s');
  // the same answers without slicing (the whole query to z3)
  assert.is((await checkQuery({ assertions: [...base, tied, F.not(F.eq(r1, w))], wantModel: [] }, { timeoutMs: 20_000 })).status, 'unsat');
});

// round 7b: the slices' cost where they cannot help. Before, a part with no assumption was
// asked three times (its byte-free slice, its slice, the whole: the same query; probe-floats
// `neg` 10.7 M -> 23.8 M z3-wasm units), a sat byte-free slice was followed by a slice of
// every assertion before the whole query, and a part that reads bytes was sliced before the
// whole part was tried.
test('slices that drop nothing are not asked: a part with no assumption is one query', async () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(64));
  const { result, names } = await queriesOf(() => checkInParts(F, [F.eq(F.app('bvmul', [x, x]), bv(F, 49))], [x], 'slices', { timeoutMs: 20_000, name: 'slices.none' }));
  assert.is(result.status, 'sat');
  assert.equal(names, ['slices.none']);
});

test('a sat byte-free slice: the whole part next; a part that reads bytes: the whole part first', async () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(64));
  const mem = F.var('mem', arraySort(bvSort(64), bvSort(8)));
  const others = [F.eq(F.var('u', bvSort(64)), bv(F, 9)), F.eq(F.var('v', bvSort(64)), bv(F, 3)), F.eq(F.var('q', bvSort(64)), bv(F, 1))];
  const base = [F.app('bvult', [x, bv(F, 10)]), F.eq(F.select(mem, x), F.bv(7, 8)), ...others];
  // x = 3 reads no byte: its byte-free slice (x < 10) is sat, then the whole query
  const lean = await queriesOf(() => checkInParts(F, [...base, F.eq(x, bv(F, 3))], [x], 'slices', { timeoutMs: 20_000, name: 'slices.lean' }));
  assert.is(lean.result.status, 'sat');
  assert.equal(lean.names, ['slices.lean.lean.s0', 'slices.lean']);
  assert.is(String((lean.result.model?.get('x') as { value: bigint } | undefined)?.value ?? lean.result.model?.get('x')), '3');
  // mem[x] = 7 reads bytes: the whole part first decides it (sat), no slice asked
  const bytes = await queriesOf(() => checkInParts(F, [...others, F.app('bvult', [x, bv(F, 10)]), F.eq(F.select(mem, x), F.bv(7, 8))], [x], 'slices', { timeoutMs: 20_000, name: 'slices.bytes' }));
  assert.is(bytes.result.status, 'sat');
  assert.equal(bytes.names, ['slices.bytes']);
});

// session 9: a slice's members simplified by bounds under the slice's own assertions. The
// bounds simplification of the whole part runs under every assertion and gives up past its
// step limit — here on thousands of byte-reading conditional facts about the same lengths,
// refined in every member's context — while the members fold under the three byte-free facts
// they need (crc16_frame `main`'s target UB at unroll 8: given up, then out of 40 M native z3
// units; decided with no solver query). Before, the byte-free slice went to z3.
test('members that fold by bounds under their slice are decided without the solver', async () => {
  const F = new TermFactory();
  const v = (n: string) => F.var(n, bvSort(64));
  const [s, o, e] = [v('s'), v('o'), v('e')];
  const b = F.var('b', bvSort(32));
  const mem = F.var('mem', arraySort(bvSort(64), bvSort(8)));
  // a string of s bytes at o in block b of e bytes (or empty): o + s <= e, without wrap-around
  const facts = [F.app('bvult', [s, bv(F, 2 ** 40)]), F.app('bvule', [o, F.app('bvadd', [o, s])]), F.app('bvule', [F.app('bvadd', [o, s]), e]), F.or(F.eq(b, F.bv(1, 32)), F.eq(s, bv(F, 0)))];
  const others = [0, 1, 2, 3, 4].map((k) => F.eq(v(`u${k}`), bv(F, k)));
  const heavy = Array.from({ length: 1500 }, (_, j) => F.implies(F.app('bvule', [s, bv(F, j)]), F.eq(F.select(mem, F.app('bvadd', [o, bv(F, j)])), F.bv(0, 8))));
  // a copy loop's reads: index k < s, and o + k in none of the blocks (b of e bytes, 2 of 4)
  const within = (k: number, blk: number, size: Term) => F.and(F.eq(b, F.bv(blk, 32)), F.app('bvult', [F.app('bvadd', [o, bv(F, k)]), size]));
  const members = Array.from({ length: 120 }, (_, k) => F.and(F.app('bvult', [bv(F, k), s]), F.not(F.or(within(k, 1, e), within(k, 2, bv(F, 4))))));
  const { result, names } = await queriesOf(() => checkInParts(F, [...facts, ...others, ...heavy, F.or(...members)], [], 'slice bounds', { timeoutMs: 20_000, name: 'slices.bounds' }));
  assert.is(result.status, 'unsat');
  assert.equal(names, [], 'no solver query');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
