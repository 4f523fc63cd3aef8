// With --dump-smt a cut-point check takes the path it takes without (bounds folding, parts asked
// at once), and every query that path answers is dumped stand-alone with its answer. Before,
// dumping switched both off, so the bench (which dumps, for its native z3 re-run) timed a slower
// path than `fidelity validate`, and no `.cut.bounds.` query was ever dumped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { withRlimit } from '../../../helpers/effort.ts';
import { corpusProgram } from './helpers.ts';

test('insertion_sort `isSorted` with dumps: proved for any length by the folded parts, each dumped with its answer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-dump-path-'));
  try {
    const { core, mlir } = corpusProgram('insertion_sort');
    const m = parseMlir(mlir, 'insertion_sort.mlir');
    const fn = core.functions.find((f) => f.name === 'isSorted')!;
    const v = await withRlimit(() => validateCoreFunction(core, fn, m, moduleInfo(m), { unroll: 2, timeoutMs: 120_000, dumpSmt: dir }), 1_000_000);
    assert.is(v.verdict, 'proved', v.detail);
    assert.match(v.detail, /any length/);
    const folded = readdirSync(dir).filter((f) => f.startsWith('core.isSorted.cut.bounds.'));
    assert.ok(folded.length > 0, `no folded part dumped: ${readdirSync(dir).join(' ')}`);
    for (const f of folded) {
      const text = readFileSync(join(dir, f), 'utf8');
      assert.match(text, /^; result \(z3-wasm\): unsat/m, f);
      assert.match(text, /\(check-sat\)/, f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.after(async () => {
  await disposeSolvers();
});
test.run();
