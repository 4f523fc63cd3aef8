// Individual operators on small modules: the exact rewrite, the sites they refuse, and that
// what they produce is accepted by the real mlir-opt.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir, printMlir, printMlirCustom } from '../../../compiler/mlir/index.ts';
import type { Module } from '../../../compiler/mlir/ir.ts';
import { operatorByName } from '../../../verifier/mutants/catalogue.ts';
import { focusModule } from '../../../verifier/mutants/focus.ts';
import { candidates, makeMutant, sitesFor } from '../../../verifier/mutants/generate.ts';
import { verifyWithMlirOpt } from '../../../verifier/mutants/verify-mlir.ts';

const produced: Module[] = [];

function mutants(text: string, name: string): { m: Module; out: Module[]; texts: string[] } {
  const op = operatorByName(name);
  assert.ok(op, `no operator ${name}`);
  const m = parseMlir(text);
  const before = printMlir(m);
  const out = sitesFor(op!, candidates(m)).map((s) => makeMutant(m, op!, s).module);
  assert.is(printMlir(m), before, `${name} changed its input module`);
  produced.push(...out);
  return { m, out, texts: out.map((x) => printMlirCustom(x)) };
}

const ARITH = `
func.func @f(%a: i64, %b: i64, %c: i1) -> i64 {
  %d = arith.subi %a, %b : i64
  %same = arith.subi %a, %a : i64
  %k = arith.constant 0 : i64
  %x = arith.xori %d, %k : i64
  %s = arith.select %c, %x, %same : i64
  return %s : i64
}`;

test('arith-swap-sub swaps distinct operands and leaves x - x alone', () => {
  const { texts } = mutants(ARITH, 'arith-swap-sub');
  assert.is(texts.length, 1);
  assert.match(texts[0]!, /arith\.subi %b, %a : i64/);
  assert.match(texts[0]!, /arith\.subi %a, %a : i64/);
});

test('arith-xor-const: xor with 0 becomes xor with 1 through a new constant', () => {
  const { texts } = mutants(ARITH, 'arith-xor-const');
  assert.is(texts.length, 1);
  assert.match(texts[0]!, /%mut0 = arith\.constant 1 : i64\s+%x = arith\.xori %d, %mut0 : i64/);
});

test('arith-select-swap and arith-replace-const', () => {
  assert.match(mutants(ARITH, 'arith-select-swap').texts[0]!, /arith\.select %c, %same, %x : i64/);
  const rc = mutants(ARITH, 'arith-replace-const').texts;
  assert.ok(rc.some((t) => /%d = arith\.constant 0 : i64/.test(t)));
});

const LOOP = `
func.func @count(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %pos = arith.cmpi sgt, %n, %c0 : i64
  cf.cond_br %pos, ^head(%c0, %n : i64, i64), ^exit(%c0 : i64)
^head(%i: i64, %m: i64):
  %more = arith.cmpi slt, %i, %m : i64
  cf.cond_br %more, ^body, ^exit(%i : i64)
^body:
  %i2 = arith.addi %i, %c1 : i64
  cf.br ^head(%i2, %m : i64, i64)
^exit(%r: i64):
  return %r : i64
}`;

test('loop-bound strikes comparisons in loops, cmp-strictness the others', () => {
  const lb = mutants(LOOP, 'arith-loop-bound').texts;
  assert.is(lb.length, 1);
  assert.match(lb[0]!, /arith\.cmpi sle, %i, %m : i64/);
  const st = mutants(LOOP, 'arith-cmp-strictness').texts;
  assert.is(st.length, 1);
  assert.match(st[0]!, /arith\.cmpi sge, %n, %c0 : i64/);
});

