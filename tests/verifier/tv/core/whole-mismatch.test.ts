// The bounded check's whole mismatch asked first as one query (verifier/tv/core/split.ts
// checkInParts), with a twentieth of the limit: a loop-free function whose mismatch splits
// into parts is proved by that one query, where each part was a query of its own paying for
// the same assumptions (debounce `edge`: four queries before). Only its unsat is taken: a
// wrong target still goes through the parts, and its model is replayed as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers, setSolverDefaults } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';
import { corpusProgram } from './helpers.ts';

const { core, mlir } = corpusProgram('debounce');
const fn = core.functions.find((f) => f.name === 'edge')!;

async function check(text: string): Promise<{ verdict: string; detail: string; asked: string[] }> {
  const asked: string[] = [];
  setSolverDefaults({ onResult: (name) => asked.push(name) });
  try {
    const mod = parseMlir(text, 'debounce.mlir');
    const v = await withRlimit(() => validateCoreFunction(core, fn, mod, moduleInfo(mod), { unroll: 8, timeoutMs: EFFORT.timeoutMs }));
    return { verdict: v.verdict, detail: v.detail, asked };
  } finally {
    setSolverDefaults({ onResult: undefined });
  }
}

test('edge: proved by the whole mismatch, one query', async () => {
  const r = await check(mlir);
  assert.is(r.verdict, 'proved', r.detail);
  assert.equal(r.asked, ['core.edge.whole']);
});

test('edge returning "prexs" for "press": the parts still find it, refuted with a replayed counterexample', async () => {
  const r = await check(mlir.replace('dense<[112, 114, 101, 115, 115]>', 'dense<[112, 114, 101, 120, 115]>'));
  assert.is(r.verdict, 'refuted', r.detail);
  assert.match(r.detail, /^refuted: /);
  assert.is(r.asked[0], 'core.edge.whole');
  assert.ok(r.asked.some((n) => /\.part\d/.test(n)), r.asked.join(' '));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
