// Function bodies: Core expressions as F* in A-normal form. Every intermediate value is
// bound by `let` in evaluation order, so every obligation can be stated, just before its
// operation, as one named assertion on its own line:
//
//     assert (FStar.Int.size (I64.v hi - I64.v lo) 64); (* obligation find/overflow/17:25 *)
//     let t3 = I64.sub hi lo in
//
// Mutable locals are rebound (`x <- e` is `let x = e in`): a branch that assigns hands the
// new values back as a tuple, and a `while` loop is a local recursive function of the
// variables it updates (see loops.ts for its measure). The F* effect of the code is the
// function's (analysis.ts); memory goes through the prelude's span/pointer operations.
import type { CExpr, CoreFn, Obligation } from '../compiler/core/core.ts';
import { fnObligations, forEachNode, childrenOf } from '../compiler/core/walk.ts';
import type { Type } from '../compiler/types/types.ts';
import { sizeOf } from '../verifier/semantics/layout.ts';
import { writesOf, type Eff, type FnFacts, type Root } from './analysis.ts';
import { NotModelled, type ProgCx } from './context.ts';
import { emit, indented, type ObForm, type ObMark, type Out } from './lines.ts';
import { declaredIn, hasFstarMeasure, loopMeasure, outerAssigned, readsHeap } from './loops.ts';
import { claim, commentSafe, fresh, type NameSpace } from './names.ts';
import { constText, convertOp, floatOp, primOp, type ObCheck } from './ops.ts';
import { specBool, specInt, specProp, tagFunction, type SpecEnv, type SpecVar } from './spec.ts';
import { caseValue, fstarType, holdsMemory, intView, liveOf, paren, vOf, zeroOf } from './types.ts';

export type FnScope = {
  cx: ProgCx;
  fn: CoreFn;
  facts: FnFacts;
  eff: Eff;
  out: Out;
  ns: NameSpace;
  /** Core variable -> F* name (fixed: rebinding reuses the name). */
  names: Map<string, string>;
  types: Map<string, Type>;
  counter: { n: number };
  /** The F* definition the current code belongs to, for the obligation table. */
  path: string;
  /** Names for heap snapshots and ensures binders, fresh for this function. */
  h: string;
  h0: string;
  h1: string;
};

export function isStateful(eff: Eff): boolean {
  return eff === 'stack' || eff === 'st';
}

export function local(s: FnScope, core: string): string {
  let n = s.names.get(core);
  if (!n) {
    n = claim(s.ns, core);
    s.names.set(core, n);
  }
  return n;
}

function temp(s: FnScope): string {
  return fresh(s.ns, 't', s.counter);
}

export function mark(s: FnScope, ob: Obligation, form: ObForm = 'assert'): ObMark {
  return { id: ob.id, fstarName: s.path, form };
}

function tyText(s: FnScope, t: Type): string {
  noteType(s.cx, t);
  return fstarType(s.cx.tn, t);
}

/** Records what a type needs from the prelude and the type declarations. */
export function noteType(cx: ProgCx, t: Type): void {
  switch (t.kind) {
    case 'span':
      cx.pieces.add('span');
      noteType(cx, t.elem);
      return;
    case 'ptr':
      noteType(cx, t.elem);
      return;
    case 'arena':
      cx.pieces.add('arena');
      return;
    case 'region':
      cx.pieces.add('region');
      return;
    case 'tuple':
      t.elems.forEach((e) => noteType(cx, e));
      return;
    case 'record':
      cx.typeUses.add(`record:${t.name}`);
      for (const f of cx.tn.table.records.get(t.name)?.fields ?? []) noteType(cx, f.ty);
      return;
    case 'union':
      if (t.name === 'Result') cx.pieces.add('result');
      else if (t.name !== 'option' && t.name !== 'voption') cx.typeUses.add(`union:${t.name}`);
      t.args.forEach((a) => noteType(cx, a));
      for (const c of cx.tn.table.unions.get(t.name)?.cases ?? []) for (const f of c.fields) if (f.ty.kind !== 'var') noteType(cx, f.ty);
      return;
    case 'float':
      cx.floats.set(t.bits === 64 ? 'f64_of_bits' : 'f32_of_bits', t.bits === 64 ? { name: 'f64_of_bits', sig: 'U64.t -> Tot float64' } : { name: 'f32_of_bits', sig: 'U32.t -> Tot float32' });
      return;
    default:
      return;
  }
}

function zero(s: FnScope, t: Type): string {
  noteType(s.cx, t);
  return zeroOf(s.cx.tn, t);
}

/** The spec environment of the current scope: every variable bound so far. */
export function specEnv(s: FnScope, heap: string | null, extra: [string, SpecVar][] = [], runtime = false): SpecEnv {
  const vars = new Map<string, SpecVar>();
  for (const [core, f] of s.names) {
    const ty = s.types.get(core);
    if (ty) vars.set(core, { text: f, ty, math: false });
  }
  for (const [k, v] of extra) vars.set(k, v);
  return { cx: s.cx, vars, heap, ns: { used: new Set(s.ns.used) }, runtime };
}

