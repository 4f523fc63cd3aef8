// Soundness probes (reviewer): globals that both modules define. The pair's memory has one
// block per global name, built from the SOURCE's definition, so a target whose definition
// differs was checked against the source's: each probe below was `proved` before
// verifier/tv/globals.ts (a constant's bytes changed, a global made smaller or constant, a
// mutable global's initializer changed). Now the global gets an `unsupported` row saying what
// differs, and so does every function that names it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

async function rows(src: string, tgt: string): Promise<Map<string, string>> {
  const got = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  return new Map(got.map((v) => [v.name, `${v.verdict}: ${v.detail}`]));
}

const load = (global: string, ty = 'i32') => `llvm.mlir.global internal ${global}
llvm.func @f() -> ${ty} {
  %p = llvm.mlir.addressof @g : !llvm.ptr
  %v = llvm.load %p : !llvm.ptr -> ${ty}
  llvm.return %v : ${ty}
}`;

test('a constant global whose bytes the target changed (5 -> 6): not proved', async () => {
  const r = await rows(load('constant @g(5 : i32) : i32'), load('constant @g(6 : i32) : i32'));
  assert.match(r.get('g (global)')!, /^unsupported: .*initial bytes \(source 05000000, target 06000000\)/);
  assert.match(r.get('f')!, /^unsupported: .*@f refers to the global @g/, r.get('f'));
});

test('a global the target made smaller, read past its new end: not proved', async () => {
  const r = await rows(load('@g(5 : i32) : i32'), load('@g(5 : i16) : i16'));
  assert.match(r.get('g (global)')!, /^unsupported: .*its size \(source 4 bytes, target 2\)/);
  assert.not.match(r.get('f')!, /^proved/);
});

test('a written global the target made constant (its store is UB there): not proved', async () => {
  const store = (global: string) => `llvm.mlir.global internal ${global}
llvm.func @f() {
  %p = llvm.mlir.addressof @g : !llvm.ptr
  %c = llvm.mlir.constant(7 : i32) : i32
  llvm.store %c, %p : i32, !llvm.ptr
  llvm.return
}`;
  const r = await rows(store('@g(5 : i32) : i32'), store('constant @g(5 : i32) : i32'));
  assert.match(r.get('g (global)')!, /^unsupported: .*constness/);
  assert.match(r.get('f')!, /^unsupported/);
});

test('a mutable global whose initializer the target changed: the module is not proved', async () => {
  const r = await rows(load('@g(5 : i32) : i32').replace(/llvm\.func[\s\S]*/, ''), load('@g(6 : i32) : i32').replace(/llvm\.func[\s\S]*/, ''));
  assert.match(r.get('g (global)')!, /^unsupported: .*initial bytes/);
});

test('the same globals on both sides: no row of their own, the function is checked', async () => {
  const r = await rows(load('constant @g(5 : i32) : i32'), load('constant @g(5 : i32) : i32'));
  assert.equal([...r.keys()], ['f']);
  assert.match(r.get('f')!, /^proved/);
  // and the reading function is still checked against the bytes: returning 6 is refuted
  const six = (await rows(load('constant @g(5 : i32) : i32'), `llvm.mlir.global internal constant @g(5 : i32) : i32
llvm.func @f() -> i32 {
  %c = llvm.mlir.constant(6 : i32) : i32
  llvm.return %c : i32
}`)).get('f')!;
  assert.match(six, /^refuted/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
