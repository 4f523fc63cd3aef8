// Loops, two ways.
// Unrolled: up to k iterations, each checking the invariants and the measure at the top of
// the body exactly as the interpreter does; if the condition can still hold after k, the
// loop is CUT there (recorded: results past it are only `bounded(k)`).
// Cut point (unbounded): the invariants (the user's, plus automatic candidates) are checked
// on entry to the first iteration (`initially`); then everything the loop may change is
// havocked, the invariants and the condition are assumed, ONE iteration runs, and the
// invariants are checked again where the next iteration would start (`preserved`), with the
// measure >= 0 and strictly smaller there. The loop's exit states are the entry state (the
// loop did not run) and the state after that arbitrary iteration when the condition fails.
// Invariants hold where the interpreter checks them — at the top of an iteration, after
// the condition held — not at exit (CLEF.md / ../README.md).
import type { CExpr } from '../../../compiler/core/core.ts';
import { arraySort, type Term } from '../../smt/term.ts';
import { assign, check, checkInternal, fact, fork, isFalse, loopKey, mergeStates, obligationOf, recordUb, type Ctx, type State } from './context.ts';
import { boolOf, evalE, mathOf } from './exec.ts';
import { anyBlock, freshSV, mle, mlit, mlt } from './fresh.ts';
import { I64 } from './domain.ts';
import { BID, cellsOf, havocBlock, leavesOf, meta, sel, setMeta } from './memory.ts';
import { assignedOutside, havocPlan, loopParts } from './loop-effects.ts';
import { unsupported } from './unsupported.ts';

type While = CExpr & { kind: 'While' };

export function evalLoop(cx: Ctx, st: State, e: While): void {
  if (cx.opts.onLoop) return cx.opts.onLoop(cx, st, e); // core-loops engineer: TV cut points
  const mode = cx.opts.loops;
  const cut = mode === 'havoc' || (mode === 'invariants' && e.invariants.length > 0);
  if (cut) cutPoint(cx, st, e);
  else unroll(cx, st, e, cx.opts.unroll);
}

export function checkInvariants(cx: Ctx, st: State, e: While, phase: 'initially' | 'preserved'): void { // export: core-loops (TV cut points)
  e.invariants.forEach((inv, i) => {
    const v = boolOf(evalE(cx, st, inv));
    const ob = obligationOf(e, 'invariant', i);
    if (ob) check(cx, st, ob, cx.F.not(v), `loop invariant does not hold ${phase === 'initially' ? 'on entry' : 'after an iteration'}`, phase);
    else recordUb(cx, st, 'invariant', cx.F.not(v), inv.span, 'loop invariant does not hold');
  });
}

function measure(cx: Ctx, st: State, e: While): Term | null {
  if (!e.decreases) return null;
  return mathOf(cx, evalE(cx, st, e.decreases));
}

function checkMeasure(cx: Ctx, st: State, e: While, d: Term, prev: Term | null, phase: string): void {
  const { F } = cx;
  const neg = mlt(cx, d, mlit(cx, 0));
  const bad = prev === null ? neg : F.or(neg, mle(cx, prev, d));
  const ob = obligationOf(e, 'termination');
  if (ob) check(cx, st, ob, bad, prev === null ? 'the loop measure is negative' : 'the loop measure does not decrease', phase);
  else recordUb(cx, st, 'termination', bad, e.span, 'loop measure');
}

function silently<T>(cx: Ctx, f: () => T): T {
  cx.silent++;
  try {
    return f();
  } finally {
    cx.silent--;
  }
}

function unroll(cx: Ctx, st: State, e: While, k: number): void {
  const { F } = cx;
  const key = loopKey(e.span);
  cx.loops.push({ key, havoc: false });
  const exits: { sel: Term; state: State }[] = [];
  let cur = st;
  let prev: Term | null = null;
  try {
    for (let i = 0; ; i++) {
      const c = boolOf(evalE(cx, cur, e.cond));
      const out = fork(cur, F.and(cur.pc, F.not(c)));
      exits.push({ sel: F.not(c), state: out });
      const next = fork(cur, F.and(cur.pc, c));
      if (isFalse(next.pc)) break;
      if (i === k) {
        cx.cuts.push({ loop: key, span: e.span, k, pc: next.pc, at: cx.known.length, mutated: assignedOutside(loopParts(e)) });
        break;
      }
      checkInvariants(cx, next, e, i === 0 ? 'initially' : 'preserved');
      const d = measure(cx, next, e);
      if (d) {
        checkMeasure(cx, next, e, d, prev, i === 0 ? 'initially' : 'preserved');
        prev = d;
      }
      evalE(cx, next, e.body);
      cur = next;
    }
  } finally {
    cx.loops.pop();
  }
  let m = exits[exits.length - 1]!.state;
  for (let j = exits.length - 2; j >= 0; j--) m = mergeStates(cx, exits[j]!.sel, exits[j]!.state, m);
  assign(st, m);
}

