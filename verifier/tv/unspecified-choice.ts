// Replaying a model through an unspecified choice (soundness reviewer). Some ops may return
// either of two results — maxnum/minnum of +0.0 and -0.0 (LLVM 19 LangRef "'llvm.maxnum.*'
// Intrinsic": "returns either one of the operands"; semantics/mlir/ops-float.ts `minMax`).
// Concretely every choice takes its default unless the replay asks for the other one
// (interp.ts `onChoice`), so a replay sees one behaviour of each side:
// - a target's run, with either choice, is a real behaviour of the target;
// - a source's run is only one of its behaviours: a difference refutes only if the source's
//   other choice shows it too, which covers all of them when the source made one choice; a
//   source that made several is not confirmed (unknown, never refuted);
// - the model's target choices may be the other ones: the target runs again with those.

type Replayed<C> = { kind: 'refuted'; cex: C } | { kind: 'no'; why: string };
type Chose = { choice?: string; choices?: number };

/** The unknown reason's prefix (validate.ts shows it as `unknown`, never as an engine bug). */
export const UNSPECIFIED = 'unspecified choice: ';

/** `run(srcOther, tgtOther)`: the replay with the source's (target's) choices at their
 *  default (false) or at the other one (true). */
export function choiceConfirmed<C>(src: Chose, tgt: Chose, run: (srcOther: boolean, tgtOther: boolean) => Replayed<C>): Replayed<C> {
  const confirmed = (tgtOther: boolean): Replayed<C> => {
    const r = run(false, tgtOther);
    if (r.kind === 'no' || !src.choice) return r;
    if ((src.choices ?? 1) > 1) return { kind: 'no', why: `${UNSPECIFIED}the source made ${src.choices} choices (${src.choice}, ...) that may go either way; a difference in one combination proves nothing` };
    const r2 = run(true, tgtOther);
    if (r2.kind === 'refuted') return { kind: 'refuted', cex: r.cex };
    return { kind: 'no', why: `${UNSPECIFIED}the source's ${src.choice} may return either, and its other choice matches the target` };
  };
  const first = confirmed(false);
  if (first.kind === 'refuted' || !tgt.choice) return first;
  const second = confirmed(true);
  if (second.kind === 'refuted') return second;
  return first.why.startsWith(UNSPECIFIED) ? first : { kind: 'no', why: `${UNSPECIFIED}the target's ${tgt.choice} may return either; neither of its choices shows a difference on the model (${first.why})` };
}
