// Closed functions (issue 4 items 3, 8): a function with no inputs has exactly one execution.
// Running it once on each side — Core's reference interpreter with every obligation checked,
// the MLIR interpreter with the runtime's models, Clef callees run by their bodies on both
// sides — and comparing everything observable is then a proof for every execution, without
// the modular query whose callee results and Format texts are unknowns (README.md "Closed
// mains"). Each condition that makes the run the only one is checked here, not assumed; where
// one fails the answer is `open` and validate.ts goes on with the symbolic check unchanged.
import type { CExpr, CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import type { Module, Operation, Region, Type as MType, Value as MValue } from '../../../compiler/mlir/ir.ts';
import { opAttr, topModule, walk } from '../../../compiler/mlir/ir.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { runFunctionWithStatics } from '../../semantics/run.ts';
import { allocBlock, newMemory } from '../../semantics/memory.ts';
import { formatViolation } from '../../semantics/violation.ts';
import type { Value } from '../../semantics/values.ts';
import { fnRoots, programFacts } from '../../semantics/symbolic/summaries.ts';
import { UBError } from '../../semantics/mlir/concrete-memory.ts';
import { Interpreter, programMemory, runtimeCall, StepLimit, type CVal } from '../../semantics/mlir/interp.ts';
import type { FuncInfo, ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { isRuntimeFn, newIO, ProgramExit, runtimeCopyLength } from '../../semantics/mlir/runtime.ts';
import { flatten, Unsupported } from '../../semantics/mlir/values.ts';
import { sameFloatBits } from '../../semantics/symbolic/floats.ts';
import type { Counterexample } from '../verdict.ts';
import { concreteSlots } from './replay.ts';
import { floatSlots } from './floats.ts';
import { staticDifference } from './replay-statics.ts';

export type ClosedRun =
  | { kind: 'proved'; detail: string }
  | { kind: 'refuted'; cex: Counterexample }
  | { kind: 'unknown'; detail: string }
  /** Not closed, or the run cannot stand for every execution: the symbolic check decides. */
  | { kind: 'open'; why: string };

/** Steps of each run (Core evaluation steps, MLIR ops). Past it: `open`, never `proved`.
 *  The corpus's closed mains need at most 0.24 M MLIR steps; fibonacci's Core run with its contracts checked more than 5 M (scratch/closed-run/NOTES.md). */
export const CLOSED_MAX_STEPS = 20_000_000;

/** Runtime functions whose results or writes come from the environment (stdin, argv). */
const ENVIRONMENT = new Set(['clef_readln_len', 'clef_readln_copy', 'clef_argc', 'clef_arg_len', 'clef_arg_copy']);
/** Runtime functions that read the bytes of their string arguments (their text is observable). */
const READS_TEXT = new Set(['clef_write', 'clef_writeln', 'clef_str_compare', 'clef_trap']);
/** MLIR ops whose results would show the interpreter's choice of addresses. */
const ADDRESS_OPS = new Set(['memref.extract_aligned_pointer_as_index']);
/** Dialects the run may execute (what core-to-mlir emits; an llvm.* op could compare or
 *  convert pointers, whose concrete values are the interpreter's choice). */
const DIALECTS = ['arith.', 'memref.', 'scf.', 'cf.', 'func.', 'math.'];

/** In every closed-run proof's detail: such a row rests on no callee's row (the callees ran by
 *  their bodies), which bin/cli/validate-callees.ts reads. */
export const ONE_EXECUTION = 'the function has no inputs: its one execution compared';

/** Thrown inside the MLIR run: the run is not the one execution of every environment. */
class Refuse extends Error {}

/** One check: `open` unless `fn` (and its MLIR `fi`) has no inputs and both runs are exact. */
export function closedRun(prog: CoreProgram, fn: CoreFn, module: Module, info: ModuleInfo, fi: FuncInfo, maxSteps = CLOSED_MAX_STEPS): ClosedRun {
  if (!fi.body) return { kind: 'open', why: 'no MLIR body' };
  // the run is of the module's functions from its globals' initial values: a module-level op
  // of another kind may run code natively before or after them (llvm.mlir.global_ctors,
  // global_dtors) or define what the run does not model
  const top = topModule(module);
  for (const op of top ? (top.regions[0]?.blocks[0]?.ops ?? []) : module.ops) if (op.name !== 'func.func' && op.name !== 'memref.global') return { kind: 'open', why: `the module holds ${op.name}` };
  // a module's own body for a runtime name would run here instead of the runtime's model
  for (const [name, f] of info.funcs) if (f.body && (isRuntimeFn(name) || name === 'malloc' || name === 'free')) return { kind: 'open', why: `the module defines @${name}` };
  // 1. no inputs: every parameter unread on the Core side (no Var of its name anywhere: a
  //    nested function capturing it gets it as an argument) and every MLIR argument unused
  const roots = fnRoots(fn);
  for (const p of fn.params) {
    if (!defaultable(p.ty)) return { kind: 'open', why: `parameter ${p.name} of a ${p.ty.kind} type` };
    if (roots.some((r) => mentions(r, p.name))) return { kind: 'open', why: `parameter ${p.name} is read` };
  }
  const entryArgs = fi.body.blocks[0]?.args ?? [];
  if (entryArgs.length && usesAny(fi.body, new Set(entryArgs.map(vkey)))) return { kind: 'open', why: 'the MLIR reads an argument' };
  // 2. Core reads no standard input (argv reaches Core only as main's parameter, checked above)
  const reach = reachable(prog, fn);
  for (const g of reach) for (const r of fnRoots(g)) if (mentionsBuiltin(r, 'Console.readln')) return { kind: 'open', why: `${g.name} reads standard input` };
  // 3. the state at entry: the program's entry called once at start (clef_entry runs nothing
  //    before it), else only statics nobody writes
  const facts = programFacts(prog);
  const entry = prog.entry === fn.name && !facts.called.has(fn.name) && startsProgram(info, fi.name);
  if (!entry) {
    for (const g of reach) for (const r of fnRoots(g)) {
      let written: string | null = null;
      forEachNode(r, (e) => {
        if (e.kind === 'Static' && !facts.statics.get(e.name)?.immutable) written ??= e.name;
      });
      if (written) return { kind: 'open', why: `static ${written} may hold other contents at entry (a function writes it)` };
    }
  }
  // the statics the runs leave are compared: each one written must be comparable
  for (const s of prog.statics) {
    if (facts.statics.get(s.name)?.immutable) continue;
    const g = info.globals.get(`static.${s.name}`);
    const sz = s.elem.kind === 'int' ? s.elem.bits / 8 : s.elem.kind === 'char' ? 4 : 0;
    if (!sz || !g || g.size !== s.values.length * sz) return { kind: 'open', why: `static ${s.name} is written and not compared` };
  }

  // ---- Core's run
  const args = fn.params.map((p) => defaultValue(prog, p.ty));
  const coreOut: string[] = [];
  let core: ReturnType<typeof runFunctionWithStatics>;
  try {
    core = runFunctionWithStatics(prog, fn.name, args, { checks: true, stdin: '', write: (s) => coreOut.push(s), maxSteps });
  } catch (e) {
    if (e instanceof RangeError) return { kind: 'open', why: `the Core run stops: ${e.message}` }; // as the MLIR run's
    throw e;
  }
  const { result: r, statics: coreStatics } = core;
  if ('violation' in r) {
    if (r.violation.category === 'step limit' || r.violation.category === 'stack overflow') return { kind: 'open', why: `the Core run stops: ${formatViolation(r.violation)}` };
    return { kind: 'unknown', detail: `unknown: vacuous: the source fails an obligation on its one execution (the function has no inputs): ${formatViolation(r.violation)}` };
  }
  let coreSlots: (bigint | null)[];
  try {
    coreSlots = concreteSlots(prog.types, fn.ret, r.value);
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'open', why: e.message };
    throw e;
  }

  // ---- the MLIR run
  let t: Target;
  try {
    t = targetRun(module, info, fi, entry ? null : (name) => staticReadOnly(prog, facts, info, name), maxSteps);
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'open', why: `the MLIR run: unsupported ${e.message}` }; // e.g. a global's initializer
    throw e;
  }
  if (t.kind === 'open') return t;
  // compared as bytes (latin1 strings hold one byte a character): a Core U+FFFD and an
  // invalid MLIR byte decode alike
  const bytes = (x: string) => Buffer.from(x, 'utf8').toString('latin1');
  const coreWrites = coreOut.map(bytes);
  const coreText = coreWrites.join('');
  const show = (slots: (bigint | null)[], text: string) => `returns (${slots.map((x) => (x === null ? '-' : String(x))).join(', ')}), prints ${clip(utf8(text))}`;
  const cex = (tgt: string, difference: string): ClosedRun => ({
    kind: 'refuted',
    cex: { inputs: fn.params.map((p) => ({ name: p.name, value: '(unused)' })), memory: [], src: `Core ${show(coreSlots, coreText)}`, tgt: `MLIR ${tgt}`, difference: `${difference} (the function has no inputs: its one execution, callees run by their bodies)` },
  });
  if (t.kind === 'stop') return cex(`${t.what}, after printing ${clip(utf8(t.stdout))}`, `the MLIR function ${t.what}; Core returns`);
  // results
  const fs = floatSlots(prog.types, fn.ret);
  const tgtSlots = t.values.flatMap((v) => flatten(v));
  for (const x of tgtSlots) if (x.kind === 'ptr' || x.poison) return { kind: 'open', why: 'the MLIR result is a pointer or poison' };
  const ts = tgtSlots.map((x) => (x.kind === 'ptr' ? 0n : x.v));
  if (ts.length !== coreSlots.length) return { kind: 'open', why: `${ts.length} MLIR result scalars for ${coreSlots.length}` };
  const mlirShow = show(ts, t.stdout);
  if (t.stdout !== coreText) {
    let i = 0;
    while (i < t.stdout.length && t.stdout[i] === coreText[i]) i++;
    const from = coreText.lastIndexOf('\n', i - 1) + 1; // the line where they part
    const line = coreText.slice(0, from).split('\n').length;
    return cex(mlirShow, `the output differs at byte ${i} (line ${line}): Core ${clip(utf8(coreText.slice(from)))}, MLIR ${clip(utf8(t.stdout.slice(from)))}`);
  }
  for (let i = 0; i < coreSlots.length; i++) {
    const a = coreSlots[i]!;
    const b = ts[i]!;
    if (a === null) continue;
    const fw = fs[i];
    if (fw ? !sameFloatBits(a, b, fw) : a !== b) return cex(mlirShow, `result scalar ${i}: Core ${a}, MLIR ${b}`);
  }
  const sd = staticDifference(prog, coreStatics, t.memory, info);
  if (sd?.includes('MLIR poison')) return { kind: 'open', why: `poison left in a static: ${sd}` };
  if (sd) return cex(mlirShow, sd);
  // the same output write by write (the runtime calls and their texts)
  if (t.writes.length !== coreWrites.length || t.writes.some((w, i) => w !== coreWrites[i])) return { kind: 'open', why: 'the same output in other Console calls' };
  return { kind: 'proved', detail: `Core refines to the MLIR (${ONE_EXECUTION}, ${t.steps} MLIR steps, ${t.writes.length} writes${entry ? '; the program\'s entry, run from the statics\' initializers' : ''})` };
}

