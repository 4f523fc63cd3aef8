// A check that fails inside the workbench — its worker thread dies, or it throws — is one
// row `unknown: internal error ...` and the run goes on (bin/cli/validate-pool.ts). Before,
// a worker that died failed the whole run, and in `fidelity audit` one file's failing check
// stopped the command for every file. The faults are real (a worker thread that exits, a
// check that throws), injected by FIDELITY_TEST_FAULT=KIND:FN (validate-tasks.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, type CliResult } from '../helpers/cli.ts';

const fx = (n: string) => join('tests', 'cli', 'fixtures', n);

async function withFault(fault: string, args: string[]): Promise<CliResult> {
  const old = process.env['FIDELITY_TEST_FAULT'];
  process.env['FIDELITY_TEST_FAULT'] = fault;
  try {
    return await cli(args);
  } finally {
    if (old === undefined) delete process.env['FIDELITY_TEST_FAULT'];
    else process.env['FIDELITY_TEST_FAULT'] = old;
  }
}

type Row = { file?: string; pass?: string; name: string; verdict: string; detail: string };
const rows = (r: CliResult) => (JSON.parse(r.stdout) as { functions: Row[] }).functions;

test('tv: a worker thread that dies mid-check gives that check unknown; the others run on (exit 2)', async () => {
  // the same file on both sides: every other function is proved
  const r = await withFault('exit:f', ['tv', fx('add.src.mlir'), fx('add.src.mlir'), '--json', '--unroll', '2', '--jobs', '2']);
  assert.is(r.code, 2, r.stderr);
  const vs = rows(r);
  assert.equal(vs.map((v) => `${v.name} ${v.verdict}`), ['f unknown', 'g proved', 'only_src proved']);
  assert.match(vs[0]!.detail, /^unknown: internal error in worker: the worker thread stopped \(exit code 70\)$/);
  assert.match(r.stderr, /the check of @f failed \(a bug in the workbench/);
  assert.not.match(r.stderr, /cleanupThread|terminated worker/);
});

test('tv: a check that throws, in a worker or in this thread, is unknown with its message; a refutation elsewhere still exits 1', async () => {
  for (const jobs of ['1', '2']) {
    const r = await withFault('throw:f', ['tv', fx('add.src.mlir'), fx('add.tgt.mlir'), '--json', '--unroll', '2', '--jobs', jobs]);
    assert.is(r.code, 1, r.stderr); // @g is refuted: the worst verdict decides
    const vs = rows(r);
    assert.equal(vs.map((v) => `${v.name} ${v.verdict}`), ['f unknown', 'g refuted', 'only_src unsupported']);
    assert.match(vs[0]!.detail, jobs === '1' ? /^unknown: internal error: injected fault/ : /^unknown: internal error in worker: injected fault/);
  }
});

// The two audit faults of one kind each — a check that throws, a program whose planning
// fails — in one run (FIDELITY_TEST_FAULT takes several): one `audit` run less (~2 s CPU;
// 26 Nov: the file took 12.4 s CPU)
test('audit: a failing check, or a program whose validation fails before its checks, is reported for that program; the others are audited', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-faults-'));
  try {
    const a = join(dir, 'a.clef');
    writeFileSync(a, 'let twice (x: int64) : int64 =\n    x + x\n\nlet main _ =\n    Console.writeln (Format.int64 (twice 21L))\n    0\n');
    const c = join(dir, 'c.clef');
    writeFileSync(c, 'let main _ =\n    0\n');
    const gcd = fx('gcd.clef');
    const cases = [
      { fault: 'throw:clef.twice,plan:c.clef', jobs: '1', files: [a, c, gcd], why: /^unknown: internal error: injected fault/ },
      { fault: 'exit:clef.twice', jobs: '2', files: [a, gcd], why: /^unknown: internal error in worker: the worker thread stopped/ },
    ];
    for (const { fault, jobs, files, why } of cases) {
      const r = await withFault(fault, ['audit', '--pass', 'cse', ...files, '--json', '--unroll', '2', '--jobs', jobs]);
      assert.is(r.code, 2, r.stderr);
      const vs = rows(r);
      const bad = vs.filter((v) => v.verdict !== 'proved');
      const planned = files.includes(c);
      assert.equal(bad.map((v) => `${v.file} @${v.name} ${v.verdict}`), [`${a} @clef.twice unknown`, ...(planned ? [`${c} @(module) unknown`] : [])]);
      assert.match(bad[0]!.detail, why);
      // the other programs' checks all ran
      assert.ok(vs.filter((v) => v.file!.endsWith('gcd.clef')).length >= 2, r.stdout);
      assert.ok(vs.some((v) => v.file === a && v.name === 'clef.main' && v.verdict === 'proved'), r.stdout);
      if (planned) {
        // the program whose planning failed: one row, and the message on stderr
        assert.equal(vs.filter((v) => v.file === c).length, 1);
        assert.match(bad[1]!.detail, /^unknown: internal error while validating .*c\.clef: injected fault/);
        assert.match(r.stderr, /internal error while processing .*c\.clef/);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
