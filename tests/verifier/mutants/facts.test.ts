// Function facts that decide which sites are meaningful: loops, dead pure code, stores into
// local blocks that nothing reads, values seen through descriptor insert/extract chains.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/index.ts';
import { certainlyEqual, functionFacts, vkey } from '../../../verifier/mutants/facts.ts';
import { functionsOf, symbolName } from '../../../verifier/mutants/locate.ts';

function facts(text: string, fn: string) {
  const m = parseMlir(text);
  const f = functionsOf(m).find((x) => symbolName(x.fn) === fn)!.fn;
  const ops = [...walkAll(f)];
  const byResult = (name: string) => ops.find((o) => o.results.some((r) => r.name === name))!;
  return { m, f, facts: functionFacts(f), ops, byResult };
}

function* walkAll(o: import('../../../compiler/mlir/ir.ts').Operation): Generator<import('../../../compiler/mlir/ir.ts').Operation> {
  for (const r of o.regions) for (const b of r.blocks) for (const inner of b.ops) {
    yield inner;
    yield* walkAll(inner);
  }
}

const LOOP = `
func.func @sum(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %unused = arith.muli %n, %n : i64
  %q = arith.divsi %n, %c1 : i64
  cf.br ^head(%c0, %c0 : i64, i64)
^head(%i: i64, %acc: i64):
  %more = arith.cmpi slt, %i, %n : i64
  cf.cond_br %more, ^body, ^exit
^body:
  %acc2 = arith.addi %acc, %i : i64
  %i2 = arith.addi %i, %c1 : i64
  cf.br ^head(%i2, %acc2 : i64, i64)
^exit:
  return %acc : i64
}`;

test('loops: blocks on a CFG cycle, and the header as the target of the back edge', () => {
  const { f, facts: fx } = facts(LOOP, 'sum');
  const blocks = f.regions[0]!.blocks;
  const label = (b: { label: string | null }) => b.label ?? 'entry';
  assert.equal(blocks.filter((b) => fx.inLoop.has(b)).map(label), ['head', 'body']);
  assert.equal([...fx.loopHeaders].map(label), ['head']);
});

test('dead code: a pure op nobody uses is dead, a division (it can be UB) never is', () => {
  const { facts: fx, byResult } = facts(LOOP, 'sum');
  assert.ok(fx.dead.has(byResult('unused')));
  assert.not.ok(fx.dead.has(byResult('q')), 'an unused divsi may still divide by zero');
  assert.not.ok(fx.dead.has(byResult('acc2')));
  assert.is(fx.uses.get('c1'), 2);
});

test('scf loops: every block nested in scf.for / scf.while is in a loop', () => {
  const { f, facts: fx } = facts(`
func.func @g(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %x = arith.addi %i, %c1 : index
  }
  return
}`, 'g');
  const forOp = f.regions[0]!.blocks[0]!.ops.find((o) => o.name === 'scf.for')!;
  assert.ok(fx.inLoop.has(forOp.regions[0]!.blocks[0]!));
  assert.not.ok(fx.inLoop.has(f.regions[0]!.blocks[0]!));
});

const STORES = `
func.func private @use(memref<?xi8>)
func.func @h(%buf: memref<?xi8>, %v: i8) {
  %c0 = arith.constant 0 : index
  %c7 = arith.constant 7 : i8
  %mark = memref.alloca() : memref<1xi8>
  memref.store %c7, %mark[%c0] : memref<1xi8>
  %read = memref.alloca() : memref<1xi8>
  memref.store %v, %read[%c0] : memref<1xi8>
  %x = memref.load %read[%c0] : memref<1xi8>
  %esc = memref.alloca() : memref<4xi8>
  memref.store %v, %esc[%c0] : memref<4xi8>
  %cast = memref.cast %esc : memref<4xi8> to memref<?xi8>
  func.call @use(%cast) : (memref<?xi8>) -> ()
  memref.store %x, %buf[%c0] : memref<?xi8>
  return
}`;

test('dead stores: only stores into a local block that is never read and never escapes', () => {
  const { facts: fx, ops } = facts(STORES, 'h');
  const stores = ops.filter((o) => o.name === 'memref.store');
  assert.is(stores.length, 4);
  assert.equal(stores.map((s) => fx.deadStores.has(s)), [true, false, false, false]);
  // the value a dead store writes is itself dead; its index is not (a wrong index is UB)
  const c7 = ops.find((o) => o.results[0]?.name === 'c7')!;
  assert.ok(fx.dead.has(c7));
  assert.not.ok(fx.dead.has(ops.find((o) => o.results[0]?.name === 'c0')!));
});

