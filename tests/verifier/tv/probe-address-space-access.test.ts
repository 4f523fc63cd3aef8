// Soundness probe (review 18): a load through a pointer outside address space 0. x86-64 reads
// address spaces 256, 257, 258 relative to the gs, fs and ss segments; the semantics read every
// pointer as address space 0 memory, so a source loading a constant global placed in
// addrspace 257 returned its initializer and a target returning that constant was proved;
// natively (mlir-translate-19, clang-19 -O0, scratch/review18/as2/) the source faults at the
// fs-relative read. Now `unsupported`, named (no corpus stage uses another address space;
// review 17 P5 did the same for their pointer sizes and getelementptr).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const G = (as: number) => `llvm.mlir.global internal constant @g(5 : i32) {addr_space = ${as} : i32} : i32\n`;
const load = (as: number) => `${G(as)}llvm.func @f() -> i32 {
  %p = llvm.mlir.addressof @g : !llvm.ptr${as ? `<${as}>` : ''}
  %v = llvm.load %p {alignment = 4 : i64} : !llvm.ptr${as ? `<${as}>` : ''} -> i32
  llvm.return %v : i32
}`;
const five = (as: number) => `${G(as)}llvm.func @f() -> i32 {
  %v = llvm.mlir.constant(5 : i32) : i32
  llvm.return %v : i32
}`;

test('a load through an fs-relative (addrspace 257) pointer: not proved', async () => {
  const v = await pairVerdict(load(257), five(257));
  assert.match(v, /^unsupported: .*address space 257/, v);
});

test('the same in address space 0 keeps its proof', async () => {
  const v = await pairVerdict(load(0), five(0));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
