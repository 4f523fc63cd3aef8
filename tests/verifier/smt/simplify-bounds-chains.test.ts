// simplify-bounds (session 9): an index below a length and the length within its block give
// the index within the block — a chain of two relational facts — and Core's 72-bit signed
// index arithmetic (`0 <=s sext i`) bounds the 64-bit index itself. ip_checksum `word`'s only
// query (1.4 M z3 units, 0.8-2 s of z3-wasm) now folds to false before any solver.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { simplifyUnder } from '../../../verifier/smt/simplify-bounds.ts';
import { checkQuery, disposeSolvers, setSolverDefaults, type SolverResult } from '../../../verifier/smt/solver.ts';
import { EFFORT } from '../../helpers/effort.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../verifier/tv/core/validate.ts';
import { corpusProgram } from '../tv/core/helpers.ts';

const W64 = bvSort(64);

/** `word`'s query: a span (off, len) inside a block of size s < 2^40, an index i with
 *  i + 1 < len, all in Core's 72-bit signed arithmetic; the target's UB at its two reads. */
function wordQuery(F: TermFactory, slack: bigint) {
  const [off, len, i, s] = ['off', 'len', 'i', 's'].map((n) => F.var(n, W64)) as [Term, Term, Term, Term];
  const x = (t: Term) => F.sext(8, t);
  const b72 = (v: bigint) => F.bv(v, 72);
  const b64 = (v: bigint) => F.bv(v, 64);
  const base = [
    F.app('bvult', [s, b64(1n << 40n)]),
    F.and(F.app('bvsle', [b72(0n), x(off)]), F.app('bvsle', [b72(0n), x(len)]), F.app('bvsle', [F.app('bvadd', [x(off), x(len)]), x(s)])),
    F.app('bvslt', [F.app('bvadd', [x(i), b72(1n)]), x(len)]),
    F.app('bvsle', [b72(0n), x(i)]),
  ];
  const last = F.app('bvadd', [s, b64((1n << 64n) - 1n)]); // s - 1
  const at = (k: bigint) => F.app('bvadd', [off, i, b64(k)]);
  // UB: an index past the span, or a read past the block (the second read `slack` further)
  const ub = F.or(F.app('bvule', [len, i]), F.not(F.app('bvule', [at(0n), last])), F.not(F.app('bvule', [at(1n + slack), last])));
  return { base, ub };
}

async function equivalent(F: TermFactory, base: Term[], a: Term, b: Term): Promise<SolverResult> {
  return checkQuery({ assertions: [...base, F.not(F.eq(a, b))], wantModel: [] }, { timeoutMs: 60_000 });
}

test('an index below the length, the length within the block: the reads are within the block (two facts)', async () => {
  const F = new TermFactory();
  const { base, ub } = wordQuery(F, 0n);
  const r = simplifyUnder(F, base, ub);
  assert.is(r.term, F.false, 'folded to false before any solver');
  // and so it is: z3 agrees (the rewrite is an equivalence under the assumptions)
  // (limited by solver work, not the clock: 3.3 M units, 3 s on a loaded machine, 26 Nov)
  assert.is((await checkQuery({ assertions: [...base, ub], wantModel: [] }, EFFORT)).status, 'unsat');
});

test('a read one further than the chain allows is not decided, and stays equivalent', async () => {
  const F = new TermFactory();
  const { base, ub } = wordQuery(F, 1n); // off + i + 2 <= s - 1 does not follow
  const r = simplifyUnder(F, base, ub);
  assert.is.not(r.term.kind, 'bool');
  assert.is((await equivalent(F, base, ub, r.term)).status, 'unsat');
  assert.is((await checkQuery({ assertions: [...base, r.term], wantModel: [] }, { timeoutMs: 60_000 })).status, 'sat');
});

test('0 <=s sext(i) bounds i below 2^63; a negative sign-extended value bounds nothing', async () => {
  const F = new TermFactory();
  const i = F.var('i', W64);
  const big = F.bv(1n << 63n, 64);
  const nonNeg = [F.app('bvsle', [F.bv(0n, 72), F.sext(8, i)])];
  assert.is(simplifyUnder(F, nonNeg, F.app('bvult', [i, big])).term, F.true);
  // sext(i) <=s -1: i's sign bit is set, and no interval below 2^63 may be derived
  const neg = [F.app('bvsle', [F.sext(8, i), F.bv((1n << 72n) - 1n, 72)])];
  const p = F.app('bvult', [i, big]);
  const s = simplifyUnder(F, neg, p).term;
  assert.is.not(s, F.true);
  assert.is((await equivalent(F, neg, p, s)).status, 'unsat');
});

test('ip_checksum `word` at unroll 8: proved with no query (was one of 1.4 M z3 units)', async () => {
  const { core, mlir } = corpusProgram('ip_checksum');
  const m = parseMlir(mlir, 'ip_checksum.mlir');
  let queries = 0;
  // (the refinement's queries: the vacuity question of the proof, vacuity.ts, is not one)
  setSolverDefaults({ onResult: (n) => void (/\.vacuity\d*$/.test(n) || queries++) });
  try {
    const v = await validateCoreFunction(core, core.functions.find((f) => f.name === 'word')!, m, moduleInfo(m), { unroll: 8, timeoutMs: 60_000 });
    assert.is(v.verdict, 'proved', v.detail);
    assert.is(queries, 0);
  } finally {
    setSolverDefaults({ onResult: undefined });
  }
});

test.after(disposeSolvers);
test.run();
