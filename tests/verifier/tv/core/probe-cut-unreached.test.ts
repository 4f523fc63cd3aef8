// Soundness probe (review 15) of cut-unreached.ts: a bounded check is a proof only when no
// execution reaches a cut. A wrong target whose difference lies past the cut (the copy of a
// Format.int text writes 0 for its 16th byte: only texts of 16-20 bytes differ) must not be
// proved at unroll 8 (texts of 9-20 bytes reach the cut), nor at unroll 32.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';
import { mutate } from './helpers.ts';

const SOURCE = `
let show (x: int) : unit =
    Console.writeln ("v=" + Format.int x)
`;
const core = frontEndText('probe-cut-unreached.clef', SOURCE).core;
const mlir = coreToMlir(core);

/** The copy of the number's text stores 0 at its byte 15 (the 16th). */
const late = (t: string) =>
  mutate(t, 'show', /memref.store (%20), %buf_12\[%21\]/, '%late_c = arith.constant 15 : index\n      %late_b = arith.cmpi eq, %i_18, %late_c : index\n      %late_z = arith.constant 0 : i8\n      %late_v = arith.select %late_b, %late_z, $1 : i8\n      memref.store %late_v, %buf_12[%21]');

async function verdict(unroll: number): Promise<string> {
  const mod = parseMlir(late(mlir), 'probe-cut-unreached.mlir');
  const f = core.functions.find((x) => x.name === 'show')!;
  const v = await withRlimit(() => validateCoreFunction(core, f, mod, moduleInfo(mod), { unroll, timeoutMs: EFFORT.timeoutMs }));
  if (process.env.SHOW_VERDICTS) console.error(unroll, v.verdict, v.detail.slice(0, 160));
  return `${v.verdict}: ${v.detail}`;
}

test('a difference past the cut (byte 16 of a 16-20 byte text) at unroll 8: not proved', async () => {
  const v = await verdict(8);
  assert.not.match(v, /^proved/, v);
});

test('the same at unroll 32 (no execution reaches the cut): not proved', async () => {
  // (unknown today: the contract gives the text 1-20 bytes whatever x, and the model's x = 0
  // prints 1 byte in the replay — an incompleteness, not a wrong verdict)
  const v = await verdict(32);
  assert.not.match(v, /^proved/, v);
  assert.match(v, /^(refuted|unknown)/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
