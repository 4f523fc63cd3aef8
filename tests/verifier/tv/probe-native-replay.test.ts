// Soundness probe (reviewer): a `refuted` verdict's counterexample, checked by a witness that
// shares no code with the workbench — both sides compiled natively (real mlir-opt,
// mlir-translate and clang) and run on the counterexample's inputs. For every hand-written
// refuted pair of scalar functions whose target has no UB or poison on its counterexample,
// the native source and target must return the values the replay showed, and differ.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { runTool } from '../../../compiler/toolchain/tools.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const PAIRS = join(dirname(fileURLToPath(import.meta.url)), 'pairs');
// refuted pairs of scalar integer functions (tests/verifier/tv/pairs, `@f refuted`)
const NAMES = ['and_to_or', 'cmpi_eq_to_ne', 'cmpi_slt_to_ult', 'constant_off_by_one', 'divsi_by_2_to_shrsi', 'divsi_to_divui', 'extsi_to_extui', 'index_cast_i32_signedness', 'maxui_as_signed_select', 'mul3_to_shl_wrong', 'select_swapped', 'shrsi_to_shrui', 'sub_swapped'];
const C_TYPE: Record<string, [string, number]> = { i1: ['_Bool', 1], i8: ['int8_t', 8], i16: ['int16_t', 16], i32: ['int32_t', 32], i64: ['int64_t', 64], index: ['int64_t', 64] };

/** The leading integer (or boolean) of a shown value: `-5 (unsigned 251) : i8` is -5. */
function num(s: string): bigint {
  const m = /^\s*(true|false|-?\d+)/.exec(s);
  if (!m) throw new Error(`not a value: ${s}`);
  return m[1] === 'true' ? 1n : m[1] === 'false' ? 0n : BigInt(m[1]!);
}

async function lowerToLl(text: string, name: string, dir: string): Promise<string> {
  const llvmDialect = await runTool('lower', 'mlir-opt', ['--convert-arith-to-llvm', '--convert-func-to-llvm', '--reconcile-unrealized-casts'], { input: text.replace('@f(', `@${name}(`) });
  const ll = join(dir, `${name}.ll`);
  writeFileSync(ll, await runTool('translate', 'mlir-translate', ['--mlir-to-llvmir'], { input: llvmDialect }));
  return ll;
}

test('refuted scalar pairs: the counterexample gives the same two different results natively', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'native-replay-'));
  try {
    for (const name of NAMES) {
      const src = readFileSync(join(PAIRS, `${name}.src.mlir`), 'utf8');
      const tgt = readFileSync(join(PAIRS, `${name}.tgt.mlir`), 'utf8');
      const sig = /func\.func @f\(([^)]*)\)\s*->\s*(\S+)\s*\{/.exec(src)!;
      const args = sig[1]!.split(',').map((a) => a.split(':')[1]!.trim());
      const [ret, width] = C_TYPE[sig[2]!]!;
      const [v] = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
      assert.is(v!.verdict, 'refuted', `${name}: ${v!.detail}`);
      const cx = v!.counterexample!;
      const shown = (side: string) => num(/returns \(([^)]*)\)/.exec(side)![1]!);
      const mask = (1n << BigInt(width)) - 1n;
      const inputs = cx.inputs.map((i) => num(i.value.split(':')[0]!));
      const decl = args.map((a) => C_TYPE[a]![0]).join(', ');
      const call = args.map((a, k) => `(${C_TYPE[a]![0]})${inputs[k]}LL`).join(', ');
      writeFileSync(join(dir, `${name}.c`), `#include <stdint.h>
#include <stdio.h>
${ret} f_src(${decl}); ${ret} f_tgt(${decl});
int main(void) { printf("%llu %llu\\n", (unsigned long long)(uint64_t)f_src(${call}) & ${mask}ULL, (unsigned long long)(uint64_t)f_tgt(${call}) & ${mask}ULL); return 0; }
`);
      const exe = join(dir, name);
      await runTool('link', 'clang', ['-Wno-override-module', '-O0', join(dir, `${name}.c`), await lowerToLl(src, 'f_src', dir), await lowerToLl(tgt, 'f_tgt', dir), '-o', exe]);
      const out = (await execa(exe)).stdout.trim().split(' ').map(BigInt);
      assert.equal(out, [shown(cx.src) & mask, shown(cx.tgt) & mask], `${name}: native (source, target) on ${cx.inputs.map((i) => i.value).join(', ')}`);
      assert.is.not(out[0], out[1], `${name}: the native results do not differ`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();

