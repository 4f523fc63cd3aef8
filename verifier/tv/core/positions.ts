// A call's trace position under its own path condition (core-strings). calls.ts counts the
// calls and runtime events before the i-th Core call as a term: n_i = ite(pc_j, n_j + w_j,
// n_j) over the earlier calls j. Where Core branches (`if d < 10 then Format.char a else
// Format.char b`, one event in each branch) that term stays symbolic although every path
// through the branch makes exactly one call: the target's trace is then read at a symbolic
// position (every word, result and memory of the call an ite the solver must split), and the
// unit propagation (units.ts) cannot fold the call trace. Every use of n_i is under pc_i (the
// call's mismatch, its assumptions, the memory after it, its frame: calls.ts, runtime.ts), so
// n_i may be replaced by any term equal to it wherever pc_i holds: here, n_i with the atoms
// pc_i asserts set to their values, and — when a few undecided atoms remain — the literal it
// folds to under every assignment of them (the if/else pair above: [P and c] + [P and not c]
// is 1 whatever c is). If the assignments disagree, the partly folded term is kept.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';

/** At most this many undecided atoms are split on (2^k foldings of the position term). */
const MAX_SPLIT = 6;

/** The atoms a condition asserts (conjuncts, negations) with their values. */
function assertedAtoms(t: Term, value: boolean, out: Map<number, boolean>): void {
  if (t.kind === 'app' && t.op === 'not') return assertedAtoms(t.args[0]!, !value, out);
  if (value && t.kind === 'app' && t.op === 'and') return t.args.forEach((a) => assertedAtoms(a, true, out));
  if (!value && t.kind === 'app' && t.op === 'or') return t.args.forEach((a) => assertedAtoms(a, false, out));
  if (t.kind !== 'bool') out.set(t.id, value);
}

/** `t` with the atoms of `env` replaced by their values, folded. */
function foldUnder(F: TermFactory, t: Term, env: Map<number, boolean>): Term {
  return rewriteTerms(F, [t], {
    onVar: (x) => (env.has(x.id) ? F.bool(env.get(x.id)!) : undefined),
    onApp: (x, args) => {
      const v = env.get(x.id);
      if (v !== undefined) return F.bool(v);
      switch (x.op) {
        case 'and':
          return F.and(...args);
        case 'or':
          return F.or(...args);
        case 'not':
          return F.not(args[0]!);
        default:
          return undefined;
      }
    },
  })[0]!;
}

/** The boolean atoms the conditions of `t`'s ites are made of (under and/or/not). Conditions
 *  are path conditions (long shared `and` chains), so both the descent and the atom split are
 *  memoised, and an ite's condition is split into atoms rather than walked as a term: an atom
 *  holding an ite of its own is enumerated as one atom (fewer atoms only makes folding to a
 *  literal rarer, never wrong). */
function undecidedAtoms(t: Term): Term[] {
  const out = new Map<number, Term>();
  const split = new Set<number>();
  const atoms = (c: Term): void => {
    if (split.has(c.id)) return;
    split.add(c.id);
    if (c.kind === 'app' && (c.op === 'and' || c.op === 'or' || c.op === 'not')) c.args.forEach(atoms);
    else if (c.kind !== 'bool') out.set(c.id, c);
  };
  const seen = new Set<number>();
  const stack: Term[] = [t];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x.id) || x.kind !== 'app') continue;
    seen.add(x.id);
    if (x.op === 'ite') {
      atoms(x.args[0]!);
      stack.push(x.args[1]!, x.args[2]!);
    } else stack.push(...x.args);
  }
  return [...out.values()];
}

/** Whether the boolean `t` is true under every assignment of the (at most MAX_SPLIT) atoms its
 *  and/or/not structure is made of — valid as a propositional formula over them. */
export function alwaysTrue(F: TermFactory, t: Term): boolean {
  if (t.kind === 'bool') return t.value;
  const atoms = undecidedAtoms(F.ite(t, F.bv(1, 1), F.bv(0, 1)));
  if (atoms.length > MAX_SPLIT) return false;
  for (let bits = 0; bits < 1 << atoms.length; bits++) {
    const v = foldUnder(F, t, new Map(atoms.map((a, k) => [a.id, ((bits >> k) & 1) === 1])));
    if (!(v.kind === 'bool' && v.value)) return false;
  }
  return true;
}

/** A term equal to the position `n` wherever `pc` holds (see the top of the file). */
export function positionUnder(F: TermFactory, pc: Term, n: Term): Term {
  if (n.kind !== 'app') return n;
  const known = new Map<number, boolean>();
  assertedAtoms(pc, true, known);
  const r = foldUnder(F, n, known);
  if (r.kind !== 'app') return r;
  const open = undecidedAtoms(r);
  if (open.length === 0 || open.length > MAX_SPLIT) return r;
  let same: Term | null = null;
  for (let bits = 0; bits < 1 << open.length; bits++) {
    const env = new Map<number, boolean>(open.map((a, k) => [a.id, ((bits >> k) & 1) === 1]));
    const v = foldUnder(F, r, env);
    if (v.kind !== 'bv' || (same && same.id !== v.id)) return r;
    same = v;
  }
  return same ?? r;
}
