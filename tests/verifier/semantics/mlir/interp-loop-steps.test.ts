// Loop iterations count against the MLIR interpreter's step limit (review 26). Steps were
// counted per op and per block terminator only, so an scf.while of a bare `scf.condition` and
// `scf.yield` (a mutant's loop without exit, or a wrapper's) executed no op per iteration and
// never reached the limit: the MLIR -> MLIR replay of such a `@clef_entry` (runSide, no loop
// watch) ran forever. An scf.for of an empty body ran its whole trip count likewise.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { Interpreter, programMemory, StepLimit, type CVal } from '../../../../verifier/semantics/mlir/interp.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';

const TEXT = `func.func @bare() -> i64 {
  %t = arith.constant true
  scf.while : () -> () {
    scf.condition(%t)
  } do {
    scf.yield
  }
  %c0 = arith.constant 0 : i64
  return %c0 : i64
}
func.func @empty_for() -> i64 {
  %lo = arith.constant 0 : index
  %hi = arith.constant 3000000 : index
  %one = arith.constant 1 : index
  scf.for %i = %lo to %hi step %one {
  }
  %c0 = arith.constant 0 : i64
  return %c0 : i64
}`;

function run(fn: string): CVal[] | Error {
  const info = moduleInfo(parseMlir(TEXT, 'loops.mlir'));
  const memory = programMemory(info);
  const interp = new Interpreter({ info, memory, external: () => [], maxSteps: 10_000 });
  try {
    return interp.runFunction(info.funcs.get(fn)!, []);
  } catch (e) {
    return e as Error;
  }
}

test('an scf.for of an empty body runs out of steps (it ran its 3 M iterations)', () => {
  assert.instance(run('empty_for'), StepLimit);
});

test('an scf.while of a bare condition and yield runs out of steps (it ran forever)', () => {
  assert.instance(run('bare'), StepLimit);
});

test.run();
