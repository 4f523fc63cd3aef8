// Core float arithmetic against its core-to-mlir MLIR: both sides SMT FloatingPoint
// (verifier/semantics/symbolic/floats.ts, verifier/semantics/mlir/symbolic-float.ts). Corpus
// float functions are proved/bounded; mutants of real core-to-mlir output (a wrong float
// predicate, op or conversion) are refuted with a counterexample replayed on both
// interpreters; an equivalent mutant is proved; the float abstraction (float-abstraction.ts)
// keeps the congruence it relies on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { fromBits, fpBits, symFArith, symFCmp } from '../../../../verifier/semantics/mlir/symbolic-float.ts';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { abstractFloats } from '../../../../verifier/tv/core/float-abstraction.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';

const opts = { unroll: 2, timeoutMs: 20_000 };

const SOURCE = `
let clampPos (x: float) : float = if x < 0.0 then 0.0 else x

let scale (x: float) (k: int) : float = x * float k + 0.5

[<Requires("x > -1000.0 && x < 1000.0")>]
let toInt (x: float) : int = int x

let narrow (x: float) : float32 = float32 x

let ofInt (k: int32) : float = float k

let diff (x: float) (y: float) : float = x - y

let main _ = 0
`;

const small = (() => {
  const core = frontEndText('floats.clef', SOURCE).core;
  return { core, mlir: coreToMlir(core) };
})();

async function verdict(prog: { core: typeof small.core; mlir: string }, fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(prog.mlir), 'floats.mutant.mlir');
  const f = prog.core.functions.find((x) => x.name === fn)!;
  return validateCoreFunction(prog.core, f, mod, moduleInfo(mod), opts);
}

test('corpus: microampHours (int -> float, a division) is proved', async () => {
  const v = await verdict(corpusProgram('power_budget'), 'microampHours');
  assert.is(v.verdict, 'proved', v.detail);
});

test('corpus: newtonSqrt (float arithmetic in a loop) is proved for executions of any length', async () => {
  const v = await verdict(corpusProgram('float_format'), 'newtonSqrt');
  assert.is(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /any length/);
});

for (const fn of ['clampPos', 'scale', 'toInt', 'narrow', 'ofInt', 'diff']) {
  test(`unmutated ${fn} is proved`, async () => {
    const v = await verdict(small, fn);
    assert.is(v.verdict, 'proved', v.detail);
  });
}

const mutants: { name: string; fn: string; from: string | RegExp; to: string }[] = [
  { name: 'olt -> ole (differs on -0.0)', fn: 'clampPos', from: 'arith.cmpf olt', to: 'arith.cmpf ole' },
  { name: 'mulf -> addf', fn: 'scale', from: 'arith.mulf %x_0, %2', to: 'arith.addf %x_0, %2' },
  { name: 'sitofp -> uitofp', fn: 'ofInt', from: 'arith.sitofp', to: 'arith.uitofp' },
  { name: 'fptosi -> fptoui (poison on negatives)', fn: 'toInt', from: 'arith.fptosi', to: 'arith.fptoui' },
  { name: 'wrong constant 0.0 -> 1.0', fn: 'clampPos', from: 'arith.constant 0.0 : f64', to: 'arith.constant 1.0 : f64' },
  { name: 'subf -> addf', fn: 'diff', from: 'arith.subf', to: 'arith.addf' },
  { name: 'truncf dropped for a wrong constant', fn: 'narrow', from: /%1 = arith.truncf %x_0 : f64 to f32/, to: '%1 = arith.constant 1.0 : f32' },
];
// (a mutant inside an f64 product — a changed constant or conversion feeding mulf — often
// ends `unknown: timeout` with z3-wasm: bit-blasting the multiplier; never refuted unreplayed)

for (const m of mutants) {
  test(`refuted with a replayed counterexample: ${m.fn}, ${m.name}`, async () => {
    const v = await verdict(small, m.fn, (t) => mutate(t, m.fn, m.from, m.to));
    assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
    const cx = v.counterexample!;
    assert.ok(cx, 'a refutation carries its counterexample');
    assert.match(cx.src, /^Core returns /);
    assert.match(cx.difference, /result scalar 0/);
  });
}

