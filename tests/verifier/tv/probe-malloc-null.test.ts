// Soundness probe (reviewer): malloc may return null (LLVM gives @malloc the C library's
// meaning). The semantics makes every malloc succeed, Clef's reading of an allocation (a
// failing one is undefined behaviour: verifier/tv/malloc-null.ts). A source that checks its
// malloc result for null against a target that drops the check and stores through it was
// `proved`; a pair where either side tests a malloc result is now unsupported, and pairs
// that never test one (every stage of the corpus pipeline) are checked as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { mallocNullTest } from '../../../verifier/tv/malloc-null.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const fn = (body: string) => `llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @f(%n: i64) -> i32 {
  %c8 = llvm.mlir.constant(8 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %c0 = llvm.mlir.constant(0 : i32) : i32
  %p = llvm.call @malloc(%c8) : (i64) -> !llvm.ptr
${body}}`;
const STORE = '  llvm.store %c1, %p : i32, !llvm.ptr\n  %v = llvm.load %p : !llvm.ptr -> i32\n  llvm.return %v : i32\n';
const CHECKED = fn(`  %z = llvm.mlir.zero : !llvm.ptr
  %isnull = llvm.icmp "eq" %p, %z : !llvm.ptr
  llvm.cond_br %isnull, ^fail, ^ok
^fail:
  llvm.return %c0 : i32
^ok:
${STORE}`);
const UNCHECKED = fn(STORE);

test('a source that checks malloc for null against a target that stores through it unchecked: not proved', async () => {
  const v = await pairVerdict(CHECKED, UNCHECKED);
  assert.not.match(v, /^proved/, v);
  assert.match(v, /^unsupported: unsupported: the source's @f tests a malloc result \(llvm\.icmp of %p/, v);
});

test('a target that adds a null test the source does not have: not proved', async () => {
  const v = await pairVerdict(UNCHECKED, CHECKED);
  assert.not.match(v, /^proved/, v);
  assert.match(v, /the target's @f tests a malloc result/, v);
});

test('a test through arithmetic and a block argument is seen; the alignment arithmetic of a lowered memref.alloc is no test', () => {
  const indirect = moduleInfo(parseMlir(fn(`  %i = llvm.ptrtoint %p : !llvm.ptr to i64
  llvm.br ^b(%i : i64)
^b(%j: i64):
  %c0i = llvm.mlir.constant(0 : i64) : i64
  %t = llvm.icmp "eq" %j, %c0i : i64
  %r = llvm.zext %t : i1 to i32
  llvm.return %r : i32
`)));
  assert.match(mallocNullTest(indirect.funcs.get('f')!) ?? '', /^llvm\.icmp of %j/);
  const aligned = moduleInfo(parseMlir(fn(`  %i = llvm.ptrtoint %p : !llvm.ptr to i64
  %c7 = llvm.mlir.constant(7 : i64) : i64
  %b = llvm.add %i, %c7 : i64
  %m = llvm.urem %b, %c8 : i64
  %a = llvm.sub %b, %m : i64
  %q = llvm.inttoptr %a : i64 to !llvm.ptr
  llvm.store %c1, %q : i32, !llvm.ptr
  %k = llvm.icmp "slt" %n, %c8 : i64
  %r = llvm.zext %k : i1 to i32
  llvm.return %r : i32
`)));
  assert.is(mallocNullTest(aligned.funcs.get('f')!), null);
});

test('a pair that never tests a malloc result is still checked (an unchecked malloc against itself: proved)', async () => {
  const v = await pairVerdict(UNCHECKED, UNCHECKED);
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
