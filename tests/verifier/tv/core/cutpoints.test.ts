// Unbounded proofs of Core -> MLIR loops by cut points (verifier/tv/core/cut-*.ts): correct
// loops of the corpus are `proved`; wrong MLIR that differs from Core only in a late
// iteration — a value, a store, the exit, after more iterations than the unrolling bound —
// is never `proved` (bounded(k) at best, since the unrolled check cannot see that far), and a
// model of an inductive check is never shown as a counterexample.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { corpusProgram, mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const opts = { unroll: 2, timeoutMs: 20_000 };

/** A loop that calls a function in every iteration (not in the corpus: its loops call
 *  only with bounded trip counts). */
const CALLS = [
  'let step (x: int) : int = x &&& 255',
  '',
  'let sumSteps (n: int) : int =',
  '    let mutable i = 0',
  '    let mutable acc = 0',
  '    while i < n do',
  '        acc <- Wrapping.add acc (step i)',
  '        i <- i + 1',
  '    acc',
  '',
  '[<Requires("n >= 0 && n <= buf.Length")>]',
  'let fillSteps (buf: Span<int>) (n: int) : int =',
  '    let mutable i = 0',
  '    let mutable acc = 0',
  '    while i < n do',
  '        buf.[i] <- i',
  '        acc <- Wrapping.add acc (step i)',
  '        i <- i + 1',
  '    acc',
  '',
].join('\n');

function program(name: string) {
  if (name !== 'calls_loop') return corpusProgram(name);
  const core = frontEndText('calls_loop.clef', CALLS).core;
  return { core, mlir: coreToMlir(core) };
}

async function verdictOf(program_: string, fn: string, edit: (mlir: string) => string = (t) => t, o: { unroll: number; timeoutMs: number } = opts) {
  const { core, mlir } = program(program_);
  const mod = parseMlir(edit(mlir), `${program}.mlir`);
  const f = core.functions.find((x) => x.name === fn)!;
  return validateCoreFunction(core, f, mod, moduleInfo(mod), o);
}

const proved: [string, string][] = [
  ['bits', 'popcount'],
  ['bits', 'clz32'],
  ['fir_q15', 'clear'],
  ['checksums', 'adler32'],
  ['calls_loop', 'sumSteps'],
  ['calls_loop', 'fillSteps'],
  ['float_format', 'newtonSqrt'], // a float carried by its bits
];
for (const [program, fn] of proved) {
  test(`a correct loop is proved for any number of iterations: ${program}.${fn}`, async () => {
    // limited by work, not the clock (effort.ts: fillSteps' hardest part needs 3.6 M units,
    // 6.7 s on a loaded machine against a 20 s wall limit)
    const v = await withRlimit(() => verdictOf(program, fn, undefined, { unroll: opts.unroll, timeoutMs: EFFORT.timeoutMs }));
    assert.is(v.verdict, 'proved', v.detail);
    assert.match(v.detail, /any length/);
  });
}

/** Wrong only from iteration 6 on (beyond the bound 2): never proved; bounded(2) or refuted
 *  (a refutation needs a replayed counterexample, which the unrolled check alone gives). */
