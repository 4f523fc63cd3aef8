// The unit of work of `validate`, `audit` and `tv` when they run in worker threads: one
// function of one pass (a pair of MLIR stages, or Core against the MLIR of core-to-mlir).
// Tasks are plain data (they cross to a worker by structured clone); `planPair` and
// `planCore` split a pass into them exactly as validatePair / validateCoreToMlir iterate, and
// `runTask` is what a worker (or this thread, with one job) does with one.
import { parseMlir } from '../../compiler/mlir/parse.ts';
import type { Module } from '../../compiler/mlir/ir.ts';
import type { CoreProgram } from '../../compiler/core/core.ts';
import { moduleInfo, type ModuleInfo } from '../../verifier/semantics/mlir/module-info.ts';
import { Unsupported } from '../../verifier/semantics/mlir/values.ts';
import { pairFunctions, validateFunction, type FunctionVerdict, type ValidateOptions } from '../../verifier/tv/validate.ts';
import { mlirName, validateCoreFunction } from '../../verifier/tv/core/validate.ts';
import { validateEntry } from '../../verifier/tv/core/entry.ts';
import { ENTRY_SYMBOL } from '../../compiler/codegen/runtime-abi.ts';

/** An MLIR stage as text: a worker parses it itself (a parsed module does not cross threads). */
export type StageText = { text: string; file: string };

export type CheckTask =
  | { kind: 'pair'; src: StageText; tgt: StageText; fn: string; opts: ValidateOptions }
  | { kind: 'core'; core: CoreProgram; coreId: string; mlir: StageText; fn: number; opts: ValidateOptions }
  /** `@clef_entry` against Core's definition of a program run (verifier/tv/core/entry.ts). */
  | { kind: 'entry'; core: CoreProgram; coreId: string; mlir: StageText; opts: ValidateOptions };

/** A pass split into tasks: a row already known (no check needed), or a task to run. */
export type Planned = { kind: 'row'; row: FunctionVerdict } | { kind: 'task'; task: CheckTask };

/** The functions validatePair checks, in its order, and the rows it gives without a check
 *  (verifier/tv/validate.ts pairFunctions, which validatePair iterates too). */
export function planPair(src: Module, tgt: Module, srcText: StageText, tgtText: StageText, opts: ValidateOptions): Planned[] {
  return pairFunctions(src, tgt).map((it) =>
    it.kind === 'row' ? { kind: 'row', row: it.row } : { kind: 'task', task: { kind: 'pair', src: srcText, tgt: tgtText, fn: it.s.name, opts } });
}

let coreIds = 0;

/** The functions validateCoreToMlir checks (every Core function, in order, then the entry). */
export function planCore(core: CoreProgram, module: Module, mlir: StageText, opts: ValidateOptions): Planned[] {
  const coreId = `${core.file}#${++coreIds}`;
  try {
    moduleInfo(module);
  } catch (e) {
    if (e instanceof Unsupported) return [{ kind: 'row', row: { name: '(module)', verdict: 'unsupported', detail: `unsupported: ${e.message}`, timeMs: 0 } }];
    throw e;
  }
  const fns: Planned[] = core.functions.map((_, fn) => ({ kind: 'task', task: { kind: 'core', core, coreId, mlir, fn, opts } }));
  return core.entry ? [...fns, { kind: 'task', task: { kind: 'entry', core, coreId, mlir, opts } }] : fns;
}

// A worker gets the same stage texts for many tasks: parse each once (its per-region
// analyses are cached on the parsed module). Keyed by the text itself; the few most recent
// kept. The core-to-mlir check gets modules of its own, as validateStages always gave it:
// sharing one with the upstream pair that reads the same stage changed that pair's verdict
// (arena_queue convert-scf-to-cf @runFrame: proved alone, bounded(8) after the Core check of
// the same module object in the same thread) — tests/cli/validate-jobs.test.ts.
const parsedCache = new Map<string, { module: Module; info: ModuleInfo | null }>();

export function parsed(s: StageText, use: 'pair' | 'core' = 'pair'): { module: Module; info: ModuleInfo | null } {
  const key = `${use}\0${s.file}\0${s.text}`;
  let p = parsedCache.get(key);
  if (!p) {
    p = { module: parseMlir(s.text, s.file), info: null };
    parsedCache.set(key, p);
    while (parsedCache.size > 12) parsedCache.delete(parsedCache.keys().next().value!);
  }
  return p;
}

