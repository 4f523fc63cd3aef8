import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Expr, LetDecl, Program, TypeDecl } from '../../../compiler/syntax/ast.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { parseExpr, parseProgram, parserOptions } from '../../../compiler/syntax/parse.ts';
import { show, showDecl, showPat, showProgram } from './show.ts';

const program = (src: string): Program => parseProgram('t.clef', src);
/** The body of `let it = SRC`, shown as an S-expression. */
const e = (src: string): string => {
  const d = program(`let it = ${src}`).decls[0] as LetDecl;
  return show(d.bindings[0]!.body);
};
const body = (src: string): Expr => (program(src).decls[0] as LetDecl).bindings[0]!.body;
const decls = (src: string): string[] => program(src).decls.map(showDecl);

test('operator precedence and associativity follow F#', () => {
  assert.is(e('a + b * c - d'), '(- (+ a (* b c)) d)');
  assert.is(e('a - b - c'), '(- (- a b) c)');
  assert.is(e('a / b % c'), '(% (/ a b) c)');
  assert.is(e('a || b && c'), '(|| a (&& b c))');
  assert.is(e('a && b || c && d'), '(|| (&& a b) (&& c d))');
  assert.is(e('a < b && c >= d'), '(&& (< a b) (>= c d))');
  assert.is(e('a = b || not c'), '(|| (= a b) (not c))');
  assert.is(e('x + 1 = y * 2'), '(= (+ x 1) (* y 2))');
  // F#: `|>` `|||` `&&&` `<<<` `>>>` share the comparison level, left-associative.
  assert.is(e('x |> f |> g'), '(|> (|> x f) g)');
  assert.is(e('x &&& 1 = 0'), '(= (&&& x 1) 0)');
  assert.is(e('a <<< 8 ||| b'), '(||| (<<< a 8) b)');
  assert.is(e('a ||| b <<< 8'), '(<<< (||| a b) 8)');
  assert.is(e('a >>> 1 + 2'), '(>>> a (+ 1 2))');
  // `^^^` binds tighter than those and is right-associative.
  assert.is(e('a ^^^ b ^^^ c'), '(^^^ a (^^^ b c))');
  assert.is(e('crc >>> 1 ^^^ poly'), '(>>> crc (^^^ 1 poly))');
  assert.is(e('(crc >>> 1) ^^^ poly'), '(^^^ (>>> crc 1) poly)');
  assert.is(e('a &&& b ^^^ c'), '(&&& a (^^^ b c))');
  // Unary and application bind tighter than any infix operator; `.` and `.[]` tightest.
  assert.is(e('-x * y'), '(* (- x) y)');
  assert.is(e('- f x'), '(- (f x))');
  assert.is(e('not a && b'), '(&& (not a) b)');
  assert.is(e('~~~x &&& y'), '(&&& (~~~ x) y)');
  assert.is(e('f x + g y z'), '(+ (f x) (g y z))');
  assert.is(e('f r.A s.[i]'), '(f r.A s.[i])');
  assert.is(e('f (a) (b)'), '(f a b)');
  assert.is(e('f -1 x'), '(f -1 x)');
  assert.is(e('x - 1'), '(- x 1)');
  assert.is(e('x-1'), '(- x 1)');
  // `,` is below `||`, `<-` below everything.
  assert.is(e('a, b || c, d'), '(tuple a (|| b c) d)');
  assert.is(e('(x <- a + 1)'), '(<- x (+ a 1))');
  assert.is(e('(x <- a, b)'), '(<- x (tuple a b))');
  // Keyword expressions extend to the right, even after an operator.
  assert.is(e('1 + if c then 2 else 3 * 4'), '(+ 1 (if c 2 (* 3 4)))');
  assert.is(e('a && forall i in 0 .. n - 1 -> p i'), '(&& a (forall i 0 (- n 1) (p i)))');
  assert.is(e('(+) a b'), '(+ a b)');
  assert.is(e('x |> ignore'), '(|> x ignore)');
});

