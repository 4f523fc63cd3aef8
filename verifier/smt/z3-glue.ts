// The z3-solver package's Emscripten glue (build/z3-built.js) is built with ASSERTIONS on.
// Two of its checks sit on the hottest path between z3's C++ and JavaScript:
// - every call z3 makes through its function table (Emscripten's exception handling turns
//   each `invoke_*` into one) re-reads the WASM table to assert that the JavaScript mirror of
//   it is current: a `WebAssembly.Table.get` across the boundary for each call;
// - every call of an exported function goes through a wrapper that builds three assertion
//   messages (template strings, evaluated before the assertion) per call.
// In a CPU profile of the Core -> MLIR checks of one corpus program (rle_region, 27 Nov) the
// table check alone was a quarter of z3's thread. Neither check changes what z3 computes:
// they abort on a broken glue, which the stock file would show as well. A third edit starts
// z3's threads without the parent's execArgv (below).
// So the glue is loaded from a copy without those two checks, made once per version of the
// package in the cache folder (written to a temp file, then renamed). The copy is used only
// when each edit matches exactly once; otherwise, or with FIDELITY_Z3_STOCK_GLUE=1, the stock
// file is loaded. z3-glue.test.ts checks that the installed version takes the edits.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { threadId } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** One edit of the glue: `from` must occur exactly once. */
type Edit = { what: string; from: string; to: string };

export const GLUE_EDITS: Edit[] = [
  {
    what: 'the function-table mirror check of getWasmTableEntry',
    from: "assert(wasmTable.get(funcPtr) == func, 'JavaScript-side Wasm function table mirror is out of date!');",
    to: '',
  },
  {
    what: "createExportWrapper's per-call assertions",
    from: [
      '  return (...args) => {',
      '    assert(runtimeInitialized, `native function \\`${name}\\` called before runtime initialization`);',
      '    var f = wasmExports[name];',
      '    assert(f, `exported native function \\`${name}\\` not found`);',
      '    // Only assert for too many arguments. Too few can be valid since the missing arguments will be zero filled.',
      '    assert(args.length <= nargs, `native function \\`${name}\\` called with ${args.length} args but expects ${nargs}`);',
      '    return f(...args);',
      '  };',
    ].join('\n'),
    to: '  return (...args) => wasmExports[name](...args);',
  },
  {
    // Node gives a worker its parent's execArgv: under `node --import tsx` (every test file)
    // every z3 thread registered tsx's loader before running the plain-JavaScript glue, about
    // 150 ms of CPU per thread and two or more threads per process (scratch measurement,
    // 27 Nov: 180 ms against 25 ms per worker). The glue needs no flag of its parent's.
    what: 'the pthread workers inheriting the parent\'s execArgv',
    from: "          'workerData': 'em-pthread',\n",
    to: "          'workerData': 'em-pthread', 'execArgv': [],\n",
  },
  {
    // the async wrapper keeps Node alive with a 600 s timer per call, which only the call's
    // end clears; a module that dies under a call (z3-crash.ts) never ends it, and the
    // capture of that timer when the call starts (z3wasm.ts timersMadeBy) missed one under
    // load: a test process stayed alive 7 minutes after its last test (session 18 CI). On
    // the module, z3wasm.ts clears every one of a dead module's timers.
    what: "the async wrapper's keep-alive timers, reachable from the module",
    from: 'let threadTimeouts = [];\n',
    to: 'let threadTimeouts = Module.threadTimeouts = [];\n',
  },
];

/** The glue's text with the edits made, or why not (an edit that does not match once). */
export function editGlue(text: string): { text: string } | { problem: string } {
  let out = text;
  for (const e of GLUE_EDITS) {
    const at = out.indexOf(e.from);
    if (at < 0) return { problem: `${e.what}: not found` };
    if (out.indexOf(e.from, at + 1) >= 0) return { problem: `${e.what}: found more than once` };
    out = out.slice(0, at) + e.to + out.slice(at + e.from.length);
  }
  return { text: out };
}

/** The stock glue's path. */
export function stockGluePath(): string {
  return join(dirname(require.resolve('z3-solver/package.json')), 'build', 'z3-built.js');
}

