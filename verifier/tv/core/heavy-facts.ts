// Assumptions a refinement part rarely needs but z3 pays to bit-blast: facts (not definitions)
// that are large or nonlinear — a callee's or the function's many-case `Ensures` (fibonacci
// `fibSlow`: 0.40 s native z3, 0.06 s without it), Core's 128-bit no-overflow fact of a
// product (gcd_lcm `lcm`: 0.21 s, 0.02 s without). split.ts asks a part first without them,
// with a small share of the limit: fewer assumptions only add models, so that query's unsat
// is the part's unsat; anything else and the part is asked as before (speed engineer, round 8).
import type { Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';

/** A fact of at least this many distinct subterms is heavy. */
const HEAVY_SIZE = 40;
const NONLINEAR = new Set(['bvmul', 'bvudiv', 'bvsdiv', 'bvurem', 'bvsrem', 'bvsmod']);

/** Whether `a` defines an unknown: `(= v t)`, `(= t v)`, under any guards `(=> g ...)`.
 *  A definition names what the mismatch compares; dropping it would leave the part sat. */
function isDefinition(a: Term): boolean {
  let t = a;
  while (t.kind === 'app' && t.op === '=>' && t.args.length === 2) t = t.args[1]!;
  return t.kind === 'app' && t.op === '=' && t.args.some((x) => x.kind === 'var');
}

function heavy(a: Term): boolean {
  let size = 0;
  let nonlinear = false;
  walk([a], (t) => {
    size++;
    if (t.kind === 'app' && NONLINEAR.has(t.op) && t.args.length === 2 && t.args[1]!.kind !== 'bv' && (t.op !== 'bvmul' || t.args[0]!.kind !== 'bv')) nonlinear = true;
  });
  return nonlinear || size >= HEAVY_SIZE;
}

/** The assumptions of `base` that are heavy facts (none when every one is: then nothing is
 *  left to decide the part with). */
export function heavyFacts(base: Term[]): Set<Term> {
  const out = new Set(base.filter((a) => !isDefinition(a) && heavy(a)));
  return out.size < base.length ? out : new Set();
}
