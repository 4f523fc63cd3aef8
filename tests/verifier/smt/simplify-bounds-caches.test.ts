// simplify-bounds' answers are pinned here: the rewritten term and the stats (steps,
// contexts, decided, gave up) of copy-loop UB queries at several budgets, fresh and on the
// root kept from the call before. The work counted is part of the answer — a budget decides
// whether a call gives up — so a change that makes the code faster must not move it. The
// pinned digest was made by the code before its caches (session 12: intervals read through
// the parents kept per context, sums of one form and one fact not built, facts deduplicated
// by a mark, propagate's sums reused, the smallness of conditional assumptions by term).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { simplifyUnder } from '../../../verifier/smt/simplify-bounds.ts';
import { rng } from './random.ts';
import { termToString } from '../../../verifier/smt/smtlib.ts';
import { createHash } from 'node:crypto';

const PINNED = '75a58480814c44e1 49668 steps, 168 gave up, 25 decided';

/** A copy loop's UB as split.ts asks it: for each unrolled iteration, the loop runs and the
 *  index is outside both blocks it may read; the lengths bounded, chained (i < len, off +
 *  len <= size), placed by disjunctions — relational facts, conditionals and nested contexts. */
function loopQuery(F: TermFactory, seed: number): { base: Term[]; p: Term } {
  const next = rng(seed);
  const pick = (n: number) => Number(next() % BigInt(n));
  const w = bvSort(64);
  const lit = (v: number | bigint) => F.bv(v, 64);
  const len = F.var('len', w);
  const off = F.var('off', w);
  const size = F.var('size', w);
  const n = F.var('n', w);
  const bid = F.var('bid', bvSort(32));
  const end = F.app('bvadd', [off, len]);
  const base = [
    F.app('bvult', [len, lit(1n << BigInt(20 + pick(30)))]),
    F.app('bvult', [n, len]),
    F.or(F.eq(len, lit(0)), F.and(F.eq(bid, F.bv(0x40000000, 32)), F.app('bvule', [off, end]), F.app('bvule', [end, size]))),
    F.implies(F.app('bvult', [lit(pick(4)), n]), F.app('bvule', [lit(1), size])),
  ];
  const ub: Term[] = [];
  const slack = pick(16); // the iteration (if any) whose read may be past the block
  for (let j = 1; j < 6 + pick(6); j++) {
    const at = F.app('bvadd', [off, lit(j)]);
    const runs = [F.app('bvslt', [lit(j), len]), F.app('bvule', [lit(j), n])];
    const inA = F.and(F.eq(bid, F.bv(0x100, 32)), F.app('bvule', [at, lit(3 + pick(5))]));
    const inB = F.and(F.eq(bid, F.bv(0x40000000, 32)), F.app('bvule', [F.app('bvadd', [at, lit(j === slack ? 1 : 0)]), F.app('bvadd', [size, lit(-1)])]));
    ub.push(F.and(...runs, F.not(F.or(inA, inB))));
  }
  return { base, p: F.or(...ub) };
}

test('answers and work counted are those pinned (copy-loop queries, budgets, kept roots)', () => {
  const hash = createHash('sha256');
  let steps = 0;
  let gaveUp = 0;
  let decided = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const F = new TermFactory();
    const { base, p } = loopQuery(F, seed * 104729);
    const full = simplifyUnder(F, base, p);
    const note = (r: ReturnType<typeof simplifyUnder>): void => {
      hash.update(`${termToString(r.term)}|${JSON.stringify(r.stats)}\n`);
      steps += r.stats.steps;
      if (r.stats.gaveUp) gaveUp++;
      if (r.term.kind === 'bool') decided++;
    };
    note(full);
    // budgets below and around the full call's steps, on the kept root and on a fresh one
    for (const maxSteps of [7, full.stats.steps >> 1, 40, full.stats.steps - 1, 200, full.stats.steps + 1]) {
      note(simplifyUnder(F, base, p, 8_000, maxSteps));
      note(simplifyUnder(F, [...base], p, 8_000, maxSteps));
      const G = new TermFactory();
      const q = loopQuery(G, seed * 104729);
      note(simplifyUnder(G, q.base, q.p, 8_000, maxSteps));
    }
  }
  const summary = `${steps} steps, ${gaveUp} gave up, ${decided} decided`;
  // not vacuous: budgets run out, and the full calls decide some queries
  assert.ok(gaveUp > 12 && decided > 12, summary);
  assert.is(`${hash.digest('hex').slice(0, 16)} ${summary}`, PINNED);
});

test.run();
