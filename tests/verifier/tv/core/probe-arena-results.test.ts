// Soundness probe of a span returned by a callee handed an arena (arena-results.ts) when the
// callee is one whose check covers its span inside its arena (arena-span-lift.ts) and returns
// that span: Core's result may be the handed allocation or a fresh allocation of the arena
// (exec-call.ts resultRefs), and the caller relates both. A target that places the caller's
// next allocation over the handed allocation (its start the counter before the first
// allocation) overwrites b.[0] with 9: a real run returns 9 + 5 + 9 where Core returns
// 1 + 5 + 9. The relation of the returned span (an assumption) must not hide it: refuted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const p = probeProgram('probe-arena-results', `
let keep (a: Arena) (s: Span<byte>) : Span<byte> = s

[<Requires("Arena.remaining a >= 64")>]
let viaKeep (a: Arena) : int =
    let b = Arena.alloc<byte> a 4
    b.[0] <- 1uy
    let k = keep a b
    k.[1] <- 5uy
    let c = Arena.alloc<byte> a 4
    c.[0] <- 9uy
    int b.[0] + int b.[1] + int c.[0]

let main _ = 0
`);

/** The second allocation's start: the counter as loaded before the first one. */
function overFirst(t: string): string {
  const body = t.slice(t.indexOf('func.func @clef.viaKeep('));
  const used = [...body.matchAll(/(%used_\d+) = memref\.load/g)].map((m) => m[1]!);
  if (used.length < 2) throw new Error('two counter loads expected');
  return mutate(t, 'viaKeep', `arith.index_cast ${used[1]} : i64 to index`, `arith.index_cast ${used[0]} : i64 to index`);
}

test('a later allocation placed over the allocation a callee handed back: refuted', async () => {
  const v = await p.verdict('viaKeep', overFirst);
  assert.match(v, /^refuted/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
