// Memory holding bools: a Span<bool> is a memref<?xi1> over the corresponding block, one byte
// per element whose bit 0 is Core's bool (an i1 load truncates, a store zero-extends;
// verifier/tv/core/memory.ts `asCore`). The unmutated function is proved; a dropped negation
// before a store and a store at a wrong index are refuted with replayed counterexamples.
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

const opts = { unroll: 2, timeoutMs: EFFORT.timeoutMs };

const SOURCE = `
[<Requires("flags.Length >= 3")>]
let toggle (flags: Span<bool>) (i: int) : bool =
    let j = if i < 0 || i > 2 then 0 else i
    flags.[j] <- not flags.[j]
    flags.[0] && flags.[1]

let main _ = 0
`;

const core = frontEndText('bools.clef', SOURCE).core;
const mlir = coreToMlir(core);

// every query limited by work (effort.ts), not by the clock: the mutants' decided verdicts
// need 4-6 M units, which a loaded machine may stretch past a wall limit
async function verdict(edit: (t: string) => string = (t) => t, rlimit = EFFORT.rlimit) {
  const mod = parseMlir(edit(mlir), 'bools.mutant.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === 'toggle')!, mod, moduleInfo(mod), opts), rlimit);
}

test('toggle (loads and a store through a Span<bool>) is proved', async () => {
  // (its first part ran into the 30 s clock on 26 Nov — 15.5 M units undecided, all CPU in
  // CI — where the mutants' same part is unsat in 4-6 M units: under a fixed 6 M units per
  // query it is proved or undecided, never refuted)
  const v = await verdict((t) => t, 6_000_000);
  assert.ok(v.verdict === 'proved' || /^unknown: (timeout|resource limit)/.test(v.detail), `${v.verdict}: ${v.detail}`);
});

test('refuted with a replayed counterexample: the negation before the store dropped', async () => {
  const v = await verdict((t) => mutate(t, 'toggle', /memref\.store %(\d+), %flags_0\[%(\d+)\]/, (() => {
    const m = /%(\d+) = arith\.xori %(\d+), %true_\d+ : i1/.exec(t)!;
    return `memref.store %${m[2]}, %flags_0[%$2]`;
  })()));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /element \d+ of an argument block|result scalar/, v.counterexample!.difference);
});

test('refuted with a replayed counterexample: the store at index 0 always', async () => {
  // the store's index computed from 0, not from j (the load's stays j)
  const v = await verdict((t) => {
    const store = /memref\.store %\d+, %flags_0\[%(\d+)\]/.exec(t)!;
    return mutate(t, 'toggle', new RegExp(`%${store[1]} = arith\\.index_cast %(\\w+) : i64 to index`), `%${store[1]} = arith.index_cast %c0_2 : i64 to index`);
  });
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
