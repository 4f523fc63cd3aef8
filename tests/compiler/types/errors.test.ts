import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { check, errors, expectError, frontError } from './helpers.ts';

test('unknown name, with a suggestion', () => {
  expectError(
    `
    let f (count: int) =
        cout + 1
    `,
    '2:5',
    'unknown name cout; did you mean count?',
  );
});

test('unknown member of a built-in module', () => {
  expectError(
    `
    let f () =
        Console.writline "x"
    `,
    '2:5',
    'unknown member Console.writline of module Console; did you mean Console.writeln?',
  );
});

test('type mismatch: expected int32 but found int, with the literal suffix hint', () => {
  expectError(
    `
    let f () =
        let x: int32 = 5
        x
    `,
    '2:20',
    'type mismatch: expected int32 but found int (write 5l',
  );
});

test('a payload mismatch is reported at the payload', () => {
  expectError(
    `
    let f () : byte option = Some 1
    `,
    '1:31',
    'expected byte but found int (write 1uy',
  );
});

test('type mismatch in an argument', () => {
  expectError(
    `
    let g (a: int) (b: bool) = a
    let f () = g 1 2
    `,
    '2:16',
    'expected bool but found int',
  );
});

test('type mismatch between if branches points at the wrong branch', () => {
  expectError(
    `
    let f (c: bool) =
        if c then 1
        else "one"
    `,
    '3:10',
    'expected int but found string',
  );
});

test('if without else must be unit', () => {
  expectError(
    `
    let f (c: bool) =
        if c then 1
        ()
    `,
    '2:15',
    "an 'if' without 'else' must have type unit",
  );
});

test('return type annotation is checked', () => {
  expectError(
    `
    let f (x: int) : bool =
        x + 1
    `,
    '2:5',
    'expected bool but found int',
  );
});

test('wrong arity: too many and too few arguments', () => {
  expectError(
    `
    let add (a: int) (b: int) = a + b
    let f () = add 1 2 3
    `,
    '2:12',
    'add expects 2 arguments but is given 3',
  );
  expectError(
    `
    let add (a: int) (b: int) = a + b
    let f () = add 1
    `,
    '2:12',
    'add expects 2 arguments but is given 1 (partial application is not supported yet)',
  );
  expectError(
    `
    let f () = Console.writeln "a" "b"
    `,
    '1:12',
    'Console.writeln expects 1 argument but is given 2',
  );
});

test('unknown record field and unknown record type', () => {
  expectError(
    `
    type P = { X: int; Y: int }
    let f (p: P) = p.Z
    `,
    '2:18',
    'unknown field Z: record P has no field Z',
  );
  expectError(
    `
    type P = { X: int; Y: int }
    let f () = { X = 1; W = 2 }
    `,
    '2:21',
    'unknown record field W',
  );
  expectError(
    `
    type P = { X: int; Y: int }
    let f () = { X = 1 }
    `,
    '2:12',
    'record P needs field Y too',
  );
  expectError(
    `
    let f (p: Point) = 0
    `,
    '1:11',
    'unknown type Point',
  );
});

test('unknown union case in a pattern and in an expression', () => {
  expectError(
    `
    type L = Red | Green
    let f (l: L) =
        match l with
        | Red -> 0
        | Blue x -> 1
    `,
    '5:7',
    'unknown union case Blue',
  );
  expectError(
    `
    type L = Red | Green
    let f () = L.Blue
    `,
    '2:14',
    'union L has no case Blue',
  );
});

test('duplicate definitions', () => {
  expectError(
    `
    let f (x: int) = x
    let f (x: int) = x + 1
    `,
    '2:5',
    'duplicate definition of f (first defined at line 1)',
  );
  expectError(
    `
    type T = { A: int }
    type T = { B: int }
    `,
    '2:1',
    'duplicate definition of type T',
  );
  expectError(
    `
    let f (x: int) (x: int) = x
    `,
    '1:17',
    'x is bound twice',
  );
  expectError(
    `
    type U = A | B | A
    `,
    '1:18',
    'duplicate case A in union U',
  );
  expectError(
    `
    type R = { A: int; A: bool }
    `,
    '1:20',
    'duplicate field A in record R',
  );
});

