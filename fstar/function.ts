// One Clef function as one F* function: its signature (effect, `requires` from the
// function's `Requires` plus liveness of its memory arguments, `ensures` from its
// `Ensures` plus a `modifies` clause, `decreases` from its `Contract.decreases`) and its
// body, which asserts every whole-function obligation where it is decided: termination on
// entry, stack-escape after the frame is popped, each postcondition before returning.
import type { CoreFn, Obligation } from '../compiler/core/core.ts';
import { readsHeap } from './loops.ts';
import { NotModelled, type ProgCx } from './context.ts';
import { emit, indented, newOut, type Out } from './lines.ts';
import { childSpace, claim, commentSafe } from './names.ts';
import {
  allocatesHere,
  check,
  clause,
  effectName,
  innerObligations,
  isStateful,
  local,
  mark,
  modifiesLoc,
  noteType,
  specEnv,
  value,
  type Conj,
  type FnScope,
} from './body.ts';
import { specInt, specProp } from './spec.ts';
import { fstarType, holdsMemory, liveOf, paren } from './types.ts';
import { forEachNode } from '../compiler/core/walk.ts';

function attempt(f: () => string): string | { unsupported: string } {
  try {
    return f();
  } catch (err) {
    if (err instanceof NotModelled) return { unsupported: err.message };
    throw err;
  }
}

/** Emits `fn` (as `let`, `let rec` or `and`) and returns its lines. */
export function emitFunction(cx: ProgCx, fn: CoreFn, head: 'let' | 'let rec' | 'and'): Out {
  const facts = cx.analysis.facts.get(fn.name)!;
  const out = newOut();
  const ns = childSpace(cx.top);
  const s: FnScope = {
    cx,
    fn,
    facts,
    eff: facts.eff,
    out,
    ns,
    names: new Map(),
    types: new Map(),
    counter: { n: 0 },
    path: `Clef.${cx.moduleName}.${cx.fnNames.get(fn.name)}`,
    h: '',
    h0: '',
    h1: '',
  };
  for (const p of fn.params) {
    s.types.set(p.name, p.ty);
    local(s, p.name);
    noteType(cx, p.ty);
  }
  noteType(cx, fn.ret);
  s.h = claim(ns, 'h');
  s.h0 = claim(ns, 'h0');
  s.h1 = claim(ns, 'h1');
  const result = claim(ns, 'result');
  const stateful = isStateful(s.eff);
  const heapIn = stateful ? s.h : null;
  const heapOut = stateful ? s.h1 : null;
  const fname = cx.fnNames.get(fn.name)!;
  const tyText = (t: CoreFn['ret']) => fstarType(cx.tn, t);

  // Signature.
  const params = fn.params.length ? fn.params.map((p) => `(${local(s, p.name)}: ${tyText(p.ty)})`).join(' ') : '()';
  const requires: Conj[] = [];
  if (stateful)
    for (const p of fn.params) {
      const live = liveOf(cx.tn, p.ty, local(s, p.name), s.h);
      if (live) requires.push({ text: live, marks: [] });
    }
  for (const r of fn.requires) {
    const prop = attempt(() => specProp(specEnv(s, heapIn), r));
    const marks = innerObligations(r).map((o) => mark(s, o, typeof prop === 'string' ? 'requires' : 'unmodelled'));
    requires.push(typeof prop === 'string' ? { text: prop, marks } : { text: null, marks, comment: `Requires not expressed in F*: ${commentSafe(prop.unsupported)}` });
  }
  const ensures: Conj[] = [];
  const resultVar = { text: result, ty: fn.ret, math: false };
  if (stateful) {
    ensures.push({ text: `B.modifies (${modifiesLoc(s, facts.writes, null)}) ${s.h0} ${s.h1}`, marks: [] });
    if (holdsMemory(cx.core.types, fn.ret)) {
      const live = liveOf(cx.tn, fn.ret, result, s.h1);
      if (live) ensures.push({ text: live, marks: [] });
    }
    for (const p of fn.params) {
      if (p.ty.kind !== 'arena' && p.ty.kind !== 'region') continue;
      ensures.push({ text: liveOf(cx.tn, p.ty, local(s, p.name), s.h1)!, marks: [] });
    }
  }
  for (const e of fn.ensures) {
    const prop = attempt(() => specProp(specEnv(s, heapOut, [['result', resultVar]]), e));
    const marks = innerObligations(e).map((o) => mark(s, o, typeof prop === 'string' ? 'ensures' : 'unmodelled'));
    ensures.push(typeof prop === 'string' ? { text: prop, marks } : { text: null, marks, comment: `Ensures not expressed in F*: ${commentSafe(prop.unsupported)}` });
  }
  let decreases: string | null = null;
  if (facts.recursive && fn.decreases && s.eff !== 'div' && !readsHeap(fn.decreases)) {
    const d = attempt(() => specInt(specEnv(s, null), fn.decreases!));
    if (typeof d === 'string') decreases = d;
  }

  const lifted = fn.liftedFrom ? ` (nested in ${fn.liftedFrom})` : '';
  emit(out, `(* ${commentSafe(fn.name)}${lifted}, ${commentSafe(fn.span.file)}:${fn.span.line} *)`);
  emit(out, `${head} ${fname} ${params}`);
  indented(out, () => {
    emit(out, `: ${effectName(s.eff)} ${paren(tyText(fn.ret))}`);
    indented(out, () => {
      clause(out, 'requires', stateful ? `fun ${s.h} ->` : null, requires);
      clause(out, 'ensures', stateful ? `fun ${s.h0} ${result} ${s.h1} ->` : `fun ${result} ->`, ensures);
      if (decreases !== null) emit(out, `(decreases (${decreases}))`, fn.decreases ? innerObligations(fn.decreases).map((o) => mark(s, o, 'decreases')) : []);
      else if (facts.recursive && s.eff !== 'div') emit(out, '(* no measure: F* must find one *)');
    });
    emit(out, '=');
    body(s);
  });
  return out;
}