test('provably equivalent sites are left out: nsw on a guarded increment, a sign swap of a non-negative value', () => {
  const nsw = mutants(LOOP, 'arith-add-nsw').texts;
  assert.is(nsw.length, 0, 'i + 1 with 0 <= i < m cannot overflow');
  const acc = LOOP.replace('%i2 = arith.addi %i, %c1 : i64', '%i2 = arith.addi %i, %m : i64');
  assert.is(mutants(acc, 'arith-add-nsw').texts.length, 1, 'i + m can overflow');
  const ext = `
func.func @e(%x: i32) -> i64 {
  %c10 = arith.constant 10 : i32
  %ok = arith.cmpi ult, %x, %c10 : i32
  cf.cond_br %ok, ^in, ^out
^in:
  %w = arith.extsi %x : i32 to i64
  return %w : i64
^out:
  %z = arith.extsi %x : i32 to i64
  return %z : i64
}`;
  const t = mutants(ext, 'arith-ext-kind').texts;
  assert.is(t.length, 1);
  assert.match(t[0]!, /%z = arith\.extui %x/);
  assert.is(mutants(ext, 'arith-cmp-signedness').texts.length, 1, 'x may be negative');
  // only the low 32 bits of the extended value are used: extsi and extui agree there
  const low = `
func.func @h(%x: i32) -> i32 {
  %w = arith.extui %x : i32 to i64
  %c87 = arith.constant 87 : i64
  %s = arith.addi %w, %c87 : i64
  %t = arith.trunci %s : i64 to i32
  return %t : i32
}`;
  assert.is(mutants(low, 'arith-ext-kind').texts.length, 0);
  assert.is(mutants(low.replace('i64 to i32', 'i64 to i32\n  %u = arith.shrui %s, %c87 : i64'), 'arith-ext-kind').texts.length, 1);
});

test('value ranges through a computed shift amount, a 16-bit mask, and x + 0 (sites seen equivalent in checksums)', () => {
  const text = `
func.func @r(%x: i32, %p: index) -> i64 {
  %c16w = arith.constant 16 : i64
  %c16 = arith.trunci %c16w : i64 to i32
  %c31 = arith.constant 31 : i32
  %k = arith.andi %c16, %c31 : i32
  %hi = arith.shrui %x, %k : i32
  %e = arith.extsi %hi : i32 to i64
  %m = arith.constant 65535 : i32
  %lo = arith.andi %x, %m : i32
  %z = arith.extui %lo : i32 to i64
  %zs = arith.extsi %lo : i32 to i64
  %c0 = arith.constant 0 : i64
  %c0i = arith.index_cast %c0 : i64 to index
  %q = arith.addi %p, %c0i : index
  %qi = arith.index_cast %q : index to i64
  %s1 = arith.addi %e, %z : i64
  %s2 = arith.addi %s1, %zs : i64
  %s3 = arith.addi %s2, %qi : i64
  return %s3 : i64
}`;
  // x >> (16 & 31) < 2^16: sign and zero extension agree
  assert.ok(mutants(text, 'arith-ext-kind').texts.every((t) => !/%e = arith\.extui/.test(t)));
  // x & 65535 survives a truncation to i16 before a zero extension, not before a sign extension
  const narrow = mutants(text, 'arith-ext-narrower').texts;
  assert.ok(narrow.every((t) => !/%z = arith\.extui %mut/.test(t)), 'zext of a 16-bit value from i16 changes nothing');
  assert.ok(narrow.some((t) => /%zs = arith\.extsi %mut/.test(t)), 'sext of a 16-bit value from i16 does');
  // p + 0 wraps in no sense
  for (const f of ['arith-add-nsw', 'arith-add-nuw']) assert.ok(mutants(text, f).texts.every((t) => !/%q = arith\.addi %p, %c0i overflow/.test(t)), f);
});

test('swap-overflow-flag: nsw <-> nuw where the new flag may fire; memref-view-size: a shorter view', () => {
  const text = `
func.func @w(%a: i64, %b: i64) -> i64 {
  %s = arith.addi %a, %b overflow<nsw> : i64
  %t = arith.subi %s, %a overflow<nuw> : i64
  return %t : i64
}`;
  const t = mutants(text, 'arith-swap-overflow-flag').texts;
  assert.is(t.length, 2);
  assert.ok(t.some((x) => /%s = arith\.addi %a, %b overflow<nuw>/.test(x)));
  assert.ok(t.some((x) => /%t = arith\.subi %s, %a overflow<nsw>/.test(x)));
  const view = `
func.func @v(%m: memref<?xi8>, %n: index) -> index {
  %r = memref.reinterpret_cast %m to offset: [0], sizes: [%n], strides: [1] : memref<?xi8> to memref<?xi8>
  %c0 = arith.constant 0 : index
  %d = memref.dim %r, %c0 : memref<?xi8>
  return %d : index
}`;
  const v = mutants(view, 'memref-view-size').texts;
  assert.is(v.length, 1);
  assert.match(v[0]!, /sizes: \[%mut\d+\]/);
});

