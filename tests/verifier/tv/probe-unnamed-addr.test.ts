// Soundness probe (review, session 11): two `unnamed_addr` constants may share one address
// (LangRef: "the address is known to not be significant and two identical constants can be
// merged"; clang -O2's constmerge, and the linker's mergeable string sections even at -O0),
// but the semantics gives every global its own block: a target returning `@a == @b` for two
// such "hi\0" strings was `proved` equal to `return 0` (native: 1 at -O0, -O1 and -O2). A
// function comparing pointers in a module with such a global is now unsupported, named.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const globals = (u: string) => `llvm.mlir.global private ${u}constant @a("hi\\00") {addr_space = 0 : i32} : !llvm.array<3 x i8>
llvm.mlir.global private ${u}constant @b("hi\\00") {addr_space = 0 : i32} : !llvm.array<3 x i8>`;
const cmp = (u: string) => `${globals(u)}
llvm.func @f() -> i32 {
  %pa = llvm.mlir.addressof @a : !llvm.ptr
  %pb = llvm.mlir.addressof @b : !llvm.ptr
  %c = llvm.icmp "eq" %pa, %pb : !llvm.ptr
  %r = llvm.zext %c : i1 to i32
  llvm.return %r : i32
}`;
const zero = (u: string) => `${globals(u)}
llvm.func @f() -> i32 {
  %r = llvm.mlir.constant(0 : i32) : i32
  llvm.return %r : i32
}`;

test('pointer comparisons next to unnamed_addr globals are not proved', async () => {
  const v = await pairVerdict(zero('unnamed_addr '), cmp('unnamed_addr '));
  assert.match(v, /^unsupported: .*unnamed_addr global @a/, v);
  const local = await pairVerdict(zero('local_unnamed_addr '), cmp('local_unnamed_addr '));
  assert.match(local, /^unsupported: .*local_unnamed_addr/, local);
});

test('globals whose address is significant keep their verdicts', async () => {
  const v = await pairVerdict(cmp(''), zero(''));
  assert.match(v, /^proved/, v);
  const w = await pairVerdict(zero(''), cmp(''));
  assert.match(w, /^proved/, w);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
