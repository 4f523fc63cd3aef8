// A cut-point part simplified by bounds under its assumptions (simplify-bounds.ts): the hard
// parts of a typical loop proof are target UB of an index chain in 72-bit signed arithmetic
// (`off + i - 1` within the block, read where `1 <= n - 1` and the loop still runs) that the
// facts of the base decide — facts that sit behind conditional assumptions (`(n - 1 >= 1 and
// i_more) => 0 <= off + i < size`). Simplified, the part is equivalent wherever the
// assumptions hold, so unsat is unsat and a model is a model; a part that folds to false is
// no query.
// Also `ite(c, #b1, #b0) = #b1` is read as `c` (a loop condition through its 1-bit register)
// and a boolean `ite(c, a, false)` as `c and a` (Core's `&&`), so that their facts are read.
// `len - 1` comes as `bvsub len 1` from one side and `bvadd len -1` from the other: the
// simplifier sees the query with every `x - c` (c a literal) as `x + (-c)` (the same value
// in every model), so that the part's `1 <= n + -1` is the base's condition `1 <= n - 1`.
// Only the part is replaced, by its simplified normal form; the solver gets the base as built.
// Simplified or not, the part then has its stores in both branches of an if merged into one
// store of an ite (`storesMerged`) and Core's wide arithmetic read at the width it is used at
// (low-bits.ts `narrowLowBits`): identities that leave z3 one store at one index term on both
// sides (leb128 `encodeU`'s back edge: 0.33 M -> 0.07 M units; README.md "Hard parts").
// FIDELITY_NO_CUT_ARRAYS=1 / FIDELITY_NO_CUT_LOWBITS=1 turn them off.
// FIDELITY_NO_CUT_BOUNDS=1 turns it off, FIDELITY_CUT_BOUNDS_FALSE_ONLY=1 takes only the parts
// that fold to false (the others are asked unchanged), FIDELITY_NO_SUB_NORMAL=1 leaves `x - c`
// as it is — for measuring.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { simplifyUnder } from '../../smt/simplify-bounds.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';
import { narrowLowBits } from './low-bits.ts';
import { baseFacts, cutFactsWanted, valueUnder, type Facts } from './cut-facts.ts';

/** The terms with every `x - c` as `x + (-c)` (c a bit-vector literal) and every `ite(c, a, b) = k`
 *  of literals as `c`, `not c` or false, every boolean ite with a literal branch as and/or:
 *  the same terms in value. */
export function subAsAdd(F: TermFactory, roots: Term[], memo = new Map<number, Term>()): Term[] {
  return rewriteTerms(
    F,
    roots,
    {
      onApp: (x, args) => {
        if (x.op === '=' && args.length === 2) return iteIs(F, args[0]!, args[1]!) ?? iteIs(F, args[1]!, args[0]!);
        if (x.op === 'ite' && x.sort.kind === 'bool') return iteAsAndOr(F, args as [Term, Term, Term]);
        const c = args[1];
        if (x.op !== 'bvsub' || args.length !== 2 || c?.kind !== 'bv' || c.sort.kind !== 'bv') return undefined;
        const w = c.sort.width;
        return F.app('bvadd', [args[0]!, F.bv(((1n << BigInt(w)) - c.value) % (1n << BigInt(w)), w)]);
      },
    },
    memo,
  );
}

/** `ite(c, a, b) = k` for literals a != b as `c` (k = a) or `not c` (k = b): a loop's
 *  condition read back from its 1-bit register is the Core side's boolean. */
function iteIs(F: TermFactory, x: Term, k: Term): Term | undefined {
  if (x.kind !== 'app' || x.op !== 'ite' || k.kind !== 'bv') return undefined;
  const [c, a, b] = x.args as [Term, Term, Term];
  if (a.kind !== 'bv' || b.kind !== 'bv' || a.value === b.value) return undefined;
  return k.value === a.value ? c : k.value === b.value ? F.not(c) : F.false;
}

/** `ite(c, store(A, k, x), store(A, k, y))` as `store(A, k, ite(c, x, y))` (the same array:
 *  at k both give ite(c, x, y), elsewhere both give A's element) — a store in both branches
 *  of an if, as the semantics builds it (leb128 `encodeU`'s back edge: the byte stored at
 *  `off + n` is `b` or `b | 0x80`); nested arrays (a block's cells inside the memory's array
 *  of blocks) merge level by level. */
