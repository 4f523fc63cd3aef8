// Soundness probe of the allocation summaries of a Core loop
// carrying a string (verifier/tv/core/cut-strings.ts; semantics/mlir/symexec.ts havoc): the
// buffers of earlier iterations are no entries of the havoc state's block list but one
// summary (an id range, a liveness and a size array), read through U. A target that writes
// into the previous iteration's buffer, or frees it, before copying it into the new one is
// wrong (the string gets a 'Z'; the copy reads freed memory), in iteration 4 of 8 only —
// past the unrolling bound, so the cut-point proof alone stands between it and `proved`.
// Both are refused by that proof (its back-edge check), never proved.
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
let bitsOf (x: byte) : string =
    let mutable s = ""
    for i = 7 downto 0 do
        s <- s + (if ((x >>> i) &&& 1uy) = 1uy then "1" else "0")
    s

[<EntryPoint>]
let main argv =
    Console.writeln (bitsOf 0xA5uy)
    0
`;
const core = frontEndText('probe-summary-blocks.clef', SOURCE).core;
const mlir = coreToMlir(core);

/** `body` inserted before the new buffer's allocation, in the iteration with i = 3 where the
 *  string so far (the previous iteration's buffer, %s) is not empty. */
function before(body: string): (t: string) => string {
  return (t) => {
    const fn = t.slice(t.indexOf('@clef.bitsOf('));
    const len = /(%len_\d+) = memref\.dim (%s_\d+),/.exec(fn)!;
    const i = /\^bb0\(%s_\d+: memref<\?xi8>, %i_more_\d+: i1, (%i_\d+): i64\)/.exec(fn)![1]!;
    const alloc = /( *)(%buf_\d+ = memref\.alloc\(%\d+\) : memref<\?xi8>)/.exec(fn)!;
    const ind = alloc[1]!;
    const guard = [
      `%zc = arith.constant 0 : index`,
      `%k3 = arith.constant 3 : i64`,
      `%zpos = arith.cmpi ugt, ${len[1]}, %zc : index`,
      `%zi = arith.cmpi eq, ${i}, %k3 : i64`,
      `%zg = arith.andi %zpos, %zi : i1`,
      `scf.if %zg {`,
      ...body.replaceAll('%S', len[2]!).split('\n').map((l) => `  ${l}`),
      `}`,
    ].map((l) => `${ind}${l}\n`).join('');
    return mutate(t, 'bitsOf', alloc[0]!, `${guard}${alloc[0]!}`);
  };
}

const write = before(`%zz = arith.constant 90 : i8\nmemref.store %zz, %S[%zc] : memref<?xi8>`);
const free = before(`memref.dealloc %S : memref<?xi8>`);

async function verdictOf(edit: (t: string) => string) {
  const mod = parseMlir(edit(mlir), 'probe-summary-blocks.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === 'bitsOf')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 60_000 }), 10_000_000);
}

test('the write into the previous buffer is wrong in a real run', () => {
  assert.equal(runProgram(parseMlir(mlir, 'p.mlir')).stdout, '10100101\n');
  assert.equal(runProgram(parseMlir(write(mlir), 'p.mlir')).stdout, 'Z0100101\n');
});

test('a write into the previous iteration\'s buffer before the copy: not proved (the back edge)', async () => {
  const v = await verdictOf(write);
  assert.is.not(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /does not hold at the back edge/);
});

test('the previous iteration\'s buffer freed before the copy: not proved (the back edge)', async () => {
  const v = await verdictOf(free);
  assert.is.not(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /does not hold at the back edge/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
