// Soundness probe (review 31): Core has no poison, and the Core -> MLIR comparison of the
// caller's memory read the target's bytes (U) but not their poison bits (UP). A target that
// stores `select(c, x, ub.poison)` into the caller's span (a join takes x's bits for the
// poison arm: values.ts joinBits) or an `addi nsw` that overflows was proved equal to Core's
// store of x — at the return and at a call that sees the span. A later MLIR pass may then
// store anything there (poison is refined by every value), each step proved. Now a poison
// byte of a related element is a difference (memory.ts elementPoison), replayed. The same for
// a string's bytes at a runtime call (strings.ts stringDiffers): a target storing
// `select(b == '-', b, ub.poison)` over the first digit clef_fmt_i64 wrote was proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const P = probeProgram('poison_store', `module PoisonStore

let first (a: Span<int>) : int = a.[0]

let put (a: Span<int>) (x: int) =
    a.[0] <- x

let putCall (a: Span<int>) (x: int) : int =
    a.[0] <- x
    first a

let main _ = 0
`, { byWork: true });

const selectPoison = '%c7x = arith.constant 7 : i64\n    %cx = arith.cmpi eq, %x_1, %c7x : i64\n    %px = ub.poison : i64\n    %sx = arith.select %cx, %x_1, %px : i64\n    memref.store %sx,';

test('put: a store of select(x == 7, x, poison) is refuted, replayed', async () => {
  const v = await P.verdict('put', (t) => mutate(t, 'put', 'memref.store %x_1,', selectPoison));
  assert.match(v, /^refuted: refuted: element 0 of an argument block: Core -?\d+, MLIR poison after the call/, v);
});

test('put: a store of (x + 1 nsw) - 1 is refuted, replayed', async () => {
  const v = await P.verdict('put', (t) => mutate(t, 'put', 'memref.store %x_1,', '%c1x = arith.constant 1 : i64\n    %sx = arith.addi %x_1, %c1x overflow<nsw> : i64\n    %sy = arith.subi %sx, %c1x : i64\n    memref.store %sy,'));
  assert.match(v, /^refuted: refuted: element 0 of an argument block: Core 9223372036854775807, MLIR poison/, v);
});

test('putCall: the span poison at the call, x stored after it, is refuted', async () => {
  const v = await P.verdict('putCall', (t) => mutate(t, 'putCall', /memref\.store %x_1, (%a_0\[%3\][^\n]*)\n(\s*%call_4 = [^\n]*\n)/, `${selectPoison} $1\n$2    memref.store %x_1, $1\n`));
  assert.match(v, /^refuted: /, v);
  assert.not.match(v, /engine bug/, v);
});

const S = probeProgram('poison_digit', `module PoisonDigit

let show (x: int) : unit =
    Console.writeln (Format.int64 x)

let main _ = 0
`, { byWork: true });

test('show: a poison first digit (its bits kept) handed to clef_writeln is refuted, replayed', async () => {
  const v = await S.verdict('show', (t) => mutate(t, 'show', /(%str_5 = [^\n]*\n)/, '$1    %z0 = arith.constant 0 : index\n    %b0 = memref.load %str_5[%z0] : memref<?xi8>\n    %cq = arith.constant 45 : i8\n    %cc = arith.cmpi eq, %b0, %cq : i8\n    %pp = ub.poison : i8\n    %ss = arith.select %cc, %b0, %pp : i8\n    memref.store %ss, %str_5[%z0] : memref<?xi8>\n'));
  assert.match(v, /^refuted: /, v);
  assert.not.match(v, /engine bug/, v);
});

test('show as compiled: proved', async () => {
  assert.match(await S.verdict('show'), /^proved: /);
});

test('put and putCall as compiled: proved', async () => {
  assert.match(await P.verdict('put'), /^proved: /);
  assert.match(await P.verdict('putCall'), /^proved: /);
});

test.after(disposeSolvers);
test.run();
