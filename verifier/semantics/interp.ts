// The reference interpreter: walks Core, with the numeric meaning taken from ops.ts and
// memory from memory.ts. Each node is evaluated by a generator that yields the
// sub-expressions it needs; a driver loop with an explicit stack runs them, so Clef
// recursion never grows the JavaScript stack (deep recursion is a `stack overflow` stop
// at `maxDepth` frames, not a crash).
import type { CExpr, CoreConst, CoreFn, Obligation } from '../../compiler/core/core.ts';
import type { Span } from '../../compiler/syntax/ast.ts';
import type { Type } from '../../compiler/types/types.ts';
import { norm, numberFloatDomain } from './concrete.ts';
import { internal, widthOf, type Frame, type Machine } from './machine.ts';
import { applyMemory, checkEscape, isMemoryNode, memOperands } from './memops.ts';
import { applyConvert, applyPrim } from './prims.ts';
import { applyBuiltin } from './runtime.ts';
import { someReference, zeroOf, type CaseV, type PtrV, type SpanV, type Value } from './values.ts';
import type { ArenaObj, RegionObj } from './memory.ts';
import { hasObligation, obligationSpan, stop } from './violation.ts';

/** What a node's generator asks the driver for: a sub-expression in its own frame, or
 *  an expression in another frame (a callee's body and contracts). */
type Req = CExpr | { kind: 'In'; e: CExpr; f: Frame };
export type Task = Generator<Req, Value, Value>;

function inFrame(e: CExpr, f: Frame): Req {
  return { kind: 'In', e, f };
}

/** The run-time value of a literal of type `t` (integers normalised to their width,
 *  float32 rounded, chars as code points). */
export function constValue(m: Machine, v: CoreConst, t: Type): Value {
  switch (t.kind) {
    case 'int':
    case 'char': {
      if (v === null) return 0n;
      const n = typeof v === 'string' ? BigInt(v.codePointAt(0) ?? 0) : typeof v === 'boolean' ? BigInt(v) : BigInt(v);
      return norm(n, widthOf(t)!);
    }
    case 'float':
      return v === null ? 0 : numberFloatDomain.lit(Number(v), t.bits);
    case 'bool':
      return v === true;
    case 'string':
      return v === null ? '' : String(v);
    case 'unit':
      return null;
    default:
      return v === null ? zeroOf(t, m.mem.types, m.mem.empty) : v;
  }
}

/** The span of the i-th obligation of a category (the first when there are fewer). */
function nthSpan(obs: readonly Obligation[], category: string, i: number): Span | null {
  return obligationSpan(obs, category, i) ?? obligationSpan(obs, category, 0);
}

function newFrame(fn: CoreFn | null, depth: number): Frame {
  return { fn, env: new Map(), depth, stack: [], arenas: [], regions: [] };
}

/** Const, Var and Static need no sub-evaluation: the driver evaluates them in place. */
function leaf(m: Machine, e: CExpr, f: Frame): Value | undefined {
  switch (e.kind) {
    case 'Const':
      return constValue(m, e.value, e.ty);
    case 'Var': {
      const v = f.env.get(e.name);
      return v === undefined ? internal(e.span, `unbound variable ${e.name}`) : v;
    }
    case 'Static': {
      const s = m.statics.get(e.name);
      return s === undefined ? internal(e.span, `unknown static ${e.name}`) : s;
    }
    default:
      return undefined;
  }
}

/** Returned by a node's generator to say "my value is that of `m.tailExpr`, evaluated in
 *  my frame" (or "of the generator `m.tailTask`", for a call): the driver then replaces the
 *  generator instead of nesting another one, so `let` chains, `if` branches, sequences and
 *  calls do not pile up generators. */
const TAIL: Value = Object.freeze({ kind: 'case', tag: -1, payload: [] });
function tail(m: Machine, e: CExpr): Value {
  m.tailExpr = e;
  return TAIL;
}
function tailCall(m: Machine, t: Task): Value {
  m.tailTask = t;
  return TAIL;
}