/** Where the edited glue is kept, or why the stock one is used. */
export function editedGluePath(dir = join(tmpdir(), 'fidelity-cache')): { path: string } | { problem: string } {
  if (process.env.FIDELITY_Z3_STOCK_GLUE) return { problem: 'FIDELITY_Z3_STOCK_GLUE is set' };
  const stock = stockGluePath();
  const text = readFileSync(stock, 'utf8');
  const key = createHash('sha256').update(text).update('\0').update(JSON.stringify(GLUE_EDITS)).digest('hex').slice(0, 24);
  const file = join(dir, `z3-built-${key}.js`);
  const edited = editGlue(text);
  if ('problem' in edited) return edited;
  // a copy already there is used only if it is exactly the edited text: the folder is
  // shared and writable by others, and a truncated copy would break every query
  try {
    if (readFileSync(file, 'utf8') === edited.text) return { path: file };
  } catch {
    // not made yet
  }
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, edited.text);
    renameSync(tmp, file); // a parallel loader never sees half a file
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean up, or nothing we may
    }
    return { problem: `cannot write ${file}: ${(e as Error).message}` };
  }
  return { path: file };
}

/** The Emscripten module factory z3-solver's low-level init takes, and the overrides that
 *  point the edited copy at the package's own .wasm file. */
export function glueModule(): { initModule: unknown; overrides: Record<string, unknown>; edited: boolean } {
  lazyWasmValidation();
  const at = editedGluePath();
  const wasmDir = dirname(stockGluePath());
  const instantiateWasm = process.env.FIDELITY_Z3_RECOMPILE === '1' ? {} : { instantiateWasm: compiledOnce(join(wasmDir, 'z3-built.wasm')) };
  if ('problem' in at) return { initModule: require(stockGluePath()), overrides: instantiateWasm, edited: false };
  // the worker threads load the same copy (Emscripten starts them from its own script's path)
  // and get the compiled module from this thread, so only this thread locates the .wasm
  return { initModule: require(at.path), overrides: { locateFile: (file: string) => join(wasmDir, file), ...instantiateWasm }, edited: true };
}

/**
 * Emscripten's `instantiateWasm` hook: every instance of z3 in this process (a new one after
 * disposeSolvers or after a module died, z3-crash.ts) is made from one compiled module. V8
 * compiles z3's functions on their first call and keeps the code in the module, so a new
 * instance from the same module runs at once what an earlier one compiled, where a module
 * compiled again starts over (about 0.4 s of CPU for a typical check's functions). An instance
 * holds all of z3's state (its memory is its own), the module only code.
 * FIDELITY_Z3_RECOMPILE=1 compiles the module for every instance, as Emscripten does.
 */
function compiledOnce(wasmFile: string): (imports: WebAssembly.Imports, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => unknown) => unknown {
  // synchronous: a failure is thrown to the glue, which rejects init's promise with it (an
  // asynchronous one would leave that promise pending); with lazy validation compiling the
  // module takes about 40 ms, instantiating it a few
  return (imports, receive) => {
    if (!compiled) {
      compiled = new WebAssembly.Module(readFileSync(wasmFile));
      compiles++;
    }
    return receive(new WebAssembly.Instance(compiled, imports), compiled);
  };
}
let compiled: WebAssembly.Module | null = null;
let compiles = 0;

/** How many times this process compiled z3's module through compiledOnce (tests). */
export function z3ModuleCompiles(): number {
  return compiles;
}

/**
 * V8 compiles z3's 35 MB module lazily (each function on its first call) but validates all of
 * it up front: about 110 ms of CPU in every process that asks a query, most of the module's
 * compile time (measured 27 Nov: 123-173 ms against 30-34 ms for WebAssembly.compile of
 * z3-built.wasm). With lazy validation each function is validated when it is first compiled,
 * before it runs, so nothing unvalidated ever runs; only the functions z3 never calls are
 * never validated. The flag concerns modules compiled after it is set; set before the first.
 * FIDELITY_Z3_EAGER_VALIDATION=1 leaves V8's default.
 */
function lazyWasmValidation(): void {
  if (!process.env.FIDELITY_Z3_EAGER_VALIDATION) setFlagsFromString('--wasm-lazy-validation');
}
