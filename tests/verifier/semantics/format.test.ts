// Format.float / Format.char texts and UTF-8 string lengths.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatChar, formatFloat, utf8Length } from '../../../verifier/semantics/format.ts';

test('Format.float prints the shortest round-trip text, as JavaScript does', () => {
  assert.is(formatFloat(0.1 + 0.2), '0.30000000000000004');
  assert.is(formatFloat(5), '5');
  assert.is(formatFloat(1e21), '1e+21');
  assert.is(formatFloat(1e20), '100000000000000000000');
  assert.is(formatFloat(1e-7), '1e-7');
  assert.is(formatFloat(0.000001), '0.000001');
  assert.is(formatFloat(-2.5), '-2.5');
  assert.is(formatFloat(123.456), '123.456');
  assert.is(formatFloat(Number.MAX_VALUE), '1.7976931348623157e+308');
  assert.is(formatFloat(5e-324), '5e-324');
});

test('Format.float: -0, infinities and NaN', () => {
  assert.is(formatFloat(-0), '-0');
  assert.is(formatFloat(0), '0');
  assert.is(formatFloat(Infinity), 'Infinity');
  assert.is(formatFloat(-Infinity), '-Infinity');
  assert.is(formatFloat(NaN), 'NaN');
});

test('Format.float of a float32 prints the float32 shortest text', () => {
  assert.is(formatFloat(Math.fround(0.1), 32), '0.1');
  assert.is(formatFloat(Math.fround(0.1), 64), '0.10000000149011612');
  assert.is(formatFloat(Math.fround(16777217), 32), '16777216');
  assert.is(formatFloat(Math.fround(1 / 3), 32), '0.33333334');
  assert.is(formatFloat(Math.fround(3.4028234663852886e38), 32), '3.4028235e+38');
  assert.is(formatFloat(Math.fround(Math.fround(0.1) + Math.fround(0.2)), 32), '0.3');
});

test('Format.char and UTF-8 lengths', () => {
  assert.is(formatChar(65n), 'A');
  assert.is(formatChar(0x1f600n), '😀');
  assert.is(formatChar(0xd800n), '\uFFFD');
  assert.is(utf8Length(''), 0);
  assert.is(utf8Length('hello'), 5);
  assert.is(utf8Length('héllo'), 6);
  assert.is(utf8Length('€'), 3);
  assert.is(utf8Length('😀'), 4);
  assert.is(utf8Length('a\uD800b'), 5);
});

test.run();
