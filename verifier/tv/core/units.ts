// Unit propagation over a query before it goes to the solver. Core -> MLIR queries assume
// many facts that are plain atoms — every call on the straight-line path returns
// (`call.ret[n]`), a call result's static layout (`offset = 0`), block ids fixed by an
// aliasing placement — while the target's terms still branch on them: its call trace is an
// ite over "call n returned" at every call, so the words of the n-th call, the memory at it
// and the block a string lies in are ites the solver must split (a main with forty calls:
// forty nested ites in every word it reads). Replacing each asserted atom by its value in
// the other assertions, and folding (ite on a literal, read-over-write at literal
// positions, x + 0), turns those words into the very terms the target stored; a string
// compared with a literal's bytes then reads the same constant array on both sides and
// the comparison folds away.
// Sound: an atom A asserted on its own holds in every model, so replacing A by true (or
// t by c when t = c is asserted) elsewhere gives an equivalent conjunction with the same
// models; the atoms themselves stay asserted (models still give their variables). An
// unknown array element defined by an equation (call.havoc[m] = the memory at call m) is
// replaced by its definition and the equation dropped: every model of the query is a model
// of the result, so an unsat result is an unsat query (the converse may fail only where the
// same element is also read at a symbolic index equal to m — extra models, which must
// replay before anything is refuted). Units are taken from every assertion but the last — the mismatch, which cut-validate.ts
// replaces by other parts: facts of the mismatch must not leak into the others.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { walk } from '../../smt/smtlib.ts';
import { alwaysTrue } from './positions.ts';
import { poisonLambdaBlocks } from '../../semantics/mlir/symbolic-memory.ts';

type Units = Map<number, Term>;

const isLit = (t: Term) => t.kind === 'bv' || t.kind === 'bool';

/** The atoms `as` assert: conjuncts, negations, equalities with a literal. */
function collect(F: TermFactory, as: Term[], out: Units): void {
  const add = (t: Term, v: Term) => {
    if (!out.has(t.id) && !isLit(t)) out.set(t.id, v);
  };
  const go = (a: Term) => {
    if (a.kind === 'app' && a.op === 'and') a.args.forEach(go);
    else if (a.kind === 'app' && a.op === 'not') add(a.args[0]!, F.false);
    else if (a.kind === 'app' && a.op === '=' && a.args.length === 2 && isLit(a.args[0]!) !== isLit(a.args[1]!)) {
      const [x, y] = a.args as [Term, Term];
      if (isLit(x)) add(y, x);
      else add(x, y);
      add(a, F.true);
    } else if (a.kind === 'app' && a.op === '=' && a.args.length === 2 && (definable(a.args[0]!, a.args[1]!) || definable(a.args[1]!, a.args[0]!))) {
      // an unknown array element defined by an equation (the memory after a runtime call
      // that writes nothing is the memory at it): replaced by its definition everywhere,
      // the equation becomes true (an array equality is costly for the solver)
      const [x, y] = definable(a.args[0]!, a.args[1]!) ? (a.args as [Term, Term]) : ([a.args[1]!, a.args[0]!] as [Term, Term]);
      add(x, y);
    } else add(a, F.true);
  };
  as.forEach(go);
}

/** `x` is an element of an array variable at a literal index, of an array sort, not
 *  mentioned by `def`: it may be replaced by `def`. */
function definable(x: Term, def: Term): boolean {
  if (!(x.kind === 'app' && x.op === 'select' && x.args[0]!.kind === 'var' && x.args[1]!.kind === 'bv' && x.sort.kind === 'array')) return false;
  let found = false;
  walk([def], (t) => {
    if (t.id === x.id) found = true;
  });
  return !found;
}

/** Rewrites terms with the units (not inside quantifiers: their bound variables); `top`
 *  rewrites an assertion: its own atoms are what it asserts, so only their arguments are
 *  rewritten (an equality with a literal is left whole). */
function rewriter(F: TermFactory, units: Units): { go: (t: Term) => Term; top: (t: Term) => Term } {
  const memo = new Map<number, Term>();
  const iteReads: IteReads = new Map(); // core-calls, round 7: reads through array ites
  const inner = (x: Term & { kind: 'app' }): Term => {
    const args = x.args.map(go);
    return simplify(F, x, args, args.every((a, i) => a === x.args[i]), iteReads);
  };
  const active = new Set<number>(); // definitions being expanded (a cycle stops there)
  const expand = (id: number, u: Term): Term => {
    if (isLit(u) || active.has(id)) return u;
    const hit = memo.get(-id - 1);
    if (hit) return hit;
    active.add(id);
    const r = go(u);
    active.delete(id);
    memo.set(-id - 1, r);
    return r;
  };
  const go = (x: Term): Term => {
    const u = units.get(x.id);
    if (u) return expand(x.id, u);
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Term = x;
    if (x.kind === 'app') {
      r = inner(x);
      const again = units.get(r.id); // a rebuilt term may be a unit itself
      if (again) r = expand(r.id, again);
    }
    memo.set(x.id, r);
    return r;
  };
  const top = (a: Term): Term => {
    if (a.kind !== 'app') return a;
    if (a.op === 'and') return F.and(...a.args.map(top));
    if (a.op === 'not') return F.not(top(a.args[0]!));
    if (a.op === '=' && a.args.length === 2 && isLit(a.args[0]!) !== isLit(a.args[1]!)) return a;
    return inner(a);
  };
  return { go, top };
}

