// The run-with-bodies watch (verifier/tv/lasso-bodies.ts) alone, on a run of the MLIR
// interpreter: whether the run returns or the watch sees a state repeat at a loop head.
import { parseMlir } from '../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../verifier/semantics/mlir/module-info.ts';
import { programMemory, runMlir, type CVal } from '../../verifier/semantics/mlir/interp.ts';
import { Diverges } from '../../verifier/tv/lasso-replay.ts';
import { bodiesWatch } from '../../verifier/tv/lasso-bodies.ts';

export const i64 = (v: bigint): CVal => ({ kind: 'int', w: 64, v: BigInt.asUintN(64, v), poison: false });

export function watched(text: string, fn: string, args: CVal[]): { kind: 'returns'; values: CVal[] } | { kind: 'diverges'; at: string } {
  const m = parseMlir(text, 'watch.mlir');
  const info = moduleInfo(m);
  const memory = programMemory(info);
  try {
    return { kind: 'returns', values: runMlir(m, fn, args, memory, { maxSteps: 200_000, watch: () => bodiesWatch([info], memory, () => 0) ?? {} }).values };
  } catch (e) {
    if (e instanceof Diverges) return { kind: 'diverges', at: e.header };
    throw e;
  }
}
