// Every fixture goes through the real upstream lowering (one mlir-opt run per pass). At
// every stage the parser must read mlir-opt's custom form and its generic form to the same
// module, print -> parse must give the module back, and mlir-opt must accept the printed
// text and read it as the same module.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Module } from '../../../compiler/mlir/ir.ts';
import { walk } from '../../../compiler/mlir/ir.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { printMlir } from '../../../compiler/mlir/print.ts';
import { printMlirCustom } from '../../../compiler/mlir/print-custom.ts';
import { canonicalNames } from '../../../compiler/mlir/names.ts';
import { assertSame } from './same.ts';
import { fixtures, mlirOptBatch, PIPELINE } from './mlir-opt.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fx = fixtures(join(here, 'fixtures'));

type Stage = { pass: string; custom: string[]; generic: string[] };
const stages: Stage[] = [];
let current = mlirOptBatch(fx.map((f) => f.text), []);
for (const pass of ['input', ...PIPELINE]) {
  if (pass !== 'input') current = mlirOptBatch(current, [`--${pass}`]);
  stages.push({ pass, custom: current, generic: mlirOptBatch(current, ['--mlir-print-op-generic']) });
}

const file = (name: string, stage: number, generic: boolean) => `${name}.${stage}-${stages[stage]!.pass}${generic ? '.generic' : ''}.mlir`;

/** Every (fixture, stage, form) parsed once; a parse error is kept to fail its own test. */
const parsed = fx.map((f, k) =>
  stages.map((s, n) => {
    const read = (generic: boolean): Module | Error => {
      try {
        return parseMlir(generic ? s.generic[k]! : s.custom[k]!, file(f.name, n, generic));
      } catch (e) {
        return e as Error;
      }
    };
    return { custom: read(false), generic: read(true) };
  }),
);

const ok = (m: Module | Error): Module => {
  if (m instanceof Error) throw m;
  return m;
};

test('the fixtures cover the ops the lowering passes produce', () => {
  const names = new Set<string>();
  for (const row of parsed) for (const st of row) if (!(st.custom instanceof Error)) for (const op of walk(st.custom.ops)) names.add(op.name);
  for (const n of [
    'func.func', 'func.call', 'arith.cmpi', 'arith.select', 'scf.for', 'scf.while', 'scf.if', 'cf.cond_br', 'cf.switch',
    'cf.assert', 'memref.alloca', 'memref.subview', 'memref.reinterpret_cast', 'memref.extract_strided_metadata',
    'memref.global', 'memref.get_global', 'builtin.unrealized_conversion_cast', 'llvm.func', 'llvm.getelementptr',
    'llvm.insertvalue', 'llvm.extractvalue', 'llvm.switch', 'llvm.mlir.global', 'llvm.call', 'llvm.intr.memcpy',
    'llvm.intr.stacksave', 'affine.apply',
  ]) {
    assert.ok(names.has(n), `no fixture stage contains ${n}`);
  }
  assert.ok(names.size > 120, `only ${names.size} distinct ops`);
});

fx.forEach((f, k) => {
  test(`${f.name}: custom and generic forms of every stage parse to the same module`, () => {
    stages.forEach((_, n) => {
      const c = ok(parsed[k]![n]!.custom);
      const g = ok(parsed[k]![n]!.generic);
      assert.ok(c.ops.length > 0);
      assertSame(canonicalNames(c), canonicalNames(g), file(f.name, n, false));
    });
  });

  test(`${f.name}: parse(print(m)) = m at every stage, both forms, both printers`, () => {
    stages.forEach((_, n) => {
      for (const form of ['custom', 'generic'] as const) {
        const m = ok(parsed[k]![n]![form]);
        assertSame(parseMlir(printMlir(m), 'generic-printed'), m, `${file(f.name, n, form === 'generic')} (generic printer)`);
        assertSame(parseMlir(printMlirCustom(m), 'custom-printed'), m, `${file(f.name, n, form === 'generic')} (custom printer)`);
      }
    });
  });
});

test('optimisation passes a user may add (+canonicalize, +cse, ...) print what the parser reads', () => {
  const inputs = [...stages[0]!.custom, ...stages[4]!.custom];
  for (const pass of ['canonicalize', 'cse', 'sccp', 'loop-invariant-code-motion', 'inline']) {
    const custom = mlirOptBatch(inputs, [`--${pass}`]);
    const generic = mlirOptBatch(custom, ['--mlir-print-op-generic']);
    custom.forEach((text, j) => {
      const where = `${pass} on ${fx[j % fx.length]!.name}`;
      const m = parseMlir(text, where);
      assertSame(canonicalNames(m), canonicalNames(parseMlir(generic[j]!, where)), where);
      assertSame(parseMlir(printMlirCustom(m)), m, where);
    });
  }
});

test('mlir-opt accepts what both printers print, and reads it as the same module', () => {
  for (const printer of [printMlir, printMlirCustom]) {
    const modules: Module[] = [];
    for (const row of parsed) for (const st of row) modules.push(ok(st.generic));
    const back = mlirOptBatch(modules.map(printer), []);
    back.forEach((text, j) => {
      assertSame(canonicalNames(parseMlir(text, `mlir-opt-output-${j}`)), canonicalNames(modules[j]!));
    });
  }
});

test.run();