type Target =
  /** `stdout` and `writes` as bytes (latin1 strings). */
  | { kind: 'return'; values: CVal[]; stdout: string; writes: string[]; memory: ReturnType<typeof programMemory>; steps: number }
  | { kind: 'stop'; what: string; stdout: string }
  | { kind: 'open'; why: string };

/** The MLIR run from the program's memory, watched for anything that would make it one
 *  execution among several: environment reads, unwritten memory computed with, unspecified
 *  choices, poison reaching the runtime, addresses observed, region handles used as values,
 *  NaN bits stored or reinterpreted, mutable globals read (`global`, outside the entry). */
function targetRun(module: Module, info: ModuleInfo, fi: FuncInfo, global: ((name: string) => boolean) | null, maxSteps: number): Target {
  const memory = programMemory(info);
  const io = newIO('', []);
  const writes: string[] = [];
  const cleanCreates = regionCreatesUsedAsHandles(info);
  const st = { why: null as string | null };
  const refuse = (w: string): never => {
    st.why ??= w;
    throw new Refuse(w);
  };
  const text = (b: Uint8Array | number[]) => Buffer.from(b).toString('latin1'); // bytes
  const external = (callee: string, args: CVal[], resultTypes: MType[], op: Operation): CVal[] => {
    if (ENVIRONMENT.has(callee)) refuse(`it calls @${callee}`);
    if (!isRuntimeFn(callee)) refuse(`a call of @${callee}`);
    const flat = args.flatMap((a) => flatten(a));
    if (flat.some((x) => x.poison)) refuse(`a poison argument of @${callee}`);
    if (READS_TEXT.has(callee)) {
      for (const a of args) {
        if (a.kind !== 'memref') continue;
        const n = a.sizes[0]?.v ?? 0n;
        const b = memory.blocks.get(Number(a.aligned.bid));
        if (!b || n <= 0n) continue;
        const off = a.aligned.off + a.offset.v;
        for (let i = 0n; i < n && off + i < b.size && off + i >= 0n; i++) if (memory.readByte(b, off + i).poison) refuse(`a poison byte in the text @${callee} reads`);
      }
    }
    if (callee === 'clef_region_create' && !cleanCreates.has(op)) refuse('a region handle (an address natively) used as a value');
    if (callee === 'clef_region_track' || callee === 'clef_region_release') {
      const h = flat[0];
      if (!h || h.kind !== 'int' || !io.regions.has(h.v)) refuse(`@${callee} of a handle no live region has (the model is not exact there)`);
    }
    const before = io.stdout.length;
    const out = runtimeCall(callee, args, resultTypes, memory, io);
    if (callee === 'clef_write' || callee === 'clef_writeln') writes.push(text(io.stdout.slice(before)));
    return out;
  };
  class Watched extends Interpreter {
    override execOp(op: Operation, env: Map<string, CVal>): void {
      if (!DIALECTS.some((d) => op.name.startsWith(d)) || ADDRESS_OPS.has(op.name)) refuse(`it runs ${op.name}`);
      if (op.name === 'memref.get_global') {
        // a global without an initial value (`= uninitialized`) starts as LLVM undef natively
        // (finalize-memref-to-llvm): programMemory reads it as memory nobody wrote, but one
        // run cannot stand for every value it may hold
        const g = opAttr(op, 'name');
        if (g && g.kind === 'symbolRef' && !info.globals.get(g.root)?.init) refuse(`it reads @${g.root}, a global without an initial value (undef natively)`);
      }
      if ((op.name === 'memref.get_global' || op.name === 'llvm.mlir.addressof') && global) {
        const g = opAttr(op, op.name === 'memref.get_global' ? 'name' : 'global_name');
        if (!g || g.kind !== 'symbolRef' || !global(g.root)) refuse(`it reads @${g && g.kind === 'symbolRef' ? g.root : '?'}, which a function may write`);
      }
      if (op.name === 'arith.bitcast' || op.name === 'memref.store') {
        for (const o of op.operands) {
          const v = env.get(vkey(o));
          if (v && v.kind === 'float' && isNaNBits(v.v, v.w)) refuse(`a NaN's bits observable (${op.name})`);
        }
      }
      super.execOp(op, env);
    }
  }
  const interp = new Watched({
    info,
    memory,
    external,
    copyLength: (c, a) => runtimeCopyLength(c, a.flatMap((x) => flatten(x)), io),
    maxSteps,
    onAssert: (msg) => {
      io.stdout.push(...new TextEncoder().encode(msg + '\n'));
      writes.push(Buffer.from(msg + '\n', 'utf8').toString('latin1'));
      throw new ProgramExit(134);
    },
    onFreshUse: (op) => {
      st.why ??= `it computes with memory nobody wrote (${op.name})`;
    },
    onChoice: (what) => {
      st.why ??= `an unspecified choice (${what})`;
      return true;
    },
  });
  const args = fi.params.flatMap((t) => (t.kind === 'integer' || t.kind === 'index' ? [{ kind: 'int', w: t.kind === 'index' ? 64 : t.width, v: 0n, poison: false } as CVal] : [null]));
  if (args.some((a) => a === null)) return { kind: 'open', why: 'an MLIR argument that is not an integer' };
  try {
    const values = interp.runFunction(fi, args as CVal[]);
    if (st.why) return { kind: 'open', why: st.why };
    return { kind: 'return', values, stdout: text(io.stdout), writes, memory, steps: interp.steps };
  } catch (e) {
    if (st.why) return { kind: 'open', why: st.why };
    if (e instanceof Refuse) return { kind: 'open', why: e.message };
    if (e instanceof StepLimit) return { kind: 'open', why: `the MLIR run stops: ${e.message}` };
    if (e instanceof Unsupported) return { kind: 'open', why: `the MLIR run: unsupported ${e.message}` };
    // the interpreter's own limits (a zero fill of a 10^11-element region overflows its byte
    // map; JS recursion depth): the run did not finish, so it decides nothing
    if (e instanceof RangeError) return { kind: 'open', why: `the MLIR run stops: ${e.message}` };
    if (e instanceof UBError) {
      // poison at a branch or an access: LLVM's UB, but the brief is to refute only what
      // does not rest on poison (its bits are the interpreter's)
      if (/poison/i.test(e.message)) return { kind: 'open', why: `the MLIR run: ${e.message}` };
      return { kind: 'stop', what: `has undefined behaviour: ${e.message}`, stdout: text(io.stdout) };
    }
    if (e instanceof ProgramExit) return { kind: 'stop', what: `exits with code ${e.code}`, stdout: text(io.stdout) };
    throw e;
  }
}

