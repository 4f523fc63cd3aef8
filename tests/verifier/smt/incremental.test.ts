// Queries that share a base, asked of z3-wasm incrementally (verifier/smt/incremental.ts,
// z3wasm.ts): only an unsat answer is taken from the incremental try; anything else is asked
// again the usual way. The printer is checked on its own, then against z3: same answers as the
// stand-alone queries, on hand-made queries and on every query of a real Core -> MLIR check.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkQuery, disposeSolvers, setSolverDefaults, type Query, type SolverResult } from '../../../verifier/smt/solver.ts';
import { newNames, printAssertions, withIncrementalBases } from '../../../verifier/smt/incremental.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort } from '../../../verifier/smt/term.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../verifier/tv/core/validate.ts';
import { corpusProgram } from '../tv/core/helpers.ts';

const W = bvSort(16);

test('a base is printed once; a part names only its own new terms, with a prefix of its own', () => {
  const F = new TermFactory();
  const x = F.var('x', W);
  const y = F.var('y', W);
  const s = F.app('bvadd', [x, y]);
  const base = [F.app('bvult', [s, F.bv(100, 16)]), F.app('bvugt', [s, F.bv(3, 16)])];
  const names = newNames('d');
  const lines = printAssertions(base, names)!;
  assert.equal(lines, [
    '(declare-fun x () (_ BitVec 16))',
    '(declare-fun y () (_ BitVec 16))',
    '(define-fun inc!d1 () (_ BitVec 16) (bvadd x y))',
    '(assert (bvult inc!d1 #x0064))',
    '(assert (bvugt inc!d1 #x0003))',
  ]);
  const z = F.var('z', W);
  const zz = F.app('bvmul', [z, z]);
  const part = newNames('p');
  const p = printAssertions([F.eq(F.app('bvadd', [zz, zz]), s)], part, names)!;
  assert.equal(p, ['(declare-fun z () (_ BitVec 16))', '(define-fun inc!p1 () (_ BitVec 16) (bvmul z z))', '(assert (= (bvadd inc!p1 inc!p1) inc!d1))']);
  // the part's names are its own: the base's are untouched, the part's counter goes on
  assert.is(names.known.has(z), false);
  part.known.clear();
  assert.equal(printAssertions([F.eq(F.app('bvmul', [z, x]), zz)], part, names)!, ['(declare-fun z () (_ BitVec 16))', '(assert (= (bvmul z x) (bvmul z z)))']);
  const p3 = printAssertions([F.eq(F.app('bvsub', [zz, zz]), x)], part, names)!;
  assert.ok(p3.includes('(define-fun inc!p2 () (_ BitVec 16) (bvmul z z))'), p3.join('\n'));
});

test('what this printer does not print: quantifiers, constants named like its names', () => {
  const F = new TermFactory();
  const i = F.var('i', W);
  assert.is(printAssertions([F.quant('forall', [i], F.app('bvule', [i, F.var('n', W)]))], newNames('d')), null);
  assert.is(printAssertions([F.eq(F.var('inc!d1', W), F.bv(1, 16))], newNames('d')), null);
});

test('deep terms are cut into definitions (no 64-deep nesting)', () => {
  const F = new TermFactory();
  let t = F.var('a', W);
  for (let k = 0; k < 200; k++) t = F.app('bvadd', [t, F.bv(k + 1, 16)]);
  const lines = printAssertions([F.eq(t, F.bv(7, 16))], newNames('d'))!;
  assert.ok(lines.filter((l) => l.startsWith('(define-fun')).length >= 3);
  for (const l of lines) {
    let depth = 0;
    let max = 0;
    for (const ch of l) {
      if (ch === '(') max = Math.max(max, ++depth);
      if (ch === ')') depth--;
    }
    assert.ok(max <= 70, `nesting ${max}`);
  }
});

/** Queries asked inside withIncrementalBases, with the answers and how each was found. */
async function askAll(qs: Query[]): Promise<SolverResult[]> {
  return withIncrementalBases(async () => {
    const out: SolverResult[] = [];
    for (const q of qs) out.push(await checkQuery(q, { timeoutMs: 10_000 }));
    return out;
  });
}