/** Prim, Convert and projections whose operands are all leaves, evaluated without a
 *  generator (most arithmetic and comparisons in loops). */
function quick(m: Machine, e: CExpr, f: Frame): Value | undefined {
  switch (e.kind) {
    case 'Prim': {
      const vs: Value[] = [];
      for (const a of e.args) {
        const x = leaf(m, a, f);
        if (x === undefined) return undefined;
        vs.push(x);
      }
      m.steps += vs.length;
      return applyPrim(m, e, vs);
    }
    case 'Convert': {
      const x = leaf(m, e.arg, f);
      return x === undefined ? undefined : applyConvert(m, e, x);
    }
    case 'TupleGet': {
      const x = leaf(m, e.tuple, f);
      return x === undefined ? undefined : (x as Value[])[e.index]!;
    }
    case 'RecordGet': {
      const x = leaf(m, e.record, f);
      return x === undefined ? undefined : (x as Value[])[e.index]!;
    }
    default:
      return undefined;
  }
}

/** Runs `root` to completion; `base` is the frame of requests that name none. */
export function drive(m: Machine, root: Task, base: Frame): Value {
  const tasks: Task[] = [root];
  const frames: Frame[] = [base];
  let input: Value = null;
  for (;;) {
    const r = tasks[tasks.length - 1]!.next(input);
    let e: CExpr;
    let f: Frame;
    if (r.done) {
      if (r.value !== TAIL) {
        tasks.pop();
        frames.pop();
        if (tasks.length === 0) return r.value;
        input = r.value;
        continue;
      }
      if (m.tailTask) {
        tasks[tasks.length - 1] = m.tailTask as Task;
        m.tailTask = null;
        input = null;
        continue;
      }
      // Evaluate the tail expression in place of the finished generator.
      e = m.tailExpr!;
      f = frames[frames.length - 1]!;
      tasks.pop();
      frames.pop();
    } else {
      const req = r.value;
      e = req.kind === 'In' ? req.e : req;
      f = req.kind === 'In' ? req.f : frames[frames.length - 1]!;
    }
    if (++m.steps > m.maxSteps) stop('step limit', e.span, `more than ${m.maxSteps} evaluation steps`);
    const v = leaf(m, e, f) ?? quick(m, e, f);
    if (v !== undefined) {
      input = v;
      continue;
    }
    tasks.push(evalNode(m, e, f));
    frames.push(f);
    input = null;
  }
}

