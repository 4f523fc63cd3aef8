// Calls, modularly. In `contract` mode the callee's `requires` are checked at the call (its
// precondition obligations), then the callee's effects are havocked and its `ensures`
// assumed; `uninterpreted` does the same without the contract (translation validation
// relates the calls of both sides itself, from the recorded call list).
// Effects of a callee, from its transitive summary (summaries.ts): the blocks it was handed
// get unknown contents if it may store (and the mutable statics), arenas it was handed get
// unknown usage (and a later epoch if it may reset). In `contract` mode a block handed only
// to read-only parameters keeps its contents: the callee's stores go through its other
// parameters (a block that aliases one of those is the same term, and is havocked) or into
// memory it made itself, since Clef keeps no pointers in memory. Its result is fresh; a
// pointer or span in it lies in a block the caller had already (one it passed, or any block
// older than the call), or in a new block of an arena or region it was given.
// Implicit liveness contracts: references passed to a callee are alive (an internal
// `arg-live` check here) and references a callee returns are alive (assumed here, checked in
// the callee as `result-live`); prove.ts folds both into the liveness verdicts.
import type { CExpr } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { BOOL, bvSort, type Term } from '../../smt/term.ts';
import { check, checkInternal, fact, fork, obligationOf, recordUb, type Ctx, type State } from './context.ts';
import { boolOf, evalE, mathOf } from './exec.ts';
import { freshInt, freshSV, mle, mlit, mlt, type RefSource } from './fresh.ts';
import { I64 } from './domain.ts';
import { BID, copyMemory, havocBlock, isAlive, KIND, meta, OWN_BASE, setMeta } from './memory.ts';
import { casePayloadTypes, recordFields, references, type SV } from './values.ts';

type CallNode = CExpr & { kind: 'Call' };

/** The pointers and spans inside a value, with their element types. */
export function typedRefs(cx: Ctx, v: SV, t: Type, out: { elem: Type; block: Term }[] = []): { elem: Type; block: Term }[] {
  switch (v.k) {
    case 'ptr':
    case 'span':
      if (t.kind === 'ptr' || t.kind === 'span') out.push({ elem: t.elem, block: v.block });
      break;
    case 'agg': {
      const fs = recordFields(cx.prog.types, t);
      v.items.forEach((x, i) => typedRefs(cx, x, fs[i]!, out));
      break;
    }
    case 'case': {
      const cs = casePayloadTypes(cx.prog.types, t);
      v.cases.forEach((p, j) => p.forEach((x, i) => typedRefs(cx, x, cs[j]![i]!, out)));
      break;
    }
    default:
      break;
  }
  return out;
}

function silently<T>(cx: Ctx, f: () => T): T {
  cx.silent++;
  try {
    return f();
  } finally {
    cx.silent--;
  }
}

export function evalCall(cx: Ctx, st: State, e: CallNode): SV {
  const { F } = cx;
  const args = e.args.map((a) => evalE(cx, st, a));
  const callee = cx.fns.get(e.fn);
  if (!callee) throw new Error(`symbolic: call of unknown function ${e.fn}`);
  const passed = args.flatMap((a, i) => typedRefs(cx, a, callee.params[i]?.ty ?? e.args[i]!.ty));
  for (const r of passed) {
    checkInternal(cx, st, { kind: 'arg-live', callee: callee.name, span: e.span }, F.not(isAlive(F, st.mem, r.block)), `a reference passed to ${callee.name} is no longer alive`);
  }
  const contract = cx.opts.callMode === 'contract';
  const calleeEnv = (): State => {
    const s = fork(st, st.pc);
    s.env = new Map(callee.params.map((p, i) => [p.name, args[i]!]));
    return s;
  };
  if (contract) {
    callee.requires.forEach((r, i) => {
      const v = silently(cx, () => boolOf(evalE(cx, calleeEnv(), r)));
      const ob = obligationOf(e, 'precondition', i);
      if (ob) check(cx, st, ob, F.not(v), `a precondition of ${callee.name} does not hold`);
      else recordUb(cx, st, 'precondition', F.not(v), e.span, `a precondition of ${callee.name} does not hold`);
    });
    if (callee.name === cx.fn.name && callee.decreases && cx.entryMeasure) {
      const dec = callee.decreases;
      const d = silently(cx, () => mathOf(cx, evalE(cx, calleeEnv(), dec)));
      const bad = F.or(mlt(cx, d, mlit(cx, 0)), mle(cx, cx.entryMeasure, d));
      const ob = cx.fn.obs.find((o) => o.category === 'termination');
      if (ob) check(cx, st, ob, bad, 'the measure of a recursive call does not decrease');
    }
  }
  const memBefore = copyMemory(st.mem);
  havocEffects(cx, st, callee.name, args, contract);
  const result = freshSV(cx, st, callee.ret, `ret.${callee.name}`, resultRefs(cx, st, callee.name, args, passed));
  for (const r of references(result)) {
    if (r.k === 'ptr' || r.k === 'span') fact(cx, st, isAlive(F, st.mem, r.block));
  }
  if (contract && callee.ensures.length) {
    const post = calleeEnv();
    post.env.set('result', result);
    for (const en of callee.ensures) fact(cx, st, silently(cx, () => boolOf(evalE(cx, post, en))));
  }
  cx.calls.push({ callee: callee.name, span: e.span, args, pc: st.pc, memBefore, result, memAfter: copyMemory(st.mem) });
  return result;
}

