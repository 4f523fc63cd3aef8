// Review 24: what a closed function's one run (verifier/tv/core/closed-run.ts) must not take
// for granted about the native program around it — each target below was `proved` by the
// run while its native build behaved otherwise (scratch/review24/FINDINGS.md).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { closedRun, type ClosedRun } from '../../../../verifier/tv/core/closed-run.ts';
import type { CoreProgram } from '../../../../compiler/core/core.ts';
import { probeProgram } from './helpers.ts';

function run(core: CoreProgram, mlir: string, fn: string): ClosedRun {
  const mod = parseMlir(mlir, 'closed.mlir');
  const info = moduleInfo(mod);
  return closedRun(core, core.functions.find((f) => f.name === fn)!, mod, info, info.funcs.get(`clef.${fn}`)!);
}

const said = (r: ClosedRun) => (r.kind === 'refuted' ? r.cex.difference : r.kind === 'open' ? r.why : r.detail);

test('a global without an initial value is undef natively, not zeros: open', () => {
  // natively (finalize-memref-to-llvm: `global [4 x i64] undef`, clang -O2) printed
  // 94117756535504 for total.[2]; the run read zeros and said proved
  const src = `
let total = Array.zeroCreate<int> 4

let main _ =
    total.[1] <- total.[1] + 5
    Console.writeln (Format.int total.[1])
    Console.writeln (Format.int total.[2])
    0
`;
  const { core, mlir } = probeProgram('closeduninit', src);
  assert.is(run(core, mlir, 'main').kind, 'proved');
  const from = '@static.total : memref<4xi64> = dense<0>';
  assert.ok(mlir.includes(from));
  const r = run(core, mlir.replace(from, '@static.total : memref<4xi64> = uninitialized'), 'main');
  assert.is(r.kind, 'open', said(r));
  assert.match(said(r), /without an initial value/);
});

test('module-level ops that run natively outside the run (a constructor): open', () => {
  // natively the constructor aborts before main (exit 134, nothing printed); the run of
  // main printed "0" on both sides and said proved
  const src = `
let total = Array.zeroCreate<int> 1

let bump () : unit =
    total.[0] <- total.[0] + 7

let main _ =
    Console.writeln (Format.int total.[0])
    0
`;
  const { core, mlir } = probeProgram('closedctor', src);
  assert.is(run(core, mlir, 'main').kind, 'proved');
  const ctor = [
    '  llvm.func @abort()',
    '  llvm.func @early() {',
    '    llvm.call @abort() : () -> ()',
    '    llvm.return',
    '  }',
    '  "llvm.mlir.global_ctors"() <{ctors = [@early], priorities = [0 : i32]}> : () -> ()',
    '',
  ].join('\n');
  const r = run(core, mlir.replace('module {\n', `module {\n${ctor}`), 'main');
  assert.is(r.kind, 'open', said(r));
  assert.match(said(r), /the module holds llvm\./);
});

test.run();