// ------------------------------------------------------------------ conditions, syntactically

const vkey = (v: MValue) => (v.index === null ? v.name : `${v.name}#${v.index}`);

function mentions(e: CExpr, name: string): boolean {
  let hit = false;
  forEachNode(e, (x) => {
    if ((x.kind === 'Var' || x.kind === 'Assign') && x.name === name) hit = true;
  });
  return hit;
}

function mentionsBuiltin(e: CExpr, name: string): boolean {
  let hit = false;
  forEachNode(e, (x) => {
    if (x.kind === 'Builtin' && x.name === name) hit = true;
  });
  return hit;
}

/** `fn` and the Core functions it calls, transitively. */
function reachable(prog: CoreProgram, fn: CoreFn): CoreFn[] {
  const byName = new Map(prog.functions.map((f) => [f.name, f]));
  const out = new Map<string, CoreFn>([[fn.name, fn]]);
  const todo = [fn];
  while (todo.length) {
    for (const r of fnRoots(todo.pop()!)) {
      forEachNode(r, (e) => {
        if (e.kind !== 'Call' || out.has(e.fn)) return;
        const g = byName.get(e.fn);
        if (!g) return;
        out.set(g.name, g);
        todo.push(g);
      });
    }
  }
  return [...out.values()];
}

/** Parameter types the run gives a default value when unused on both sides: unit, and a
 *  command line (`main`'s argv). An unused scalar parameter would do as well, but such a
 *  function is rare outside tests of the symbolic check, which it would bypass. */