test('every literal form', () => {
  assert.is(e('42'), '42');
  for (const s of ['y', 'uy', 's', 'us', 'l', 'u', 'L', 'UL', 'n', 'un']) assert.is(e(`42${s}`), `42${s}`);
  assert.is(e('0x1F'), '31');
  assert.is(e('0b1010'), '10');
  assert.is(e('0o17'), '15');
  assert.is(e('1_000'), '1000');
  assert.is(e('3.14'), '3.14');
  assert.is(e('1e-3'), '0.001');
  assert.is(e('2.5f'), '2.5f');
  assert.is(e("'a'"), "'a'");
  assert.is(e("'\\n'"), "'\n'");
  assert.is(e('"a\\tb"'), '"a\\tb"');
  assert.is(e('true'), 'true');
  assert.is(e('false'), 'false');
  assert.is(e('()'), '()');
  const lit = body('let it = 2.5f');
  assert.equal(lit.kind === 'Lit' && lit.lit, { kind: 'LFloat', span: lit.span, value: 2.5, single: true });
  // Hex literals of signed types may be negative, as in F#.
  assert.is(e('0xFFy'), '-1y');
  assert.is(e('0xFFFFFFFFl'), '-1l');
  assert.is(e('0xFFFFFFFFFFFFFFFF'), '-1');
  // MinValue is written with a minus.
  assert.is(e('-128y'), '-128y');
  assert.is(e('-9223372036854775808L'), '-9223372036854775808L');
  assert.is(e('-2.5'), '-2.5');
  assert.is(e('- 5'), '-5');
  assert.is(e('-x'), '(- x)');
  // Unsigned literals are not negated in the parser (the checker rejects `-1u`).
  assert.is(e('-1u'), '(- 1u)');
});

test('literal ranges', () => {
  const err = (src: string) => {
    try {
      program(src);
    } catch (x) {
      return (x as Error).message;
    }
    return 'no error';
  };
  assert.match(err('let x = 128y'), /outside the range of its type/);
  assert.match(err('let x = 256uy'), /outside the range of type uint8/);
  assert.match(err('let x = 9223372036854775808'), /t\.clef:1:9: error: this number is outside the range/);
  assert.match(err('let x = 18446744073709551616UL'), /outside the range of type uint64/);
  assert.match(err('let x = 0x1FFy'), /outside the range of type int8/);
  assert.match(err('let x = -129y'), /outside the range of type int8/);
});

test('interpolated strings: holes are expressions with their own spans', () => {
  const src = 'let it = $"x = {Format.int x}, {{ok}} {a + b}"';
  const b = body(src);
  assert.is(show(b), '$("x = " (Format.int x) ", {ok} " (+ a b))');
  assert.ok(b.kind === 'Interp');
  const hole = b.parts[1] as Expr;
  assert.is(src.slice(hole.span.start, hole.span.end), 'Format.int x');
  assert.is(hole.span.col, src.indexOf('Format') + 1);
  const sum = b.parts[3] as Expr;
  assert.is(src.slice(sum.span.start, sum.span.end), 'a + b');
});

test('declarations: functions, values, mutable, rec/and, return types, unit and wildcard params', () => {
  assert.equal(decls('let f (a: int) (b: nativeptr<int>) : int = a'), ['let f (: a int) (: b nativeptr<int>) : int = a']);
  assert.equal(decls('let g x _ () = x'), ['let g x _ () = x']);
  assert.equal(decls('let mutable counter = 0'), ['let mutable counter = 0']);
  assert.equal(decls('let x : int64 = 5L'), ['let x : int64 = 5L']);
  assert.equal(decls('let (a, b) = t'), ['let (tuple a b) = t']);
  assert.equal(decls('let a, b = 1, 2'), ['let (tuple a b) = (tuple 1 2)']);
  assert.equal(decls('let Pi = 3.14'), ['let Pi = 3.14']);
  assert.equal(decls('let rec even n = odd n\nand odd n = even n'), ['let rec even n = (odd n) and odd n = (even n)']);
  assert.equal(decls('let f (p: int * bool) (q: int option) (r: Result<int, string>) (s: Span<byte>) = 0'), [
    'let f (: p (int * bool)) (: q option<int>) (: r Result<int, string>) (: s Span<byte>) = 0',
  ]);
  assert.equal(decls('let main (argv: string[]) = 0'), ['let main (: argv array<string>) = 0']);
  const p = program('module A.B\nopen System\nopen X.Y\nlet x = 1');
  assert.is(p.module, 'A.B');
  assert.equal(p.opens, ['System', 'X.Y']);
});

