// Soundness probe of the arena/span precondition
// (verifier/tv/core/arena-alias.ts): a check with an Arena parameter assumes its span
// parameters lie outside the arena's block, and every call handed an arena is checked against
// it. Ways around that check, each refused before any solver runs (so never proved):
//   - a second Arena parameter: `two a b` hands `clobber` the arena `a` and a span of `b`,
//     which passes the check, yet a caller may hand `two` one arena twice (`twice`);
//   - the span or the arena inside a record operand (the check looks at span operands);
//   - a span carried in a mutable variable across a loop (its block then a loop unknown, no
//     allocation the check could name).
// `clobber` resets its arena, writes 7 and reads its span: proved under the precondition
// until session 9; callers here hand it allocations, so its check now also covers its span
// inside its arena (arena-span-lift.ts), where it is not proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { probeProgram } from './helpers.ts';

const p = probeProgram('probe-arena-alias', `
type R = { S: Span<byte>; N: int }
type H = { A: Arena; N: int }

[<Requires("s.Length >= 1")>]
let clobber (a: Arena) (s: Span<byte>) : int =
    Arena.reset a
    let t = Arena.alloc<byte> a 1
    t.[0] <- 7uy
    int s.[0]

[<Requires("Arena.remaining b >= 64")>]
let two (a: Arena) (b: Arena) : int =
    let s = Arena.alloc<byte> b 4
    s.[0] <- 1uy
    clobber a s

[<Requires("r.S.Length >= 1")>]
let clobberR (a: Arena) (r: R) : int =
    Arena.reset a
    let t = Arena.alloc<byte> a 1
    t.[0] <- 7uy
    int r.S.[0]

[<Requires("Arena.remaining a >= 64")>]
let viaRecord (a: Arena) : int =
    let s = Arena.alloc<byte> a 4
    s.[0] <- 1uy
    clobberR a { S = s; N = 1 }

[<Requires("s.Length >= 1")>]
let clobberH (h: H) (s: Span<byte>) : int =
    Arena.reset h.A
    let t = Arena.alloc<byte> h.A 1
    t.[0] <- 7uy
    int s.[0]

[<Requires("Arena.remaining a >= 64")>]
let viaHandle (a: Arena) : int =
    let s = Arena.alloc<byte> a 4
    s.[0] <- 1uy
    clobberH { A = a; N = 1 } s

[<Requires("Arena.remaining a >= 64 && n >= 0 && n < 3")>]
let viaLoop (a: Arena) (n: int) : int =
    let b = Arena.alloc<byte> a 4
    let c = Arena.alloc<byte> a 4
    b.[0] <- 1uy
    let mutable s = b
    for i in 0 .. n do
        s <- c
    clobber a s

let main _ = 0
`);

// session 9 (arena-span-lift.ts): `two` and `viaLoop` hand clobber a local allocation, so its
// check also covers its span inside its arena, where the reset and the write reach the span
test('the callee: not proved once callers may hand it an allocation of its arena', async () => {
  const v = await p.verdict('clobber');
  assert.not.match(v, /^proved|^bounded/);
  assert.match(v, /span parameter lies inside its Arena parameter's block/);
});

test('a second Arena parameter (the two may be one arena): not mapped', async () => {
  assert.match(await p.verdict('two'), /^unsupported: .*a second Arena parameter/);
});

test('the span in a record, the arena in a record: not mapped', async () => {
  for (const f of ['clobberR', 'viaRecord', 'clobberH', 'viaHandle']) assert.match(await p.verdict(f), /^unsupported: /, f);
});

test('a span carried across a loop, handed with the arena: not mapped', async () => {
  assert.match(await p.verdict('viaLoop'), /^unsupported: .*a call passing memory that is not an argument block/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
