import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { check, expectError, exprs, frontError, show } from './helpers.ts';

test('every integer suffix has its type', () => {
  const { prog } = check(`
    let f () = (1y, 1uy, 1s, 1us, 1l, 1u, 1L, 1UL, 1n, 1un, 1)
  `);
  const lits = exprs(prog).filter((e) => e.kind === 'Lit').map((e) => show(e.ty));
  assert.equal(lits, ['sbyte', 'byte', 'int16', 'uint16', 'int32', 'uint32', 'int', 'uint64', 'int', 'uint64', 'int']);
});

test('hex, binary and underscores are ordinary integers', () => {
  const { prog } = check(`
    let f () = (0x1F, 0b1010uy, 1_000_000L)
  `);
  assert.equal(exprs(prog).filter((e) => e.kind === 'Lit').map((e) => show(e.ty)), ['int', 'byte', 'int']);
});

test('literal ranges (checked by the parser, or by the checker for hand-built ASTs)', () => {
  assert.match(frontError(`let f () = 256uy`), /^1:12: .*(out of range|outside the range)/);
  assert.match(frontError(`let f () = 128y`), /^1:12: .*(out of range|outside the range)/);
  check(`let f () = -128y`);
  check(`let f () = 255uy`);
  check(`let f () = 0xFFy`);
  check(`let f () = 4294967295u`);
  assert.match(frontError(`let f () = 2147483648l`), /^1:12: .*(out of range|outside the range)/);
  check(`let f () = -2147483648l`);
  check(`let f () = 18446744073709551615UL`);
});

test('no implicit conversion between widths or signedness', () => {
  expectError(`let f (a: uint32) = a + 1`, '1:25', 'expected uint32 but found int (write 1u');
  expectError(`let f (a: byte) (b: sbyte) = a = b`, '1:34', 'expected byte but found sbyte');
  expectError(`let f (a: float) = a + 1`, '1:24', 'expected float but found int');
  expectError(`let f (a: float32) = a * 2.0`, '1:26', 'expected float32 but found float');
});

test('unsigned comparisons and arithmetic are typed as unsigned', () => {
  const { prog } = check(`
    let lt (a: uint64) (b: uint64) = a < b && a / b > 0UL
  `);
  assert.ok(exprs(prog).some((e) => e.kind === 'Binary' && e.op === '/' && show(e.ty) === 'uint64'));
});

test('negative literal patterns and char/string/float patterns', () => {
  check(`
    let f (n: int16) (c: char) (s: string) =
        let a = match n with
                | -1s -> 0
                | _ -> 1
        let b = match c with
                | 'a' -> 0
                | _ -> 1
        match s with
        | "x" -> a + b
        | _ -> 0
  `);
});

test.run();