function havocEffects(cx: Ctx, st: State, callee: string, args: SV[], contract: boolean): void {
  const { F } = cx;
  const fnDef = cx.fns.get(callee)!;
  const ef = cx.facts.effects.get(callee) ?? { stores: true, resets: true, allocs: true };
  // Translation validation (`uninterpreted`) relates the memory after a call itself; only
  // the safety proofs use the read-only summary.
  const ro = contract ? cx.facts.readOnly.get(callee) : undefined;
  if (ef.stores) {
    args.forEach((a, i) => {
      if (ro?.[i]) return;
      for (const r of typedRefs(cx, a, fnDef.params[i]!.ty)) havocBlock(F, cx.D, st.mem, cx.prog.types, r.elem, r.block, `call.${callee}`);
    });
    for (const s of cx.facts.statics.values()) {
      if (!s.immutable) havocBlock(F, cx.D, st.mem, cx.prog.types, s.data.elem, F.bv(s.id, 32), `call.${callee}.static`);
    }
  }
  if (ef.allocs || ef.resets) {
    for (const a of args.flatMap((x) => references(x))) {
      if (a.k !== 'arena') continue;
      const D = cx.D;
      const used = F.fresh(`call.${callee}.aused`, D.sort(I64));
      fact(cx, st, F.and(D.le(D.lit(0n, I64), used, I64), D.le(used, meta(F, st.mem, 'acap', a.id), I64)));
      if (!ef.resets) fact(cx, st, D.le(meta(F, st.mem, 'aused', a.id), used, I64));
      setMeta(F, st.mem, 'aused', a.id, used);
      if (ef.resets) {
        const ep = F.fresh(`call.${callee}.aepoch`, D.sort(I64));
        fact(cx, st, D.le(meta(F, st.mem, 'aepoch', a.id), ep, I64));
        setMeta(F, st.mem, 'aepoch', a.id, ep);
      }
    }
  }
}

/** Where the references in a callee's result may point (see the file comment). */
function resultRefs(cx: Ctx, st: State, callee: string, args: SV[], passed: { elem: Type; block: Term }[]): RefSource {
  const { F } = cx;
  const handles = args.flatMap((x) => references(x));
  const arenas = handles.filter((h): h is SV & { k: 'arena' } => h.k === 'arena').map((h) => h.id);
  const regions = handles.filter((h): h is SV & { k: 'region' } => h.k === 'region').map((h) => h.id);
  const older = (name: string): Term => {
    const b = F.fresh(`${name}.block`, BID);
    fact(cx, st, F.and(F.app('bvule', [F.bv(1, 32), b]), F.app('bvult', [b, F.bv(OWN_BASE, 32)]), F.app('bvult', [meta(F, st.mem, 'owner', b), F.bv(OWN_BASE, 32)])));
    return b;
  };
  const choose = (options: Term[], name: string): Term => {
    let t = options[options.length - 1]!;
    for (let i = options.length - 2; i >= 0; i--) t = F.ite(F.fresh(`${name}.which`, BOOL), options[i]!, t);
    return t;
  };
  return (kind, elem, name) => {
    if (kind === 'arena') return choose([...arenas, older(name)], name);
    if (kind === 'region') return choose([...regions, older(name)], name);
    const options = passed.filter((p) => elem && showType(p.elem) === showType(elem)).map((p) => p.block);
    if (arenas.length || regions.length) {
      const id = F.bv(cx.nextCallee++, 32);
      const kindT = F.fresh(`${name}.kind`, bvSort(8));
      const owner = F.fresh(`${name}.owner`, BID);
      const inArena = F.and(F.eq(kindT, F.bv(KIND.arena, 8)), F.or(...arenas.map((a) => F.eq(owner, a))));
      const inRegion = F.and(F.eq(kindT, F.bv(KIND.region, 8)), F.or(...regions.map((r) => F.eq(owner, r))));
      fact(cx, st, F.or(inArena, inRegion));
      setMeta(F, st.mem, 'kind', id, kindT);
      setMeta(F, st.mem, 'owner', id, owner);
      setMeta(F, st.mem, 'size', id, freshInt(cx, st, I64, `${name}.size`));
      setMeta(F, st.mem, 'bepoch', id, freshInt(cx, st, I64, `${name}.bepoch`));
      options.push(id);
    }
    options.push(older(name));
    return choose(options, name);
  };
}