function body(s: FnScope): void {
  const { cx, fn, out } = s;
  const stateful = isStateful(s.eff);
  const done = new Set<string>();
  const checkFn = (ob: Obligation, prop: string | null, heap: boolean, also: Obligation[] = []) => {
    check(s, ob, prop, heap, also);
    done.add(ob.id);
  };
  emit(out, 'clef_pow2_facts ();');
  const statics = new Set<string>();
  forEachNode(fn.body, (e) => {
    if (e.kind === 'Static') statics.add(e.name);
  });
  for (const st of statics) emit(out, `B.recall ${cx.statics.get(st)!.buf};`);

  const heap = stateful ? s.h : null;
  const term = fn.obs.find((o) => o.category === 'termination');
  if (term && fn.decreases) {
    const d = attempt(() => specInt(specEnv(s, heap), fn.decreases!));
    const prop = typeof d === 'string' ? `0 <= ${d}` : null;
    checkFn(term, prop, heap !== null && prop !== null && prop.includes(`${heap} `), innerObligations(fn.decreases));
  }

  const frame = stateful && allocatesHere(fn.body);
  if (frame) emit(out, 'HST.push_frame ();');
  const r = value(s, fn.body);
  if (frame) emit(out, 'HST.pop_frame ();');
  for (const line of out.lines) for (const m of line.marks) done.add(m.id);

  for (const ob of fn.obs) {
    if (done.has(ob.id)) continue;
    if (ob.category === 'stack-escape' || ob.category === 'region-escape') {
      const live = stateful ? liveOf(cx.tn, fn.ret, r, s.h) : null;
      checkFn(ob, live, live !== null);
    }
  }
  const posts = fn.obs.filter((o) => o.category === 'postcondition');
  fn.ensures.forEach((e, k) => {
    const ob = posts[k];
    if (!ob) return;
    const prop = attempt(() => specProp(specEnv(s, heap, [['result', { text: r, ty: fn.ret, math: false }]]), e));
    const text = typeof prop === 'string' ? prop : null;
    checkFn(ob, text, heap !== null && text !== null && text.includes(`${heap} `));
  });
  for (const ob of fn.obs) if (!done.has(ob.id)) checkFn(ob, null, false);
  emit(out, r);
}
