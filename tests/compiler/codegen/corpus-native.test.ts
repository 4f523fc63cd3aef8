// The differential test of the compiler: every corpus program (and every runnable program
// of corpus/bad, the warn_* ones) compiled natively through core-to-mlir, each upstream
// mlir-opt pass, mlir-translate and clang, prints exactly NAME.out (given NAME.in) and
// exits with NAME.code — the same files the interpreter is checked against.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEnd } from '../../../compiler/frontend.ts';
import { compileCore, pool, run, type RunResult } from './helpers.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');

function programs(dir: string, pick: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.clef') && pick(n))
    .sort()
    .map((n) => join(dir, n));
}

const files = [
  ...programs(join(root, 'corpus'), () => true),
  ...programs(join(root, 'corpus', 'bad'), (n) => n.startsWith('warn_')),
];

type Outcome = { run: RunResult } | { error: string };

const outcomes: Promise<Outcome[]> = pool(files, 2, async (file): Promise<Outcome> => {
  const base = file.slice(0, -'.clef'.length);
  try {
    const exe = await compileCore(frontEnd(file).core, relative(root, base));
    const stdin = existsSync(base + '.in') ? readFileSync(base + '.in', 'utf8') : '';
    return { run: await run(exe, { stdin }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
});

test('the corpus has programs to compile', () => {
  assert.ok(files.length >= 30, `only ${files.length} programs`);
});

files.forEach((file, i) => {
  const base = file.slice(0, -'.clef'.length);
  const name = relative(root, file);
  test(`native ${name}`, async () => {
    const o = (await outcomes)[i]!;
    if ('error' in o) return assert.unreachable(`${name}: ${o.error}`);
    const out = readFileSync(base + '.out', 'utf8');
    const code = Number(readFileSync(base + '.code', 'utf8').trim());
    assert.fixture(o.run.stdout, out, `${name}: stdout`);
    assert.is(o.run.code, code, `${name}: exit code (signal ${o.run.signal}, stderr ${o.run.stderr})`);
  });
});

test.run();
