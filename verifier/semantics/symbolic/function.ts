// Symbolic execution of one Core function for symbolic arguments and a symbolic initial
// memory: the API the safety VCs (prove.ts) and translation validation use.
//
// At entry: every argument is fresh; pointers and spans lie in blocks that existed before
// the call (ids below OWN_BASE — they may alias each other and the statics) and are alive
// (an implicit precondition; see exec-call.ts); statics have their sizes, and their
// contents when nothing in the program writes them (or in `main` when nothing calls it).
// Then `requires` are assumed (their own obligations checked first), the function's measure
// is checked >= 0, the body runs, and at the end `ensures`, the escape of the result and
// leaks are checked.
import type { CoreFn, CoreProgram, Obligation } from '../../../compiler/core/core.ts';
import type { Span } from '../../../compiler/syntax/ast.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import {
  check, checkInternal, fact, fork, globalFact, isFalse,
  type CallRecord, type Check, type Ctx, type Cut, type State, type SymOptions, type Ub,
} from './context.ts';
import { I64, symFloatDomain, symIntDomain, symIntDomainInt, type SymIntDomain } from './domain.ts';
import { boolOf, constSV, evalE, mathOf } from './exec.ts';
import { freshSV, type RefSource } from './fresh.ts';
import { ieeeFloatDomain } from './floats.ts';
import { mathBitsFor } from './math-width.ts';
import {
  BID, CALLEE_BASE, copyMemory, initialCellsVar, initialMemory, isAlive, KIND, leafSortOfKey, leavesOf, meta, OWN_BASE, toLeaves,
  type SymMemory,
} from './memory.ts';
import { programFacts, type ProgramFacts } from './summaries.ts';
import { programScales } from './scales.ts';
import { isUnsupported } from './unsupported.ts';
import { references, zeroSV, type SV } from './values.ts';

export type SymResult = {
  fn: string;
  /** The symbolic arguments (their leaves are the input variables). */
  params: { name: string; ty: Type; value: SV }[];
  /** Facts in execution order (context.ts); the first `entryFacts` describe the inputs
   *  (well-formedness, liveness and `requires`). */
  facts: Term[];
  entryFacts: number;
  /** Every check, in execution order: obligations (`ob`) and internal ones. */
  checks: Check[];
  /** Faults without an obligation on their node. */
  ub: Ub[];
  cuts: Cut[];
  calls: CallRecord[];
  /** The value returned, valid under `pc` (null when no path returns). */
  ret: { pc: Term; value: SV } | null;
  initialMemory: SymMemory;
  finalMemory: SymMemory;
  /** Set when the function uses something the engine does not model (then nothing else is meaningful). */
  unsupported: string | null;
  F: TermFactory;
  mathBits: number;
};

/** What symbolic executions of functions of one program share: one term factory, the
 *  program facts, the integer representation (domain.ts; default bit-vectors). */
export type Shared = {
  F: TermFactory; facts: ProgramFacts; mathBits: number; prog: CoreProgram; D: SymIntDomain;
  // core-memory engineer: 'ieee' gives floats the MLIR side's FloatingPoint meaning (floats.ts)
  floats?: 'ieee';
};

/** `repr`: 'int' over-approximates non-linear operations, 'int-exact' keeps them exact
 *  (domain.ts symIntDomainInt). */
export function sharedFor(prog: CoreProgram, opts: { F?: TermFactory; repr?: 'bv' | 'int' | 'int-exact'; floats?: 'ieee' } = {}): Shared {
  const F = opts.F ?? new TermFactory();
  const mathBits = mathBitsFor(prog);
  const D = opts.repr === 'int' || opts.repr === 'int-exact' ? symIntDomainInt(F, programScales(prog), opts.repr === 'int-exact') : symIntDomain(F, mathBits);
  return { F, facts: programFacts(prog), mathBits, prog, D, ...(opts.floats ? { floats: opts.floats } : {}) };
}

function varTypesOf(fn: CoreFn): Map<string, Type> {
  const out = new Map<string, Type>(fn.params.map((p) => [p.name, p.ty]));
  for (const r of [...fn.requires, ...fn.ensures, ...(fn.decreases ? [fn.decreases] : []), fn.body]) {
    forEachNode(r, (e) => {
      if (e.kind === 'Let') out.set(e.name, e.init.ty);
    });
  }
  return out;
}

