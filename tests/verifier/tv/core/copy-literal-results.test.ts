// A copy loop whose source is a string a callee returned (verifier/tv/core/cut-copy.ts,
// core-loops, session 8): the result may be any block of the module as far as points-to sets
// go (OBS), so also a constant global — and a load through it reads a constant global from its
// initializer. The copy's relation C_j now reads the source as the target does (every
// constant global laid over U, in a function without Core loops); before, it read U there,
// and the back edge failed whenever
// the callee could return a literal (class B1: tlv_parser `describe`). Wrong copies of such a
// source are still never proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

// `sign` returns one of two literals; `show` concatenates a literal and that result: two copy
// loops, the second reading the callee's string
const source = `
let sign (x: int) : string = if x < 0 then "-" else "+"

let show (x: int) = Console.writeln ("v " + sign x)

let main _ =
    show 3
    show (-3)
    0
`;
const core = frontEndText('copy-literal-results.clef', source).core;
const mlir = coreToMlir(core);

async function verdictOf(edit: (t: string) => string = (t) => t): Promise<{ verdict: string; detail: string }> {
  const mod = parseMlir(edit(mlir), 'copy-literal-results.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === 'show')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: EFFORT.timeoutMs }));
}

// before: `bounded(2) ...; no unbounded proof: the simulation relation does not hold at the
// back edge of copy loop 1`
test("a copy of a callee's result string (which may be a literal): proved for any length", async () => {
  const v = await verdictOf();
  assert.is(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /any length/);
});

const wrong: { name: string; from: RegExp; to: string }[] = [
  // the result's copy reads the literal "v " instead of the callee's string
  { name: 'copies the wrong source', from: /memref\.load %call_3\[/, to: 'memref.load %str_2[' },
  // the result's copy reads one byte ahead (past the callee's string)
  { name: 'reads one byte ahead', from: /(%\d+) = arith\.addi %c0_4, (%i_14) : index\n(\s+%\d+ = memref\.load %call_3)/, to: '$1 = arith.addi %c1_10, $2 : index\n$3' },
  // the result's copy writes over the literal's bytes (destination index from 0)
  { name: 'writes to the wrong place', from: /(%\d+) = arith\.addi %len_5, (%i_14) : index/, to: '$1 = arith.addi %c0_4, $2 : index' },
];

for (const w of wrong)
  test(`never proved: ${w.name}`, async () => {
    const v = await verdictOf((t) => mutate(t, 'show', w.from, w.to));
    // each is a replayed difference within the bound (measured: the output differs, or the
    // MLIR's load out of bounds)
    assert.is(v.verdict, 'refuted', v.detail);
  });

test.after(disposeSolvers);
test.run();
