// Clef programs compiled natively (core-to-mlir, the real mlir-opt pipeline, clang) and
// run: the output and exit code worked out by hand for each (the comments in the sources
// say what the edge is), and the reference interpreter (`--no-checks`, the semantics
// native code has) must agree on every one of them too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCore } from '../../../verifier/semantics/run.ts';
import { coreOf, compileCore, pool, run, type RunResult } from './helpers.ts';

type Case = {
  name: string;
  what: string;
  source: string;
  out: string[];
  code: number;
  stdin?: string;
  args?: string[];
  /** Expected stderr (exact), for the programs that stop with a runtime error. */
  stderr?: string;
};

const cases: Case[] = [
  {
    name: "ints",
    what: "integers: masked shifts of every width, unsigned division and comparison, narrowing and widening, float and char conversions",
    source: `
let show (label: string) (v: int) = Console.writeln (label + " " + Format.int v)
let showU (label: string) (v: uint64) = Console.writeln (label + " " + Format.uint64 v)
let showB (label: string) (v: bool) = Console.writeln (label + " " + Format.bool v)

let shl64 (x: int) (n: int) : int = x <<< n
let shr64 (x: int) (n: int) : int = x >>> n
let shr8 (x: int8) (n: int) : int8 = x >>> n
let shru8 (x: byte) (n: int) : byte = x >>> n
let shl16 (x: int16) (n: int) : int16 = x <<< n
let shru64 (x: uint64) (n: int) : uint64 = x >>> n
let divu (a: uint32) (b: uint32) : uint32 = a / b
let remu (a: uint32) (b: uint32) : uint32 = a % b
let divs (a: int32) (b: int32) : int32 = a / b
let rems (a: int32) (b: int32) : int32 = a % b
let ltu (a: uint64) (b: uint64) : bool = a < b
let lts (a: int64) (b: int64) : bool = a < b
let geu8 (a: byte) (b: byte) : bool = a >= b
let wrapAdd (a: int) (b: int) : int = Wrapping.add a b
let neg8 (a: int8) : int8 = -a
let notU16 (a: uint16) : uint16 = ~~~a

let main _ =
    show "1<<<65" (shl64 1 65)
    show "1<<<64" (shl64 1 64)
    show "1<<<-1" (shl64 1 (-1))
    show "-16>>>2" (shr64 (-16) 2)
    show "-128y>>>9" (int (shr8 (-128y) 9))
    show "-1y>>>7" (int (shr8 (-1y) 7))
    show "200uy>>>9" (int (shru8 200uy 9))
    show "1s<<<17" (int (shl16 1s 17))
    show "1s<<<15" (int (shl16 1s 15))
    showU "max>>>63" (shru64 0xFFFFFFFFFFFFFFFFUL 63)
    showU "max>>>64" (shru64 0xFFFFFFFFFFFFFFFFUL 64)
    showU "4e9/3" (uint64 (divu 4000000000u 3u))
    showU "4e9%7" (uint64 (remu 4000000000u 7u))
    show "-7/2" (int (divs (-7l) 2l))
    show "-7%2" (int (rems (-7l) 2l))
    show "7%-3" (int (rems 7l (-3l)))
    showB "max<1u" (ltu 0xFFFFFFFFFFFFFFFFUL 1UL)
    showB "-1<1s" (lts (-1L) 1L)
    showB "200>=100uy" (geu8 200uy 100uy)
    show "max+1" (wrapAdd 9223372036854775807 1)
    show "-(-128y)" (int (neg8 (-128y)))
    show "~~~0us" (int (notU16 0us))
    show "int8 300" (int (int8 300))
    show "byte -1" (int (byte (-1)))
    show "uint16 70000" (int (uint16 70000))
    show "uint32 -1" (int (uint32 (-1)))
    show "int64 (int32 -5)" (int (int64 (-5l)))
    showU "uint64 (int8 -1)" (uint64 (-1y))
    show "int (byte 200)" (int (byte 200))
    show "int 3.99" (int 3.99)
    show "int -3.99" (int (-3.99))
    show "byte 3.7" (int (byte 3.7))
    Console.writeln ("float max " + Format.float (float 0xFFFFFFFFFFFFFFFFUL))
    Console.writeln ("float -1 " + Format.float (float (-1)))
    Console.writeln ("widened 0.1f " + Format.float (float (float32 0.1)))
    Console.writeln ("char 65 " + Format.char (char 65))
    show "int e-acute" (int 'é')
    Console.writeln ("chars " + Format.char 'é' + Format.char (char 0x1F600) + Format.char (char 0xD800))
    show "len" (String.length ("é" + Format.char (char 0x1F600)))
    300
`,
    out: [
      "1<<<65 2",
      "1<<<64 1",
      "1<<<-1 -9223372036854775808",
      "-16>>>2 -4",
      "-128y>>>9 -64",
      "-1y>>>7 -1",
      "200uy>>>9 100",
      "1s<<<17 2",
      "1s<<<15 -32768",
      "max>>>63 1",
      "max>>>64 18446744073709551615",
      "4e9/3 1333333333",
      "4e9%7 3",
      "-7/2 -3",
      "-7%2 -1",
      "7%-3 1",
      "max<1u false",
      "-1<1s true",
      "200>=100uy true",
      "max+1 -9223372036854775808",
      "-(-128y) -128",
      "~~~0us 65535",
      "int8 300 44",
      "byte -1 255",
      "uint16 70000 4464",
      "uint32 -1 4294967295",
      "int64 (int32 -5) -5",
      "uint64 (int8 -1) 18446744073709551615",
      "int (byte 200) 200",
      "int 3.99 3",
      "int -3.99 -3",
      "byte 3.7 3",
      "float max 18446744073709552000",
      "float -1 -1",
      "widened 0.1f 0.10000000149011612",
      "char 65 A",
      "int e-acute 233",
      "chars é😀�",
      "len 6",
    ],
    code: 44,
  },
  {
    name: "agg",
    what: "records, tuples, unions and options through calls, ifs, loops and equality; strings",
    source: `
type Shape =
    | Circle of r: int
    | Rect of w: int * h: int
    | Label of string
    | Empty

type P = { X: int; Y: float; Name: string }

let arr = [| 4; 8; 15; 16; 23; 42 |]

let area (s: Shape) : int =
    match s with
    | Circle r -> 3 * r * r
    | Rect (w, h) -> w * h
    | Label t -> String.length t
    | Empty -> 0

let move (p: P) (dx: int) : P = { p with X = p.X + dx; Name = p.Name + "'" }

let divmod (a: int) (b: int) : int * int = (a / b, a % b)

let find (s: Span<int>) (v: int) : int option =
    let mutable r = None
    let mutable i = 0
    while i < s.Length do
        if s.[i] = v && r = None then r <- Some i
        i <- i + 1
    r

let describe (o: int option) : string =
    match o with
    | Some i -> "at " + Format.int i
    | None -> "absent"

let walk (n: int) : P * Shape =
    let mutable p = { X = 0; Y = 0.5; Name = "p" }
    let mutable s = Empty
    for i in 1 .. n do
        p <- move p i
        s <- (if i % 2 = 0 then Circle i elif i = 5 then Label "five" else Rect (i, p.X))
    (p, s)

let pick (c: bool) (a: string) (b: string) : string = if c then a else b
let say (c: bool) (a: string) (b: string) = if c then Console.writeln a else Console.writeln b

let checked (r: Result<int, string>) : string =
    match r with
    | Ok v when v > 10 -> "big " + Format.int v
    | Ok v -> "ok " + Format.int v
    | Error e -> "error " + e

let main _ =
    let (q, r) = divmod 47 5
    Console.writeln ("divmod " + Format.int q + " " + Format.int r)
    Console.writeln ("find 15 " + describe (find arr 15) + ", find 7 " + describe (find arr 7))
    let (p, s) = walk 4
    Console.writeln (p.Name + " " + Format.int p.X + " " + Format.float p.Y + " area " + Format.int (area s))
    let (p5, s5) = walk 5
    Console.writeln (p5.Name + " " + Format.int p5.X + " area " + Format.int (area s5))
    Console.writeln ("shapes equal " + Format.bool (Rect (2, 3) = Rect (2, 3)) + " " + Format.bool (Rect (2, 3) = Rect (3, 2)) + " " + Format.bool (Circle 0 = Empty))
    Console.writeln ("records equal " + Format.bool (move p 0 = move p 0) + " " + Format.bool (p = move p 0))
    Console.writeln ("tuples " + Format.bool ((1, "a") = (1, "a")) + " " + Format.bool ((1, "a") <> (1, "b")))
    Console.writeln (pick true "left" "right" + " " + pick false "left" "right")
    say true "said yes" "said no"
    say false "said yes" "said no"
    Console.writeln (checked (Ok 12) + ", " + checked (Ok 3) + ", " + checked (Error "bad"))
    Console.writeln ("strings " + Format.bool ("abc" = "ab" + "c") + " " + Format.bool ("abc" <> "abd") + " " + Format.bool ("" = ""))
    let mutable acc = ""
    let mutable k = 0
    while k < 3 do
        acc <- acc + Format.int k
        k <- k + 1
    Console.writeln ("acc " + acc)
    let code = -1
    code
`,
    out: [
      "divmod 9 2",
      "find 15 at 2, find 7 absent",
      "p'''' 10 0.5 area 48",
      "p''''' 15 area 4",
      "shapes equal true false false",
      "records equal true false",
      "tuples true true",
      "left right",
      "said yes",
      "said no",
      "big 12, ok 3, error bad",
      "strings true true true",
      "acc 012",
    ],
    code: 255,
  },
  {
    name: "mem",
    what: "stack memory, pointers, spans and slices, statics, arenas with alignment and reset, regions with copyOut",
    source: `
[<Struct>]
type Cell = { A: int32; B: byte }

let table = [| 1; 2; 3 |]
let zs = Array.zeroCreate<int> 5
let flags = [| true; false; true |]
let ratios = [| 0.5; -1.25 |]

let show (label: string) (v: int) = Console.writeln (label + " " + Format.int v)

let sum (s: Span<int>) : int =
    let mutable t = 0
    for i in 0 .. s.Length - 1 do
        t <- t + s.[i]
    t

let bump () =
    table.[0] <- table.[0] + 10
    zs.[4] <- 7

let fill (a: Arena) (n: int) : Span<Cell> =
    let cells = Arena.alloc<Cell> a n
    for i in 0 .. n - 1 do
        cells.[i] <- { A = int32 (i * 1000); B = byte (i + 1) }
    cells

let regionSum (n: int) (a: Arena) : Span<int> =
    use r = Region.create ()
    let big = Region.alloc<int> r n
    for i in 0 .. n - 1 do
        big.[i] <- i
    show "region sum" (sum big)
    Region.copyOut a (Span.slice big (n - 3) 3)

let main _ =
    let p = NativePtr.stackalloc<int> 8
    for i in 0 .. 7 do
        NativePtr.set p i (i * i)
    let q = NativePtr.add p 3
    show "q[0]" (NativePtr.get q 0)
    show "read q" (NativePtr.read (NativePtr.add q 1))
    NativePtr.write q 99
    show "p[3]" (NativePtr.get p 3)
    let s = Span.ofPtr p 8
    let t = Span.slice s 2 5
    let u = Span.slice t 1 3
    show "sum u" (sum u)
    show "len u" u.Length
    u.[0] <- 100
    show "s[3]" s.[3]
    bump ()
    bump ()
    show "table" (sum table)
    show "zs" (sum zs)
    Console.writeln ("flags " + Format.bool flags.[0] + Format.bool flags.[1] + " ratio " + Format.float ratios.[1])
    let a = Arena.create 64
    let b = Arena.alloc<byte> a 3
    show "after 3 bytes" (Arena.remaining a)
    let w = Arena.alloc<int32> a 2
    show "after 2 int32" (Arena.remaining a)
    let x = Arena.alloc<int64> a 1
    show "after 1 int64" (Arena.remaining a)
    b.[0] <- 255uy
    b.[2] <- 7uy
    w.[0] <- -5l
    w.[1] <- 6l
    x.[0] <- 1L <<< 40
    show "arena values" (int b.[0] + int b.[2] + int w.[0] + int w.[1])
    show "int64" (int x.[0])
    Arena.reset a
    show "reset" (Arena.remaining a)
    let cells = fill a 3
    show "after cells" (Arena.remaining a)
    show "cell 2" (int cells.[2].A + int cells.[2].B)
    let bytes = Arena.alloc<byte> a 1
    bytes.[0] <- 0uy
    show "cell 2 again" (int cells.[2].A + int cells.[2].B)
    let copied = regionSum 1000 a
    show "copied" (sum copied)
    show "final" (Arena.remaining a)
    0
`,
    out: [
      "q[0] 9",
      "read q 16",
      "p[3] 99",
      "sum u 140",
      "len u 3",
      "s[3] 100",
      "table 26",
      "zs 7",
      "flags truefalse ratio -1.25",
      "after 3 bytes 61",
      "after 2 int32 52",
      "after 1 int64 40",
      "arena values 263",
      "int64 1099511627776",
      "reset 64",
      "after cells 40",
      "cell 2 2003",
      "cell 2 again 2003",
      "region sum 499500",
      "copied 2994",
      "final 8",
    ],
    code: 0,
  },
  {
    name: 'floats',
    what: 'float32 arithmetic, float % (fmod), NaN and -0 comparisons, infinities, narrowing to float32',
    source: `
let show (label: string) (v: float) = Console.writeln (label + " " + Format.float v)
let showB (label: string) (v: bool) = Console.writeln (label + " " + Format.bool v)

let mad (a: float32) (b: float32) : float32 = a * b + 0.5f
let rem (a: float) (b: float) : float = a % b
let lt (a: float) (b: float) : bool = a < b
let ne (a: float) (b: float) : bool = a <> b
let eq (a: float) (b: float) : bool = a = b
let half (a: float32) : float = float a / 2.0
let ulp (a: float) : float32 = float32 a

let main _ =
    let nan = 0.0 / 0.0
    show "mad" (float (mad 0.1f 3.0f))
    show "rem" (rem 7.5 2.0)
    show "rem neg" (rem (-7.5) 2.0)
    show "neg zero" (-0.0 * 1.0)
    show "inf" (1.0 / 0.0)
    show "-inf" (-1.0 / 0.0)
    show "nan" nan
    showB "nan < 1" (lt nan 1.0)
    showB "nan <> nan" (ne nan nan)
    showB "nan = nan" (eq nan nan)
    showB "0 = -0" (eq 0.0 (-0.0))
    show "half" (half 3.0f)
    show "narrowed" (float (ulp 0.1))
    show "big" (float (ulp 1e39))
    show "sum" (0.1 + 0.2)
    show "int64 max" (float 9223372036854775807L)
    show "tiny" (5e-324 / 2.0)
    0
`,
    out: [
      "mad 0.800000011920929",
      "rem 1.5",
      "rem neg -1.5",
      "neg zero -0",
      "inf Infinity",
      "-inf -Infinity",
      "nan NaN",
      "nan < 1 false",
      "nan <> nan true",
      "nan = nan false",
      "0 = -0 true",
      "half 1.5",
      "narrowed 0.10000000149011612",
      "big Infinity",
      "sum 0.30000000000000004",
      "int64 max 9223372036854776000",
      "tiny 0",
    ],
    code: 0,
  },
  {
    name: 'io',
    what: 'argv (a window on the command line), slices of it, Console.write and readln (line ends stripped, "" at end of input), exit code',
    source: `
let main argv =
    Console.write "args:"
    for i in 0 .. argv.Length - 1 do
        Console.write (" [" + argv.[i] + "]")
    Console.writeln ""
    let rest = Span.slice argv 1 (argv.Length - 1)
    Console.writeln ("rest " + Format.int rest.Length + " first " + rest.[0])
    let a = Console.readln ()
    let b = Console.readln ()
    let c = Console.readln ()
    Console.writeln (b + "|" + a + "|" + c + "|" + Format.int (String.length c))
    argv.Length
`,
    args: ['first arg', 'x y', 'é'],
    stdin: 'line one\r\nline two\n',
    out: ['args: [first arg] [x y] [é]', 'rest 2 first x y', 'line two|line one||0'],
    code: 3,
  },
  {
    name: 'trap_div',
    what: 'a zero divisor stops the program as the interpreter does (output so far flushed, message, exit 70)',
    source: `
let d (a: int) (b: int) : int = a / b
let main _ =
    Console.writeln "before"
    Console.writeln (Format.int (d 7 0))
    0
`,
    out: ['before'],
    code: 70,
    stderr: 'runtime error: div-by-zero at t.clef:1:33: division by zero in /\n',
  },
  {
    name: 'trap_min',
    what: 'MinValue % -1 stops with overflow; x % -1 otherwise is 0',
    source: `
let d (a: int32) (b: int32) : int32 = a % b
let main _ =
    Console.writeln ("ok " + Format.int (int (d 7l (-1l))))
    Console.writeln (Format.int (int (d (-2147483647l - 1l) (-1l))))
    0
`,
    out: ['ok 0'],
    code: 70,
    stderr: 'runtime error: overflow at t.clef:1:39: MinValue % -1 overflows\n',
  },
  {
    name: 'trap_match',
    what: 'a value no case of a match covers stops with match-exhaustive',
    source: `
let f (x: int) : int =
    match x with
    | 1 -> 10
    | 2 -> 20
let main _ =
    Console.writeln (Format.int (f 2))
    Console.writeln (Format.int (f 3))
    0
`,
    out: ['20'],
    code: 70,
    stderr: 'runtime error: match-exhaustive at t.clef:2:5: no case of the match applies\n',
  },
];

