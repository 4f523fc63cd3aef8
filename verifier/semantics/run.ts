// The public API of the reference interpreter: run a Core program (or one function of it)
// and get its exit code, its value, or the violation that stopped it.
import type { CoreFn, CoreProgram } from '../../compiler/core/core.ts';
import { errorAt } from '../../compiler/diagnostics.ts';
import type { Span } from '../../compiler/syntax/ast.ts';
import { allocBlock, newMemory } from './memory.ts';
import { callFn, constValue, drive } from './interp.ts';
import type { Frame, Machine } from './machine.ts';
import { stdinLines } from './runtime.ts';
import type { SpanV, Value } from './values.ts';
import { isStop, type RuntimeViolation } from './violation.ts';

export type { RuntimeViolation } from './violation.ts';
export { formatViolation } from './violation.ts';

export type RunOptions = {
  /** Check every obligation as the program runs; false: the plain native semantics. */
  checks: boolean;
  /** main's argument strings (argv without the program name). */
  args: string[];
  stdin: string;
  write: (s: string) => void;
  /** Stop with `step limit` after this many evaluation steps (default: no limit). */
  maxSteps?: number;
  /** Stop with `stack overflow` beyond this many nested calls (default 100000). */
  maxDepth?: number;
};

export type RunResult = { exitCode: number } | { violation: RuntimeViolation };

export const DEFAULT_MAX_DEPTH = 100_000;

function machine(prog: CoreProgram, opts: RunOptions): Machine {
  const m: Machine = {
    prog,
    fns: new Map(prog.functions.map((f) => [f.name, f])),
    mem: newMemory(prog.types),
    checks: opts.checks,
    write: opts.write,
    stdin: stdinLines(opts.stdin),
    stdinPos: 0,
    steps: 0,
    maxSteps: opts.maxSteps ?? Infinity,
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH,
    statics: new Map(),
    measures: new Map(),
    tailExpr: null,
    tailTask: null,
  };
  for (const s of prog.statics) {
    const b = allocBlock(m.mem, 'static', s.elem, s.values.length, 0);
    s.values.forEach((v, i) => b.cells.set(i, constValue(m, v, s.elem)));
    m.statics.set(s.name, { kind: 'span', block: b, offset: 0, length: s.values.length });
  }
  return m;
}

function programSpan(prog: CoreProgram): Span {
  return { file: prog.file, start: 0, end: 0, line: 1, col: 1 };
}

/** Runs `fn` with `args`, turning a Stop into a violation. A JavaScript stack overflow
 *  (not expected: the interpreter does not recurse per call) is reported as one. */
function execute(m: Machine, fn: CoreFn, args: Value[]): { value: Value } | { violation: RuntimeViolation } {
  const base: Frame = { fn: null, env: new Map(), depth: 0, stack: [], arenas: [], regions: [] };
  try {
    return { value: drive(m, callFn(m, fn, args, null, 1), base) };
  } catch (x) {
    if (isStop(x)) return { violation: x.violation };
    if (x instanceof RangeError && /call stack/i.test(x.message)) {
      return { violation: { category: 'stack overflow', span: fn.span, message: 'the interpreter ran out of JavaScript stack' } };
    }
    throw x;
  }
}

/** Runs the program's entry function. `main` may take no parameter, `unit`, or a
 *  `Span<string>` of the arguments (a block of kind `arg`); its integer result, taken
 *  modulo 256 as on POSIX, is the exit code (a unit result exits 0). */
export function runCore(prog: CoreProgram, opts: RunOptions): RunResult {
  const fn = prog.functions.find((f) => f.name === prog.entry);
  if (!fn) throw errorAt(programSpan(prog), prog.entry ? `no function ${prog.entry} to run` : 'the program has no entry point (main)');
  const m = machine(prog, opts);
  const args: Value[] = [];
  if (fn.params.length > 1) throw errorAt(fn.span, `${fn.name} must take at most one parameter (argv)`);
  const p = fn.params[0];
  if (p) {
    if (p.ty.kind === 'unit') args.push(null);
    else if (p.ty.kind === 'span' && p.ty.elem.kind === 'string') {
      const b = allocBlock(m.mem, 'arg', p.ty.elem, opts.args.length, 0);
      opts.args.forEach((s, i) => b.cells.set(i, s));
      const argv: SpanV = { kind: 'span', block: b, offset: 0, length: opts.args.length };
      args.push(argv);
    } else throw errorAt(p.span, `${fn.name}'s parameter must be unit or Span<string>`);
  }
  const r = execute(m, fn, args);
  if ('violation' in r) return r;
  return { exitCode: typeof r.value === 'bigint' ? Number(BigInt.asUintN(8, r.value)) : 0 };
}

/** Runs one function of a program on given argument values (counterexample replay,
 *  tests). Statics are fresh for every call. */
export function runFunction(
  prog: CoreProgram,
  name: string,
  args: Value[],
  opts: Omit<RunOptions, 'args'>,
): { value: Value } | { violation: RuntimeViolation } {
  const fn = prog.functions.find((f) => f.name === name);
  if (!fn) throw errorAt(programSpan(prog), `no function ${name}`);
  return execute(machine(prog, { ...opts, args: [] }), fn, args);
}

// the core-to-mlir replay compares the statics a run leaves
/** runFunction, also giving the statics as the run left them (name -> a span over the block):
 *  a function that writes a static wrongly differs only there (verifier/tv/core/replay.ts).
 *  `initial`: statics' contents at the call where they are not the program's initial ones
 *  (a function other than the entry sees what earlier calls wrote: a counterexample's). */
export function runFunctionWithStatics(
  prog: CoreProgram,
  name: string,
  args: Value[],
  opts: Omit<RunOptions, 'args'>,
  initial: ReadonlyMap<string, Value[]> = new Map(),
  /** Called with the run's statics before it starts: a replay points arguments into them. */
  bind?: (statics: ReadonlyMap<string, SpanV>) => void,
): { result: { value: Value } | { violation: RuntimeViolation }; statics: ReadonlyMap<string, SpanV> } {
  const fn = prog.functions.find((f) => f.name === name);
  if (!fn) throw errorAt(programSpan(prog), `no function ${name}`);
  const m = machine(prog, { ...opts, args: [] });
  for (const [s, values] of initial) {
    const sp = m.statics.get(s);
    if (sp) values.forEach((v, i) => i < sp.block.size && sp.block.cells.set(i, v));
  }
  bind?.(m.statics);
  return { result: execute(m, fn, args), statics: m.statics };
}
