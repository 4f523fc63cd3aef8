// The boolean facts of a cut-point query's base, and the parts they decide without a solver.
// A cut-point proof (cut-validate.ts) asks one part per kept fact of the simulation relation;
// many of them are "block b is still alive at the back edge": the base says every block is
// alive at the head (`not (or (not (= cp.0.alive.b true)) ...)`) and that the head's flags are
// the back edge's (`not (or (not (= cp.1.alive.b cp.0.alive.b)) ...)`), and the part asks
// `(and (not (= cp.1.alive.b true)) path)`. z3 refutes each in a few dozen resource units, but
// each still costs a check in z3's thread (0.5-2 ms with its timer, its statistics and its
// push/pop): crc16_frame `crc16` sent 29 parts, crc32 `buildTable` 33. Neither unit
// propagation (units.ts: it takes `not (or ...)` as one atom) nor the bounds simplifier reads
// these facts.
// Exact: each fact is implied by the base — an asserted conjunction's members, a negated
// disjunction's members negated, a negated implication's premise and negated conclusion,
// the other side of an asserted boolean equality one side of which is known —, and a part
// that evaluates to false under facts that every model of the base satisfies has no model
// with the base: its query [...base, part] is unsat. A part not decided is asked as before.
// FIDELITY_NO_CUT_FACTS=1 turns this off (to measure it).
import type { Term } from '../../smt/term.ts';

export type Facts = Map<number, boolean>;

export const cutFactsWanted = (): boolean => process.env.FIDELITY_NO_CUT_FACTS !== '1';

/** At most this many rounds over the boolean equalities (each round that learns nothing ends it). */
const ROUNDS = 8;

/** The boolean facts the assertions imply, by term id. */
export function baseFacts(base: Term[]): Facts {
  const facts: Facts = new Map();
  const eqs: [Term, Term, boolean][] = []; // (= x y) asserted (true) or denied (false), x and y boolean
  const learn = (a: Term, v: boolean): void => {
    if (a.kind === 'bool' || facts.has(a.id)) return;
    if (a.kind === 'app') {
      if (a.op === 'not') return learn(a.args[0]!, !v);
      if (a.op === 'and' && v) return a.args.forEach((x) => learn(x, true));
      if (a.op === 'or' && !v) return a.args.forEach((x) => learn(x, false));
      if (a.op === '=>' && !v && a.args.length === 2) { // (n-ary => associates to the right)
        learn(a.args[0]!, true);
        return learn(a.args[1]!, false);
      }
      if (a.op === '=' && a.args.length === 2 && a.args[0]!.sort.kind === 'bool') eqs.push([a.args[0]!, a.args[1]!, v]);
    }
    facts.set(a.id, v);
  };
  base.forEach((a) => learn(a, true));
  // an equality of two booleans one of which is known: the other has the same value (or the
  // opposite, for a denied equality)
  for (let r = 0; r < ROUNDS; r++) {
    const before = facts.size;
    for (const [x, y, v] of eqs) {
      const a = valueUnder(facts, x);
      const b = valueUnder(facts, y);
      if (a !== undefined && b === undefined) learn(y, v ? a : !a);
      else if (b !== undefined && a === undefined) learn(x, v ? b : !b);
    }
    if (facts.size === before) break;
  }
  return facts;
}

/** The value of a boolean term under the facts (three-valued: undefined where they do not
 *  decide it). */
export function valueUnder(facts: Facts, t: Term, memo = new Map<number, boolean | undefined>()): boolean | undefined {
  if (t.kind === 'bool') return t.value;
  const known = facts.get(t.id);
  if (known !== undefined) return known;
  if (t.kind !== 'app') return undefined;
  if (memo.has(t.id)) return memo.get(t.id);
  const at = (i: number) => valueUnder(facts, t.args[i]!, memo);
  let v: boolean | undefined;
  switch (t.op) {
    case 'not': {
      const a = at(0);
      v = a === undefined ? undefined : !a;
      break;
    }
    case 'and': {
      let all = true;
      for (let i = 0; i < t.args.length && v === undefined; i++) {
        const a = at(i);
        if (a === false) v = false;
        else if (a === undefined) all = false;
      }
      if (v === undefined && all) v = true;
      break;
    }
    case 'or': {
      let none = true;
      for (let i = 0; i < t.args.length && v === undefined; i++) {
        const a = at(i);
        if (a === true) v = true;
        else if (a === undefined) none = false;
      }
      if (v === undefined && none) v = false;
      break;
    }
    case '=>': {
      if (t.args.length !== 2) break; // n-ary: right-associative, not decided here
      const a = at(0);
      const b = a === false ? undefined : at(1);
      v = a === false || b === true ? true : a === true && b === false ? false : undefined;
      break;
    }
    case '=': {
      if (t.args.length === 2 && t.args[0]!.sort.kind === 'bool') {
        const a = at(0);
        const b = a === undefined ? undefined : at(1);
        v = a === undefined || b === undefined ? undefined : a === b;
      }
      break;
    }
    case 'ite': {
      if (t.sort.kind === 'bool') {
        const c = at(0);
        if (c !== undefined) v = at(c ? 1 : 2);
        else {
          const a = at(1);
          v = a !== undefined && at(2) === a ? a : undefined;
        }
      }
      break;
    }
  }
  memo.set(t.id, v);
  return v;
}
