// The low bits of Core's wide arena arithmetic in 64 bits (verifier/tv/core/low-bits.ts):
// Core's element address — the low 64 bits of "used rounded up, plus an offset" computed in
// 104 bits — becomes the very term the target computes in 64 bits; every rewrite is an
// identity (each rewritten term is checked equal to its original by the real z3, and a
// wrong rule is caught: narrowing a division would not be one); a 64-bit value stored as
// bytes and read back is the value again, while 64-bit arithmetic is not split by bytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { freeVars } from '../../../../verifier/tv/query.ts';
import { narrowLowBits } from '../../../../verifier/tv/core/low-bits.ts';
import { rewritePow2 } from '../../../../verifier/tv/core/pow2.ts';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const equalAlways = async (F: TermFactory, a: Term, b: Term) => {
  const as = [F.not(F.eq(a, b))];
  return (await checkQuery({ assertions: as, wantModel: freeVars(as) }, { timeoutMs: 20_000 })).status === 'unsat';
};

/** (used + 3) / 4 * 4 + 32 at width w, `used` extended from 64 bits as exec-memory.ts does. */
function start(F: TermFactory, used: Term, w: number): Term {
  const u = w === 64 ? used : F.sext(w - 64, used);
  const rounded = F.app('bvmul', [F.app('bvudiv', [F.app('bvadd', [u, F.bv(3, w)]), F.bv(4, w)]), F.bv(4, w)]);
  return F.app('bvadd', [rounded, F.bv(32, w)]);
}

test('Core\'s 104-bit arena start, read in 64 bits, is the target\'s 64-bit term', async () => {
  const F = new TermFactory();
  const used = F.var('used', bvSort(64));
  const core = F.extract(63, 0, start(F, used, 104));
  const tgt = start(F, used, 64);
  const [c, t] = narrowLowBits(F, rewritePow2(F, [core, tgt]));
  assert.is(c, t, 'one shared term after the rewrite');
  const [c0, t0] = rewritePow2(F, [core, tgt]);
  assert.is.not(c0, t0, 'not before it (what the solver had to prove equal)');
  assert.ok(await equalAlways(F, core, c!), 'the rewrite is an identity');
});

test('each rule is an identity at the bits it keeps (the real z3)', async () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(64));
  const y = F.var('y', bvSort(64));
  const wx = F.sext(40, x);
  const wy = F.zext(40, y);
  const cases: Term[] = [
    F.extract(63, 0, F.app('bvmul', [wx, wy])),
    F.extract(40, 7, F.app('bvsub', [wx, F.app('bvneg', [wy])])),
    F.extract(63, 2, F.app('bvxor', [F.app('bvnot', [wx]), F.app('bvand', [wx, wy])])),
    F.extract(70, 60, F.app('concat', [x, y])),
    F.extract(20, 3, F.extract(90, 10, F.app('bvor', [wx, wy]))),
    F.app('concat', [F.extract(63, 32, F.app('bvadd', [x, y])), F.extract(31, 0, F.app('bvadd', [x, y]))]),
    // not narrowed: the low bits of a quotient depend on all the dividend's bits
    F.extract(63, 0, F.app('bvudiv', [F.app('bvadd', [wx, wy]), F.bv(3, 104)])),
  ];
  const out = narrowLowBits(F, cases);
  for (let i = 0; i < cases.length; i++) assert.ok(await equalAlways(F, cases[i]!, out[i]!), `case ${i}`);
  assert.is(out[5], F.app('bvadd', [x, y]), 'adjacent extracts of one term join into the term');
  assert.ok(out[6]!.kind === 'app' && out[6]!.op === 'extract', 'a division is not narrowed');
});

test('a narrowing that would be wrong is caught by the same check (the check can fail)', async () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(64));
  const wide = F.extract(63, 0, F.app('bvudiv', [F.sext(40, x), F.bv(7, 104)]));
  const wrongly = F.app('bvudiv', [x, F.bv(7, 64)]);
  assert.not.ok(await equalAlways(F, wide, wrongly));
});

test('64-bit arithmetic is not split into bytes (the counter\'s bytes stay one value)', () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(64));
  const sum = F.app('bvadd', [x, F.bv(5, 64)]);
  const byte = F.extract(55, 48, sum);
  const [r] = narrowLowBits(F, [byte]);
  assert.is(r, byte);
});

// An arena parameter's allocation after a byte allocation, returned as a span: the element
// addresses are Core's wide start read in 64 bits. Unknown (timeouts at 10 s and 20 s) without the
// rewrite (FIDELITY_NO_LOWBITS=1), proved in 9 s with it (README.md, round 5).
const SOURCE = `
[<Requires("Arena.remaining a >= 64 && x < 1000 && x > -1000")>]
let spanOut (a: Arena) (x: int) : Span<int64> =
    let h = Arena.alloc<byte> a 5
    h.[0] <- 2uy
    let t = Arena.alloc<int64> a 3
    t.[0] <- int64 x
    t.[2] <- int64 h.[0]
    t

let main _ = 0
`;

async function verdictOf(mlir: string) {
  const core = frontEndText('low-bits.clef', SOURCE).core;
  const m = parseMlir(mlir, 'low-bits.mlir');
  // limited by solver work (effort.ts), not the clock: the refutation's `small` query needs
  // 7 M units (9 s on a loaded machine, 26 Nov), the proof's parts up to 3.4 M
  return withRlimit(() => validateCoreFunction(core, core.functions[0]!, m, moduleInfo(m), { unroll: 2, timeoutMs: EFFORT.timeoutMs }));
}
const MLIR = coreToMlir(frontEndText('low-bits.clef', SOURCE).core);

test('an allocation after another one of an arena parameter, returned as a span: proved', async () => {
  const v = await verdictOf(MLIR);
  assert.is(v.verdict, 'proved', v.detail);
});

test('the same with the view at the unrounded counter: refuted, replayed', async () => {
  const v = await verdictOf(mutate(MLIR, 'spanOut', /(%\d+) = arith\.index_cast %22 : i64 to index/, '$1 = arith.index_cast %20 : i64 to index'));
  assert.is(v.verdict, 'refuted', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
