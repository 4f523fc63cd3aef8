// A pointer's extent starts at the pointer (CLEF.md "Indexing anything out of its extent"):
// a negative index through an advanced pointer is a bounds fault in the reference semantics
// and in the prover, as the memref view the compiled code makes of the pointer has no element
// before its start. Before this, both accepted `q.[-1]` when the element was in the block.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { describe, prove, verdicts } from './helpers.ts';

const program = (index: string) => `
[<Requires("n >= 2 && n <= 4")>]
let f (n: int) : int =
    let p = NativePtr.stackalloc<int> 4
    NativePtr.set p 0 7
    let q = NativePtr.add p 1
    NativePtr.get q (${index})
`;

test('a negative index through an advanced pointer is refuted (bounds)', async () => {
  const rs = await prove(program('-1'));
  assert.is(verdicts(rs).get('bounds@6'), 'refuted', describe(rs));
});

test('the same element through a non-negative index is proved', async () => {
  const rs = await prove(program('n - 2'));
  assert.is(verdicts(rs).get('bounds@6'), 'proved', describe(rs));
});

test.after(disposeSolvers);
test.run();
