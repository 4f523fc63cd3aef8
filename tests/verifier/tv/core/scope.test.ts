// Float arithmetic is inside the Core -> MLIR check now that Core's symbolic floats have the
// MLIR side's FloatingPoint meaning (semantics/symbolic/floats.ts). Before, a Core float was
// an unconstrained unknown compared with the target's exact float: every model was a
// "difference" that no replay showed, and power_budget's microampHours ended
// `unknown: engine bug: counterexample did not replay ... (uaMs = -256)`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseProgram } from '../../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../../compiler/types/check.ts';
import { elaborate } from '../../../../compiler/core/elaborate.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { outOfScope } from '../../../../verifier/tv/core/scope.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';

const text = [
  'let microampHours (uaMs: int) : float = float uaMs / 3600000.0',
  'let twice (x: int) : int = x + x',
  '',
].join('\n');

test('float arithmetic and integer arithmetic are in scope', () => {
  const prog = parseProgram('t.clef', text);
  const core = elaborate(prog, checkProgram(prog).types);
  const fn = (n: string) => core.functions.find((f) => f.name === n)!;
  assert.is(outOfScope(core, fn('microampHours')), null);
  assert.is(outOfScope(core, fn('twice')), null);
});

async function microampHours(edit: (t: string) => string) {
  const { core, mlir } = corpusProgram('power_budget');
  const mod = parseMlir(edit(mlir), 'power_budget.mlir');
  const fn = core.functions.find((f) => f.name === 'microampHours')!;
  return validateCoreFunction(core, fn, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 20_000 });
}

test('power_budget microampHours: proved (was an engine-bug unknown)', async () => {
  const v = await microampHours((t) => t);
  assert.is(v.verdict, 'proved', v.detail);
});

test('power_budget microampHours with a wrong divisor: refuted, replayed', async () => {
  const v = await microampHours((t) => mutate(t, 'microampHours', /arith\.divf %(\w+), %(\w+)/, 'arith.divf %$2, %$1'));
  assert.is(v.verdict, 'refuted', v.detail);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
