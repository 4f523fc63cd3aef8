// Cut points with stack arrays handed to calls (issue 4, items 3 and 8; cut-query.ts R_j's
// stack part). Before, a function whose stackalloc block some Clef call was handed got no
// unbounded proof (`cut points: a stack array or arena allocation passed to a call`), so a
// loop with more iterations than the unrolling was bounded at best. Now R_j relates the Core
// block and its alloca at every loop head Core reaches with it allocated (Core's elements in
// the alloca's bytes, the alloca alive), checked on entry and on each back edge like the
// argument blocks, so the calls in the loop body are linked as in the bounded check.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { proveByCutpoints } from '../../../../verifier/tv/core/cut-validate.ts';
import { withRlimit } from '../../../helpers/effort.ts';
import { mutate } from './helpers.ts';

const SOURCE = `
[<Requires("n >= 0 && n <= NativePtr.extent p")>]
let fill (p: nativeptr<int32>) (n: int) (v: int32) : unit =
    let mutable i = 0
    while i < n do
        NativePtr.set p i v
        i <- i + 1

[<Requires("s.Length >= 2")>]
let sum2 (s: Span<int32>) : int32 = s.[0] + s.[1]

let loopy (n: int) : int =
    let buf = NativePtr.stackalloc<int32> 4
    let other = NativePtr.stackalloc<int32> 4
    fill other 1 9l
    let mutable acc = 0
    let mutable k = 0
    while k < n do
        fill buf 2 (int32 k)
        NativePtr.set buf 1 3l
        NativePtr.set buf 2 (NativePtr.get buf 2 + 1l)
        acc <- acc + int (sum2 (Span.ofPtr buf 4))
        k <- k + 1
    acc + int (NativePtr.get buf 2) + int (NativePtr.get other 0)

let frozen (n: int) : int =
    let buf = NativePtr.stackalloc<int32> 4
    fill buf 4 5l
    let mutable s = 0
    let mutable k = 0
    while k < n do
        s <- s + int (NativePtr.get buf 1)
        k <- k + 1
    s + int (sum2 (Span.ofPtr buf 4))

let withCopy (x: int) : int =
    let buf = NativePtr.stackalloc<int32> 4
    fill buf 2 7l
    Console.writeln ("v = " + Format.int x)
    int (sum2 (Span.ofPtr buf 4))

let later (n: int) : int =
    let mutable s = 0
    let mutable k = 0
    while k < n do
        s <- s + k
        k <- k + 1
    let buf = NativePtr.stackalloc<int32> 4
    fill buf 2 (int32 s)
    int (sum2 (Span.ofPtr buf 4))

let nested (n: int) : int =
    let buf = NativePtr.stackalloc<int32> 4
    let mutable acc = 0
    let mutable i = 0
    while i < n do
        let mutable j = 0
        while j < 2 do
            fill buf 2 (int32 j)
            NativePtr.set buf 3 (NativePtr.get buf 3 + 1l)
            acc <- acc + int (sum2 (Span.ofPtr buf 4))
            j <- j + 1
        i <- i + 1
    acc + int (NativePtr.get buf 3)
`;

const core = frontEndText('cut-stacks.clef', SOURCE).core;
const mlir = coreToMlir(core);
const VIEW = 'memref<?xi32, strided<[1], offset: ?>>';

/** Per query 5 M units: the proofs' parts take 2 k - 0.2 M each (measured 27 Nov). */
const RL = 5_000_000;

async function verdict(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'cut-stacks.mutant.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 60_000 }), RL);
}

/** The unbounded proof alone (no bounded check after it): `proved` only if every part is unsat. */
async function cutProof(fn: string, edit: (t: string) => string) {
  const mod = parseMlir(edit(mlir), 'cut-stacks.mutant.mlir');
  const info = moduleInfo(mod);
  return withRlimit(() => proveByCutpoints(core, core.functions.find((f) => f.name === fn)!, info, info.funcs.get(`clef.${fn}`)!, { unroll: 2, timeoutMs: 60_000 }), RL);
}

