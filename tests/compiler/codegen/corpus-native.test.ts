// The differential test of the compiler: every corpus program (and every runnable program
// of corpus/bad, the warn_* ones) compiled natively through core-to-mlir, each upstream
// mlir-opt pass, mlir-translate and clang, prints exactly NAME.out (given NAME.in) and
// exits with NAME.code — the same files the interpreter is checked against.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEnd } from '../../../compiler/frontend.ts';
import { coreToMlir } from '../../../compiler/codegen/core-to-mlir.ts';
import { linkExecutable, translateToLLVMIR, UPSTREAM_PASSES } from '../../../compiler/codegen/native.ts';
import { mlirOptFlag } from '../../../compiler/passes/mlir-opt-flag.ts';
import { mlirOptBatch } from '../mlir/mlir-opt.ts';
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
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

// Each upstream pass is one mlir-opt run over every program (--split-input-file, as in
// ../mlir/mlir-opt.ts), not one run per program and pass: ~280 runs of ~40 ms of start-up
// each (27 Nov: the lowering took 10.5 s of CPU one program at a time). The texts are those
// of buildNative's one-program runs (the last stage of every program compared: equal up
// to trailing newlines), so each binary is the same. mlir-translate and clang run per program.
// If a batch fails, every program is built alone (compileCore), so each error names its program.
const generated: (string | { error: string })[] = files.map((file) => {
  try {
    return coreToMlir(frontEnd(file).core);
  } catch (e) {
    return { error: message(e) };
  }
});
const lowered: (string | null)[] = (() => {
  if (generated.some((g) => typeof g !== 'string')) return files.map(() => null);
  try {
    let texts = generated as string[];
    for (const pass of UPSTREAM_PASSES) texts = mlirOptBatch(texts, [mlirOptFlag(pass)]);
    return texts;
  } catch {
    return files.map(() => null);
  }
})();
const exeDir = mkdtempSync(join(tmpdir(), 'clef-corpus-native-'));
process.on('exit', () => rmSync(exeDir, { recursive: true, force: true }));

const outcomes: Promise<Outcome[]> = pool(files, 2, async (file): Promise<Outcome> => {
  const base = file.slice(0, -'.clef'.length);
  const k = files.indexOf(file);
  try {
    const g = generated[k]!;
    if (typeof g !== 'string') return g;
    const last = lowered[k];
    let exe: string;
    if (last == null) exe = await compileCore(frontEnd(file).core, relative(root, base));
    else {
      exe = join(exeDir, `p${k}`);
      await linkExecutable(await translateToLLVMIR(last), exe);
    }
    const stdin = existsSync(base + '.in') ? readFileSync(base + '.in', 'utf8') : '';
    return { run: await run(exe, { stdin }) };
  } catch (e) {
    return { error: message(e) };
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
