// cut-facts.ts: the boolean facts of a cut-point query's base refute a part without a solver.
// Every fact learned is checked against z3 (implied by the base); a part that is refuted is
// unsat with the base for z3 too; a part the facts do not decide stays open. On the corpus:
// isqrt `isqrt32` is proved with no cut-point query sent (two were before), and a wrong loop
// of bits `popcount`, all of whose correct parts are now refuted this way, is still never
// proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { BOOL, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { baseFacts, valueUnder } from '../../../../verifier/tv/core/cut-facts.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { withRlimit } from '../../../helpers/effort.ts';
import { queriesOf } from '../../../helpers/queries.ts';
import { corpusProgram, mutate } from './helpers.ts';

/** The shape of a loop head's alive flags: every block alive at the head, the back edge's
 *  flags the head's, and a part asking for a dead block on some path. */
function alive(F: TermFactory, blocks: number) {
  const head = Array.from({ length: blocks }, (_, b) => F.var(`cp.0.alive.b${b}`, BOOL));
  const back = Array.from({ length: blocks }, (_, b) => F.var(`cp.1.alive.b${b}`, BOOL));
  const path = F.app('bvsle', [F.bv(0n, 64), F.var('len', bvSort(64))]);
  const base = [
    F.not(F.or(...head.map((h) => F.not(F.eq(h, F.true))))),
    F.not(F.or(...back.map((x, b) => F.not(F.eq(x, head[b]!))))),
    path,
  ];
  return { head, back, path, base };
}

/** z3: the assertions are unsat. */
async function unsat(as: Term[]): Promise<boolean> {
  return (await checkQuery({ assertions: as, wantModel: [] }, { timeoutMs: 30_000 })).status === 'unsat';
}

test('a dead block at the back edge is refuted by the head flags (and z3 agrees); an unrelated part stays open', async () => {
  const F = new TermFactory();
  const { back, path, base } = alive(F, 3);
  const facts = baseFacts(base);
  for (const x of back) {
    const part = F.and(F.not(F.eq(x, F.true)), F.var('more', BOOL), path);
    assert.is(valueUnder(facts, part), false);
    assert.ok(await unsat([...base, part]));
  }
  // a part about values: not decided
  const v = F.var('v', bvSort(64));
  assert.is(valueUnder(facts, F.and(F.not(F.eq(v, F.bv(1n, 64))), path)), undefined);
  // without the head's facts the back edge's flags are unknown
  assert.is(valueUnder(baseFacts(base.slice(1)), F.not(back[0]!)), undefined);
});

test('every fact learned is implied by the base (z3), through not, and, or, =>, boolean = and its denial', async () => {
  const F = new TermFactory();
  const [a, b, c, d, e, g, h] = ['a', 'b', 'c', 'd', 'e', 'g', 'h'].map((n) => F.var(n, BOOL)) as [Term, Term, Term, Term, Term, Term, Term];
  const x = F.var('x', bvSort(8));
  const lt = F.app('bvult', [x, F.bv(3n, 8)]);
  const base = [
    F.and(a, F.not(b)),
    F.not(F.implies(c, d)), // c, not d
    F.not(F.or(e, lt)), // not e, not (x < 3)
    F.eq(g, a), // g = a
    F.not(F.eq(h, g)), // h = not g
  ];
  const facts = baseFacts(base);
  const want = new Map<Term, boolean>([[a, true], [b, false], [c, true], [d, false], [e, false], [lt, false], [g, true], [h, false]]);
  for (const [t, v] of want) assert.is(facts.get(t.id), v, `fact for ${t.kind === 'var' ? t.name : 'x < 3'}`);
  for (const [id, v] of facts) {
    const t = [...want.keys(), ...base].find((u) => u.id === id);
    if (!t) continue; // compound members (checked through their atoms)
    assert.ok(await unsat([...base, v ? F.not(t) : t]), `fact ${id} = ${v} is implied`);
  }
  // evaluation: ite on a known condition, => with a false premise, = of two known booleans
  assert.is(valueUnder(facts, F.ite(a, F.not(g), e)), false);
  assert.is(valueUnder(facts, F.implies(b, F.var('free', BOOL))), true);
  assert.is(valueUnder(facts, F.eq(g, h)), false);
  assert.is(valueUnder(facts, F.or(F.var('free', BOOL), h)), undefined);
});

async function check(program: string, fn: string, edit: (t: string) => string = (t) => t) {
  const { core, mlir } = corpusProgram(program);
  const mod = parseMlir(edit(mlir), `${program}.mlir`);
  const f = core.functions.find((x) => x.name === fn)!;
  return queriesOf(() => withRlimit(() => validateCoreFunction(core, f, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 })));
}

test('isqrt32 is proved for any length with no cut-point query left to send (the facts decide its two parts)', async () => {
  const on = await check('isqrt', 'isqrt32');
  assert.is(on.result.verdict, 'proved', on.result.detail);
  assert.match(on.result.detail, /any length/);
  assert.equal(on.names.filter((n) => n.includes('.cut')), []);
  process.env.FIDELITY_NO_CUT_FACTS = '1';
  try {
    const off = await check('isqrt', 'isqrt32');
    assert.is(off.result.verdict, 'proved', off.result.detail);
    assert.ok(off.names.some((n) => n.includes('.cut')), 'without the facts its parts go to the solver');
  } finally {
    delete process.env.FIDELITY_NO_CUT_FACTS;
  }
});

test('a wrong popcount loop (its carried value wrong from iteration 6) is still never proved', async () => {
  const wrong = (t: string) =>
    mutate(t, 'popcount', /(%13) = arith.addi (%n_8), (%c1_12) : i64/, '%late_c = arith.constant 6 : i64\n      %late_b = arith.cmpi eq, $2, %late_c : i64\n      %late_s = arith.select %late_b, $2, $3 : i64\n      $1 = arith.addi $2, %late_s : i64');
  const { result: v } = await check('bits', 'popcount', wrong);
  assert.is.not(v.verdict, 'proved', v.detail);
  if (v.verdict !== 'refuted') assert.match(v.detail, /no unbounded proof: the simulation relation does not hold/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
