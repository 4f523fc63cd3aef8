// Contracts are over mathematical integers: an unsuffixed literal there takes the other
// operand's integer type when its value fits; outside contracts F#'s strictness stays.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { check, firstError } from './helpers.ts';

test('a plain literal compares with an int32 / byte parameter in a contract, on either side', () => {
  const { prog } = check(`
    [<Requires("0 <= t && t < 100 && b <= 200")>]
    [<Ensures("result >= -5")>]
    let f (t: int32) (b: byte) : int32 = t
  `);
  assert.ok(prog);
});

test('a literal that does not fit the type is still an error in a contract', () => {
  assert.match(firstError(`
    [<Requires("b < 300")>]
    let f (b: byte) : byte = b
  `), /type mismatch/);
});

test('outside contracts an unsuffixed literal stays int', () => {
  assert.match(firstError(`
    let f (t: int32) : bool = t < 100
  `), /write 100l/);
});

test.run();
