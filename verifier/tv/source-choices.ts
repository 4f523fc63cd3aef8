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
//
// llvm.freeze of poison on the source (semantics/mlir/ops-freeze.ts) is a choice among 2^w
// values: its fresh unknowns (`sfreeze.`) go under a real "for all" (an SMT quantifier) on
// the same condition, and the query then asserts FREEZE_FORALL, so that its models say so:
// the replay (replay.ts) shows a difference through a source that froze poison only for such
// a model — otherwise the model's source value was one choice among many (unknown, never
// refuted). With no source freeze in the assertions (folded away) the marker holds too.
import type { TermFactory } from '../smt/factory.ts';
import { rewriteTerms } from '../smt/rewrite.ts';
import { BOOL, type Term } from '../smt/term.ts';
import { SOURCE_FREEZE } from '../semantics/mlir/symexec.ts';
import { freeVars } from './query.ts';

export const SOURCE_CHOICE = 'schoice.';
const INPUT = /^(arg\.|argblk\.|mem\.U0$|mem\.UP0$|choice\.|schoice\.|freeze\.|sfreeze\.)/;
const MAX_CHOICES = 4;
/** A model's mark: every source freeze of the query was under a "for all". */
export const FREEZE_FORALL = 'sfreeze.forall';

/** The assertions with every source choice under a "for all", or the same assertions when
 *  there is none or they cannot be expanded soundly (see above). `freezes`: the source
 *  function has an llvm.freeze (only then is the marker asked for, so that other queries keep
 *  their text). */
export function forallSourceChoices(F: TermFactory, assertions0: Term[], freezes = false): Term[] {
  const assertions = expandChoices(F, assertions0);
  if (!freezes) return assertions;
  const vars = freeVars(assertions) as Extract<Term, { kind: 'var' }>[];
  if (vars.some((v) => !INPUT.test(v.name) || v.name.startsWith(SOURCE_CHOICE))) return assertions;
  const sfz = vars.filter((v) => v.name.startsWith(SOURCE_FREEZE));
  const all = sfz.length ? [F.quant('forall', sfz, F.and(...assertions))] : assertions;
  return [...all, F.var(FREEZE_FORALL, BOOL)];
}

function expandChoices(F: TermFactory, assertions: Term[]): Term[] {
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
