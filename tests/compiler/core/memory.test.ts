import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { categories, core, fn, nodes } from './helpers.ts';
import type { CExpr } from '../../../compiler/core/core.ts';

test('use r = Region.create () releases the region after the body value is computed', () => {
  const p = core(`
    let total (n: int) : int =
        use r = Region.create ()
        let s = Region.alloc<int> r n
        s.[0] <- 7
        s.[0]
  `);
  const f = fn(p, 'total');
  assert.is(f.body.kind, 'Let');
  const outer = f.body as CExpr & { kind: 'Let' };
  assert.is(outer.init.kind, 'RegionCreate');
  // let result = <body> in (release r; result)
  const res = outer.body as CExpr & { kind: 'Let' };
  assert.is(res.kind, 'Let');
  const tail = res.body as CExpr & { kind: 'Seq' };
  assert.is(tail.kind, 'Seq');
  assert.is(tail.items[0]!.kind, 'RegionRelease');
  assert.equal(tail.items[1], { ...tail.items[1]!, kind: 'Var', name: res.name });
  const rel = nodes(f, 'RegionRelease');
  assert.is(rel.length, 1);
  assert.equal(rel[0]!.obs.map((o) => o.category), ['double-release']);
  // region spans are checked for use after release
  assert.equal(categories(p, 'total'), ['bounds', 'use-after-release', 'bounds', 'use-after-release', 'double-release']);
});

test('a use scope returning a span carries region-escape', () => {
  const p = core(`
    let leak (n: int) : int =
        let s =
            use r = Region.create ()
            Region.alloc<int> r n
        s.[0]
  `);
  const rel = nodes(fn(p, 'leak'), 'RegionRelease')[0]!;
  assert.equal(rel.obs.map((o) => o.category), ['double-release', 'region-escape']);
});

test('top-level arrays and Array.zeroCreate are statics; constant values are inlined', () => {
  const p = core(`
    let Size = 4 * 2
    let table = Array.zeroCreate<uint32> 8
    let primes = [| 2; 3; 5; -7 |]
    let get (i: int) : int = primes.[i] + Size
    let put (i: int) (v: uint32) : unit = table.[i] <- v
  `);
  assert.equal(
    p.statics.map((s) => [s.name, s.values.length]),
    [
      ['table', 8],
      ['primes', 4],
    ],
  );
  assert.equal(p.statics[1]!.values, [2n, 3n, 5n, -7n]);
  assert.ok(p.statics[0]!.values.every((v) => v === 0n));
  const get = fn(p, 'get');
  assert.is(nodes(get, 'Static')[0]!.name, 'primes');
  assert.ok(nodes(get, 'Const').some((c) => c.value === 8n), 'Size is inlined as 8');
  assert.not.ok(p.functions.some((f) => f.name === 'Size'));
  assert.is(nodes(fn(p, 'put'), 'Store').length, 1);
});

test('the entry point takes argv: Span<string>', () => {
  const p = core(`
    [<EntryPoint>]
    let start argv =
        Console.writeln "hi"
        0
  `);
  assert.is(p.entry, 'start');
  const f = fn(p, 'start');
  assert.equal(f.params.map((x) => [x.name, x.ty]), [['argv', { kind: 'span', elem: { kind: 'string' } }]]);
  const p2 = core(`
    let main _ = 3
  `);
  assert.is(p2.entry, 'main');
  assert.is(fn(p2, 'main').params[0]!.ty.kind, 'span');
});

test('records: construction in declaration order, copy-update as RecordGets of the base', () => {
  const p = core(`
    type R = { A: int; B: int; C: int }
    let mk (x: int) : R = { C = x; A = 1; B = 2 }
    let upd (r: R) : R = { r with B = 5 }
  `);
  const rec = nodes(fn(p, 'mk'), 'Record')[0]!;
  assert.equal(rec.fields.map((f) => (f.kind === 'Const' ? f.value : f.kind)), [1n, 2n, 'Var']);
  const upd = nodes(fn(p, 'upd'), 'Record')[0]!;
  assert.equal(upd.fields.map((f) => f.kind), ['RecordGet', 'Const', 'RecordGet']);
});

test('strings: + and interpolation are strcat chains; |> is a call; && is an If; ignore is a Seq', () => {
  const p = core(`
    let show (n: int) : string = $"n = {Format.int n}!"
    let twice (n: int) : int = n * 2
    let f (n: int) : bool =
        ignore (n |> twice)
        "a" + "b" = "ab" && n > 0
  `);
  const cats = nodes(fn(p, 'show'), 'Prim').map((x) => x.op);
  assert.equal(cats, ['strcat', 'strcat']);
  const f = fn(p, 'f');
  assert.equal(nodes(f, 'Call').map((c) => c.fn), ['twice']);
  assert.ok(nodes(f, 'Prim').some((x) => x.op === 'strcat'));
  assert.ok(nodes(f, 'If').length >= 1);
});

test.run();
