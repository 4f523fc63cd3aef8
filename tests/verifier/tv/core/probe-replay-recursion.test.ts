// Replay probe (review 22): a target that recurses without end on the model's arguments. The
// MLIR interpreter recurses in JavaScript with each call, so replaying `r` with its base case
// negated (`n <= 0` made `n > 0`: for n <= 0 the target calls itself forever) overflowed the
// JS stack and the RangeError escaped validateCoreFunction (the fuzzer of scratch/review22
// logged it as an error for two generated programs). Now the replay names it as one of its
// limits: `unknown: counterexample not replayed: ... recurses deeper than the interpreter's
// stack`. The unmutated `r` stays proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const P = probeProgram('replay-recursion', `module ReplayRecursion

let rec r (n: int) (a: int) : int =
    if n <= 0 then a
    else r (n - 1) (a + 1)

[<EntryPoint>]
let main argv =
    Console.writeln (Format.int (r 3 0))
    0
`);

test('r with its base case negated: unknown (a limit of the replay), not a thrown RangeError', async () => {
  const v = await P.verdict('r', (t) => mutate(t, 'r', '%3 = arith.cmpi sle', '%3 = arith.cmpi sgt'));
  assert.match(v, /^unknown: .*recurses deeper than the interpreter's stack/, v);
});

test('r unmutated: proved', async () => {
  assert.match(await P.verdict('r'), /^proved: /);
});

test.after(disposeSolvers);
test.run();
