// A byte the source leaves unwritten (LLVM undef) in memory an external call sees is refined
// by any defined byte or by the target's own unwritten byte, never by poison (LLVM 19
// LangRef, "Undefined Values": the callee may compute `and x, 0` with it). The first test
// was `proved` before the call trace kept the source's marks of the escaping blocks
// (symexec.ts Trace.sfresh, undef-snapshots.ts; replay.ts memDiff at a call).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers, setSolverDefaults } from '../../../verifier/smt/solver.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort } from '../../../verifier/smt/term.ts';
import { uncoveredSnapshots } from '../../../verifier/semantics/mlir/undef-snapshots.ts';
import { BID_BITS, OFF_BITS } from '../../../verifier/semantics/mlir/values.ts';

// @f allocates two bytes, writes byte 1 and hands the block to @g: byte 0 is undef
const fn = (store0: string) => `llvm.func @g(!llvm.ptr)
llvm.func @f() {
  %one = llvm.mlir.constant(1 : i64) : i64
  %two = llvm.mlir.constant(2 : i64) : i64
  %p = llvm.alloca %two x i8 : (i64) -> !llvm.ptr
  %q = llvm.getelementptr %p[1] : (!llvm.ptr) -> !llvm.ptr, i8
  %five = llvm.mlir.constant(5 : i8) : i8
  llvm.store %five, %q : i8, !llvm.ptr
${store0}
  llvm.call @g(%p) : (!llvm.ptr) -> ()
  llvm.return
}`;
const src = fn('');