function defaultable(ty: Type): boolean {
  return ty.kind === 'unit' || (ty.kind === 'span' && ty.elem.kind === 'string');
}

function defaultValue(prog: CoreProgram, ty: Type): Value {
  switch (ty.kind) {
    case 'span':
      return { kind: 'span', block: allocBlock(newMemory(prog.types), 'arg', ty.elem, 0, 0), offset: 0, length: 0 };
    default:
      return null;
  }
}

/** Every op of a region, nested ones included (ir.ts walk over its blocks). */
function* opsOf(region: Region): Generator<Operation> {
  for (const b of region.blocks) yield* walk(b.ops);
}

function usesAny(region: Region, keys: Set<string>): boolean {
  for (const op of opsOf(region)) {
    if (op.operands.some((o) => keys.has(vkey(o)))) return true;
    if (op.successors.some((s) => s.args.some((a) => keys.has(vkey(a))))) return true;
  }
  return false;
}

const calleeOf = (op: Operation): string | null => {
  if (op.name !== 'func.call' && op.name !== 'llvm.call') return null;
  const c = opAttr(op, 'callee');
  return c && c.kind === 'symbolRef' ? c.root : null;
};

/** `@clef_entry` calls `@<name>` after nothing but constants and `@clef_argc`, and no other
 *  function calls `@<name>`: the statics hold their initializers when it runs. */
