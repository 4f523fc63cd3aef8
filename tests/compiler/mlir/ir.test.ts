// Helpers of the data model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getAttr, opAttr, sameData, topModule, valueRef, walk } from '../../../compiler/mlir/ir.ts';
import { parseMlir, parseOp } from '../../../compiler/mlir/parse.ts';

test('sameData compares plain data structurally', () => {
  assert.ok(sameData({ a: [1n, 'x', { b: NaN }] }, { a: [1n, 'x', { b: NaN }] }));
  assert.not.ok(sameData({ a: 1 }, { a: 1, b: undefined }));
  assert.not.ok(sameData([1, 2], [1, 2, 3]));
  assert.not.ok(sameData(0, -0));
  assert.not.ok(sameData(1n, 1));
  assert.not.ok(sameData({ a: [1] }, { a: { 0: 1 } }));
  assert.ok(sameData(parseMlir('func.func @f() { return }'), parseMlir('func.func @f() {\n  return\n}')));
});

test('walk visits nested ops outermost first; attribute lookups', () => {
  const m = parseMlir('module { func.func @f(%c: i1) { scf.if %c { } return } }');
  assert.equal([...walk(m.ops)].map((o) => o.name), ['builtin.module', 'func.func', 'scf.if', 'scf.yield', 'func.return']);
  const fn = topModule(m)!.regions[0]!.blocks[0]!.ops[0]!;
  assert.equal(getAttr(fn.properties, 'sym_name'), { kind: 'string', value: 'f' });
  const op = parseOp('%0 = arith.addi %a, %b {tag = 1 : i8} : i32');
  assert.equal(opAttr(op, 'overflowFlags'), { kind: 'opaque', text: '#arith.overflow<none>' });
  assert.equal(opAttr(op, 'tag'), { kind: 'int', value: 1n, type: { kind: 'integer', width: 8, signedness: 'signless' } });
  assert.is(opAttr(op, 'missing'), undefined);
  assert.is(topModule(parseMlir('func.func private @g()')), null);
  assert.is(valueRef({ name: 'x', index: 2 }), '%x#2');
});

test.run();
