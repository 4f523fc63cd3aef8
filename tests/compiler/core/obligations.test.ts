import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { categories, core, fn, nodes, obligations } from './helpers.ts';

test('signed + - * and unary - carry overflow; unsigned and Wrapping.* do not', () => {
  const p = core(`
    let s (a: int) (b: int32) : int = a + a - a * a + int (-b)
    let u (a: uint32) (b: byte) : uint32 = a + a - a * a + uint32 b
    let w (a: int) : int = Wrapping.add a (Wrapping.mul a a)
    let f (x: float) : float = x + x * x - (-x)
  `);
  assert.equal(categories(p, 's'), ['overflow', 'overflow', 'overflow', 'overflow', 'overflow']);
  assert.equal(categories(p, 'u'), []);
  assert.equal(categories(p, 'w'), []);
  assert.equal(categories(p, 'f'), []);
});

test('/ and % carry div-by-zero, and overflow when signed', () => {
  const p = core(`
    let d (a: int) (b: int) : int = a / b
    let r (a: uint64) (b: uint64) : uint64 = a % b
  `);
  assert.equal(categories(p, 'd'), ['div-by-zero', 'overflow']);
  assert.equal(categories(p, 'r'), ['div-by-zero']);
});

test('ids are <fn>/<category>/<line>:<col>, with #n when several share a place', () => {
  const p = core(`
    let f (a: int) (b: int) (c: int) : int =
        a + b + c
  `);
  assert.equal(
    obligations(p, 'f').map((o) => o.id),
    ['f/overflow/2:5', 'f/overflow/2:5#2'],
  );
});

test('float to int conversion carries overflow; widening and narrowing integers do not', () => {
  const p = core(`
    let a (x: float) : int = int x
    let b (x: int) : int8 = int8 x
    let c (x: int8) : float = float x
  `);
  assert.equal(categories(p, 'a'), ['overflow']);
  assert.equal(categories(p, 'b'), []);
  assert.equal(categories(p, 'c'), []);
  assert.is(nodes(fn(p, 'b'), 'Convert').length, 1);
});

test('pointer and span accesses carry bounds; arena spans use-after-reset when the program resets', () => {
  const p = core(`
    let ptr (n: int) : int =
        let p = NativePtr.stackalloc<int> 4
        NativePtr.set p 0 n
        NativePtr.write p 1
        NativePtr.get p 0 + NativePtr.read p
    let spans (s: Span<int>) : int =
        let t = Span.slice s 1 2
        t.[0] <- 5
        t.[1]
    let arena () : int =
        let a = Arena.create 64
        let s = Arena.alloc<int> a 2
        s.[0] <- 1
        Arena.reset a
        s.[0]
  `);
  assert.equal(categories(p, 'ptr'), ['bounds', 'bounds', 'bounds', 'bounds', 'overflow']);
  assert.equal(nodes(fn(p, 'ptr'), 'StackAlloc')[0]!.obs, [], 'a constant positive count needs no proof');
  // a span parameter may come from an arena that this program resets
  assert.equal(categories(p, 'spans'), ['bounds', 'use-after-reset', 'bounds', 'use-after-reset', 'bounds', 'use-after-reset']);
  assert.equal(categories(p, 'arena'), ['arena-capacity', 'bounds', 'use-after-reset', 'bounds', 'use-after-reset']);
  assert.is(nodes(fn(p, 'arena'), 'ArenaCreate')[0]!.capacity, 64n);
});

test('without any Arena.reset in the program, span accesses are only bounds', () => {
  const p = core(`
    let first (s: Span<int>) : int = s.[0]
  `);
  assert.equal(categories(p, 'first'), ['bounds']);
});

test('calls to a function with Requires carry precondition; Ensures is a postcondition of the function', () => {
  const p = core(`
    [<Requires("n > 0")>]
    [<Ensures("result >= 0")>]
    let half (n: int) : int = n / 2
    let user (k: int) : int = half k + half 4
  `);
  const half = fn(p, 'half');
  assert.equal(half.obs.map((o) => o.category), ['postcondition']);
  assert.is(half.requires.length, 1);
  assert.is(half.ensures.length, 1);
  assert.ok(nodes(half, 'Var').some((v) => v.name === 'result'));
  assert.equal(categories(p, 'user'), ['precondition', 'precondition', 'overflow']);
});

test('Contract.assert is an assertion, Contract.assume none', () => {
  const p = core(`
    let f (x: int) : int =
        Contract.assume (x > 0)
        Contract.assert (x + 1 > 1)
        x
  `);
  assert.equal(categories(p, 'f'), ['assertion']);
  assert.is(nodes(fn(p, 'f'), 'Assume').length, 1);
});

test('a function returning a span of its own stack memory carries stack-escape', () => {
  const p = core(`
    let bad () : Span<int> =
        let p = NativePtr.stackalloc<int> 4
        Span.ofPtr p 4
    let fine (s: Span<int>) : Span<int> = Span.slice s 0 1
  `);
  assert.ok(fn(p, 'bad').obs.some((o) => o.category === 'stack-escape'));
  assert.not.ok(fn(p, 'fine').obs.some((o) => o.category === 'stack-escape'));
});

test.run();