/** Obligations of the nodes inside an expression (a contract's own well-formedness). */
export function innerObligations(e: CExpr): Obligation[] {
  const fake: CoreFn = { name: '', params: [], ret: e.ty, body: e, requires: [], ensures: [], decreases: null, liftedFrom: null, obs: [], span: e.span };
  return fnObligations(fake);
}

/** One named assertion (or, when the condition is not expressible, a comment that says so). */
export function check(s: FnScope, ob: Obligation, prop: string | null, heap: boolean, also: Obligation[] = []): void {
  const marks = [ob, ...also];
  if (prop === null) {
    emit(s.out, `(* obligation ${commentSafe(ob.id)}: not expressed in this F* model *)`, marks.map((o) => mark(s, o, 'unmodelled')));
    return;
  }
  const get = heap ? `let ${s.h} = HST.get () in ` : '';
  // the obligations inside the condition (an index or a division in a loop invariant) are
  // its well-formedness: F* checks them with the assertion itself, so each is named there
  const names = marks.map((o) => `(* obligation ${commentSafe(o.id)} *)`).join(' ');
  emit(s.out, `${get}assert (${prop}); ${names}`, marks.map((o) => mark(s, o)));
}

function runChecks(s: FnScope, checks: ObCheck[]): void {
  for (const c of checks) check(s, c.ob, c.prop, c.heap ?? false);
}

function tryProp(f: () => string): string | null {
  try {
    return f();
  } catch (err) {
    if (err instanceof NotModelled) return null;
    throw err;
  }
}

function bind(s: FnScope, rhs: string, ty: Type, target?: string): string {
  if (ty.kind === 'unit' && !target) {
    emit(s.out, `${rhs};`);
    return '()';
  }
  const name = target ?? temp(s);
  emit(s.out, `let ${name} = ${rhs} in`);
  return name;
}

function tuple(parts: string[]): string {
  return parts.length === 0 ? '()' : parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
}

