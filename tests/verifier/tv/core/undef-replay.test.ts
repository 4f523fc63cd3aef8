// The Core -> MLIR replay reads memory nobody wrote as poison, as the MLIR -> MLIR replay
// does; LLVM reads it as undef. A target computing with such a read (`and x, 0`, which undef
// makes 0) used to replay as refuted here — the MLIR -> MLIR replay already ran the target a
// second time with those reads as defined values; the Core one now shares that rule
// (verifier/tv/replay.ts undefConfirmed). Hand-made mutants: core-to-mlir clears every fresh
// view (clef_zero_S), the mutants drop that clear.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';

const SOURCE = `
let masked (k: int) : int =
    let p = NativePtr.stackalloc<int> 2
    if k > 3 then (NativePtr.get p 1) &&& 0 else k

let plain (k: int) : int =
    let p = NativePtr.stackalloc<int> 2
    if k > 3 then NativePtr.get p 1 else k

let main _ = 0
`;

const core = frontEndText('undef-replay.clef', SOURCE).core;
const mlir = coreToMlir(core);
const NO_ZERO = /\n\s*func\.call @clef_zero_i64\([^\n]*/;
// (k decides the path, so the query keeps a variable: a query that folds to true is replayed
// on a model of the unsimplified one since — valid-mismatch.test.ts)

async function verdict(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'undef-replay.mutant.mlir');
  const v = await validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
  return `${v.verdict}: ${v.detail}`;
}

test('as compiled (the view cleared): proved', async () => {
  assert.match(await verdict('masked'), /^proved/);
  assert.match(await verdict('plain'), /^proved/);
});

test('clear dropped, `and undef, 0`: not refuted (undef makes it 0), unknown saying why', async () => {
  const v = await verdict('masked', (t) => mutate(t, 'masked', NO_ZERO, ''));
  assert.match(v, /^unknown: unknown: the target computes with memory nobody wrote \(undef\)/, v);
});

test('clear dropped, the undef read returned: refuted with the reads as defined values', async () => {
  const v = await verdict('plain', (t) => mutate(t, 'plain', NO_ZERO, ''));
  assert.match(v, /^refuted: /, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
