// Cut points with stack arrays handed to calls (issue 4, items 3 and 8; cut-query.ts R_j's
// stack part). Before, a function whose stackalloc block some Clef call was handed got no
// unbounded proof (`cut points: a stack array or arena allocation passed to a call`), so a
// loop with more iterations than the unrolling was bounded at best. Now R_j relates the Core
// block and its alloca at every loop head Core reaches with it allocated (Core's elements in
// the alloca's bytes, the alloca alive), checked on entry and on each back edge like the
// argument blocks, so the calls in the loop body are linked as in the bounded check.
//
// Cost (27 Nov, `/usr/bin/time nice -n 10 node --import tsx tests/verifier/tv/core/cut-stacks.test.ts`,
// per test: process.cpuUsage around each test, z3 units from the solver's onResult hook):
// was 16 tests, ~45-49 s CPU; its `loopy` (two arrays) needed 4.3-5.4 M units in one query
// of its calls part — at the 5 M limit with z3's context kept, over it with a fresh context
// per query (z3wasm.ts) — and four of its five mutants stopped by that limit (unknown), which
// shows nothing. Now `loopy` has one array (the same path: handed to two callees, one writing
// it, read-modify-written in the loop; 0.13 M units) and the two-array cases are `twoArrays`;
// every mutant's attempt stops at a sat part (asserted). 17 tests, ~19 s CPU (~28 s wall);
// the largest query 1.7 M units (`wide`'s mutant), so 5 M keeps a margin of ~3x.
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

[<Requires("s.Length >= 1")>]
let last (s: Span<int32>) : int32 = s.[s.Length - 1]

[<Requires("s.Length >= 1")>]
let lastB (s: Span<byte>) : int = int s.[s.Length - 1]

let loopy (n: int) : int =
    let buf = NativePtr.stackalloc<int32> 4
    let mutable acc = 0
    let mutable k = 0
    while k < n do
        fill buf 2 (int32 k)
        NativePtr.set buf 1 3l
        NativePtr.set buf 2 (NativePtr.get buf 2 + 1l)
        acc <- acc + int (sum2 (Span.ofPtr buf 4))
        k <- k + 1
    acc + int (NativePtr.get buf 2)

let twoArrays (n: int) : int =
    let a = NativePtr.stackalloc<int32> 4
    let b = NativePtr.stackalloc<int32> 4
    NativePtr.set b 3 5l
    let mutable acc = int (last (Span.ofPtr b 4))
    let mutable k = 0
    while k < n do
        acc <- acc + int (last (Span.ofPtr a 4))
        NativePtr.set a 3 (int32 k)
        k <- k + 1
    acc

let wide (n: int) : int =
    let buf = NativePtr.stackalloc<byte> 65
    let mutable acc = 0
    let mutable k = 0
    while k < n do
        acc <- acc + lastB (Span.ofPtr buf 65)
        NativePtr.set buf 64 (byte k)
        k <- k + 1
    acc

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

/** Per query 5 M units: the largest query here takes 1.7 M (measured 27 Nov, header). */
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

test('a stack array allocated before the loop and handed to two callees in it (one writes it), read-modify-written in the loop: proved for any length (was bounded: no cut-point proof)', async () => {
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

test('two stack arrays, both handed to a callee (one before the loop, one in it): proved for any length', async () => {
  const v = await verdict('twoArrays');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /any length/);
});

test('a stack array of 65 bytes (compared at a witness index, not every index) handed to a call in the loop: proved for any length', async () => {
  const v = await verdict('wide');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.detail, /any length/);
});

const STORE9 = `    %m9 = arith.constant 9 : i32\n    %mi = arith.constant 1 : index\n    memref.store %m9, %view_2[%mi] : ${VIEW}\n`;

