// Soundness probe (reviewer): the integer address of a pointer (block b, offset o) is
// b * 2^32 + o (semantics/mlir/memory.ts), which round-trips through ptrtoint/inttoptr only
// for offsets below 4 GiB. LLVM's `inttoptr (ptrtoint p)` is p again; for a pointer 4 GiB or
// more into a large argument block the semantics' round trip lands in another block, and a
// target that round-trips its argument pointer before loading was `refuted` — a difference
// of the encoding, not of the programs; so was one that stores the pointer to memory and
// loads it back (memory holds the same integer address). A concrete ptrtoint or store of
// such a pointer is now unsupported, so the replay shows no difference: not refuted. Nor is
// it reported as an engine bug: the verdict is `unknown` naming the replay's limit (an
// address offset of 4 GiB or more, verifier/tv/wide-offset.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const load = (roundTrip: boolean) => `llvm.func @f(%p: !llvm.ptr) -> i8 {
${roundTrip ? '  %x = llvm.ptrtoint %p : !llvm.ptr to i64\n  %q = llvm.inttoptr %x : i64 to !llvm.ptr\n  %v = llvm.load %q : !llvm.ptr -> i8' : '  %v = llvm.load %p : !llvm.ptr -> i8'}
  llvm.return %v : i8
}`;

test('a load through inttoptr (ptrtoint p) against a load through p: not refuted', async () => {
  const v = await pairVerdict(load(false), load(true));
  assert.not.match(v, /^refuted/, v);
  assert.not.match(v, /engine bug/, v);
  if (v.startsWith('unknown')) assert.match(v, /the replay cannot represent an address offset of 4 GiB or more into a block \(llvm\.ptrtoint/, v);
});

test('a pointer stored to memory and loaded back before the load, against the load itself: not refuted', async () => {
  const viaMemory = `llvm.func @f(%p: !llvm.ptr) -> i8 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %slot = llvm.alloca %one x !llvm.ptr : (i64) -> !llvm.ptr
  llvm.store %p, %slot : !llvm.ptr, !llvm.ptr
  %q = llvm.load %slot : !llvm.ptr -> !llvm.ptr
  %v = llvm.load %q : !llvm.ptr -> i8
  llvm.return %v : i8
}`;
  const v = await pairVerdict(load(false), viaMemory);
  assert.not.match(v, /^refuted/, v);
  assert.not.match(v, /engine bug/, v);
  if (v.startsWith('unknown')) assert.match(v, /the replay cannot represent an address offset of 4 GiB or more into a block \(llvm\.store/, v);
});

test('the sizeof idiom (ptrtoint of getelementptr null[n]) is exact for any n and still refutes an off-by-one', async () => {
  const size = (extra: string) => `llvm.func @f(%n: i64) -> i64 {
  %z = llvm.mlir.zero : !llvm.ptr
  %g = llvm.getelementptr %z[%n] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  %r = llvm.ptrtoint %g : !llvm.ptr to i64
${extra}}`;
  assert.match(await pairVerdict(size('  llvm.return %r : i64\n'), size('  llvm.return %n : i64\n')), /^proved/);
  const v = await pairVerdict(size('  llvm.return %r : i64\n'), size('  %c1 = llvm.mlir.constant(1 : i64) : i64\n  %s = llvm.add %r, %c1 : i64\n  llvm.return %s : i64\n'));
  assert.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
