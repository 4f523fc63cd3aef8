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

test('audit: one program\'s failing check is reported for that program; the other programs are audited', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-faults-'));
  try {
    const a = join(dir, 'a.clef');
    writeFileSync(a, 'let twice (x: int64) : int64 =\n    x + x\n\nlet main _ =\n    Console.writeln (Format.int64 (twice 21L))\n    0\n');
    for (const [fault, jobs, why] of [['throw:clef.twice', '1', /^unknown: internal error: injected fault/], ['exit:clef.twice', '2', /^unknown: internal error in worker: the worker thread stopped/]] as const) {
      const r = await withFault(fault, ['audit', '--pass', 'cse', a, fx('gcd.clef'), '--json', '--unroll', '2', '--jobs', jobs]);
      assert.is(r.code, 2, r.stderr);
      const vs = rows(r);
      const bad = vs.filter((v) => v.verdict !== 'proved');
      assert.equal(bad.map((v) => `${v.file} @${v.name}`), [`${a} @clef.twice`]);
      assert.match(bad[0]!.detail, why);
      // the other program's checks all ran
      assert.ok(vs.filter((v) => v.file!.endsWith('gcd.clef')).length >= 2, r.stdout);
      assert.ok(vs.some((v) => v.file === a && v.name === 'clef.main' && v.verdict === 'proved'), r.stdout);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('audit: a program whose validation fails before its checks gets one unknown row; the others are audited', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-faults-'));
  try {
    const a = join(dir, 'a.clef');
    writeFileSync(a, 'let main _ =\n    0\n');
    const r = await withFault('plan:a.clef', ['audit', '--pass', 'cse', a, fx('gcd.clef'), '--json', '--unroll', '2', '--jobs', '1']);
    assert.is(r.code, 2, r.stderr);
    const vs = rows(r);
    assert.equal(vs.filter((v) => v.file === a).map((v) => `${v.name} ${v.verdict}`), ['(module) unknown']);
    assert.match(vs[0]!.detail, /^unknown: internal error while validating .*a\.clef: injected fault/);
    assert.ok(vs.filter((v) => v.file!.endsWith('gcd.clef')).length >= 2 && vs.filter((v) => v.file !== a).every((v) => v.verdict === 'proved'), r.stdout);
    assert.match(r.stderr, /internal error while processing .*a\.clef/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