test('nested lets scope over the rest of the block; sequences', () => {
  const src = 'let f x =\n    let y = x + 1\n    Console.writeln "a"\n    let rec g n = n\n    g y\n';
  assert.is(show(body(src)), '(let y = (+ x 1) in (seq (Console.writeln "a") (let rec g n = n in (g y))))');
  assert.is(show(body('let f x =\n    let y = 1\n')), '(let y = 1 in ())');
  assert.is(show(body('let f x = (a; b; c)')), '(seq a b c)');
  assert.is(show(body('let f x = let y = 1 in y + 1')), '(let y = 1 in (+ y 1))');
  assert.is(show(body('let f x =\n    use r = Region.create ()\n    r')), '(use r = (Region.create ()) in r)');
});

test('if/elif/else, while, for in/to/downto, assignment and indexing', () => {
  assert.is(e('if a then 1 elif b then 2 elif c then 3 else 4'), '(if a 1 (if b 2 (if c 3 4)))');
  assert.is(show(body('let f x =\n    if x then\n        a\n    else\n        b')), '(if x a b)');
  assert.is(show(body('let f x =\n    if x then g ()\n    h ()')), '(seq (if x (g ())) (h ()))');
  assert.is(show(body('let f n =\n    while i < n do\n        i <- i + 1')), '(while (< i n) (<- i (+ i 1)))');
  assert.is(show(body('let f n =\n    for i in 0 .. n - 1 do\n        s.[i] <- i')), '(for i 0 to (- n 1) (<- s.[i] i))');
  assert.is(show(body('let f n =\n    for i = 10 downto 1 do ignore i')), '(for i 10 downto 1 (ignore i))');
  assert.is(show(body('let f n =\n    for i = 1 to n do ignore i')), '(for i 1 to n (ignore i))');
});

test('match: guards, or-patterns, tuples, cases with payloads, records, literals, as, nested', () => {
  const src = [
    'let f x =',
    '    match x with',
    '    | 0 | 1 -> "small"',
    '    | -1 -> "minus one"',
    "    | 'c' -> \"char\"",
    '    | n when n < 0 -> "negative"',
    '    | Some (a, b) -> "pair"',
    '    | Rect (w, h) -> "rect"',
    '    | Circle r -> "circle"',
    '    | Shape.Empty -> "empty"',
    '    | None -> "none"',
    '    | { Age = a; Name = "x" } -> "record"',
    '    | (a, _) as t -> "tuple"',
    '    | (y: int) -> "annotated"',
    '    | _ ->',
    '        match y with',
    '        | true -> "t"',
    '        | false -> "f"',
  ].join('\n');
  const m = body(src);
  assert.ok(m.kind === 'Match');
  assert.equal(m.cases.map((c) => showPat(c.pat) + (c.guard ? ' when ' + show(c.guard) : '')), [
    '(or 0 1)',
    '-1',
    "'c'",
    'n when (< n 0)',
    '(case Some a b)',
    '(case Rect w h)',
    '(case Circle r)',
    '(case Shape.Empty)',
    '(case None)',
    '{Age=a Name="x"}',
    '(as (tuple a _) t)',
    '(: y int)',
    '_',
  ]);
  assert.is(show(m.cases[12]!.body), '(match y [true -> "t"] [false -> "f"])');
  // Cases may sit deeper than `match`, and a match may be written on one line.
  assert.is(show(body('let f x =\n    match x with\n        | A -> 1\n        | B -> 2')), '(match x [(case A) -> 1] [(case B) -> 2])');
  assert.is(e('match x with A -> 1 | B -> 2'), '(match x [(case A) -> 1] [(case B) -> 2])');
  assert.is(e('match a, b with | 1, 2 -> 3 | _ -> 4'), '(match (tuple a b) [(tuple 1 2) -> 3] [_ -> 4])');
});

test('records: literals, multi-line, nested, copy-update, field access', () => {
  assert.is(e('{ X = 1; Y = 2 }'), '{X=1 Y=2}');
  assert.is(show(body('let p =\n    { X = 1\n      Y = { A = 1\n            B = 2 } }')), '{X=1 Y={A=1 B=2}}');
  assert.is(show(body('let p = {\n    X = 1\n    Y = 2\n}')), '{X=1 Y=2}');
  assert.is(e('{ r with A = 3 }'), '{r with A=3}');
  assert.is(show(body('let r2 =\n    { r with\n        A = 3\n        B = 4 }')), '{r with A=3 B=4}');
  assert.is(e('r.A.B'), 'r.A.B');
  assert.is(e('(f x).A'), '(f x).A');
  assert.is(e('s.Length'), 's.Length');
  assert.is(e('arr.[i].X'), 'arr.[i].X');
});

