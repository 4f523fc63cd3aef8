import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertFullyAnnotated, binding, check, exprs, names, show, varType } from './helpers.ts';

test('top-level function: annotated params, inferred return type', () => {
  const { prog } = check(`
    let add (a: int32) (b: int32) = a + b
  `);
  assert.is(show(binding(prog, 'add').pat.ty), 'int32 -> int32 -> int32');
  assertFullyAnnotated(prog);
});

test('locals are inferred; unsuffixed literals are int', () => {
  const { prog } = check(`
    let f (n: int) : int =
        let x = 5
        let y = x * n
        let s = "a" + "b"
        let c = 'c'
        let d = 2.5
        let e = 1.5f
        let t = (x, s)
        y
  `);
  assert.is(varType(prog, 'x'), 'int');
  assert.is(varType(prog, 'y'), 'int');
  assert.is(varType(prog, 's'), 'string');
  assert.is(varType(prog, 'c'), 'char');
  assert.is(varType(prog, 'd'), 'float');
  assert.is(varType(prog, 'e'), 'float32');
  assert.is(varType(prog, 't'), 'int * string');
  assertFullyAnnotated(prog);
});

test('nested functions are inferred from their body and calls (Hindley-Milner)', () => {
  const { prog } = check(`
    let outer (n: int16) : int16 =
        let twice x = x + x
        let pick c a b = if c then a else b
        pick true (twice n) 3s
  `);
  assert.is(show(names(prog, 'twice')[0]!.ty), 'int16 -> int16');
  assert.is(show(names(prog, 'pick')[0]!.ty), 'bool -> int16 -> int16 -> int16');
  assertFullyAnnotated(prog);
});

test('a nested function whose argument type only the call fixes', () => {
  const { prog } = check(`
    let f (b: byte) =
        let g x = x
        g b
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'byte -> byte');
});

test('an unconstrained numeric operand defaults to int, as in F#', () => {
  const { prog } = check(`
    let f () =
        let sq x = x * x
        0
  `);
  assert.is(show(names(prog, 'sq')[0]?.ty ?? (prog.decls[0] as any).bindings[0].body.bindings[0].pat.ty), 'int -> int');
});

test('locals get unique uids; the binding site carries the same uid', () => {
  const { prog } = check(`
    let f (x: int) : int =
        let x = x + 1
        let x = x * 2
        x
  `);
  const uses = names(prog, 'x').map((n) => (n.res as any).uid);
  assert.equal(uses, ['x', 'x_1', 'x_2']);
  const b = binding(prog, 'f');
  assert.is((b.params![0]!.pat as any).uid, 'x');
  assertFullyAnnotated(prog);
});

test('globals, builtins and union cases are resolved', () => {
  const { prog } = check(`
    let limit = 10
    let f (n: int) : int option =
        Console.writeln (Format.int n)
        if n < limit then Some n else None
  `);
  assert.equal(names(prog, 'limit')[0]!.res, { kind: 'global', name: 'limit' });
  assert.equal(names(prog, 'Console.writeln')[0]!.res, { kind: 'builtin', name: 'Console.writeln' });
  assert.equal(names(prog, 'Some')[0]!.res, { kind: 'case', ref: { union: 'option', caseName: 'Some', tag: 1 } });
  assert.equal(names(prog, 'None')[0]!.res, { kind: 'case', ref: { union: 'option', caseName: 'None', tag: 0 } });
  assert.is(show(names(prog, 'Some')[0]!.ty), 'int -> int option');
  assertFullyAnnotated(prog);
});

test('recursion and mutual recursion at top level and nested', () => {
  const { prog } = check(`
    let rec isEven (n: int) : bool = if n = 0 then true else isOdd (n - 1)
    and isOdd (n: int) : bool = if n = 0 then false else isEven (n - 1)

    let sumTo (n: int) =
        let rec go i acc = if i > n then acc else go (i + 1) (acc + i)
        go 0 0
  `);
  assert.is(show(binding(prog, 'sumTo').pat.ty), 'int -> int');
  assert.equal(names(prog, 'go')[0]!.res, { kind: 'local', uid: 'go', mutable: false });
  assertFullyAnnotated(prog);
});

test('a recursive top-level function may leave its return type to inference', () => {
  const { prog } = check(`
    let rec fact (n: uint64) = if n = 0UL then 1UL else n * fact (n - 1UL)
  `);
  assert.is(show(binding(prog, 'fact').pat.ty), 'uint64 -> uint64');
});

test('mutable locals, while and for loops', () => {
  const { prog } = check(`
    let count (n: int) : int =
        let mutable k = 0
        for i in 0 .. n - 1 do
            k <- k + i
        for j = n downto 1 do
            k <- k - 1
        while k > 100 do
            k <- k / 2
        k
  `);
  const k = names(prog, 'k');
  assert.ok(k.every((n) => (n.res as any).mutable === true));
  assert.is(varType(prog, 'k'), 'int');
  const loop = exprs(prog).find((e) => e.kind === 'For')! as any;
  assert.is(loop.uid, 'i');
  assertFullyAnnotated(prog);
});

test('for loops over other integer widths', () => {
  const { prog } = check(`
    let f (n: uint8) =
        let mutable s = 0uy
        for i = 1uy to n do
            s <- s + i
        s
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'byte -> byte');
});

