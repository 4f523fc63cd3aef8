// Soundness probe of the runtime's Format.char contract
// (verifier/tv/core/format-contract.ts) against runtime/clef_rt.c: a code point that is no
// Unicode scalar (a surrogate, or above 0x10FFFF: `char x` truncates an int to 32 bits)
// prints as U+FFFD, three bytes. A target that computes the text's length itself by the
// code point's ranges alone is right for surrogates (3 bytes either way) and wrong above
// 0x10FFFF (4 bytes where the runtime writes 3): a contract that took every code point for
// its own UTF-8 would prove it. Also the target that knows the invalid range: proved (the
// contract is as strong as the runtime, which is what lets such a target be proved at all).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { probeProgram } from './helpers.ts';

const P = probeProgram('probe_format_contract', `
let f (x: int) : string =
    let c = char x
    Format.char c
`);

/** The text's length by the ranges of the code point word %2 (above: 4 bytes, or `above`). */
const ownLength = (above: 'four' | 'three') => (t: string) => {
  const m = /(\n\s+)(%\d+) = arith\.index_cast (%len_\d+) : i64 to index/.exec(t);
  if (!m || !/%2 = arith\.extui/.test(t)) throw new Error('the probe\'s shape is not there');
  const [, nl, idx] = m;
  const lines = [
    '%k80 = arith.constant 128 : i64', '%k800 = arith.constant 2048 : i64', '%k10000 = arith.constant 65536 : i64',
    '%k110000 = arith.constant 1114112 : i64', '%one = arith.constant 1 : i64', '%two = arith.constant 2 : i64',
    '%three = arith.constant 3 : i64', '%four = arith.constant 4 : i64',
    '%lt1 = arith.cmpi ult, %2, %k80 : i64', '%lt2 = arith.cmpi ult, %2, %k800 : i64',
    '%lt3 = arith.cmpi ult, %2, %k10000 : i64', '%lt4 = arith.cmpi ult, %2, %k110000 : i64',
    `%s4 = arith.select %lt4, %four, %${above} : i64`, '%s3 = arith.select %lt3, %three, %s4 : i64',
    '%s2 = arith.select %lt2, %two, %s3 : i64', '%mylen = arith.select %lt1, %one, %s2 : i64',
    `${idx} = arith.index_cast %mylen : i64 to index`,
  ];
  return t.replace(m[0], lines.map((l) => nl + l).join(''));
};

test('a length by the code point alone (4 bytes above 0x10FFFF): refuted, never proved', async () => {
  const v = await P.verdict('f', ownLength('four'));
  assert.match(v, /^refuted/, v);
});

test('a length that knows U+FFFD replaces what is no scalar: proved', async () => {
  const v = await P.verdict('f', ownLength('three'));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
