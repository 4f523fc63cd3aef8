// The fields of inactive union cases in the Core -> MLIR replay (review 22, issue 4 items 4
// and 8). A union argument is its tag and every case's fields; Core's value has only the
// active case's, so the others are free in the query. shapes_records `classify` with its
// first tag test made `ne` returns "large circle" for a Segment whose (inactive) Circle radius
// is above 10; the model said so, but the replay passed 0 for that slot, both sides said
// "segment" and the check ended `unknown: engine bug: counterexample did not replay`. Now
// the replay takes such slots from the model (replay-inactive.ts) and names them among the
// inputs. The unmutated classify stays proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { corpusProgram, mutate } from './helpers.ts';

const P = corpusProgram('shapes_records');
const classify = P.core.functions.find((f) => f.name === 'classify')!;

async function check(text: string) {
  const mod = parseMlir(text, 'shapes_records.mutant.mlir');
  return validateCoreFunction(P.core, classify, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
}

test('classify with the Circle tag test made ne: refuted, the inactive radius from the model', async () => {
  const v = await check(mutate(P.mlir, 'classify', '%9 = arith.cmpi eq', '%9 = arith.cmpi ne'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /Core "segment", MLIR .*"large circle"/);
  const inputs = v.counterexample?.inputs ?? [];
  const slot = inputs.find((x) => x.name.includes('inactive union cases'));
  assert.ok(slot, JSON.stringify(inputs));
  const r = /slot 1 = (\d+)/.exec(slot!.value);
  assert.ok(r && BigInt(r[1]!) > 10n, slot!.value);
});

test('classify unmutated: proved', async () => {
  const v = await check(P.mlir);
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test.after(disposeSolvers);
test.run();
