// The target's own copy loops (verifier/tv/core/cut-copy.ts): core-to-mlir copies a string's
// bytes with an scf.for that Core has no loop for. A function whose only loops are such
// copies is proved for strings of any length; a copy that is wrong — in its source or
// destination index, its bound, or one that is no copy at all — is never `proved`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers, setSolverDefaults } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

// every query limited by work (effort.ts), not by the clock: the verdicts do not depend on load
const opts = { unroll: 2, timeoutMs: EFFORT.timeoutMs };

// one query cache for the file (solver.ts QueryCache, as `fidelity validate` keeps one per
// run): the mutants below leave most of show's queries byte-identical — its first copy loop's
// back edge alone is 2.9 M units, asked four times — and an identical query (same text and
// limits) has the same answer
setSolverDefaults({ cache: { answers: new Map() } });

async function verdictOf(program: string, fn: string, edit: (mlir: string) => string = (t) => t) {
  const { core, mlir } = corpusProgram(program);
  const mod = parseMlir(edit(mlir), `${program}.mlir`);
  const f = core.functions.find((x) => x.name === fn)!;
  return withRlimit(() => validateCoreFunction(core, f, mod, moduleInfo(mod), opts));
}

// bits `show` is `Console.writeln (label + Format.int v)`: two copy loops into one buffer
// (label at 0, the formatted number after it), then the call. Before cut-copy.ts: bounded(2).
test('two copy loops of a concatenation: proved for strings of any length', async () => {
  const v = await verdictOf('bits', 'show');
  assert.is(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /any length \(cut points at 2 loop heads/);
});

// the work limit reaches every query of the check (effort.ts): with 200 k units per query the
// first copy loop's back edge is not decided, so the same row is only bounded(2) (core-loops,
// round 8: 1 M before — the back edge, 2.8 M whole, is now checked member by member, each
// below 1 M: cut-validate.ts `disjuncts` of a part checked alone)
test('with too little work allowed per query the copy loops are not proved (resource limit)', async () => {
  const { core, mlir } = corpusProgram('bits');
  const mod = parseMlir(mlir, 'bits.mlir');
  const v = await withRlimit(() => validateCoreFunction(core, core.functions.find((x) => x.name === 'show')!, mod, moduleInfo(mod), opts), 200_000);
  assert.is(v.verdict, 'bounded(2)', v.detail);
  assert.match(v.detail, /resource limit/);
});

const wrong: { name: string; from: string | RegExp; to: string; expect: 'refuted' | 'bounded(2)' }[] = [
  // the second part copied over the first (its destination index starts at 0, not len(label))
  { name: 'second copy to the wrong place', from: /(%\d+) = arith\.addi %len_8, (%i_\d+) : index/, to: '$1 = arith.addi %c0_7, $2 : index', expect: 'refuted' },
  // the second loop runs len(label) times instead of len(number)
  { name: 'second copy with the wrong bound', from: /scf\.for (%i_\d+) = %c0_7 to %len_9/, to: 'scf.for $1 = %c0_7 to %len_8', expect: 'refuted' },
  // the first copy reads one byte ahead (the last read is past the label)
  { name: 'first copy reads ahead', from: /(%\d+) = arith\.addi %c0_7, (%i_12) : index\n(\s+%\d+ = memref\.load %label_0)/, to: '$1 = arith.addi %c1_13, $2 : index\n$3', expect: 'refuted' },
  // the second loop copies at most 5 bytes: wrong only for numbers of 6 digits or more, far
  // beyond the unrolling bound (the copy's own relation holds; the string compared at the
  // call does not)
  { name: 'second copy cut short for long numbers', from: /scf\.for (%i_\d+) = %c0_7 to %len_9 step %c1_13 \{/, to: '%five = arith.constant 5 : index\n    %short = arith.minui %len_9, %five : index\n    scf.for $1 = %c0_7 to %short step %c1_13 {', expect: 'bounded(2)' },
  // a "join marker" store into the destination: no relation is assumed for such a loop
  { name: 'a store of a constant into the destination', from: /(memref\.store %mark_v, %mark\[%mark_i\] : memref<1xi8>\n\s+\}\n\s+func\.call @clef_writeln)/, to: 'memref.store %mark_v, %buf_11[%c0_7] : memref<?xi8>\n      $1', expect: 'refuted' },
  // the first copy reads the buffer it writes (no copy of the label at all): the source may be
  // the destination, so no relation is assumed
  { name: 'first copy reads its own destination', from: /memref\.load %label_0\[/, to: 'memref.load %buf_11[', expect: 'refuted' },
];

for (const m of wrong) {
  test(`never proved: bits.show, ${m.name}`, async () => {
    const v = await verdictOf('bits', 'show', (t) => mutate(t, 'show', m.from, m.to));
    assert.is(v.verdict, m.expect, v.detail);
    assert.not.match(v.detail, /any length/);
    if (v.verdict === 'refuted') assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
  });
}

// the same bound computed another way (min(n, n)): the relation does not depend on the form
test('a copy loop whose bound is computed another way: still proved', async () => {
  const v = await verdictOf('bits', 'show', (t) => mutate(t, 'show', /scf\.for (%i_\d+) = %c0_7 to %len_9 step %c1_13 \{/, '%same = arith.minui %len_9, %len_9 : index\n    scf.for $1 = %c0_7 to %same step %c1_13 {'));
  assert.is(v.verdict, 'proved', v.detail);
});

test.after(async () => {
  setSolverDefaults({ cache: undefined });
  await disposeSolvers();
});

test.run();
