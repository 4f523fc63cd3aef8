// Soundness probe (review, session 11): `getelementptr inbounds` with all indices zero is
// inbounds whatever its base (LLVM 19 LangRef: the in-bounds rules bind a GEP with some
// non-zero index only), but the semantics made it poison for a null or dangling base. A
// source `gep inbounds %p[%i] == %p` was poison for p = null, i = 0, so a target returning
// `i == 0 && p != null` was `proved` (native, mlir-translate + clang -O2, f(NULL, 0): the
// source returns 1, the target 0). Likewise in bounds of a freed block (LangRef: "the object
// does not have to be live anymore"): poison there proved a wrong constant after free(p).
// And the in-bounds rule holds at each index, not only for the final address (LangRef:
// "during the successive addition of offsets"): a target adding inbounds was proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const SRC = `llvm.func @f(%p: !llvm.ptr, %i: i64) -> i1 {
  %q = llvm.getelementptr inbounds %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  %c = llvm.icmp "eq" %q, %p : !llvm.ptr
  llvm.return %c : i1
}`;
const tgt = (nonNull: boolean) => `llvm.func @f(%p: !llvm.ptr, %i: i64) -> i1 {
  %z = llvm.mlir.constant(0 : i64) : i64
  %null = llvm.mlir.zero : !llvm.ptr
  %c = llvm.icmp "eq" %i, %z : i64
  %nn = llvm.icmp "ne" %p, %null : !llvm.ptr
  %r = ${nonNull ? 'llvm.and %c, %nn : i1' : 'llvm.or %c, %c : i1'}
  llvm.return %r : i1
}`;

test('gep inbounds by zero from null is null, not poison', async () => {
  const wrong = await pairVerdict(SRC, tgt(true));
  assert.match(wrong, /^refuted/, wrong);
  const right = await pairVerdict(SRC, tgt(false));
  assert.match(right, /^proved/, right);
});

test('gep inbounds by a non-zero index from null stays poison', async () => {
  const src = `llvm.func @f(%i: i64) -> i1 {
  %n = llvm.mlir.zero : !llvm.ptr
  %q = llvm.getelementptr inbounds %n[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  %c = llvm.icmp "eq" %q, %n : !llvm.ptr
  llvm.return %c : i1
}`;
  const yes = `llvm.func @f(%i: i64) -> i1 {
  %t = llvm.mlir.constant(true) : i1
  llvm.return %t : i1
}`;
  const v = await pairVerdict(src, yes);
  assert.match(v, /^proved/, v);
  const plain = await pairVerdict(src.replace(' inbounds', ''), yes);
  assert.match(plain, /^refuted/, plain);
});

test('gep inbounds within a freed block is not poison', async () => {
  const src = (inb: string) => `llvm.func @free(!llvm.ptr)
llvm.func @f(%p: !llvm.ptr) -> i1 {
  %x = llvm.mlir.constant(5 : i32) : i32
  llvm.store %x, %p : i32, !llvm.ptr
  llvm.call @free(%p) : (!llvm.ptr) -> ()
  %q = llvm.getelementptr ${inb}%p[1] : (!llvm.ptr) -> !llvm.ptr, i8
  %r = llvm.getelementptr %p[1] : (!llvm.ptr) -> !llvm.ptr, i8
  %c = llvm.icmp "eq" %q, %r : !llvm.ptr
  llvm.return %c : i1
}`;
  const ret = (b: boolean) => `llvm.func @free(!llvm.ptr)
llvm.func @f(%p: !llvm.ptr) -> i1 {
  %x = llvm.mlir.constant(5 : i32) : i32
  llvm.store %x, %p : i32, !llvm.ptr
  llvm.call @free(%p) : (!llvm.ptr) -> ()
  %c = llvm.mlir.constant(${b}) : i1
  llvm.return %c : i1
}`;
  // native (clang -O0 and -O2, p from malloc): the source returns 1
  const wrong = await pairVerdict(src('inbounds '), ret(false));
  assert.match(wrong, /^refuted/, wrong);
  const right = await pairVerdict(src('inbounds '), ret(true));
  assert.match(right, /^proved/, right);
});

test('gep inbounds stays in bounds at each step, not only at the end', async () => {
  const src = (inb: string) => `llvm.func @f(%i: i64) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %c5 = llvm.mlir.constant(5 : i32) : i32
  %a = llvm.alloca %one x !llvm.array<4 x i32> : (i64) -> !llvm.ptr
  llvm.store %c5, %a : i32, !llvm.ptr
  %q = llvm.getelementptr ${inb}%a[2, -8] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<4 x i32>
  %v = llvm.load %q : !llvm.ptr -> i32
  llvm.return %v : i32
}`;
  // [2] is 32 bytes into a 16-byte block: poison though [2, -8] is back at 0
  const added = await pairVerdict(src(''), src('inbounds '));
  assert.match(added, /^refuted/, added);
  const dropped = await pairVerdict(src('inbounds '), src(''));
  // (the source is UB on every execution: refined by anything, vacuously — vacuity.ts; was proved)
  assert.match(dropped, /^unknown: unknown: vacuous: the source is UB on every execution/, dropped);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