test('a stack array allocated before the loop and handed to two callees in it: proved for any length (was bounded: no cut-point proof)', async () => {
  const v = await verdict('loopy');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /any length/);
});

test('a loop that only reads the stack array, a call after it: proved for any length', async () => {
  const v = await verdict('frozen');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /any length/);
});

test('a stack array across copy loops of the target (a concatenation, no Core loop): proved for any length (was refused)', async () => {
  const v = await verdict('withCopy');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /any length/);
});

test('a stack array allocated after the loop (not related at its head), handed to a call: proved for any length', async () => {
  const v = await verdict('later');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /any length/);
});

test('a stack array handed to calls in an inner loop: proved for any length (related at both heads)', async () => {
  const v = await verdict('nested');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /any length/);
});

const STORE9 = `    %m9 = arith.constant 9 : i32\n    %mi = arith.constant 1 : index\n    memref.store %m9, %view_2[%mi] : ${VIEW}\n`;

const MUTANTS: [string, string, RegExp, string][] = [
  ['the alloca one element short', 'loopy', /memref\.alloca\(\) : memref<4xi32>\n(\s+%view_2 = memref\.cast %stack_1 : )memref<4xi32>/, 'memref.alloca() : memref<3xi32>\n$1memref<3xi32>'],
  ['the store of buf[1] moved after the call of sum2', 'loopy', /(      memref\.store %c3_17, %view_2\[%16\][^\n]*\n)([\s\S]*?%call_26 = [^\n]*\n)/, '$2$1'],
  ['fill handed the other stack array in the loop', 'loopy', /func\.call @clef\.fill\(%view_2, %c2_14/, 'func.call @clef.fill(%view_4, %c2_14'],
  ['the increment of buf[2] lost in iteration 5', 'loopy', /memref\.store %22, %view_2\[%18\] : [^\n]*/, `%c5_m = arith.constant 5 : i64\n      %ne_m = arith.cmpi ne, %k_13, %c5_m : i64\n      scf.if %ne_m {\n        memref.store %22, %view_2[%18] : ${VIEW}\n      }`],
  ['a store into the other stack array in the loop', 'loopy', /(      memref\.store %c3_17, %view_2\[%16\][^\n]*\n)/, `$1      memref.store %c3_17, %view_4[%16] : ${VIEW}\n`],
  ['a store into the stack array in a loop Core only reads it in', 'frozen', /(      %14 = memref\.load %view_2\[%13\][^\n]*\n)/, `$1      %c7_m = arith.constant 7 : i32\n      memref.store %c7_m, %view_2[%13] : ${VIEW}\n`],
  ['a store into the stack array before the copy loops', 'withCopy', /(    %buf_16 = memref\.alloc[^\n]*\n)/, `$1${STORE9}`],
  ['the increment of buf[3] in the inner loop lost when j = 1', 'nested', /memref\.store %24, %view_2\[%20\] : [^\n]*/, `%c1_m = arith.constant 1 : i64\n        %ne_m = arith.cmpi ne, %j_16, %c1_m : i64\n        scf.if %ne_m {\n          memref.store %24, %view_2[%20] : ${VIEW}\n        }`],
  ['a store into the stack array after the Console call', 'withCopy', /(    func\.call @clef_writeln\(%buf_16\)[^\n]*\n)/, `$1${STORE9}`],
];

for (const [what, fn, from, to] of MUTANTS) {
  test(`${what}: no unbounded proof`, async () => {
    const r = await cutProof(fn, (t) => mutate(t, fn, from, to));
    assert.ok(r, 'a cut-point attempt');
    assert.is(r!.proved, false, r!.why);
  });
}

test('a store into the stack array before the copy loops: refuted, replayed', async () => {
  const v = await verdict('withCopy', (t) => mutate(t, 'withCopy', MUTANTS[6]![2], MUTANTS[6]![3]));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('fill handed the other stack array in the loop: refuted, replayed', async () => {
  const v = await verdict('loopy', (t) => mutate(t, 'loopy', MUTANTS[2]![2], MUTANTS[2]![3]));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