function interpret(c: Case): { out: string; code: number | string } {
  let out = '';
  const r = runCore(coreOf(c.source), { checks: false, args: c.args ?? [], stdin: c.stdin ?? '', write: (s) => (out += s) });
  return { out, code: 'violation' in r ? `${r.violation.category} at ${r.violation.span.line}:${r.violation.span.col}` : r.exitCode };
}

// Build and run everything up front, two at a time; each test then awaits its result.
const results: Promise<(RunResult | { error: string })[]> = pool(cases, 2, async (c) => {
  try {
    return await run(await compileCore(coreOf(c.source), c.name), { stdin: c.stdin, args: c.args });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
});

cases.forEach((c, i) => {
  test(`native ${c.name}: ${c.what}`, async () => {
    const r = (await results)[i]!;
    if ('error' in r) return assert.unreachable(r.error);
    assert.equal(r.stdout.split('\n'), [...c.out, '']);
    assert.is(r.code, c.code, r.stderr);
    if (c.stderr !== undefined) assert.is(r.stderr, c.stderr);
    const ref = interpret(c);
    assert.is(ref.out, r.stdout, 'the interpreter prints the same');
    if (c.stderr === undefined) assert.is(ref.code, c.code, 'the interpreter exits the same');
    else assert.ok(String(ref.code).startsWith(/^runtime error: (\S+)/.exec(c.stderr)![1]!), `the interpreter stops the same way (${ref.code})`);
  });
});

test.run();
