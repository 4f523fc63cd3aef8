// Core's side of the cut points of core-to-mlir (README.md "Unbounded proofs of loops"): a
// `While` runs ONE iteration from a havoc state at its head — every variable and block the
// loop may change gets an unknown value (exec-loop.ts `havoc`, the safety prover's) — as the
// MLIR side runs its `scf.while` once from its own havoc state (symexec.ts cut mode). The
// head states met are recorded: the arrival (the state on entering the loop), the havoc
// state, and the back edge (the state after the body, where the next iteration's head
// would be). The loop's exit is the havoc state's when its condition fails. Invariants are
// checked at the top of the iteration as the interpreter does (obligations: their passing is
// assumed, as every obligation's is); measures are not evaluated (assuming less is sound).
import type { CExpr } from '../../../compiler/core/core.ts';
import type { Span } from '../../../compiler/syntax/ast.ts';
import { assign, fork, loopKey, type Ctx, type State } from '../../semantics/symbolic/context.ts';
import { boolOf, evalE } from '../../semantics/symbolic/exec.ts';
import { checkInvariants, havoc } from '../../semantics/symbolic/exec-loop.ts';
import { assignedOutside, loopParts } from '../../semantics/symbolic/loop-effects.ts';
import { unsupported } from '../../semantics/symbolic/unsupported.ts';

type While = CExpr & { kind: 'While' };

/** A Core loop-head state: `calls` is the number of Core calls recorded before it. */
export type CoreHead = { loop: number; kind: 'arrive' | 'havoc' | 'back'; st: State; calls: number; vars: string[] };

export type CoreCuts = { heads: CoreHead[] };

/** The loop hook for symExecFunction (SymOptions.onLoop): `index` numbers the loops as the
 *  MLIR side does (the witness: by the loop's source span). */
export function coreCutLoops(index: (span: Span) => number | undefined, out: CoreCuts): (cx: Ctx, st: State, e: While) => void {
  return (cx, st, e) => {
    const { F } = cx;
    const j = index(e.span);
    if (j === undefined) return unsupported(`cut points: a Core loop at line ${e.span.line} without a witness`);
    const vars = assignedOutside(loopParts(e)).filter((n) => st.env.has(n));
    cx.loops.push({ key: loopKey(e.span), havoc: true });
    try {
      out.heads.push({ loop: j, kind: 'arrive', st: fork(st, st.pc), calls: cx.calls.length, vars });
      const it = fork(st, st.pc);
      havoc(cx, it, e);
      out.heads.push({ loop: j, kind: 'havoc', st: fork(it, it.pc), calls: cx.calls.length, vars });
      const c = boolOf(evalE(cx, it, e.cond));
      const body = fork(it, F.and(it.pc, c));
      // the interpreter checks the invariants at the top of every iteration: obligations,
      // so their passing is a fact here as in the unrolled run (what a havoc state needs to
      // know about loop counters, e.g. i >= 1)
      checkInvariants(cx, body, e, 'preserved');
      evalE(cx, body, e.body);
      out.heads.push({ loop: j, kind: 'back', st: fork(body, body.pc), calls: cx.calls.length, vars });
      assign(st, fork(it, F.and(it.pc, F.not(c))));
    } finally {
      cx.loops.pop();
    }
  };
}