function infoOf(s: StageText, use: 'pair' | 'core' = 'pair'): ModuleInfo {
  const p = parsed(s, use);
  return (p.info ??= moduleInfo(p.module));
}

// The Core program of a task: a structured clone per message, so the same program arrives as
// a new object each time; keep the first copy of each (planCore numbers them) so that its
// WeakMap-cached analyses are reused.
const coreCache = new Map<string, CoreProgram>();

function sameCore(id: string, core: CoreProgram): CoreProgram {
  const hit = coreCache.get(id);
  if (hit) return hit;
  coreCache.set(id, core);
  while (coreCache.size > 4) coreCache.delete(coreCache.keys().next().value!);
  return core;
}

/** Runs one task: the row validatePair / validateCoreToMlir would give for that function. */
export async function runTask(task: CheckTask, inWorker = false): Promise<FunctionVerdict> {
  injectedFault(task, inWorker);
  switch (task.kind) {
    case 'pair': {
      const si = infoOf(task.src);
      const ti = infoOf(task.tgt);
      return validateFunction(si, ti, si.funcs.get(task.fn)!, ti.funcs.get(task.fn)!, task.opts);
    }
    case 'core': {
      const core = sameCore(task.coreId, task.core);
      const p = parsed(task.mlir, 'core');
      return validateCoreFunction(core, core.functions[task.fn]!, p.module, infoOf(task.mlir, 'core'), task.opts);
    }
    case 'entry': {
      const core = sameCore(task.coreId, task.core);
      const p = parsed(task.mlir, 'core');
      // planned only for a program with an entry, so there is a row
      return (await validateEntry(core, p.module, infoOf(task.mlir, 'core'), task.opts))!;
    }
  }
}

/** The MLIR function a task checks. */
function taskName(task: CheckTask): string {
  switch (task.kind) {
    case 'pair':
      return task.fn;
    case 'core':
      return mlirName(task.core.functions[task.fn]?.name ?? `#${task.fn}`);
    case 'entry':
      return ENTRY_SYMBOL;
  }
}

/** The row of a check that failed inside the workbench (a bug, not a verdict): `unknown`, so
 *  that nothing is claimed and the exit code says so (2), with the message; the rest of the
 *  run goes on. `inWorker`: it ran in a worker thread (validate-pool.ts), which may have died.
 *  FIDELITY_DEBUG=1 prints the stack on stderr. */
export function internalErrorRow(task: CheckTask, message: string, inWorker: boolean, stack?: string): FunctionVerdict {
  const name = taskName(task);
  const detail = `unknown: internal error${inWorker ? ' in worker' : ''}: ${message}`;
  process.stderr.write(`fidelity: the check of @${name} failed (a bug in the workbench; reported as ${detail})\n`);
  if (process.env.FIDELITY_DEBUG && stack) process.stderr.write(`${stack}\n`);
  return { name, verdict: 'unknown', detail, timeMs: 0 };
}

// ---- fault injection for the tests of the above (tests/cli/validate-faults.test.ts): with
// FIDELITY_TEST_FAULT=KIND:FN, the check of function FN (its MLIR name) fails as KIND says —
// `throw` (the check throws), `exit` (the worker thread exits mid-check; in this thread: a
// throw); `plan:FILE` (injectedPlanFault). Several, comma-separated, act together (one run
// of a test then shows two faults). Off unless the variable is set.
const injectedSpecs = (): string[] => (process.env['FIDELITY_TEST_FAULT'] ?? '').split(',').filter(Boolean);

/** `plan:NAME`: planning the checks of the program file NAME (its base name) fails (audit). */
export function injectedPlanFault(file: string): void {
  for (const spec of injectedSpecs()) {
    if (spec.startsWith('plan:') && file.split('/').pop() === spec.slice(5)) throw new Error(`injected fault (FIDELITY_TEST_FAULT=${spec})`);
  }
}

export function injectedFault(task: CheckTask, inWorker: boolean): void {
  for (const spec of injectedSpecs()) {
    const [kind, fn] = spec.split(':');
    if (kind === 'plan') continue;
    const name = taskName(task);
    if (name !== fn) continue;
    if (kind === 'exit' && inWorker) process.exit(70);
    throw new Error(`injected fault (FIDELITY_TEST_FAULT=${spec})`);
  }
}