/** Gives every variable, block and handle the loop may change an unknown value. */
export function havoc(cx: Ctx, st: State, e: While): void {
  const { F } = cx;
  const plan = havocPlan(cx, st, e);
  const types = cx.prog.types;
  for (const name of plan.vars) {
    const t = cx.varTypes.get(name);
    if (!t) return unsupported(`type of loop variable ${name}`);
    st.env.set(name, freshSV(cx, st, t, `loop.${name}`, anyBlock(cx)));
  }
  for (const { elem, block } of plan.blocks) havocBlock(F, cx.D, st.mem, types, elem, block, 'loop.mem');
  for (const elem of plan.anyBlockOf) {
    for (const l of leavesOf(types, cx.D, elem)) {
      const old = cellsOf(st.mem, l.key);
      let fresh = F.fresh(`loop.cells.${l.key}`, arraySort(BID, arraySort(cx.D.sort(I64), l.sort)));
      // statics nothing writes keep their contents
      for (const s of cx.facts.statics.values()) {
        if (!s.immutable) continue;
        const id = F.bv(s.id, 32);
        fresh = F.store(fresh, id, sel(F, old, id));
      }
      st.mem.cells.set(l.key, fresh);
    }
  }
  if (plan.statics) {
    for (const s of cx.facts.statics.values()) if (!s.immutable) havocBlock(F, cx.D, st.mem, types, s.data.elem, F.bv(s.id, 32), 'loop.static');
  }
  const handles = (which: 'aused' | 'aepoch' | 'released', ids: Term[] | null, each: (id: Term, old: Term, now: Term) => Term) => {
    if (ids === null) {
      st.mem[which] = F.fresh(`loop.${which}`, st.mem[which].sort);
      return;
    }
    for (const id of ids) {
      const old = meta(F, st.mem, which, id);
      const now = F.fresh(`loop.${which}`, old.sort);
      setMeta(F, st.mem, which, id, now);
      fact(cx, st, each(id, old, now));
    }
  };
  const D = cx.D;
  handles('aused', plan.arenaUsed, (id, _old, now) => F.and(D.le(D.lit(0n, I64), now, I64), D.le(now, meta(F, st.mem, 'acap', id), I64)));
  handles('aepoch', plan.arenaEpoch, (_id, old, now) => D.le(old, now, I64));
  handles('released', plan.released, (_id, old, now) => F.implies(old, now));
}

function cutPoint(cx: Ctx, st: State, e: While): void {
  const { F } = cx;
  const key = loopKey(e.span);
  const cands = cx.opts.candidates.get(key) ?? [];
  const entry = fork(st, st.pc);
  cx.loops.push({ key, havoc: true });
  try {
    // the first iteration's top
    const c0 = boolOf(evalE(cx, st, e.cond));
    const first = fork(st, F.and(st.pc, c0));
    checkInvariants(cx, first, e, 'initially');
    for (const c of cands) {
      const t = c.make(first, entry);
      if (t) checkInternal(cx, first, { kind: 'candidate', loop: key, index: c.index, when: 'initially' }, F.not(t), c.text);
    }
    const d0 = measure(cx, first, e);
    if (d0) checkMeasure(cx, first, e, d0, null, 'initially');
    // an arbitrary iteration
    const it = fork(entry, entry.pc);
    havoc(cx, it, e);
    // The condition at the head of this arbitrary iteration was evaluated, with its checks,
    // either on entry (c0 above) or at the end of the previous iteration (cb below, from a
    // state this one generalises): here its checks only add what they guarantee.
    cx.assumeOnly++;
    let ch: Term;
    try {
      ch = boolOf(evalE(cx, it, e.cond));
    } finally {
      cx.assumeOnly--;
    }
    it.pc = F.and(it.pc, ch);
    silently(cx, () => e.invariants.map((inv) => boolOf(evalE(cx, it, inv)))).forEach((v) => fact(cx, it, v));
    for (const c of cands) {
      const t = c.make(it, entry);
      if (t) fact(cx, it, t);
    }
    const dh = silently(cx, () => measure(cx, it, e));
    if (dh) fact(cx, it, mle(cx, mlit(cx, 0), dh));
    evalE(cx, it, e.body);
    const cb = boolOf(evalE(cx, it, e.cond));
    const again = fork(it, F.and(it.pc, cb));
    checkInvariants(cx, again, e, 'preserved');
    for (const c of cands) {
      const t = c.make(again, entry);
      if (t) checkInternal(cx, again, { kind: 'candidate', loop: key, index: c.index, when: 'preserved' }, F.not(t), c.text);
    }
    if (dh) {
      const d = measure(cx, again, e);
      if (d) checkMeasure(cx, again, e, d, dh, 'preserved');
    }
    // exits: not entered, or after an iteration
    const skipped = fork(st, F.and(st.pc, F.not(c0)));
    const after = fork(it, F.and(it.pc, F.not(cb)));
    assign(st, mergeStates(cx, c0, after, skipped));
  } finally {
    cx.loops.pop();
  }
}

