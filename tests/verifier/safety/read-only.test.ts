// A call keeps the contents of the blocks the caller hands only to read-only parameters of
// the callee (summaries.ts `readOnly`, exec-call.ts), and still forgets every block the callee
// may write — also when that block is the same one passed to a read-only parameter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { describe, prove, verdicts } from './helpers.ts';

const CALLEE = `
    [<Requires("a.Length >= 2 && c.Length >= 2")>]
    let copy0 (a: Span<int>) (c: Span<int>) =
        c.[0] <- a.[0]
`;

test('a block handed to a read-only parameter keeps its contents', async () => {
  const rs = await prove(`${CALLEE}
    let main _ =
        let pa = NativePtr.stackalloc<int> 2
        let pc = NativePtr.stackalloc<int> 2
        let a = Span.ofPtr pa 2
        let c = Span.ofPtr pc 2
        a.[1] <- 5
        copy0 a c
        100 / a.[1]
  `);
  assert.is(verdicts(rs).get('div-by-zero@12'), 'proved', describe(rs));
});

test('a loop that hands a block to a read-only parameter keeps its contents', async () => {
  const rs = await prove(`${CALLEE}
    [<Requires("n >= 0")>]
    let run (n: int) : int =
        let pa = NativePtr.stackalloc<int> 2
        let pc = NativePtr.stackalloc<int> 2
        let a = Span.ofPtr pa 2
        let c = Span.ofPtr pc 2
        a.[1] <- 5
        for i in 1 .. n do
            copy0 a c
        100 / a.[1]
  `);
  assert.is(verdicts(rs).get('div-by-zero@14'), 'proved', describe(rs));
});

test('a written parameter still loses its contents, also when it aliases a read-only one', async () => {
  const rs = await prove(`${CALLEE}
    let main _ =
        let pa = NativePtr.stackalloc<int> 2
        let pc = NativePtr.stackalloc<int> 2
        let a = Span.ofPtr pa 2
        let c = Span.ofPtr pc 2
        c.[0] <- 5
        a.[0] <- 0
        copy0 a c
        let x = 100 / c.[0]
        a.[0] <- 5
        copy0 a a
        x + 100 / a.[0]
  `);
  const v = verdicts(rs);
  // c.[0] is a.[0] = 0 after the first call: a real division by zero
  assert.is(v.get('div-by-zero@13'), 'refuted', describe(rs));
  // copy0 a a writes a: its contents are unknown after the call (5 in fact, but the
  // callee has no Ensures), so not proved
  assert.is.not(v.get('div-by-zero@16'), 'proved', describe(rs));
});

test('a parameter that is sliced, copied or passed on to a writer is not read-only', async () => {
  const rs = await prove(`
    [<Requires("c.Length >= 2")>]
    let set0 (c: Span<int>) =
        c.[0] <- 0
    [<Requires("a.Length >= 2")>]
    let viaSlice (a: Span<int>) =
        let s = Span.slice a 0 1
        s.[0] <- 0
    [<Requires("a.Length >= 2")>]
    let viaCall (a: Span<int>) =
        set0 a
    let one (u: unit) : int =
        let p = NativePtr.stackalloc<int> 2
        let a = Span.ofPtr p 2
        a.[0] <- 5
        viaSlice a
        100 / a.[0]
    let two (u: unit) : int =
        let p = NativePtr.stackalloc<int> 2
        let a = Span.ofPtr p 2
        a.[0] <- 5
        viaCall a
        100 / a.[0]
  `);
  const v = verdicts(rs);
  assert.is(v.get('div-by-zero@16'), 'refuted', describe(rs));
  assert.is(v.get('div-by-zero@22'), 'refuted', describe(rs));
});

test.after(() => disposeSolvers());
test.run();
