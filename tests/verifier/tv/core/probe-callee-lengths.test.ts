// Soundness probes (reviewer, round 4) of callee result lengths and of the target's copy
// loops into a returned buffer (verifier/tv/core/strings.ts pieces, cut-copy.ts), on
// strings_interp.padRight: `s + repeat ' ' (width - String.length s)`. Each mutation is wrong
// only for some lengths (s longer than 200 bytes, padding longer than 8): none may be
// `proved`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

async function verdictOf(edit: (mlir: string) => string) {
  const { core, mlir } = corpusProgram('strings_interp');
  const mod = parseMlir(edit(mlir), 'strings_interp.mlir');
  const f = core.functions.find((x) => x.name === 'padRight')!;
  // 3 M units per query, not a 20 s clock: the parts these checks decide unsat — what a
  // wrong `proved` would need — take at most 2.9 M (measured 26 Nov); what is cut is the
  // search for a smaller counterexample after a model that did not replay (3.3 M units,
  // ~13 s, for the third probe), which only a refutation needs, and none is pinned here
  return withRlimit(() => validateCoreFunction(core, f, mod, moduleInfo(mod), { unroll: 2, timeoutMs: EFFORT.timeoutMs }), 3_000_000);
}

const probes: { name: string; edit: (t: string) => string }[] = [
  {
    // repeat asked for one more byte than Core asks for, only when s is longer than 200 bytes
    name: 'the callee asked for width - len + 1 when len > 200',
    edit: (t) => mutate(t, 'padRight', /%call_7 = func\.call @clef\.repeat\(%c32_2, %6\)/, '%c200 = arith.constant 200 : i64\n    %lg = arith.cmpi ugt, %5, %c200 : i64\n    %c1x = arith.constant 1 : i64\n    %61 = arith.addi %6, %c1x : i64\n    %62 = arith.select %lg, %61, %6 : i64\n    %call_7 = func.call @clef.repeat(%c32_2, %62)'),
  },
  {
    // the padding's last byte not copied (the result's last byte unwritten) when it is longer than 8
    name: 'the padding copy one byte short when the padding is longer than 8',
    edit: (t) => mutate(t, 'padRight', /scf\.for (%i_17) = %c0_3 to %len_9 step %c1_13 \{/, '%c8x = arith.constant 8 : index\n    %lg = arith.cmpi ugt, %len_9, %c8x : index\n    %lm1 = arith.subi %len_9, %c1_13 : index\n    %n2 = arith.select %lg, %lm1, %len_9 : index\n    scf.for $1 = %c0_3 to %n2 step %c1_13 {'),
  },
  {
    // the padding read from its second byte on when s is empty (its last read past the callee's string)
    name: 'the padding read one byte ahead when s is empty',
    edit: (t) => mutate(mutate(t, 'padRight', /(%18) = arith\.addi %c0_3, (%i_17) : index/, '$1 = arith.addi %ahead, $2 : index'), 'padRight', /(\n\s+scf\.for %i_17 = )/, '\n    %e0 = arith.cmpi eq, %len_8, %c0_3 : index\n    %ahead = arith.select %e0, %c1_13, %c0_3 : index$1'),
  },
];

test('control: padRight as compiled', async () => {
  const v = await verdictOf((t) => t);
  if (process.env.PROBE_VERBOSE) console.log('control =>', v.verdict, v.detail.slice(0, 300));
  assert.ok(['proved', 'bounded(2)', 'unknown'].includes(v.verdict), v.detail);
});

for (const p of probes) {
  test(`never proved: strings_interp.padRight, ${p.name}`, async () => {
    const v = await verdictOf(p.edit);
    if (process.env.PROBE_VERBOSE) console.log(`${p.name} =>`, v.verdict, v.detail.slice(0, 300));
    assert.is.not(v.verdict, 'proved', v.detail);
    if (v.verdict === 'refuted') assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
  });
}

test.after(async () => {
  await disposeSolvers();
});

test.run();
