import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { categories, core, fn, nodes, obligations } from './helpers.ts';
import type { CExpr } from '../../../compiler/core/core.ts';

test('an exhaustive option match is a tag test with no Fail', () => {
  const p = core(`
    let get (o: int option) : int =
        match o with
        | Some x -> x
        | None -> 0
  `);
  const f = fn(p, 'get');
  assert.is(nodes(f, 'Fail').length, 0);
  assert.not.ok(categories(p, 'get').includes('match-exhaustive'));
  // one test (the tag of Some), the last clause needs none
  const ifs = nodes(f, 'If');
  assert.is(ifs.length, 1);
  const cond = ifs[0]!.cond;
  assert.is(cond.kind, 'Prim');
  const [tag, one] = (cond as CExpr & { kind: 'Prim' }).args;
  assert.is(tag!.kind, 'CaseTag');
  assert.equal((one as CExpr & { kind: 'Const' }).value, 1n);
  // x is bound to the payload: CaseField of tag 1
  const fields = nodes(f, 'CaseField');
  assert.is(fields.length, 1);
  assert.is(fields[0]!.tag, 1);
});

test('a non-exhaustive match ends in Fail with a match-exhaustive obligation', () => {
  const p = core(`
    let name (n: int) : string =
        match n with
        | 1 -> "one"
        | 2 -> "two"
  `);
  const f = fn(p, 'name');
  const fails = nodes(f, 'Fail');
  assert.is(fails.length, 1);
  assert.is(fails[0]!.obs[0]!.category, 'match-exhaustive');
  assert.is(fails[0]!.obs[0]!.id, 'name/match-exhaustive/2:5');
  assert.is(nodes(f, 'If').length, 2);
});

test('guards are tested inside the condition, with their own bindings; no clause is duplicated', () => {
  const p = core(`
    let classify (n: int) : int =
        match n with
        | x when x < 0 -> 0 - 1
        | 0 -> 0
        | _ -> 1
  `);
  const f = fn(p, 'classify');
  assert.is(nodes(f, 'Fail').length, 0);
  const top = f.body as CExpr & { kind: 'If' };
  assert.is(top.kind, 'If');
  // guard: `let x = n in x < 0` as the condition
  assert.is(top.cond.kind, 'Let');
  const guardLet = top.cond as CExpr & { kind: 'Let' };
  assert.is(guardLet.body.kind, 'Prim');
  // the body binds x again under another name
  const bodyLet = top.then as CExpr & { kind: 'Let' };
  assert.is(bodyLet.kind, 'Let');
  assert.is.not(bodyLet.name, guardLet.name);
  // exactly three arms: the body constants 0 - 1 (a Prim), 0 and 1 each appear once
  assert.is(nodes(f, 'If').length, 2);
});

test('a guarded last clause does not make a match exhaustive', () => {
  const p = core(`
    let f (n: int) : int =
        match n with
        | x when x > 0 -> 1
  `);
  assert.equal(categories(p, 'f'), ['match-exhaustive']);
});

test('tuple, record and union patterns are tested field by field after the tag', () => {
  const p = core(`
    type Shape =
        | Circle of r: int
        | Rect of w: int * h: int
    type P = { X: int; Y: int }
    let area (s: Shape) : int =
        match s with
        | Circle r -> 3 * r * r
        | Rect (w, 0) -> 0
        | Rect (w, h) -> w * h
    let origin (p: P) : bool =
        match p with
        | { X = 0; Y = 0 } -> true
        | _ -> false
    let both (a: bool) (b: bool) : int =
        match (a, b) with
        | (true, true) -> 2
        | (true, false) | (false, true) -> 1
        | (false, false) -> 0
  `);
  const area = fn(p, 'area');
  assert.is(nodes(area, 'Fail').length, 0, 'Circle | Rect (w, 0) | Rect (w, h) is exhaustive');
  assert.ok(nodes(area, 'CaseField').some((c) => c.tag === 1 && c.index === 1), 'Rect field h read');
  const origin = fn(p, 'origin');
  assert.is(nodes(origin, 'RecordGet').length, 2);
  assert.is(nodes(origin, 'Fail').length, 0);
  const both = fn(p, 'both');
  assert.is(nodes(both, 'Fail').length, 0, 'all four bool pairs are covered');
  assert.is(nodes(both, 'Tuple').length, 1, 'the scrutinee tuple is built once');
});

test('an or-pattern binding takes the projection of the alternative that matched', () => {
  const p = core(`
    type T =
        | A of int
        | B of int
        | C
    let v (t: T) : int =
        match t with
        | A n | B n -> n
        | C -> 0
  `);
  const f = fn(p, 'v');
  assert.is(nodes(f, 'Fail').length, 0);
  const binding = nodes(f, 'Let').find((l) => l.name === 'n')!;
  assert.ok(binding, 'n is bound');
  assert.is(binding.init.kind, 'If', 'n = if tag = A then A.0 else B.0');
});

test('let (a, b) = t becomes TupleGet lets; let on a refutable pattern can Fail', () => {
  const p = core(`
    let swap (t: int * int) : int * int =
        let (a, b) = t
        (b, a)
    let first (o: int option) : int =
        let (Some x) = o
        x
  `);
  const swap = fn(p, 'swap');
  assert.equal(
    nodes(swap, 'Let').map((l) => [l.name, l.init.kind]),
    [
      ['a', 'TupleGet'],
      ['b', 'TupleGet'],
    ],
  );
  assert.is(nodes(swap, 'If').length, 0);
  assert.equal(categories(p, 'first'), ['match-exhaustive']);
});

test('a literal match on strings compares strings; char and unsigned literals keep their type', () => {
  const p = core(`
    let code (s: string) : int =
        match s with
        | "a" -> 1
        | _ -> 0
    let isA (c: char) : bool =
        match c with
        | 'A' -> true
        | _ -> false
  `);
  const eqs = nodes(fn(p, 'code'), 'Prim').filter((x) => x.op === 'eq');
  assert.is(eqs.length, 1);
  assert.is(eqs[0]!.args[1]!.ty.kind, 'string');
  const c = nodes(fn(p, 'isA'), 'Const').find((x) => x.ty.kind === 'char')!;
  assert.is(c.value, 65n);
});

test('the match-exhaustive obligation ids are distinct in one function', () => {
  const p = core(`
    let f (a: int) (b: int) : int =
        let x =
            match a with
            | 1 -> 1
        let y =
            match b with
            | 2 -> 2
        x + y
  `);
  const ids = obligations(p, 'f').filter((o) => o.category === 'match-exhaustive').map((o) => o.id);
  assert.is(ids.length, 2);
  assert.is.not(ids[0], ids[1]);
});

test.run();
