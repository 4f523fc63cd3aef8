// Which float arguments are NaNs in a model, as a constraint that asks for another pattern.
// A model whose only difference is two NaN results (replay.ts NAN_ONLY) may hide a real
// difference that needs *some* argument to be a NaN: validate.ts asked again only with no
// float argument a NaN, so a target returning 1.0 where y is a NaN and x == 2.5 (the source:
// x) was `unknown: NaN payload` — the first model had x a NaN with a payload the target's
// x * 1.0 does not keep (review 17, probe-nan-pattern.test.ts). Asking for models with other
// NaN patterns of the arguments (a few, each blocking the one before) finds it.
import type { Term } from '../smt/term.ts';
import type { TermFactory } from '../smt/factory.ts';
import { evaluate, EvalError, type Model } from '../smt/model.ts';
import type { SScalar } from '../semantics/mlir/symexec.ts';

const EXP_BITS: Record<number, number> = { 16: 5, 32: 8, 64: 11 };

/** `x` is not a NaN (|x| <= inf as bits), per float argument slot; null for other slots. */
export function notNaNTerm(F: TermFactory, x: SScalar): Term | null {
  if (x.kind !== 'float') return null;
  const exp = EXP_BITS[x.w];
  if (exp === undefined) return null;
  const inf = ((1n << BigInt(exp)) - 1n) << BigInt(x.w - 1 - exp); // exponent all ones, mantissa 0
  return F.app('bvule', [F.app('bvand', [x.v, F.bv((1n << BigInt(x.w - 1)) - 1n, x.w)]), F.bv(inf, x.w)]);
}

/** A constraint true exactly where some float argument's NaN-ness differs from the model's;
 *  null when there is no float argument or a value cannot be read from the model. */
export function otherNanPattern(F: TermFactory, values: SScalar[], model: Model): Term | null {
  const clauses: Term[] = [];
  for (const x of values) {
    const ok = notNaNTerm(F, x);
    if (!ok) continue;
    let v: unknown;
    try {
      v = evaluate(ok, model, { complete: true });
    } catch (e) {
      if (e instanceof EvalError) return null;
      throw e;
    }
    if (typeof v !== 'boolean') return null;
    clauses.push(v ? F.not(ok) : ok);
  }
  return clauses.length === 0 ? null : clauses.length === 1 ? clauses[0]! : F.or(...clauses);
}
