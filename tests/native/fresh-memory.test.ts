// Fresh memory reads as zero in Clef (the reference interpreter, Array.zeroCreate, the
// Core symbolic semantics): stack memory from NativePtr.stackalloc, arena memory from
// Arena.alloc (also after Arena.reset, where the bytes were used before) and region memory
// from Region.alloc. Native code must agree: each program reads memory it never wrote after
// the same addresses held non-zero values (an earlier call's frame at the same stack depth,
// the arena before its reset, a released region's heap block), compiled with the real
// mlir-opt pipeline and clang -O2, and its output must be the interpreter's.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCore } from '../../verifier/semantics/run.ts';
import { coreOf, compileCore, pool, run, type RunResult } from '../compiler/codegen/helpers.ts';

type Case = { name: string; source: string; out: string[]; args?: string[] };

const cases: Case[] = [
  {
    name: 'arena-after-reset',
    // the second allocation covers the bytes the first one wrote before the reset
    source: `
let main (argv: Span<string>) =
    let a = Arena.create 64
    let s = Arena.alloc<int> a 4
    for i in 0 .. 3 do
        s.[i] <- 5 + i + argv.Length
    Arena.reset a
    let t = Arena.alloc<int> a 4
    Console.writeln (Format.int t.[0] + " " + Format.int t.[1] + " " + Format.int t.[2] + " " + Format.int t.[3])
    0
`,
    out: ['0 0 0 0'],
  },
  {
    name: 'arena-reset-other-type',
    // bytes written as int64 come back as bytes and as int32 of a later allocation
    source: `
let fill (a: Arena) (k: int) =
    let s = Arena.alloc<int> a 6
    for i in 0 .. 5 do
        s.[i] <- -1 - i * k
    s.[5]

let main (argv: Span<string>) =
    let a = Arena.create 128
    let x = fill a (argv.Length + 3)
    Arena.reset a
    let b = Arena.alloc<byte> a 5
    let w = Arena.alloc<int32> a 4
    let mutable sum = 0
    for i in 0 .. 4 do
        sum <- sum + int b.[i]
    for i in 0 .. 3 do
        sum <- sum + int w.[i]
    Console.writeln ("sum " + Format.int sum + " last " + Format.int x)
    0
`,
    out: ['sum 0 last -16'],
  },
  {
    name: 'stackalloc-after-dirty-frame',
    // dirty leaves its values in the stack at the depth where fresh allocates next
    source: `
let dirty (k: int) : int =
    let p = NativePtr.stackalloc<int> 32
    for i in 0 .. 31 do
        NativePtr.set p i (k * 7 + i)
    let mutable s = 0
    for i in 0 .. 31 do
        s <- s + NativePtr.get p ((i * 5 + k) % 32)
    s

let fresh (k: int) : int =
    let p = NativePtr.stackalloc<int> 32
    NativePtr.set p (k % 32) 1
    let mutable s = 0
    for i in 0 .. 31 do
        s <- s + NativePtr.get p i
    s

let main (argv: Span<string>) =
    let a = dirty (argv.Length + 1000)
    let b = fresh (argv.Length + 3)
    Console.writeln ("dirty " + Format.int a + " fresh " + Format.int b)
    0
`,
    out: ['dirty 224496 fresh 1'],
  },
  {
    name: 'stackalloc-dynamic-count',
    // a count known only at run time (memref.alloca with a dynamic size)
    source: `
let dirty (n: int) : int =
    let p = NativePtr.stackalloc<int64> n
    for i in 0 .. n - 1 do
        NativePtr.set p i (int64 (i + 12345))
    NativePtr.get p (n - 1) |> int

let fresh (n: int) : int =
    let p = NativePtr.stackalloc<int64> n
    let q = NativePtr.stackalloc<bool> n
    let mutable s = 0
    for i in 0 .. n - 1 do
        s <- s + int (NativePtr.get p i)
        if NativePtr.get q i then s <- s + 1000
    s

let main (argv: Span<string>) =
    let n = 24 + argv.Length
    let a = dirty n
    let b = fresh n
    Console.writeln ("dirty " + Format.int a + " fresh " + Format.int b)
    0
`,
    out: ['dirty 12368 fresh 0'],
  },
  {
    name: 'region-after-release',
    // the second region's block is likely the first one's, freed on release
    source: `
let dirty (k: int) : int =
    use r = Region.create ()
    let s = Region.alloc<int> r 64
    for i in 0 .. 63 do
        s.[i] <- k + i
    s.[63]

let fresh (k: int) : int =
    use r = Region.create ()
    let s = Region.alloc<int> r 64
    let t = Region.alloc<float> r 8
    let mutable sum = 0
    for i in 0 .. 63 do
        sum <- sum + s.[i]
    for i in 0 .. 7 do
        if t.[i] <> 0.0 then sum <- sum + 1
    sum + k

let main (argv: Span<string>) =
    let a = dirty (argv.Length + 77)
    let b = fresh argv.Length
    Console.writeln ("dirty " + Format.int a + " fresh " + Format.int b)
    0
`,
    out: ['dirty 140 fresh 0'],
  },
];

function interpret(c: Case): string {
  let out = '';
  const r = runCore(coreOf(c.source), { checks: true, args: c.args ?? [], stdin: '', write: (s) => (out += s) });
  if ('violation' in r) return `violation ${r.violation.category}`;
  return out;
}

const results: Promise<(RunResult | { error: string })[]> = pool(cases, 2, async (c) => {
  try {
    return await run(await compileCore(coreOf(c.source), c.name), { args: c.args ?? [] });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
});

cases.forEach((c, i) => {
  test(`fresh memory reads as zero natively: ${c.name}`, async () => {
    const expected = [...c.out, ''].join('\n');
    assert.is(interpret(c), expected, 'the interpreter');
    const r = (await results)[i]!;
    if ('error' in r) return assert.unreachable(r.error);
    assert.is(r.stdout, expected, 'native');
    assert.is(r.code, 0, r.stderr);
  });
});

test.run();
