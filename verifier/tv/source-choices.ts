// The source's unspecified choices in the refinement query (soundness reviewer). An op that
// may return either of two results (maxnum/minnum of +0.0 and -0.0, semantics/mlir/ops-float.ts
// `minMax`) gets a fresh boolean on each side (symexec.ts: `choice.*` on the target,
// `schoice.*` on the source). Refinement asks, for every input and every target choice, for
// SOME source choice that matches (Alive2's treatment of source nondeterminism); the query
// asserts a counterexample, so a source choice belongs under a "for all": a counterexample
// must fail for every source choice. With k boolean choices that is the conjunction of the
// 2^k substitutions. Left free (not expanded), a source choice is read as "for some", which
// only adds counterexamples (sound for a proof; such a model does not replay).
// Expanded only where every other free variable is an input of both sides (arguments, their
// blocks, the initial memory, the target's choices; not mem.fresh, the bytes nobody wrote,
// which stand for the source's undef): a variable the query uses as a witness
// (which address differs, which call) or a source call's result would be fixed across the
// copies, which asks for more than the refinement does and could hide a counterexample.
import type { TermFactory } from '../smt/factory.ts';
import { rewriteTerms } from '../smt/rewrite.ts';
import type { Term } from '../smt/term.ts';
import { freeVars } from './query.ts';

export const SOURCE_CHOICE = 'schoice.';
const INPUT = /^(arg\.|argblk\.|mem\.U0$|choice\.|schoice\.)/;
const MAX_CHOICES = 4;

/** The assertions with every source choice under a "for all", or the same assertions when
 *  there is none or they cannot be expanded soundly (see above). */
export function forallSourceChoices(F: TermFactory, assertions: Term[]): Term[] {
  const vars = freeVars(assertions) as Extract<Term, { kind: 'var' }>[];
  const sch = vars.filter((v) => v.name.startsWith(SOURCE_CHOICE));
  if (sch.length === 0 || sch.length > MAX_CHOICES) return assertions;
  if (vars.some((v) => !INPUT.test(v.name))) return assertions;
  const all = F.and(...assertions);
  const out: Term[] = [];
  for (let m = 0; m < 1 << sch.length; m++) {
    const val = new Map(sch.map((v, i) => [v.name, F.bool(((m >> i) & 1) === 1)]));
    out.push(rewriteTerms(F, [all], { onVar: (x) => val.get(x.name) })[0]!);
  }
  return out;
}
