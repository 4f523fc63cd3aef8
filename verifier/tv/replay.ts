// placeholder, replaced below
import type { Model } from '../smt/model.ts';
import type { FuncInfo, ModuleInfo } from '../semantics/mlir/module-info.ts';
import type { ArgLayout, PairEnv } from './pair.ts';
import type { Counterexample, ValidateOptions } from './verdict.ts';
export function replayCounterexample(_si: ModuleInfo, _ti: ModuleInfo, _s: FuncInfo, _t: FuncInfo, _p: PairEnv, _l: ArgLayout, _m: Model, _o: ValidateOptions): { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string } {
  return { kind: 'no', why: 'replay not written yet' };
}
