// The printers: exact generic text, the custom form of common ops, and the fallback to
// generic form for ops whose custom syntax would lose something.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Module, Operation } from '../../../compiler/mlir/ir.ts';
import { i } from '../../../compiler/mlir/ir.ts';
import { parseMlir, parseOp } from '../../../compiler/mlir/parse.ts';
import { printMlir } from '../../../compiler/mlir/print.ts';
import { customOpText, printMlirCustom } from '../../../compiler/mlir/print-custom.ts';
import { floatFromBits, formatFloat, roundToFloat } from '../../../compiler/mlir/float-format.ts';
import { mlirOptBatch } from './mlir-opt.ts';

const SOURCE = `module {
  func.func @clamp(%x: i32, %hi: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %lt = arith.cmpi slt, %x, %c0 : i32
    cf.cond_br %lt, ^done(%c0 : i32), ^check
  ^check:
    %r = arith.minsi %x, %hi : i32
    cf.br ^done(%r : i32)
  ^done(%v: i32):
    return %v : i32
  }
}
`;

test('generic form, exactly', () => {
  assert.fixture(
    printMlir(parseMlir(SOURCE)),
    `"builtin.module"() ({
  "func.func"() <{function_type = (i32, i32) -> i32, sym_name = "clamp"}> ({
  ^bb0(%x: i32, %hi: i32):
    %c0 = "arith.constant"() <{value = 0 : i32}> : () -> i32
    %lt = "arith.cmpi"(%x, %c0) <{predicate = 2 : i64}> : (i32, i32) -> i1
    "cf.cond_br"(%lt, %c0)[^done, ^check] <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (i1, i32) -> ()
  ^check:
    %r = "arith.minsi"(%x, %hi) : (i32, i32) -> i32
    "cf.br"(%r)[^done] : (i32) -> ()
  ^done(%v: i32):
    "func.return"(%v) : (i32) -> ()
  }) : () -> ()
}) : () -> ()
`,
  );
});

test('custom form, exactly', () => {
  assert.fixture(
    printMlirCustom(parseMlir(SOURCE)),
    `module {
  func.func @clamp(%x: i32, %hi: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %lt = arith.cmpi slt, %x, %c0 : i32
    cf.cond_br %lt, ^done(%c0 : i32), ^check
  ^check:
    %r = arith.minsi %x, %hi : i32
    cf.br ^done(%r : i32)
  ^done(%v: i32):
    func.return %v : i32
  }
}
`,
  );
});

test('custom form of structured control flow leaves out implied terminators', () => {
  const m = parseMlir(`func.func @f(%n: index, %b: memref<?xi64>) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i64
  scf.for %i = %c0 to %n step %c1 {
    memref.store %z, %b[%i] : memref<?xi64>
  }
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%a = %z) -> (i64) {
    %v = memref.load %b[%i] : memref<?xi64>
    %t = arith.addi %a, %v overflow<nsw> : i64
    scf.yield %t : i64
  }
  return %s : i64
}`);
  const text = printMlirCustom(m);
  assert.match(text, /scf\.for %i = %c0 to %n step %c1 \{\n {4}memref\.store %z, %b\[%i\] : memref<\?xi64>\n {2}\}/);
  assert.match(text, /%s = scf\.for %i = %c0 to %n step %c1 iter_args\(%a = %z\) -> \(i64\) \{/);
  assert.match(text, /arith\.addi %a, %v overflow<nsw> : i64/);
  assert.is((text.match(/scf\.yield/g) ?? []).length, 1);
  assert.equal(parseMlir(text), m);
});

test('ops the custom syntax cannot express fall back to generic form, and still round-trip', () => {
  const odd: Operation = { ...parseOp('%0 = arith.addi %a, %b : i32'), properties: [{ name: 'mystery', value: { kind: 'unit' } }] };
  assert.is(customOpText(odd), null);
  const unknown = parseOp('%0 = "acme.op"(%a) : (i32) -> i32');
  assert.is(customOpText(unknown), null);
  const withLoc = parseOp('%0 = arith.addi %a, %b : i32 loc("x.clef":1:1)');
  assert.is(customOpText(withLoc), null);
  const m: Module = { kind: 'Module', ops: [odd, unknown, withLoc] };
  const text = printMlirCustom(m);
  assert.match(text, /"arith\.addi"\(%a, %b\) <\{mystery\}>/);
  assert.equal(parseMlir(text), m);
  assert.is(customOpText(parseOp('%0 = arith.addi %a, %b : i32')), '%0 = arith.addi %a, %b : i32');
});

test('printed text is accepted by mlir-opt and means the same module', () => {
  const m = parseMlir(SOURCE);
  const [fromGeneric, fromCustom] = mlirOptBatch([printMlir(m), printMlirCustom(m)], []);
  assert.is(fromGeneric, fromCustom);
  assert.equal(parseMlir(fromGeneric!).ops[0]!.regions[0]!.blocks[0]!.ops[0]!.regions[0]!.blocks.length, 3);
});

test('floats print so that MLIR reads back the same value of the type', () => {
  assert.is(formatFloat(1.5, 'f64'), '1.500000e+00');
  assert.is(formatFloat(0.1, 'f64'), '1.000000e-01');
  assert.is(formatFloat(Math.fround(0.1), 'f32'), '1.000000e-01');
  assert.is(formatFloat(Math.PI, 'f64'), '3.141592653589793');
  assert.is(formatFloat(1e21, 'f64'), '1.000000e+21');
  assert.is(formatFloat(123456789012, 'f64'), '123456789012.0');
  assert.is(formatFloat(-0, 'f64'), '-0.000000e+00');
  assert.is(formatFloat(Infinity, 'f32'), '0x7F800000');
  assert.is(formatFloat(-Infinity, 'f64'), '0xFFF0000000000000');
  assert.is(formatFloat(NaN, 'f16'), '0x7E00');
  assert.is(floatFromBits(0x3c00n, 'f16'), 1);
  assert.is(floatFromBits(0x0001n, 'f16'), 2 ** -24);
  assert.is(floatFromBits(0x3f80n, 'bf16'), 1);
  assert.is(floatFromBits(0x40490fdbn, 'f32'), Math.fround(Math.PI));
  assert.is(floatFromBits(0x8000000000000000n, 'f64'), -0);
  assert.is(floatFromBits(0n, 'f80'), null);
  assert.is(roundToFloat(2049, 'f16'), 2048);
  assert.is(roundToFloat(2051, 'f16'), 2052);
  assert.is(roundToFloat(1 + 2 ** -8, 'bf16'), 1);
  assert.is(roundToFloat(65519, 'f16'), 65504);
  assert.is(roundToFloat(65520, 'f16'), Infinity);
});

test('a result that is not the start of a group cannot be printed', () => {
  const bad: Operation = { ...parseOp('%0 = arith.addi %a, %b : i32'), results: [{ name: 'x', index: 1, type: i(32) }] };
  assert.throws(() => printMlir({ kind: 'Module', ops: [bad] }), /does not start a result group/);
});

test.run();