test('a constant whose change folds away (16 & 31 vs 16 & 30) is not a site', () => {
  const text = `
func.func @m(%x: i32) -> i32 {
  %c16w = arith.constant 16 : i64
  %c16 = arith.trunci %c16w : i64 to i32
  %c31 = arith.constant 31 : i32
  %k = arith.andi %c16, %c31 : i32
  %r = arith.shli %x, %k : i32
  return %r : i32
}`;
  const dec = mutants(text, 'arith-const-dec').texts;
  assert.ok(dec.every((t) => !/arith\.constant 30 : i32/.test(t)), '31 -> 30 changes nothing here');
  assert.ok(dec.some((t) => /arith\.constant 15 : i64/.test(t)), '16 -> 15 does');
  assert.ok(mutants(text, 'arith-const-inc').texts.some((t) => /arith\.constant 32 : i32/.test(t)), '31 -> 32 does');
});

test('cf-swap-cond-br swaps targets with their arguments (and the operand segments)', () => {
  const { out, texts } = mutants(LOOP, 'cf-swap-cond-br');
  assert.is(texts.length, 2);
  assert.match(texts[0]!, /cf\.cond_br %pos, \^bb3\(%c0 : i64\), \^bb1\(%c0, %n : i64, i64\)|cf\.cond_br %pos, \^exit\(%c0 : i64\), \^head\(%c0, %n : i64, i64\)/);
  const generic = printMlir(out[0]!);
  assert.match(generic, /operandSegmentSizes = array<i32: 1, 1, 2>/);
});

test('cf-br-swap-args: two block arguments of one type passed the wrong way round', () => {
  const { texts } = mutants(LOOP, 'cf-br-swap-args');
  assert.ok(texts.some((t) => /\^head\(%n, %c0 : i64, i64\)|\^bb1\(%n, %c0 : i64, i64\)/.test(t)));
  assert.ok(texts.some((t) => /cf\.br \^(head|bb1)\(%m, %i2 : i64, i64\)/.test(t)));
});

const CALLS = `
func.func private @ext(i64, i64) -> (i64, i64)
func.func private @out(i64)
func.func @c(%a: i64, %b: i64) -> i64 {
  %r:2 = func.call @ext(%a, %b) : (i64, i64) -> (i64, i64)
  func.call @out(%r#1) : (i64) -> ()
  %s = arith.addi %r#0, %r#1 : i64
  return %s : i64
}`;

test('func-drop-call replaces each result by a zero of its own', () => {
  const { texts } = mutants(CALLS, 'func-drop-call');
  assert.is(texts.length, 2);
  assert.match(texts[0]!, /%mut0 = arith\.constant 0 : i64\s+%mut1 = arith\.constant 0 : i64/);
  assert.match(texts[0]!, /arith\.addi %mut0, %mut1 : i64/);
  assert.not.match(texts[1]!, /func\.call @out/);
  assert.match(texts[0]!, /func\.call @out/);
});

test('func-swap-call-args and func-dup-call (external callees only)', () => {
  assert.match(mutants(CALLS, 'func-swap-call-args').texts[0]!, /func\.call @ext\(%b, %a\)/);
  const dup = mutants(CALLS, 'func-dup-call').texts;
  assert.is(dup.length, 2);
  assert.is((dup[1]!.match(/func\.call @out/g) ?? []).length, 2);
});