/** Evaluates `e`, binding its value to `target` when given; returns an atom for the value. */
export function value(s: FnScope, e: CExpr, target?: string): string {
  const cx = s.cx;
  switch (e.kind) {
    case 'Const': {
      noteType(cx, e.ty);
      const c = constText(cx, e.ty, e.value);
      return target ? bind(s, c, e.ty, target) : c;
    }
    case 'Var': {
      const v = local(s, e.name);
      return target && target !== v ? bind(s, v, e.ty, target) : v;
    }
    case 'Static': {
      const st = cx.statics.get(e.name)!;
      return target ? bind(s, st.span, e.ty, target) : st.span;
    }
    case 'Let': {
      s.types.set(e.name, e.init.ty);
      const name = local(s, e.name);
      const v = value(s, e.init, name);
      if (v !== name) emit(s.out, `let ${name} = ${v} in`);
      return value(s, e.body, target);
    }
    case 'Assign': {
      const name = local(s, e.name);
      const v = value(s, e.value, name);
      if (v !== name) emit(s.out, `let ${name} = ${v} in`);
      return '()';
    }
    case 'Seq': {
      const items = e.items;
      for (let i = 0; i < items.length - 1; i++) {
        const it = items[i]!;
        const next = items[i + 1]!;
        if (it.kind === 'RegionRelease' && i === items.length - 2 && next.kind === 'Var') regionRelease(s, it, next);
        else value(s, it);
      }
      return value(s, items[items.length - 1]!, target);
    }
    case 'If':
      return ifValue(s, e, target);
    case 'While':
      loop(s, e);
      return target ? bind(s, '()', e.ty, target) : '()';
    case 'Prim': {
      const disc = discriminator(s, e);
      if (disc) return bind(s, disc, e.ty, target);
      const args = e.args.map((a) => value(s, a));
      const r = primOp(cx, e, args);
      runChecks(s, r.checks);
      return bind(s, r.rhs, e.ty, target);
    }
    case 'Convert': {
      const x = value(s, e.arg);
      const r = convertOp(cx, e, x);
      runChecks(s, r.checks);
      return bind(s, r.rhs, e.ty, target);
    }
    case 'Call':
      return call(s, e, target);
    case 'Builtin':
      return bind(s, builtin(s, e), e.ty, target);
    case 'Tuple': {
      const items = e.items.map((x) => value(s, x));
      return bind(s, tuple(items), e.ty, target);
    }
    case 'TupleGet': {
      const t = value(s, e.tuple);
      const n = e.tuple.ty.kind === 'tuple' ? e.tuple.ty.elems.length : 0;
      return bind(s, `Mktuple${n}?._${e.index + 1} ${paren(t)}`, e.ty, target);
    }
    case 'Record': {
      const fields = e.fields.map((x) => value(s, x));
      noteType(cx, e.ty);
      const names = e.ty.kind === 'record' ? cx.tn.records.get(e.ty.name) : undefined;
      if (!names) throw new Error(`fstar: record type of ${e.kind}`);
      return bind(s, `{ ${fields.map((f, i) => `${names.fields[i]} = ${f}`).join('; ')} }`, e.ty, target);
    }
    case 'RecordGet': {
      const r = value(s, e.record);
      const names = e.record.ty.kind === 'record' ? cx.tn.records.get(e.record.ty.name) : undefined;
      if (!names) throw new Error('fstar: RecordGet on a non-record');
      return bind(s, `${paren(r)}.${names.fields[e.index]}`, e.ty, target);
    }
    case 'MakeCase': {
      const payload = e.payload.map((x) => value(s, x));
      noteType(cx, e.ty);
      return bind(s, caseValue(cx.tn, e.ty, e.tag, payload), e.ty, target);
    }
    case 'CaseTag': {
      const v = value(s, e.value);
      return bind(s, `${tagFunction(cx, e.value.ty)} ${paren(v)}`, e.ty, target);
    }
    case 'CaseField': {
      const v = value(s, e.value);
      const u = e.value.ty.kind === 'union' ? cx.tn.unions.get(e.value.ty.name) : undefined;
      if (!u) throw new Error('fstar: CaseField on a non-union');
      return bind(s, `${u.ctors.get(e.tag)}?.${u.fields.get(e.tag)![e.index]} ${paren(v)}`, e.ty, target);
    }
    case 'StackAlloc': {
      const n = value(s, e.count);
      const nv = vOf({ bits: 64, signed: true }, paren(n));
      for (const ob of e.obs) check(s, ob, ob.category === 'bounds' ? `0 < ${nv}` : null, false);
      return bind(s, `B.alloca ${paren(zero(s, e.elem))} (U32.uint_to_t (${nv}))`, e.ty, target);
    }
    case 'PtrAdd': {
      const p = value(s, e.ptr);
      const k = value(s, e.offset);
      const kv = vOf({ bits: 64, signed: true }, paren(k));
      for (const ob of e.obs) check(s, ob, ob.category === 'bounds' ? `0 <= ${kv} /\\ ${kv} <= B.length ${paren(p)}` : null, false);
      cx.pieces.add('ptr_add');
      return bind(s, `ptr_add ${paren(p)} ${paren(k)}`, e.ty, target);
    }
    case 'Load':
    case 'Store': {
      const tgt = value(s, e.target);
      const i = value(s, e.index);
      const x = e.kind === 'Store' ? value(s, e.value) : null;
      accessChecks(s, e.target.ty, tgt, e.obs, (iv) => `0 <= ${iv} /\\ ${iv} < ${extentOf(e.target.ty, tgt)}`, i);
      const isSpan = e.target.ty.kind === 'span';
      const op = `${isSpan ? 'span' : 'ptr'}_${e.kind === 'Load' ? 'get' : 'set'}`;
      cx.pieces.add(op);
      return bind(s, `${op} ${paren(tgt)} ${paren(i)}${x === null ? '' : ` ${paren(x)}`}`, e.ty, target);
    }
    case 'SpanOfPtr': {
      const p = value(s, e.ptr);
      const n = value(s, e.length);
      const nv = vOf({ bits: 64, signed: true }, paren(n));
      for (const ob of e.obs) check(s, ob, ob.category === 'bounds' ? `0 <= ${nv} /\\ ${nv} <= B.length ${paren(p)}` : null, false);
      cx.pieces.add('span_of_ptr');
      return bind(s, `span_of_ptr ${paren(p)} ${paren(n)}`, e.ty, target);
    }
    case 'SpanSlice': {
      const src = value(s, e.source);
      const st = value(s, e.start);
      const n = value(s, e.length);
      const I = { bits: 64 as const, signed: true };
      const sv = vOf(I, paren(st));
      const nv = vOf(I, paren(n));
      accessChecks(s, e.source.ty, src, e.obs, () => `0 <= ${sv} /\\ 0 <= ${nv} /\\ ${sv} + ${nv} <= U32.v ${paren(src)}.len`, st);
      cx.pieces.add('span_slice');
      return bind(s, `span_slice ${paren(src)} ${paren(st)} ${paren(n)}`, e.ty, target);
    }
    case 'SpanLength': {
      const src = value(s, e.source);
      cx.pieces.add('span_length');
      return bind(s, `span_length ${paren(src)}`, e.ty, target);
    }
    case 'Extent':
      return unmodelledValue(s, e, 'NativePtr.extent outside a contract', target);
    case 'ArenaCreate':
      cx.pieces.add('arena');
      return bind(s, `arena_create ${e.capacity}UL`, e.ty, target);
    case 'ArenaAlloc': {
      const ar = value(s, e.arena);
      const n = value(s, e.count);
      const size = sizeOf(e.elem, cx.core.types);
      const nv = vOf({ bits: 64, signed: true }, paren(n));
      for (const ob of e.obs) {
        const prop = ob.category === 'arena-capacity' ? `0 <= ${nv} /\\ align_up (arena_used ${s.h} ${paren(ar)}) ${size} + ${size} * ${nv} <= arena_cap ${paren(ar)}` : null;
        check(s, ob, prop, prop !== null);
      }
      cx.pieces.add('arena');
      return bind(s, `arena_alloc #${paren(tyText(s, e.elem))} ${paren(ar)} ${paren(zero(s, e.elem))} ${size} ${paren(n)}`, e.ty, target);
    }
    case 'ArenaRemaining': {
      const ar = value(s, e.arena);
      cx.pieces.add('arena');
      return bind(s, `arena_remaining ${paren(ar)}`, e.ty, target);
    }
    case 'ArenaReset': {
      const ar = value(s, e.arena);
      cx.pieces.add('arena');
      return bind(s, `arena_reset ${paren(ar)}`, e.ty, target);
    }
    case 'RegionCreate': {
      cx.pieces.add('region');
      const r = bind(s, 'region_create ()', e.ty, target);
      // A region created outside `use` is never released: its `leak` obligation can hold
      // only where this point is unreachable.
      for (const ob of s.fn.obs) {
        if (ob.category === 'leak' && ob.span.line === e.span.line && ob.span.col === e.span.col) check(s, ob, 'False', false);
      }
      return r;
    }
    case 'RegionAlloc': {
      const r = value(s, e.region);
      const n = value(s, e.count);
      for (const ob of e.obs) check(s, ob, null, false);
      cx.pieces.add('region');
      return bind(s, `region_alloc #${paren(tyText(s, e.elem))} ${paren(r)} ${paren(zero(s, e.elem))} ${paren(n)}`, e.ty, target);
    }
    case 'RegionRelease':
      regionRelease(s, e, null);
      return target ? bind(s, '()', e.ty, target) : '()';
    case 'RegionCopyOut': {
      const ar = value(s, e.arena);
      const src = value(s, e.source);
      const elem = e.source.ty.kind === 'span' ? e.source.ty.elem : e.ty;
      const size = sizeOf(elem, cx.core.types);
      for (const ob of e.obs) {
        const prop =
          ob.category === 'arena-capacity'
            ? `align_up (arena_used ${s.h} ${paren(ar)}) ${size} + ${size} * U32.v ${paren(src)}.len <= arena_cap ${paren(ar)}`
            : ob.category === 'use-after-release' || ob.category === 'use-after-reset'
              ? `B.live ${s.h} ${paren(src)}.ptr`
              : null;
        check(s, ob, prop, prop !== null);
      }
      cx.pieces.add('copy_out');
      return bind(s, `region_copy_out #${paren(tyText(s, elem))} ${paren(ar)} ${paren(src)} ${size}`, e.ty, target);
    }
    case 'Assert': {
      const [first, ...rest] = e.obs;
      const inner = innerObligations(e.cond);
      const heap = isStateful(s.eff) ? s.h : null;
      const prop = tryProp(() => specProp(specEnv(s, heap), e.cond));
      if (prop === null && first && runnable(e.cond)) {
        // A condition F* specifications cannot state (it calls a stateful function) but
        // that has no mathematical arithmetic: evaluated as code, then asserted.
        const b = value(s, e.cond);
        check(s, first, b, false, rest);
      } else if (first) check(s, first, prop, heap !== null && prop !== null && prop.includes(`${heap} `), [...rest, ...inner]);
      return target ? bind(s, '()', e.ty, target) : '()';
    }
    case 'Assume': {
      const heap = isStateful(s.eff) ? s.h : null;
      const prop = tryProp(() => specProp(specEnv(s, heap), e.cond));
      const inner = innerObligations(e.cond);
      if (prop === null) {
        emit(s.out, '(* Contract.assume: not expressed in this F* model *)', inner.map((o) => mark(s, o, 'unmodelled')));
      } else {
        const get = heap !== null && prop.includes(`${heap} `) ? `let ${s.h} = HST.get () in ` : '';
        emit(s.out, `${get}assume (${prop}); (* Contract.assume: an assumption of the evidence *)`, inner.map((o) => mark(s, o)));
      }
      return target ? bind(s, '()', e.ty, target) : '()';
    }
    case 'Fail': {
      for (const ob of e.obs) check(s, ob, 'False', false);
      return bind(s, `false_elim #${paren(tyText(s, e.ty))} ()`, e.ty, target);
    }
    case 'Quant':
      return unmodelledValue(s, e, 'a quantifier outside a contract', target);
  }
}

