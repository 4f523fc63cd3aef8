// The z3 glue without its hot debug checks (verifier/smt/z3-glue.ts): the installed
// z3-solver takes every edit (else every query pays them again, silently), the copy is
// what the edits make of the stock file, a package the edits do not fit falls back to the
// stock glue with the reason, and z3 answers the same with the same units on both.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editGlue, editedGluePath, GLUE_EDITS, stockGluePath } from '../../../verifier/smt/z3-glue.ts';
import { tsImport } from '../../helpers/loader.ts';

const dir = mkdtempSync(join(tmpdir(), 'fidelity-glue-'));
const stock = readFileSync(stockGluePath(), 'utf8');

test('the installed glue takes every edit, and the copy has none of the checks left', () => {
  const r = editGlue(stock);
  assert.ok('text' in r, 'problem' in r ? r.problem : '');
  if (!('text' in r)) return;
  for (const e of GLUE_EDITS) assert.not.ok(r.text.includes(e.from), e.what);
  // nothing else moved: the copy is shorter by exactly what the edits take out
  assert.is(stock.length - r.text.length, GLUE_EDITS.reduce((n, e) => n + e.from.length - e.to.length, 0));
});

test('an edit that does not match exactly once is named, and nothing is written', () => {
  const missing = editGlue(stock.replace(GLUE_EDITS[0]!.from, ''));
  assert.equal(missing, { problem: `${GLUE_EDITS[0]!.what}: not found` });
  const twice = editGlue(stock + '\n' + GLUE_EDITS[1]!.from);
  assert.equal(twice, { problem: `${GLUE_EDITS[1]!.what}: found more than once` });
});

test('the copy is made once, in the cache folder, and equals the edited stock file', () => {
  const a = editedGluePath(dir);
  assert.ok('path' in a);
  if (!('path' in a)) return;
  assert.ok(a.path.startsWith(dir));
  const edited = editGlue(stock);
  assert.equal(readFileSync(a.path, 'utf8'), 'text' in edited ? edited.text : null);
  assert.equal(editedGluePath(dir), a);
});

test('a cached copy that is not exactly the edited glue (truncated, or written by someone else) is made again', () => {
  const a = editedGluePath(dir);
  if (!('path' in a)) return assert.unreachable('no copy');
  const edited = editGlue(stock);
  writeFileSync(a.path, readFileSync(a.path, 'utf8').slice(0, 1000));
  assert.equal(editedGluePath(dir), a);
  assert.equal(readFileSync(a.path, 'utf8'), 'text' in edited ? edited.text : null);
});

test('FIDELITY_Z3_STOCK_GLUE chooses the stock glue', () => {
  process.env.FIDELITY_Z3_STOCK_GLUE = '1';
  try {
    assert.equal(editedGluePath(dir), { problem: 'FIDELITY_Z3_STOCK_GLUE is set' });
  } finally {
    delete process.env.FIDELITY_Z3_STOCK_GLUE;
  }
});

test('z3 gives the same answer for the same units on the edited and the stock glue', () => {
  const run = (env: NodeJS.ProcessEnv) => {
    const p = spawnSync(process.execPath, [...tsImport(), join(import.meta.dirname, 'glue-units.ts')], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.is(p.status, 0, p.stderr);
    return JSON.parse(p.stdout.trim().split('\n').pop()!) as { status: string; resources: number; edited: boolean; again: unknown; compiles: number };
  };
  const edited = run({});
  const stockRun = run({ FIDELITY_Z3_STOCK_GLUE: '1' });
  assert.is(edited.edited, true);
  assert.is(stockRun.edited, false);
  assert.is(edited.status, 'unsat');
  assert.ok(edited.resources > 10_000, `${edited.resources} units`);
  assert.equal({ ...edited, edited: null }, { ...stockRun, edited: null });
  // V8's eager validation of the module (z3-glue.ts lazyWasmValidation) changes nothing z3 computes
  assert.equal(run({ FIDELITY_Z3_EAGER_VALIDATION: '1' }), edited);
});

test('a new instance of z3 in the same process is made from the module compiled once, and answers the same', () => {
  const p = spawnSync(process.execPath, [...tsImport(), join(import.meta.dirname, 'glue-units.ts')], { encoding: 'utf8' });
  assert.is(p.status, 0, p.stderr);
  const once = JSON.parse(p.stdout.trim().split('\n').pop()!) as { status: string; resources: number; again: { status: string; resources: number }; compiles: number };
  assert.is(once.compiles, 1, 'compiled once for two instances');
  assert.equal(once.again, { status: once.status, resources: once.resources });
  // compiled for each instance (as the stock glue does): the same answers
  const q = spawnSync(process.execPath, [...tsImport(), join(import.meta.dirname, 'glue-units.ts')], { env: { ...process.env, FIDELITY_Z3_RECOMPILE: '1' }, encoding: 'utf8' });
  assert.is(q.status, 0, q.stderr);
  const each = JSON.parse(q.stdout.trim().split('\n').pop()!) as typeof once;
  assert.is(each.compiles, 0);
  assert.equal({ ...each, compiles: 1 }, once);
});

test("z3's threads do not inherit the parent's --import flags (tsx's loader cost each one about 150 ms of CPU)", () => {
  // a preloaded module that says which thread loaded it: every thread started with the
  // parent's execArgv runs it
  const preload = join(dir, 'say-thread.mjs');
  writeFileSync(preload, "import { threadId } from 'node:worker_threads';\nprocess.stderr.write(`preloaded in thread ${threadId}\\n`);\n");
  const threads = (env: NodeJS.ProcessEnv) => {
    const p = spawnSync(process.execPath, ['--import', preload, '--import', 'tsx', join(import.meta.dirname, 'glue-units.ts')], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.is(p.status, 0, p.stderr);
    assert.is(JSON.parse(p.stdout.trim().split('\n').pop()!).status, 'unsat');
    return [...p.stderr.matchAll(/preloaded in thread (\d+)/g)].map((m) => Number(m[1]));
  };
  assert.equal(threads({}), [0], 'only the main thread');
  // the observation itself works: the stock glue's threads run the preload too
  assert.ok(threads({ FIDELITY_Z3_STOCK_GLUE: '1' }).some((t) => t > 0));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
