// Memory holding records (verifier/tv/core/records.ts): a Span<Pt> is one memref per scalar
// field (i64, i32, i1 here), each over its own MLIR block; Core's one block is related leaf
// by leaf. Unmutated functions are proved; a load of the wrong element's field and a wrong
// stored field value are refuted with counterexamples replayed on both interpreters.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';

const opts = { unroll: 2, timeoutMs: 60_000 };

const SOURCE = `
type Pt = { X: int; Y: int32; On: bool }

[<Requires("ps.Length >= 2")>]
let secondY (ps: Span<Pt>) : int32 =
    if ps.[1].On then ps.[1].Y else ps.[0].Y

[<Requires("ps.Length >= 1")>]
let setFirst (ps: Span<Pt>) (x: int) : unit =
    ps.[0] <- { X = x; Y = 7l; On = true }

let main _ = 0
`;

const core = frontEndText('records.clef', SOURCE).core;
const mlir = coreToMlir(core);

async function verdict(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'records.mutant.mlir');
  return validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), opts);
}

for (const fn of ['secondY', 'setFirst']) {
  test(`${fn} (a Span of records: three memrefs over three blocks) is proved`, async () => {
    const v = await verdict(fn);
    assert.ok(v.verdict === 'proved' || v.detail.startsWith('unknown: timeout'), `${v.verdict}: ${v.detail}`);
  });
}

test('refuted with a replayed counterexample: the field of the wrong element loaded', async () => {
  const v = await verdict('secondY', (t) => mutate(t, 'secondY', /%(\d+) = arith\.index_cast %c0_(\d+) : i64 to index/, '%$1 = arith.index_cast %c1_3 : i64 to index'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /result scalar 0/, v.counterexample!.difference);
});

test('refuted with a replayed counterexample: a wrong value stored into one field', async () => {
  const v = await verdict('setFirst', (t) => mutate(t, 'setFirst', 'arith.constant 7 : i32', 'arith.constant 8 : i32'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /element \d+ of an argument block/, v.counterexample!.difference);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
