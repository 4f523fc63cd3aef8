// Soundness probe (review 17): the allocation size of an integer wider than 128 bits. LLVM's
// is the store size rounded up to the ABI alignment (x86-64: i128:128, so 16 for every wider
// integer): i264 takes 48 bytes. layout.ts rounded every integer up to a power-of-two byte
// count (64), so `getelementptr %p[1] : i264` stepped 64 bytes: a target storing there and
// reading byte 64 back was `proved` equal to the stored value (native, mlir-translate-19 +
// clang-19 -O2, a zeroed buffer: source 5, target 0).
// The same for a pointer in address space 270 (x86-64: p270:32:32, 4 bytes; the model took 8;
// native 5 vs 0): pointers outside address space 0 are now unsupported, named.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { fieldOffsets, layoutOf } from '../../../verifier/semantics/mlir/layout.ts';


const fn = (tail: string) => `llvm.func @f(%p: !llvm.ptr, %x: i8) -> i8 {
  %q = llvm.getelementptr %p[1] : (!llvm.ptr) -> !llvm.ptr, i264
  llvm.store %x, %q : i8, !llvm.ptr
${tail}}`;

test('getelementptr over i264 steps 48 bytes: reading byte 64 back is not the stored value', async () => {
  const src = fn('  llvm.return %x : i8\n');
  const tgt = fn(`  %r = llvm.getelementptr %p[64] : (!llvm.ptr) -> !llvm.ptr, i8
  %v = llvm.load %r : !llvm.ptr -> i8
  llvm.return %v : i8
`);
  const v = await pairVerdict(src, tgt);
  assert.not.match(v, /^proved/, v); // was proved
  const at48 = fn(`  %r = llvm.getelementptr %p[48] : (!llvm.ptr) -> !llvm.ptr, i8
  %v = llvm.load %r : !llvm.ptr -> i8
  llvm.return %v : i8
`);
  const same = await pairVerdict(src, at48);
  assert.match(same, /^proved/, same);
});

test('integer allocation sizes and alignments as clang-19 lays them out for x86-64', () => {
  const int = (width: number) => ({ kind: 'integer', width }) as never;
  const want: [number, number, number][] = [[1, 1, 1], [8, 1, 1], [12, 2, 2], [24, 4, 4], [40, 8, 8], [64, 8, 8],
    [72, 16, 16], [128, 16, 16], [136, 32, 16], [256, 32, 16], [264, 48, 16], [384, 48, 16], [520, 80, 16]];
  for (const [w, size, align] of want) assert.equal(layoutOf(int(w)), { size, align }, `i${w}`);
  assert.equal(fieldOffsets({ kind: 'llvm.struct', packed: false, body: [int(264), int(8)] } as never), [0, 48]);
});

test('a pointer in address space 270 is 4 bytes on x86-64: not modelled, not proved', async () => {
  const fn = (tail: string) => `llvm.func @f(%p: !llvm.ptr, %x: i8) -> i8 {
  %q = llvm.getelementptr %p[1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr<270>
  llvm.store %x, %q : i8, !llvm.ptr
${tail}}`;
  const v = await pairVerdict(fn('  llvm.return %x : i8\n'), fn(`  %r = llvm.getelementptr %p[8] : (!llvm.ptr) -> !llvm.ptr, i8
  %v = llvm.load %r : !llvm.ptr -> i8
  llvm.return %v : i8
`));
  assert.match(v, /^unsupported: (unsupported: )?memory layout of a pointer in address space 270/, v); // was proved
  const g = `llvm.func @f(%p: !llvm.ptr<1>) -> !llvm.ptr<1> {
  %q = llvm.getelementptr %p[1] : (!llvm.ptr<1>) -> !llvm.ptr<1>, i8
  llvm.return %q : !llvm.ptr<1>
}`;
  const w = await pairVerdict(g, g);
  assert.match(w, /^unsupported: (unsupported: )?llvm\.getelementptr of a pointer in address space 1/, w);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
