import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertFullyAnnotated, binding, check, exprs, patterns, show, varType } from './helpers.ts';

test('records: construction, field access, copy-update, nested', () => {
  const { prog, result } = check(`
    type Point = { X: int; Y: int }
    type Line =
        { From: Point
          To: Point }
    let f (p: Point) =
        let q = { p with X = 3 }
        let l = { From = p; To = { X = 1; Y = 2 } }
        l.To.Y + q.X
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'Point -> int');
  const recs = exprs(prog).filter((e) => e.kind === 'Record').map((e) => (e as any).recordName);
  assert.equal(recs, ['Point', 'Line', 'Point']);
  const fields = exprs(prog).filter((e) => e.kind === 'Field').map((e) => (e as any).res);
  assert.equal(fields, [
    { kind: 'field', record: 'Point', index: 1 },
    { kind: 'field', record: 'Line', index: 1 },
    { kind: 'field', record: 'Point', index: 0 },
  ]);
  assert.equal(result.types.records.get('Line')!.fields.map((f) => show(f.ty)), ['Point', 'Point']);
  assertFullyAnnotated(prog);
});

test('the LAST declared record with the given fields wins (as F#)', () => {
  const { prog } = check(`
    type A = { X: int; Y: int }
    type B = { X: int; Y: int }
    let f () = { X = 1; Y = 2 }
    let g () : A = { X = 1; Y = 2 }
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'unit -> B');
  assert.is(show(binding(prog, 'g').pat.ty), 'unit -> A', 'an annotation picks the record');
});

test('field access on an inferred value finds the record by field name', () => {
  const { prog } = check(`
    type Cfg = { Rate: int; Gain: int }
    let f (n: int) =
        let get c = c.Gain
        get { Rate = n; Gain = 2 }
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'int -> int');
});

test('[<Struct>] records are marked in the type table', () => {
  const { result } = check(`
    [<Struct>]
    type V = { A: byte; B: byte }
  `);
  assert.is(result.types.records.get('V')!.struct, true);
});

test('unions with positional and named payloads; construction and match', () => {
  const { prog, result } = check(`
    type Shape =
        | Circle of r: int
        | Rect of w: int * h: int
        | Dot
    let area (s: Shape) : int =
        match s with
        | Circle r -> 3 * r * r
        | Rect (w, h) -> w * h
        | Dot -> 0
    let make (n: int) = (Circle n, Rect (n, 2), Shape.Dot)
  `);
  const u = result.types.unions.get('Shape')!;
  assert.equal(u.cases.map((c) => [c.name, c.tag, c.fields.map((f) => f.name)]), [
    ['Circle', 0, ['r']],
    ['Rect', 1, ['w', 'h']],
    ['Dot', 2, []],
  ]);
  assert.is(show(binding(prog, 'make').pat.ty), 'int -> Shape * Shape * Shape');
  const rect = patterns(prog).find((p) => p.kind === 'PCase' && p.name === 'Rect') as any;
  assert.is(rect.args.length, 2, 'the payload patterns line up with the fields');
  assert.equal(rect.res, { union: 'Shape', caseName: 'Rect', tag: 1 });
  const ctor = exprs(prog).find((e) => e.kind === 'Name' && e.name === 'Rect')!;
  assert.is(show(ctor.ty), 'int * int -> Shape');
  const dot = exprs(prog).find((e) => e.kind === 'Field' && e.name === 'Dot') as any;
  assert.equal(dot.res, { kind: 'case', ref: { union: 'Shape', caseName: 'Dot', tag: 2 } });
  assertFullyAnnotated(prog);
});

test('a bare case name in a pattern is the case, not a variable', () => {
  const { prog, result } = check(`
    type Light = Red | Amber | Green
    let next (l: Light) =
        match l with
        | Red -> Green
        | Green -> Amber
        | Amber -> Red
  `);
  assert.is(result.warnings.length, 0);
  assert.ok(patterns(prog).filter((p) => p.kind === 'PCase').length === 3);
  assertFullyAnnotated(prog);
});

test('option, voption and Result', () => {
  const { prog } = check(`
    let half (n: int) : Result<int, string> =
        if n % 2 = 0 then Ok (n / 2) else Error "odd"
    let f (o: int option) (v: byte voption) =
        let a = match o with
                | Some x -> x
                | None -> 0
        let b = match v with
                | ValueSome y -> int y
                | ValueNone -> 1
        match half (a + b) with
        | Ok h -> Some h
        | Error _ -> None
  `);
  assert.is(show(binding(prog, 'half').pat.ty), 'int -> Result<int, string>');
  assert.is(show(binding(prog, 'f').pat.ty), 'int option -> byte voption -> int option');
  assert.is(varType(prog, 'y'), 'byte');
  assertFullyAnnotated(prog);
});

test('the built-in unions are in the type table', () => {
  const { result } = check(`let x = 1`);
  assert.equal([...result.types.unions.keys()], ['option', 'voption', 'Result']);
  assert.equal(result.types.unions.get('option')!.cases.map((c) => c.name), ['None', 'Some']);
});

test('tuples and tuple patterns', () => {
  const { prog } = check(`
    let swap (p: int * bool) =
        let (a, b) = p
        (b, a)
    let g (t: int * int * int) =
        match t with
        | (0, _, _) -> 0
        | (a, b, c) -> a + b + c
  `);
  assert.is(show(binding(prog, 'swap').pat.ty), 'int * bool -> bool * int');
  assertFullyAnnotated(prog);
});

test('record patterns and guards', () => {
  const { prog, result } = check(`
    type Person = { Name: string; Age: int }
    let describe (p: Person) =
        match p with
        | { Age = a } when a < 18 -> "minor"
        | { Name = "root" } -> "admin"
        | _ -> "adult"
  `);
  assert.is(show(binding(prog, 'describe').pat.ty), 'Person -> string');
  assert.is(result.warnings.length, 0);
  assertFullyAnnotated(prog);
});

test('or-patterns bind the same variables with one uid', () => {
  const { prog } = check(`
    type E = A of int | B of int | C
    let v (e: E) =
        match e with
        | A n | B n -> n
        | C -> 0
  `);
  const ns = patterns(prog).filter((p) => p.kind === 'PVar' && p.name === 'n') as any[];
  assert.is(ns.length, 2);
  assert.is(ns[0].uid, ns[1].uid);
});

test('as-patterns', () => {
  const { prog } = check(`
    let f (o: int option) =
        match o with
        | Some _ as whole -> whole
        | None -> None
  `);
  assert.is(varType(prog, 'whole'), 'int option');
});

test.run();