const MUTANTS: [string, string, RegExp, string][] = [
  ['the alloca one element short', 'loopy', /memref\.alloca\(\) : memref<4xi32>\n(\s+%view_2 = memref\.cast %stack_1 : )memref<4xi32>/, 'memref.alloca() : memref<3xi32>\n$1memref<3xi32>'],
  ['last handed the other stack array after the first iteration', 'twoArrays', /%call_22 = func\.call @clef\.last\(%sub_21\)/, `%first_m = arith.cmpi eq, %k_19, %c0_13 : i64\n      %sub_m = memref.subview %view_4[0][%20][1] : ${VIEW} to ${VIEW}\n      %pick_m = arith.select %first_m, %sub_21, %sub_m : ${VIEW}\n      %call_22 = func.call @clef.last(%pick_m)`],
  ['the store into a[3] going to the other stack array after the first iteration', 'twoArrays', /memref\.store %26, %view_2\[%25\]/, `%first_m = arith.cmpi eq, %k_19, %c0_13 : i64\n      %pick_m = arith.select %first_m, %view_2, %view_4 : ${VIEW}\n      memref.store %26, %pick_m[%25]`],
  ['a store into the stack array in a loop Core only reads it in', 'frozen', /(      %14 = memref\.load %view_2\[%13\][^\n]*\n)/, `$1      %c7_m = arith.constant 7 : i32\n      memref.store %c7_m, %view_2[%13] : ${VIEW}\n`],
  ['a store through a reinterpret_cast of the alloca in iteration 1 of a loop Core only reads it in', 'frozen', /(      %17 = arith\.addi %k_11, %c1_12[^\n]*\n)/, `$1      %is1_m = arith.cmpi eq, %k_11, %c1_12 : i64\n      scf.if %is1_m {\n        %al_m = memref.reinterpret_cast %stack_1 to offset: [1], sizes: [1], strides: [1] : memref<4xi32> to memref<1xi32, strided<[1], offset: 1>>\n        %z_m = arith.constant 0 : index\n        %c9_m = arith.constant 9 : i32\n        memref.store %c9_m, %al_m[%z_m] : memref<1xi32, strided<[1], offset: 1>>\n      }\n`],
  ['the store of element 64 of 65 lost in iteration 1 (a witness index, not every index)', 'wide', /(memref\.store %17, %view_2\[%16\][^\n]*)/, `%c1_m = arith.constant 1 : i64\n      %ne_m = arith.cmpi ne, %k_9, %c1_m : i64\n      scf.if %ne_m {\n        $1\n      }`],
  ['a store into the stack array before the copy loops', 'withCopy', /(    %buf_16 = memref\.alloc[^\n]*\n)/, `$1${STORE9}`],
  ['the increment of buf[3] in the inner loop lost when j = 1', 'nested', /memref\.store %24, %view_2\[%20\] : [^\n]*/, `%c1_m = arith.constant 1 : i64\n        %ne_m = arith.cmpi ne, %j_16, %c1_m : i64\n        scf.if %ne_m {\n          memref.store %24, %view_2[%20] : ${VIEW}\n        }`],
];

// Each mutant's cut-point attempt must fail by a decided answer (a part sat: "does not hold"),
// not by running out of budget — a mutant stopped by the budget shows nothing about soundness.
for (const [what, fn, from, to] of MUTANTS) {
  test(`${what}: no unbounded proof (a part sat)`, async () => {
    const r = await cutProof(fn, (t) => mutate(t, fn, from, to));
    assert.ok(r, 'a cut-point attempt');
    assert.is(r!.proved, false, r!.why);
    assert.match(r!.why, /the simulation relation does not hold/);
  });
}

const mutant = (what: string) => MUTANTS.find((m) => m[0] === what)!;

test('a store into the stack array before the copy loops: refuted, replayed', async () => {
  const [, fn, from, to] = mutant('a store into the stack array before the copy loops');
  const v = await verdict(fn, (t) => mutate(t, fn, from, to));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('a store through a reinterpret_cast of the alloca in a loop Core only reads it in: refuted, replayed', async () => {
  const [, fn, from, to] = mutant('a store through a reinterpret_cast of the alloca in iteration 1 of a loop Core only reads it in');
  const v = await verdict(fn, (t) => mutate(t, fn, from, to));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
