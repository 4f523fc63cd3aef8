// Probe: a correct inlining refuted. A call of a function with a body is an
// unknown function in the refinement (modular), so a target that inlined it is refuted first;
// the replay then runs both sides with the bodies (replay.ts `whole`) and drops the
// refutation when both behave the same. That run compared the runtime calls' argument words
// and the memory after the return by raw block id — but the ids of blocks the run allocates
// follow each side's escape analysis of the function under check, and inlining moves an
// allocation from the callee (a private 0x2... block) into it (an escaping 0x1... block): the
// formatter buffer of `fidelity audit --pass inline corpus/gcd_lcm.clef` kept `@clef.main`
// and `@clef_entry` refuted. In that run the runtime calls are code whose effects show in the
// output and in memory, so now the output is compared instead of their arguments, and of the
// memory only what existed before the call.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const fmt = (k: number) => `  %c32 = llvm.mlir.constant(32 : i64) : i64
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %k = llvm.mlir.constant(${k} : i64) : i64
  %w = llvm.add %v, %k : i64
  %p = llvm.call @malloc(%c32) : (i64) -> !llvm.ptr
  %n = func.call @clef_fmt_i64(%w, %p, %p, %c0, %c32, %c1) : (i64, !llvm.ptr, !llvm.ptr, i64, i64, i64) -> i64
  func.call @clef_write(%p, %p, %c0, %n, %c1) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
`;
const module = (inlined: boolean, k = 0) => `module {
  llvm.func @malloc(i64) -> !llvm.ptr
  func.func private @clef_fmt_i64(i64, !llvm.ptr, !llvm.ptr, i64, i64, i64) -> i64
  func.func private @clef_write(!llvm.ptr, !llvm.ptr, i64, i64, i64)
  func.func @show(%v: i64) -> i64 {
${fmt(0)}    return %n : i64
  }
  func.func @f(%v: i64) -> i64 {
${inlined ? `${fmt(k)}    return %n : i64` : '    %n = func.call @show(%v) : (i64) -> i64\n    return %n : i64'}
  }
}`;

const verdictOfF = async (src: string, tgt: string) => {
  const rows = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  const f = rows.find((r) => r.name === 'f')!;
  return `${f.verdict}: ${f.detail}`;
};

test('a callee that formats into a buffer of its own, inlined: not refuted (was refuted)', async () => {
  const v = await verdictOfF(module(false), module(true));
  assert.not.match(v, /^refuted/, v);
  assert.match(v, /^unknown: .*interprocedural: /, v);
});

test('the same inlined with another value printed: still refuted', async () => {
  const v = await verdictOfF(module(false), module(true, 1));
  assert.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
