// Probes of the runtime's model against runtime/clef_rt.c (each shown natively or under
// ASan; scratch/runtime-gap/FINDINGS.md, asan/drv.c): what the model calls undefined must
// be what the C code does undefined, no more (a source UB there proves any target) and no
// less (a target UB there is missed).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { frontEndText } from '../../../compiler/frontend.ts';
import { coreToMlir } from '../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validateCoreFunction } from '../../../verifier/tv/core/validate.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';

// G2: `put` clamps the text to a negative size word as (size_t)size — a memcpy of 2^63 bytes
// or more (ASan: fmt_i64 into 32 bytes, size -1). The model wrote the count it returned (0
// allowed), and Core's link let a size of 2^64 - 1 pass as >= 32: core-to-mlir output passing
// size -1 was proved; native (the corpus pipeline, clang-19 -O2 + clef_rt.c) printed "" for 5.
test('Core -> MLIR: a Format buffer whose size word is negative is UB of the target (refuted)', async () => {
  const prog = frontEndText('show.clef', 'let show (n: int) =\n    Console.writeln (Format.int n)\n\nlet main argv =\n    show 5\n    0\n').core;
  const mlir = coreToMlir(prog);
  const bad = mlir.replace(/(\s*)(%len_3 = func\.call @clef_fmt_i64\(%n_0, )%buf_2\)/, '$1%cm1 = arith.constant -1 : index$1%bufx = memref.reinterpret_cast %buf_2 to offset: [0], sizes: [%cm1], strides: [1] : memref<?xi8> to memref<?xi8>$1$2%bufx)');
  assert.is.not(bad, mlir);
  const check = async (text: string) => {
    const module = parseMlir(text, 'show.mlir');
    return validateCoreFunction(prog, prog.functions.find((f) => f.name === 'show')!, module, moduleInfo(module), { unroll: 2, timeoutMs: 20_000 });
  };
  const v = await check(bad);
  assert.is(v.verdict, 'refuted', v.detail);
  assert.match(v.detail, /negative size word/);
  assert.is((await check(mlir)).verdict, 'proved');
});

// G3: clef_zero_S(m) with m.size < 0 zeroes nothing (`if (m_len > 0)`); the model made it UB,
// so a target returning 7 there was proved (native, clef_entry f(a, -1): source 5, target 7).
const zero = (special: boolean) => `func.func private @clef_zero_i32(memref<?xi32>)
func.func @f(%a: memref<4xi32>, %k: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c7 = arith.constant 7 : i32
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [%k], strides: [1] : memref<4xi32> to memref<?xi32>
  func.call @clef_zero_i32(%v) : (memref<?xi32>) -> ()
  %b = memref.load %a[%c0] : memref<4xi32>
  %neg = arith.cmpi slt, %k, %c0 : index
  %r = ${special ? 'arith.select %neg, %c7, %b : i32' : 'arith.select %neg, %b, %b : i32'}
  return %r : i32
}`;

test('clef_zero_* of a negative size zeroes nothing: no UB, the difference is refuted', async () => {
  assert.match(await pairVerdict(zero(false), zero(true)), /^refuted/);
  assert.match(await pairVerdict(zero(false), zero(false)), /^proved/);
});

// G4: clef_arg_len(i) is 0 for i < 0, so clef_arg_copy(-1, buf) copies nothing; the model read
// an unknown length there, and a target copying into a 1-byte block was refuted (a length no
// argv has; ASan: no report).
const argNeg = (bytes: number, idx: string) => `func.func private @clef_arg_copy(i64, memref<?xi8>)
func.func @f(%i: i64) -> i8 {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %z8 = arith.constant 0 : i8
  %idx = ${idx}
  %a = memref.alloca() {alignment = 16 : i64} : memref<${bytes}xi8>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [%c32], strides: [1] : memref<${bytes}xi8> to memref<?xi8>
  func.call @clef_arg_copy(%idx, %v) : (i64, memref<?xi8>) -> ()
  return %z8 : i8
}`;

test('clef_arg_copy of a negative index copies nothing (proved); of an unknown index, a shorter block is refuted', async () => {
  const neg = 'arith.constant -1 : i64';
  const v = await pairVerdict(argNeg(32, neg), argNeg(1, neg));
  assert.match(v, /^proved/, v);
  const any = 'arith.addi %i, %i : i64';
  assert.match(await pairVerdict(argNeg(32, any), argNeg(1, any)), /^refuted/);
});

// G5: clef_zero_S of a symbolic length in observable memory is left an uninterpreted call
// (ops.ts ObservableFill), and its elements were never bounds-checked: a target zeroing k <= 16
// bytes of its 8-byte heap block (escaped through %out) was proved. Native (mlir-translate-19,
// clang-19 -O2, clef_rt.c under gcc's ASan, f(&p, 16)): heap-buffer-overflow in the target only.
const zeroHeap = (bytes: number) => `llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @clef_zero_i8(!llvm.ptr, !llvm.ptr, i64, i64, i64)
llvm.func @f(%out: !llvm.ptr, %k: i64) -> i32 {
  %n = llvm.mlir.constant(${bytes} : i64) : i64
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %c16 = llvm.mlir.constant(16 : i64) : i64
  %z = llvm.mlir.constant(0 : i32) : i32
  %p = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
  llvm.store %p, %out : !llvm.ptr, !llvm.ptr
  %ok = llvm.icmp "ule" %k, %c16 : i64
  llvm.cond_br %ok, ^z, ^e
^z:
  llvm.call @clef_zero_i8(%p, %p, %c0, %k, %c1) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
  llvm.br ^e
^e:
  llvm.return %z : i32
}`;

test('clef_zero_* of a symbolic length past an observable block: UB (refuted); within it, proved', async () => {
  assert.match(await pairVerdict(zeroHeap(16), zeroHeap(8)), /^refuted/);
  assert.match(await pairVerdict(zeroHeap(16), zeroHeap(16)), /^proved/);
});

// G6: clef_write of a view whose size word is negative: write(2) gets (size_t)size and fails,
// nothing is printed, the program goes on; the model read the size as unsigned (UB), so a
// target returning 7 there was proved. Native (clef_entry f(-1)): source exit 0, target 7,
// no output either.
const write = (special: boolean) => `func.func private @clef_write(memref<?xi8>)
func.func @f(%k: index) -> i8 {
  %c0 = arith.constant 0 : index
  %z8 = arith.constant 0 : i8
  %c7 = arith.constant 7 : i8
  %a = memref.alloca() {alignment = 16 : i64} : memref<4xi8>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [%k], strides: [1] : memref<4xi8> to memref<?xi8>
  func.call @clef_write(%v) : (memref<?xi8>) -> ()
  %neg = arith.cmpi slt, %k, %c0 : index
  %r = ${special ? 'arith.select %neg, %c7, %z8 : i8' : 'arith.select %neg, %z8, %z8 : i8'}
  return %r : i8
}`;

test('clef_write of a negative size word prints nothing: no UB, the difference is refuted', async () => {
  assert.match(await pairVerdict(write(false), write(true)), /^refuted/);
  assert.match(await pairVerdict(write(false), write(false)), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
