// The relations of the target's copy loops (cut-copy.ts) are instantiated where the query reads
// a copy loop's havoc memory. A runtime call's string is read through the trace's memory
// snapshots (`snapU`: an array of memories, one per call), and on the paths through a copy
// loop the snapshot at that call *is* the loop's havoc memory. Before, reads were pushed
// only through stores and ites of byte arrays, so `select(select(snapU, 1), addr)` got no
// instance: the havoc bytes there were free and the calls part of bitmap_alloc `report`
// (a writeln of `what + " -> block " + Format.int b` in one arm of a match, `what + " ->
// failed: " + why` in the other) was sat in 26 of its 46 members — a missing fact, not a
// difference (its bounded check finds none).
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
let report (what: string) (r: Result<int, string>) : bool =
    match r with
    | Ok b ->
        Console.writeln (what + " -> block " + Format.int b)
        true
    | Error why ->
        Console.writeln (what + " -> failed: " + why)
        false
`;

/** The members of the calls part of `report`'s cut-point query and their answers (until the
 *  first sat one when `stopAtSat`). */
async function callsMembers(edit: (mlir: string) => string, stopAtSat: boolean): Promise<{ n: number; answers: string[] }> {
  const core = frontEndText('report.clef', src).core;
  const info = moduleInfo(parseMlir(edit(coreToMlir(core)), 'report.mlir'));
  const fn = core.functions.find((f) => f.name === 'report')!;
  const q = coreQuery(core, fn, info, info.funcs.get('clef.report')!, 2, undefined, true);
  const calls = q.parts.find((p) => p.what === 'calls')!;
  const members = cutPartMembers(q.pair.env.f, calls.t);
  const base = q.assertions.slice(0, -1);
  const answers: string[] = [];
  for (const [i, m] of members.entries()) {
    // each member takes 20-300 k units
    const r = await checkQuery({ assertions: [...base, m], wantModel: [], description: `report calls member ${i}` }, { timeoutMs: 120_000, rlimit: 5_000_000 });
    answers.push(r.status);
    if (stopAtSat && r.status === 'sat') break;
  }
  return { n: members.length, answers };
}

test('a string a call reads through the trace snapshots gets its copy loops\' instances: every member of the calls part unsat', async () => {
  const { n, answers } = await callsMembers((t) => t, false);
  assert.ok(n > 10, `${n} members`);
  assert.equal(answers.map((a, i) => `${i}: ${a}`).filter((a) => !a.endsWith('unsat')), [], 'members not unsat');
});

// the number written over the start of the line (the last copy of the Ok arm stores at offset
// 0, not after `what + " -> block "`): same length, wrong bytes — some member of the calls part
// is sat (12 of 46)
test('a wrong byte in the string the call gets: a member of the calls part is sat', async () => {
  const from = '%39 = arith.addi %len_28, %i_36 : index';
  let hits = 0;
  const edit = (t: string) => {
    hits = t.split(from).length - 1;
    return t.replace(from, '%39 = arith.addi %c0_9, %i_36 : index');
  };
  const { answers } = await callsMembers(edit, true);
  assert.is(hits, 1, 'the mutation applies once (the copy of the formatted number into the line)');
  assert.ok(answers.includes('sat'), answers.join(' '));
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