function simplify(F: TermFactory, x: Term & { kind: 'app' }, args: Term[], same: boolean, iteReads: IteReads): Term {
  switch (x.op) {
    case 'and':
      return same ? x : F.and(...args);
    case 'or':
      return same ? x : F.or(...args);
    case '=>': {
      const [a, b] = args as [Term, Term];
      if (a.kind === 'bool') return a.value ? b : F.true;
      if (b.kind === 'bool') return b.value ? F.true : F.not(a);
      return same ? x : F.implies(a, b);
    }
    case 'select': {
      const r = readThrough(F, args[0]!, args[1]!, iteReads);
      if (r.kind === 'value') return r.t;
      return r.t === x.args[0] && same ? x : F.select(r.t, args[1]!);
    }
    case 'bvadd': {
      if (args.length === 2) {
        const [a, b] = args as [Term, Term];
        if (a.kind === 'bv' && a.value === 0n) return b;
        if (b.kind === 'bv' && b.value === 0n) return a;
      }
      return same ? x : F.app(x.op, args, x.indices);
    }
    case 'extract': {
      // a slice of a concatenation that is exactly one of its halves
      const a = args[0]!;
      if (a.kind === 'app' && a.op === 'concat' && a.args.length === 2) {
        const [hi, lo] = a.args as [Term, Term];
        const wl = lo.sort.kind === 'bv' ? lo.sort.width : -1;
        const wh = hi.sort.kind === 'bv' ? hi.sort.width : -1;
        if (x.indices[1] === 0 && x.indices[0] === wl - 1) return lo;
        if (x.indices[1] === wl && x.indices[0] === wl + wh - 1) return hi;
      }
      return same ? x : F.app(x.op, args, x.indices);
    }
    default:
      return same ? x : F.app(x.op as Parameters<TermFactory['app']>[0], args, x.indices);
  }
}

// reads through the memories of an if's two arms
/** Off unless FIDELITY_ITE_READS=1 (read at each query): with them, copy-loops.test.ts's
 *  "second copy with the wrong bound" mutant of bits `show` gets another model from z3 —
 *  a label as long as the formatted number, on which the wrong bound copies the right
 *  bytes — which does not replay (`unknown` instead of `refuted`); the equivalent query
 *  has the same models, so which one z3 returns was luck before too. On by default once
 *  the replay asks for a model that differs (README "Unknown rows at unroll 2"). */
const iteReadsOn = () => process.env.FIDELITY_ITE_READS === '1';
/** Memo of readThrough at array ites: `${array id}:${index id}`. */
type IteReads = Map<string, Read>;
/** A read resolved to the stored value, or to the array it still reads (`select(t, i)`). */
type Read = { kind: 'value' | 'array'; t: Term };

/** `select(arr, i)` past the stores at indices that certainly differ from i (read-over-
 *  write) and past an array ite whose two arms give the same read — `select(ite(c, a, b), i)`
 *  is `ite(c, select(a, i), select(b, i))`, which is that read when both are the same term.
 *  Exact identities, so the rewritten query has the same models. The memory after an if
 *  whose arms wrote only other blocks (a copy loop unrolled into a string buffer, a branch
 *  storing into another buffer) is such an ite; a read of a counter or a buffer it did not
 *  touch then reads the memory before the if, as the frames of earlier calls see it
 *  (arena_queue `main`: the arena counter read after a copy loop unrolled twice — native z3
 *  spent 22 M resource units on the calls part without this). Arms that give different
 *  reads keep the ite (no term growth). */
function readThrough(F: TermFactory, arr0: Term, i: Term, memo: IteReads, budget = { steps: 4096 }): Read {
  let arr = arr0;
  const ites = iteReadsOn();
  while (budget.steps-- > 0) {
    if (arr.kind === 'constArray') return { kind: 'value', t: arr.value };
    if (arr.kind === 'app' && arr.op === 'store') {
      const j = arr.args[1]!;
      if (j.id === i.id) return { kind: 'value', t: arr.args[2]! };
      if (!distinctAddresses(i, j)) break; // core-strings, round 3: was "both literals"
      arr = arr.args[0]!;
      continue;
    }
    if (arr.kind === 'lambda') {
      // a poison lambda of the semantics, read at an address of another literal block than
      // those it changes: the read of its inner array (as past stores there)
      const m = poisonLambdaBlocks.get(arr);
      const blk = i.kind === 'bv' && i.width === 96 ? i.value >> 64n : i.kind === 'app' && i.op === 'concat' && i.args.length === 2 && i.args[0]!.kind === 'bv' && i.args[1]!.sort.kind === 'bv' && i.args[1]!.sort.width === 64 ? i.args[0]!.value : null;
      if (m && blk !== null && m.bids.every((b) => b.kind === 'bv' && b.value !== blk)) {
        arr = m.inner;
        continue;
      }
      break;
    }
    if (ites && arr.kind === 'app' && arr.op === 'ite') {
      const key = `${arr.id}:${i.id}`;
      let r = memo.get(key);
      if (!r) {
        const a = readThrough(F, arr.args[1]!, i, memo, budget);
        const b = readThrough(F, arr.args[2]!, i, memo, budget);
        r = a.kind === b.kind && a.t.id === b.t.id ? a : { kind: 'array', t: arr };
        memo.set(key, r);
      }
      return r;
    }
    break;
  }
  return { kind: 'array', t: arr };
}

