// The concrete MLIR interpreter: runs any function of a module at any stage of the pipeline
// (func/arith/scf/memref/cf and the LLVM dialect) with the concrete domain, following one
// path. Calls to functions with a body are interpreted; calls to declarations go to an
// external handler (the runtime models when a program runs, the solver's model when a
// counterexample is replayed). Undefined behaviour stops the run with its reason.
import type { Block, Module, Operation, Region, Type, Value } from '../../../compiler/mlir/ir.ts';
import { opAttr } from '../../../compiler/mlir/ir.ts';
import { C } from './concrete-domain.ts';
import { ConcreteMemory, UBError, UNINIT_SOURCE, ZERO_SOURCE } from './concrete-memory.ts';
import type { Ctx } from './context.ts';
import { branchEdges, BRANCH_OPS, indexSwitchEdges, RETURN_OPS } from './control.ts';
import { escapingSites } from './escape.ts';
import { globalIds, moduleInfo, type FuncInfo, type ModuleInfo } from './module-info.ts';
import { opSemantics } from './ops.ts';
import { UNDEF_TRANSPARENT, usedFreshMarks } from './undef-uses.ts';
import { asInt } from './ops-int.ts';
import { declaredResultLayout } from './declared-results.ts';
import { isRuntimeFn, newIO, ProgramExit, runRuntime, runtimeCopyLength, type ProgramIO } from './runtime.ts';
import { runtimePostconditions, runtimePreconditions } from './runtime-pre.ts';
import { flatten, hasUndef, poisonOf, Unsupported, unflatten, type IntV, type Scalar, type Val } from './values.ts';

export type CVal = Val<bigint, boolean>;

export class StepLimit extends Error {}

/** The interpreter's call-depth limit (InterpOptions.maxDepth), a kind of step limit: a run
 *  that passes it tells nothing about the program (a target recursing without end, review
 *  22). The JavaScript stack running out first (the interpreter recurses in JavaScript with
 *  every call and nested region) is this outcome too, at the depth it happened. */
export class DepthLimit extends StepLimit {}

/** The default call-depth limit of the MLIR interpreter. */
export const MAX_CALL_DEPTH = 2000;

/** A call to a function without a body: returns its results, or throws (ProgramExit...). */
export type ExternalCall = (callee: string, args: CVal[], resultTypes: Type[], op: Operation) => CVal[];

export type InterpOptions = {
  info: ModuleInfo;
  memory: ConcreteMemory;
  external: ExternalCall;
  /** Interpret calls to functions that have a body (default); false: treat every call as external. */
  interpretBodies?: boolean;
  maxSteps?: number;
  maxDepth?: number;
  /** cf.assert failed: what the program does (default: the two calls of its LLVM lowering,
   *  `puts:<message>` then `abort`, made through `external`, as symexec.ts records them). */
  onAssert?: (msg: string) => never;
  // lasso replay (verifier/tv/lasso-replay.ts)
  /** Called on entering every block of a multi-block region, after its arguments are bound,
   *  with the frame's values and the call depth (1: the function run first). */
  onBlockEntry?: (region: Region, block: Block, env: Map<string, CVal>, depth: number) => void;
  /** Called at every visit of an scf.while's head (before its `before` region), with the
   *  values it carries into it, the frame's values and the call depth (Core -> MLIR lasso
   *  replay: verifier/tv/core/diverges.ts). */
  onLoopHead?: (op: Operation, carried: CVal[], env: Map<string, CVal>, depth: number) => void;
  /** undef engineer: an op computes with (not just moves: undef-uses.ts) a read of memory
   *  nobody wrote — LLVM's undef, which this interpreter reads as poison. */
  onFreshUse?: (op: Operation) => void;
  /** `llvm.mlir.undef` gives a defined value (zero, one of LLVM's
   *  choices for undef) instead of poison: the replay's second run of a target that computed
   *  with undef (onFreshUse also reports such a use), as ConcreteMemory's undefValues does for
   *  reads of memory nobody wrote. A target's `and undef, 0` was refuted. */
  undefDefined?: boolean;
  /** soundness reviewer: an op made an unspecified choice (maxnum/minnum of +0.0 and -0.0,
   *  ops-float.ts); the answer picks it (true: the documented default; absent: true). */
  onChoice?: (what: string) => boolean;
  /** `llvm.freeze` (ops-freeze.ts): the arbitrary value of execution `n` (per scalar slot,
   *  counted from 0 over the run, poison or not, as symexec.ts counts a path's) of `w` bits,
   *  used where the operand is poison (`poison`); absent: 0, one of the values it may take. */
  onFreeze?: (n: number, w: number, poison: boolean) => bigint;
  /** What a copy call copies before its size word clamps it (context.ts copyLength): the
   *  runtime models' line and arguments (runtimeCopyLength), a replay's model; absent: the
   *  whole size word must be writable. */
  copyLength?: (callee: string, args: CVal[]) => bigint | undefined;
};

