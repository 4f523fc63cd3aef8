// A candidate witness for the vacuity guard (vacuity.ts) grown from a start model by the
// assumptions' own atoms. The all-defaults model fails most Core -> MLIR assumption sets on a
// handful of plain facts — an argument slot fixed to a literal (`arg.4 = 1`, a block id), every
// block alive at a loop head, every call on the path returning (`call.ret[n]`), an unknown
// defined by an equation (`core.quant.N = ...`, `ret = call.res[0]`), a `requires` bound
// (`10 <= out.len`), a span within its block — and the solver's question then cost 10 ms to
// 1.3 s per proof (isqrt `isqrt32` 1.1 s, pid_fixed `step` 1.3 s: z3 bit-blasts the whole base
// to find a model, though none of its hard terms constrains anything). Here each assumption
// that is false is made true where one assignment does it: a Boolean unknown set; an unknown
// (or an unknown array's element at an index with a value) given the other side's value in an
// equation, that value + 1 in a disequation; one side of a comparison (such an unknown, or one
// sign/zero-extended, or a sum or difference with one) moved onto or next to the other's value;
// an element of an array held in an unknown array (`call.havoc[0][k]`) as an element is.
// Conjunctions, negations, an
// implication whose premise holds and an ite with a literal branch (its condition then steered
// away from it) are followed into; nothing else is tried. A few rounds, since a new value can
// make other facts false (or true); an equation moves the side no earlier round moved.
// Soundness: none needed. The caller evaluates every assumption on the result exactly (SMT-LIB
// semantics, the same terms) and takes it as a witness only if all of them hold; a model that
// fails is simply no witness, and the solver is asked as before.
import { defaultValue, evaluator, valueEquals, type ArrayModel, type Model, type ModelValue } from '../smt/model.ts';
import type { Sort, Term } from '../smt/term.ts';

/** Rounds of repair at most (the corpus's sets settle in 2-3; a chain of sixteen call
 *  counters at loop heads, leb128 `roundS`, needs more and is left to the solver). */
const ROUNDS = 8;
/** Extensions and sums looked through to reach an unknown. */
const MAX_PLACE_DEPTH = 6;

/** `start` with the assignments that make false assumptions of `set` true, as far as one
 *  assignment each does (a new model; `start` is not changed). */