function newCtx(sh: Shared, fn: CoreFn, opts: SymOptions): Ctx {
  const F = sh.F;
  const D = sh.D;
  return {
    F,
    D,
    Fl: sh.floats === 'ieee' ? ieeeFloatDomain(F, D) : symFloatDomain(F, D),
    prog: sh.prog,
    fn,
    fns: new Map(sh.prog.functions.map((f) => [f.name, f])),
    facts: sh.facts,
    varTypes: varTypesOf(fn),
    opts: { unroll: opts.unroll, callMode: opts.callMode, loops: opts.loops ?? 'invariants', candidates: opts.candidates ?? new Map(), ...(opts.onLoop ? { onLoop: opts.onLoop } : {}) }, // onLoop: core-loops engineer
    known: [],
    checks: [],
    ub: [],
    calls: [],
    cuts: [],
    nextOwn: OWN_BASE,
    nextCallee: CALLEE_BASE,
    loops: [],
    silent: 0,
    assumeOnly: 0,
    quants: [],
    entryMeasure: null,
    regions: [],
  };
}

/** The memory at entry: statics laid over the initial arrays (sizes always; contents when known). */
function entryMemory(cx: Ctx): SymMemory {
  const { F } = cx;
  const types = cx.prog.types;
  const clean = cx.fn.name === cx.prog.entry && !cx.facts.called.has(cx.fn.name);
  const known = [...cx.facts.statics.values()].filter((s) => s.immutable || clean);
  const D = cx.D;
  const init = (key: string): Term => {
    let base = initialCellsVar(F, D, { key, sort: leafSortOfKey(key) });
    for (const s of known) {
      const leaves = leavesOf(types, D, s.data.elem);
      const k = leaves.findIndex((l) => l.key === key);
      if (k < 0) continue;
      const zero = toLeaves(zeroSV(F, D, s.data.elem, types))[k]!;
      let inner = F.constArray(D.sort(I64), zero);
      s.data.values.forEach((v, i) => {
        inner = F.store(inner, D.lit(BigInt(i), I64), toLeaves(constSV(cx, v, s.data.elem))[k]!);
      });
      base = F.store(base, F.bv(s.id, 32), inner);
    }
    return base;
  };
  const m = initialMemory(F, D, init);
  const zero32 = F.bv(0, 32);
  m.size = F.store(m.size, zero32, D.lit(0n, I64));
  m.kind = F.store(m.kind, zero32, F.bv(KIND.other, 8));
  for (const s of cx.facts.statics.values()) {
    const id = F.bv(s.id, 32);
    m.size = F.store(m.size, id, D.lit(BigInt(s.data.values.length), I64));
    m.kind = F.store(m.kind, id, F.bv(KIND.other, 8));
  }
  return m;
}

/** References of arguments: blocks and handles that existed before the call, alive. */
function argRefs(cx: Ctx, st: State): RefSource {
  const { F, D } = cx;
  const in64 = (t: Term, lo: bigint, hi: bigint) => F.and(D.le(D.lit(lo, I64), t, I64), D.le(t, D.lit(hi, I64), I64));
  return (kind, _elem, name) => {
    const b = F.fresh(`${name}.${kind === 'arena' || kind === 'region' ? kind : 'block'}`, BID);
    globalFact(cx, F.and(F.app('bvule', [F.bv(1, 32), b]), F.app('bvult', [b, F.bv(OWN_BASE, 32)])));
    if (kind === 'ptr' || kind === 'span') {
      globalFact(cx, in64(meta(F, st.mem, 'size', b), 0n, (1n << 62n) - 1n));
      globalFact(cx, isAlive(F, st.mem, b));
      // an arena or region it lives in existed before the call too
      globalFact(cx, F.app('bvult', [meta(F, st.mem, 'owner', b), F.bv(OWN_BASE, 32)]));
    } else if (kind === 'arena') {
      const cap = meta(F, st.mem, 'acap', b);
      globalFact(cx, in64(cap, 0n, (1n << 40n) - 1n));
      globalFact(cx, F.and(D.le(D.lit(0n, I64), meta(F, st.mem, 'aused', b), I64), D.le(meta(F, st.mem, 'aused', b), cap, I64)));
    } else {
      globalFact(cx, F.not(meta(F, st.mem, 'released', b)));
    }
    return b;
  };
}

function isOwn(cx: Ctx, t: Term): Term {
  const { F } = cx;
  return F.and(F.app('bvuge', [t, F.bv(OWN_BASE, 32)]), F.app('bvult', [t, F.bv(CALLEE_BASE, 32)]));
}

