// Stack arrays handed to Clef calls (core-calls engineer, stacks.ts). Before, any call
// passing a NativePtr.stackalloc block (or a span over one) was `unsupported: a call passing
// memory that is not an argument block or a static` (six corpus mains). Now the Core block is
// related to its memref.alloca at the calls: the callee gets the same words and elements on
// both sides, and both read back what it left.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';
// the symbolic check of functions without inputs (closed-run.test.ts checks them by their one execution)
process.env.FIDELITY_CLOSED_RUN = 'off';

const SOURCE = `
[<Requires("n >= 0 && n <= NativePtr.extent p")>]
let fill (p: nativeptr<int32>) (n: int) : unit =
    let mutable i = 0
    while i < n do
        NativePtr.set p i (int32 i)
        i <- i + 1

[<Requires("s.Length >= 2")>]
let sum2 (s: Span<int32>) : int32 = s.[0] + s.[1]

let main _ =
    let buf = NativePtr.stackalloc<int32> 4
    let other = NativePtr.stackalloc<int32> 4
    fill buf 4
    NativePtr.set buf 1 7l
    NativePtr.set other 0 9l
    let t = sum2 (Span.ofPtr buf 4)
    int (NativePtr.get buf 3) + int t + int (NativePtr.get other 0)

let withText () : int =
    let buf = NativePtr.stackalloc<int32> 4
    fill buf 4
    Console.writeln (Format.int 3)
    int (sum2 (Span.ofPtr buf 4))

let cond (c: bool) : int =
    if c then
        let p = NativePtr.stackalloc<int32> 2
        int (sum2 (Span.ofPtr p 2))
    else 0
`;

const core = frontEndText('stacks.clef', SOURCE).core;
const mlir = coreToMlir(core);

async function verdict(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'stacks.mutant.mlir');
  return validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
}

test('two stack arrays, one handed to a writer and a reader: proved (was unsupported)', async () => {
  const v = await verdict('main');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test('the writer handed the other stack array: refuted, replayed', async () => {
  const v = await verdict('main', (t) => mutate(t, 'main', /func\.call @clef\.fill\(%view_3,/, 'func.call @clef.fill(%view_5,'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('a store into the array before the reader at a wrong index: refuted, replayed', async () => {
  const v = await verdict('main', (t) => mutate(t, 'main', /%c1_7 = arith\.constant 1 : i64/, '%c1_7 = arith.constant 2 : i64'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('the reader handed a slice at offset 1: refuted, replayed', async () => {
  const v = await verdict('main', (t) => mutate(t, 'main', /memref\.subview %view_3\[0\]\[%13\]/, 'memref.subview %view_3[1][%13]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('a stack array kept across Format and Console calls (they write only their buffer): proved (was unknown)', async () => {
  const v = await verdict('withText');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test('a store into the stack array after the Format call: refuted, replayed', async () => {
  const v = await verdict('withText', (t) => mutate(t, 'withText', /(%len_\d+ = func\.call @clef_fmt_i64\([^\n]*\n)/, '$1    %mx = arith.constant 9 : i32\n    %mi = arith.constant 1 : index\n    memref.store %mx, %view_1[%mi] : memref<?xi32, strided<[1], offset: ?>>\n'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('a stack array allocated under a branch stays unsupported, with the reason', async () => {
  const v = await verdict('cond');
  assert.is(v.verdict, 'unsupported');
  assert.match(v.detail, /under a branch or in a loop/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
