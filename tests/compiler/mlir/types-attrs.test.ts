// Types and attributes: the model each spelling parses to, the text it prints as, and that
// the real mlir-opt reads the printed text as the same type or attribute.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Attr, Type } from '../../../compiler/mlir/ir.ts';
import { f, i, index } from '../../../compiler/mlir/ir.ts';
import { parseAttrText, parseMlir, parseTypeText } from '../../../compiler/mlir/parse.ts';
import { printAttr, printType } from '../../../compiler/mlir/print-type-attr.ts';
import { getAttr, topModule } from '../../../compiler/mlir/ir.ts';
import { mlirOptBatch } from './mlir-opt.ts';

const ptr: Type = { kind: 'llvm.ptr', addressSpace: 0 };
const memref = (shape: (number | null)[], element: Type, layout: Attr | null = null, memorySpace: Attr | null = null): Type => ({
  kind: 'memref', shape, element, layout, memorySpace,
});

/** [text, model, printed text when it differs from the input] */
const TYPES: [string, Type, string?][] = [
  ['i1', i(1)],
  ['si8', { kind: 'integer', width: 8, signedness: 'signed' }],
  ['ui16', { kind: 'integer', width: 16, signedness: 'unsigned' }],
  ['i128', i(128)],
  ['index', index],
  ['f16', f('f16')],
  ['bf16', f('bf16')],
  ['f64', f('f64')],
  ['none', { kind: 'none' }],
  ['(i32, f32) -> memref<?xi8>', { kind: 'function', inputs: [i(32), f('f32')], results: [memref([null], i(8))] }],
  ['() -> ()', { kind: 'function', inputs: [], results: [] }],
  ['(i32) -> (i32, i1)', { kind: 'function', inputs: [i(32)], results: [i(32), i(1)] }],
  ['() -> ((i32) -> i32)', { kind: 'function', inputs: [], results: [{ kind: 'function', inputs: [i(32)], results: [i(32)] }] }],
  ['tuple<i32, f64>', { kind: 'tuple', types: [i(32), f('f64')] }],
  ['tuple<>', { kind: 'tuple', types: [] }],
  ['complex<f32>', { kind: 'complex', element: f('f32') }],
  ['vector<4xf32>', { kind: 'vector', shape: [4], scalable: [false], element: f('f32') }],
  ['vector<2x[4]xi8>', { kind: 'vector', shape: [2, 4], scalable: [false, true], element: i(8) }],
  ['tensor<2x?xi32>', { kind: 'tensor', shape: [2, null], element: i(32), encoding: null }],
  ['tensor<*xf32>', { kind: 'tensor', shape: null, element: f('f32'), encoding: null }],
  ['tensor<f32>', { kind: 'tensor', shape: [], element: f('f32'), encoding: null }],
  ['memref<?xi64>', memref([null], i(64))],
  ['memref<f32>', memref([], f('f32'))],
  ['memref<4 x 4 x f32>', memref([4, 4], f('f32')), 'memref<4x4xf32>'],
  ['memref<4x4xf32, affine_map<(d0, d1) -> (d1, d0)>>', memref([4, 4], f('f32'), { kind: 'affineMap', text: '(d0, d1) -> (d1, d0)' })],
  ['memref<?x?xf32, strided<[?, 1], offset: ?>>', memref([null, null], f('f32'), { kind: 'strided', strides: [null, 1], offset: null })],
  ['memref<2x3xi16, strided<[3, 1]>>', memref([2, 3], i(16), { kind: 'strided', strides: [3, 1], offset: 0 })],
  ['memref<8xi8, 1>', memref([8], i(8), null, { kind: 'int', value: 1n, type: i(64) })],
  ['memref<4xi8, strided<[1], offset: 4>, 3 : i32>', memref([4], i(8), { kind: 'strided', strides: [1], offset: 4 }, { kind: 'int', value: 3n, type: i(32) })],
  ['memref<*xf32>', { kind: 'unrankedMemref', element: f('f32'), memorySpace: null }],
  ['!llvm.ptr', ptr],
  ['!llvm.ptr<1>', { kind: 'llvm.ptr', addressSpace: 1 }],
  ['!llvm.struct<(i64, ptr)>', { kind: 'llvm.struct', name: null, packed: false, body: [i(64), ptr] }],
  ['!llvm.struct<(!llvm.ptr, i32)>', { kind: 'llvm.struct', name: null, packed: false, body: [ptr, i(32)] }, '!llvm.struct<(ptr, i32)>'],
  ['!llvm.struct<packed (i8, array<2 x i32>)>', { kind: 'llvm.struct', name: null, packed: true, body: [i(8), { kind: 'llvm.array', size: 2, element: i(32) }] }],
  ['!llvm.struct<"pair", (i32, ptr)>', { kind: 'llvm.struct', name: 'pair', packed: false, body: [i(32), ptr] }],
  ['!llvm.struct<"node", opaque>', { kind: 'llvm.struct', name: 'node', packed: false, body: 'opaque' }],
  ['!llvm.struct<()>', { kind: 'llvm.struct', name: null, packed: false, body: [] }],
  ['!llvm.array<4 x array<2 x f64>>', { kind: 'llvm.array', size: 4, element: { kind: 'llvm.array', size: 2, element: f('f64') } }],
  ['!llvm.void', { kind: 'llvm.void' }],
  ['!llvm.func<void (i32, ...)>', { kind: 'llvm.func', result: { kind: 'llvm.void' }, params: [i(32)], varArg: true }],
  ['!llvm.func<ptr ()>', { kind: 'llvm.func', result: ptr, params: [], varArg: false }],
  ['!llvm.struct<(vector<2xi32>, array<2 x ptr<3>>)>', {
    kind: 'llvm.struct', name: null, packed: false,
    body: [{ kind: 'vector', shape: [2], scalable: [false], element: i(32) }, { kind: 'llvm.array', size: 2, element: { kind: 'llvm.ptr', addressSpace: 3 } }],
  }],
  ['!llvm.token', { kind: 'opaque', text: '!llvm.token' }],
];

