// Review 26, the `@clef_entry` row (verifier/tv/core/entry.ts). (1) A main with a precondition. Core's run of a program checks main's Requires (a
// violation where it fails), but no obligation proves it for every command line — no Clef
// function calls main — and main's core-to-mlir row holds only where it does. The program
// below was all proved (`fidelity prove`: 17 proved) and the `@clef_entry` row too, yet on an
// empty command line the native program prints an empty line and exits 0 where Core's run
// stops on the precondition (`fidelity run --interp`: exit 70). The entry row is unknown now.
// (2) A wrapper that calls main, then spins in an scf.while of a bare condition: the MLIR ->
// MLIR replay of the pair (tv/replay.ts runSide) ran forever — an iteration executing no op
// counted no step (interp.ts); now it ends, and not proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateEntry } from '../../../../verifier/tv/core/entry.ts';

const OPTS = { unroll: 2, timeoutMs: 30_000 };

async function entryRow(src: string) {
  const core = frontEndText('entry-requires.clef', src).core;
  const m = parseMlir(coreToMlir(core), 'entry-requires.mlir');
  return (await validateEntry(core, m, moduleInfo(m), OPTS))!;
}

test('a main with a Requires on its command line: the entry row is unknown, not proved', async () => {
  const v = await entryRow(`
[<Requires("argv.Length > 0")>]
[<EntryPoint>]
let main (argv: string[]) =
    Console.writeln argv.[0]
    0
`);
  assert.is(v.verdict, 'unknown', v.detail);
  assert.match(v.detail, /main has a precondition \(Requires\), which no obligation proves for every command line/);
});

test('the same main without the Requires: proved', async () => {
  const v = await entryRow(`
[<EntryPoint>]
let main (argv: string[]) =
    if argv.Length > 0 then Console.writeln argv.[0]
    0
`);
  assert.is(v.verdict, 'proved', v.detail);
});

// main as in ARGS of entry.test.ts: it prints, so the wrapper's calls are observable
const SPIN = `
[<EntryPoint>]
let main argv =
    let n = argv.Length
    Console.writeln "started"
    if n > 0 then Console.writeln argv.[0]
    if n > 2 then 3 else n - 1
`;

test('a wrapper spinning forever after main (a bare scf.while): ends, not proved', async () => {
  const core = frontEndText('entry-spin.clef', SPIN).core;
  const mlir = coreToMlir(core);
  const start = mlir.indexOf('func.func @clef_entry(');
  const end = mlir.indexOf('\n  }\n', start);
  const body = mlir.slice(start, end).replace(/return (%\S+) : i64/, '%t = arith.constant true\n    scf.while : () -> () {\n      scf.condition(%t)\n    } do {\n      scf.yield\n    }\n    return $1 : i64');
  assert.ok(body.includes('scf.while'), 'mutated');
  const m = parseMlir(mlir.slice(0, start) + body + mlir.slice(end), 'entry-spin.mlir');
  const v = (await validateEntry(core, m, moduleInfo(m), OPTS))!;
  assert.is.not(v.verdict, 'proved', v.detail);
  assert.ok(v.verdict === 'refuted' || v.verdict.startsWith('bounded(') || v.verdict === 'unknown', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
