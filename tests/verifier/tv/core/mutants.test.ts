// Wrong MLIR for a Core function — real core-to-mlir output with one mutation in one
// function — must be refuted, with a counterexample replayed on both sides (the Core
// interpreter and the MLIR interpreter); the unmutated function is not refuted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { runFunction } from '../../../../verifier/semantics/run.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const opts = { unroll: 4, timeoutMs: 20_000 };

async function verdictOf(program: string, fn: string, edit: (mlir: string) => string, timeoutMs = opts.timeoutMs) {
  const { core, mlir } = corpusProgram(program);
  const mod = parseMlir(edit(mlir), `${program}.mutant.mlir`);
  const f = core.functions.find((x) => x.name === fn)!;
  return { v: await validateCoreFunction(core, f, mod, moduleInfo(mod), { ...opts, timeoutMs }), core };
}

const mutants: { name: string; program: string; fn: string; from: string | RegExp; to: string }[] = [
  { name: 'swapped comparison (sgt -> slt)', program: 'pid_fixed', fn: 'clamp', from: 'arith.cmpi sgt, %x_2, %hi_1', to: 'arith.cmpi slt, %x_2, %hi_1' },
  { name: 'swapped operand of a product', program: 'gcd_lcm', fn: 'lcm', from: 'arith.muli %14, %b_1', to: 'arith.muli %14, %a_0' },
  { name: 'changed constant (mask 1 -> 3)', program: 'bits', fn: 'parity64', from: 'arith.constant 1 : i64', to: 'arith.constant 3 : i64' },
  { name: 'signed -> unsigned comparison', program: 'pid_fixed', fn: 'clamp', from: 'arith.cmpi slt, %x_2, %lo_0', to: 'arith.cmpi ult, %x_2, %lo_0' },
  { name: 'wrong union tag', program: 'traffic_light', fn: 'decodeEvent', from: 'arith.constant 3 : i32', to: 'arith.constant 2 : i32' },
  { name: 'dropped store', program: 'ip_checksum', fn: 'store', from: /\n\s*memref.store %13, %data_0\[%12\][^\n]*/, to: '' },
  { name: 'store at a wrong index', program: 'ip_checksum', fn: 'store', from: 'arith.addi %i_1, %c1_10', to: 'arith.subi %i_1, %c1_10' },
  { name: 'load at a wrong index', program: 'ip_checksum', fn: 'word', from: 'memref.load %data_0[%12]', to: 'memref.load %data_0[%2]' },
  { name: 'sign instead of zero extension of a loaded byte', program: 'ip_checksum', fn: 'word', from: 'arith.extui %13', to: 'arith.extsi %13' },
  { name: 'wrong argument of a call (a function with memory and calls)', program: 'ring_buffer', fn: 'push', from: '%call_11 = func.call @clef.next(%r_2)', to: '%call_11 = func.call @clef.next(%r_1)' },
  { name: 'dropped store before calls', program: 'ring_buffer', fn: 'push', from: /\n\s*memref.store %v_4, %buf_0\[%5\][^\n]*/, to: '' },
  { name: 'wrong increment inside a loop', program: 'bits', fn: 'popcount', from: /%c1_(\d+) = arith.constant 1 : i64/, to: '%c1_$1 = arith.constant 2 : i64' },
];

for (const m of mutants) {
  test(`refuted with a replayed counterexample: ${m.program}.${m.fn}, ${m.name}`, async () => {
    const { v } = await verdictOf(m.program, m.fn, (t) => mutate(t, m.fn, m.from, m.to));
    assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
    const cx = v.counterexample!;
    assert.ok(cx, 'a refutation carries its counterexample');
    assert.match(cx.src, /^Core returns /);
    assert.match(cx.tgt, /^MLIR /);
    // the outcomes differ, or (a dropped store) they return alike and the memory differs
    if (cx.src.replace(/^Core /, '') === cx.tgt.replace(/^MLIR /, '')) assert.match(cx.difference, /memory|byte|block|call/i, `the difference: ${cx.difference}`);
    assert.ok(cx.difference.length > 0, 'the first difference is named');
  });
}

// each mutated function once as compiled (four of them carry two mutants: checking them twice
// cost ~10 s of CPU in CI, ring_buffer.push a 20 s timeout each time)
for (const key of new Set(mutants.map((m) => `${m.program}.${m.fn}`))) {
  const [program, fn] = key.split('.') as [string, string];
  test(`not refuted without the mutation: ${key}`, async () => {
    // under a fixed 4 M units per query, not the 20 s clock: ring_buffer.push's query needs
    // 8.3 M (~10 s loaded; in CI often the whole 20 s), so it is unknown here; the others
    // are decided. Anything but a refutation is honest.
    const { v } = await withRlimit(() => verdictOf(program, fn, (t) => t, EFFORT.timeoutMs), 4_000_000);
    const ok = v.verdict === 'proved' || v.verdict.startsWith('bounded') || /^unknown: (timeout|resource limit)/.test(v.detail);
    assert.ok(ok, `${v.verdict}: ${v.detail}`);
  });
}

test('an equivalent mutant is proved, not refuted: parity64 with an arithmetic first shift', async () => {
  // bits 32..63 of x ^ (x >> 32) never reach bit 0 through the later shifts (16+8+4+2+1 = 31)
  const { v } = await verdictOf('bits', 'parity64', (t) => mutate(t, 'parity64', 'arith.shrui %x_0', 'arith.shrsi %x_0'));
  assert.is(v.verdict, 'proved', v.detail);
});

test('the counterexample is real: the Core interpreter gives the result it shows', async () => {
  const { v, core } = await verdictOf('pid_fixed', 'clamp', (t) => mutate(t, 'clamp', 'arith.cmpi sgt, %x_2, %hi_1', 'arith.cmpi slt, %x_2, %hi_1'));
  assert.is(v.verdict, 'refuted');
  const args = v.counterexample!.inputs.map((i) => BigInt(i.value));
  const r = runFunction(core, 'clamp', args, { checks: true, stdin: '', write: () => {} });
  assert.ok('value' in r);
  assert.ok(v.counterexample!.src.includes(`(${BigInt.asUintN(64, r.value as bigint)})`), `${v.counterexample!.src} vs ${String(r.value)}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
