// The initial memory a symbolic run reports is the memory on entry: stores the function
// makes before its first branch must not show in it (they once did — the run's state began
// as the very object it reports, and stores update cells in place — and replay and
// core-to-mlir validation then built wrong initial array contents).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sharedFor, symExecFunction } from '../../../../verifier/semantics/symbolic/function.ts';
import { termToString } from '../../../../verifier/smt/smtlib.ts';
import { core } from './helpers.ts';

const PROGRAM = `
  let store (a: Span<int>) : int =
      a.[0] <- 5
      if a.[0] > 3 then 1 else 0
`;

test('stores before the first branch leave the reported initial memory alone', () => {
  const prog = core(PROGRAM);
  const res = symExecFunction(prog, 'store', { unroll: 2, callMode: 'contract' }, sharedFor(prog));
  const cells = [...res.initialMemory.cells.values()].map(termToString);
  for (const c of cells) assert.not.match(c, /store/, `initial cells hold a store: ${c}`);
});

test.run();
