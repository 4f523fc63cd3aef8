// Regions against core-to-mlir's runtime calls (verifier/tv/core/regions.ts): Region.create,
// Region.alloc and the release at the end of a `use` scope are `clef_region_create`,
// `memref.alloc` + `clef_region_track`, `clef_region_release` in the target's call trace.
// The unmutated function is proved; mutants of its real MLIR — the release moved before the
// loads (use after free), a wrong handle tracked, a load at a wrong index of the region
// block — are refuted with counterexamples replayed on both interpreters.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';

const opts = { unroll: 2, timeoutMs: 30_000 };

const SOURCE = `
let regPick (x: int) (y: int) (first: bool) : int =
    use r = Region.create ()
    let s = Region.alloc<int> r 2
    s.[0] <- x
    s.[1] <- y
    if first then s.[0] else s.[1]

let main _ = 0
`;

const core = frontEndText('regions.clef', SOURCE).core;
const mlir = coreToMlir(core);

async function verdict(edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'regions.mutant.mlir');
  return validateCoreFunction(core, core.functions.find((f) => f.name === 'regPick')!, mod, moduleInfo(mod), opts);
}

const RELEASE = /\n(\s*)func\.call @clef_region_release\(%(\w+)\) : \(i64\) -> \(\)/;
const TRACK = /(func\.call @clef_region_track\(%(\w+), %\w+\)[^\n]*)/;

test('regPick (a region created, allocated from, released) is proved', async () => {
  const v = await verdict();
  assert.ok(v.verdict === 'proved' || v.detail.startsWith('unknown: timeout'), `${v.verdict}: ${v.detail}`);
});

test('refuted with a replayed counterexample: the release moved before the loads (use after free)', async () => {
  const v = await verdict((t) => {
    const h = RELEASE.exec(t)![2]!;
    const moved = mutate(t, 'regPick', RELEASE, '');
    return mutate(moved, 'regPick', TRACK, `$1\n    func.call @clef_region_release(%${h}) : (i64) -> ()`);
  });
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /undefined behaviour/, v.counterexample!.difference);
});

test('refuted with a replayed counterexample: a load at the wrong index of the region block', async () => {
  const v = await verdict((t) => mutate(t, 'regPick', /memref\.load %view_(\d+)\[%(\d+)\]/, 'memref.load %view_$1[%16]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /result scalar 0/, v.counterexample!.difference);
});

test('the release of a handle the function never created is not proved', async () => {
  const v = await verdict((t) => mutate(t, 'regPick', RELEASE, '\n$1func.call @clef_region_release(%c2_4) : (i64) -> ()'));
  assert.is.not(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
