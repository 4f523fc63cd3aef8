// Soundness probe of the call frames in a Core loop carrying a string
// (verifier/tv/core/cut-strings.ts summaryRanges, calls.ts): every call's frame was made to
// keep the string buffers of the loop's earlier iterations ("no call writes them") — also a
// runtime call whose buffer IS such a block. A target that formats the number into the
// carried string's own buffer once it is 32 bytes long clobbers the string (a real run
// prints "2534..." for "1234..."), yet the frame told the solver the buffer was unchanged,
// so the formatted text read as the string's own prefix on both sides: `proved` for any
// length. The bounded check cannot see it (the string is 32 bytes only after 20 iterations).
// A frame now never keeps a block its call writes (runtime.ts Frame `writes`).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { runProgram } from '../../../../verifier/semantics/mlir/interp.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { mutate } from './helpers.ts';
import { withRlimit } from '../../../helpers/effort.ts';

const SOURCE = `
let f (n: int) : string =
    let mutable s = ""
    for i = 1 to n do
        s <- s + Format.int i
    s

[<EntryPoint>]
let main argv =
    Console.writeln (f 25)
    0
`;
const core = frontEndText('string-loop-frames.clef', SOURCE).core;
const mlir = coreToMlir(core);

/** The format buffer is the carried string's block once the string has 32 bytes. */
const intoString = (t: string) =>
  mutate(
    t,
    'f',
    /(%len_\d+) = func\.call @clef_fmt_i64\((%i_\d+), (%buf_\d+)\) : \(i64, memref<\?xi8>\) -> i64\n(\s+)(%\d+) = arith\.index_cast \1 : i64 to index\n\s+(%str_\d+) = memref\.reinterpret_cast \3 to/,
    [
      '%zx = arith.constant 0 : index',
      '$4%slen = memref.dim %s_11, %zx : memref<?xi8>',
      '$4%c32x = arith.constant 32 : index',
      '$4%big = arith.cmpi uge, %slen, %c32x : index',
      '$4%bufx = scf.if %big -> (memref<?xi8>) {',
      '$4  scf.yield %s_11 : memref<?xi8>',
      '$4} else {',
      '$4  scf.yield $3 : memref<?xi8>',
      '$4}',
      '$4$1 = func.call @clef_fmt_i64($2, %bufx) : (i64, memref<?xi8>) -> i64',
      '$4$5 = arith.index_cast $1 : i64 to index',
      '$4$6 = memref.reinterpret_cast %bufx to',
    ].join('\n'),
  );

test('the mutant is wrong: a real run prints another string', () => {
  const good = runProgram(parseMlir(mlir, 'good.mlir'));
  const bad = runProgram(parseMlir(intoString(mlir), 'bad.mlir'));
  assert.is(good.stdout, '12345678910111213141516171819202122232425\n');
  assert.is.not(bad.stdout, good.stdout);
});

test('formatting into an earlier iteration\'s string buffer: never proved', async () => {
  const mod = parseMlir(intoString(mlir), 'string-loop-frames.mlir');
  const v = await withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === 'f')!, mod, moduleInfo(mod), { unroll: 1, timeoutMs: 180_000 }), 20_000_000);
  assert.is.not(v.verdict, 'proved', v.detail);
  assert.not.match(v.detail, /any length/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
