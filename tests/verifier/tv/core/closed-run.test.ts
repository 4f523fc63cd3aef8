// A function without inputs checked by its one execution (verifier/tv/core/closed-run.ts):
// closed corpus mains proved that way, wrong targets of them refuted with the run's own
// difference, and every condition that makes the run the only one checked — where one fails
// the symbolic check decides (`open`), never this path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { closedRun, type ClosedRun } from '../../../../verifier/tv/core/closed-run.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import type { CoreProgram } from '../../../../compiler/core/core.ts';
import { corpusProgram, mutate, probeProgram } from './helpers.ts';

function run(core: CoreProgram, mlir: string, fn: string): ClosedRun {
  const mod = parseMlir(mlir, 'closed.mlir');
  const info = moduleInfo(mod);
  return closedRun(core, core.functions.find((f) => f.name === fn)!, mod, info, info.funcs.get(`clef.${fn}`)!);
}

const said = (r: ClosedRun) => (r.kind === 'refuted' ? r.cex.difference : r.kind === 'open' ? r.why : r.detail);

test('closed corpus mains are proved by their one execution (through validateCoreFunction)', async () => {
  for (const name of ['ring_buffer', 'debounce', 'date_arith', 'crc32', 'sensor_selftest']) {
    const { core, mlir } = corpusProgram(name);
    const mod = parseMlir(mlir, `${name}.mlir`);
    const v = await validateCoreFunction(core, core.functions.find((f) => f.name === 'main')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 3000 });
    assert.is(v.verdict, 'proved', `${name}: ${v.detail}`);
    assert.match(v.detail, /no inputs: its one execution compared/);
  }
});

