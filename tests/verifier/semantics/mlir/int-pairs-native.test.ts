// arith.addui_extended / mului_extended / mulsi_extended (ops-int.ts `intPair`) against native
// code: each result lowered with the real pipeline (convert-arith-to-llvm, which makes
// addui_extended an llvm.intr.uadd.with.overflow and the multiplications a 2N-bit llvm.mul,
// convert-func-to-llvm, mlir-translate), compiled by clang -O0 and -O2, run on edge values
// (0, 1, 2, max, signed max and min, min + 1, -1 = max) at i1, i8, i17, i32 and i64, and
// compared with the interpreter on the MLIR before lowering and on the LLVM dialect after it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { runTool } from '../../../../compiler/toolchain/tools.ts';
import { runMlir } from '../../../../verifier/semantics/mlir/interp.ts';
import { flatten } from '../../../../verifier/semantics/mlir/values.ts';

const WIDTHS = [1, 8, 17, 32, 64];
/** Each op's results, as `name#k` (k: which result). */
const RESULTS = [['addui_extended', 0], ['addui_extended', 1], ['mului_extended', 0], ['mului_extended', 1], ['mulsi_extended', 0], ['mulsi_extended', 1]] as const;

/** One function per width and result: i64 arguments truncated to iN, the result zero-extended
 *  to i64 (a scalar result each: the C ABI of a returned struct is not LLVM's). */
function fnText(w: number): string {
  return RESULTS.map(([op, k], i) => {
    const narrow = (x: string) => (w === 64 ? '' : `  %${x}n = arith.trunci %${x} : i64 to i${w}\n`);
    const n = (x: string) => (w === 64 ? `%${x}` : `%${x}n`);
    const types = op === 'addui_extended' ? `i${w}, i1` : `i${w}`;
    const rw = op === 'addui_extended' && k === 1 ? 1 : w;
    const widen = rw === 64 ? '' : `  %e = arith.extui %r#${k} : i${rw} to i64\n`;
    return `func.func @f${w}_${i}(%a: i64, %b: i64) -> i64 {
${narrow('a')}${narrow('b')}  %r:2 = arith.${op} ${n('a')}, ${n('b')} : ${types}
${widen}  return ${rw === 64 ? `%r#${k}` : '%e'} : i64
}`;
  }).join('\n');
}

/** Edge values of width w, as unsigned words (passed as i64 and truncated). */
function edges(w: number): bigint[] {
  const max = (1n << BigInt(w)) - 1n;
  const smin = 1n << BigInt(w - 1);
  const smax = smin - 1n;
  return [...new Set([0n, 1n, 2n & max, max, smax, smin, (smin + 1n) & max, (0x5a5a5a5a5a5a5a5an & max), 3n & max])];
}

/** The exact meaning, from the MLIR 19 arith docs, on unsigned words. */
function reference(w: number, i: number, a: bigint, b: bigint): bigint {
  const W = BigInt(w);
  const mask = (1n << W) - 1n;
  const s = (x: bigint) => BigInt.asIntN(w, x);
  switch (i) {
    case 0: return (a + b) & mask;
    case 1: return (a + b) >> W;
    case 2: return (a * b) & mask;
    case 3: return (a * b) >> W;
    case 4: return (s(a) * s(b)) & mask;
    default: return ((s(a) * s(b)) >> W) & mask;
  }
}

const text = WIDTHS.map(fnText).join('\n');
const cases = WIDTHS.flatMap((w) => edges(w).flatMap((a) => edges(w).map((b) => ({ w, a, b }))));

test('the interpreter gives the documented results (exact arithmetic on the extended operands)', () => {
  const m = parseMlir(text, 'f.mlir');
  for (const { w, a, b } of cases) {
    for (let i = 0; i < RESULTS.length; i++) {
      const r = runMlir(m, `f${w}_${i}`, [a, b].map((v) => ({ kind: 'int' as const, w: 64, v, poison: false }))).values;
      const x = flatten(r[0]!)[0]!;
      assert.is(x.kind === 'int' ? x.v : -1n, reference(w, i, a, b), `i${w} ${RESULTS[i]!.join('#')}(${a}, ${b})`);
    }
  }
});

for (const opt of ['-O0', '-O2']) {
  test(`native code (clang ${opt}) agrees with the interpreter before and after convert-arith-to-llvm`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'int-pairs-native-'));
    try {
      const lowered = await runTool('lower', 'mlir-opt', ['--convert-arith-to-llvm', '--convert-func-to-llvm', '--reconcile-unrealized-casts'], { input: text });
      assert.match(lowered, /llvm\.intr\.uadd\.with\.overflow/);
      const ll = join(dir, 'f.ll');
      writeFileSync(ll, await runTool('translate', 'mlir-translate', ['--mlir-to-llvmir'], { input: lowered }));
      const names = WIDTHS.flatMap((w) => RESULTS.map((_, i) => `f${w}_${i}`));
      const calls = cases.map(({ w, a, b }) => RESULTS.map((_, i) => `  r(f${w}_${i}(0x${a.toString(16)}ULL, 0x${b.toString(16)}ULL));`).join('\n')).join('\n');
      writeFileSync(join(dir, 'main.c'), `#include <stdint.h>
#include <stdio.h>
${names.map((n) => `uint64_t ${n}(uint64_t, uint64_t);`).join('\n')}
static void r(uint64_t x) { printf("%llu\\n", (unsigned long long)x); }
int main(void) {
${calls}
  return 0;
}
`);
      const exe = join(dir, 'main');
      await runTool('link', 'clang', ['-Wno-override-module', opt, join(dir, 'main.c'), ll, '-o', exe]);
      const native = (await execa(exe)).stdout.trim().split('\n').map(BigInt);
      assert.is(native.length, cases.length * RESULTS.length);
      const before = parseMlir(text, 'f.mlir');
      const after = parseMlir(lowered, 'f.llvm.mlir');
      let k = 0;
      for (const { w, a, b } of cases) {
        for (let i = 0; i < RESULTS.length; i++) {
          const args = [a, b].map((v) => ({ kind: 'int' as const, w: 64, v, poison: false }));
          const run = (m: typeof before) => {
            const x = flatten(runMlir(m, `f${w}_${i}`, args).values[0]!)[0]!;
            return x.kind === 'int' ? x.v : -1n;
          };
          const at = `i${w} ${RESULTS[i]!.join('#')}(${a}, ${b})`;
          const mine = run(before);
          assert.is(run(after), mine, `${at}: the LLVM dialect form`);
          assert.is(native[k++], mine, `${at}: native`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