/** The result refers to memory of this frame: its stack and arenas, or its regions. */
function escapes(cx: Ctx, st: State, v: SV, category: 'stack-escape' | 'region-escape'): Term {
  const { F } = cx;
  const m = st.mem;
  const kindIs = (b: Term, k: number) => F.eq(meta(F, m, 'kind', b), F.bv(k, 8));
  return F.or(
    ...references(v).map((r) => {
      if (r.k === 'arena') return category === 'stack-escape' ? isOwn(cx, r.id) : F.false;
      if (r.k === 'region') return category === 'region-escape' ? isOwn(cx, r.id) : F.false;
      if (r.k !== 'ptr' && r.k !== 'span') return F.false;
      if (category === 'region-escape') return F.and(kindIs(r.block, KIND.region), isOwn(cx, meta(F, m, 'owner', r.block)));
      return F.or(F.and(kindIs(r.block, KIND.stack), isOwn(cx, r.block)), F.and(kindIs(r.block, KIND.arena), isOwn(cx, meta(F, m, 'owner', r.block))));
    }),
  );
}

function obsOf(fn: CoreFn, category: string): Obligation[] {
  return fn.obs.filter((o) => o.category === category);
}

function sameSpan(a: Span, b: Span): boolean {
  return a.line === b.line && a.col === b.col && a.start === b.start;
}

export function symExecFunction(prog: CoreProgram, fnName: string, opts: SymOptions, shared?: Shared): SymResult {
  const sh = shared ?? sharedFor(prog);
  const fn = prog.functions.find((f) => f.name === fnName);
  if (!fn) throw new Error(`symbolic: no function ${fnName}`);
  const cx = newCtx(sh, fn, opts);
  const { F } = cx;
  const mem0 = entryMemory(cx);
  // a copy: stores before the first branch update cells in place, and mem0 must stay the
  // initial memory (replay and core-to-mlir validation read it)
  const st: State = { env: new Map(), mem: copyMemory(mem0), pc: F.true };
  const params: SymResult['params'] = [];
  let entryFacts = 0;
  let ret: SymResult['ret'] = null;
  let unsupportedWhat: string | null = null;
  try {
    const refs = argRefs(cx, st);
    for (const p of fn.params) {
      const v = freshSV(cx, st, p.ty, `arg.${p.name}`, refs);
      st.env.set(p.name, v);
      params.push({ name: p.name, ty: p.ty, value: v });
    }
    for (const r of fn.requires) fact(cx, st, boolOf(evalE(cx, st, r)));
    entryFacts = cx.known.length;
    if (fn.decreases) {
      const d = mathOf(cx, evalE(cx, st, fn.decreases));
      cx.entryMeasure = d;
      const ob = obsOf(fn, 'termination')[0];
      if (ob) check(cx, st, ob, cx.D.lt(d, cx.D.lit(0n, 'math'), 'math'), 'the measure is negative on entry');
    }
    const value = evalE(cx, st, fn.body);
    if (!isFalse(st.pc)) {
      const post = fork(st, st.pc);
      post.env.set('result', value);
      const posts = obsOf(fn, 'postcondition');
      fn.ensures.forEach((en, i) => {
        const c = boolOf(evalE(cx, post, en));
        const ob = posts[i] ?? posts[0];
        if (ob) check(cx, post, ob, F.not(c), `a postcondition of ${fn.name} does not hold`);
        else fact(cx, post, c);
      });
      for (const category of ['stack-escape', 'region-escape'] as const) {
        const ob = obsOf(fn, category)[0];
        if (ob) check(cx, post, ob, escapes(cx, post, value, category), `the result refers to ${category === 'stack-escape' ? 'stack' : 'region'} memory of ${fn.name}`);
      }
      for (const r of references(value)) {
        if (r.k === 'ptr' || r.k === 'span') checkInternal(cx, post, { kind: 'result-live' }, F.not(isAlive(F, post.mem, r.block)), `${fn.name} returns memory that is no longer alive`);
      }
      const leaks = obsOf(fn, 'leak');
      for (const r of cx.regions) {
        const ob = leaks.find((o) => sameSpan(o.span, r.span));
        if (!ob) continue;
        if (r.inHavocLoop) check(cx, { ...post, pc: r.pc }, ob, F.true, 'a region created in a loop is never released');
        else check(cx, post, ob, F.and(r.pc, F.not(meta(F, post.mem, 'released', r.id))), `a region created in ${fn.name} is never released`);
      }
      st.pc = post.pc;
      ret = { pc: post.pc, value };
    }
  } catch (x) {
    if (!isUnsupported(x)) throw x;
    unsupportedWhat = x.what;
  }
  return {
    fn: fn.name,
    params,
    facts: cx.known,
    entryFacts,
    checks: cx.checks,
    ub: cx.ub,
    cuts: cx.cuts,
    calls: cx.calls,
    ret,
    initialMemory: mem0,
    finalMemory: st.mem,
    unsupported: unsupportedWhat,
    F,
    mathBits: sh.mathBits,
  };
}