function* evalNode(m: Machine, e: CExpr, f: Frame): Task {
  switch (e.kind) {
    case 'Const':
    case 'Var':
    case 'Static':
      return leaf(m, e, f)!;
    case 'Let': {
      f.env.set(e.name, yield e.init);
      return tail(m, e.body);
    }
    case 'Assign': {
      const v = yield e.value;
      if (!f.env.has(e.name)) internal(e.span, `assignment to unbound ${e.name}`);
      f.env.set(e.name, v);
      return null;
    }
    case 'Seq': {
      const n = e.items.length;
      for (let i = 0; i < n - 1; i++) yield e.items[i]!;
      const last = e.items[n - 1]!;
      if (m.checks) scopeEscape(e.items[0]!, last, f);
      return tail(m, last);
    }
    case 'If': {
      const c = yield e.cond;
      return tail(m, c === true ? e.then : e.else);
    }
    case 'While':
      return yield* loop(m, e);
    case 'Call': {
      const args: Value[] = [];
      for (const a of e.args) args.push(yield a);
      const fn = m.fns.get(e.fn) ?? internal(e.span, `call of unknown function ${e.fn}`);
      return tailCall(m, callFn(m, fn, args, e, f.depth + 1));
    }
    case 'Prim': {
      const vs: Value[] = [];
      for (const a of e.args) vs.push(yield a);
      return applyPrim(m, e, vs);
    }
    case 'Convert':
      return applyConvert(m, e, yield e.arg);
    case 'Builtin': {
      const vs: Value[] = [];
      for (const a of e.args) vs.push(yield a);
      return applyBuiltin(m, e, vs);
    }
    case 'Tuple':
    case 'Record': {
      const vs: Value[] = [];
      for (const a of e.kind === 'Tuple' ? e.items : e.fields) vs.push(yield a);
      return vs;
    }
    case 'TupleGet':
      return ((yield e.tuple) as Value[])[e.index]!;
    case 'RecordGet':
      return ((yield e.record) as Value[])[e.index]!;
    case 'MakeCase': {
      const payload: Value[] = [];
      for (const a of e.payload) payload.push(yield a);
      return { kind: 'case', tag: e.tag, payload };
    }
    case 'CaseTag': {
      const c = (yield e.value) as CaseV;
      return norm(BigInt(c.tag), widthOf(e.ty) ?? 'math');
    }
    case 'CaseField': {
      const c = (yield e.value) as CaseV;
      if (c.tag !== e.tag) internal(e.span, `field of case ${e.tag} read from case ${c.tag}`);
      return c.payload[e.index]!;
    }
    case 'Assert': {
      if (!m.checks) return null;
      if ((yield e.cond) !== true) stop('assertion', obligationSpan(e.obs, 'assertion') ?? e.span, 'Contract.assert does not hold');
      return null;
    }
    case 'Assume': {
      // A false assumption means this run is outside what any proof of the program
      // covers; with checks on the run stops and says so.
      if (!m.checks) return null;
      if ((yield e.cond) !== true) stop('assumption', e.span, 'Contract.assume does not hold');
      return null;
    }
    case 'Fail': {
      const o = e.obs[0];
      return stop(o?.category ?? 'match-exhaustive', o?.span ?? e.span, 'no case of the match applies');
    }
    case 'Quant': {
      const lo = (yield e.from) as bigint;
      const hi = (yield e.to) as bigint;
      for (let i = lo; i <= hi; i++) {
        f.env.set(e.var, i);
        const b = (yield e.body) === true;
        if (e.q === 'forall' && !b) return false;
        if (e.q === 'exists' && b) return true;
      }
      return e.q === 'forall';
    }
    default: {
      if (!isMemoryNode(e)) return internal((e as CExpr).span, `unknown Core node ${(e as CExpr).kind}`);
      const vs: Value[] = [];
      for (const a of memOperands(e)) vs.push(yield a);
      return applyMemory(m, e, f, vs);
    }
  }
}

/** The end of a `use` scope, as the elaborator writes it: `[RegionRelease r; result]`.
 *  When the release carries `region-escape`, the scope's value must not refer to the
 *  region just released. */
function scopeEscape(first: CExpr, last: CExpr, f: Frame): void {
  if (first.kind !== 'RegionRelease' || last.kind !== 'Var' || first.region.kind !== 'Var') return;
  if (!hasObligation(first.obs, 'region-escape')) return;
  const r = f.env.get(first.region.name);
  const v = f.env.get(last.name);
  if (r === undefined || v === undefined) return;
  const into = (x: PtrV | SpanV | ArenaObj | RegionObj) => x === r || ((x.kind === 'span' || x.kind === 'ptr') && x.block.region === r);
  if (someReference(v, into)) {
    stop('region-escape', obligationSpan(first.obs, 'region-escape') ?? first.span, 'the value of a use scope refers to its released region');
  }
}

/** A `while` loop. With checks on, the invariants and the measure are checked where the
 *  source writes them, at the top of the body: each time an iteration starts (the
 *  condition held) — so on entry to the first iteration and after every iteration that
 *  continues, but not when the loop exits. The measure must be >= 0 and below the
 *  previous iteration's. */
