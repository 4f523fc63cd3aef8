// A disjunction with a member and its negation is true, a conjunction with both is false. The
// Core -> MLIR mismatch holds such members where the target's path condition merges the two
// arms of a branch that both return, `(or c (not c))`, against Core's `true`: the part
// `(not (= true (or c (not c))))` (sensor_selftest `channel`, shapes_records `classify`,
// date_arith `weekday`: part 1 of their mismatch) is unsat before any solver sees it, yet split.ts
// asked z3 for it in a context of its own (7-30 ms each at CLI settings); date_arith
// `daysInMonth` carried one inside its only query.
// Exact: each rewrite is an identity of Boolean terms, so the query has the same models
// (a variable left out of it is unconstrained: any value, as the replay's default, is one).
// FIDELITY_NO_COMPLEMENTS=1 leaves the assertions as built, to measure.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';

const isNot = (t: Term): t is Term & { kind: 'app' } => t.kind === 'app' && t.op === 'not';

/** Whether an and/or application has a member and its negation among its arguments. */
function hasComplement(args: Term[]): boolean {
  if (args.length < 2 || !args.some(isNot)) return false;
  const ids = new Set(args.map((a) => a.id));
  return args.some((a) => isNot(a) && ids.has(a.args[0]!.id));
}

/** The assertions with every such disjunction true and conjunction false, and the literals
 *  that makes folded upward (`(= true true)`, `(not true)`, an `or` with a false member);
 *  the same array when there is none (the usual case: one iterative walk, no rewrite). */
export function withoutComplements(F: TermFactory, assertions: Term[]): Term[] {
  if (process.env.FIDELITY_NO_COMPLEMENTS === '1') return assertions;
  let found = false;
  walk(assertions, (t) => {
    if (!found && t.kind === 'app' && (t.op === 'or' || t.op === 'and') && hasComplement(t.args)) found = true;
  });
  if (!found) return assertions;
  try {
    return rewriteTerms(F, assertions, {
      onApp: (x, args) => {
        if (x.op !== 'or' && x.op !== 'and') return undefined; // the factory folds the rest
        if (hasComplement(args)) return x.op === 'or' ? F.true : F.false;
        if (args.some((a) => a.kind === 'bool')) return x.op === 'or' ? F.or(...args) : F.and(...args);
        return undefined;
      },
    });
  } catch (e) {
    // the rewrite recurses: a term too deep for the stack is left as built
    if (e instanceof RangeError) return assertions;
    throw e;
  }
}
