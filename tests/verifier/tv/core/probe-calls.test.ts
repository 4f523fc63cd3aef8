// Soundness probes (reviewer) of the Core -> MLIR check at Clef calls handed memory of the
// caller (stacks.ts, arena-calls.ts) or returning a span into it (span-calls.ts): hand-edited
// targets that a correct check must not prove. All held when written (2026-11-26).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';

const SOURCE = `
[<Requires("s.Length >= 4")>]
let fill (s: Span<int>) : int =
    s.[3] <- 7
    s.[0]

let user (x: int) : int =
    let p = NativePtr.stackalloc<int> 4
    let s = Span.ofPtr p 4
    s.[0] <- x
    let y = fill s
    s.[3] + y

[<Requires("s.Length >= 1")>]
let poke (a: Arena) (s: Span<int>) : int =
    s.[0] <- 5
    0

[<Requires("Arena.remaining a >= 64")>]
let handsBoth (a: Arena) (x: int) : int =
    let s = Arena.alloc<int> a 1
    s.[0] <- 0
    let y = poke a s
    s.[0] + y

[<Requires("Arena.remaining a >= 64")>]
let resetter (a: Arena) : int =
    Arena.reset a
    let t = Arena.alloc<int> a 1
    t.[0] <- 99
    0

[<Requires("Arena.remaining a >= 64")>]
let keepsValue (a: Arena) (x: int) : int =
    let s = Arena.alloc<int> a 1
    s.[0] <- x
    let v = s.[0]
    let y = resetter a
    v + y

let pick (a: Span<int>) (b: Span<int>) : Span<int> =
    if a.Length > 0 then a else b

[<Requires("n >= 1 && n <= 4")>]
let viaPick (x: int) (n: int) : int =
    let p = NativePtr.stackalloc<int> 4
    let q = NativePtr.stackalloc<int> 4
    let a = Span.ofPtr p n
    let b = Span.ofPtr q 4
    let r = pick a b
    r.[0] <- x
    a.[0]

let main _ = 0
`;

const core = frontEndText('probe-calls.clef', SOURCE).core;
const mlir = coreToMlir(core);

async function verdict(fn: string, edit: (t: string) => string = (t) => t): Promise<string> {
  const mod = parseMlir(edit(mlir), 'probe-calls.mutant.mlir');
  const v = await validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
  return `${v.verdict}: ${v.detail}`;
}

test('a stack array handed to a callee: the unmodified target is proved', async () => {
  assert.match(await verdict('user'), /^proved/);
});

test('a stack array element read before the call that writes it, used after: refuted', async () => {
  const v = await verdict('user', (t) =>
    mutate(
      mutate(t, 'user', /    %call_8 = func\.call @clef\.fill\(%sub_5\) : \(memref<\?xi64, strided<\[1\], offset: \?>>\) -> i64\n/, ''),
      'user', /(%11 = memref\.load %sub_5\[%10\] : memref<\?xi64, strided<\[1\], offset: \?>>\n)/, '$1    %call_8 = func.call @clef.fill(%sub_5) : (memref<?xi64, strided<[1], offset: ?>>) -> i64\n'));
  assert.match(v, /^refuted/, v);
});

test('a copy of the stack array handed to the callee instead of the array: not proved', async () => {
  const v = await verdict('user', (t) => mutate(t, 'user', '%call_8 = func.call @clef.fill(%sub_5)', `%tmp = memref.alloca() : memref<4xi64>
    %tv = memref.cast %tmp : memref<4xi64> to memref<?xi64, strided<[1], offset: ?>>
    memref.copy %sub_5, %tv : memref<?xi64, strided<[1], offset: ?>> to memref<?xi64, strided<[1], offset: ?>>
    %call_8 = func.call @clef.fill(%tv)`));
  assert.not.match(v, /^(proved|bounded)/, v);
});

test('a callee handed an Arena and a span of one of its allocations: not proved', async () => {
  const v = await verdict('handsBoth', (t) => mutate(t, 'handsBoth', /%22 = arith\.addi %21, %call_19 : i64/, '%22 = arith.addi %c0_17, %call_19 : i64'));
  assert.not.match(v, /^(proved|bounded)/, v);
});

test('a caller allocation read back after a callee that resets the arena and reuses its bytes: not proved', async () => {
  const v = await verdict('keepsValue', (t) => mutate(t, 'keepsValue', /%(\d+) = arith\.addi %(\d+), %call_(\d+) : i64/, '%late = memref.load %view_16[%19] : memref<?xi64, strided<[1], offset: ?>>\n    %$1 = arith.addi %late, %call_$3 : i64'));
  assert.not.match(v, /^(proved|bounded)/, v);
});

test('a span returned by a callee (one of two stack arrays): the caller is proved', async () => {
  assert.match(await verdict('viaPick'), /^proved/);
});

test('the caller writing through the other stack array than the returned span: refuted', async () => {
  const v = await verdict('viaPick', (t) => mutate(t, 'viaPick', /memref\.store %x_0, %call_(\d+)\[/, 'memref.store %x_0, %sub_10['));
  assert.match(v, /^refuted/, v);
});

test('the callee returning the other span than Core does: refuted (its own check)', async () => {
  const v = await verdict('pick', (t) => mutate(t, 'pick', 'scf.yield %a_0 : memref', 'scf.yield %b_1 : memref'));
  assert.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