test('assigning to an immutable', () => {
  expectError(
    `
    let f () =
        let x = 1
        x <- 2
    `,
    '3:5',
    'x is not mutable',
  );
  expectError(
    `
    let g = 1
    let f () = g <- 2
    `,
    '2:12',
    'g is not mutable',
  );
});

test('a nested function capturing a mutable is not supported yet', () => {
  expectError(
    `
    let f () =
        let mutable total = 0
        let add k = total + k
        add 1
    `,
    '3:17',
    'add captures mutable total: not supported yet',
  );
  expectError(
    `
    let f () =
        let mutable total = 0
        let bump () = total <- total + 1
        bump ()
    `,
    '3:19',
    'bump captures mutable total: not supported yet',
  );
});

test('reading an immutable from a nested function is fine', () => {
  check(`
    let f (n: int) =
        let k = 2
        let scale x = x * k + n
        scale 3
  `);
});

test('names that are not in v1 (the parser catches some of them first)', () => {
  const notSupported = (text: string, at: string, name: string) => {
    const e = frontError(text);
    assert.ok(e.startsWith(`${at}: `), e);
    assert.ok(e.includes('not supported yet') && e.includes(name), e);
  };
  notSupported(`let f () = failwith "boom"`, '1:12', 'failwith');
  notSupported(`let f () = raise 1`, '1:12', 'raise');
  notSupported(`let f () = MailboxProcessor.Start 1`, '1:12', 'MailboxProcessor');
  notSupported(`let f () = printfn "x"`, '1:12', 'printfn');
  notSupported(`let f () = List.map 1 2`, '1:12', 'List.map');
  notSupported(`let f (x: int) = fst x`, '1:18', 'fst');
});

test('forall/exists only inside contracts', () => {
  expectError(
    `
    let f (n: int) =
        forall i in 0 .. n -> i >= 0
    `,
    '2:5',
    'forall is only allowed in contracts',
  );
});

test('NativePtr.extent only inside contracts', () => {
  expectError(
    `
    let f (p: nativeptr<int>) = NativePtr.extent p
    `,
    '1:29',
    'NativePtr.extent is only allowed in contracts',
  );
});

test('a missing annotation on a top-level parameter', () => {
  expectError(
    `
    let f x = x + 1
    `,
    '1:7',
    'parameter x of f needs a type annotation',
  );
});

test('a function used as a value', () => {
  expectError(
    `
    let g (a: int) = a
    let f () = g
    `,
    '2:12',
    'g is a function: call it with its arguments (functions as values are not supported yet)',
  );
});

test('using a function before its definition, and self-recursion without rec', () => {
  expectError(
    `
    let f () = g 1
    let g (x: int) = x
    `,
    '1:12',
    'g is not defined yet (it is declared at line 2',
  );
  expectError(
    `
    let f (n: int) : int = if n = 0 then 0 else f (n - 1)
    `,
    '1:45',
    "f is not defined yet: a function calling itself must be declared with 'let rec'",
  );
});

test('a nested function calling itself without rec', () => {
  expectError(
    `
    let f (n: int) =
        let go k = if k = 0 then 0 else go (k - 1)
        go n
    `,
    '2:37',
    "go is not defined yet: a function calling itself must be declared with 'let rec'",
  );
});

test('operators on the wrong types', () => {
  expectError(`let f (a: bool) = a + a`, '1:19', "operator '+' needs a numeric type or string, not bool");
  expectError(`let f (a: float) = a &&& a`, '1:20', "operator '&&&' needs an integer type, not float");
  expectError(`let f (a: uint32) = -a`, '1:21', 'unary minus needs a signed numeric type, not uint32');
  expectError(`let f (a: int) (b: int16) = a <<< b`, '1:35', 'the shift count of \'<<<\' needs int32 or int, not int16');
  expectError(`let f (a: int) (b: int32) = a + b`, '1:33', 'expected int but found int32');
  expectError(`let f (a: string) = a < "b"`, '1:21', "operator '<' needs a numeric type or char, not string");
  expectError(`let f (p: nativeptr<int>) (q: nativeptr<int>) = p = q`, '1:49', "operator '=' needs a type with equality");
});