function* loop(m: Machine, e: CExpr & { kind: 'While' }): Task {
  let prev: bigint | null = null;
  for (;;) {
    if ((yield e.cond) !== true) return null;
    if (m.checks) {
      for (let i = 0; i < e.invariants.length; i++) {
        const inv = e.invariants[i]!;
        if ((yield inv) !== true) stop('invariant', nthSpan(e.obs, 'invariant', i) ?? inv.span, 'loop invariant does not hold');
      }
      if (e.decreases) {
        const d = (yield e.decreases) as bigint;
        if (d < 0n || (prev !== null && d >= prev)) {
          const why = d < 0n ? `measure ${d} is negative` : `measure ${d} did not decrease from ${prev}`;
          stop('termination', obligationSpan(e.obs, 'termination') ?? e.decreases.span, why);
        }
        prev = d;
      }
    }
    yield e.body;
  }
}

/** Calls `fn` (from `site`, null for the entry function). With checks on: `requires` on
 *  entry (a failure is the caller's: reported at the call's precondition obligation),
 *  `decreases` against the innermost active frame of the same function, `ensures` on
 *  return (with `result` bound), and escape/leak of the result and regions. */
export function* callFn(m: Machine, fn: CoreFn, args: Value[], site: (CExpr & { kind: 'Call' }) | null, depth: number): Task {
  const at = site?.span ?? fn.span;
  if (depth > m.maxDepth) stop('stack overflow', at, `more than ${m.maxDepth} nested calls`);
  if (args.length !== fn.params.length) internal(at, `${fn.name} expects ${fn.params.length} arguments, got ${args.length}`);
  const fr = newFrame(fn, depth);
  fn.params.forEach((p, i) => fr.env.set(p.name, args[i]!));
  let measures: bigint[] | null = null;
  if (m.checks) {
    for (let i = 0; i < fn.requires.length; i++) {
      const r = fn.requires[i]!;
      if ((yield inFrame(r, fr)) !== true) {
        const s = site ? (nthSpan(site.obs, 'precondition', i) ?? site.span) : r.span;
        stop('precondition', s, `a precondition of ${fn.name} does not hold`);
      }
    }
    if (fn.decreases) {
      const d = (yield inFrame(fn.decreases, fr)) as bigint;
      measures = m.measures.get(fn.name) ?? [];
      m.measures.set(fn.name, measures);
      const prev = measures[measures.length - 1];
      if (d < 0n || (prev !== undefined && d >= prev)) {
        const s = (site && obligationSpan(site.obs, 'termination')) ?? obligationSpan(fn.obs, 'termination') ?? fn.decreases.span;
        stop('termination', s, d < 0n ? `measure ${d} is negative` : `measure ${d} did not decrease from ${prev}`);
      }
      measures.push(d);
    }
  }
  const result = yield inFrame(fn.body, fr);
  if (m.checks) {
    if (fn.ensures.length) {
      const post = newFrame(fn, depth);
      fn.params.forEach((p, i) => post.env.set(p.name, args[i]!));
      post.env.set('result', result);
      for (let i = 0; i < fn.ensures.length; i++) {
        const en = fn.ensures[i]!;
        if ((yield inFrame(en, post)) !== true) {
          stop('postcondition', nthSpan(fn.obs, 'postcondition', i) ?? en.span, `a postcondition of ${fn.name} does not hold`);
        }
      }
    }
    // The result outlives this frame: it must not refer to its stack, arenas or regions.
    checkEscape(result, depth - 1, fn.obs, fn.span);
    if (hasObligation(fn.obs, 'leak') && fr.regions.some((r) => r.alive)) {
      stop('leak', obligationSpan(fn.obs, 'leak') ?? fn.span, `a region created in ${fn.name} is never released`);
    }
    measures?.pop();
  }
  for (const b of fr.stack) b.alive = false;
  for (const a of fr.arenas) a.alive = false;
  return result;
}