test('source leaves a byte unwritten, target stores poison there: refuted at the call (replayed)', async () => {
  const v = await pairVerdict(src, fn('  %u = llvm.mlir.poison : i8\n  llvm.store %u, %p : i8, !llvm.ptr'));
  assert.match(v, /^refuted: .*call #0 \(@g\): the callee sees different memory: byte 0 of block \d+ is undef .* in the source, poison in the target/, v);
});

test('target stores a constant there: proved (undef may be any value)', async () => {
  assert.match(await pairVerdict(src, fn('  %c = llvm.mlir.constant(7 : i8) : i8\n  llvm.store %c, %p : i8, !llvm.ptr')), /^proved/);
});

test('both leave it unwritten: proved (the target\'s poison is its own undef)', async () => {
  assert.match(await pairVerdict(src, src), /^proved/);
});

test('target stores poison into the byte the source wrote: still refuted by the plain snapshot comparison', async () => {
  const t = fn('').replace('llvm.store %five, %q', '%u = llvm.mlir.poison : i8\n  llvm.store %u, %q');
  assert.match(await pairVerdict(src, t), /^refuted: .*byte 1 of block \d+ is 5 in the source, poison in the target/);
});

test('source writes the byte after the call only: the call still sees undef (refuted), the final memory is not compared (a stack block)', async () => {
  const s = fn('').replace('  llvm.return', '  %z = llvm.mlir.constant(0 : i8) : i8\n  llvm.store %z, %p : i8, !llvm.ptr\n  llvm.return');
  const t = fn('  %u = llvm.mlir.poison : i8\n  llvm.store %u, %p : i8, !llvm.ptr').replace('  llvm.return', '  %z = llvm.mlir.constant(0 : i8) : i8\n  llvm.store %z, %p : i8, !llvm.ptr\n  llvm.return');
  assert.match(await pairVerdict(s, t), /^refuted: .*call #0 \(@g\).*undef .* in the source, poison in the target/);
});

test('written on one path only (a branch join): refuted where the call sees undef, proved where the target writes a constant', async () => {
  const s = `llvm.func @g(!llvm.ptr)
llvm.func @f(%c: i1) {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  llvm.cond_br %c, ^a, ^b
^a:
  %five = llvm.mlir.constant(5 : i8) : i8
  llvm.store %five, %p : i8, !llvm.ptr
  llvm.br ^b
^b:
  llvm.call @g(%p) : (!llvm.ptr) -> ()
  llvm.return
}`;
  const t = (other: string) => `llvm.func @g(!llvm.ptr)
llvm.func @f(%c: i1) {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %five = llvm.mlir.constant(5 : i8) : i8
  %o = ${other}
  %v = llvm.select %c, %five, %o : i1, i8
  llvm.store %v, %p : i8, !llvm.ptr
  llvm.call @g(%p) : (!llvm.ptr) -> ()
  llvm.return
}`;
  assert.match(await pairVerdict(s, t('llvm.mlir.poison : i8')), /^refuted: .*call #0 \(@g\).*undef .* in the source, poison in the target/);
  assert.match(await pairVerdict(s, t('llvm.mlir.constant(0 : i8) : i8')), /^proved/);
});

test('a call in a loop: identical sides proved for any length (cut points keep no marks at calls), poison before the loop refuted', async () => {
  const fl = (x: string) => `llvm.func @g(!llvm.ptr)
llvm.func @f(%n: i64) {
  %one = llvm.mlir.constant(1 : i64) : i64
  %z = llvm.mlir.constant(0 : i64) : i64
  %p = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
${x}
  llvm.br ^h(%z : i64)
^h(%i: i64):
  %c = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %c, ^b, ^e
^b:
  llvm.call @g(%p) : (!llvm.ptr) -> ()
  %j = llvm.add %i, %one : i64
  llvm.br ^h(%j : i64)
^e:
  llvm.return
}`;
  assert.match(await pairVerdict(fl(''), fl('')), /^proved: .*any length/);
  assert.match(await pairVerdict(fl(''), fl('  %u = llvm.mlir.poison : i8\n  llvm.store %u, %p : i8, !llvm.ptr')), /^refuted: .*call #0 \(@g\).*undef .* in the source, poison in the target/);
});

test('a moved undef (an unwritten read stored into the block): the same on both sides proved, poison in the target refuted', async () => {
  const mv = (x: string) => `llvm.func @g(!llvm.ptr)
llvm.func @f() {
  %one = llvm.mlir.constant(1 : i64) : i64
  %p = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %q = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %x = ${x}
  llvm.store %x, %q : i8, !llvm.ptr
  llvm.call @g(%q) : (!llvm.ptr) -> ()
  llvm.return
}`;
  const s = mv('llvm.load %p : !llvm.ptr -> i8');
  // the target's stored undef is its own (SymBlock.moved), not poison of its own making
  assert.match(await pairVerdict(s, s), /^proved/);
  assert.match(await pairVerdict(s, mv('llvm.mlir.poison : i8')), /^refuted: .*call #0 \(@g\).*undef .* in the source, poison in the target/);
});

test('a source block the target marks alike (the same id and marks terms) adds no disjunct to the query', () => {
  const f = new TermFactory();
  const arr = (v: boolean) => f.constArray(bvSort(64), f.constArray(bvSort(OFF_BITS), f.bool(v)));
  const bid = f.store(f.constArray(bvSort(64), f.bv(0, BID_BITS)), f.bv(0, 64), f.bv(5, BID_BITS));
  const size = f.store(f.constArray(bvSort(64), f.bv(0, OFF_BITS)), f.bv(0, 64), f.bv(2, OFF_BITS));
  const marks = f.store(arr(false), f.bv(0, 64), f.constArray(bvSort(OFF_BITS), f.true));
  assert.is(uncoveredSnapshots([{ bid, size, fresh: marks }], [undefined, { bid, size, fresh: marks }]), undefined);
  // other marks on the target (fewer bytes unwritten there): the source's block stays
  const tgtMarks = f.store(arr(false), f.bv(0, 64), f.constArray(bvSort(OFF_BITS), f.false));
  assert.is(uncoveredSnapshots([{ bid, size, fresh: marks }], [{ bid, size, fresh: tgtMarks }])?.length, 1);
  assert.is(uncoveredSnapshots([{ bid, size, fresh: marks }], undefined)?.length, 1);
  // (another size, the same terms otherwise: not covered either)
  const other = f.store(f.constArray(bvSort(64), f.bv(0, OFF_BITS)), f.bv(0, 64), f.bv(3, OFF_BITS));
  assert.is(uncoveredSnapshots([{ bid, size, fresh: marks }], [{ bid, size: other, fresh: marks }])?.length, 1);
});

// The comparison above is asked on its own, only when the rest of the mismatch is unsat
// (validate.ts, query.ts snapUndefSplit): its cost stays off queries whose difference lies
// elsewhere, and a model of either part is a model of the whole.
async function askedQueries(s: string, t: string): Promise<{ verdict: string; asked: string[] }> {
  const asked: string[] = [];
  setSolverDefaults({ onResult: (name, _q, r) => asked.push(`${name}:${r.status}`) });
  try {
    return { verdict: await pairVerdict(s, t), asked };
  } finally {
    setSolverDefaults({ onResult: undefined });
  }
}

test('the unwritten-byte comparison is its own query, asked only when the rest is unsat', async () => {
  // only that comparison shows the difference: the rest unsat, then the part sat and replayed
  const a = await askedQueries(src, fn('  %u = llvm.mlir.poison : i8\n  llvm.store %u, %p : i8, !llvm.ptr'));
  assert.match(a.verdict, /^refuted: .*byte 0 of block \d+ is undef .* in the source, poison in the target/, a.verdict);
  assert.equal(a.asked.filter((x) => x.startsWith('f:') || x.startsWith('f.snap-undef:')), ['f:unsat', 'f.snap-undef:sat']);
  // a difference elsewhere (byte 1 poisoned; byte 0 written by the target, so the comparison
  // is in the query): found by the rest, the part never asked
  const t = fn('  %c = llvm.mlir.constant(7 : i8) : i8\n  llvm.store %c, %p : i8, !llvm.ptr').replace('llvm.store %five, %q', '%u = llvm.mlir.poison : i8\n  llvm.store %u, %q');
  const b = await askedQueries(src, t);
  assert.match(b.verdict, /^refuted: .*byte 1 of block \d+ is 5 in the source, poison in the target/, b.verdict);
  assert.equal(b.asked.filter((x) => x.startsWith('f:') || x.startsWith('f.snap-undef:')), ['f:sat']);
  // no difference: both parts unsat, proved
  const c = await askedQueries(src, fn('  %c = llvm.mlir.constant(7 : i8) : i8\n  llvm.store %c, %p : i8, !llvm.ptr'));
  assert.match(c.verdict, /^proved/);
  assert.equal(c.asked.filter((x) => x.startsWith('f:') || x.startsWith('f.snap-undef:')), ['f:unsat', 'f.snap-undef:unsat']);
});

test.after(() => disposeSolvers());
test.run();