test('pipe is application, also with leading arguments', () => {
  const { prog } = check(`
    let add (a: int) (b: int) = a + b
    let f (x: int) =
        x |> add 1 |> Format.int |> Console.writeln
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'int -> unit');
  const partial = exprs(prog).find((e) => e.kind === 'App' && e.fn.kind === 'Name' && e.fn.name === 'add')!;
  assert.is(show(partial.ty), 'int -> int');
  assertFullyAnnotated(prog);
});

test('main argv is a span of strings; main returns int', () => {
  const { prog } = check(`
    [<EntryPoint>]
    let main argv =
        Console.writeln "hi"
        argv.Length
  `);
  assert.is(show(binding(prog, 'main').pat.ty), 'Span<string> -> int');
  const p = check(`
    let main _ =
        0
  `).prog;
  assert.is(show(binding(p, 'main').pat.ty), 'Span<string> -> int');
});

test('string equality, concatenation, interpolation', () => {
  const { prog } = check(`
    let greet (name: string) (n: int) =
        let s = $"hello {name}, n = {Format.int n}"
        if s = "x" || s <> "y" then s + "!" else s
  `);
  assert.is(show(binding(prog, 'greet').pat.ty), 'string -> int -> string');
  assertFullyAnnotated(prog);
});

test('conversions accept any numeric or char argument', () => {
  const { prog } = check(`
    let f (a: int32) (b: float) (c: char) (d: uint64) =
        let x = int a + int b + int c + int d
        let y = byte x
        let z = float32 a
        let w = char 65
        let v = uint16 'a'
        let u = nativeint y
        (x, y, z, w, v, u)
  `);
  assert.is(varType(prog, 'y'), 'byte');
  assert.is(varType(prog, 'z'), 'float32');
  assert.is(varType(prog, 'w'), 'char');
  assert.is(varType(prog, 'v'), 'uint16');
  assert.is(varType(prog, 'u'), 'int');
});

test('shifts take an int32 count (as F#) or an int count', () => {
  const { prog } = check(`
    let f (a: uint32) (k: int32) =
        let x = a <<< k
        let y = a >>> 3
        let z = 1 <<< 65
        (x, y, z)
  `);
  assert.is(varType(prog, 'x'), 'uint32');
  assert.is(varType(prog, 'z'), 'int');
});

test('bitwise operators, Wrapping and unsigned arithmetic', () => {
  const { prog } = check(`
    let f (a: uint8) (b: uint8) (c: int64) =
        let x = (a &&& b) ||| (a ^^^ ~~~b)
        let y = Wrapping.add c 1L
        let z = Wrapping.mul 200uy a
        (x, y, z)
  `);
  assert.is(varType(prog, 'x'), 'byte');
  assert.is(varType(prog, 'y'), 'int');
  assert.is(varType(prog, 'z'), 'byte');
});

test('ignore, not, unit functions', () => {
  const { prog } = check(`
    let tick () = Console.write "."
    let f (b: bool) =
        tick ()
        ignore (not b)
        ignore (Console.readln ())
  `);
  assert.is(show(binding(prog, 'tick').pat.ty), 'unit -> unit');
  assertFullyAnnotated(prog);
});

test('discarding a non-unit value is a warning, as in F#', () => {
  const { result } = check(`
    let f (x: int) =
        x + 1
        ()
  `);
  assert.is(result.warnings.length, 1);
  assert.match(result.warnings[0]!.message, /has type int and is discarded/);
  assert.is(result.warnings[0]!.span.line, 2);
});

test('type aliases', () => {
  const { prog } = check(`
    type Id = uint32
    let next (i: Id) : Id = i + 1u
  `);
  assert.is(show(binding(prog, 'next').pat.ty), 'uint32 -> uint32');
});

test('Int32.MaxValue and friends are typed constants', () => {
  const { prog } = check(`
    let f () = (Int32.MaxValue, Byte.MaxValue, Int64.MinValue)
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'unit -> int32 * byte * int');
});

test('a parenthesised operator applied to two operands becomes that operation', () => {
  const { prog } = check(`
    let f (a: uint16) = (+) a 1us
  `);
  const b = exprs(prog).find((e) => e.kind === 'Binary')!;
  assert.is((b as any).op, '+');
  assert.is(show(binding(prog, 'f').pat.ty), 'uint16 -> uint16');
  assertFullyAnnotated(prog);
});

test('piping into a union case, ignore and qualified Option cases', () => {
  const { prog } = check(`
    let f (n: int) =
        n |> ignore
        let a = n |> Some
        let b = Option.Some 3
        (a, b)
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'int -> int option * int option');
  assertFullyAnnotated(prog);
});

test('nested functions may have contracts and decreases', () => {
  const { prog } = check(`
    let f (n: int) =
        [<Requires("k >= 0")>]
        let rec go (k: int) : int =
            Contract.decreases k
            if k = 0 then n else go (k - 1)
        go 3
  `);
  assertFullyAnnotated(prog);
});

test.run();
