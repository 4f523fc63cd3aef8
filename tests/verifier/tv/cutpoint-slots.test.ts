// Which loop-header slots the cut-point relation relates when the two sides' loops carry
// different values (verifier/tv/cutpoint-slots.ts): the guess read off the text. The proofs
// it allows and the wrong lifts it must not prove are the pairs lift_* (pairs.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { alignHeads, loopSlotMatches, type Head } from '../../../verifier/tv/cutpoint-slots.ts';

const pairs = join(dirname(fileURLToPath(import.meta.url)), 'pairs');
const h = (type: string, arrival: string, width = 1): Head => ({ type, width, arrival });

test('the values lift-cf-to-scf appends are left out: the header values pair in order', () => {
  const a = [h('i64', 'lit:0'), h('i64', 'lit:1'), h('i1', 'lit:true')];
  assert.equal(alignHeads(a, [...a, h('i64', 'poison'), h('i32', 'poison')]), [[0, 0], [1, 1], [2, 2]]);
  // the converse: the source carries them
  assert.equal(alignHeads([...a, h('i64', 'poison')], a), [[0, 0], [1, 1], [2, 2]]);
});

test('a poison never pairs with a value that is not, nor two different literals, nor two types', () => {
  assert.equal(alignHeads([h('i64', 'any')], [h('i64', 'poison'), h('i64', 'any')]), [[0, 1]]);
  assert.equal(alignHeads([h('i64', 'lit:1')], [h('i64', 'lit:2'), h('i64', 'lit:1')]), [[0, 1]]);
  assert.equal(alignHeads([h('i32', 'any')], [h('i64', 'any'), h('i32', 'any')]), [[0, 1]]);
  assert.equal(alignHeads([h('i32', 'lit:1')], [h('i32', 'poison')]), []);
});

test('value pairs become scalar pairs (a memref is several slots); equal headers get no entry', () => {
  const body = (file: string, fn: string) => moduleInfo(parseMlir(readFileSync(join(pairs, file), 'utf8'), file)).funcs.get(fn)!.body!;
  const m = loopSlotMatches(body('lift_extra_slots.src.mlir', 'sumsq'), body('lift_extra_slots.tgt.mlir', 'sumsq'));
  assert.equal([...m.keys()], [0]);
  // the extra slot's header value is read by nothing (the exit forwards this iteration's sum)
  assert.equal(m.get(0), { tgt: [0, 1, null], pairs: [[0, 0], [1, 1]], unread: { src: [], tgt: [2] } });
  const s = loopSlotMatches(body('lift_extra_slots.src.mlir', 'search'), body('lift_extra_slots.tgt.mlir', 'search'));
  assert.equal(s.get(0)!.tgt, [0, 1, null, null, null, null]);
  const same = loopSlotMatches(body('lift_extra_slots.src.mlir', 'sumsq'), body('lift_extra_slots.src.mlir', 'sumsq'));
  assert.is(same.size, 0);
  const memref = parseMlir(`module {
    func.func @f(%m: memref<?xi8>, %n: index) {
      %c0 = arith.constant 0 : index
      cf.br ^bb1(%m, %c0 : memref<?xi8>, index)
    ^bb1(%x: memref<?xi8>, %i: index):
      %c = arith.cmpi slt, %i, %n : index
      cf.cond_br %c, ^bb2, ^bb3
    ^bb2:
      %c1 = arith.constant 1 : index
      %j = arith.addi %i, %c1 : index
      cf.br ^bb1(%x, %j : memref<?xi8>, index)
    ^bb3:
      return
    }
    func.func @g(%m: memref<?xi8>, %n: index) {
      %p = ub.poison : index
      %c0 = arith.constant 0 : index
      %r:3 = scf.while (%x = %m, %i = %c0, %e = %p) : (memref<?xi8>, index, index) -> (memref<?xi8>, index, index) {
        %c = arith.cmpi slt, %i, %n : index
        scf.condition(%c) %x, %i, %i : memref<?xi8>, index, index
      } do {
      ^bb0(%x: memref<?xi8>, %i: index, %e: index):
        %c1 = arith.constant 1 : index
        %j = arith.addi %i, %c1 : index
        scf.yield %x, %j, %i : memref<?xi8>, index, index
      }
      return
    }
  }`);
  const info = moduleInfo(memref);
  const mm = loopSlotMatches(info.funcs.get('f')!.body!, info.funcs.get('g')!.body!);
  // memref<?xi8>: allocated, aligned, offset, size, stride (5 slots), then the index
  assert.equal(mm.get(0)!.tgt, [0, 1, 2, 3, 4, 5, null]);
  assert.equal(mm.get(0)!.unread, { src: [], tgt: [6] });
});

