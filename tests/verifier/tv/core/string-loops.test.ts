// Core loops that carry a string (verifier/tv/core/cut-strings.ts): core-to-mlir builds each
// concatenation in a new heap buffer inside the scf.while (two copy loops, cut-copy.ts) and
// carries the buffer's memref; the cut-point proof relates Core's string to it at the loop
// head. Before (round 7) every such function was refused (`cut points: scf.for in @f`) and,
// its loop running more times than the unrolling bound, left `unknown` or `bounded(k)`.
// A wrong copy bound, a wrong byte, a wrong loop bound in such a function (`build`, whose
// loop runs n times: a short counterexample exists): refuted with a replayed
// counterexample, never proved. (`build` itself is proved for any n, 5 s of CPU: left out
// to keep the file cheap; measured in README.md "Unbounded proofs of loops".)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers, setSolverDefaults } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { mutate } from './helpers.ts';
import { withRlimit } from '../../../helpers/effort.ts';

// queries limited by work, not by the clock (effort.ts); one query cache for the file (the
// mutants leave most queries byte-identical)
const RLIMIT = 10_000_000;
setSolverDefaults({ cache: { answers: new Map() } });

const SOURCE = `
let build (n: int) : string =
    let mutable s = ""
    for i = 1 to n do
        s <- s + (if i % 2 = 0 then "ab" else "c")
    s

let bitsOf (x: byte) : string =
    let mutable s = ""
    for i = 7 downto 0 do
        s <- s + (if ((x >>> i) &&& 1uy) = 1uy then "1" else "0")
    s
`;
const core = frontEndText('string-loops.clef', SOURCE).core;
const mlir = coreToMlir(core);

async function verdictOf(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'string-loops.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 180_000 }), RLIMIT);
}

// a fixed trip count of 8 above the bound 2: the bounded check would check nothing
test('bitsOf (a string built over 8 iterations): proved for executions of any length', async () => {
  const v = await verdictOf('bitsOf');
  assert.is(v.verdict, 'proved', v.detail);
  assert.match(v.detail, /any length \(cut points at 3 loop heads/);
});

// the same function with its bits' literals swapped: wrong for every x, but every execution
// runs 8 iterations, past the bound, so the bounded check says nothing — the cut-point proof
// alone stands between it and `proved`
test('bitsOf with its literals swapped: never proved', async () => {
  const v = await verdictOf('bitsOf', (t) => mutate(t, 'bitsOf', /(%21 = arith\.cmpi) eq,/, '$1 ne,'));
  assert.is.not(v.verdict, 'proved', v.detail);
  assert.not.match(v.detail, /any length/);
});

const wrong: { name: string; from: string | RegExp; to: string }[] = [
  // the literal's copy runs as long as the string so far: past the literal, or short
  { name: 'a wrong copy bound', from: /scf\.for (%i_\d+) = %c0_23 to %len_25/, to: 'scf.for $1 = %c0_23 to %len_24' },
  // the even iterations append "c" and the odd ones "ab": other bytes
  { name: 'a wrong byte (the literals swapped)', from: /(%17 = arith\.cmpi) eq,/, to: '$1 ne,' },
  // the loop stops after its first iteration whatever n is
  { name: 'a wrong loop bound', from: /(%37 = arith\.cmpi eq, %i_13), %n_0/, to: '$1, %c1_3' },
];

for (const m of wrong) {
  test(`never proved, refuted with a replay: build, ${m.name}`, async () => {
    const v = await verdictOf('build', (t) => mutate(t, 'build', m.from, m.to));
    assert.is(v.verdict, 'refuted', v.detail);
    assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
  });
}

test.after(async () => {
  setSolverDefaults({ cache: undefined });
  await disposeSolvers();
});

test.run();
