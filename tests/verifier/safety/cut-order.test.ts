// Bounded exploration (unrolling) and what a cut hides: an obligation whose every recorded
// check precedes a cut is not proved when an instance of it could run after the cut loop,
// e.g. in the next round of an enclosing loop; and a loop condition's checks at the head of
// an arbitrary iteration of a cut-point loop are covered by the entry and end-of-iteration
// evaluations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { fnObligations } from '../../../compiler/core/walk.ts';
import { loopKey } from '../../../verifier/semantics/symbolic/context.ts';
import { loopNesting, mayRunAfter } from '../../../verifier/safety/cut-order.ts';
import type { CExpr } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import { core, describe, prove, verdicts } from './helpers.ts';

const NESTED = `
  let main _ =
      for round in 1 .. 3 do
          let n = round * 4
          let mutable s = 0L
          for i in 0 .. n - 1 do
              s <- s + 1L
          let mutable t = 0L
          for i in 0 .. n - 1 do
              t <- t + s
              if i = 6 then t <- t + 9223372036854775800L
          Console.writeln (Format.int64 t)
      0
`;

test('mayRunAfter: the next round of an enclosing loop and the text after a loop run after it', () => {
  const prog = core(NESTED);
  const fn = prog.functions.find((f) => f.name === 'main')!;
  const loops: (CExpr & { kind: 'While' })[] = [];
  forEachNode(fn.body, (e) => {
    if (e.kind === 'While') loops.push(e);
  });
  const inner = loops.find((l) => l.span.line === 5)!;
  const n = loopNesting(fn);
  const cut = { loop: loopKey(inner.span), span: inner.span };
  const obs = fnObligations(fn);
  const at = (line: number) => obs.filter((o) => o.span.line === line);
  // `t + s` (line 9) is in the outer loop that also holds the cut loop
  assert.ok(at(9).length > 0 && at(9).every((o) => mayRunAfter(n, o, cut)));
  // `round * 4` (line 3) too: the outer loop's next round runs it after the cut
  assert.ok(at(3).length > 0 && at(3).every((o) => mayRunAfter(n, o, cut)));
  // a program with nothing around the loop: what comes before it does not run after it
  const flat = core(`
    let f (n: int) : int =
        let m = n + 1
        let mutable s = 0
        for i in 0 .. 9 do
            s <- s + 1
        s + m
  `);
  const g = flat.functions.find((x) => x.name === 'f')!;
  const gl: CExpr[] = [];
  forEachNode(g.body, (e) => {
    if (e.kind === 'While') gl.push(e);
  });
  const gc = { loop: loopKey(gl[0]!.span), span: gl[0]!.span };
  const gn = loopNesting(g);
  const gobs = fnObligations(g);
  assert.not.ok(mayRunAfter(gn, gobs.find((o) => o.span.line === 2)!, gc));
  assert.ok(mayRunAfter(gn, gobs.find((o) => o.span.line === 6)!, gc));
});

test('an obligation whose later rounds are cut is not proved by its first round', async () => {
  // Unrolled 4 times, the first round's inner loops exit (4 iterations) and the second
  // round's are cut, so every recorded check of `s + scratch.[i]` comes from the first
  // round: that obligation was reported `proved` ("every loop exits within the unrolling").
  const rs = await prove(`
    let main _ =
        for round in 1 .. 3 do
            Contract.invariant (round >= 1 && round <= 3)
            use r = Region.create ()
            let scratch = Region.alloc<int64> r (round * 4)
            for i in 0 .. scratch.Length - 1 do
                Contract.invariant (i >= 0 && i < scratch.Length && scratch.Length = round * 4)
                scratch.[i] <- int64 (i * round)
            let mutable s = 0L
            for i in 0 .. scratch.Length - 1 do
                s <- s + scratch.[i]
                if i = 6 then s <- s + 9223372036854775800L
            Console.writeln (Format.int64 s)
        0
  `);
  const got = verdicts(rs);
  assert.is.not(got.get('overflow@11'), 'proved', describe(rs));
  assert.is(got.get('overflow@12'), 'refuted', describe(rs));
});

test("a cut-point loop's condition is checked on entry and after each iteration, not on the havocked state", async () => {
  // The inner condition reads p j: in bounds on entry (j = i - 1) and after every
  // iteration (the invariant is preserved and j is decremented); the havocked head state
  // alone says nothing about j.
  const rs = await prove(`
    [<Requires("n >= 0 && n <= NativePtr.extent p")>]
    let sort (p: nativeptr<int32>) (n: int) =
        let mutable i = 1
        while i < n do
            Contract.invariant (1 <= i && i < n)
            Contract.decreases (n - i)
            let key = NativePtr.get p i
            let mutable j = i - 1
            while j >= 0 && NativePtr.get p j > key do
                Contract.invariant (j >= 0 && j < i)
                Contract.decreases j
                NativePtr.set p (j + 1) (NativePtr.get p j)
                j <- j - 1
            NativePtr.set p (j + 1) key
            i <- i + 1
    [<Requires("n >= 1 && n <= NativePtr.extent p")>]
    let scan (p: nativeptr<int32>) (n: int) : int =
        let mutable j = 0
        while NativePtr.get p j <> 0l do
            Contract.invariant (j >= 0 && j < n)
            j <- j + 1
        j
  `);
  const got = verdicts(rs);
  assert.is(got.get('bounds@9'), 'proved', describe(rs));
  // still refuted where the condition really reads out of bounds (j reaches n)
  assert.is(got.get('bounds@19'), 'refuted', describe(rs));
});

test.after(() => disposeSolvers());
test.run();
