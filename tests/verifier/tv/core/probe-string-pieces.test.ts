// Soundness probes (reviewer, round 4) of string comparisons piece by piece
// (verifier/tv/core/strings.ts segments: a literal piece compared at each of its indices, a
// piece of unknown contents by a witness split into index cases; split.ts checks one
// comparison's pieces one by one) and of the copy loops' cut points (cut-copy.ts), on the
// shape of bitmap_alloc.report: `what + LITERAL + Format.int b` written out (a literal between
// two pieces of unknown length). Each mutation is wrong at one byte of the literal piece, or
// only for an empty `what`, and must be refuted with a replayed counterexample that shows it.
// The probes ran on bitmap_alloc.report itself until session 16, whose literal " -> block "
// is 10 bytes: at unroll 2 every execution copies it past the bound (nothing was checked),
// the cut-point attempt cannot refute (its models are no counterexamples), so all three
// ended `unknown` (a timeout) and only "never proved" could be asserted (24 s CPU); at
// unroll 12 all three timed out too (3.5 min). A 3-byte literal at unroll 3 keeps the shape,
// and every query is limited by solver work (effort.ts), not by wall time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import type { Counterexample } from '../../../../verifier/tv/verdict.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';
import { mutate } from './helpers.ts';

const SOURCE = `
let report (what: string) (b: int) : bool =
    Console.writeln (what + " ->" + Format.int b)
    true

let main _ =
    ignore (report "alloc" 3)
    0
`;
const core = frontEndText('string-pieces.clef', SOURCE).core;
const MLIR = coreToMlir(core);

function verdictOf(edit: (mlir: string) => string) {
  const mod = parseMlir(edit(MLIR), 'string-pieces.mlir');
  const f = core.functions.find((x) => x.name === 'report')!;
  return withRlimit(() => validateCoreFunction(core, f, mod, moduleInfo(mod), { unroll: 3, timeoutMs: EFFORT.timeoutMs }));
}

const input = (cex: Counterexample, name: string) => cex.inputs.find((i) => i.name === name)?.value;

const probes: { name: string; edit: (t: string) => string; shows: (cex: Counterexample) => void }[] = [
  {
    // the literal's last byte '>' (62) as '?' (63) in its global
    name: 'the literal " ->" with a wrong last byte',
    edit: (t) => {
      const from = 'dense<[32, 45, 62]>';
      if (!t.includes(from)) throw new Error('no literal " ->"');
      return t.replace(from, 'dense<[32, 45, 63]>');
    },
    shows: (cex) => assert.ok(cex.tgt.includes(' -?') && cex.src.includes(' ->'), `${cex.src} / ${cex.tgt}`),
  },
  {
    // the literal copied without its last byte (left unwritten in the buffer)
    name: 'the literal copy one byte short',
    edit: (t) => mutate(t, 'report', /scf\.for (%i_14) = %c0_4 to %len_6 step %c1_10 \{/, '%short = arith.subi %len_6, %c1_10 : index\n    scf.for $1 = %c0_4 to %short step %c1_10 {'),
    shows: (cex) => assert.ok(cex.src.includes(' ->') && !cex.tgt.includes(' ->') && cex.tgt.includes(' -'), `${cex.src} / ${cex.tgt}`),
  },
  {
    // empty `what` only: the number is written from offset len - 1 (over the literal's last byte)
    name: 'the number over the literal\'s last byte when `what` is empty',
    edit: (t) =>
      mutate(
        mutate(t, 'report', /(%34) = arith\.addi %len_23, (%i_31) : index/, '$1 = arith.addi %at, $2 : index'),
        'report',
        /(\n\s+scf\.for %i_31 = )/,
        '\n    %e0 = arith.cmpi eq, %len_5, %c0_4 : index\n    %lm1 = arith.subi %len_23, %c1_10 : index\n    %at = arith.select %e0, %lm1, %len_23 : index$1',
      ),
    shows: (cex) => {
      assert.is(input(cex, 'what'), '""', 'the mutation shows only for an empty `what`');
      assert.ok(cex.src.includes(' ->') && !cex.tgt.includes(' ->'), `${cex.src} / ${cex.tgt}`);
    },
  },
];

test('the unmutated function: proved for executions of any length', async () => {
  const v = await verdictOf((t) => t);
  assert.is(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /any length/);
});

for (const p of probes) {
  test(`refuted, replayed, the mutation shown: ${p.name}`, async () => {
    const v = await verdictOf(p.edit);
    if (process.env.PROBE_VERBOSE) console.log(`${p.name} =>`, v.verdict, v.detail.slice(0, 300));
    assert.is(v.verdict, 'refuted', v.detail);
    assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
    assert.match(v.counterexample!.difference, /the output differs/);
    p.shows(v.counterexample!);
  });
}

test.after(async () => {
  await disposeSolvers();
});

test.run();