test('dead stores at the LLVM level: through insertvalue/extractvalue/getelementptr', () => {
  const { facts: fx, ops } = facts(`
llvm.func @k(%p: !llvm.ptr) {
  %one = llvm.mlir.constant(1 : i64) : i64
  %zero = llvm.mlir.constant(0 : i64) : i64
  %b = llvm.mlir.constant(5 : i8) : i8
  %a = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %u = llvm.mlir.undef : !llvm.struct<(ptr, ptr, i64)>
  %d0 = llvm.insertvalue %a, %u[0] : !llvm.struct<(ptr, ptr, i64)>
  %d1 = llvm.insertvalue %a, %d0[1] : !llvm.struct<(ptr, ptr, i64)>
  %d2 = llvm.insertvalue %zero, %d1[2] : !llvm.struct<(ptr, ptr, i64)>
  %e = llvm.extractvalue %d2[1] : !llvm.struct<(ptr, ptr, i64)>
  %g = llvm.getelementptr %e[%zero] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  llvm.store %b, %g : i8, !llvm.ptr
  %e0 = llvm.extractvalue %d2[0] : !llvm.struct<(ptr, ptr, i64)>
  llvm.store %b, %p : i8, !llvm.ptr
  llvm.return
}`, 'k');
  const stores = ops.filter((o) => o.name === 'llvm.store');
  assert.equal(stores.map((s) => fx.deadStores.has(s)), [true, false]);
  const e = ops.find((o) => o.results[0]?.name === 'e')!.results[0]!;
  const e0 = ops.find((o) => o.results[0]?.name === 'e0')!.results[0]!;
  assert.ok(certainlyEqual(fx.defs, e, e0), 'fields 0 and 1 hold the same pointer');
  assert.is(vkey(e), 'e');
});

const MAX64 = (1n << 63n) - 1n;

test('ranges: a loop counter from 0 guarded by i < n is in [0, MAX], its increment in [1, MAX]', () => {
  const { f, facts: fx, byResult } = facts(LOOP, 'sum');
  const [, head, body] = f.regions[0]!.blocks;
  const i = head!.args[0]!;
  assert.equal(fx.range(i, head!), { lo: 0n, hi: MAX64 });
  assert.equal(fx.range(byResult('i2').results[0]!, body!), { lo: 1n, hi: MAX64 });
  // the accumulator adds unknown values: no claim narrower than the whole type
  assert.equal(fx.range(head!.args[1]!, head!), { lo: -(1n << 63n), hi: MAX64 });
});

test('ranges: a counter passed through the loop body\'s block argument keeps its bound', () => {
  const { f, facts: fx } = facts(`
func.func @a(%m: memref<?xi8>) -> i64 {
  %c0 = arith.constant 0 : i64
  cf.br ^head(%c0 : i64)
^head(%i: i64):
  %z = arith.constant 0 : index
  %dim = memref.dim %m, %z : memref<?xi8>
  %n = arith.index_cast %dim : index to i64
  %more = arith.cmpi slt, %i, %n : i64
  cf.cond_br %more, ^body(%i : i64), ^exit
^body(%j: i64):
  %one = arith.constant 1 : i64
  %next = arith.addi %j, %one : i64
  cf.br ^head(%next : i64)
^exit:
  return %i : i64
}`, 'a');
  const [, head, body] = f.regions[0]!.blocks;
  assert.equal(fx.range(head!.args[0]!, head!), { lo: 0n, hi: MAX64 });
  assert.equal(fx.range(body!.args[0]!, body!), { lo: 0n, hi: MAX64 - 1n });
});

test('ranges: an unsigned bound check narrows the value on the taken edge only', () => {
  const { f, facts: fx } = facts(`
func.func @r(%x: i32) -> i64 {
  %c10 = arith.constant 10 : i32
  %ok = arith.cmpi ult, %x, %c10 : i32
  cf.cond_br %ok, ^in, ^out
^in:
  %w = arith.extsi %x : i32 to i64
  return %w : i64
^out:
  %z = arith.extsi %x : i32 to i64
  return %z : i64
}`, 'r');
  const [entry, inside, outside] = f.regions[0]!.blocks;
  const x = entry!.args[0]!;
  assert.equal(fx.range(x, inside!), { lo: 0n, hi: 9n });
  assert.equal(fx.range(x, outside!), { lo: -(1n << 31n), hi: (1n << 31n) - 1n });
});

test.run();