/** Parsed and printed, but not types mlir-opt accepts as a function argument. */
const UNREGISTERED_TYPES: [string, Type][] = [
  ['!llvm.struct<(i32, token)>', { kind: 'llvm.struct', name: null, packed: false, body: [i(32), { kind: 'opaque', text: '!llvm.token' }] }],
  ['!llvm.struct<"node">', { kind: 'llvm.struct', name: 'node', packed: false, body: null }],
  ['!gpu.async.token', { kind: 'opaque', text: '!gpu.async.token' }],
  ['!foo.bar<"x -> y", 3>', { kind: 'opaque', text: '!foo.bar<"x -> y", 3>' }],
];

for (const [text, model, printed] of [...TYPES, ...UNREGISTERED_TYPES]) {
  test(`type ${text}`, () => {
    assert.equal(parseTypeText(text), model);
    assert.is(printType(model), printed ?? text);
    assert.equal(parseTypeText(printType(model)), model);
  });
}

test('mlir-opt reads every printed type as the same type', () => {
  const texts = TYPES.map(([, m]) => `func.func private @t(${printType(m)})`);
  const back = mlirOptBatch(texts, []);
  back.forEach((out, k) => {
    const fn = topModule(parseMlir(out, 'out'))!.regions[0]!.blocks[0]!.ops[0]!;
    const ft = getAttr(fn.properties, 'function_type');
    assert.equal(ft?.kind === 'type' && ft.type.kind === 'function' ? ft.type.inputs[0] : null, TYPES[k]![1], TYPES[k]![0]);
  });
});

const int = (value: bigint, type: Type = i(64)): Attr => ({ kind: 'int', value, type });
const flt = (value: number, name: 'f16' | 'f32' | 'f64' = 'f64'): Attr => ({ kind: 'float', value, type: f(name) });

