// A copy loop inside a Core loop whose source is a Clef callee's result (cut-copy.ts
// `calleeOf`): the callee may return one of its string literals, which the target loads from
// the constant global's initializer. Before, with Core loops, the copy's relation C_j read
// such a source from U only (the overlay of every constant global of the module was dropped
// there for cost), so the back edge of the copy of `sign i` below was sat in 2 of its 7
// members — the missing fact that also stopped pid_fixed `main` at its copy loop 6 (`show u`).
// Now the globals the callee may return (string-calls.ts globalsReachable) are laid over U.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { coreQuery } from '../../../../verifier/tv/core/query.ts';
import { cutPartMembers } from '../../../../verifier/tv/core/cut-validate.ts';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';

const src = `
let sign (v: int) : string = if v % 2 = 0 then "+" else "-"

[<Requires("n >= 0 && n <= 1000")>]
let signs (n: int) : string =
    let mutable s = ""
    for i in 0 .. n - 1 do
        s <- s + sign i
    s
`;

test('the copy of a callee\'s literal result inside a Core loop: its back edge holds (every member unsat)', async () => {
  const core = frontEndText('signs.clef', src).core;
  const info = moduleInfo(parseMlir(coreToMlir(core), 'signs.mlir'));
  const fn = core.functions.find((f) => f.name === 'signs')!;
  const q = coreQuery(core, fn, info, info.funcs.get('clef.signs')!, 2, undefined, true);
  // loop 0 is the Core loop, copy loops 1 (s) and 2 (sign i) are the concatenation's
  const back = q.cutParts.find((p) => p.what === 'the back edge of copy loop 2')!;
  assert.ok(back && back.alone, 'the copy of sign\'s result has its own back-edge part, checked alone');
  const members = cutPartMembers(q.pair.env.f, back.t);
  assert.ok(members.length >= 2, `${members.length} members`);
  const notUnsat: string[] = [];
  for (const [i, m] of members.entries()) {
    // each member 0.1-0.6 M units (before: members 1 and 4 sat)
    const r = await checkQuery({ assertions: [m], wantModel: [], description: `signs copy loop 2 member ${i}` }, { timeoutMs: 120_000, rlimit: 5_000_000 });
    if (r.status !== 'unsat') notUnsat.push(`${i}: ${r.status}`);
  }
  assert.equal(notUnsat, [], 'members not unsat');
});

// the sign stored at offset 0 of the new buffer instead of after `s`: the carried string's
// relation fails at the Core loop's back edge (a member sat; by hand the whole attempt stops
// there, and with the copy bounded by `s`'s length too)
test('the callee\'s result copied to the wrong place: the Core loop\'s back edge is sat', async () => {
  const core = frontEndText('signs.clef', src).core;
  const from = '%30 = arith.addi %len_18, %i_27 : index';
  const text = coreToMlir(core);
  assert.is(text.split(from).length - 1, 1, 'the mutation applies once (the copy of sign\'s result)');
  const info = moduleInfo(parseMlir(text.replace(from, '%30 = arith.addi %c0_17, %i_27 : index'), 'signs.mlir'));
  const q = coreQuery(core, core.functions.find((f) => f.name === 'signs')!, info, info.funcs.get('clef.signs')!, 2, undefined, true);
  const back = q.cutParts.find((p) => p.what.startsWith('the back edge of loop 0'))!;
  const base = q.assertions.slice(0, -1);
  const answers: string[] = [];
  for (const [i, m] of cutPartMembers(q.pair.env.f, back.t, false).entries()) {
    const r = await checkQuery({ assertions: [...base, m], wantModel: [], description: `signs mutant back edge member ${i}` }, { timeoutMs: 120_000, rlimit: 5_000_000 });
    answers.push(r.status);
    if (r.status === 'sat') break;
  }
  assert.ok(answers.includes('sat'), answers.join(' '));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
