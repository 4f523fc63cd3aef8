// A Core -> MLIR query is vacuous when Core reaches a loop cut on every execution (its loop
// always runs past the unrolling depth). For a function that builds strings no deeper retry
// is made, so the verdict is known once Core has run: the target's symbolic run is skipped
// (date_arith's main spent 114 s and 1.8 GB in it to check nothing). The early stop must
// agree with the full query.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { coreQuery, VacuousCore } from '../../../../verifier/tv/core/query.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';

const SOURCE = `
let stars (n: int) : string =
    let mutable s = ""
    for i in 0 .. 9 do
        s <- s + "*"
    s

let main _ =
    Console.writeln (stars 3)
    0
`;

const core = frontEndText('vacuous.clef', SOURCE).core;
const mod = parseMlir(coreToMlir(core), 'vacuous.mlir');
const info = moduleInfo(mod);
const fn = core.functions.find((f) => f.name === 'stars')!;
const fi = info.funcs.get('clef.stars')!;

test('the early stop agrees with the full query: vacuous at depth 2, not at depth 12', () => {
  assert.ok(coreQuery(core, fn, info, fi, 2).vacuous);
  assert.throws(() => coreQuery(core, fn, info, fi, 2, undefined, false, true), (e: unknown) => e instanceof VacuousCore);
  assert.not.ok(coreQuery(core, fn, info, fi, 12).vacuous);
  assert.not.ok(coreQuery(core, fn, info, fi, 12, undefined, false, true).vacuous);
});

test('a string builder whose loop always runs past k: unknown, nothing checked, no retry', async () => {
  const v = await validateCoreFunction(core, fn, mod, info, { unroll: 2, timeoutMs: 10_000 });
  assert.is(v.verdict, 'unknown', v.detail);
  assert.match(v.detail, /a loop runs more than 2 iterations on every execution; nothing was checked \(unrolling deeper is not tried for a function that builds strings\)/);
});

test.after(async () => disposeSolvers());
test.run();
