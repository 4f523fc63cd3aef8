// The replay's values for the fields of inactive union cases in scalar arguments. core-to-mlir
// passes a union as its tag and every case's fields (README "The refinement statement"); a
// Core value has only its active case's, so the fields of the others are free in the query
// and a model may need them (review 22: shapes_records `classify` with its Circle test made
// `ne` reads the Circle radius of a Segment). The replay passed 0 there (concreteSlots gives
// null), the target took the model's other path only sometimes, and the model did not replay
// (`engine bug`). Now each such slot takes the model's value of the target's argument term.
// (Unions inside memory blocks still get zeros: records.ts recordReplayBlocks.)
import { evaluate, type Model } from '../../smt/model.ts';
import { substitute } from '../../semantics/symbolic/subst.ts';
import type { CoreQuery } from './query.ts';

/** The model's value of MLIR argument slot `i` (an integer or float's bits), through the
 *  query's substitution; undefined where it has none (a pointer, a term it cannot evaluate). */
export function modelSlot(q: CoreQuery, model: Model): (i: number) => bigint | undefined {
  const F = q.pair.env.f;
  return (i) => {
    const s = q.layout.values[i];
    if (!s || s.kind === 'ptr') return undefined;
    try {
      const v = evaluate(substitute(F, s.v, q.subst), model, { complete: true });
      return typeof v === 'bigint' ? BigInt.asUintN(s.w, v) : undefined;
    } catch {
      return undefined;
    }
  };
}
