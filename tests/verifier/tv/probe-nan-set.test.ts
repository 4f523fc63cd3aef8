// Soundness probe (review, session 12): every computed NaN is one canonical NaN in the model,
// so a target whose NaN result may carry a payload the source's cannot was proved. LLVM 19
// LangRef "Behavior of Floating-Point NaN values": a NaN result is the preferred NaN or a
// quieted NaN operand *of that op*. Source `x + x` (guarded so a poison y is poison too),
// target `uno(x) ? y + x : x + x`: natively (mlir-translate + clang -O0/-O2, x86-64) with
// x = 0x7fc00001, y = 0x7fc00002 the source returns 0x7fc00001 and the target 0x7fc00002 —
// y's payload, which the source's op never reads. The same through the stored bits read back
// as an integer, through memory the caller sees, and as a call argument. query.ts
// `extraNaN`: a target NaN computed from NaN operands the source's value does not read
// counts as a difference; the replay (one canonical NaN) cannot show it: `unknown: NaN
// payload`, not proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const src = `llvm.func @f(%x: f32, %y: f32) -> f32 {
  %c = llvm.fcmp "oeq" %y, %y : f32
  %s0 = llvm.fadd %x, %x : f32
  %s = llvm.select %c, %s0, %s0 : i1, f32
  llvm.return %s : f32
}`;
const tgt = `llvm.func @f(%x: f32, %y: f32) -> f32 {
  %n = llvm.fcmp "uno" %x, %x : f32
  %a = llvm.fadd %y, %x : f32
  %b = llvm.fadd %x, %x : f32
  %s = llvm.select %n, %a, %b : i1, f32
  llvm.return %s : f32
}`;
// the same two computations, their bits read back as an i32 / stored where the caller sees
const body = (t: string) => t.replace(/  llvm\.return %s : f32\n\}$/, '').replace(/^llvm\.func @f\(%x: f32, %y: f32\) -> f32 \{\n/, '');
const punned = (t: string) => `llvm.func @f(%x: f32, %y: f32) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x f32 {alignment = 4 : i64} : (i64) -> !llvm.ptr
${body(t)}  llvm.store %s, %p {alignment = 4 : i64} : f32, !llvm.ptr
  %r = llvm.load %p {alignment = 4 : i64} : !llvm.ptr -> i32
  llvm.return %r : i32
}`;
const stored = (t: string) => `llvm.func @f(%x: f32, %y: f32, %p: !llvm.ptr) {
${body(t)}  llvm.store %s, %p {alignment = 4 : i64} : f32, !llvm.ptr
  llvm.return
}`;
const called = (t: string) => `llvm.func @ext(f32)
llvm.func @f(%x: f32, %y: f32) {
${body(t)}  llvm.call @ext(%s) : (f32) -> ()
  llvm.return
}`;
const add = (a: string, b: string) => `llvm.func @f(%x: f32, %y: f32) -> f32 {
  %s = llvm.fadd ${a}, ${b} : f32
  llvm.return %s : f32
}`;
const guarded = `llvm.func @f(%x: f32, %y: f32) -> f32 {
  %n = llvm.fcmp "uno" %x, %y : f32
  %a = llvm.fadd %x, %y : f32
  %q = llvm.mlir.constant(0x7FC00000 : f32) : f32
  %s = llvm.select %n, %q, %a : i1, f32
  llvm.return %s : f32
}`;

test('a NaN the target may take from an operand the source does not read is not proved', async () => {
  const v = await pairVerdict(src, tgt);
  assert.match(v, /^unknown: (unknown: )?NaN payload: /, v);
  const p = await pairVerdict(punned(src), punned(tgt));
  assert.match(p, /^unknown: (unknown: )?NaN payload: /, p);
  const m = await pairVerdict(stored(src), stored(tgt));
  assert.match(m, /^unknown: (unknown: )?NaN payload: /, m);
  const c = await pairVerdict(called(src), called(tgt));
  assert.match(c, /^unknown: (unknown: )?NaN payload: /, c);
});

test('the same NaN operands (commuted, or the preferred NaN) stay proved', async () => {
  const comm = await pairVerdict(add('%x', '%y'), add('%y', '%x'));
  assert.match(comm, /^proved/, comm);
  const pref = await pairVerdict(add('%x', '%y'), guarded);
  assert.match(pref, /^proved/, pref);
  const pc = await pairVerdict(punned(add('%x', '%y')), punned(add('%y', '%x')));
  assert.match(pc, /^proved/, pc);
  const mc = await pairVerdict(stored(add('%x', '%y')), stored(add('%y', '%x')));
  assert.match(mc, /^proved/, mc);
  const cc = await pairVerdict(called(add('%x', '%y')), called(add('%y', '%x')));
  assert.match(cc, /^proved/, cc);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
