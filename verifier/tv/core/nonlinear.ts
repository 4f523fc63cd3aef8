// A cheap first try for queries with nonlinear bit-vector arithmetic: every multiplication of
// two non-literal operands, and every division and remainder by a non-literal, replaced by an
// unknown; equal operations on equal operands by equal unknowns (Ackermann's reduction, as
// float-abstraction.ts does for floats). Core and core-to-mlir compute `a / b`, `a % b`,
// `x * y` with the same operation on operands that are equal in every execution, so what is
// left to prove is that the operands are equal; the solver otherwise bit-blasts a 64-bit
// divider (or a 128-bit multiplier of an overflow check) per operation and has to find that
// two such circuits agree: gcd_lcm `egcd` at unroll 8 was out of 30 M native z3 units, and
// with the abstraction it is unsat at 1.8 M (26 Nov).
//
// Soundness: a model of the original query is a model of the abstraction (give each unknown
// the value of the operation it stands for; the congruence constraints then hold, and a
// product's unknown also satisfies the swapped constraint, multiplication commuting), so an
// UNSAT abstraction means an UNSAT original. A SAT abstraction says nothing (its model may
// need `a * b` to be any value): the caller then asks the original (split.ts).
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';

/** The operations abstracted (when their second operand, or for bvmul either, is not a literal). */
const NONLINEAR = new Set(['bvmul', 'bvudiv', 'bvsdiv', 'bvurem', 'bvsrem', 'bvsmod']);
/** At most this many abstracted operations of one kind and width (their pairs are constraints). */
const MAX_GROUP = 48;

export type NonlinearAbstraction = { assertions: Term[]; abstracted: number };

const isLit = (t: Term) => t.kind === 'bv';

function abstracts(t: Term): boolean {
  if (t.kind !== 'app' || !NONLINEAR.has(t.op) || t.args.length !== 2) return false;
  return t.op === 'bvmul' ? !isLit(t.args[0]!) && !isLit(t.args[1]!) : !isLit(t.args[1]!);
}

/** The abstraction of `roots` (assertions) with the congruence constraints appended;
 *  `abstracted` = 0: nothing to abstract (or a quantifier, too many operations of a kind, or
 *  no two of a kind: the roots themselves). */
export function abstractNonlinear(F: TermFactory, roots: Term[]): NonlinearAbstraction {
  let found = 0;
  let quantified = false;
  walk(roots, (t) => {
    if (t.kind === 'quant') quantified = true;
    else if (abstracts(t)) found++;
  });
  if (found === 0 || quantified) return { assertions: roots, abstracted: 0 };
  const memo = new Map<number, Term>();
  const groups = new Map<string, { v: Term; a: Term; b: Term }[]>();
  walk(roots, (t) => {
    if (t.kind !== 'app' && t.kind !== 'constArray') return void memo.set(t.id, t);
    if (t.kind === 'constArray') {
      const v = memo.get(t.value.id)!;
      const index = t.sort.kind === 'array' ? t.sort.index : t.sort;
      return void memo.set(t.id, v === t.value ? t : F.constArray(index, v));
    }
    const args = t.args.map((a) => memo.get(a.id)!);
    if (abstracts(t)) {
      const v = F.var(`nl.${t.op}.${t.id}`, t.sort); // one unknown per distinct operation
      const key = `${t.op}|${t.sort.kind === 'bv' ? t.sort.width : 0}`;
      const g = groups.get(key) ?? [];
      g.push({ v, a: args[0]!, b: args[1]! });
      groups.set(key, g);
      return void memo.set(t.id, v);
    }
    memo.set(t.id, args.every((a, i) => a === t.args[i]) ? t : F.app(t.op as Parameters<TermFactory['app']>[0], args, t.indices));
  });
  // too many pairs; or no two operations of a kind to be found equal (Core's and the
  // target's): nothing the abstraction is for, a query more for nothing
  const sizes = [...groups.values()].map((g) => g.length);
  if (sizes.some((n) => n > MAX_GROUP) || !sizes.some((n) => n >= 2)) return { assertions: roots, abstracted: 0 };
  const congruence: Term[] = [];
  for (const [key, g] of groups) {
    const commutes = key.startsWith('bvmul|');
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) {
        const x = g[i]!;
        const y = g[j]!;
        congruence.push(F.implies(F.and(F.eq(x.a, y.a), F.eq(x.b, y.b)), F.eq(x.v, y.v)));
        if (commutes) congruence.push(F.implies(F.and(F.eq(x.a, y.b), F.eq(x.b, y.a)), F.eq(x.v, y.v)));
      }
    }
  }
  const out = roots.map((r) => memo.get(r.id)!);
  // the mismatch stays last (callers' convention)
  return { assertions: [...out.slice(0, -1), ...congruence, out[out.length - 1]!], abstracted: found };
}