function iteOfStores(F: TermFactory, c: Term, a: Term, b: Term): Term | undefined {
  if (a.kind !== 'app' || b.kind !== 'app' || a.op !== 'store' || b.op !== 'store') return undefined;
  const [A, k, x] = a.args as [Term, Term, Term];
  const [B, j, y] = b.args as [Term, Term, Term];
  if (A !== B || k !== j) return undefined;
  const v = x === y ? x : x.sort.kind === 'array' ? (iteOfStores(F, c, x, y) ?? F.ite(c, x, y)) : F.ite(c, x, y);
  return F.store(A, k, v);
}

/** `select(store(A, k, v), k)` as `v` (the same index term). */
function readOfStore(arr: Term, i: Term): Term | undefined {
  return arr.kind === 'app' && arr.op === 'store' && arr.args[1] === i ? arr.args[2] : undefined;
}

const ARRAYS = (): boolean => process.env.FIDELITY_NO_CUT_ARRAYS !== '1';

/** A boolean `ite` with a literal branch as a conjunction or disjunction (Core's `a && b` is
 *  `ite(a, b, false)`; the simplifier opens contexts at conjunctions only). */
function iteAsAndOr(F: TermFactory, [c, a, b]: [Term, Term, Term]): Term | undefined {
  if (b.kind === 'bool') return b.value ? F.or(F.not(c), a) : F.and(c, a);
  if (a.kind === 'bool') return a.value ? F.or(c, b) : F.and(F.not(c), b);
  return undefined;
}

/** The last base normalised, kept for its parts (one array per query). */
let last: { F: TermFactory; base: Term[]; norm: Term[]; memo: Map<number, Term> } | null = null;

export const cutBoundsWanted = (): boolean => process.env.FIDELITY_NO_CUT_BOUNDS !== '1';

/** The boolean facts of the last base (cut-facts.ts), kept for its parts. */
let lastFacts: { base: Term[]; facts: Facts } | null = null;

export function boundedPart(F: TermFactory, base: Term[], t: Term): Term {
  if (process.env.FIDELITY_NO_CUT_BOUNDS === '1' || t.kind === 'bool') return t;
  // a part the base's boolean facts refute is no query (cut-facts.ts: crc16_frame `crc16`'s
  // "block still alive" parts); before the simplifier, which does not read them
  if (cutFactsWanted() && base.length > 0) {
    if (lastFacts?.base !== base) lastFacts = { base, facts: baseFacts(base) };
    if (valueUnder(lastFacts.facts, t) === false) return F.false;
  }
  let b = base;
  let p: Term = t;
  if (process.env.FIDELITY_NO_SUB_NORMAL !== '1') {
    if (!last || last.F !== F || last.base !== base) {
      const memo = new Map<number, Term>();
      last = { F, base, norm: subAsAdd(F, base, memo), memo };
    }
    b = last.norm;
    p = subAsAdd(F, [t], last.memo)[0]!;
  }
  const r = simplifyUnder(F, b, p, undefined, undefined, true); // with byDefinitions (simplify-bounds.ts)
  if (process.env.FIDELITY_CUT_BOUNDS_DEBUG) console.error('cut bounds', JSON.stringify(r.stats), r.term.kind === 'bool' ? r.term.value : 'open', r.term === t ? 'same' : 'changed');
  if (process.env.FIDELITY_CUT_BOUNDS_FALSE_ONLY === '1') return r.term.kind === 'bool' && !r.term.value ? r.term : t;
  const out = r.term === p ? t : r.term; // nothing decided: the part as built
  const merged = ARRAYS() ? storesMerged(F, out) : out;
  return process.env.FIDELITY_NO_CUT_LOWBITS === '1' ? merged : narrowLowBits(F, [merged])[0]!;
}

/** The term with its if-merged stores as one store (iteOfStores) and reads of a store at its
 *  own index as the value stored: identities of arrays. */
export function storesMerged(F: TermFactory, t: Term): Term {
  return rewriteTerms(F, [t], {
    onApp: (x, args) => {
      if (x.op === 'ite' && x.sort.kind === 'array') return iteOfStores(F, args[0]!, args[1]!, args[2]!);
      if (x.op === 'select') return readOfStore(args[0]!, args[1]!);
      return undefined;
    },
  })[0]!;
}
