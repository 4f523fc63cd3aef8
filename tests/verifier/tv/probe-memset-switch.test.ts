// Soundness probes (review, session 10): a memset of a poison value, and a switch with a
// duplicated case value. Both pairs were `proved` before the fix while a real run differs:
// - LangRef memset is UB only for a length that is not well defined; a poison value writes
//   poison bytes. The semantics made the whole memset UB, so a source memsetting `shl x, 8`
//   (i8, poison) proved any target (native: the source returns 0, the target 1);
// - MLIR's verifier allows a case value twice (LLVM's rejects it). mlir-opt's switch folding
//   takes the first match, as the interpreter does; symbolic execution gave the overlapping
//   edges to the later case, so canonicalize's own output was "engine bug" and a target
//   taking the later case was proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const memset = (value: string, len: number, ret: number) => `llvm.func @f(%p: !llvm.ptr, %x: i8) -> i32 {
  %c8 = llvm.mlir.constant(8 : i8) : i8
  %v = ${value}
  %n = llvm.mlir.constant(${len} : i64) : i64
  "llvm.intr.memset"(%p, %v, %n) <{isVolatile = false}> : (!llvm.ptr, i8, i64) -> ()
  %r = llvm.mlir.constant(${ret} : i32) : i32
  llvm.return %r : i32
}`;
const ret = (r: number) => `llvm.func @f(%p: !llvm.ptr, %x: i8) -> i32 {
  %r = llvm.mlir.constant(${r} : i32) : i32
  llvm.return %r : i32
}`;

test('a memset of a poison value of length 0 is no UB: a target returning another value is refuted', async () => {
  const v = await pairVerdict(memset('llvm.shl %x, %c8 : i8', 0, 0), ret(1));
  assert.match(v, /^refuted/, v);
});

test('a memset of a poison value writes poison bytes: the same memset then a load of them proves', async () => {
  const load = (extra: string) => `llvm.func @f(%p: !llvm.ptr, %x: i8) -> i8 {
  %c8 = llvm.mlir.constant(8 : i8) : i8
  %v = llvm.shl %x, %c8 : i8
  %n = llvm.mlir.constant(4 : i64) : i64
  "llvm.intr.memset"(%p, %v, %n) <{isVolatile = false}> : (!llvm.ptr, i8, i64) -> ()
  %r = llvm.load %p : !llvm.ptr -> i8
  ${extra}
}`;
  // a load of a poison byte is poison: the target may return anything in its place, but must
  // still write the bytes (they are the caller's), poison or not
  const same = await pairVerdict(load('llvm.return %r : i8'), load('%k = llvm.mlir.constant(5 : i8) : i8\n  llvm.return %k : i8'));
  assert.match(same, /^proved/, same);
});

test('a memset of a defined value is still checked', async () => {
  const v = await pairVerdict(memset('llvm.mlir.constant(1 : i8) : i8', 4, 0), memset('llvm.mlir.constant(2 : i8) : i8', 4, 0));
  assert.match(v, /^refuted/, v);
});

const sw = (dup: string) => `func.func @f(%x: i8) -> i32 {
  cf.switch %x : i8, [
    default: ^d,
    1: ^a,
    2: ^d,
    ${dup}: ^b
  ]
^d:
  %c0 = arith.constant 0 : i32
  return %c0 : i32
^a:
  %c1 = arith.constant 1 : i32
  return %c1 : i32
^b:
  %c2 = arith.constant 2 : i32
  return %c2 : i32
}`;
const sel = (hit: number) => `func.func @f(%x: i8) -> i32 {
  %m = arith.constant 1 : i8
  %e = arith.cmpi eq, %x, %m : i8
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant ${hit} : i32
  %r = arith.select %e, %c1, %c0 : i32
  return %r : i32
}`;

test('a duplicated switch case is never taken: the target taking it is refuted, the first match proved', async () => {
  const later = await pairVerdict(sw('1'), sel(2));
  assert.match(later, /^refuted/, later);
  const first = await pairVerdict(sw('1'), sel(1));
  assert.match(first, /^proved/, first);
});

test('a case value equal to an earlier one modulo the width (257 is 1 in i8) is never taken', async () => {
  const v = await pairVerdict(sw('257'), sel(1));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