/** Whether two array indices certainly differ: different literals; or addresses
 *  `concat(block, offset)` (or 96-bit literals) of different literal blocks, or of one
 *  block at offsets `x + a`, `x + b` (the same term x, or none) with literals a <> b
 *  (normalised, so different modulo 2^64). Read over a store at such an index skips the
 *  store: a string buffer's bytes are not a static's, byte k of a copy is not byte k + 1. */
function distinctAddresses(i: Term, j: Term): boolean {
  if (i.kind === 'bv' && j.kind === 'bv') return i.value !== j.value;
  type Off = { base: number; k: bigint };
  type Addr = { block: { lit: bigint } | { id: number }; off: Off };
  const offset = (t: Term): Off => {
    if (t.kind === 'bv') return { base: -1, k: t.value };
    if (t.kind === 'app' && t.op === 'bvadd' && t.args.length === 2) {
      const [x, y] = t.args as [Term, Term];
      if (y.kind === 'bv') return { base: x.id, k: y.value };
      if (x.kind === 'bv') return { base: y.id, k: x.value };
    }
    return { base: t.id, k: 0n };
  };
  const addr = (t: Term): Addr | null => {
    if (t.kind === 'bv' && t.width === 96) return { block: { lit: t.value >> 64n }, off: { base: -1, k: BigInt.asUintN(64, t.value) } };
    if (t.kind === 'app' && t.op === 'concat' && t.args.length === 2 && t.args[1]!.sort.kind === 'bv' && t.args[1]!.sort.width === 64) {
      const [hi, lo] = t.args as [Term, Term];
      return { block: hi.kind === 'bv' ? { lit: hi.value } : { id: hi.id }, off: offset(lo) };
    }
    return null;
  };
  const a = addr(i);
  const b = addr(j);
  if (!a || !b) return false;
  if ('lit' in a.block && 'lit' in b.block && a.block.lit !== b.block.lit) return true;
  const sameBlock = 'lit' in a.block ? 'lit' in b.block && a.block.lit === b.block.lit : 'id' in b.block && a.block.id === b.block.id;
  return sameBlock && a.off.base === b.off.base && a.off.k !== b.off.k;
}

/** The assertions with every unit of the others (all but the last) propagated, to a fixed
 *  point (at most `rounds` rounds); `also` (terms checked against them, e.g. the parts of
 *  a mismatch) rewritten with the same units, and `rewrite` for more such terms. The count
 *  and order of the assertions are kept. */
export function propagateUnits(F: TermFactory, assertions: Term[], also: Term[] = [], rounds = 6): { assertions: Term[]; also: Term[]; rewrite: (t: Term) => Term } {
  if (assertions.length < 2) return { assertions, also, rewrite: (t) => t };
  let as = unguard(F, assertions);
  const units: Units = new Map();
  for (let r = 0; r < rounds; r++) {
    const before = units.size;
    collect(F, as.slice(0, -1), units);
    if (units.size === before && r > 0) break;
    const { go, top } = rewriter(F, units);
    as = as.map((a, k) => (k === as.length - 1 ? go(a) : top(a)));
  }
  const { go } = rewriter(F, units);
  return { assertions: as, also: also.map(go), rewrite: go };
}


/** Facts assumed once per branch (`pc_a => x`, `pc_b => x` for the two events of an
 *  if/else that make the same call: calls.ts positions) whose guards together always hold
 *  (positions.ts alwaysTrue: [P and c] or [P and not c] with P true) hold unconditionally:
 *  the first such assertion becomes `x` itself (the conjunction is equivalent), so that x is
 *  a unit. The last assertion (the mismatch) is left alone. */
function unguard(F: TermFactory, assertions: Term[]): Term[] {
  const groups = new Map<number, { guards: Term[]; at: number[] }>();
  assertions.slice(0, -1).forEach((a, k) => {
    if (!(a.kind === 'app' && a.op === '=>')) return;
    const [g, x] = a.args as [Term, Term];
    const e = groups.get(x.id) ?? { guards: [], at: [] };
    e.guards.push(g);
    e.at.push(k);
    groups.set(x.id, e);
  });
  const out = [...assertions];
  for (const e of groups.values()) {
    if (e.guards.length < 2 || !alwaysTrue(F, F.or(...e.guards))) continue;
    const first = assertions[e.at[0]!] as Term & { kind: 'app' };
    out[e.at[0]!] = first.args[1]!;
  }
  return out;
}
