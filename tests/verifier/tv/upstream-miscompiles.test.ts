// Miscompiles of upstream mlir-opt 19 that the validator found (soundness reviews, sessions
// 11 and 16; `audit --pass sccp corpus/rle_region.clef` and a random-function run of arith-expand):
// the real mlir-opt transforms the hand-written source in tests/verifier/tv/upstream/, the
// validator refutes the pair with a replayed counterexample, and for arith-expand the native
// target (mlir-translate + clang) returns on the counterexample's input what the replay showed.
// Should LLVM 19's mlir-opt stop producing these outputs, the test says so by name.
// - sccp folds `memref.dim` of a `memref.reinterpret_cast` whose size is the result of a loop
//   to the constant 0 (rle_region's encoder, compiled with `--passes +sccp`, prints
//   "encoded 16 bytes into 0" and "round trip FAILED").
// - arith-expand expands `ceildivsi y, 7` for y < 0 as `0 - ((0 - y) / 7)`: for y = INT_MIN,
//   `0 - y` wraps and the result is +306783378 instead of -306783378 (only MIN / -1 is UB).
// - arith-expand writes the "-1" of its floordivsi / ceildivsi expansions wider than 64 bits as
//   the constant 2^64 - 1: floordivsi(-7, 2) : i128 is 2^64 - 4 natively, not -4 (review 20,
//   session 16, a fuzzer of the model against clang-19).
// - arith-expand expands minimumf to cmpf ult + select + a NaN check, with no case for signed
//   zeros: minimumf(-0.0, +0.0) is +0.0 natively; MLIR's arith docs say -0.0 (review 20).
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
import type { FunctionVerdict } from '../../../verifier/tv/verdict.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'upstream');

async function throughPass(file: string, pass: string): Promise<{ src: string; tgt: string; v: FunctionVerdict }> {
  const src = readFileSync(join(DIR, file), 'utf8');
  const tgt = await runTool('upstream pass', 'mlir-opt', [`--${pass}`], { input: src });
  const vs = await validatePair(parseMlir(src, file), parseMlir(tgt, `${file}.${pass}`), { unroll: 4, timeoutMs: 20_000 });
  assert.is(vs.length, 1);
  return { src, tgt, v: vs[0]! };
}

test('sccp: memref.dim of a reinterpret_cast sized by a loop folded to 0 is refuted', async () => {
  const { tgt, v } = await throughPass('sccp-dim-of-reinterpret-cast.mlir', 'sccp');
  assert.ok(!/memref\.dim/.test(tgt) && /return %c0 : index/.test(tgt), `mlir-opt 19 --sccp no longer folds the dim to 0:\n${tgt}`);
  assert.is(v.verdict, 'refuted', v.detail);
  const cex = v.counterexample!;
  assert.ok(cex, 'a refutation has a counterexample');
  // any k > 0 shows it: the source returns k (the loop counts to it), the target 0
  const k = cex.inputs.find((i) => i.name === 'arg1');
  assert.ok(k, JSON.stringify(cex.inputs));
  const kv = BigInt(/^-?\d+/.exec(k.value)![0]);
  assert.ok(kv > 0n, k.value);
  assert.match(cex.src, new RegExp(`\\b${kv}\\b`));
  assert.match(cex.tgt, /\b0\b/);
});