test('conversion of a non-numeric value', () => {
  expectError(`let f (s: string) = int s`, '1:25', 'int needs a numeric type or char, not string');
});

test('interpolation holes must be strings', () => {
  expectError(`let f (n: int) = $"n = {n}"`, '1:25', 'an interpolation hole must be a string');
});

test('several declarations with errors are all reported', () => {
  const ds = errors(`
    let a () = nope1
    let b () = 1
    let c () = nope2
  `);
  assert.equal(ds.map((d) => d.span.line), [1, 3]);
});

test('arrays inside functions and Array.zeroCreate outside a top-level let', () => {
  expectError(`let f () = [| 1; 2 |]`, '1:12', 'array literals are only allowed as the value of a top-level let');
  expectError(`let f () = Array.zeroCreate<int> 4`, '1:12', 'Array.zeroCreate is only allowed as the value of a top-level let');
  expectError(`let table = [| 1; f 2 |]`, '1:19', 'a static array holds constants only');
});

test('Region.create outside use, and use of something else', () => {
  expectError(`let f () = Region.create ()`, '1:12', "Region.create is only allowed as 'use r = Region.create ()'");
  expectError(
    `
    let f () =
        use a = Arena.create 64
        0
    `,
    '2:13',
    "'use' is only for regions",
  );
});

test('Arena.create needs a constant capacity', () => {
  expectError(
    `
    let f (n: int) =
        let a = Arena.create n
        0
    `,
    '2:26',
    'Arena.create needs a positive integer constant',
  );
});

test('Contract.invariant only at the top of a loop body', () => {
  expectError(
    `
    let f (n: int) =
        Contract.invariant (n > 0)
        n
    `,
    '2:5',
    'Contract.invariant must be at the top of a loop body',
  );
  expectError(
    `
    let f (n: int) =
        let mutable i = 0
        while i < n do
            i <- i + 1
            Contract.invariant (i <= n)
    `,
    '5:9',
    'Contract.invariant must be at the top of a loop body',
  );
});

test('recursive types are not supported (no heap)', () => {
  expectError(
    `
    type Tree = Leaf | Node of Tree * Tree
    `,
    '1:28',
    'recursive type Tree is not supported yet',
  );
});

test('function types are not supported yet', () => {
  expectError(`let f (g: int -> int) = 0`, '1:11', 'function types are not supported yet');
});

test('a union case with a payload used without it', () => {
  expectError(`let f () = Some`, '1:12', 'union case Some needs its payload');
  expectError(
    `
    type U = P of int * int
    let f () = P 1
    `,
    '2:12',
    'union case P expects 2 fields as one tuple',
  );
});

test('assigning to a record field is not supported yet', () => {
  expectError(
    `
    type R = { A: int }
    let f (r: R) = r.A <- 2
    `,
    '2:16',
    'assigning to a record field is not supported yet',
  );
});

test('main must return int', () => {
  expectError(
    `
    let main argv =
        Console.writeln "x"
    `,
    '2:5',
    'expected int but found unit',
  );
});

test('one entry point per program', () => {
  expectError(
    `
    [<EntryPoint>]
    let a _ = 0
    [<EntryPoint>]
    let b _ = 1
    `,
    '3:3',
    'a program has one [<EntryPoint>] (the first is at line 1)',
  );
});

test('the use of a declaration that failed is not reported again', () => {
  const ds = errors(`
    let half x = x / 2
    let f () = half 4
  `);
  assert.equal(ds.map((d) => d.message.slice(0, 22)), ['parameter x of half ne']);
});

test('every error is a DiagnosticError with file and position', () => {
  const d = errors(`let f () = zzz`)[0]!;
  assert.is(d.span.file, 't.clef');
  assert.is(d.severity, 'error');
});

test.run();