test('built-in module members are one name; other dots are fields', () => {
  const names = ['Console.writeln', 'NativePtr.get', 'Format.int', 'Span.slice', 'Arena.alloc', 'Region.create', 'Wrapping.add', 'Contract.assert', 'String.length', 'Array.zeroCreate', 'Int32.MaxValue'];
  for (const n of names) {
    const b = body(`let it = ${n}`);
    assert.equal([b.kind, b.kind === 'Name' && b.name], ['Name', n], n);
  }
  const f = body('let it = Shape.Circle');
  assert.equal([f.kind, f.kind === 'Field' && f.name], ['Field', 'Circle']);
  assert.is(e('NativePtr.stackalloc<int> 8'), '(NativePtr.stackalloc<int> 8)');
  assert.is(e('Arena.alloc<Span<byte>> a 4'), '(Arena.alloc<Span<byte>> a 4)');
  assert.is(e('Contract.invariant (0 <= i && i <= n)'), '(Contract.invariant (&& (<= 0 i) (<= i n)))');
});

test('arrays and tuples', () => {
  assert.is(e('[| 1; 2; 3 |]'), '[|1 2 3|]');
  assert.is(e('[||]'), '[||]');
  assert.is(show(body('let a = [|\n    1\n    2\n|]')), '[|1 2|]');
  assert.is(e('(1, true, "s")'), '(tuple 1 true "s")');
  assert.is(e('(x : int64)'), '(: x int64)');
});

test('types: records one per line or with ;, unions, aliases, [<Struct>], type ... and', () => {
  assert.equal(decls('type P = { X: int; Y: int }'), ['type P = {X: int; Y: int}']);
  assert.equal(decls('[<Struct>]\ntype V =\n    { Dx: int64\n      Dy: int64 }'), ['[Struct] type V = {Dx: int64; Dy: int64}']);
  assert.equal(decls('type P =\n    {\n        X: int\n        Y: int\n    }'), ['type P = {X: int; Y: int}']);
  assert.equal(decls('type U = A | B of int | C of x:int * y:int'), ['type U = A | B of int | C of x: int * y: int']);
  assert.equal(decls('type S =\n    | Circle of r: float\n    | Rect of w: float * h: float\n    | Empty'), [
    'type S = Circle of r: float | Rect of w: float * h: float | Empty',
  ]);
  assert.equal(decls('type S =\n| A\n| B'), ['type S = A | B']);
  assert.equal(decls('type One = | Only'), ['type One = Only']);
  assert.equal(decls('type W = Wrap of int'), ['type W = Wrap of int']);
  assert.equal(decls('type Id = int'), ['type Id = int']);
  assert.equal(decls('type M = Result<int, string>'), ['type M = Result<int, string>']);
  assert.equal(decls('type A = { B: B }\nand B = | Leaf | Node of int'), ['type A = {B: B}', 'type B = Leaf | Node of int']);
  const t = program('type U = A of (int * bool)').decls[0] as TypeDecl;
  assert.ok(t.body.kind === 'UnionType');
  assert.is(t.body.cases[0]!.fields.length, 1);
});

