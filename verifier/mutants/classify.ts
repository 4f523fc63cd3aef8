// What a verdict on a mutant means, given what its operator expects.
import { verdictKind } from './validator.ts';
import type { Expectation } from './types.ts';

export type Outcome =
  | 'killed' // refuted (with a replayed counterexample), as expected
  | 'equivalent' // proved for every execution, and documented as equivalent
  | 'equivalent-bounded' // documented as equivalent, but only bounded(k): not fully accounted for
  | 'survived' // proved or bounded with no documented reason: LOUD
  | 'refuted-equivalent' // an expected-equivalent mutant was refuted: LOUD
  | 'unknown'
  | 'unsupported'
  | 'invalid' // mlir-opt rejected the mutant: LOUD (a catalogue bug)
  | 'missing' // the validator said nothing about the mutated function: LOUD
  | 'error' // the validator threw: LOUD
  | 'not-validated'; // no validator (yet), or --no-validate

export const LOUD: ReadonlySet<Outcome> = new Set(['survived', 'refuted-equivalent', 'invalid', 'missing', 'error']);

/** `reason`: why the mutant is equivalent (its operator's, or its equivalents.ts entry's). An
 *  equivalent mutant is `proved` and has a reason; with only `bounded(k)` the reason stands
 *  unconfirmed beyond k iterations and the mutant is `equivalent-bounded`. */
export function classify(expect: Expectation, verdict: string, reason: string | null): { outcome: Outcome; reason: string | null } {
  const k = verdictKind(verdict);
  switch (k) {
    case 'refuted':
      return expect === 'killed' ? { outcome: 'killed', reason: null } : { outcome: 'refuted-equivalent', reason };
    case 'proved':
      return reason !== null ? { outcome: 'equivalent', reason } : { outcome: 'survived', reason: null };
    case 'bounded':
      return reason !== null ? { outcome: 'equivalent-bounded', reason } : { outcome: 'survived', reason: null };
    case 'unknown':
      return { outcome: 'unknown', reason: null };
    case 'unsupported':
      return { outcome: 'unsupported', reason: null };
    default: {
      const never: never = k;
      return never;
    }
  }
}
