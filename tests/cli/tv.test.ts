// `fidelity tv` / `validate` / `audit` as a user meets them: verdicts, exit codes, JSON,
// replayed counterexamples, bad input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { cli, STACK_LINE } from '../helpers/cli.ts';
import { tvCommand } from '../../bin/cli/tv.ts';

const fx = (n: string) => join('tests', 'cli', 'fixtures', n);

/** What a command run in this process prints on stdout. */
async function stdoutOf(run: () => Promise<number>): Promise<string> {
  const out: unknown[] = [];
  const log = console.log;
  console.log = (...xs: unknown[]) => void out.push(...xs);
  try {
    await run();
  } finally {
    console.log = log;
  }
  return out.join('\n');
}
// `--jobs 1` where a check runs: the worker threads (their start-up is ~1 s CPU a run) are the
// subject of validate-jobs.test.ts and validate-faults.test.ts, not of these tests

test('tv: proved, refuted with a replayed counterexample, one-sided function; exit 1', async () => {
  const r = await cli(['tv', fx('add.src.mlir'), fx('add.tgt.mlir'), '--json', '--jobs', '1']);
  assert.is(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout) as { functions: { name: string; verdict: string; detail: string; time_ms: number; counterexample?: { inputs: { name: string; value: string }[] } }[] };
  const by = new Map(j.functions.map((f) => [f.name, f]));
  assert.is(by.get('f')!.verdict, 'proved');
  assert.is(by.get('g')!.verdict, 'refuted');
  assert.ok(by.get('g')!.counterexample!.inputs.length >= 1);
  assert.is(by.get('only_src')!.verdict, 'unsupported');
  assert.match(by.get('only_src')!.detail, /only in the source/);
  assert.type(by.get('f')!.time_ms, 'number');
});

test('tv: a proved row that rests on a refuted callee says so under the table', async () => {
  // @f calls @g; only @g changed: @f is proved given @g's row, and @g is refuted
  const r = await cli(['tv', fx('callee.src.mlir'), fx('callee.tgt.mlir'), '--jobs', '1']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stdout, /@f\s+proved/);
  assert.match(r.stdout, /^note: @f is proved given the rows of the functions it calls; not proved among them: @g \(refuted\)$/m);
  // the note is about callers only: @g calls nothing
  assert.not.match(r.stdout, /note: @g/);
  // --json says the same on the caller's record (in process: a CLI run costs ~1 s CPU)
  const j = JSON.parse(await stdoutOf(() => tvCommand([fx('callee.src.mlir'), fx('callee.tgt.mlir'), '--json', '--jobs', '1']))) as { functions: Record<string, unknown>[] };
  const by = new Map(j.functions.map((f) => [f['name'], f]));
  assert.equal(by.get('f')!['unproved_callees'], [{ name: 'g', verdict: 'refuted' }]);
  assert.is(by.get('g')!['unproved_callees'], undefined);
});

test('tv: a loop is bounded(k), never proved by unrolling; exit 0', async () => {
  const r = await cli(['tv', fx('loop.src.mlir'), fx('loop.tgt.mlir'), '--unroll', '3', '--jobs', '1']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /@sum\s+(bounded\(3\)|proved)/);
  if (/@sum\s+proved/.test(r.stdout)) assert.not.match(r.stdout, /within 3 iterations/);
});

test('tv: malformed MLIR is exit 3 with FILE:LINE:COL and no stack', async () => {
  const r = await cli(['tv', fx('bad.mlir'), fx('add.tgt.mlir')]);
  assert.is(r.code, 3);
  assert.match(r.stderr, /bad\.mlir:2:23: error: /);
  assert.not.match(r.stderr, STACK_LINE);
  const m = await cli(['tv', fx('nope.mlir'), fx('add.tgt.mlir')]);
  assert.is(m.code, 3);
  assert.match(m.stderr, /cannot read/);
});

// exit 2 is "unknown or unsupported only" here: a usage error is bad input, 3 (every case in
// process in bad-input.test.ts; one through the real CLI here, for bin/main.ts's wiring)
test('tv: usage errors are exit 3, one line, no stack', async () => {
  const u = await cli(['tv', fx('add.src.mlir'), fx('add.tgt.mlir'), '--unroll', 'x']);
  assert.is(u.code, 3);
  assert.is(u.stderr, "fidelity tv: --unroll needs a whole number >= 0\n");
});

// A small fixture rather than a corpus program: the CLI's shape is under test here; every
// corpus program goes through validation in tests/verifier/tv/corpus.test.ts (in process).
test('tv --solver: the native z3 gives the same verdicts; an unknown name is bad input', async () => {
  const r = await cli(['tv', fx('add.src.mlir'), fx('add.tgt.mlir'), '--json', '--solver', 'z3-native', '--jobs', '1']);
  assert.is(r.code, 1, r.stderr);
  const by = new Map((JSON.parse(r.stdout) as { functions: { name: string; verdict: string }[] }).functions.map((f) => [f.name, f.verdict]));
  assert.is(by.get('f'), 'proved');
  assert.is(by.get('g'), 'refuted');
  const bad = await cli(['tv', fx('add.src.mlir'), fx('add.tgt.mlir'), '--solver', 'z4']);
  assert.is(bad.code, 3);
  assert.match(bad.stderr, /--solver: 'z4' is not one of z3-wasm, z3-native, cvc5, z3-auto/);
});

// `fidelity validate --json` (every pass of the pipeline, each row with its pass, nothing
// refuted on a correct pipeline) is tests/cli/validate-jobs.test.ts's: its CLI run's JSON
// rows are compared there with an in-process run's, each pass named, every verdict proved or
// bounded(2) (a second CLI run of the same program here took 4.5 s CPU)

test.run();