const ATTRS: [string, Attr, string?][] = [
  ['42 : i32', int(42n, i(32))],
  ['42', int(42n), '42 : i64'],
  ['-3 : i8', int(-3n, i(8))],
  ['7 : index', int(7n, index)],
  ['200 : ui8', int(200n, { kind: 'integer', width: 8, signedness: 'unsigned' })],
  ['true', { kind: 'bool', value: true }],
  ['255 : i8', int(-1n, i(8)), '-1 : i8'],
  ['-1 : ui8', int(255n, { kind: 'integer', width: 8, signedness: 'unsigned' }), '255 : ui8'],
  ['1 : i1', { kind: 'bool', value: true }, 'true'],
  ['18446744073709551615 : index', int(-1n, index), '-1 : index'],
  ['1.5 : f32', flt(1.5, 'f32'), '1.500000e+00 : f32'],
  ['-2.25e-3 : f64', flt(-0.00225), '-2.250000e-03 : f64'],
  ['1.0', flt(1), '1.000000e+00 : f64'],
  ['0.1 : f32', flt(Math.fround(0.1), 'f32'), '1.000000e-01 : f32'],
  ['3.1415926535897931 : f64', flt(Math.PI), '3.141592653589793 : f64'],
  ['-0.0 : f64', flt(-0), '-0.000000e+00 : f64'],
  ['6.550400e+04 : f16', flt(65504, 'f16')],
  ['0x7FF0000000000000 : f64', flt(Infinity)],
  ['0xFC00 : f16', flt(-Infinity, 'f16')],
  ['0x7FC00001 : f32', { kind: 'float', value: NaN, type: f('f32'), bits: '0x7FC00001' }],
  ['"a\\22b\\\\c\\0Ad\\n"', { kind: 'string', value: 'a"b\\c\nd\n' }, '"a\\22b\\\\c\\0Ad\\0A"'],
  ['"€"', { kind: 'string', value: '\xE2\x82\xAC' }, '"\\E2\\82\\AC"'],
  ['unit', { kind: 'unit' }],
  ['i64', { kind: 'type', type: i(64) }],
  ['(i32) -> i32', { kind: 'type', type: { kind: 'function', inputs: [i(32)], results: [i(32)] } }],
  ['!llvm.ptr', { kind: 'type', type: ptr }],
  ['@f', { kind: 'symbolRef', root: 'f', nested: [] }],
  ['@outer::@inner', { kind: 'symbolRef', root: 'outer', nested: ['inner'] }],
  ['@"with space"', { kind: 'symbolRef', root: 'with space', nested: [] }],
  ['[1, "two", [3.0 : f32], {k}]', {
    kind: 'array',
    elements: [int(1n), { kind: 'string', value: 'two' }, { kind: 'array', elements: [flt(3, 'f32')] }, { kind: 'dict', entries: [{ name: 'k', value: { kind: 'unit' } }] }],
  }, '[1 : i64, "two", [3.000000e+00 : f32], {k}]'],
  ['{"quoted key" = "v", x = 1 : i32, y}', {
    kind: 'dict',
    entries: [{ name: 'quoted key', value: { kind: 'string', value: 'v' } }, { name: 'x', value: int(1n, i(32)) }, { name: 'y', value: { kind: 'unit' } }],
  }],
  ['dense<0> : tensor<4xi32>', { kind: 'dense', data: { kind: 'literal', value: 0n }, type: { kind: 'tensor', shape: [4], element: i(32), encoding: null } }],
  ['dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>', {
    kind: 'dense', data: { kind: 'literal', value: [[1n, 2n], [3n, 4n]] }, type: { kind: 'tensor', shape: [2, 2], element: i(64), encoding: null },
  }],
  ['dense<[1.0, -2.5]> : vector<2xf64>', {
    kind: 'dense', data: { kind: 'literal', value: [1, -2.5] }, type: { kind: 'vector', shape: [2], scalable: [false], element: f('f64') },
  }, 'dense<[1.000000e+00, -2.500000e+00]> : vector<2xf64>'],
  ['dense<[1, 0]> : tensor<2xi1>', {
    kind: 'dense', data: { kind: 'literal', value: [true, false] }, type: { kind: 'tensor', shape: [2], element: i(1), encoding: null },
  }, 'dense<[true, false]> : tensor<2xi1>'],
  ['dense<[[7, 7], [7, 7]]> : tensor<2x2xi32>', { kind: 'dense', data: { kind: 'literal', value: 7n }, type: { kind: 'tensor', shape: [2, 2], element: i(32), encoding: null } }, 'dense<7> : tensor<2x2xi32>'],
  ['dense<> : tensor<0xi8>', { kind: 'dense', data: { kind: 'empty' }, type: { kind: 'tensor', shape: [0], element: i(8), encoding: null } }],
  ['dense<"0xEFBEADDE"> : tensor<1xi32>', { kind: 'dense', data: { kind: 'literal', value: -559038737n }, type: { kind: 'tensor', shape: [1], element: i(32), encoding: null } }, 'dense<-559038737> : tensor<1xi32>'],
  ['dense<"0x0100000002000000030000000400000005000000FFFFFFFF"> : tensor<2x3xi32>', {
    kind: 'dense', data: { kind: 'literal', value: [[1n, 2n, 3n], [4n, 5n, -1n]] }, type: { kind: 'tensor', shape: [2, 3], element: i(32), encoding: null },
  }, 'dense<[[1, 2, 3], [4, 5, -1]]> : tensor<2x3xi32>'],
  ['dense<"0x0000803F000000C0"> : vector<2xf32>', {
    kind: 'dense', data: { kind: 'literal', value: [1, -2] }, type: { kind: 'vector', shape: [2], scalable: [false], element: f('f32') },
  }, 'dense<[1.000000e+00, -2.000000e+00]> : vector<2xf32>'],
  ['dense<0x3C00> : tensor<2xf16>', { kind: 'dense', data: { kind: 'literal', value: 1 }, type: { kind: 'tensor', shape: [2], element: f('f16'), encoding: null } }, 'dense<1.000000e+00> : tensor<2xf16>'],
  ['array<i64: 1, 2, -3>', { kind: 'denseArray', elementType: i(64), values: [1n, 2n, -3n] }],
  ['array<i32>', { kind: 'denseArray', elementType: i(32), values: [] }],
  ['array<f32: 1.5, -0.5>', { kind: 'denseArray', elementType: f('f32'), values: [1.5, -0.5] }, 'array<f32: 1.500000e+00, -5.000000e-01>'],
  ['array<i1: true, false>', { kind: 'denseArray', elementType: i(1), values: [true, false] }],
  ['array<i8: 255, -128>', { kind: 'denseArray', elementType: i(8), values: [-1n, -128n] }, 'array<i8: -1, -128>'],
  ['dense<[255, 1]> : tensor<2xi8>', { kind: 'dense', data: { kind: 'literal', value: [-1n, 1n] }, type: { kind: 'tensor', shape: [2], element: i(8), encoding: null } }, 'dense<[-1, 1]> : tensor<2xi8>'],
  ['affine_map<(d0)[s0] -> (d0 + s0, 3)>', { kind: 'affineMap', text: '(d0)[s0] -> (d0 + s0, 3)' }],
  ['affine_set<(d0) : (d0 - 1 >= 0)>', { kind: 'integerSet', text: '(d0) : (d0 - 1 >= 0)' }],
  ['strided<[?, 1], offset: ?>', { kind: 'strided', strides: [null, 1], offset: null }],
  ['strided<[1], offset: 0>', { kind: 'strided', strides: [1], offset: 0 }, 'strided<[1]>'],
  ['#llvm.linkage<internal>', { kind: 'opaque', text: '#llvm.linkage<internal>' }],
  ['#arith.overflow<nsw, nuw>', { kind: 'opaque', text: '#arith.overflow<nsw, nuw>' }],
  ['#llvm.fastmath<nnan, ninf>', { kind: 'opaque', text: '#llvm.fastmath<nnan, ninf>' }],
];

