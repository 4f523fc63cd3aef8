// `fidelity tv` on text our parser reads but MLIR's verifier rejects (review, session 12,
// round 4): an operand used at another type, a redefined SSA name, a return of the wrong
// type, a constant out of range, a block without terminator. The parser reads syntax only,
// so these were checked and mostly `proved` (exit 0): a verdict on something that is not
// MLIR. Now mlir-opt-19's verifier decides: exit 3, its FILE:LINE:COL, no check run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { tvCommand } from '../../bin/cli/tv.ts';
import { STACK_LINE } from '../helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fidelity-tv-verify-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const fn = (body: string, ret = 'i32') => `func.func @f(%x: i32) -> ${ret} {\n${body}\n}\n`;
const good = file('good.mlir', fn('  return %x : i32'));

async function run(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const [we, wo] = [process.stderr.write, process.stdout.write];
  let stderr = '';
  let stdout = '';
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += String(c)), true)) as typeof process.stdout.write;
  try {
    return { code: await tvCommand(argv), stderr, stdout };
  } finally {
    process.stderr.write = we;
    process.stdout.write = wo;
  }
}

const invalid: [string, string, RegExp][] = [
  ['type.mlir', fn('  %c = arith.constant 1 : i32\n  %r = arith.addi %x, %c : i64\n  return %r : i32'), /type\.mlir:3:19: error: use of value '%x' expects different type/],
  ['dup.mlir', fn('  %r = arith.addi %x, %x : i32\n  %r = arith.addi %r, %x : i32\n  return %r : i32'), /dup\.mlir:3:3: error: redefinition of SSA value '%r'/],
  ['ret.mlir', fn('  %r = arith.extui %x : i32 to i64\n  return %r : i64'), /ret\.mlir:3:3: error: type of return operand 0/],
  ['cst.mlir', 'func.func @f() -> i8 {\n  %r = arith.constant 300 : i8\n  return %r : i8\n}\n', /cst\.mlir:2:23: error: integer constant out of range/],
  ['noterm.mlir', fn('  %r = arith.addi %x, %x : i32'), /noterm\.mlir:2:8: error: block with no terminator/],
];

test('MLIR the verifier rejects is bad input (exit 3, FILE:LINE:COL), on either side', async () => {
  for (const [name, text, reason] of invalid) {
    const bad = file(name, text);
    for (const argv of [[bad, bad], [good, bad], [bad, good, '--json']]) {
      const r = await run(argv);
      assert.is(r.code, 3, `${argv.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, reason, r.stderr);
      assert.not.match(r.stderr, STACK_LINE);
      assert.is(r.stdout, '', `${argv.join(' ')}: no verdict printed`);
    }
  }
});

test('valid MLIR, and ops of a dialect mlir-opt does not know, still get verdicts', async () => {
  const r = await run([good, good]);
  assert.is(r.code, 0, r.stderr);
  const other = file('other.mlir', fn('  %r = "frob.nicate"(%x) : (i32) -> i32\n  return %r : i32'));
  const u = await run([other, other, '--json']);
  assert.is(u.code, 2, u.stderr);
  assert.match(u.stdout, /"unsupported: frob\.nicate/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