test('an equivalent mutant is proved: the operands of mulf swapped', async () => {
  const v = await verdict(small, 'scale', (t) => mutate(t, 'scale', 'arith.mulf %x_0, %2', 'arith.mulf %2, %x_0'));
  assert.is(v.verdict, 'proved', v.detail);
});

// Memory holding floats: a span or pointer of floats is a memref of f64/f32 over the same
// block, element i the little-endian IEEE bits at 8i (4i).
const memProg = (() => {
  const core = frontEndText('float-memory.clef', `
[<Requires("s.Length >= 2")>]
let put (s: Span<float>) (x: float) : unit =
    s.[1] <- x

let firstPos (p: nativeptr<float32>) : bool = NativePtr.get p 0 > 0.0f

let main _ = 0
`).core;
  return { core, mlir: coreToMlir(core) };
})();

test('memory holding floats: a store into a Span<float> and a load from a nativeptr<float32> are proved', async () => {
  for (const fn of ['put', 'firstPos']) {
    const v = await verdict(memProg, fn);
    assert.ok(v.verdict === 'proved' || v.detail.startsWith('unknown: timeout'), `${fn}: ${v.verdict}: ${v.detail}`);
  }
});

test('memory holding floats: a store at a wrong index is refuted, replayed', async () => {
  const v = await verdict(memProg, 'put', (t) => mutate(t, 'put', 'arith.constant 1 : i64', 'arith.constant 0 : i64'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /element \d+ of an argument block/);
});

test('memory holding floats: ogt -> oge on a loaded float32 is refuted, replayed (at zero)', async () => {
  const v = await verdict(memProg, 'firstPos', (t) => mutate(t, 'firstPos', 'arith.cmpf ogt', 'arith.cmpf oge'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /result scalar 0/);
});

test('float abstraction: equal inputs give equal results (congruence), different ones need not', async () => {
  const F = new TermFactory();
  const x = F.var('x', bvSort(64));
  const y = F.var('y', bvSort(64));
  const one = F.bv(0x3ff0000000000000n, 64);
  const fx = symFArith(F, 'sub', x, one, 64);
  const fy = symFArith(F, 'sub', y, one, 64);
  // x = y and x - 1 != y - 1: UNSAT for IEEE, and for the abstraction (only by congruence)
  const same = abstractFloats(F, [F.eq(x, y), F.not(F.eq(fx, fy))]);
  assert.is(same.abstracted, 2);
  assert.is((await checkQuery({ assertions: same.assertions, wantModel: [], description: 'congruence' }, { timeoutMs: 10_000 })).status, 'unsat');
  // x != y and x - 1 != y - 1: SAT (the abstraction must not claim otherwise)
  const diff = abstractFloats(F, [F.not(F.eq(x, y)), F.not(F.eq(fx, fy))]);
  assert.is((await checkQuery({ assertions: diff.assertions, wantModel: [], description: 'no congruence' }, { timeoutMs: 10_000 })).status, 'sat');
  // addition: fp.add orders its operands by term id, so x + 1 and y + 1 have their inputs
  // in different positions; the abstraction orders commutative operands itself
  const ax = symFArith(F, 'add', x, one, 64);
  const ay = symFArith(F, 'add', y, one, 64);
  const comm = abstractFloats(F, [F.eq(x, y), F.not(F.eq(ax, ay))]);
  assert.is((await checkQuery({ assertions: comm.assertions, wantModel: [], description: 'commutative congruence' }, { timeoutMs: 10_000 })).status, 'unsat');
  // x > 1 (cmpf ogt) and 1 < x (Core's `>`): one predicate to the abstraction
  const gt = abstractFloats(F, [F.not(F.eq(symFCmp(F, 2, x, one, 64), symFCmp(F, 4, one, x, 64)))]);
  assert.is((await checkQuery({ assertions: gt.assertions, wantModel: [], description: 'oriented comparison' }, { timeoutMs: 10_000 })).status, 'unsat');
  // the bits of one fp result read back as the fp term: one computation, one unknown
  assert.is(fromBits(F, fpBits(F, fromBits(F, fx, 64), 64), 64).id, fromBits(F, fx, 64).id);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
