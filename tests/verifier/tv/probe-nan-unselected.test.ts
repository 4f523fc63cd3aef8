// Soundness probe (review 20, Q2): a target NaN computed from operands that the source's value
// reads only on a path not taken when they are NaN. LangRef "Behavior of Floating-Point NaN
// values" (llvm #66579): fptrunc's NaN has a non-deterministic sign and the preferred or a
// quieted operand payload, so `fptrunc x` may return 0xffc00000 for x = -NaN, which
// `select(uno x, 0x7fc00000, fptrunc x)` never does (clang-19 -O0 and -O2: 0x7fc00000 vs
// 0xffc00000). query.ts extraNaN took the source's NaN operands through both arms of every
// select, so the fptrunc in the arm not taken let the target's through: both pairs were
// `proved`. Now an ite keeps only the operands both arms carry.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const canonicalised = `llvm.func @f(%x: f64) -> f32 {
  %f = llvm.fptrunc %x : f64 to f32
  %n = llvm.fcmp "uno" %x, %x : f64
  %c = llvm.mlir.constant(2143289344 : i32) : i32
  %cf = llvm.bitcast %c : i32 to f32
  %r = llvm.select %n, %cf, %f : i1, f32
  llvm.return %r : f32
}`;
const plain = `llvm.func @f(%x: f64) -> f32 {
  %f = llvm.fptrunc %x : f64 to f32
  llvm.return %f : f32
}`;

test('the NaN canonicalised by a select, dropped by the target (f32 result): not proved', async () => {
  const v = await pairVerdict(canonicalised, plain);
  assert.not.match(v, /^proved/, v);
  assert.match(v, /^unknown: .*NaN payload/, v);
});

// the same through memory: the f32 stored and read back as i32
const viaMemory = (select: boolean) => `llvm.func @f(%x: f64) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x f32 : (i64) -> !llvm.ptr
  %f = llvm.fptrunc %x : f64 to f32
  llvm.store %f, %p : f32, !llvm.ptr
  %b = llvm.load %p : !llvm.ptr -> i32
${select ? `  %n = llvm.fcmp "uno" %x, %x : f64
  %c = llvm.mlir.constant(2143289344 : i32) : i32
  %r = llvm.select %n, %c, %b : i1, i32
  llvm.return %r : i32` : '  llvm.return %b : i32'}
}`;

test('the same through memory (bits read back as i32): not proved', async () => {
  const v = await pairVerdict(viaMemory(true), viaMemory(false));
  assert.not.match(v, /^proved/, v);
});

// a select whose both arms compute NaNs from x and y: a target selecting the same values
// under an equivalent condition (another term) is still proved
const twoArms = (cond: string) => `llvm.func @f(%a: i32, %x: f64, %y: f64) -> f64 {
  %z = llvm.mlir.constant(0 : i32) : i32
  %c = llvm.icmp "${cond}" %a, %z : i32
  %s = llvm.fadd %x, %y : f64
  %m = llvm.fmul %x, %y : f64
  %r = llvm.select %c, %s, %m : i1, f64
  llvm.return %r : f64
}`;

test('both arms carry NaNs of the same operands: an equivalent target is still proved', async () => {
  const v = await pairVerdict(twoArms('ne'), twoArms('ugt'));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