const MATH_ARITH = new Set(['add', 'sub', 'mul', 'neg', 'div', 'rem']);

/** Can a contract condition run as ordinary code with the same meaning? Not when it does
 *  mathematical (unbounded) arithmetic or quantifies. */
function runnable(e: CExpr): boolean {
  if (e.kind === 'Quant' || e.kind === 'Extent') return false;
  if (e.kind === 'Prim' && e.math && MATH_ARITH.has(e.op)) return false;
  return childrenOf(e).every(runnable);
}

/** A run-time value the model cannot compute: `clef_unmodelled`, whose precondition is
 *  `False`, so F* reports the place instead of proving anything past it silently. */
function unmodelledValue(s: FnScope, e: CExpr, what: string, target?: string): string {
  s.cx.pieces.add('unmodelled');
  for (const ob of innerObligations(e)) emit(s.out, `(* obligation ${commentSafe(ob.id)}: inside ${what} *)`, [mark(s, ob, 'unmodelled')]);
  return bind(s, `clef_unmodelled #${paren(tyText(s, e.ty))} "${what}"`, e.ty, target);
}

/** `tag(x) = k` as F*'s discriminator `Ctor? x` (what Core's match tests look like). */
function discriminator(s: FnScope, e: CExpr & { kind: 'Prim' }): string | null {
  if ((e.op !== 'eq' && e.op !== 'ne') || e.args.length !== 2) return null;
  const [a, b] = e.args as [CExpr, CExpr];
  const tag = a.kind === 'CaseTag' ? a : b.kind === 'CaseTag' ? b : null;
  const k = a.kind === 'Const' ? a : b.kind === 'Const' ? b : null;
  if (!tag || !k || typeof k.value !== 'bigint' || tag.value.ty.kind !== 'union') return null;
  const u = s.cx.tn.unions.get(tag.value.ty.name)!;
  const ctor = u.ctors.get(Number(k.value));
  if (!ctor) return null;
  const v = value(s, tag.value);
  return e.op === 'eq' ? `${ctor}? ${paren(v)}` : `not (${ctor}? ${paren(v)})`;
}