const LLVM = `
llvm.func @l(%p: !llvm.ptr, %q: !llvm.ptr, %i: i64) -> i64 {
  %u = llvm.mlir.undef : !llvm.struct<(ptr, ptr, i64)>
  %d0 = llvm.insertvalue %p, %u[0] : !llvm.struct<(ptr, ptr, i64)>
  %d1 = llvm.insertvalue %p, %d0[1] : !llvm.struct<(ptr, ptr, i64)>
  %d2 = llvm.insertvalue %i, %d1[2] : !llvm.struct<(ptr, ptr, i64)>
  %e1 = llvm.extractvalue %d2[1] : !llvm.struct<(ptr, ptr, i64)>
  %g = llvm.getelementptr %e1[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i64
  %h = llvm.getelementptr %q[2] : (!llvm.ptr) -> !llvm.ptr, i32
  %v = llvm.load %g : !llvm.ptr -> i64
  %w = llvm.load %h : !llvm.ptr -> i32
  %x = llvm.sext %w : i32 to i64
  %y = llvm.sdiv %v, %x : i64
  llvm.store %y, %g : i64, !llvm.ptr
  llvm.return %y : i64
}`;

test('llvm-gep-index: a dynamic index gets + 1, a constant one is bumped', () => {
  const { texts } = mutants(LLVM, 'llvm-gep-index');
  assert.is(texts.length, 2);
  assert.match(texts[0]!, /%mut1 = llvm\.add %i, %mut0 : i64\s+%g = llvm\.getelementptr %e1\[%mut1\]/);
  assert.match(texts[1]!, /%h = llvm\.getelementptr %q\[3\]/);
});

test('llvm-extractvalue-index skips a field that visibly holds the same pointer', () => {
  assert.is(mutants(LLVM, 'llvm-extractvalue-index').out.length, 0);
  const withArgs = LLVM.replace('%d1 = llvm.insertvalue %p, %d0[1]', '%d1 = llvm.insertvalue %q, %d0[1]');
  const t = mutants(withArgs, 'llvm-extractvalue-index').texts;
  assert.is(t.length, 1);
  assert.match(t[0]!, /%e1 = llvm\.extractvalue %d2\[0\]/);
});

test('llvm signedness, width and memory operators', () => {
  assert.match(mutants(LLVM, 'llvm-div-signedness').texts[0]!, /llvm\.udiv %v, %x/);
  assert.match(mutants(LLVM, 'llvm-ext-kind').texts[0]!, /llvm\.zext %w : i32 to i64/);
  assert.match(mutants(LLVM, 'llvm-ext-narrower').texts[0]!, /%mut0 = llvm\.trunc %w : i32 to i16\s+%x = llvm\.sext %mut0 : i16 to i64/);
  assert.match(mutants(LLVM, 'llvm-gep-elem-type').texts[0]!, /llvm\.getelementptr %e1\[%i\] : \(!llvm\.ptr, i64\) -> !llvm\.ptr, i32/);
  assert.match(mutants(LLVM, 'llvm-store-shifted').texts[0]!, /llvm\.store %y, %g : i64, !llvm\.ptr\s+%mut0 = llvm\.getelementptr %g\[1\] : \(!llvm\.ptr\) -> !llvm\.ptr, i64\s+llvm\.store %y, %mut0/);
  assert.is(mutants(LLVM, 'llvm-drop-store').out.length, 1);
  assert.is(mutants(LLVM, 'llvm-drop-dead-store').out.length, 0);
});

test('focusModule keeps one body; the others become private declarations', () => {
  const m = parseMlir(CALLS.replace('func.func private @out(i64)', 'func.func @out(%z: i64) {\n  return\n}'));
  const text = printMlirCustom(focusModule(m, 'c'));
  assert.match(text, /func\.func private @out\(i64\)/);
  assert.match(text, /func\.func @c\(/);
});

test('every mutant built above is accepted by mlir-opt', async () => {
  assert.ok(produced.length > 20);
  const problems = await verifyWithMlirOpt(produced.map((m) => printMlir(m)));
  assert.equal(problems.filter((p) => p !== null), []);
});

test('verifyWithMlirOpt names the broken module among good ones', async () => {
  const good = printMlir(parseMlir(ARITH));
  const bad = good.replace('"func.return"(%', '"func.return"(%nosuch_').replace(/\(%nosuch_\w+\)/, '(%nosuch)');
  assert.is.not(bad, good);
  const r = await verifyWithMlirOpt([good, bad, good]);
  assert.is(r[0], null);
  assert.is(r[2], null);
  assert.match(r[1] ?? '', /error/);
});

test.run();
