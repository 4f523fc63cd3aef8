// A Clef callee frees none of the caller's string parameters' blocks (core-to-mlir emits no
// dealloc outside regions). Without that fact, strings_interp `padRight` (s + repeat ' ' n)
// had a target-UB model where `repeat` freed the block of s before the copy of s — a model
// that never replayed ("unknown: counterexample did not replay"). Its UB part is now unsat.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { coreQuery } from '../../../../verifier/tv/core/query.ts';
import { mismatchParts } from '../../../../verifier/tv/core/split.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { EFFORT } from '../../../helpers/effort.ts';
import { corpusProgram } from './helpers.ts';

test('strings_interp padRight (unroll 2): no target UB once callees keep string parameters alive', async () => {
  const { core, mlir } = corpusProgram('strings_interp');
  const info = moduleInfo(parseMlir(mlir, 'strings_interp.mlir'));
  const fn = core.functions.find((f) => f.name === 'padRight')!;
  const q = coreQuery(core, fn, info, info.funcs.get('clef.padRight')!, 2);
  const F = q.pair.env.f;
  const ub = mismatchParts(F, q.assertions[q.assertions.length - 1]!)[0]!;
  const r = await checkQuery({ assertions: [...q.assertions.slice(0, -1), ub], wantModel: [], description: 'padRight target UB' }, { ...EFFORT, name: 'padRight.ub' }); // by work, not the clock: 3.8 M units (3.4 s loaded, 26 Nov)
  assert.is(r.status, 'unsat');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