function extentOf(t: Type, x: string): string {
  return t.kind === 'span' ? `U32.v ${paren(x)}.len` : `B.length ${paren(x)}`;
}

function liveBuffer(t: Type, x: string, h: string): string {
  return t.kind === 'span' ? `B.live ${h} ${paren(x)}.ptr` : `B.live ${h} ${paren(x)}`;
}

/** bounds / use-after-reset / use-after-release of one access, in the node's order. */
function accessChecks(s: FnScope, t: Type, target: string, obs: Obligation[], bounds: (iv: string) => string, index: string): void {
  const iv = vOf({ bits: 64, signed: true }, paren(index));
  for (const ob of obs) {
    switch (ob.category) {
      case 'bounds':
        check(s, ob, bounds(iv), false);
        break;
      case 'use-after-reset':
      case 'use-after-release':
        check(s, ob, liveBuffer(t, target, s.h), true);
        break;
      default:
        check(s, ob, null, false);
    }
  }
}

function builtin(s: FnScope, e: CExpr & { kind: 'Builtin' }): string {
  const args = e.args.map((a) => value(s, a));
  const cx = s.cx;
  const one = paren(args[0] ?? '()');
  switch (e.name) {
    case 'Console.write':
      cx.pieces.add('console');
      return `console_write ${one}`;
    case 'Console.writeln':
      cx.pieces.add('console');
      return `console_writeln ${one}`;
    case 'Console.readln':
      cx.pieces.add('console');
      return 'console_readln ()';
    case 'Format.int':
    case 'Format.int64':
      cx.pieces.add('format');
      return `format_int ${one}`;
    case 'Format.uint64':
      cx.pieces.add('format');
      return `format_uint64 ${one}`;
    case 'Format.bool':
      cx.pieces.add('format');
      return `format_bool ${one}`;
    case 'Format.char':
      cx.pieces.add('format');
      return `format_char ${one}`;
    case 'Format.float':
      return `${floatOp(cx, 'format_float', 'float64 -> Tot string')} ${one}`;
  }
}