function startsProgram(info: ModuleInfo, name: string): boolean {
  const entry = info.funcs.get('clef_entry');
  if (!entry?.body || entry.body.blocks.length !== 1) return false;
  let called = false;
  for (const op of entry.body.blocks[0]!.ops) {
    const c = calleeOf(op);
    if (op.name === 'arith.constant' || op.name === 'func.return') continue;
    if (c === 'clef_argc' && !called) continue;
    if (c === name && !called) {
      called = true;
      continue;
    }
    return false;
  }
  if (!called) return false;
  for (const [fname, f] of info.funcs) {
    if (fname === 'clef_entry' || !f.body) continue;
    for (const op of opsOf(f.body)) if (calleeOf(op) === name) return false;
  }
  return true;
}

/** A global the run of a function other than the entry may read: a constant, or a static
 *  no Core function writes (its contents are then the initializer at every call). */
function staticReadOnly(prog: CoreProgram, facts: ReturnType<typeof programFacts>, info: ModuleInfo, name: string): boolean {
  if (info.globals.get(name)?.readonly) return true;
  if (!name.startsWith('static.')) return false;
  const s = facts.statics.get(name.slice('static.'.length));
  return s !== undefined && s.immutable && prog.statics.some((x) => x.name === s.data.name);
}

/** The `@clef_region_create` calls whose result is used only as the handle (operand 0) of
 *  `@clef_region_track` / `@clef_region_release`: natively an address, so a run is only
 *  the one execution where nothing else computes with it. */