const vkey = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

export class Interpreter {
  steps = 0;
  /** llvm.freeze executions so far (onFreeze). */
  freezes = 0;
  private depth = 0;
  private readonly ctx: Ctx<bigint, boolean>;
  private readonly escapes = new Map<Region, Set<Operation>>();

  constructor(readonly opts: InterpOptions) {
    const self = this;
    this.ctx = {
      D: C,
      mem: opts.memory,
      ub(cond, what) {
        if (cond) throw new UBError(what);
      },
      undefIsUnsupported: false,
      concreteFloats: true,
      choice: (what) => opts.onChoice?.(what) ?? true,
      freeze: (w, poison) => BigInt.asUintN(w, opts.onFreeze?.(self.freezes++, w, poison) ?? (self.freezes++, 0n)),
      ...(opts.copyLength ? { copyLength: opts.copyLength } : {}),
      call(op, callee, args, resultTypes) {
        return self.call(op, callee, args, resultTypes);
      },
    };
  }

  /** Escaping allocation sites of a function body (cached). */
  escapingIn(body: Region): Set<Operation> {
    let s = this.escapes.get(body);
    if (!s) this.escapes.set(body, (s = escapingSites(body)));
    return s;
  }

  call(op: Operation | null, callee: string, args: CVal[], resultTypes: Type[]): CVal[] {
    const fi = this.opts.info.funcs.get(callee);
    if (fi && fi.body && this.opts.interpretBodies !== false) return this.runFunction(fi, args);
    runtimePreconditions(this.ctx, callee, args); // upstream/mutants engineer: UB at the call site
    const results = this.opts.external(callee, args, resultTypes, op ?? (fi?.op as Operation));
    declaredResultLayout(this.ctx, callee, resultTypes, results); // as symexec.ts: UB, replayed
    runtimePostconditions(this.ctx, callee, args, results);
    return results;
  }

  runFunction(fi: FuncInfo, args: CVal[]): CVal[] {
    if (!fi.body) throw new Unsupported(`@${fi.name} has no body`);
    const max = this.opts.maxDepth ?? MAX_CALL_DEPTH;
    if (++this.depth > max) throw new DepthLimit(`call depth above ${max}`);
    const mem = this.opts.memory;
    const first = mem.allocated.length;
    try {
      return this.execCFG(fi.body, args, new Map());
    } catch (e) {
      // (a frame too near the end of the stack to handle it throws again, a RangeError or
      // another error with the same message — a regex cannot compile there; an outer frame
      // names it)
      if (e instanceof Error && !(e instanceof StepLimit) && e.message.includes('Maximum call stack size exceeded')) throw new DepthLimit(`call depth ${this.depth}: the interpreter's JavaScript stack ran out (its limit is ${max})`);
      throw e;
    } finally {
      // stack blocks die with their frame
      for (let n = first; n < mem.allocated.length; n++) {
        const b = mem.blocks.get(mem.allocated[n]!);
        if (b && b.kind === 'stack') b.alive = false;
      }
      mem.allocated.length = first;
      this.depth--;
    }
  }

  private tick(): void {
    if (++this.steps > (this.opts.maxSteps ?? Infinity)) throw new StepLimit(`more than ${this.opts.maxSteps} steps`);
  }

  private get(env: Map<string, CVal>, v: Value): CVal {
    const x = env.get(vkey(v));
    if (!x) throw new Unsupported(`value %${vkey(v)} used before its definition`);
    return x;
  }

  private bind(env: Map<string, CVal>, vs: Value[], xs: CVal[]): void {
    vs.forEach((v, i) => env.set(vkey(v), xs[i]!));
  }

