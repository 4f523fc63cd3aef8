// Soundness probe (issue 4 item 2): at a cut point the blocks a loop's earlier iterations
// allocated are one summary (symexec.ts havoc; verifier/tv/cutpoint.ts), which carried no
// alignment: its blocks' starts were aligned to anything, so an access asking more than the
// block's start has (`alignment = 32` on a malloc'd block, 16-aligned on x86-64 glibc) was
// checked on the offset only. It gave no wrong `proved` through a pair: a pointer into such
// a block reaches the header as a havoc value whose offset is free, so a target asking more
// alignment than its source is refuted by an offset of the source's alignment; and the
// havoc's summary of external calls' blocks (any start) held a source asking too much to its
// value anyway. The summary now gives its blocks the start alignment of the loop's
// allocation sites (the target's least, the source's greatest: symexec.ts summaryAlign), so
// the check no longer rests on those imprecisions. LangRef-only: x86 does not trap here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../../../verifier/smt/term.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { symbolicDomain } from '../../../verifier/semantics/mlir/symbolic-domain.ts';
import { SymbolicMemory, U_SORT, UP_SORT, type Summary } from '../../../verifier/semantics/mlir/symbolic-memory.ts';
import { summaryAlign } from '../../../verifier/semantics/mlir/symexec.ts';
import { OBS, ptrV } from '../../../verifier/semantics/mlir/values.ts';

/** A loop that allocates a block per iteration (`alloc`) and, from iteration 100 on, reads
 *  the block the iteration before allocated with `alignment = align`, returning the last
 *  value read (plus `plus`). */
const loop = (align: number, alloc = 'llvm.call @malloc(%c16) : (i64) -> !llvm.ptr', plus = 0) => `llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @f(%n: i64) -> i64 {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %c16 = llvm.mlir.constant(16 : i64) : i64
  %c100 = llvm.mlir.constant(100 : i64) : i64
  %k = llvm.mlir.constant(${plus} : i64) : i64
  %p0 = llvm.mlir.zero : !llvm.ptr
  llvm.br ^h(%c0, %p0, %c0 : i64, !llvm.ptr, i64)
^h(%i: i64, %p: !llvm.ptr, %s: i64):
  %c = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %c, ^b, ^x
^b:
  %late = llvm.icmp "sge" %i, %c100 : i64
  llvm.cond_br %late, ^l, ^j(%s : i64)
^l:
  %v = llvm.load %p {alignment = ${align} : i64} : !llvm.ptr -> i64
  %w = llvm.add %v, %k : i64
  llvm.br ^j(%w : i64)
^j(%s2: i64):
  %q = ${alloc}
  %i2 = llvm.add %i, %c1 : i64
  llvm.store %i2, %q {alignment = 8 : i64} : i64, !llvm.ptr
  llvm.br ^h(%i2, %q, %s2 : i64, !llvm.ptr, i64)
^x:
  llvm.return %s : i64
}`;

const alloca = (align: number) => `llvm.alloca %c1 x i64 {alignment = ${align} : i64} : (i64) -> !llvm.ptr`;

/** The UB messages of an i64 load with `align` from a block of a loop's summary whose start
 *  alignment is `blockAlign` (as summaryAlign gives it). */
function summaryLoadUb(blockAlign: number | undefined, align: number): string[] {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const B = bvSort(32);
  const sm: Summary = { base: 'local', lo: f.bv(0n, 32), hi: f.var('hi', B), size: f.var('size', arraySort(B, bvSort(64))), alive: f.var('alive', arraySort(B, BOOL)), frees: [], ...(blockAlign !== undefined ? { align: blockAlign } : {}) };
  const cur = { pc: f.true, mem: { U: f.var('U', U_SORT), UP: f.var('UP', UP_SORT), blocks: [], allocCount: f.var('ac', B), privateCount: f.var('pc', B), stackCount: f.var('sc', B), summaries: [sm] } };
  const ub: string[] = [];
  const hook = (c: Term, what: string) => {
    if (!(c.kind === 'bool' && !c.value)) ub.push(what);
  };
  const mem = new SymbolicMemory(f, D, cur, hook, () => true, new Map(), f.var('fresh', arraySort(B, B)), () => 0);
  mem.load(ptrV(D, f.var('bid', B), f.bv(0n, 64), [OBS]), 8, align, 'llvm.load');
  return ub;
}

test('a summarised block has the start alignment of the loop\'s allocation sites', () => {
  // before the fix: no UB for alignment 32 (the summary had no alignment)
  assert.ok(summaryLoadUb(16, 32).some((w) => /alignment 32 over the block's guaranteed one/.test(w)), summaryLoadUb(16, 32).join('; '));
  assert.not.ok(summaryLoadUb(16, 16).some((w) => /over the block's guaranteed/.test(w)));
  assert.not.ok(summaryLoadUb(undefined, 32).some((w) => /over the block's guaranteed/.test(w)));
  const body = (text: string) => parseMlir(text, 't.mlir').ops[1]!.regions[0]!.blocks;
  const mixed = body(loop(8, alloca(8)).replace('%p0 = llvm.mlir.zero : !llvm.ptr', '%p0 = llvm.call @malloc(%c16) : (i64) -> !llvm.ptr'));
  assert.is(summaryAlign(mixed, 'src'), 16);
  assert.is(summaryAlign(mixed, 'tgt'), 8);
  const none = body(loop(8).replace(/%q = llvm.call @malloc\(%c16\) : \(i64\) -> !llvm.ptr/, '%q = llvm.mlir.zero : !llvm.ptr'));
  assert.is(summaryAlign(none, 'src'), undefined);
  assert.is(summaryAlign(none, 'tgt'), 1);
});

test('pairs: an over-aligned target is not proved, equal accesses are', async () => {
  const over = await pairVerdict(loop(8), loop(32));
  assert.not.match(over, /^proved/, over);
  const same = await pairVerdict(loop(32), loop(32));
  assert.match(same, /^proved/, same);
  const over8 = await pairVerdict(loop(8, alloca(8)), loop(16, alloca(8)));
  assert.not.match(over8, /^proved/, over8);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