test('wrong targets of a closed main are refuted by the run', () => {
  const rb = corpusProgram('ring_buffer');
  const refuted = (core: CoreProgram, mlir: string, what: string, re: RegExp) => {
    const r = run(core, mlir, 'main');
    assert.is(r.kind, 'refuted', `${what}: ${said(r)}`);
    assert.match(said(r), re, what);
  };
  // a constant in a printed value: pushes i * 11
  refuted(rb.core, mutate(rb.mlir, 'main', '%c10_21 = arith.constant 10 : i64', '%c10_21 = arith.constant 11 : i64'), 'constant', /output differs/);
  // a loop bound: five pushes instead of six
  refuted(rb.core, mutate(rb.mlir, 'main', '%c6_6 = arith.constant 6 : i64', '%c6_6 = arith.constant 5 : i64'), 'loop bound', /output differs/);
  // a wrong byte of a string literal ("count = " -> "cpunt = ")
  const lit = rb.mlir.replace('dense<[99, 111, 117, 110, 116, 32, 61, 32]>', 'dense<[99, 112, 117, 110, 116, 32, 61, 32]>');
  assert.is.not(lit, rb.mlir);
  refuted(rb.core, lit, 'string literal', /output differs at byte 1 \(line 1\): Core "count = 4, head = 2\\npopped 30/);
  // an extra and a missing runtime call (the first writeln twice; the first writeln gone)
  const line = rb.mlir.slice(rb.mlir.indexOf('func.func @clef.main(')).match(/\n\s*func\.call @clef_writeln\([^\n]*/)![0];
  refuted(rb.core, mutate(rb.mlir, 'main', line, line + line), 'extra call', /output differs/);
  refuted(rb.core, mutate(rb.mlir, 'main', line, ''), 'missing call', /output differs/);
  // a dropped store: the array insertion_sort sorts keeps one element at zero
  const is = corpusProgram('insertion_sort');
  refuted(is.core, mutate(is.mlir, 'main', /\n\s*memref\.store %27, %view_4\[%20\][^\n]*/, ''), 'dropped store', /output differs/);
  // the exit code
  refuted(rb.core, mutate(rb.mlir, 'main', /(\n\s*)return %([\w]+) : i64\s*$/, '$1%wrong = arith.constant 3 : i64$1return %wrong : i64'), 'result', /result scalar 0: Core 0, MLIR 3/);
});

test('a wrong callee shows in the closed main that runs it (callees run by their bodies)', () => {
  const rb = corpusProgram('ring_buffer');
  const bad = mutate(rb.mlir, 'push', /arith\.constant 4 : i64/, 'arith.constant 3 : i64');
  const r = run(rb.core, bad, 'main');
  assert.is(r.kind, 'refuted', said(r));
});

const P = `
let total = Array.zeroCreate<int> 1
let counts = [| 1; 2; 3 |]

let bump (k: int) : unit =
    total.[0] <- total.[0] + k

let readsWritten () : int =
    total.[0] + 1

let readsConstant () : int =
    counts.[0] + counts.[2]

let withArgv (argv: Span<string>) : int =
    Console.writeln (Format.int argv.Length)
    0

let main _ =
    bump 3
    Console.writeln (Format.int (readsWritten ()))
    0
`;

test('the conditions: inputs, statics others write, a function other than the entry', () => {
  const { core, mlir } = probeProgram('closedconds', P);
  // a static some function writes is an input of any function but the entry
  const w = run(core, mlir, 'readsWritten');
  assert.is(w.kind, 'open', said(w));
  assert.match(said(w), /static total may hold other contents/);
  // a static nobody writes holds its initializer at every call
  const c = run(core, mlir, 'readsConstant');
  assert.is(c.kind, 'proved', said(c));
  assert.not.match(said(c), /entry/);
  // a parameter that is read
  assert.is(run(core, mlir, 'withArgv').kind, 'open');
  assert.is(run(core, mlir, 'bump').kind, 'open');
  // the entry: its statics start at their initializers
  const m = run(core, mlir, 'main');
  assert.is(m.kind, 'proved', said(m));
  assert.match(said(m), /the program's entry/);
});

test('the entry called by another function is not run from the initializers', () => {
  const src = `
let total = Array.zeroCreate<int> 1

let main (argv: Span<string>) : int =
    total.[0] <- total.[0] + 1
    Console.writeln (Format.int total.[0])
    0

let again (argv: Span<string>) : int =
    main argv
`;
  const { core, mlir } = probeProgram('closedreentry', src);
  const r = run(core, mlir, 'main');
  assert.is(r.kind, 'open', said(r));
});

test('standard input, argv read by the target, memory nobody wrote: open', () => {
  const src = `
let main _ =
    let s = Console.readln ()
    Console.writeln s
    0
`;
  const rd = probeProgram('closedreadln', src);
  assert.match(said(run(rd.core, rd.mlir, 'main')), /reads standard input/);
  const ok = `
let main _ =
    Console.writeln ("n = " + Format.int 41)
    0
`;
  const p = probeProgram('closedargv', ok);
  assert.is(run(p.core, p.mlir, 'main').kind, 'proved');
  // a target that reads the argument count the source ignores
  const argc = mutate(p.mlir, 'main', /arith\.constant 41 : i64/, 'arith.constant 41 : i64\n    %n = func.call @clef_argc() : () -> i64');
  const withArgc = argc.includes('func.func private @clef_argc') ? argc : argc.replace('func.func @clef.main', 'func.func private @clef_argc() -> i64\n  func.func @clef.main');
  assert.match(said(run(p.core, withArgc, 'main')), /clef_argc/);
  // a target that prints its argv window (the MLIR arguments are inputs once used)
  const win = mutate(p.mlir, 'main', /func\.call @clef_fmt_i64\(%\w+,/, 'func.call @clef_fmt_i64(%argv_1,');
  assert.match(said(run(p.core, win, 'main')), /reads an argument/);
  // a target that prints a byte nobody wrote: poison reaching the output
  const fresh = mutate(p.mlir, 'main', /\n\s*memref\.store %\w+, %buf_\w+\[%\w+\] : memref<\?xi8>/, '');
  const f = run(p.core, fresh, 'main');
  assert.is(f.kind, 'open', said(f));
  assert.match(said(f), /poison|nobody wrote/);
});

test('Core failing an obligation on its one execution: vacuous', () => {
  const src = `
let main _ =
    let x = 2147483647l
    Console.writeln (Format.int (int (x + 1l)))
    0
`;
  const { core, mlir } = probeProgram('closedvacuous', src);
  const r = run(core, mlir, 'main');
  assert.is(r.kind, 'unknown', said(r));
  assert.match(said(r), /^unknown: vacuous: the source fails an obligation on its one execution/);
});

test('a run past the step limit is open, never proved', () => {
  const src = `
let main _ =
    let mutable i = 0
    while i < 100000 do
        i <- i + 1
    Console.writeln (Format.int i)
    0
`;
  const { core, mlir } = probeProgram('closedsteps', src);
  const mod = parseMlir(mlir, 'steps.mlir');
  const info = moduleInfo(mod);
  const fn = core.functions.find((f) => f.name === 'main')!;
  const r = closedRun(core, fn, mod, info, info.funcs.get('clef.main')!, 1000);
  assert.is(r.kind, 'open', said(r));
  assert.match(said(r), /step limit|more than 1000 steps/);
  assert.is(closedRun(core, fn, mod, info, info.funcs.get('clef.main')!).kind, 'proved');
});

test('output is compared as bytes, not as decoded text', () => {
  // Core prints U+FFFD (EF BF BD); the target an incomplete UTF-8 sequence (F0 9F 98), which
  // decodes to one U+FFFD too: equal as text (proved when the texts were compared), not as bytes
  const { core, mlir } = probeProgram('closedbytes', 'let main _ =\n    Console.writeln "\uFFFD"\n    0\n');
  assert.ok(mlir.includes('dense<[-17, -65, -67]>'), 'the literal as bytes');
  assert.is(run(core, mlir, 'main').kind, 'proved');
  const r = run(core, mlir.replace('dense<[-17, -65, -67]>', 'dense<[-16, -97, -104]>'), 'main');
  assert.is(r.kind, 'refuted', said(r));
  assert.match(said(r), /output differs at byte 0/);
});

test('FIDELITY_CLOSED_RUN: off leaves the symbolic verdict, last tries the run after it', async () => {
  const { core, mlir } = corpusProgram('debounce');
  const mod = parseMlir(mlir, 'debounce.mlir');
  const check = () => validateCoreFunction(core, core.functions.find((f) => f.name === 'main')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 3000 });
  try {
    process.env.FIDELITY_CLOSED_RUN = 'off';
    const off = await check();
    assert.is(off.verdict, 'unknown', off.detail);
    assert.match(off.detail, /nothing was checked/);
    process.env.FIDELITY_CLOSED_RUN = 'last';
    const last = await check();
    assert.is(last.verdict, 'proved', last.detail);
    assert.match(last.detail, /its one execution compared/);
  } finally {
    delete process.env.FIDELITY_CLOSED_RUN;
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
