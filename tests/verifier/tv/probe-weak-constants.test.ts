// Soundness probe (review, session 14, L6): the pair's memory reads a constant global from
// its initializer, but a `weak` (or linkonce) constant may be replaced at link time
// by another definition — LLVM reads only a definitive initializer (hasDefinitiveInitializer:
// not interposable, not externally_initialized). `return load @k` of `weak constant @k = 5`
// was proved equal to `return 5`; native (mlir-translate, clang -O2, linked with C's
// `const int k = 7`): 7 against 5. A function naming such a constant is now unsupported,
// named; plain and weak_odr constants (whose definitions are all the same) keep proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const load = (linkage: string) => `llvm.mlir.global ${linkage}constant @k(5 : i32) {addr_space = 0 : i32} : i32
llvm.func @f() -> i32 {
  %p = llvm.mlir.addressof @k : !llvm.ptr
  %v = llvm.load %p : !llvm.ptr -> i32
  llvm.return %v : i32
}`;
const five = (linkage: string) => `llvm.mlir.global ${linkage}constant @k(5 : i32) {addr_space = 0 : i32} : i32
llvm.func @f() -> i32 {
  %v = llvm.mlir.constant(5 : i32) : i32
  llvm.return %v : i32
}`;

test('a constant another definition may replace is not read from its initializer', async () => {
  for (const l of ['weak ', 'linkonce ']) {
    const v = await pairVerdict(load(l), five(l));
    assert.match(v, /^unsupported: unsupported: @f reads the constant @k, whose bytes are not known/, `${l}: ${v}`);
  }
});

test('constants whose initializer is definitive keep proved', async () => {
  for (const l of ['', 'private ', 'weak_odr ', 'linkonce_odr ']) {
    const v = await pairVerdict(load(l), five(l));
    assert.match(v, /^proved/, `${l}: ${v}`);
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
