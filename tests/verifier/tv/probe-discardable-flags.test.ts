// Soundness probes (review 20): flags that MLIR 19 does not define on an op. MLIR 19's LLVM
// dialect has no exact (udiv, sdiv, lshr, ashr), disjoint (or), nneg (zext), no overflow flags
// on trunc and no fast-math flags on fpext/fptrunc; arith has none of the first three and no
// overflow flags on trunci. Written in an op's attribute dictionary (which mlir-opt-19
// accepts) they are discardable attributes: convert-arith-to-llvm and mlir-translate-19 drop
// them, and the LLVM IR has a plain udiv, zext, fadd... The same goes for `fastmath` on an
// llvm op and `fastmathFlags` on an arith op (each dialect's own name only). The semantics read
// them by name: each pair below was `proved`, and natively (clang-19 -O0 and -O2) the source
// gives another value (scratch/review20/FINDINGS.md Q1). The keyword forms of later MLIR
// (`llvm.or disjoint`, `llvm.zext nneg`), inherent overflow flags given in a dictionary and
// inherent fast-math flags keep their meaning.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { printMlir } from '../../../compiler/mlir/print.ts';
import { printMlirCustom } from '../../../compiler/mlir/print-custom.ts';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const fn = (sig: string, body: string, dialect: 'llvm' | 'func' = 'llvm') =>
  dialect === 'llvm' ? `llvm.func @f${sig} {\n${body}\n}` : `func.func @f${sig} {\n${body}\n}`;

// [name, source, target]: every source passes mlir-opt-19, and natively differs from its target
const WRONG: [string, string, string][] = [
  ['llvm.lshr {isExact}; shl vs the argument',
    fn('(%a: i32) -> i32', `  %c1 = llvm.mlir.constant(1 : i32) : i32
  %q = llvm.lshr %a, %c1 {isExact} : i32
  %s = llvm.shl %q, %c1 : i32
  llvm.return %s : i32`),
    fn('(%a: i32) -> i32', '  llvm.return %a : i32')],
  ['llvm.zext {nonNeg} vs sext',
    fn('(%a: i8) -> i32', `  %z = llvm.zext %a {nonNeg} : i8 to i32
  llvm.return %z : i32`),
    fn('(%a: i8) -> i32', `  %z = llvm.sext %a : i8 to i32
  llvm.return %z : i32`)],
  ['llvm.or {isDisjoint} vs add',
    fn('(%a: i32, %b: i32) -> i32', `  %o = llvm.or %a, %b {isDisjoint} : i32
  llvm.return %o : i32`),
    fn('(%a: i32, %b: i32) -> i32', `  %o = llvm.add %a, %b : i32
  llvm.return %o : i32`)],
  ['llvm.trunc {overflowFlags = nsw}; sext vs the argument',
    fn('(%a: i32) -> i32', `  %t = llvm.trunc %a {overflowFlags = #llvm.overflow<nsw>} : i32 to i8
  %e = llvm.sext %t : i8 to i32
  llvm.return %e : i32`),
    fn('(%a: i32) -> i32', '  llvm.return %a : i32')],
  ['llvm.fadd {fastmath = nnan} (arith\'s name); fcmp uno vs false',
    fn('(%x: f64) -> i1', `  %r = llvm.fadd %x, %x {fastmath = #llvm.fastmath<nnan>} : f64
  %c = llvm.fcmp "uno" %r, %r : f64
  llvm.return %c : i1`),
    fn('(%x: f64) -> i1', `  %c = llvm.mlir.constant(false) : i1
  llvm.return %c : i1`)],
  ['llvm.fpext {fastmathFlags = nnan}; fcmp uno vs false',
    fn('(%x: f32) -> i1', `  %r = llvm.fpext %x {fastmathFlags = #llvm.fastmath<nnan>} : f32 to f64
  %c = llvm.fcmp "uno" %r, %r : f64
  llvm.return %c : i1`),
    fn('(%x: f32) -> i1', `  %c = llvm.mlir.constant(false) : i1
  llvm.return %c : i1`)],
  ['arith.ori {isDisjoint} vs addi',
    fn('(%a: i32, %b: i32) -> i32', `  %o = arith.ori %a, %b {isDisjoint} : i32
  return %o : i32`, 'func'),
    fn('(%a: i32, %b: i32) -> i32', `  %o = arith.addi %a, %b : i32
  return %o : i32`, 'func')],
  ['arith.extui {nonNeg} vs extsi',
    fn('(%a: i8) -> i32', `  %z = arith.extui %a {nonNeg} : i8 to i32
  return %z : i32`, 'func'),
    fn('(%a: i8) -> i32', `  %z = arith.extsi %a : i8 to i32
  return %z : i32`, 'func')],
  ['arith.trunci {overflowFlags = nsw}; extsi vs the argument',
    fn('(%a: i32) -> i32', `  %t = arith.trunci %a {overflowFlags = #arith.overflow<nsw>} : i32 to i8
  %e = arith.extsi %t : i8 to i32
  return %e : i32`, 'func'),
    fn('(%a: i32) -> i32', '  return %a : i32', 'func')],
];

