// An allocation of the Arena parameter handed to Clef calls as a span (core-calls engineer,
// arena-calls.ts allocPairs). Before, `unsupported: a call passing memory that is not an
// argument block or a static` (arena_queue runFrame hands its undo stack to pop). Now the
// allocation is related to the arena's bytes at its start, at the calls, while alive.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const SOURCE = `
let readAt (s: Span<int64>) (i: int) : int64 = if i >= 0 && i < s.Length then s.[i] else 0L

[<Requires("s.Length >= 1 && s.[0] < 1000L")>]
let bump (s: Span<int64>) : unit = s.[0] <- s.[0] + 1L

[<Requires("Arena.remaining a >= 64 && x < 100L")>]
let useAlloc (a: Arena) (x: int64) : int64 =
    let s = Arena.alloc<int64> a 2
    s.[0] <- x
    bump s
    readAt s 0 + readAt s 1

let main _ = 0
`;

const core = frontEndText('arena-spans.clef', SOURCE).core;
const mlir = coreToMlir(core);

// limited by solver work (effort.ts), not the clock: useAlloc's parts need up to 2.5 M units (1.6 s loaded, 26 Nov)
// and the verdicts are pinned
async function verdict(edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'arena-spans.mutant.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === 'useAlloc')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: EFFORT.timeoutMs }));
}

test('an allocation written, handed to a writer and to readers: proved (was unsupported)', async () => {
  const v = await verdict();
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test('0 stored instead of x before the writer: refuted, replayed', async () => {
  const v = await verdict((t) => mutate(t, 'useAlloc', /memref\.store %x_2, %view_16\[%18\]/, 'memref.store %c0_17, %view_16[%18]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('the writer not called: refuted, replayed', async () => {
  const v = await verdict((t) => mutate(t, 'useAlloc', /\n\s*func\.call @clef\.bump\(%view_16\)[^\n]*/, ''));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