export function repairedWitness(set: Term[], start: Model): Model {
  const m: Model = new Map(start);
  // what earlier rounds assigned (names, `name[index]`): an equation moves its other side first
  const touched = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    const ev = evaluator(m, { complete: true });
    const val = (t: Term): ModelValue | undefined => {
      try {
        return ev(t);
      } catch {
        return undefined; // no fixed value (division by zero...): not used
      }
    };
    // this round's assignments, read by nothing until the next round (its evaluator); the
    // first one to a name or element wins, so goals that disagree cannot flip it back and forth
    const next = new Map<string, ModelValue>();
    const elems = new Map<string, { arr: Term & { kind: 'var' }; at: bigint[]; v: ModelValue }>();
    const setVar = (x: Term & { kind: 'var' }, v: ModelValue) => {
      if (!next.has(x.name)) next.set(x.name, v);
    };
    // an element of an unknown array, or of an array held in one (`call.havoc[0][k]`: a callee's
    // bytes per call), at indices with values
    const setElem = (e: ElemPath, v: ModelValue) => {
      const k = elemKey(e);
      if (!elems.has(k)) elems.set(k, { arr: e.arr, at: e.at, v });
    };
    // make `t` evaluate to `want` by one assignment, if it is of a form that allows it
    const seen = new Set<string>(); // (term, wanted value) pairs this round: a DAG is walked once
    const goal = (t: Term, want: boolean, depth: number): void => {
      if (depth > 64 || val(t) === want) return;
      const key = `${t.id}:${want}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (t.kind === 'var') {
        if (t.sort.kind === 'bool') setVar(t, want);
        return;
      }
      if (t.kind !== 'app') return;
      const [a, b] = t.args;
      switch (t.op) {
        case 'not':
          goal(a!, !want, depth + 1);
          return;
        case 'and':
          if (want) for (const x of t.args) goal(x, true, depth + 1);
          // one conjunct made false (a path's guard, so the path is not taken): first an atom
          // over an unknown no earlier round moved, so that two paths' guards do not flip one
          // unknown back and forth (matmul_span `trace`: the loop condition at the head, and
          // the stack block's liveness on the way out); else the first non-literal conjunct
          else {
            const free = (x: Term) => { const v = atomVar(x); return v !== null && !isTouched(v); };
            const c = t.args.find(free) ?? t.args.find((x) => x.kind !== 'bool' && atomVar(x) === null) ?? t.args.find((x) => x.kind !== 'bool');
            if (c) goal(c, false, depth + 1);
          }
          return;
        case 'or':
          if (!want) for (const x of t.args) goal(x, false, depth + 1);
          // one disjunct made true: the first that is not a literal (a pointer in the first of
          // the blocks it may point into)
          else {
            const d = t.args.find((x) => x.kind !== 'bool');
            if (d) goal(d, true, depth + 1);
          }
          return;
        case '=>':
          if (want && t.args.length === 2 && val(a!) === true) goal(b!, true, depth + 1);
          return;
        case '=':
          if (t.args.length !== 2) return;
          if (a!.sort.kind === 'bool' && !want) {
            // x = true wanted false, x = false wanted false...: through the literal side
            if (b!.kind === 'bool') goal(a!, !b!.value, depth + 1);
            else if (a!.kind === 'bool') goal(b!, !a!.value, depth + 1);
            return;
          }
          if (!want) {
            // x = y wanted false: x moved off y's value
            if (a!.sort.kind !== 'bv') return;
            const [x, y] = assignable(a!, val) ? [a!, b!] : [b!, a!];
            const v = val(y);
            if (assignable(x, val) && typeof v === 'bigint') place(x, v + 1n, a!.sort.width);
            return;
          }
          // x = y: the side no round has assigned yet takes the other's value (gcd_lcm `reduce`:
          // `ret = call.res[0]` after `ret != 0` moved ret)
          if (isTouched(a!) && !isTouched(b!)) define(b!, a!) || define(a!, b!);
          else define(a!, b!) || define(b!, a!);
          return;
        case 'ite': {
          // a branch that cannot give `want` (a literal) is avoided by its condition
          const [c, th, el] = t.args as [Term, Term, Term];
          if (el.kind === 'bool' && el.value !== want) {
            goal(c, true, depth + 1);
            goal(th, want, depth + 1);
          } else if (th.kind === 'bool' && th.value !== want) {
            goal(c, false, depth + 1);
            goal(el, want, depth + 1);
          } else {
            const cv = val(c);
            if (cv === true) goal(th, want, depth + 1);
            else if (cv === false) goal(el, want, depth + 1);
          }
          return;
        }
        case 'bvsle':
        case 'bvslt':
        case 'bvule':
        case 'bvult':
        case 'bvsge':
        case 'bvsgt':
        case 'bvuge':
        case 'bvugt':
          compare(t.op, a!, b!, want);
          return;
        case 'select':
          if (t.sort.kind === 'bool') {
            const e = elemPath(t, val);
            if (e) setElem(e, want);
          }
          return;
      }
    };
    // a comparison made `want` by moving one side (an unknown, or one extended) onto the
    // other's value, or next to it for a strict one
    const compare = (op: string, x: Term, y: Term, want: boolean): void => {
      // as `l <= r` or `l < r`, signed or not
      let [l, r, strict] = op.endsWith('le') || op.endsWith('lt') ? [x, y, op.endsWith('lt')] : [y, x, op.endsWith('gt')];
      if (!want) [l, r, strict] = [r, l, !strict]; // not (l <= r): r < l
      const lv = val(l);
      const rv = val(r);
      if (typeof lv !== 'bigint' || typeof rv !== 'bigint' || l.sort.kind !== 'bv') return;
      const w = l.sort.width;
      if (assignable(r, val)) place(r, strict ? lv + 1n : lv, w);
      else if (assignable(l, val)) place(l, strict ? rv - 1n : rv, w);
    };
    const isTouched = (x: Term): boolean => {
      if (x.kind === 'var') return touched.has(x.name) || next.has(x.name);
      const e = x.kind === 'app' && x.op === 'select' ? elemPath(x, val) : null;
      if (e) {
        const k = elemKey(e);
        return touched.has(k) || elems.has(k);
      }
      return false;
    };
    // x = y made true by giving x (an unknown, or an unknown array's element) y's value
    const define = (x: Term, y: Term): boolean => {
      const v = val(y);
      if (v === undefined) return false;
      if (x.kind === 'var') {
        setVar(x, v);
        return true;
      }
      const e = x.kind === 'app' && x.op === 'select' ? elemPath(x, val) : null;
      if (!e) return false;
      setElem(e, v);
      return true;
    };
    // an unknown, possibly extended, given the value v (of width w, wrapped) through its extension
    const place = (x: Term, v: bigint, w: number, depth = 0): void => {
      if (depth > MAX_PLACE_DEPTH) return;
      const bits = BigInt.asUintN(w, v);
      if (x.kind === 'app' && x.op === 'bvadd' && x.args.length === 2) {
        // x + y = v: the assignable summand takes v - y
        const [p, q] = assignable(x.args[0]!, val) ? x.args : [x.args[1]!, x.args[0]!];
        const qv = val(q!);
        if (typeof qv === 'bigint') place(p!, bits - qv, w, depth + 1);
        return;
      }
      if (x.kind === 'app' && x.op === 'bvsub' && x.args.length === 2 && !NO_PATHS()) {
        // x - y = v: x takes v + y, else y takes x - v (ring_buffer `pop`: a span of 4 within
        // its block, `4 <= sext(size[b]) - sext(off)`)
        const [p, q] = x.args as [Term, Term];
        const pv = val(p);
        const qv = val(q);
        if (assignable(p, val) && typeof qv === 'bigint') place(p, bits + qv, w, depth + 1);
        else if (typeof pv === 'bigint') place(q, pv - bits, w, depth + 1);
        return;
      }
      if (x.kind === 'app' && (x.op === 'sign_extend' || x.op === 'zero_extend') && x.args[0]!.sort.kind === 'bv') return place(x.args[0]!, bits, x.args[0]!.sort.width, depth + 1);
      if (x.kind === 'var') return setVar(x, bits);
      const e = x.kind === 'app' && x.op === 'select' ? elemPath(x, val) : null;
      if (e) setElem(e, bits);
    };
    for (const a of set) goal(a, true, 0);
    let changed = false;
    for (const [name, v] of next) {
      if (sameValue(m.get(name), v)) continue;
      m.set(name, v);
      touched.add(name);
      changed = true;
    }
    for (const [k, { arr, at, v }] of elems) {
      const now = withElem(m.get(arr.name) ?? defaultValue(arr.sort), arr.sort, at, v);
      if (!now) continue;
      m.set(arr.name, now);
      touched.add(k);
      changed = true;
    }
    if (!changed) break;
  }
  return m;
}

function sameValue(a: ModelValue | undefined, b: ModelValue): boolean {
  return a !== undefined && valueEquals(a, b);
}

/** FIDELITY_NO_REPAIR_PATHS=1: no differences and no nested elements (as before them), to measure. */
const NO_PATHS = () => process.env.FIDELITY_NO_REPAIR_PATHS === '1';

/** An element of an unknown array (`a[i]`), or of an array element of one (`a[i][j]`). */
type ElemPath = { arr: Term & { kind: 'var' }; at: bigint[] };

const elemKey = (e: ElemPath): string => `${e.arr.name}${e.at.map((i) => `[${i}]`).join('')}`;

/** `select(... select(arr, i1) ..., ik)` with `arr` an unknown and every index evaluated. */
function elemPath(t: Term, val: (t: Term) => ModelValue | undefined): ElemPath | null {
  const at: bigint[] = [];
  for (let depth = 0; t.kind === 'app' && t.op === 'select' && depth <= MAX_PLACE_DEPTH; depth++) {
    const i = val(t.args[1]!);
    if (typeof i !== 'bigint') return null;
    at.unshift(i);
    t = t.args[0]!;
  }
  return t.kind === 'var' && at.length > 0 && (at.length === 1 || !NO_PATHS()) ? { arr: t, at } : null;
}

/** The array value `old` with `v` at the index path `at` (new objects; `old` unchanged), or
 *  null when it already holds `v` there or a level is not an array. */
function withElem(old: ModelValue, sort: Sort, at: bigint[], v: ModelValue): ArrayModel | null {
  if (typeof old !== 'object' || sort.kind !== 'array') return null;
  const [i, ...rest] = at as [bigint, ...bigint[]];
  const j = old.entries.findIndex(([k]) => k === i);
  const cur = j >= 0 ? old.entries[j]![1] : old.default;
  const now = rest.length === 0 ? (sameValue(cur, v) ? null : v) : withElem(cur, sort.elem, rest, v);
  if (now === null) return null;
  return { kind: 'array', default: old.default, entries: [...old.entries.filter(([k]) => k !== i), [i, now]] };
}

/** An unknown, an unknown array's element at an index with a value (nested arrays too), either
 *  under a sign or zero extension, or a sum or difference with such a term. */
function assignable(t: Term, val: (t: Term) => ModelValue | undefined, depth = 0): boolean {
  if (depth > MAX_PLACE_DEPTH) return false; // (a shared sum of sums is a DAG: no walk of all its paths)
  if (t.kind === 'app' && (t.op === 'sign_extend' || t.op === 'zero_extend')) return assignable(t.args[0]!, val, depth + 1);
  // a sum with an assignable summand (the other evaluated when placed)
  if (t.kind === 'app' && (t.op === 'bvadd' || (t.op === 'bvsub' && !NO_PATHS())) && t.args.length === 2) return assignable(t.args[0]!, val, depth + 1) || assignable(t.args[1]!, val, depth + 1);
  if (t.kind === 'app' && t.op === 'select') return elemPath(t, val) !== null;
  return t.kind === 'var';
}

/** The unknown of an atom: `x`, `not x`, `x = literal` or its negation; null for anything else. */
function atomVar(t: Term): Term | null {
  if (t.kind === 'app' && t.op === 'not') t = t.args[0]!;
  if (t.kind === 'var') return t;
  if (t.kind === 'app' && t.op === '=' && t.args.length === 2) {
    const [a, b] = t.args as [Term, Term];
    if (a.kind === 'var' && (b.kind === 'bv' || b.kind === 'bool')) return a;
    if (b.kind === 'var' && (a.kind === 'bv' || a.kind === 'bool')) return b;
  }
  return null;
}
