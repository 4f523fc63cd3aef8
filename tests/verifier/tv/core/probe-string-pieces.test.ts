// Soundness probes (reviewer, round 4) of string comparisons piece by piece
// (verifier/tv/core/strings.ts segments: a literal piece compared at each of its indices, a
// piece of unknown contents by a witness split into index cases; split.ts checks one
// comparison's pieces one by one) and of the copy loops' cut points (cut-copy.ts), on
// bitmap_alloc.report: `what + " -> block " + Format.int b` (a 10-byte literal between two
// pieces of unknown length). Each mutation is wrong at one byte of the literal piece, or only
// for an empty `what`: none may be `proved`. (Run at unroll 12 too, deep enough to unroll
// the literal's copy: all three were `unknown` (timeouts) on 26 Nov, 3.5 min in all, so
// only unroll 2 is kept.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';

async function verdictOf(unroll: number, edit: (mlir: string) => string) {
  const { core, mlir } = corpusProgram('bitmap_alloc');
  const mod = parseMlir(edit(mlir), 'bitmap_alloc.mlir');
  const f = core.functions.find((x) => x.name === 'report')!;
  return validateCoreFunction(core, f, mod, moduleInfo(mod), { unroll, timeoutMs: 3_000 }); // (timeouts are unknown, never proved; 8 s limits took ~1 min of CPU in CI)
}

const probes: { name: string; edit: (t: string) => string }[] = [
  {
    // the literal's last byte ' ' (32) as '!' (33) in its global
    name: 'the literal " -> block " with a wrong last byte',
    edit: (t) => {
      const from = 'dense<[32, 45, 62, 32, 98, 108, 111, 99, 107, 32]>';
      if (!t.includes(from)) throw new Error('no @str.3');
      return t.replace(from, 'dense<[32, 45, 62, 32, 98, 108, 111, 99, 107, 33]>');
    },
  },
  {
    // the literal copied without its last byte (left uninitialised in the buffer)
    name: 'the literal copy one byte short',
    edit: (t) => mutate(t, 'report', /scf\.for (%i_19) = %c0_9 to %len_11 step %c1_15 \{/, '%short = arith.subi %len_11, %c1_15 : index\n      scf.for $1 = %c0_9 to %short step %c1_15 {'),
  },
  {
    // empty `what` only: the number is written from offset len - 1 (over the literal's last byte)
    name: 'the number over the literal\'s last byte when `what` is empty',
    edit: (t) =>
      mutate(
        mutate(t, 'report', /(%39) = arith\.addi %len_28, (%i_36) : index/, '$1 = arith.addi %at, $2 : index'),
        'report',
        /(\n\s+scf\.for %i_36 = )/,
        '\n      %e0 = arith.cmpi eq, %len_10, %c0_9 : index\n      %lm1 = arith.subi %len_28, %c1_15 : index\n      %at = arith.select %e0, %lm1, %len_28 : index$1',
      ),
  },
];

for (const unroll of [2]) {
  for (const p of probes) {
    test(`never proved (unroll ${unroll}): bitmap_alloc.report, ${p.name}`, async () => {
      const v = await verdictOf(unroll, p.edit);
      if (process.env.PROBE_VERBOSE) console.log(`unroll ${unroll}, ${p.name} =>`, v.verdict, v.detail.slice(0, 300));
      assert.is.not(v.verdict, 'proved', v.detail);
      if (v.verdict === 'refuted') assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
    });
  }
}

test.after(async () => {
  await disposeSolvers();
});

test.run();