  /** A function body or any multi-block region: follows branches until a return. */
  private execCFG(region: Region, args: CVal[], env: Map<string, CVal>): CVal[] {
    const byLabel = new Map<string, Block>();
    for (const b of region.blocks) if (b.label) byLabel.set(b.label, b);
    let block = region.blocks[0]!;
    let blockArgs = args;
    for (;;) {
      this.bind(env, block.args, blockArgs);
      this.opts.onBlockEntry?.(region, block, env, this.depth);
      const term = block.ops[block.ops.length - 1];
      for (const op of block.ops) {
        if (op === term) break;
        this.execOp(op, env);
      }
      if (!term) throw new Unsupported('a block without a terminator');
      this.tick();
      if (RETURN_OPS.has(term.name)) return term.operands.map((o) => this.get(env, o));
      if (term.name === 'llvm.unreachable') throw new UBError('llvm.unreachable reached');
      if (!BRANCH_OPS.has(term.name)) {
        this.execOp(term, env);
        throw new Unsupported(`block ends with ${term.name}`);
      }
      const edges = branchEdges(this.ctx, term, term.operands.map((o) => this.get(env, o)));
      const taken = edges.find((e) => e.cond);
      if (!taken) throw new Unsupported(`${term.name}: no successor taken`);
      const s = term.successors[taken.succ]!;
      const next = byLabel.get(s.label);
      if (!next) throw new Unsupported(`branch to unknown block ^${s.label}`);
      blockArgs = s.args.map((a) => this.get(env, a));
      block = next;
    }
  }

  execOp(op: Operation, env: Map<string, CVal>): void {
    this.tick();
    switch (op.name) {
      case 'scf.if':
        return this.bind(env, op.results, this.execIf(op, env));
      case 'scf.index_switch':
        return this.bind(env, op.results, this.execIndexSwitch(op, env));
      case 'scf.for':
        return this.bind(env, op.results, this.execFor(op, env));
      case 'scf.while':
        return this.bind(env, op.results, this.execWhile(op, env));
      case 'cf.assert': {
        const c = asInt(this.get(env, op.operands[0]!), op.name);
        if (c.poison) throw new UBError('cf.assert on a poison condition');
        if (c.v === 0n) {
          const msg = opAttr(op, 'msg');
          const text = msg && msg.kind === 'string' ? msg.value : '';
          if (this.opts.onAssert) this.opts.onAssert(text);
          // convert-cf-to-llvm: a puts of the message, an abort, then llvm.unreachable — the
          // symbolic run records the same two calls (symexec.ts execAssert), so a concrete run
          // agrees with it (it was UB here, two calls there); an abort that returns reaches
          // the unreachable
          this.opts.external(`puts:${text}`, [], [], op);
          this.opts.external('abort', [], [], op);
          throw new UBError(`llvm.unreachable: abort returned after the failed cf.assert "${text}"`);
        }
        return;
      }
    }
    const sem = opSemantics(op.name);
    if (!sem) throw new Unsupported(op.name);
    const args = op.operands.map((o) => this.get(env, o));
    // undef engineer (scalars answer at once; aggregates are flattened)
    if (this.opts.onFreshUse && args.some((a) => (a.kind === 'int' || a.kind === 'float' || a.kind === 'ptr' ? a.fresh === true : true)) && usedFreshMarks(op, args).some((m) => m)) this.opts.onFreshUse(op);
    // computing with an llvm.mlir.undef value is such a use too
    // (symexec.ts refuses it in a source; the replay reads it as poison, LLVM as undef)
    if (this.opts.onFreshUse && !UNDEF_TRANSPARENT.has(op.name) && args.some((a) => hasUndef(a))) this.opts.onFreshUse(op);
    if (op.name === 'llvm.mlir.undef' && this.opts.undefDefined) {
      const t = op.results[0]!.type;
      return this.bind(env, op.results, [unflatten(t, flatten(poisonOf(C, t, false)).map((x) => ({ ...x, poison: false })), { i: 0 })]);
    }
    const out = sem(this.ctx, op, args);
    this.bind(env, op.results, out);
  }

  /** Runs a single-block region of an scf op; returns the terminator and its operand values. */
  private execBody(block: Block, args: CVal[], env: Map<string, CVal>): { term: Operation; values: CVal[] } {
    this.bind(env, block.args, args);
    const term = block.ops[block.ops.length - 1]!;
    for (const op of block.ops) {
      if (op === term) break;
      this.execOp(op, env);
    }
    return { term, values: term.operands.map((o) => this.get(env, o)) };
  }

  private cond(v: CVal, what: string): boolean {
    const c = asInt(v, what);
    if (c.poison) throw new UBError(`${what} on a poison condition`);
    return c.v !== 0n;
  }

