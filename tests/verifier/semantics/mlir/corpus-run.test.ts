// The strongest test of the concrete MLIR semantics: every corpus program, at EVERY stage
// of the pipeline (func/scf/memref down to the pure LLVM dialect), run by the MLIR
// interpreter with the runtime models, prints exactly corpus/NAME.out and exits with
// corpus/NAME.code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { runProgram } from '../../../../verifier/semantics/mlir/interp.ts';
import { corpusStages } from '../../tv/corpus-stages.ts';

const programs = corpusStages();

test('the corpus has programs and every one has 8 stages', () => {
  assert.ok(programs.length >= 30);
  for (const p of programs) assert.is(p.stages.length, 8, p.name);
});

for (const p of programs) {
  test(`${p.name}: every stage prints the expected output and exit code`, () => {
    p.stages.forEach((s, i) => {
      const where = `${p.name} stage ${String(i + 1).padStart(2, '0')}-${s.pass}`;
      const r = runProgram(parseMlir(s.text, `${where}.mlir`), { stdin: p.stdin });
      assert.is(r.error, undefined, `${where}: ${r.error}`);
      assert.is(r.stdout, p.out, `${where}: stdout`);
      assert.is(r.exitCode, p.code, `${where}: exit code`);
    });
  });
}

test.run();
