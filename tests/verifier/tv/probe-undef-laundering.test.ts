// Soundness probes (reviewer) of the source's reads of memory nobody wrote (LLVM undef, read
// as poison by the semantics): an unwritten byte laundered through a block argument, a store
// and reload, an scf.if result, a cast, a call argument or an llvm.mlir.undef aggregate, then
// computed with so that LLVM's result is defined (x & 0, x * 0, x >> 7 >> 7, min(x, 0),
// x == x). With poison, the source would return poison and any target would refine it; a
// correct validator never proves these targets (each returns 7, LLVM's source returns 0 or
// 1). All held when written (2026-11-26): unsupported (the source computes with undef) or,
// through a callee, unknown.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';

const SEVEN = `func.func @f(%b: i1) -> i8 {
  %r = arith.constant 7 : i8
  return %r : i8
}`;

/** A source with one unwritten byte %x (and a written zero %z), then `body`. */
const src = (body: string) => `func.func @f(%b: i1) -> i8 {
  %m = memref.alloca() : memref<2xi8>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i8
  %x = memref.load %m[%c0] : memref<2xi8>
${body}
}`;

const PROBES: [string, string][] = [
  ['a block argument', `  cf.br ^n(%x : i8)
^n(%a: i8):
  %r = arith.andi %a, %z : i8
  return %r : i8`],
  ['a store and a reload', `  memref.store %x, %m[%c1] : memref<2xi8>
  %y = memref.load %m[%c1] : memref<2xi8>
  %r = arith.andi %y, %z : i8
  return %r : i8`],
  ['an scf.if yielding it on both arms', `  %s = scf.if %b -> (i8) {
    scf.yield %x : i8
  } else {
    scf.yield %x : i8
  }
  %r = arith.andi %s, %z : i8
  return %r : i8`],
  ['an unrealized conversion cast', `  %y = builtin.unrealized_conversion_cast %x : i8 to i8
  %r = arith.andi %y, %z : i8
  return %r : i8`],
  ['a zero extension and a truncation', `  %e = arith.extui %x : i8 to i32
  %t = arith.trunci %e : i32 to i8
  %r = arith.andi %t, %z : i8
  return %r : i8`],
  ['a select of it with itself, compared with itself', `  %s = arith.select %b, %x, %x : i8
  %c = arith.cmpi eq, %s, %x : i8
  %r = arith.extui %c : i1 to i8
  return %r : i8`],
  ['a multiplication by zero', `  %r = arith.muli %x, %z : i8
  return %r : i8`],
  ['two shifts by 7', `  %c7 = arith.constant 7 : i8
  %r0 = arith.shrui %x, %c7 : i8
  %r1 = arith.shrui %r0, %c7 : i8
  return %r1 : i8`],
  ['an unsigned minimum with 0', `  %r = arith.minui %x, %z : i8
  return %r : i8`],
];

for (const [what, body] of PROBES) {
  test(`an unwritten byte through ${what}, then computed with: not proved`, async () => {
    const v = await pairVerdict(src(body), SEVEN);
    assert.ok(!/^(proved|bounded)/.test(v), v);
    assert.match(v, /^unsupported: .*nobody wrote/, v);
  });
}

test('an unwritten byte handed to a callee that computes x & 0: not proved', async () => {
  const g = `func.func @g(%x: i8) -> i8 {
  %z = arith.constant 0 : i8
  %r = arith.andi %x, %z : i8
  return %r : i8
}
`;
  const call = src(`  %r0 = func.call @g(%x) : (i8) -> i8
  %one = arith.constant 1 : i8
  %r = arith.addi %r0, %one : i8
  return %r : i8`);
  const [s, t] = [g + src(`  %r = func.call @g(%x) : (i8) -> i8\n  return %r : i8`), g + call];
  const got = await validatePair(parseMlir(s, 'src.mlir'), parseMlir(t, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  const f = got.find((v) => v.name === 'f')!;
  assert.ok(!/^(proved|bounded)/.test(f.verdict), `${f.verdict}: ${f.detail}`);
});

test('llvm.mlir.undef: a field of an undef struct computed with: not proved', async () => {
  const v = await pairVerdict(`llvm.func @f() -> i8 {
  %u = llvm.mlir.undef : !llvm.struct<(i8, i8)>
  %x = llvm.extractvalue %u[0] : !llvm.struct<(i8, i8)>
  %z = llvm.mlir.constant(0 : i8) : i8
  %r = llvm.and %x, %z : i8
  llvm.return %r : i8
}`, `llvm.func @f() -> i8 {
  %r = llvm.mlir.constant(7 : i8) : i8
  llvm.return %r : i8
}`);
  assert.match(v, /^unsupported: .*llvm\.mlir\.undef/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