for (const [name, src, tgt] of WRONG) {
  test(`a discardable flag means nothing: ${name} is refuted`, async () => {
    const v = await pairVerdict(src, tgt);
    assert.match(v, /^refuted/, v);
  });
}

// [name, source, target, verdict]: the flags MLIR defines keep their meaning
const KEPT: [string, string, string][] = [
  ['llvm.or disjoint (keyword) vs add',
    fn('(%a: i32, %b: i32) -> i32', `  %o = llvm.or disjoint %a, %b : i32
  llvm.return %o : i32`),
    fn('(%a: i32, %b: i32) -> i32', `  %o = llvm.add %a, %b : i32
  llvm.return %o : i32`)],
  ['llvm.zext nneg (keyword) vs sext',
    fn('(%a: i8) -> i32', `  %z = llvm.zext nneg %a : i8 to i32
  llvm.return %z : i32`),
    fn('(%a: i8) -> i32', `  %z = llvm.sext %a : i8 to i32
  llvm.return %z : i32`)],
  ['llvm.add {overflowFlags = nsw} in a dictionary (inherent): x + 1 > x',
    fn('(%a: i32) -> i1', `  %c1 = llvm.mlir.constant(1 : i32) : i32
  %s = llvm.add %a, %c1 {overflowFlags = #llvm.overflow<nsw>} : i32
  %c = llvm.icmp "sgt" %s, %a : i32
  llvm.return %c : i1`),
    fn('(%a: i32) -> i1', `  %t = llvm.mlir.constant(true) : i1
  llvm.return %t : i1`)],
  ['llvm.fadd {fastmathFlags = nnan} (inherent); fcmp uno vs false',
    fn('(%x: f64) -> i1', `  %r = llvm.fadd %x, %x {fastmathFlags = #llvm.fastmath<nnan>} : f64
  %c = llvm.fcmp "uno" %r, %r : f64
  llvm.return %c : i1`),
    fn('(%x: f64) -> i1', `  %c = llvm.mlir.constant(false) : i1
  llvm.return %c : i1`)],
  ['arith.shli {overflowFlags = nuw} in a dictionary (inherent): (x << 1) >> 1 is x',
    fn('(%a: i32) -> i32', `  %c1 = arith.constant 1 : i32
  %s = arith.shli %a, %c1 {overflowFlags = #arith.overflow<nuw>} : i32
  %r = arith.shrui %s, %c1 : i32
  return %r : i32`, 'func'),
    fn('(%a: i32) -> i32', '  return %a : i32', 'func')],
];

for (const [name, src, tgt] of KEPT) {
  test(`an inherent flag keeps its meaning: ${name} is proved`, async () => {
    const v = await pairVerdict(src, tgt);
    assert.match(v, /^proved/, v);
  });
}

test('a dictionary isExact / nonNeg stays a discardable attribute (generic and custom prints)', () => {
  const text = fn('(%a: i32, %b: i32) -> i64', `  %q = llvm.udiv %a, %b {isExact} : i32
  %z = llvm.zext %q {nonNeg} : i32 to i64
  llvm.return %z : i64`);
  const m = parseMlir(text, 'f.mlir');
  // generic: in `{...}` (discardable), as mlir-opt-19 --mlir-print-op-generic prints them
  const generic = printMlir(m);
  assert.match(generic, /"llvm\.udiv"\(%\w+, %\w+\) \{isExact\}/, generic);
  assert.match(generic, /"llvm\.zext"\(%\w+\) \{nonNeg\}/, generic);
  const out = printMlirCustom(m);
  assert.match(out, /llvm\.udiv %\w+, %\w+ +\{isExact\}/, out);
  assert.match(out, /llvm\.zext %\w+ \{nonNeg\}/, out);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
