// Soundness probe (review 16): the alignment of an access or alloca without an `alignment`
// attribute is the one mlir-translate writes into the LLVM IR, from the module's data layout —
// LLVM's default one when the module states none: i64 loads and stores get `align 4`
// (default i64:32:64; x86-64's ABI says 8), and an alloca gets its type's *preferred*
// alignment (a struct: 8). The semantics took x86-64's ABI alignments, so
//  - `alloca struct<(i8, i8)>` (written `align 8`) was 1-aligned and a source storing and
//    loading an i16 there was UB on every execution: a target returning 7 was `proved`
//    (native, mlir-translate-19 + clang-19 -O2, f(5): source 5, target 7);
//  - an i64 stored and loaded at byte 4 of an 8-aligned alloca (written `align 4`) was UB:
//    the same (native: 5 vs 7);
//  - a target writing the same load without its `{alignment = 4}` (the same LLVM IR) was
//    refuted ("misaligned").
// layout.ts implicitAlign / implicitAllocaAlign; a module stating the x86-64 data layout keeps
// x86-64's alignments (mlir-translate then writes `align 8` for the i64).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { opAttr, walk, type Operation } from '../../../compiler/mlir/ir.ts';
import { runTool } from '../../../compiler/toolchain/tools.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { implicitAlign, implicitAllocaAlign } from '../../../verifier/semantics/mlir/layout.ts';

const structI16 = `llvm.func @f(%x: i16) -> i16 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x !llvm.struct<(i8, i8)> : (i64) -> !llvm.ptr
  llvm.store %x, %a : i16, !llvm.ptr
  %v = llvm.load %a : !llvm.ptr -> i16
  llvm.return %v : i16
}`;
const ret = (w: number) => `llvm.func @f(%x: i${w}) -> i${w} {
  %r = llvm.mlir.constant(7 : i${w}) : i${w}
  llvm.return %r : i${w}
}`;
/** An i64 stored and loaded at byte 4 of an 8-aligned alloca, with `attr` on both accesses. */
const at4 = (attr: string) => `llvm.func @f(%x: i64) -> i64 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %a = llvm.alloca %one x !llvm.array<16 x i8> {alignment = 8 : i64} : (i64) -> !llvm.ptr
  %q = llvm.getelementptr %a[4] : (!llvm.ptr) -> !llvm.ptr, i8
  llvm.store %x, %q ${attr}: i64, !llvm.ptr
  %v = llvm.load %q ${attr}: !llvm.ptr -> i64
  llvm.return %v : i64
}`;
const x86 = (body: string) => `module attributes {llvm.data_layout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"} {
${body}
}`;

test('a struct alloca is 8-aligned (its preferred alignment): an i16 access is no UB', async () => {
  const v = await pairVerdict(structI16, ret(16));
  assert.match(v, /^refuted: (refuted: )?result slot 0: the source returns/, v);
  const same = await pairVerdict(structI16, structI16);
  assert.match(same, /^proved/, same);
});

test('an i64 access without an alignment attribute asks 4 (no data layout): at 4 mod 8 no UB', async () => {
  const v = await pairVerdict(at4(''), ret(64));
  assert.match(v, /^refuted: (refuted: )?result slot 0: the source returns/, v);
  // the same LLVM IR, written with and without the attribute
  const same = await pairVerdict(at4('{alignment = 4 : i64} '), at4(''));
  assert.match(same, /^proved/, same);
});

test('a module stating the x86-64 data layout keeps i64 at 8: the access at 4 mod 8 is UB', async () => {
  // the source is UB on every execution: refined by `return 7` (was `proved`), vacuously —
  // verifier/tv/vacuity.ts says so
  const v = await pairVerdict(x86(at4('')), x86(ret(64)));
  assert.match(v, /^unknown: unknown: vacuous: the source is UB on every execution/, v);
  const t = await pairVerdict(x86(at4('{alignment = 4 : i64} ')), x86(at4('')));
  assert.match(t, /^refuted: .*misaligned|^refuted: .*align/, t);
});

const TYPES = ['i1', 'i8', 'i16', 'i24', 'i32', 'i48', 'i64', 'i128', 'f16', 'f32', 'f64', '!llvm.ptr',
  '!llvm.struct<(i8, i8)>', '!llvm.struct<(i32, i64)>', '!llvm.struct<(i128)>', '!llvm.struct<packed (i8, i32)>',
  '!llvm.array<4 x i8>', '!llvm.array<3 x i64>', '!llvm.array<2 x struct<(i8)>>', '!llvm.array<2 x i128>'];

test('the alignments taken are the ones mlir-translate-19 writes (no data layout, and x86-64\'s)', async () => {
  const body = TYPES.map((t, i) => `  %a${i} = llvm.alloca %one x ${t} : (i64) -> !llvm.ptr
  %v${i} = llvm.load %a${i} : !llvm.ptr -> ${t}
  llvm.store %v${i}, %a${i} : ${t}, !llvm.ptr`).join('\n');
  const fn = `llvm.func @g() {\n  %one = llvm.mlir.constant(1 : i64) : i64\n${body}\n  llvm.return\n}`;
  for (const text of [`module {\n${fn}\n}`, x86(fn)]) {
    const ll = await runTool('translate', 'mlir-translate', ['--mlir-to-llvmir'], { input: text });
    const written = [...ll.matchAll(/^\s*%\d+ = (alloca|load) .*, align (\d+)$|^\s*(store) .*, align (\d+)$/gm)].map((m) => `${m[1] ?? m[3]} ${m[2] ?? m[4]}`);
    assert.is(written.length, TYPES.length * 3, ll);
    const m = parseMlir(text, 'align.mlir');
    moduleInfo(m); // (marks a stated layout's ops)
    const ops = [...walk(m.ops)].filter((o) => ['llvm.alloca', 'llvm.load', 'llvm.store'].includes(o.name));
    const typeOf = (o: Operation) => {
      if (o.name === 'llvm.alloca') {
        const e = opAttr(o, 'elem_type');
        return e?.kind === 'type' ? e.type : null;
      }
      return o.name === 'llvm.load' ? o.results[0]!.type : o.operands[0]!.type;
    };
    const ours = ops.map((o) => `${o.name.slice(5)} ${o.name === 'llvm.alloca' ? implicitAllocaAlign(o, typeOf(o)!) : implicitAlign(o, typeOf(o)!)}`);
    assert.equal(ours, written, text.slice(0, 40));
  }
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
