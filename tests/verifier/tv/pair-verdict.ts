// The verdict of a one-function pair of hand-written MLIR texts as one line
// (`verdict: detail`), for tests that check the engine's answer on small pairs.
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair, type ValidateOptions } from '../../../verifier/tv/validate.ts';
import type { FunctionVerdict } from '../../../verifier/tv/verdict.ts';

/** The one function's record (unroll 2, 20 s per query unless `opts` says otherwise). */
export async function pairResult(src: string, tgt: string, opts: Partial<ValidateOptions> = {}): Promise<FunctionVerdict> {
  const got = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000, ...opts });
  assert.is(got.length, 1);
  return got[0]!;
}

/** The one function's verdict as `verdict: detail`; `opts`: an unroll depth or options as for pairResult. */
export async function pairVerdict(src: string, tgt: string, opts: number | Partial<ValidateOptions> = 2): Promise<string> {
  const v = await pairResult(src, tgt, typeof opts === 'number' ? { unroll: opts } : opts);
  return `${v.verdict}: ${v.detail}`;
}

/** `llvm.func @f() -> i32` returning the constant k (the other side of a pair whose function
 *  computes an i32 from nothing but its own allocations). */
export const llvmReturn = (k: number): string => `llvm.func @f() -> i32 {
  %r = llvm.mlir.constant(${k} : i32) : i32
  llvm.return %r : i32
}`;
