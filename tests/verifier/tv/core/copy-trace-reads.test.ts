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

test('a string a call reads through the trace snapshots gets its copy loops\' instances: every member of the calls part unsat', async () => {
  const core = frontEndText('report.clef', src).core;
  const info = moduleInfo(parseMlir(coreToMlir(core), 'report.mlir'));
  const fn = core.functions.find((f) => f.name === 'report')!;
  const q = coreQuery(core, fn, info, info.funcs.get('clef.report')!, 2, undefined, true);
  const calls = q.parts.find((p) => p.what === 'calls')!;
  const members = cutPartMembers(q.pair.env.f, calls.t);
  assert.ok(members.length > 10, `${members.length} members`);
  const base = q.assertions.slice(0, -1);
  const notUnsat: string[] = [];
  for (const [i, m] of members.entries()) {
    // each member takes 20-300 k units
    const r = await checkQuery({ assertions: [...base, m], wantModel: [], description: `report calls member ${i}` }, { timeoutMs: 120_000, rlimit: 5_000_000 });
    if (r.status !== 'unsat') notUnsat.push(`${i}: ${r.status}`);
  }
  assert.equal(notUnsat, [], 'members not unsat');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