test('attributes and contracts', () => {
  const src = [
    '[<Requires("n >= 0 && n <= NativePtr.extent p")>]',
    '[<Ensures("result >= 0 && result <= n")>]',
    'let count (p: nativeptr<int>) (n: int) : int = n',
    '',
    '[<EntryPoint; Struct>] let main _ = 0',
    '[<Requires("forall i in 0 .. s.Length - 1 -> s.[i] >= 0")>]',
    'let sum (s: Span<int>) : int = 0',
  ].join('\n');
  const p = program(src);
  const count = (p.decls[0] as LetDecl).bindings[0]!;
  assert.equal(count.attrs.map((a) => a.name), ['Requires', 'Ensures']);
  assert.is(show(count.attrs[0]!.contract!), '(&& (>= n 0) (<= n (NativePtr.extent p)))');
  assert.is(show(count.attrs[1]!.contract!), '(&& (>= result 0) (<= result n))');
  // The contract's spans point into the string, in the file.
  const c = count.attrs[0]!.contract!;
  assert.is(src.slice(c.span.start, c.span.end), 'n >= 0 && n <= NativePtr.extent p');
  assert.equal([c.span.line, c.span.col], [1, 13]);
  const ens = count.attrs[1]!.contract!;
  assert.equal([ens.span.line, ens.span.col], [2, 12]);
  const main = (p.decls[1] as LetDecl).bindings[0]!;
  assert.equal(main.attrs.map((a) => [a.name, a.contract]), [['EntryPoint', null], ['Struct', null]]);
  const sum = (p.decls[2] as LetDecl).bindings[0]!;
  assert.is(show(sum.attrs[0]!.contract!), '(forall i 0 (- s.Length 1) (>= s.[i] 0))');
  // Other attributes keep their literal arguments.
  const other = (program('[<Foo(1, "a", -2)>]\nlet x = 1').decls[0] as LetDecl).bindings[0]!.attrs[0]!;
  assert.equal(other.args.map((a) => a.kind), ['LInt', 'LString', 'LInt']);
});

test('parseExpr parses contract strings at an offset', () => {
  const file = 'xx "a + b * c"';
  const ex = parseExpr('t.clef', 'a + b * c', 4, file);
  assert.is(show(ex), '(+ a (* b c))');
  assert.equal([ex.span.start, ex.span.end, ex.span.line, ex.span.col], [4, 13, 1, 5]);
  assert.is(show(parseExpr('t.clef', 'exists i in 0 .. 3 -> f i')), '(exists i 0 3 (f i))');
});

test('every node has a tight span in original offsets', () => {
  const src = 'let f (a: int) =\n    // comment\n    let b =\n        a + 1 (* c *)\n    if b > 0 then b else -b\n';
  const p = program(src);
  const f = (p.decls[0] as LetDecl).bindings[0]!;
  assert.is(src.slice(f.span.start, f.span.end), src.slice(4).trimEnd());
  const let1 = f.body;
  assert.ok(let1.kind === 'Let');
  assert.is(src.slice(let1.span.start, let1.span.end).slice(0, 7), 'let b =');
  const plus = let1.bindings[0]!.body;
  assert.is(src.slice(plus.span.start, plus.span.end), 'a + 1');
  assert.equal([plus.span.line, plus.span.col], [4, 9]);
  const iff = let1.body;
  assert.ok(iff.kind === 'If');
  assert.is(src.slice(iff.span.start, iff.span.end), 'if b > 0 then b else -b');
  assert.ok(iff.else !== null && iff.else.kind === 'Unary');
  assert.equal([iff.else.span.line, iff.else.span.col], [5, 26]);
  assert.is(f.params![0]!.span.start, src.indexOf('(a: int)'));
});

test('a whole program round-trips through the S-expression view', () => {
  const src = 'module M\n\ntype P = { X: int; Y: int }\n\nlet move (p: P) (dx: int) : P = { p with X = p.X + dx }\n\n[<EntryPoint>]\nlet main argv =\n    let q = move { X = 1; Y = 2 } 3\n    Console.writeln (Format.int q.X)\n    0\n';
  assert.is(
    showProgram(program(src)),
    [
      'module M',
      'type P = {X: int; Y: int}',
      'let move (: p P) (: dx int) : P = {p with X=(+ p.X dx)}',
      'let [EntryPoint] main argv = (let q = (move {X=1 Y=2} 3) in (seq (Console.writeln (Format.int q.X)) 0))',
    ].join('\n'),
  );
});

test('an empty file is an empty program', () => {
  assert.equal(program('').decls, []);
  assert.equal(program('// nothing\n\n').decls, []);
});

test('the CST walker builds exactly the AST that ohm semantics builds', () => {
  const dir = new URL('../../../corpus/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.clef')).slice(0, 12);
  const strip = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const fast = JSON.stringify(parseProgram(f, text), strip);
    parserOptions.ohmSemantics = true;
    try {
      assert.is(JSON.stringify(parseProgram(f, text), strip), fast, f);
    } finally {
      parserOptions.ohmSemantics = false;
    }
  }
});

test.run();