const late: { name: string; program: string; fn: string; from: string | RegExp; to: string | ((mlir: string) => string) }[] = [
  {
    name: 'a carried value wrong once the counter reaches 6',
    program: 'bits',
    fn: 'popcount',
    from: /(%13) = arith.addi (%n_8), (%c1_12) : i64/,
    to: '%late_c = arith.constant 6 : i64\n      %late_b = arith.cmpi eq, $2, %late_c : i64\n      %late_s = arith.select %late_b, $2, $3 : i64\n      $1 = arith.addi $2, %late_s : i64',
  },
  {
    name: 'the loop exits early once the counter reaches 6',
    program: 'bits',
    fn: 'clz32',
    from: /(%\d+) = arith.cmpi eq, (%\d+), (%c0_1) : i32/,
    // the counter's name in the before region (found in the text: the codegen numbers it)
    to: (t) => `%late_c = arith.constant 6 : i64\n        %late_b = arith.cmpi ne, ${/scf\.while \(%v_\d+ = %x_0, (%n_\d+) = /.exec(t.slice(t.indexOf('@clef.clz32(')))![1]}, %late_c : i64\n        %late_e = arith.cmpi eq, $2, $3 : i32\n        $1 = arith.andi %late_e, %late_b : i1`,
  },
  {
    name: 'a wrong value stored in iteration 7',
    program: 'fir_q15',
    fn: 'clear',
    from: /memref.store (%c0_16), (%s_0)\[(%15)\]/,
    to: '%late_c = arith.constant 7 : i64\n        %late_b = arith.cmpi eq, %i_14, %late_c : i64\n        %late_one = arith.constant 1 : i16\n        %late_v = arith.select %late_b, %late_one, $1 : i16\n        memref.store %late_v, $2[$3]',
  },
  {
    name: 'a store skipped from iteration 9 on',
    program: 'fir_q15',
    fn: 'clear',
    from: /memref.store (%c0_16), (%s_0)\[(%15)\] : (memref<[^>]*>>)/,
    to: '%late_c = arith.constant 9 : i64\n        %late_b = arith.cmpi slt, %i_14, %late_c : i64\n        scf.if %late_b {\n          memref.store $1, $2[$3] : $4\n        }',
  },
  {
    name: 'a read-only loop that writes its span in iteration 6',
    program: 'checksums',
    fn: 'adler32',
    from: /(%16) = memref.load (%data_0)\[(%15)\] : (memref<[^>]*>>)/,
    to: '$1 = memref.load $2[$3] : $4\n      %late_c = arith.constant 6 : i64\n      %late_b = arith.cmpi eq, %i_14, %late_c : i64\n      scf.if %late_b {\n        %late_z = arith.constant 0 : i8\n        memref.store %late_z, $2[$3] : $4\n      }',
  },
  {
    name: 'a call with a wrong argument in iteration 6',
    program: 'calls_loop',
    fn: 'sumSteps',
    from: /(%call_\d+) = func.call @clef.step\((%i_\d+)\)/,
    to: '%late_c = arith.constant 6 : i64\n      %late_b = arith.cmpi eq, $2, %late_c : i64\n      %late_a = arith.select %late_b, %c0_1, $2 : i64\n      $1 = func.call @clef.step(%late_a)',
  },
  {
    name: 'an extra call in iteration 6',
    program: 'calls_loop',
    fn: 'sumSteps',
    from: /(%call_\d+) = func.call @clef.step\((%i_\d+)\) : \(i64\) -> i64/,
    to: '$1 = func.call @clef.step($2) : (i64) -> i64\n      %late_c = arith.constant 6 : i64\n      %late_b = arith.cmpi eq, $2, %late_c : i64\n      scf.if %late_b {\n        %late_x = func.call @clef.step($2) : (i64) -> i64\n      }',
  },
  {
    // the memory before a call is compared at the call; the assumption that both sides
    // agree after it must not hide that (a frame fact once did: calls.ts history)
    name: 'a store before a call skipped in iteration 6',
    program: 'calls_loop',
    fn: 'fillSteps',
    from: /memref.store (%i_\d+), (%buf_0)\[(%\d+)\] : (memref<[^>]*>>)/,
    to: '%late_c = arith.constant 6 : i64\n      %late_b = arith.cmpi ne, $1, %late_c : i64\n      scf.if %late_b {\n        memref.store $1, $2[$3] : $4\n      }',
  },
];
for (const m of late) {
  test(`never proved: ${m.program}.${m.fn}, ${m.name}`, async () => {
    const v = await verdictOf(m.program, m.fn, (t) => mutate(t, m.fn, m.from, typeof m.to === 'string' ? m.to : m.to(t)));
    assert.is.not(v.verdict, 'proved', v.detail);
    if (v.verdict === 'refuted') assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
    else assert.match(v.detail, /no unbounded proof: /, 'the reason the cut-point proof failed is given');
  });
}

test.after(async () => {
  await disposeSolvers();
});

test.run();