  private execIf(op: Operation, env: Map<string, CVal>): CVal[] {
    const c = this.cond(this.get(env, op.operands[0]!), 'scf.if');
    const region = op.regions[c ? 0 : 1];
    if (!region || region.blocks.length === 0) return [];
    return this.execBody(region.blocks[0]!, [], env).values;
  }

  private execIndexSwitch(op: Operation, env: Map<string, CVal>): CVal[] {
    const taken = indexSwitchEdges(this.ctx, op, this.get(env, op.operands[0]!)).find((e) => e.cond)!;
    return this.execBody(op.regions[taken.succ]!.blocks[0]!, [], env).values;
  }

  private execFor(op: Operation, env: Map<string, CVal>): CVal[] {
    const [lbV, ubV, stepV, ...inits] = op.operands.map((o) => this.get(env, o));
    const lb = asInt(lbV, 'scf.for');
    const ub = asInt(ubV, 'scf.for');
    const step = asInt(stepV, 'scf.for');
    if (lb.poison || ub.poison) throw new UBError('scf.for with a poison bound or step');
    const w = lb.w;
    // A loop that runs no iteration never uses its step (its lowering to cf returns the
    // initial values), so the step's requirement binds only a loop that runs.
    // (a poison step: UB once the first body ran, at the lowered header's branch; symexec.ts)
    if (C.slt(lb.v, ub.v, w) && !step.poison && BigInt.asIntN(step.w, step.v) <= 0n) throw new UBError('scf.for with a step that is not positive');
    let iv: IntV<bigint, boolean> = lb;
    let carried = inits;
    const body = op.regions[0]!.blocks[0]!;
    while (C.slt(iv.v, ub.v, w)) {
      // each iteration is a step: a body of its yield alone executes no op, and the step
      // limit never came (an scf.while of a bare condition ran the replay forever)
      this.tick();
      carried = this.execBody(body, [iv, ...carried], env).values;
      if (step.poison) throw new UBError('scf.for with a poison bound or step');
      iv = { kind: 'int', w, v: C.add(iv.v, step.v, w), poison: false };
    }
    return carried;
  }

  private execWhile(op: Operation, env: Map<string, CVal>): CVal[] {
    let carried = op.operands.map((o) => this.get(env, o));
    const before = op.regions[0]!.blocks[0]!;
    const after = op.regions[1]!.blocks[0]!;
    for (;;) {
      this.tick(); // (as execFor: a bare condition and yield execute no op)
      this.opts.onLoopHead?.(op, carried, env, this.depth);
      const { values } = this.execBody(before, carried, env);
      const [c, ...fwd] = values;
      if (!this.cond(c!, 'scf.condition')) return fwd;
      carried = this.execBody(after, fwd, env).values;
    }
  }
}

// ------------------------------------------------------------------------ programs

export type ProgramResult = {
  stdout: string;
  stderr: string;
  /** The process exit code; null when the run stopped on UB, a limit or an unsupported op. */
  exitCode: number | null;
  /** Why the run stopped abnormally. */
  error?: string;
  steps: number;
};

/** The concrete memory of a module as a program starts: every global with its initializer.
 *  A global without one (`= uninitialized`, a declaration, an LLVM global without a value)
 *  holds bytes nobody wrote, LLVM's undef natively (review 24: it read as zeros, so a replay
 *  could claim a difference the native program need not show): read as poison, and as
 *  defined values with `undefValues`, like any memory nobody wrote (replay.ts undefConfirmed). */
export function programMemory(info: ModuleInfo, escapes?: (site: Operation) => boolean, undefValues = false): ConcreteMemory {
  const ids = globalIds([info]);
  // undefValues (undef engineer): reads of memory nobody wrote give defined values (replays)
  const mem = new ConcreteMemory({ globalIds: ids, ...(escapes ? { escapes } : {}), ...(undefValues ? { undefValues } : {}) });
  for (const [name, g] of info.globals) {
    // (an initializer the model does not read, initProblem, keeps the zeros: not undef natively)
    const source = g.init || g.initProblem ? ZERO_SOURCE : UNINIT_SOURCE;
    const blk = { bid: ids.get(name)!, kind: 'static' as const, size: BigInt(g.size), alive: true, readonly: g.readonly, freeable: false, observable: !g.readonly, source, align: g.align };
    mem.addBlock(g.init ? { ...blk, init: g.init } : blk);
  }
  return mem;
}

