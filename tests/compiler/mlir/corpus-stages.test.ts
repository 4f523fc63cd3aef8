// Every corpus program the front end and code generator accept goes through the real
// upstream lowering; the parser must read every stage as mlir-opt prints it, in custom and
// in generic form, to the same module, and print it back exactly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEndText } from '../../../compiler/frontend.ts';
import { coreToMlir } from '../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { printMlir } from '../../../compiler/mlir/print.ts';
import { printMlirCustom } from '../../../compiler/mlir/print-custom.ts';
import { canonicalNames } from '../../../compiler/mlir/names.ts';
import { assertSame } from './same.ts';
import { mlirOptBatchLenient, PIPELINE } from './mlir-opt.ts';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'corpus');
const programs = readdirSync(corpus).filter((f) => f.endsWith('.clef')).sort();

/** The code generator's text for each program (null where the front end or codegen refuses it). */
const generated = programs.map((f) => {
  try {
    return coreToMlir(frontEndText(f, readFileSync(join(corpus, f), 'utf8')).core);
  } catch {
    return null;
  }
});

const stages: { pass: string; custom: (string | null)[]; generic: (string | null)[] }[] = [];
let current = mlirOptBatchLenient(generated, []);
for (const pass of ['input', ...PIPELINE]) {
  if (pass !== 'input') current = mlirOptBatchLenient(current, [`--${pass}`]);
  stages.push({ pass, custom: current, generic: mlirOptBatchLenient(current, ['--mlir-print-op-generic']) });
}

test('some corpus programs reach the last stage (so the checks below are not empty)', () => {
  assert.ok(stages[stages.length - 1]!.custom.some((t) => t !== null));
});

programs.forEach((f, k) => {
  test(`${f}: every stage parses in both forms to the same module and prints back exactly`, () => {
    if (generated[k] !== null) assertSame(parseMlir(printMlir(parseMlir(generated[k]!, `${f}.codegen.mlir`)), 'printed'), parseMlir(generated[k]!, f));
    stages.forEach((s, n) => {
      const custom = s.custom[k];
      const generic = s.generic[k];
      if (custom == null || generic == null) return;
      const where = `${f}.${n}-${s.pass}.mlir`;
      const m = parseMlir(custom, where);
      assertSame(canonicalNames(m), canonicalNames(parseMlir(generic, where + ' (generic)')), where);
      assertSame(parseMlir(printMlir(m), 'generic-printed'), m, where);
      if (n === 0 || n === stages.length - 1) assertSame(parseMlir(printMlirCustom(m), 'custom-printed'), m, where);
    });
  });
});

test.run();
