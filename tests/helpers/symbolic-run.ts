// One MLIR function run symbolically and read back under concrete inputs: the other half of
// the "one semantics, two interpretations" tests, which compare it with the concrete run.
import type { Module } from '../../compiler/mlir/ir.ts';
import { moduleInfo } from '../../verifier/semantics/mlir/module-info.ts';
import { SymExec } from '../../verifier/semantics/mlir/symexec.ts';
import { flatten, unflatten } from '../../verifier/semantics/mlir/values.ts';
import { argLayout, pairEnv } from '../../verifier/tv/pair.ts';
import { evaluate, type Model } from '../../verifier/smt/model.ts';

export interface SymbolicResult {
  ub: boolean;
  /** Every scalar result, flattened; a non-integer scalar's value reads as -1. */
  rets: { v: bigint; poison: boolean }[];
}

/** Runs @f symbolically and evaluates its UB and every result under the (defined) inputs. */
export function symbolicRun(m: Module, args: bigint[], unroll = 2): SymbolicResult {
  const info = moduleInfo(m);
  const fn = info.funcs.get('f')!;
  const pair = pairEnv(info, info, unroll);
  const lay = argLayout(pair, fn, fn);
  const at = { i: 0 };
  const vals = fn.params.map((p) => unflatten(p, lay.values, at));
  const side = new SymExec(pair.env, info, fn, 'tgt', lay.memory).run(vals);
  const model: Model = new Map();
  args.forEach((v, i) => {
    model.set(`arg.${i}`, v);
    model.set(`arg.${i}.poison`, false);
  });
  const ev = (t: Parameters<typeof evaluate>[0]) => evaluate(t, model, { complete: true });
  return {
    ub: ev(side.ub) as boolean,
    rets: side.rets.flatMap((x) => flatten(x)).map((x) => ({ v: x.kind === 'int' ? (ev(x.v) as bigint) : -1n, poison: ev(x.poison) as boolean })),
  };
}
