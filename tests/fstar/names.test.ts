// F* names and literals: module names from file names, names that avoid F* keywords and
// each other, string and machine-integer literals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { claim, moduleNameFor, nameSpace } from '../../fstar/names.ts';
import { stringLit } from '../../fstar/ops.ts';
import { intLit, mathLit } from '../../fstar/types.ts';

test('module names', () => {
  assert.is(moduleNameFor('corpus/binary_search.clef'), 'BinarySearch');
  assert.is(moduleNameFor('/x/y/crc16-frame.fs'), 'Crc16Frame');
  assert.is(moduleNameFor('9lives.clef'), 'P9lives');
  assert.is(moduleNameFor('___.clef'), 'Program');
});

test('claimed names are F* identifiers, unique, never keywords', () => {
  const ns = nameSpace(['taken']);
  assert.is(claim(ns, 'val'), 'val_1');
  assert.is(claim(ns, 'taken'), 'taken_1');
  assert.is(claim(ns, 'Shape'), 'shape');
  assert.is(claim(ns, 'shape'), 'shape_1');
  assert.is(claim(ns, 'evaluate.peek'), 'evaluate_peek');
  assert.is(claim(ns, 'circle', true), 'Circle');
  assert.is(claim(ns, '_x'), 'x_x');
  assert.is(claim(ns, "x'"), "x'");
});

test('literals', () => {
  assert.is(stringLit('a"b\\c\nd\té'), '"a\\"b\\\\c\\nd\\té"');
  assert.is(stringLit('😀\u0001'), '"😀\\u0001"');
  assert.is(intLit({ bits: 64, signed: true }, 5n), '5L');
  assert.is(intLit({ bits: 8, signed: false }, 255n), '255uy');
  assert.is(intLit({ bits: 32, signed: true }, -3n), '(I32.int_to_t (-3))');
  assert.is(intLit({ bits: 16, signed: false }, 7n), '7us');
  assert.is(mathLit(-4n), '(-4)');
});

test.run();
