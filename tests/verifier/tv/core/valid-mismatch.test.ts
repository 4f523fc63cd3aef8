// A Core -> MLIR mismatch that holds on every input (a wrong constant): the bounds
// simplification (core/split.ts) folds the query to `true`, a query with no variable left,
// so the solver's answer named none: the check said `unknown: the solver gave no model`.
// The unsimplified query (or, with no free variable, any input) gives a model to replay:
// refuted, with the difference shown (verifier/tv/core/validate.ts solveOne).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';
// the symbolic check of functions without inputs (closed-run.test.ts checks them by their one execution)
process.env.FIDELITY_CLOSED_RUN = 'off';

const SOURCE = `
let seven (k: int) : int = 7

let eight () : int = 8

let main _ = 0
`;

const core = frontEndText('valid-mismatch.clef', SOURCE).core;
const mlir = coreToMlir(core);

async function verdict(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'valid-mismatch.mlir');
  const v = await validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 20_000 });
  return `${v.verdict}: ${v.detail}`;
}

test('as compiled: proved', async () => {
  assert.match(await verdict('seven'), /^proved/);
  assert.match(await verdict('eight'), /^proved/);
});

test('a wrong constant (a difference on every input, with an unused parameter): refuted, replayed', async () => {
  const v = await verdict('seven', (t) => mutate(t, 'seven', /7 : i64/, '8 : i64'));
  assert.match(v, /^refuted: .*Core 7, MLIR 8/, v);
});

test('a wrong constant, no parameter at all (the empty model): refuted, replayed', async () => {
  const v = await verdict('eight', (t) => mutate(t, 'eight', /8 : i64/, '9 : i64'));
  assert.match(v, /^refuted: .*Core 8, MLIR 9/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
