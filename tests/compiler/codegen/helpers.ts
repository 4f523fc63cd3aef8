// Helpers for the code generation tests: Clef source or Core -> MLIR -> the real mlir-opt
// pipeline and clang -> a native binary in a temporary directory -> run it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontEndText } from '../../../compiler/frontend.ts';
import { coreToMlir } from '../../../compiler/codegen/core-to-mlir.ts';
import { buildNative } from '../../../compiler/codegen/native.ts';
import type { CExpr, CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { Span } from '../../../compiler/syntax/ast.ts';
import { T, type Type } from '../../../compiler/types/types.ts';

export const FILE = 't.clef';
const dir = mkdtempSync(join(tmpdir(), 'clef-codegen-test-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

/** Source with the common indentation removed, so tests can indent their programs. */
export function src(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function coreOf(text: string, file = FILE): CoreProgram {
  return frontEndText(file, src(text)).core;
}

export type RunResult = { stdout: string; stderr: string; code: number | null; signal: string | null };

export function run(exe: string, opts: { stdin?: string; args?: string[] } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(exe, opts.args ?? [], { timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal }));
    child.on('error', (e) => resolve({ stdout, stderr: String(e), code: null, signal: null }));
    child.stdin.on('error', () => {}); // a program that never reads its input may exit first
    child.stdin.end(opts.stdin ?? '');
  });
}

/** Builds MLIR text into a fresh executable and returns its path. */
export async function buildMlir(mlir: string, name = 'prog'): Promise<string> {
  const exe = join(dir, `${name.replace(/[^A-Za-z0-9_]/g, '_')}-${serial++}`);
  await buildNative(mlir, exe);
  return exe;
}

export async function compileCore(p: CoreProgram, name = 'prog'): Promise<string> {
  return buildMlir(coreToMlir(p), name);
}

/** Compiles Clef source natively and runs it. */
export async function runClef(text: string, opts: { stdin?: string; args?: string[] } = {}): Promise<RunResult> {
  return run(await compileCore(coreOf(text)), opts);
}

/** Runs `fn` over items with at most `n` at a time, keeping order. */
export async function pool<I, R>(items: I[], n: number, fn: (x: I) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

// ---- Hand-built Core, for tests that must not depend on the front end.

export const SPAN: Span = { file: 'gen.clef', start: 0, end: 0, line: 1, col: 1 };

export const C = {
  konst: (value: bigint | number | boolean | string | null, ty: Type): CExpr => ({ kind: 'Const', value, ty, span: SPAN }),
  writeln: (s: CExpr): CExpr => ({ kind: 'Builtin', name: 'Console.writeln', args: [s], ty: T.unit, span: SPAN }),
  format: (name: 'Format.float' | 'Format.int' | 'Format.uint64' | 'Format.bool' | 'Format.char', x: CExpr): CExpr => ({
    kind: 'Builtin',
    name,
    args: [x],
    ty: T.string,
    span: SPAN,
  }),
  seq: (items: CExpr[]): CExpr => ({ kind: 'Seq', items, ty: items[items.length - 1]!.ty, span: SPAN }),
};

export function fnOf(name: string, body: CExpr, params: { name: string; ty: Type }[] = [], ret: Type = body.ty): CoreFn {
  return {
    name,
    params: params.map((p) => ({ ...p, span: SPAN })),
    ret,
    body,
    requires: [],
    ensures: [],
    decreases: null,
    liftedFrom: null,
    obs: [],
    span: SPAN,
  };
}

/** A program whose `main` runs `body` (which must end with the int exit code). */
export function programOf(body: CExpr, more: CoreFn[] = []): CoreProgram {
  const argv: Type = { kind: 'span', elem: T.string };
  return {
    kind: 'CoreProgram',
    file: SPAN.file,
    types: { records: new Map(), unions: new Map() },
    statics: [],
    functions: [...more, fnOf('main', body, [{ name: 'argv', ty: argv }], T.int)],
    entry: 'main',
  };
}
