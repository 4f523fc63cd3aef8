// Calls between the two sides. Core's symbolic execution records every call (callee,
// arguments, path condition, a fresh result) in execution order; the MLIR side records the
// n-th call of a path in its trace (callee id, argument words, the observable memory) and
// takes its results from unknowns indexed by n (symexec.ts `callArrays`). The i-th Core
// call happens at position n_i = (number of earlier Core calls whose path condition holds);
// there the target must make the same call — same callee `@clef.<name>`, the same argument
// scalars (slots.ts), no observable memory change of its own before it — and its results
// ARE the Core call's results (assumed: a Clef callee is one function, validated on its own).
import type { CoreProgram } from '../../../compiler/core/core.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';
import { callArrays, initialWord, initialWordPoison, type SideResult } from '../../semantics/mlir/symexec.ts';
import { coreSlots } from './slots.ts';

export type CallLink = {
  /** Assumptions: the callee returns, its results on both sides are the same unknowns. */
  assume: Term[];
  /** Some Core call is not matched by the target's call at the same position. */
  mismatch: Term;
  /** The number of calls Core makes (on the path that happens). */
  count: Term;
};

const one64 = (F: TermFactory) => F.bv(1, 64);

/** The target's observable memory before its n-th call when the function itself writes
 *  nothing observable: the initial memory, or what the previous call left. */
export function expectedMemory(F: TermFactory, U0: Term, n: Term): Term {
  const A = callArrays(F);
  return F.ite(F.eq(n, F.bv(0, 64)), U0, F.select(A.havoc, F.app('bvsub', [n, one64(F)])));
}

export function linkCalls(F: TermFactory, prog: CoreProgram, core: SymResult, tgt: SideResult, U0: Term, calleeId: (name: string) => number): CallLink {
  const A = callArrays(F);
  const T = tgt.final;
  const assume: Term[] = [];
  const bad: Term[] = [];
  let n: Term = F.bv(0, 64);
  for (const c of core.calls) {
    const callee = prog.functions.find((f) => f.name === c.callee)!;
    // arguments
    const argSlots = c.args.flatMap((a, i) => coreSlots(F, prog.types, callee.params[i]!.ty, a));
    const differs: Term[] = [F.not(F.app('bvult', [n, T.calls])), F.not(F.eq(F.select(T.tr.callee, n), F.bv(calleeId(`clef.${callee.name}`), 32)))];
    argSlots.forEach((s, k) => {
      const word = F.select(T.tr.words[k] ?? initialWord(F), n);
      const poison = F.select(T.tr.wpoison[k] ?? initialWordPoison(F), n);
      const mine = s.w === 64 ? s.t : F.zext(64 - s.w, s.t);
      differs.push(F.and(s.guard, F.or(poison, F.not(F.eq(word, mine)))));
    });
    // the target wrote nothing observable of its own before the call
    differs.push(F.not(F.eq(F.select(T.tr.snapU, n), expectedMemory(F, U0, n))));
    bad.push(F.and(c.pc, F.or(...differs)));
    // results
    const resSlots = coreSlots(F, prog.types, callee.ret, c.result);
    resSlots.forEach((s, j) => {
      const r = F.select(A.res(j), n);
      assume.push(F.implies(c.pc, F.eq(s.t, s.w === 64 ? r : F.extract(s.w - 1, 0, r))));
    });
    assume.push(F.implies(c.pc, F.select(A.ret, n)));
    n = F.ite(c.pc, F.app('bvadd', [n, one64(F)]), n);
  }
  return { assume, mismatch: F.or(...bad), count: n };
}

