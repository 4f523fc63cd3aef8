// Clef calls handed an Arena (core-calls engineer, arena-calls.ts). Before, any such call was
// `unsupported: a call of F, which takes or returns Arena` (tlv_parser decode and main,
// arena_queue main, region_stats main). Now the arena is passed as the two memrefs over its
// blocks, its counter is compared at the call, and after it the counter holds Core's used
// bytes and the caller's allocations below the counter are kept unless the callee resets.
// The arena is the caller's Arena parameter (`caller`) or one it creates (`local`).
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
[<Requires("Arena.remaining a >= 16 && x < 1000 && x > -1000")>]
let take (a: Arena) (x: int) : int =
    let s = Arena.alloc<int> a 1
    s.[0] <- x * 2
    s.[0] + 1

[<Requires("Arena.remaining a >= 64 && x < 1000 && x > -1000")>]
let caller (a: Arena) (x: int) : Span<int> =
    let s = Arena.alloc<int> a 2
    s.[0] <- x
    let y = take a x
    s.[1] <- y
    s

[<Requires("x < 1000 && x > -1000")>]
let local (x: int) : int =
    let a = Arena.create 64
    let s = Arena.alloc<int> a 1
    s.[0] <- x
    let y = take a 3
    s.[0] + y

let main _ = 0
`;

const core = frontEndText('arena-handed.clef', SOURCE).core;
const mlir = coreToMlir(core);

// limited by solver work (effort.ts), not the clock: caller's parts need up to 1.7 M units
// (0.7 s loaded, 26 Nov) and its verdicts are pinned
async function verdict(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'arena-handed.mutant.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: EFFORT.timeoutMs }));
}

for (const fn of ['caller', 'local']) {
  test(`${fn}: an allocation, a call handed the arena, the allocation read or returned: proved (was unsupported)`, async () => {
    const v = await verdict(fn);
    assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  });
}

test('caller: the counter not advanced past the allocation before the call (the callee allocates over it): refuted, replayed', async () => {
  const v = await verdict('caller', (t) => mutate(t, 'caller', /memref\.store %12, %a_1\[%c0_4\]/, 'memref.store %10, %a_1[%c0_4]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('caller: the result stored over element 0 after the call: refuted, replayed', async () => {
  const v = await verdict('caller', (t) => mutate(t, 'caller', /memref\.store %call_19, %view_16\[%21\]/, 'memref.store %call_19, %view_16[%18]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('local: the counter not advanced before the call: refuted, replayed', async () => {
  const v = await verdict('local', (t) => mutate(t, 'local', /memref\.store %14, %used_3\[%c0_5\]/, 'memref.store %12, %used_3[%c0_5]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('local: another operand handed to the callee: refuted, replayed', async () => {
  const v = await verdict('local', (t) => mutate(t, 'local', /func\.call @clef\.take\(%arena_2, %used_3, %c3_20\)/, 'func.call @clef.take(%arena_2, %used_3, %x_0)'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