test('arith-expand: ceildivsi of INT_MIN is refuted, and the native target returns what the replay showed', async () => {
  const { tgt, v } = await throughPass('arith-expand-ceildivsi.mlir', 'arith-expand');
  assert.is(v.verdict, 'refuted', v.detail);
  const cex = v.counterexample!;
  assert.ok(cex);
  assert.is(cex.inputs.length, 1);
  assert.match(cex.inputs[0]!.value, /^-2147483648\b/, 'the only input where the expansion is wrong');
  assert.match(cex.src, /-306783378\b/);
  assert.match(cex.tgt, /(^|[^-\d])306783378\b/);
  // the target, natively: a witness that shares no code with the workbench
  const dir = mkdtempSync(join(tmpdir(), 'upstream-ceildiv-'));
  try {
    const llvmDialect = await runTool('lower', 'mlir-opt', ['--convert-arith-to-llvm', '--convert-func-to-llvm', '--reconcile-unrealized-casts'], { input: tgt });
    const ll = join(dir, 'c.ll');
    writeFileSync(ll, await runTool('translate', 'mlir-translate', ['--mlir-to-llvmir'], { input: llvmDialect }));
    const main = join(dir, 'main.c');
    writeFileSync(main, '#include <stdio.h>\n#include <limits.h>\nint c(int);\nint main(void) { printf("%d %d\\n", c(INT_MIN), c(-14)); return 0; }\n');
    const exe = join(dir, 'c');
    await runTool('link', 'clang', ['-O2', '-Wno-override-module', ll, main, '-o', exe]);
    const out = await execa(exe, [], { reject: false });
    assert.is(out.stdout.trim(), '306783378 -2', 'native: wrong for INT_MIN, right for -14');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The target lowered to LLVM IR and built with clang -O2 beside a C caller; its stdout. */
async function nativeRun(tgt: string, caller: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'upstream-native-'));
  try {
    const llvmDialect = await runTool('lower', 'mlir-opt', ['--convert-arith-to-llvm', '--convert-func-to-llvm', '--reconcile-unrealized-casts'], { input: tgt });
    const ll = join(dir, 't.ll');
    writeFileSync(ll, await runTool('translate', 'mlir-translate', ['--mlir-to-llvmir'], { input: llvmDialect }));
    const main = join(dir, 'main.c');
    writeFileSync(main, caller);
    const exe = join(dir, 't');
    await runTool('link', 'clang', ['-O2', '-Wno-override-module', ll, main, '-o', exe]);
    return (await execa(exe, [], { reject: false })).stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('arith-expand: floordivsi at i128 adds 2^64 - 1 for -1; refuted, and the native target shows it', async () => {
  const { tgt, v } = await throughPass('arith-expand-floordivsi-i128.mlir', 'arith-expand');
  assert.match(tgt, /18446744073709551615 : i128/, `mlir-opt 19 --arith-expand no longer writes 2^64 - 1 for -1:\n${tgt}`);
  assert.is(v.verdict, 'refuted', v.detail);
  assert.ok(v.counterexample, 'a refutation has a counterexample');
  const out = await nativeRun(tgt, '#include <stdio.h>\n__int128 w(__int128, __int128);\nint main(void) { __int128 r = w(-7, 2); printf("%016llx %016llx\\n", (unsigned long long)(r >> 64), (unsigned long long)r); return 0; }\n');
  assert.is(out, '0000000000000000 fffffffffffffffc', 'native: 2^64 - 4 where floor(-7 / 2) = -4');
});

test('arith-expand: minimumf(-0.0, +0.0) is +0.0 in the expansion; refuted, and the native target shows it', async () => {
  const { tgt, v } = await throughPass('arith-expand-minimumf.mlir', 'arith-expand');
  assert.is(v.verdict, 'refuted', v.detail);
  const cex = v.counterexample!;
  assert.ok(cex, 'a refutation has a counterexample');
  const out = await nativeRun(tgt, '#include <stdio.h>\n#include <math.h>\nfloat m(float, float);\nint main(void) { printf("%d %d\\n", signbit(m(-0.0f, 0.0f)) != 0, signbit(m(0.0f, -0.0f)) != 0); return 0; }\n');
  // the replay's witness: (-0.0, +0.0), the source -0.0, the target +0.0
  assert.equal(cex.inputs.map((i) => i.value), ['0x80000000 : f32', '0x0 : f32']);
  assert.match(cex.src, /0x80000000/);
  assert.match(cex.tgt, /\(0x0 : f32\)/);
  assert.is(out.split(' ')[0], '0', `native: minimumf(-0.0, +0.0) of the expansion is +0.0, as the replay showed (${out})`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