function call(s: FnScope, e: CExpr & { kind: 'Call' }, target?: string): string {
  const cx = s.cx;
  const args = e.args.map((a) => value(s, a));
  const callee = cx.analysis.facts.get(e.fn);
  const fname = cx.fnNames.get(e.fn);
  if (!callee || !fname) throw new Error(`fstar: call of unknown function ${e.fn}`);
  const pre = e.obs.filter((o) => o.category === 'precondition');
  const calleeHeap = isStateful(callee.eff) ? s.h : null;
  callee.fn.requires.forEach((r, i) => {
    const ob = pre[i];
    if (!ob) return;
    const vars: [string, SpecVar][] = callee.fn.params.map((p, k) => [p.name, { text: args[k]!, ty: p.ty, math: false }]);
    const env: SpecEnv = { cx, vars: new Map(vars), heap: calleeHeap, ns: { used: new Set(s.ns.used) }, runtime: false };
    const prop = tryProp(() => specProp(env, r));
    check(s, ob, prop, calleeHeap !== null && prop !== null && prop.includes(`${calleeHeap} `));
  });
  for (const ob of e.obs.slice(pre.length)) if (ob.category !== 'precondition') check(s, ob, null, false);
  const rhs = args.length ? `${fname} ${args.map(paren).join(' ')}` : `${fname} ()`;
  return bind(s, rhs, e.ty, target);
}

function ifValue(s: FnScope, e: CExpr & { kind: 'If' }, target?: string): string {
  const c = value(s, e.cond);
  const W = outerAssigned([e.then, e.else]).filter((x) => s.names.has(x));
  const unit = e.ty.kind === 'unit';
  const stateNames = W.map((x) => local(s, x));
  // The value's name must not be one of the variables handed back (`x <- if ...` where a
  // branch also assigns x): then the value gets its own name and the caller rebinds.
  const res = unit ? null : target && !stateNames.includes(target) ? target : temp(s);
  const outs = [...(res ? [res] : []), ...W.map((x) => local(s, x))];
  const branch = (b: CExpr): void =>
    indented(s.out, () => {
      const v = value(s, b);
      emit(s.out, tuple([...(unit ? [] : [v]), ...W.map((x) => local(s, x))]));
    });
  if (outs.length === 0) {
    emit(s.out, `if ${c} then begin`);
    branch(e.then);
    emit(s.out, 'end else begin');
    branch(e.else);
    emit(s.out, 'end;');
    return '()';
  }
  emit(s.out, `let ${tuple(outs)} =`);
  indented(s.out, () => {
    emit(s.out, `if ${c} then begin`);
    branch(e.then);
    emit(s.out, 'end else begin');
    branch(e.else);
    emit(s.out, 'end');
  });
  emit(s.out, 'in');
  return res ?? '()';
}

/** `use` scope end: release (double-release), then the scope's value must not refer to
 *  the released region (region-escape): it is still live after the release. */
function regionRelease(s: FnScope, e: CExpr & { kind: 'RegionRelease' }, valueVar: (CExpr & { kind: 'Var' }) | null): void {
  const r = value(s, e.region);
  for (const ob of e.obs) if (ob.category === 'double-release') check(s, ob, `region_live ${s.h} ${paren(r)}`, true);
  s.cx.pieces.add('region');
  emit(s.out, `region_release ${paren(r)};`);
  for (const ob of e.obs) {
    if (ob.category === 'double-release') continue;
    if (ob.category === 'region-escape' && valueVar) {
      const live = liveOf(s.cx.tn, valueVar.ty, local(s, valueVar.name), s.h);
      check(s, ob, live ?? 'True', live !== null);
    } else check(s, ob, null, false);
  }
}

// ---- Loops -------------------------------------------------------------------------

function varsOf(es: CExpr[]): { vars: Set<string>; statics: Set<string> } {
  const vars = new Set<string>();
  const statics = new Set<string>();
  for (const e of es)
    forEachNode(e, (n) => {
      if (n.kind === 'Var') vars.add(n.name);
      if (n.kind === 'Static') statics.add(n.name);
    });
  return { vars, statics };
}

/** Does this code allocate on the stack outside nested loops (which get their own frame)? */
export function allocatesHere(e: CExpr): boolean {
  if (e.kind === 'StackAlloc') return true;
  if (e.kind === 'While') return false;
  return childrenOf(e).some(allocatesHere);
}

/** The Low* location of a root, or null when the root needs no mention (fresh memory). */
function rootLoc(s: FnScope, root: Root, insideLoop: Set<string> | null): string | null {
  if (root === 'fresh') return null;
  if (root === 'any') return 'B.loc_all_regions_from false HS.root';
  if (root.startsWith('static:')) {
    const st = s.cx.statics.get(root.slice(7));
    return st ? `B.loc_buffer ${st.buf}` : 'B.loc_all_regions_from false HS.root';
  }
  let name: string;
  let ty: Type | undefined;
  if (root.startsWith('param:')) {
    const p = s.fn.params[Number(root.slice(6))]!;
    name = local(s, p.name);
    ty = p.ty;
  } else {
    const core = root.slice(6);
    // A function-level clause never names its own locals (they are fresh to the caller).
    if (insideLoop === null || insideLoop.has(core)) return null;
    name = local(s, core);
    ty = s.types.get(core);
  }
  switch (ty?.kind) {
    case 'span':
      return `B.loc_buffer ${name}.ptr`;
    case 'ptr':
      return `B.loc_buffer ${name}`;
    case 'arena':
      return `arena_footprint ${name}`;
    case 'region':
      return `region_footprint ${name}`;
    default:
      return 'B.loc_all_regions_from false HS.root';
  }
}