function regionCreatesUsedAsHandles(info: ModuleInfo): Set<Operation> {
  const out = new Set<Operation>();
  for (const f of info.funcs.values()) {
    if (!f.body) continue;
    const creates = new Map<string, Operation>();
    for (const op of opsOf(f.body)) if (calleeOf(op) === 'clef_region_create' && op.results.length === 1) creates.set(vkey(op.results[0]!), op);
    if (!creates.size) continue;
    const bad = new Set<string>();
    for (const op of opsOf(f.body)) {
      const c = calleeOf(op);
      op.operands.forEach((o, i) => {
        const k = vkey(o);
        if (creates.has(k) && !((c === 'clef_region_track' || c === 'clef_region_release') && i === 0)) bad.add(k);
      });
      for (const s of op.successors) for (const a of s.args) if (creates.has(vkey(a))) bad.add(vkey(a));
    }
    for (const [k, op] of creates) if (!bad.has(k)) out.add(op);
  }
  return out;
}

function isNaNBits(v: bigint, w: number): boolean {
  const [e, m] = w === 64 ? [11, 52] : w === 32 ? [8, 23] : [5, 10];
  const exp = (v >> BigInt(m)) & ((1n << BigInt(e)) - 1n);
  return exp === (1n << BigInt(e)) - 1n && (v & ((1n << BigInt(m)) - 1n)) !== 0n;
}

/** Bytes held as a latin1 string, shown as the text they encode. */
const utf8 = (b: string) => Buffer.from(b, 'latin1').toString('utf8');

function clip(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}...` : s);
}
