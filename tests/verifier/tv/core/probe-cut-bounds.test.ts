// Soundness probe of the cut-point parts simplified by bounds before any solver (cut-bounds.ts,
// with simplify-bounds.ts's session-9 deductions: a chain of two relational facts, the interval
// of a sign-extended index, assumptions read twice). The loops below read s.[i] and s.[i + 1]
// under `i + 1 < n`, `n <= s.Length` — the index chain those deductions fold. Targets with one
// more read whose value is unused (s.[i + 1] in `sum`, s.[i + 2] in `pairs`) differ only by
// undefined behaviour in the last iteration when n = s.Length: a part folded to false there
// would be a wrong `proved` for executions of any length. Both must be refuted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const p = probeProgram('probe-cut-bounds', `
[<Requires("n >= 0 && n <= s.Length")>]
let sum (s: Span<int>) (n: int) : int =
    let mutable acc = 0
    let mutable i = 0
    while i < n do
        acc <- Wrapping.add acc s.[i]
        i <- i + 1
    acc

[<Requires("n >= 1 && n <= s.Length")>]
let pairs (s: Span<byte>) (n: int) : int =
    let mutable acc = 0
    let mutable i = 0
    while i + 1 < n do
        acc <- Wrapping.add acc (int s.[i + 1] - int s.[i])
        i <- i + 1
    acc

let main _ = 0
`);

/** After the body's counter increment `%N = arith.addi %i, %c1`, a load of s at index N
 *  (extra 0) or N + 1 (extra 1), its value unused. */
function extraRead(fn: string, ty: string, extra: 0 | 1) {
  const at = extra === 0 ? '$3' : '%xat';
  const add = extra === 0 ? '' : '$2%xat = arith.addi $3, $5 : i64\n';
  return (t: string) => mutate(t, fn, /(\n(\s+)(%\d+) = arith\.addi (%i_\d+), (%c1_\d+) : i64\n)(\s+memref\.store %mark_v)/, `$1${add}$2%xix = arith.index_cast ${at} : i64 to index\n$2%xv = memref.load %s_0[%xix] : memref<?x${ty}, strided<[1], offset: ?>>\n$6`);
}

test('the index chain is folded where it holds: pairs is proved for executions of any length', async () => {
  assert.match(await p.verdict('pairs'), /^proved: .*any length/);
});

test('one more read past the chain (UB in the last iteration only): refuted, never proved', async () => {
  assert.match(await p.verdict('sum', extraRead('sum', 'i64', 0)), /^refuted: .*undefined behaviour/);
  assert.match(await p.verdict('pairs', extraRead('pairs', 'i8', 1)), /^refuted: .*undefined behaviour/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