export function modifiesLoc(s: FnScope, roots: Iterable<Root>, insideLoop: Set<string> | null): string {
  const locs = [...new Set([...roots].map((r) => rootLoc(s, r, insideLoop)).filter((l): l is string => l !== null))];
  if (locs.includes('B.loc_all_regions_from false HS.root')) return 'B.loc_all_regions_from false HS.root';
  if (locs.length === 0) return 'B.loc_none';
  return locs.reduce((acc, l) => `B.loc_union (${acc}) (${l})`);
}

export function effectName(eff: Eff): string {
  return { pure: 'Pure', div: 'Div', stack: 'HST.Stack', st: 'HST.ST' }[eff];
}

/** A conjunct of a clause; `text` null is a comment line (a contract F* cannot state),
 *  kept so that its obligations still have a line. */
export type Conj = { text: string | null; marks: ObMark[]; comment?: string };

/** `(requires (fun h -> a /\ b))` over several lines, each conjunct with its marks. */
export function clause(out: Out, head: 'requires' | 'ensures', binder: string | null, conj: Conj[]): void {
  for (const c of conj) if (c.text === null) emit(out, `(* ${c.comment ?? 'not expressed in this F* model'} *)`, c.marks);
  const real = conj.filter((c) => c.text !== null);
  if (real.length === 0) {
    emit(out, binder ? `(${head} (${binder} True))` : head === 'requires' ? '(requires True)' : '(ensures (fun _ -> True))');
    return;
  }
  emit(out, `(${head} (${binder ?? ''}`.trimEnd());
  indented(out, () => {
    real.forEach((c, i) => {
      const note = c.marks.length ? ` (* well-formed: ${c.marks.map((m) => commentSafe(m.id)).join(', ')} *)` : '';
      emit(out, `${c.text}${i < real.length - 1 ? ' /\\' : '))'}${note}`, c.marks);
    });
  });
}