/** Runs a whole program (its `@clef_entry`) with the runtime models: stdout, stderr, exit code. */
export function runProgram(module: Module, opts: { stdin?: string; argv?: string[]; entry?: string; maxSteps?: number } = {}): ProgramResult {
  const info = moduleInfo(module);
  const memory = programMemory(info);
  const io = newIO(opts.stdin ?? '', opts.argv ?? []);
  const interp = new Interpreter({
    info,
    memory,
    external: (callee, args, resultTypes) => runtimeCall(callee, args, resultTypes, memory, io),
    copyLength: (callee, args) => runtimeCopyLength(callee, args.flatMap((a) => flatten(a)), io),
    maxSteps: opts.maxSteps ?? 50_000_000,
    onAssert: programAssert(io),
  });
  const text = (b: number[]) => new TextDecoder().decode(new Uint8Array(b));
  const entry = info.funcs.get(opts.entry ?? 'clef_entry');
  if (!entry) return { stdout: '', stderr: '', exitCode: null, error: `no function @${opts.entry ?? 'clef_entry'}`, steps: 0 };
  try {
    const [code] = interp.runFunction(entry, []);
    const c = code && code.kind === 'int' ? code : null;
    if (!c || c.poison) return { stdout: text(io.stdout), stderr: text(io.stderr), exitCode: null, error: 'the entry returned poison', steps: interp.steps };
    return { stdout: text(io.stdout), stderr: text(io.stderr), exitCode: Number(c.v & 255n), steps: interp.steps };
  } catch (e) {
    if (e instanceof ProgramExit) return { stdout: text(io.stdout), stderr: text(io.stderr), exitCode: e.code, steps: interp.steps };
    if (e instanceof UBError || e instanceof Unsupported || e instanceof StepLimit) {
      return { stdout: text(io.stdout), stderr: text(io.stderr), exitCode: null, error: e.message, steps: interp.steps };
    }
    throw e;
  }
}

/** A failed cf.assert in a run with the runtime models: what its lowering does natively —
 *  puts prints the message and a newline, abort ends the process (exit status 134, SIGABRT). */
function programAssert(io: ProgramIO): (msg: string) => never {
  return (msg) => {
    io.stdout.push(...new TextEncoder().encode(msg + '\n'));
    throw new ProgramExit(134);
  };
}

/** A runtime function called with MLIR values: flattens the arguments, rebuilds the results. */
export function runtimeCall(callee: string, args: CVal[], resultTypes: Type[], memory: ConcreteMemory, io: ProgramIO): CVal[] {
  if (!isRuntimeFn(callee)) throw new Unsupported(`call of @${callee}, which has no body and no runtime model`);
  const flat: Scalar<bigint, boolean>[] = args.flatMap((a) => flatten(a));
  const res = runRuntime(callee, flat, memory, io);
  const scalars: Scalar<bigint, boolean>[] = res.map((v) => ({ kind: 'int', w: 64, v: BigInt.asUintN(64, v), poison: false }));
  const at = { i: 0 };
  return resultTypes.map((t) => unflatten(t, scalars, at));
}

/** runMlir(module, fn, args): runs one function with the runtime models and a fresh program
 *  memory (or the given one); returns its results, or throws UBError / Unsupported. */
/** `watch`: hooks on loop heads, given the run's io (verifier/tv/core/diverges.ts). */
export function runMlir(module: Module, fnName: string, args: CVal[], memory?: ConcreteMemory, opts: { stdin?: string; argv?: string[]; maxSteps?: number; onFreshUse?: InterpOptions['onFreshUse']; watch?: (fi: FuncInfo, io: ProgramIO) => Pick<InterpOptions, 'onBlockEntry' | 'onLoopHead'> } = {}): { values: CVal[]; io: ProgramIO; memory: ConcreteMemory } {
  const info = moduleInfo(module);
  const mem = memory ?? programMemory(info);
  const io = newIO(opts.stdin ?? '', opts.argv ?? []);
  const fi = info.funcs.get(fnName);
  if (!fi) throw new Unsupported(`no function @${fnName}`);
  const interp = new Interpreter({ info, memory: mem, external: (c, a, t) => runtimeCall(c, a, t, mem, io), onAssert: programAssert(io), copyLength: (c, a) => runtimeCopyLength(c, a.flatMap((x) => flatten(x)), io), maxSteps: opts.maxSteps ?? 50_000_000, ...(opts.onFreshUse ? { onFreshUse: opts.onFreshUse } : {}), ...(opts.watch ? opts.watch(fi, io) : {}) }); // onFreshUse: undef engineer
  return { values: interp.runFunction(fi, args), io, memory: mem };
}
