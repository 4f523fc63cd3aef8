// The precondition of a check with an Arena parameter (arena-alias.ts): its span parameters
// lie outside the arena's byte block. `clobber` resets its arena, allocates, writes and then
// reads its span: proved under the precondition (its target reads the span's own block), but
// where the span lay in the arena the target would read the 7 it wrote. So a call site that
// hands an arena with a span of one of its allocations — directly, through a span a call
// returned, or from an arena the caller creates — is never proved, whatever the target does;
// a span the caller was handed itself keeps the precondition (its own) and is proved.
// `clobber` reads its span through a Clef call (`first`), so its check keeps the precondition:
// a callee with Clef calls is not checked with its span inside its arena (arena-span-lift.ts;
// arena-span-lift.test.ts has the callees that are, and their callers).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { mutate, probeProgram } from './helpers.ts';

const p = probeProgram('arena-alias', `
let first (s: Span<byte>) : Span<byte> = Span.slice s 0 1

[<Requires("s.Length >= 1")>]
let clobber (a: Arena) (s: Span<byte>) : int =
    Arena.reset a
    let t = Arena.alloc<byte> a 1
    t.[0] <- 7uy
    int (first s).[0]

[<Requires("Arena.remaining a >= 64")>]
let direct (a: Arena) : int =
    let b = Arena.alloc<byte> a 4
    b.[0] <- 1uy
    clobber a b

[<Requires("Arena.remaining a >= 64")>]
let viaResult (a: Arena) : int =
    let b = Arena.alloc<byte> a 4
    b.[0] <- 1uy
    clobber a (first b)

let local (x: int) : int =
    let a = Arena.create 64
    let b = Arena.alloc<byte> a 4
    clobber a b

[<Requires("s.Length >= 1")>]
let apart (a: Arena) (s: Span<byte>) : int =
    clobber a s

let main _ = 0
`);

test('the callee that writes through its arena and reads its span: proved, under the precondition', async () => {
  assert.match(await p.verdict('clobber'), /^proved/);
});

test('a caller handing the arena and one of its allocations: not proved, the precondition named', async () => {
  const v = await p.verdict('direct');
  assert.match(v, /^unsupported: .*a call of clobber handed an Arena and a span of one of its allocations/);
  assert.match(v, /assumes its span and pointer parameters lie outside its Arena parameter's block/);
});

test('the same caller with a target that differs (the call result replaced by 1): not proved', async () => {
  const v = await p.verdict('direct', (t) => mutate(t, 'direct', /return %(call_\d+) : i64/, 'return %c1_i64_alias : i64').replace('func.func @clef.direct(%a_0: memref<?xi8>, %a_1: memref<1xi64>) -> i64 {', 'func.func @clef.direct(%a_0: memref<?xi8>, %a_1: memref<1xi64>) -> i64 {\n    %c1_i64_alias = arith.constant 1 : i64'));
  assert.not.match(v, /^proved|^bounded/);
});

test('the allocation handed through a span a call returned: not proved', async () => {
  assert.match(await p.verdict('viaResult'), /^unsupported: .*handed an Arena and a span of one of its allocations/);
});

test('an allocation of an arena the caller creates, handed with it: not proved', async () => {
  assert.not.match(await p.verdict('local'), /^proved|^bounded/);
});

test('a span parameter handed on with the Arena parameter keeps the precondition: proved', async () => {
  assert.match(await p.verdict('apart'), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