function loop(s: FnScope, w: CExpr & { kind: 'While' }): void {
  const cx = s.cx;
  const parts = [w.cond, w.body, ...w.invariants, ...(w.decreases ? [w.decreases] : [])];
  const inner = declaredIn(parts);
  const state = outerAssigned([w.cond, w.body]).filter((x) => s.names.has(x));
  const stateNames = state.map((x) => local(s, x));
  const stateTypes = state.map((x) => s.types.get(x)!);
  const name = claim(s.ns, `loop_${w.span.line}`);
  const outerPath = s.path;
  const measure = loopMeasure(w);
  const measured = hasFstarMeasure(measure);
  const eff: Eff = s.eff === 'pure' || s.eff === 'div' ? (measured ? 'pure' : 'div') : s.eff;
  const stateful = isStateful(eff);
  const heap = stateful ? s.h : null;
  const retTy = stateTypes.length === 0 ? 'unit' : stateTypes.map((t) => paren(tyText(s, t))).join(' & ');
  const params = state.length === 0 ? '()' : state.map((x, i) => `(${stateNames[i]}: ${tyText(s, stateTypes[i]!)})`).join(' ');

  // The loop test as a specification, when it has one (for the invariant's guard and the
  // measure): evaluated with the helper's parameters, i.e. at the start of an iteration.
  const condBool = tryProp(() => {
    const b = specBool(specEnv(s, null, [], true), w.cond);
    if (b === null || readsHeap(w.cond)) throw new NotModelled('loop test');
    return b;
  });

  const requires: Conj[] = [];
  const { vars, statics } = varsOf(parts);
  if (stateful) {
    for (const v of vars) {
      if (inner.has(v) || !s.names.has(v)) continue;
      const ty = s.types.get(v);
      if (!ty || !holdsMemory(cx.core.types, ty)) continue;
      const live = liveOf(cx.tn, ty, local(s, v), s.h);
      if (live) requires.push({ text: live, marks: [] });
    }
  }
  if (measure.kind === 'for') {
    const iv = intView(measure.ty)!;
    const [i, end, more] = [local(s, measure.counter), local(s, measure.end), local(s, measure.more)];
    requires.push({ text: `(${more} ==> ${vOf(iv, i)} ${measure.down ? '>=' : '<='} ${vOf(iv, end)})`, marks: [] });
  }
  const invProps = w.invariants.map((inv) => tryProp(() => specProp(specEnv(s, heap), inv)));
  if (w.invariants.length && condBool !== null && invProps.every((p) => p !== null)) {
    requires.push({ text: `(${condBool} ==> (${invProps.join(' /\\ ')}))`, marks: [] });
  } else if (w.invariants.length) {
    emit(s.out, '(* the loop test or an invariant has no F* form: the invariant is asserted, not assumed *)');
  }

  let decreases: string | null = null;
  if (measure.kind === 'user' && !measure.heap) {
    const d = tryProp(() => specInt(specEnv(s, null), measure.expr));
    if (d !== null) decreases = condBool !== null ? `(if ${condBool} then ${d} + 1 else 0)` : d;
  } else if (measure.kind === 'for') {
    const iv = intView(measure.ty)!;
    const [i, end, more] = [local(s, measure.counter), local(s, measure.end), local(s, measure.more)];
    decreases = `(if ${more} then ${measure.down ? `${vOf(iv, i)} - ${vOf(iv, end)}` : `${vOf(iv, end)} - ${vOf(iv, i)}`} + 1 else 0)`;
  } else if (measure.kind === 'compare' && condBool !== null) {
    const env = specEnv(s, null, [], true);
    const a = tryProp(() => specInt(env, measure.a));
    const b = tryProp(() => specInt(env, measure.b));
    if (a !== null && b !== null) {
      const m = { lt: `${b} - ${a}`, le: `${b} - ${a} + 1`, gt: `${a} - ${b}`, ge: `${a} - ${b} + 1` }[measure.op];
      decreases = `(if ${condBool} then ${m} else 0)`;
    }
  }

  const ensures: Conj[] = [];
  if (stateful) {
    const writes = writesOf([w.cond, w.body], s.facts, cx.analysis.facts, cx.core.types);
    ensures.push({ text: `B.modifies (${modifiesLoc(s, writes, inner)}) ${s.h0} ${s.h1}`, marks: [] });
    for (const v of vars) {
      if (inner.has(v) || !s.names.has(v) || state.includes(v)) continue;
      const ty = s.types.get(v);
      if (!ty || !holdsMemory(cx.core.types, ty)) continue;
      const live = liveOf(cx.tn, ty, local(s, v), s.h1);
      if (live) ensures.push({ text: live, marks: [] });
    }
  }

  emit(s.out, `(* while at line ${w.span.line} *)`);
  emit(s.out, `let rec ${name} ${params}`);
  indented(s.out, () => {
    emit(s.out, `: ${effectName(eff)} (${retTy})`);
    indented(s.out, () => {
      clause(s.out, 'requires', stateful ? `fun ${s.h} ->` : null, requires);
      clause(s.out, 'ensures', stateful ? `fun ${s.h0} _ ${s.h1} ->` : null, ensures);
      if (decreases !== null) emit(s.out, `(decreases ${decreases})`);
      else if (measured || stateful) emit(s.out, '(* no measure: F* must find one *)');
    });
    emit(s.out, '=');
    const saved = { path: s.path, eff: s.eff };
    s.path = `${outerPath}.${name}`;
    s.eff = eff;
    const frame = stateful && allocatesHere(w.body);
    emit(s.out, 'clef_pow2_facts ();');
    for (const st of statics) emit(s.out, `B.recall ${cx.statics.get(st)!.buf};`);
    if (frame) emit(s.out, 'HST.push_frame ();');
    const res = frame ? temp(s) : null;
    if (res) emit(s.out, `let ${res} =`);
    indented(
      s.out,
      () => {
        const c = value(s, w.cond);
        emit(s.out, `if ${c} then begin`);
        indented(s.out, () => {
          const invObs = w.obs.filter((o) => o.category === 'invariant');
          w.invariants.forEach((inv, k) => {
            const ob = invObs[k];
            const prop = invProps[k] ?? null;
            if (ob) check(s, ob, prop, heap !== null && prop !== null && prop.includes(`${heap} `), innerObligations(inv));
          });
          const term = w.obs.find((o) => o.category === 'termination');
          if (term && w.decreases) {
            const d = tryProp(() => specInt(specEnv(s, heap), w.decreases!));
            check(s, term, d === null ? null : `0 <= ${d}`, heap !== null && d !== null && d.includes(`${heap} `), innerObligations(w.decreases));
          }
          for (const ob of w.obs) if (ob.category !== 'invariant' && ob.category !== 'termination') check(s, ob, null, false);
          value(s, w.body);
          emit(s.out, state.length === 0 ? `${name} ()` : `${name} ${stateNames.join(' ')}`);
        });
        emit(s.out, `end else ${tuple(stateNames)}`);
      },
      res ? 1 : 0,
    );
    if (res) {
      emit(s.out, 'in');
      emit(s.out, 'HST.pop_frame ();');
      emit(s.out, res);
    }
    s.path = saved.path;
    s.eff = saved.eff;
  });
  emit(s.out, 'in');
  if (state.length === 0) emit(s.out, `${name} ();`);
  else emit(s.out, `let ${tuple(stateNames)} = ${name} ${stateNames.join(' ')} in`);
}
