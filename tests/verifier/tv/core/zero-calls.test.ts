// The runtime's clef_zero_S calls the target keeps in its trace (core-memory, zero-calls.ts):
// a region allocation of a symbolic count is zeroed by a call on an observable block (it was
// handed to clef_region_track), which the MLIR semantics leaves uninterpreted. Core has no
// event for it; before, the call took the place of Core's next event (`unknown: counterexample
// did not replay`). Now it is skipped with its exact effect: the view's bytes read 0.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const SOURCE = `
[<Requires("n >= 0 && n <= 8")>]
let regZ (n: int) : int =
    use r = Region.create ()
    let s = Region.alloc<int> r n
    if n > 1 then s.[0] <- 5
    if n > 1 then s.[0] + s.[1] else 0

let main _ = 0
`;

const core = frontEndText('zero.clef', SOURCE).core;
const mlir = coreToMlir(core);
const ZERO = 'func.call @clef_zero_i64(%view_10) : (memref<?xi64, strided<[1], offset: ?>>) -> ()';

async function verdict(edit: (t: string) => string = (t) => t, timeoutMs = 30_000) {
  const mod = parseMlir(edit(mlir), 'zero.mutant.mlir');
  return validateCoreFunction(core, core.functions.find((f) => f.name === 'regZ')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs });
}

test('a region allocation of a symbolic count, zeroed by a runtime call: proved', async () => {
  assert.ok(mlir.includes(ZERO), 'core-to-mlir zeroes the view');
  const v = await verdict();
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

// (were the call a no-op in the check, this would be proved; the conditional second call
// makes trace positions symbolic: refuted — "Core 5, MLIR 0" — only after 24 M units, ~37 s
// of CPU, a timeout under its former 30 s wall limit. Under 1 M units per query, a fixed
// amount of work, its hard parts are undecided: never proved is what is pinned)
test('a second zeroing after the store (the 5 is lost): never proved, refuted when decided', async () => {
  const v = await withRlimit(() => verdict((t) => mutate(t, 'regZ', /(memref\.store %c5_14, %view_10\[%13\][^\n]*)/, `$1\n      ${ZERO}`), EFFORT.timeoutMs), 1_000_000);
  assert.ok(v.verdict === 'refuted' || /timeout|resource limit/.test(v.detail), `${v.verdict}: ${v.detail}`);
  if (v.verdict === 'refuted') assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
});

test('the zeroing call dropped: never proved', async () => {
  const v = await verdict((t) => mutate(t, 'regZ', `\n    ${ZERO}`, ''));
  assert.ok(v.verdict !== 'proved' && !v.verdict.startsWith('bounded'), `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