test('an unrelated slot whose header value something reads is not unread', () => {
  const info = moduleInfo(parseMlir(`module {
    func.func @f(%n: i64) -> i64 {
      %c0 = arith.constant 0 : i64
      cf.br ^bb1(%c0 : i64)
    ^bb1(%i: i64):
      %c = arith.cmpi ult, %i, %n : i64
      cf.cond_br %c, ^bb1(%i : i64), ^bb2
    ^bb2:
      return %i : i64
    }
    func.func @g(%n: i64) -> i64 {
      %p = ub.poison : i64
      %c0 = arith.constant 0 : i64
      %r:2 = scf.while (%i = %c0, %e = %p) : (i64, i64) -> (i64, i64) {
        %c = arith.cmpi ult, %i, %n : i64
        scf.condition(%c) %i, %e : i64, i64
      } do {
      ^bb0(%x: i64, %y: i64):
        scf.yield %x, %y : i64, i64
      }
      return %r#1 : i64
    }
  }`));
  const m = loopSlotMatches(info.funcs.get('f')!.body!, info.funcs.get('g')!.body!).get(0)!;
  assert.equal(m.tgt, [0, null]);
  assert.equal(m.unread, { src: [], tgt: [] });
});

test('an scf.for slot its body never reads is read where the loop\'s result is (review 34)', () => {
  // scf.for's results are its header values at the exit: the source's extra memref slot is
  // unread only where its result is unused too (pair lift_for_result_slot)
  const fn = (use: string) => `
    func.func @f(%n: index, %s: i64, %A: memref<1xi32>) -> i64 {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%x = %s, %p = %A) -> (i64, memref<1xi32>) {
        scf.yield %x, %A : i64, memref<1xi32>
      }
      ${use}
      return %r#0 : i64
    }`;
  const tgt = `module {
    func.func @g(%n: index, %s: i64) -> i64 {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %r = scf.for %i = %c0 to %n step %c1 iter_args(%x = %s) -> (i64) {
        scf.yield %x : i64
      }
      return %r : i64
    }
  }`;
  const g = moduleInfo(parseMlir(tgt, 'g.mlir')).funcs.get('g')!.body!;
  const f = (use: string) => moduleInfo(parseMlir(`module {${fn(use)}\n}`, 'f.mlir')).funcs.get('f')!.body!;
  const read = loopSlotMatches(f('%v = memref.load %r#1[%c0] : memref<1xi32>'), g).get(0)!;
  assert.equal(read.pairs, [[0, 0], [1, 1]]);
  assert.equal(read.unread, { src: [], tgt: [] });
  // memref<1xi32>: 5 scalar slots after the induction variable and %x
  assert.equal(loopSlotMatches(f(''), g).get(0)!.unread, { src: [2, 3, 4, 5, 6], tgt: [] });
});

test('a lowering that changes the types but keeps the scalar slots relates slot k with slot k (no entry)', () => {
  const info = moduleInfo(parseMlir(`module {
    func.func @f(%n: index) {
      %c0 = arith.constant 0 : index
      cf.br ^bb1(%c0 : index)
    ^bb1(%i: index):
      %c = arith.cmpi slt, %i, %n : index
      cf.cond_br %c, ^bb1(%i : index), ^bb2
    ^bb2:
      return
    }
    func.func @g(%n: i64) {
      %c0 = llvm.mlir.constant(0 : i64) : i64
      llvm.br ^bb1(%c0 : i64)
    ^bb1(%i: i64):
      %c = llvm.icmp "slt" %i, %n : i64
      llvm.cond_br %c, ^bb1(%i : i64), ^bb2
    ^bb2:
      llvm.return
    }
  }`));
  assert.is(loopSlotMatches(info.funcs.get('f')!.body!, info.funcs.get('g')!.body!).size, 0);
});

test.run();
