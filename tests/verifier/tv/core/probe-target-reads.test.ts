// Replay probe (review 22): a mutant whose target reads an element Core never reads. The query
// relates Core's cells and the target's bytes only at the indices Core reads (memory.ts
// indicesRead), so in a model the element only the target reads was free in Core's row (one
// constant for the whole row), while its bytes held another value. The replay built the
// target's memory from Core's cells, both sides read the same value: `unknown: engine bug:
// counterexample did not replay` for arena_queue's `pop` with `top - 1` made `top + 1`, and
// with its index made `index + 1` (the fuzzer of scratch/review22 found both). The replay now
// tries once more with Core's cells taken from the model's target bytes (replay-cells.ts):
// both are refuted, replayed. The same for a static both sides see: crc32's `crcTable` with
// `crc ^^^ byte` made `|||` reads table.[255] where Core reads table.[203] (the static's
// contents are unknown: main writes them). The unmutated functions stay proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { CORPUS, mutate, probeProgram } from './helpers.ts';

const P = probeProgram('arena_queue', readFileSync(join(CORPUS, 'arena_queue.clef'), 'utf8'), { byWork: true });

test('pop: top + 1 instead of top - 1 (the target reads s.[top + 1]) is refuted, replayed', async () => {
  const v = await P.verdict('pop', (t) => mutate(t, 'pop', '%7 = arith.subi', '%7 = arith.addi'));
  assert.match(v, /^refuted: refuted: result scalar 1: Core -?\d+, MLIR \d+/, v);
});

test('pop: the load index + 1 is refuted, replayed', async () => {
  const v = await P.verdict('pop', (t) => mutate(t, 'pop', /%9 = memref\.load %s_0\[%8\]/, '%c1x = arith.constant 1 : index\n      %x8 = arith.addi %8, %c1x : index\n      %9 = memref.load %s_0[%x8]'));
  assert.match(v, /^refuted: /, v);
  assert.not.match(v, /engine bug/, v);
});

const C = probeProgram('crc32', readFileSync(join(CORPUS, 'crc32.clef'), 'utf8'), { byWork: true });

test('crcTable: the index xori made ori (the target reads another element of the static) is refuted, replayed', async () => {
  const v = await C.verdict('crcTable', (t) => mutate(t, 'crcTable', '%21 = arith.xori', '%21 = arith.ori'));
  assert.match(v, /^refuted: refuted: result scalar 0: /, v);
});

test('crcTable unmutated: proved', async () => {
  assert.match(await C.verdict('crcTable'), /^proved: /);
});

test('pop unmutated: proved', async () => {
  assert.match(await P.verdict('pop'), /^proved: /);
});

test.after(disposeSolvers);
test.run();