test('same answers as stand-alone queries; only unsat comes from the incremental try', async () => {
  const F = new TermFactory();
  const x = F.var('x', W);
  const y = F.var('y', W);
  const base = [F.app('bvugt', [x, F.bv(5, 16)]), F.eq(y, F.app('bvadd', [x, F.bv(1, 16)]))];
  const parts = [
    F.eq(y, F.bv(3, 16)), // unsat (y >= 7 unless x + 1 wraps to 0)
    F.eq(y, F.bv(7, 16)), // sat: x = 6
    F.eq(y, F.bv(5, 16)), // unsat
    F.eq(x, F.bv(8, 16)), // sat
    F.app('bvult', [y, F.bv(2, 16)]), // sat: x = 0xffff, y wraps to 0
    F.eq(y, F.bv(6, 16)), // unsat
    F.and(F.eq(x, F.bv(9, 16)), F.not(F.eq(y, F.bv(10, 16)))), // unsat
  ];
  const qs = parts.map((p) => ({ assertions: [...base, p], wantModel: [x, y] }));
  const inc = await askAll(qs);
  const plain = [];
  for (const q of qs) plain.push(await checkQuery(q, { timeoutMs: 10_000 }));
  assert.equal(inc.map((r) => r.status), ['unsat', 'sat', 'unsat', 'sat', 'sat', 'unsat', 'unsat']);
  assert.equal(plain.map((r) => r.status), inc.map((r) => r.status));
  // the first four queries of a base are asked as before, the fifth opens a context; the sat
  // ones are asked again the usual way (with their models), the unsat ones answered there
  assert.equal(inc.map((r) => r.incremental), [undefined, undefined, undefined, undefined, 'asked again', 'unsat', 'unsat']);
  assert.is(inc[4]!.model?.get('x'), 0xffffn);
  assert.ok(plain.every((r) => r.incremental === undefined));
  // another factory's terms with the same ids are another base
  const G = new TermFactory();
  const gx = G.var('x', W);
  const gy = G.var('y', W);
  const gbase = [G.app('bvugt', [gx, G.bv(5, 16)]), G.eq(gy, G.app('bvadd', [gx, G.bv(1, 16)]))];
  const other = await askAll([{ assertions: [...gbase, G.eq(gy, G.bv(8, 16))], wantModel: [] }]);
  assert.equal([other[0]!.status, other[0]!.incremental], ['sat', undefined]);
});

test('a base whose text passes 1 MB is never asked incrementally (z3 parses definitions outside its limits)', async () => {
  const F = new TermFactory();
  const vs = Array.from({ length: 16_000 }, (_, k) => F.var(`a.rather.long.name.for.variable.${k}`, W));
  const base = vs.map((v) => F.app('bvult', [v, F.bv(0xfff0, 16)]));
  const qs = [1, 2, 3, 4, 5, 6].map((k) => ({ assertions: [...base, F.eq(vs[k]!, F.bv(0xfff0 + k, 16))], wantModel: [] }));
  const rs = await askAll(qs);
  assert.equal(rs.map((r) => r.status), ['unsat', 'unsat', 'unsat', 'unsat', 'unsat', 'unsat']);
  assert.ok(rs.every((r) => r.incremental === undefined), rs.map((r) => r.incremental).join(' '));
});

test('every query of a real check: the incremental unsat answers are unsat stand-alone too', async () => {
  // luhn `luhnValid`: its cut-point proof asks one query per arrival, back edge and path
  // between loop heads and returns, all with the same base
  const { core, mlir } = corpusProgram('luhn');
  const m = parseMlir(mlir, 'luhn.mlir');
  const info = moduleInfo(m);
  const fn = core.functions.find((f) => f.name === 'luhnValid')!;
  const asked: { q: Query; r: SolverResult }[] = [];
  const before = setSolverDefaults;
  before({ onResult: (_n, q, r) => asked.push({ q, r }) });
  // without the bounds folding of cut-point parts (cut-bounds.ts), which since session 10
  // decides all but 4 of this proof's parts before any solver: the parts asked here are the
  // ones under test
  process.env.FIDELITY_NO_CUT_BOUNDS = '1';
  let v;
  try {
    v = await validateCoreFunction(core, fn, m, info, { unroll: 2, timeoutMs: 30_000 });
  } finally {
    delete process.env.FIDELITY_NO_CUT_BOUNDS;
    before({ onResult: undefined });
  }
  assert.is(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /any length/);
  const incremental = asked.filter((a) => a.r.incremental === 'unsat');
  // all but the first four queries of the base (all of them since session 9: together.ts
  // asks a cut-point proof's parts all at once first, in a context of their own)
  assert.ok(asked.length >= 8, `${asked.length} queries`);
  assert.ok(incremental.length >= asked.length - 4, asked.map((a) => `${a.r.status}/${a.r.incremental}`).join(' '));
  for (const { q } of incremental) assert.is((await checkQuery(q, { timeoutMs: 30_000 })).status, 'unsat');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