const UNREGISTERED_ATTRS: [string, Attr][] = [
  ['#foo.bar', { kind: 'opaque', text: '#foo.bar' }],
  ['#foo<"x -> y">', { kind: 'opaque', text: '#foo<"x -> y">' }],
  ['#foo.fn<(d0) -> (d0 + 1)>', { kind: 'opaque', text: '#foo.fn<(d0) -> (d0 + 1)>' }],
  ['dense_resource<blob1> : tensor<2xi32>', { kind: 'opaque', text: 'dense_resource<blob1> : tensor<2xi32>' }],
];

for (const [text, model, printed] of [...ATTRS, ...UNREGISTERED_ATTRS]) {
  test(`attribute ${text}`, () => {
    assert.equal(parseAttrText(text), model);
    assert.is(printAttr(model), printed ?? text);
    assert.equal(parseAttrText(printAttr(model)), model);
  });
}

test('mlir-opt reads every printed attribute as the same attribute', () => {
  const texts = ATTRS.map(([, m]) => `"test.op"() {a = ${printAttr(m)}} : () -> ()`);
  const back = mlirOptBatch(texts, ['--allow-unregistered-dialect']);
  back.forEach((out, k) => {
    const op = topModule(parseMlir(out, 'out'))!.regions[0]!.blocks[0]!.ops[0]!;
    assert.equal(getAttr(op.attributes, 'a'), ATTRS[k]![1], ATTRS[k]![0]);
  });
});

test('float literals are rounded to their type as MLIR reads them', () => {
  assert.equal(parseAttrText('16777217.0 : f32'), flt(16777216, 'f32'));
  assert.equal(parseAttrText('0.1 : f16'), flt(0.0999755859375, 'f16'));
  assert.equal(parseAttrText('65520.0 : f16'), flt(Infinity, 'f16'));
  assert.equal(parseAttrText('dense<[0.1]> : tensor<1xf32>'), {
    kind: 'dense', data: { kind: 'literal', value: Math.fround(0.1) }, type: { kind: 'tensor', shape: [1], element: f('f32'), encoding: null },
  });
});

test('malformed types and attributes name the place', () => {
  assert.throws(() => parseTypeText('memref<4x>'), /<type>:1:10: error: expected a type/);
  assert.throws(() => parseTypeText('vector<?xf32>'), /vector dimensions must be static/);
  assert.throws(() => parseTypeText('!llvm.array<4 i32>'), /<type>:1:15: error: expected 'x' in LLVM array type/);
  assert.throws(() => parseAttrText('dense<[1, 2]>'), /expected ':' and a type after dense/);
  assert.throws(() => parseAttrText('#undefined_alias'), /<attribute>:1:1: error: undefined attribute alias '#undefined_alias'/);
  assert.throws(() => parseAttrText('1.5 : i32'), /a float literal needs a float type/);
  assert.throws(() => parseAttrText('"open'), /unterminated string/);
});

test.run();
