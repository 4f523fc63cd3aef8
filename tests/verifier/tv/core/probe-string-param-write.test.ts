// Soundness probe (review, session 14, L2): a Clef string parameter may be a literal — a
// constant global — and Core never writes a string, so a target that stores into the
// parameter's bytes is wrong for every literal argument. core-to-mlir's `bang` with each
// copied byte written back into %name_0 was bounded(4) (native, clang -O0: the mutant dies of
// SIGSEGV on `bang "abc"`, the original prints `abc!`). The string's argument block is now
// not writable (arguments.ts linkStringParam; read-only in the replay): refuted, replayed;
// the unmutated function keeps its verdict.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const P = probeProgram('bang', `module Bang

let bang (name: string) : string = name + "!"

let main _ = 0
`);

test('a target storing into a string parameter is refuted', async () => {
  const v = await P.verdict('bang', (t) => mutate(t, 'bang', /(%(\d+) = memref\.load %name_0\[(%\d+)\] : memref<\?xi8>)/, '$1\n      memref.store %$2, %name_0[$3] : memref<?xi8>'));
  assert.match(v, /^refuted: .*memref\.store: block \d+ is read-only/, v);
});

test('the function as compiled keeps its verdict', async () => {
  const v = await P.verdict('bang');
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
