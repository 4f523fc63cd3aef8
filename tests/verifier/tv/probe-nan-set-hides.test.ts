// Soundness probe (review 16): query.ts extraNaN's condition, `fp.isNaN(r)` of a target op
// whose NaN operands the source's value does not read, is not guarded by the path that
// selects r. A model may satisfy only it (r NaN but not selected: no difference at all), and
// the replay then says "both sides behave the same"; validate.ts labelled the function
// `unknown: NaN payload` — also when a real difference exists on other inputs. Here the
// target stores `select(k <u 0, z - z, x + x)` for the source's `x + x`: the select's
// condition is poison when k is, so the target stores poison where the source stores a
// value (LangRef select: a poison condition gives poison) — a real difference, which was
// hidden as `unknown: NaN payload` (the solver's model: z = inf, k not poison). Now a model
// of the mismatch without the NaN-set conditions is asked for too, and replayed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const src = `llvm.func @f(%x: f32, %z: f32, %k: i32, %p: !llvm.ptr) -> i32 {
  %s = llvm.fadd %x, %x : f32
  llvm.store %s, %p {alignment = 4 : i64} : f32, !llvm.ptr
  llvm.return %k : i32
}`;
/** The target with the select's condition `cond` (over %k, %z0 = 0 : i32). */
const tgt = (cond: string) => `llvm.func @f(%x: f32, %z: f32, %k: i32, %p: !llvm.ptr) -> i32 {
  %a = llvm.fadd %x, %x : f32
  %d = llvm.fsub %z, %z : f32
  %z0 = llvm.mlir.constant(0 : i32) : i32
  %never = ${cond}
  %s = llvm.select %never, %d, %a : i1, f32
  llvm.store %s, %p {alignment = 4 : i64} : f32, !llvm.ptr
  %c = llvm.mlir.constant(12345 : i32) : i32
  %hit = llvm.icmp "eq" %k, %c : i32
  %r = llvm.select %never, %z0, %k : i1, i32
  llvm.return %r : i32
}`;

test('a real difference beside an unselected foreign NaN op is refuted, not `unknown: NaN payload`', async () => {
  const v = await pairVerdict(src, tgt('llvm.icmp "ult" %k, %z0 : i32'));
  assert.match(v, /^refuted: .*poison in the target/, v);
});

test('the same target against a source poison where it is keeps `unknown: NaN payload` (never proved or refuted)', async () => {
  // the source's store is poison when k is (a select with equal arms keeps its condition's
  // poison): the target now refines it on every input, but the unselected z - z still counts
  // (extraNaN's approximation), and no model without it exists: the NaN-payload unknown
  const guarded = src.replace('  llvm.store %s,', `  %z0 = llvm.mlir.constant(0 : i32) : i32
  %never = llvm.icmp "ult" %k, %z0 : i32
  %g = llvm.select %never, %s, %s : i1, f32
  llvm.store %g,`);
  const v = await pairVerdict(guarded, tgt('llvm.icmp "ult" %k, %z0 : i32'));
  assert.match(v, /^unknown: (unknown: )?NaN payload: /, v);
  const same = await pairVerdict(guarded, guarded);
  assert.match(same, /^proved/, same);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
